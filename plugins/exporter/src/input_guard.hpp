#pragma once
// Outputs must never replace the files a run reads: `-o doc.txt` for the input doc.txt, or
// brat's companion doc.txt beside `-o doc.ann`, would destroy the user's original. Files are
// compared by identity (device and inode), so another spelling or a symlink is caught too.

#include <sys/types.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace docpipe::exporter {

class InputGuard {
public:
    /// Guards nothing (`--in-place`, or no inputs known).
    InputGuard() = default;
    /// Guards every existing regular file among `inputs`.
    explicit InputGuard(const std::vector<std::string>& inputs);

    /// Throws docpipe::UsageError when `output` is one of the inputs.
    void check_file(const std::string& output) const;
    /// Throws docpipe::UsageError when an input's path matches `pattern`, the glob of a
    /// per-document template (fnmatch(3) with FNM_PATHNAME; {id} is `*`).
    void check_pattern(const std::string& pattern, const std::string& template_path) const;

private:
    std::map<std::pair<dev_t, ino_t>, std::string> inputs_;
};

}  // namespace docpipe::exporter
