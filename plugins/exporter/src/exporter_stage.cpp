#include "exporter_stage.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "utf8_check.hpp"

namespace docpipe::exporter {
namespace {

void write_stdout(std::string_view bytes) {
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), stdout) != bytes.size()) {
        throw std::runtime_error(std::string("cannot write to stdout: ") + std::strerror(errno));
    }
    if (std::fflush(stdout) != 0) {
        throw std::runtime_error(std::string("cannot write to stdout: ") + std::strerror(errno));
    }
}

}  // namespace

StageInfo ExporterStage::info() {
    std::string names;
    for (const auto& n : format_names()) names += (names.empty() ? "" : ", ") + n;
    return {
        .name = "exporter",
        .version = "1.0.0",
        .description = "writes documents as " + names + " (stdout, a file or out/{id}.{ext})",
        .params =
            {
                ParamSpec{"format", ParamType::string, std::string("json"), "output format"}
                    .with_allowed(format_names()),
                ParamSpec{"path", ParamType::string, std::string("-"),
                          "\"-\" for stdout, a file, or a template with {id} (one file per "
                          "document) and {ext} (the format's extension), e.g. out/{id}.{ext}; "
                          "brat writes <path> (.ann) and <path without extension>.txt"},
                ParamSpec{"overwrite", ParamType::boolean, true,
                          "replace existing files; when false an existing target is an error"},
            },
        .thread_safe = false,
    };
}

void ExporterStage::configure(const Params& params, const StageContext&) {
    const std::string& name = params.get_string("format");
    format_ = find_format(name);
    if (format_ == nullptr) throw std::invalid_argument("unknown format '" + name + "'");
    path_.emplace(params.get_string("path"));
    overwrite_ = params.get_bool("overwrite") ? Overwrite::replace : Overwrite::refuse;

    if (!format_->companion_extension.empty() && path_->is_stdout()) {
        throw std::invalid_argument("format " + name + " writes two files (." +
                                    std::string(format_->extension) + " and ." +
                                    std::string(format_->companion_extension) +
                                    "); set path to a file or a template such as out/{id}.{ext}");
    }
    if (!format_->companion_extension.empty()) {
        const std::string probe = path_->resolve("probe", format_->extension);
        if (companion_path(probe) == probe) {
            throw std::invalid_argument(
                "path '" + path_->raw() + "' would give the ." + std::string(format_->extension) +
                " file the name of its ." + std::string(format_->companion_extension) +
                " companion; use another extension, e.g. out/{id}.{ext}");
        }
    }
    if (!path_->per_document()) {
        collected_ = format_->make_writer();
        // Fail before any document is processed rather than after the whole run.
        if (overwrite_ == Overwrite::refuse && !path_->is_stdout()) {
            const std::string main = path_->resolve({}, format_->extension);
            for (const std::string& p : {main, companion_path(main)}) {
                if (!p.empty() && std::filesystem::exists(p)) throw_target_exists(p);
            }
        }
    }
}

std::string ExporterStage::companion_path(const std::string& main_path) const {
    if (format_->companion_extension.empty()) return {};
    return with_extension(main_path, format_->companion_extension);
}

void ExporterStage::claim(const std::string& path, const std::string& doc_id) {
    const auto [it, inserted] = written_by_.emplace(path, doc_id);
    if (!inserted) {
        throw std::runtime_error("document '" + printable(doc_id) + "' would overwrite '" + path +
                                 "', written earlier in this run for document '" +
                                 printable(it->second) +
                                 "' (document ids must stay distinct once made safe for paths)");
    }
}

void ExporterStage::process(Document& doc) {
    if (format_ == nullptr) throw std::logic_error("exporter: process() before configure()");
    require_valid_utf8(doc);
    if (!path_->per_document()) {
        collected_->add(doc);
        return;
    }
    const std::string main = path_->resolve(doc.id(), format_->extension);
    claim(main, doc.id());
    const std::string companion = companion_path(main);
    if (!companion.empty()) claim(companion, doc.id());
    auto writer = format_->make_writer();
    writer->add(doc);
    write_target(main, writer->render());
}

void ExporterStage::write_target(const std::string& main_path, const Rendered& rendered) {
    const std::string companion = companion_path(main_path);
    if (companion.empty()) {
        write_file_atomically(main_path, rendered.main, overwrite_);
        return;
    }
    // Both files are complete on disk before either is renamed into place.
    PendingFile text_file(companion);
    text_file.write(rendered.companion);
    PendingFile main_file(main_path);
    main_file.write(rendered.main);
    if (overwrite_ == Overwrite::refuse && std::filesystem::exists(main_path)) {
        throw_target_exists(main_path);
    }
    text_file.commit(overwrite_);
    main_file.commit(overwrite_);
}

void ExporterStage::finish() {
    if (!collected_) return;
    const Rendered rendered = collected_->render();
    collected_.reset();
    if (path_->is_stdout()) {
        write_stdout(rendered.main);
    } else {
        write_target(path_->resolve({}, format_->extension), rendered);
    }
}

}  // namespace docpipe::exporter
