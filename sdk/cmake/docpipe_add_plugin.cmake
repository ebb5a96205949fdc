# docpipe_add_plugin(<name> SOURCES <file>... [DATA <dir>] [LINK_LIBRARIES <lib>...]
#                    [COMPILE_DEFINITIONS <def>...] [OUTPUT_DIRECTORY <dir>] [SDK <target>]
#                    [NO_INSTALL])
#
# Builds plugin <name> as <name>.so with hidden visibility, embeds its JSON manifest in the
# `.docpipe_manifest` ELF section (so the host can describe it without loading it), and copies
# DATA next to it as <plugin dir>/<name>/, where StageContext::data_dir points. SDK names the
# headers' target (default docpipe::sdk; the tests build one plugin against a frozen copy).
include_guard(GLOBAL)

function(docpipe_add_plugin name)
    cmake_parse_arguments(arg "NO_INSTALL" "DATA;OUTPUT_DIRECTORY;SDK"
                          "SOURCES;LINK_LIBRARIES;COMPILE_DEFINITIONS" ${ARGN})
    if(NOT arg_SDK)
        set(arg_SDK docpipe::sdk)
    endif()
    if(NOT arg_SOURCES)
        message(FATAL_ERROR "docpipe_add_plugin(${name}): SOURCES is required")
    endif()
    set(out_dir ${arg_OUTPUT_DIRECTORY})
    if(NOT out_dir)
        if(DOCPIPE_PLUGIN_OUTPUT_DIR)
            set(out_dir ${DOCPIPE_PLUGIN_OUTPUT_DIR})
        else()
            set(out_dir ${CMAKE_CURRENT_BINARY_DIR})
        endif()
    endif()

    # The plugin's code is compiled once and linked twice: into the plugin and into the
    # build-time tool that prints its manifest.
    add_library(${name}_objects OBJECT ${arg_SOURCES})
    target_link_libraries(${name}_objects PUBLIC ${arg_SDK} ${arg_LINK_LIBRARIES})
    target_compile_definitions(${name}_objects PUBLIC ${arg_COMPILE_DEFINITIONS})
    set_target_properties(${name}_objects PROPERTIES
        POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
    # GCC marks some template statics STB_GNU_UNIQUE, which makes glibc refuse to ever unload
    # the library; without them a plugin is really unloaded when its last object goes.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${name}_objects PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-fno-gnu-unique>)
    endif()

    add_executable(${name}_manifest_tool ${DOCPIPE_MANIFEST_TOOL_SOURCE})
    target_link_libraries(${name}_manifest_tool PRIVATE ${name}_objects)
    set_target_properties(${name}_manifest_tool PROPERTIES
        RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

    add_library(${name} MODULE)
    target_link_libraries(${name} PRIVATE ${name}_objects)
    set_target_properties(${name} PROPERTIES PREFIX "" LIBRARY_OUTPUT_DIRECTORY ${out_dir})
    # Every symbol resolved at link time, not at dlopen. Except under clang's sanitizers: clang
    # links their runtime into the executable only, so a plugin refers to it undefined.
    if(NOT (CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND DOCPIPE_SANITIZE))
        target_link_options(${name} PRIVATE -Wl,--no-undefined)
    endif()

    find_program(DOCPIPE_OBJCOPY NAMES objcopy ${CMAKE_OBJCOPY} REQUIRED)
    set(manifest ${CMAKE_CURRENT_BINARY_DIR}/${name}.manifest.json)
    add_custom_command(TARGET ${name} POST_BUILD
        COMMAND ${CMAKE_COMMAND} -E env DOCPIPE_MANIFEST_TOOL=1
                $<TARGET_FILE:${name}_manifest_tool> ${manifest}
        COMMAND ${DOCPIPE_OBJCOPY} --remove-section .docpipe_manifest
                --add-section .docpipe_manifest=${manifest}
                --set-section-flags .docpipe_manifest=readonly $<TARGET_FILE:${name}>
        COMMENT "Embedding the manifest of plugin ${name}"
        VERBATIM)

    if(arg_DATA)
        get_filename_component(data_dir ${arg_DATA} ABSOLUTE)
        file(GLOB_RECURSE data_files CONFIGURE_DEPENDS ${data_dir}/*)
        set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${name}_data.stamp)
        add_custom_command(OUTPUT ${stamp}
            COMMAND ${CMAKE_COMMAND} -E remove_directory ${out_dir}/${name}
            COMMAND ${CMAKE_COMMAND} -E copy_directory ${data_dir} ${out_dir}/${name}
            COMMAND ${CMAKE_COMMAND} -E touch ${stamp}
            DEPENDS ${data_files}
            COMMENT "Copying data of plugin ${name}")
        add_custom_target(${name}_data DEPENDS ${stamp})
        add_dependencies(${name} ${name}_data)
    endif()

    if(NOT arg_NO_INSTALL)
        if(NOT DOCPIPE_PLUGIN_INSTALL_DIR)
            set(DOCPIPE_PLUGIN_INSTALL_DIR lib/docpipe/plugins)
        endif()
        install(TARGETS ${name} LIBRARY DESTINATION ${DOCPIPE_PLUGIN_INSTALL_DIR})
        if(arg_DATA)
            install(DIRECTORY ${data_dir}/ DESTINATION ${DOCPIPE_PLUGIN_INSTALL_DIR}/${name})
        endif()
    endif()
endfunction()
