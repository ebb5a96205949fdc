// Prints the JSON manifest of the plugin this program is linked with. docpipe_add_plugin()
// links it against the plugin's own object files at build time, so the manifest always
// matches the plugin's code and SDK version; the host then reads it without loading the plugin.
#include <cstdio>
#include <fstream>

#include "docpipe/manifest.hpp"

extern "C" const docpipe_plugin_descriptor* docpipe_plugin_entry(
    const docpipe_host_api* host) noexcept;

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.json\n", argv[0]);
        return 64;
    }
    const docpipe_plugin_descriptor* d = docpipe_plugin_entry(nullptr);
    if (d->registration_error != nullptr) {
        std::fprintf(stderr, "plugin %s: registering stages failed: %s\n", d->name,
                     d->registration_error);
        return 70;
    }
    std::ofstream out(argv[1], std::ios::binary);
    out << docpipe::manifest::to_json(*d);
    return out.good() ? 0 : 74;
}
