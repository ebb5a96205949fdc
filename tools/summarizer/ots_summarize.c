/* Runs OTS 0.5.0 (libots, Debian package libots-dev) the way the `ots` command does, but
 * asks for a number of sentences instead of a percentage, so OTS competes at the same length
 * as the other systems. Prints the chosen sentences one a line, in document order.
 *
 *   ots_summarize K < article.txt > summary.txt
 *   ots_summarize --bench REPEATS FILE   (grades FILE REPEATS times; prints words/s)
 *
 * Built by tools/summarizer/evaluate.sh and bench/summarizer/run.sh; not part of the build. */
#include <stdio.h> /* before libots.h, which uses FILE without including it */
#include <ots/libots.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char* read_all(FILE* f, size_t* len) {
    size_t cap = 1 << 16, n = 0;
    char* buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

static OtsArticle* summarize(const char* text, size_t len, int lines) {
    OtsArticle* doc = ots_new_article();
    if (!ots_load_xml_dictionary(doc, (const unsigned char*)"en")) {
        fprintf(stderr, "ots_summarize: cannot load the OTS English dictionary\n");
        exit(1);
    }
    ots_parse_stream((const unsigned char*)text, len, doc);
    ots_grade_doc(doc);
    ots_highlight_doc_lines(doc, lines);
    return doc;
}

int main(int argc, char** argv) {
    if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
        FILE* f = fopen(argv[3], "rb");
        if (!f) return perror(argv[3]), 1;
        size_t len;
        char* text = read_all(f, &len);
        fclose(f);
        const int repeats = atoi(argv[2]);
        long words = 0;
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int r = 0; r < repeats; ++r) {
            OtsArticle* doc = summarize(text, len, 3);
            words += ots_get_article_word_count(doc);
            ots_free_article(doc);
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        const double seconds = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        printf("%.6f %ld\n", seconds, words);
        free(text);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: ots_summarize K < text | ots_summarize --bench N FILE\n");
        return 64;
    }
    size_t len;
    char* text = read_all(stdin, &len);
    OtsArticle* doc = summarize(text, len, atoi(argv[1]));
    for (GList* li = doc->lines; li != NULL; li = li->next) {
        OtsSentence* s = li->data;
        if (!ots_is_line_selected(s)) continue;
        size_t n = 0;
        unsigned char* line = ots_get_line_text(s, TRUE, &n);
        if (!line) continue;
        for (size_t i = 0; i < n; ++i) {
            if (line[i] == '\n' || line[i] == '\r') line[i] = ' ';
        }
        fwrite(line, 1, n, stdout);
        fputc('\n', stdout);
        g_free(line);
    }
    ots_free_article(doc);
    free(text);
    return 0;
}
