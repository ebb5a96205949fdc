#include "input_guard.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <filesystem>

#include "docpipe/stage.hpp"

namespace docpipe::exporter {
namespace {

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    const auto p = std::filesystem::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
}

// `path` with its folder resolved (symlinks, "..") and its own name kept.
std::string with_real_folder(const std::string& path) {
    const std::filesystem::path p(absolute_path(path));
    std::error_code ec;
    const auto folder = std::filesystem::weakly_canonical(p.parent_path(), ec);
    return ec ? p.string() : (folder / p.filename()).string();
}

const char* const how_to_fix =
    "; choose another output path, or pass --in-place to replace the input on purpose";

}  // namespace

InputGuard::InputGuard(const std::vector<std::string>& inputs) {
    for (const auto& input : inputs) {
        struct stat st {};
        // Only regular files can be destroyed by a rename; a terminal on both stdin and
        // stdout is one node but no conflict.
        if (::stat(input.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
        inputs_.emplace(std::pair{st.st_dev, st.st_ino}, input);
    }
}

void InputGuard::check_file(const std::string& output) const {
    if (inputs_.empty()) return;
    struct stat st {};
    if (::stat(output.c_str(), &st) != 0) return;
    const auto it = inputs_.find({st.st_dev, st.st_ino});
    if (it == inputs_.end()) return;
    const std::string same = it->second == output ? "" : " (the same file as '" + output + "')";
    throw UsageError("output '" + output + "' is the input '" + it->second + "'" + same +
                     " of this run: writing it would destroy the input" + how_to_fix);
}

void InputGuard::check_pattern(const std::string& pattern, const std::string& template_path) const {
    // Folders compared resolved, so `-o alias/{id}.txt` over a symlink to the input folder is
    // caught too; a pattern whose folder holds {id} is compared as written.
    const std::string folder = std::filesystem::path(pattern).parent_path().string();
    const bool plain_folder = folder.find_first_of("*?[\\") == std::string::npos;
    const std::string resolved = plain_folder ? with_real_folder(pattern) : absolute_path(pattern);
    for (const auto& [identity, input] : inputs_) {
        std::error_code ec;
        const auto real_input = std::filesystem::weakly_canonical(absolute_path(input), ec);
        const bool matches =
            ::fnmatch(resolved.c_str(), with_real_folder(input).c_str(), FNM_PATHNAME) == 0 ||
            (!ec && ::fnmatch(resolved.c_str(), real_input.c_str(), FNM_PATHNAME) == 0);
        if (matches) {
            throw UsageError("outputs '" + template_path + "' may replace the input '" + input +
                             "' of this run (a document's file name can be the input's own)" +
                             how_to_fix);
        }
    }
}

}  // namespace docpipe::exporter
