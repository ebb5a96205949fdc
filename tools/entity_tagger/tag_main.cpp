// et_tag: prints the entities of a text file, one per line: begin end label score source text.
//   et_tag MODEL FILE
#include <cstdio>
#include <fstream>
#include <sstream>

#include "tagger.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: et_tag MODEL FILE\n");
        return 64;
    }
    try {
        std::ifstream in(argv[2], std::ios::binary);
        if (!in) throw std::runtime_error(std::string("cannot open ") + argv[2]);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        const entity_tagger::Tagger tagger(entity_tagger::SequenceModel::load(argv[1]));
        entity_tagger::Tagger::Workspace ws;
        std::vector<entity_tagger::Entity> found;
        tagger.tag(text, ws, found);
        for (const auto& e : found) {
            std::printf("%zu\t%zu\t%.*s\t%.3f\t%.*s\t%s\n", e.span.begin, e.span.end,
                        static_cast<int>(e.label.size()), e.label.data(), e.score,
                        static_cast<int>(e.source.size()), e.source.data(),
                        text.substr(e.span.begin, e.span.size()).c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "et_tag: %s\n", e.what());
        return 1;
    }
    return 0;
}
