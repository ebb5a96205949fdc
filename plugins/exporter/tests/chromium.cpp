#include "chromium.hpp"

#include <png.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "test_support.hpp"

namespace docpipe::exporter::testing {
namespace {

std::string quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

std::string find_chromium() {
    if (const char* env = std::getenv("EXPORTER_CHROMIUM"); env != nullptr && *env != '\0') {
        return env;
    }
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        for (const char* name : {"chromium", "chromium-browser"}) {
            const auto candidate = std::filesystem::path(dir) / name;
            if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        }
    }
    return {};
}

std::string run_chromium(const std::string& chromium, const std::filesystem::path& page,
                         const std::filesystem::path& work_dir,
                         const std::vector<std::string>& mode_flags) {
    static int run = 0;
    const auto profile = work_dir / ("profile-" + std::to_string(++run));
    const auto out = work_dir / ("stdout-" + std::to_string(run));
    const auto err = work_dir / ("stderr-" + std::to_string(run));
    // Flags keep Chromium offline and self-contained: no sandbox (root in CI), no GPU, no
    // network services, a throw-away profile.
    std::string command =
        "timeout 120 " + quote(chromium) +
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update"
        " --disable-sync --disable-extensions --disable-dev-shm-usage --hide-scrollbars"
        " --user-data-dir=" +
        quote(profile.string());
    for (const auto& f : mode_flags) command += " " + quote(f);
    command += " " + quote("file://" + std::filesystem::absolute(page).string());
    command += " >" + quote(out.string()) + " 2>" + quote(err.string()) + " </dev/null";
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::string stderr_text;
        try {
            stderr_text = read_file(err);
        } catch (...) {
        }
        throw std::runtime_error("chromium failed (status " + std::to_string(status) +
                                 "): " + command + "\n" + stderr_text);
    }
    return read_file(out);
}

Image read_png(const std::filesystem::path& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        throw std::runtime_error("cannot read PNG " + path.string() + ": " + image.message);
    }
    image.format = PNG_FORMAT_RGB;
    Image out;
    out.width = image.width;
    out.height = image.height;
    out.rgb.resize(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, out.rgb.data(), 0, nullptr)) {
        png_image_free(&image);
        throw std::runtime_error("cannot decode PNG " + path.string() + ": " + image.message);
    }
    return out;
}

}  // namespace docpipe::exporter::testing
