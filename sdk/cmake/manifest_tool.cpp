// Prints the JSON manifest of the plugin this program is linked with. docpipe_add_plugin()
// links it against the plugin's own object files at build time, so the manifest always
// matches the plugin's code and SDK version; the host then reads it without loading the plugin.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "docpipe/manifest.hpp"

extern "C" const docpipe_plugin_descriptor* docpipe_plugin_entry() noexcept;

namespace {
class RecordingRegistrar final : public docpipe::Registrar {
public:
    void add_stage(docpipe::StageInfo info, docpipe::StageFactory) override {
        stages.push_back(std::move(info));
    }
    std::vector<docpipe::StageInfo> stages;
};
}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT.json\n", argv[0]);
        return 64;
    }
    const docpipe_plugin_descriptor* d = docpipe_plugin_entry();
    RecordingRegistrar registrar;
    std::string error;
    if (!d->register_stages(&registrar, nullptr, &error)) {
        std::fprintf(stderr, "plugin %s: registering stages failed: %s\n", d->name, error.c_str());
        return 70;
    }
    std::ofstream out(argv[1], std::ios::binary);
    out << docpipe::manifest::to_json(*d, registrar.stages);
    return out.good() ? 0 : 74;
}
