#pragma once
// Runs headless Chromium on a local HTML file: a screenshot and the DOM it built.

#include <filesystem>
#include <string>
#include <vector>

namespace docpipe::exporter::testing {

/// The Chromium binary: $EXPORTER_CHROMIUM, else `chromium` or `chromium-browser` on PATH.
/// Empty when none is found.
std::string find_chromium();

/// Runs Chromium headless on `page` with `mode_flags` (e.g. --dump-dom); returns its stdout.
/// A fresh profile under `work_dir`; nothing is fetched. Throws on a non-zero exit, with the
/// command and Chromium's stderr.
std::string run_chromium(const std::string& chromium, const std::filesystem::path& page,
                         const std::filesystem::path& work_dir,
                         const std::vector<std::string>& mode_flags);

/// An RGB image.
struct Image {
    unsigned width = 0, height = 0;
    std::vector<unsigned char> rgb;  ///< row-major, 3 bytes a pixel
};

/// Reads a PNG file (libpng); throws on failure.
Image read_png(const std::filesystem::path& path);

}  // namespace docpipe::exporter::testing
