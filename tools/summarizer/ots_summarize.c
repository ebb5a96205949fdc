/* Runs OTS 0.5.0 (libots, Debian package libots-dev) the way the `ots` command does, but
 * asks for a number of sentences instead of a percentage, so OTS competes at the same length
 * as the other systems. Prints the chosen sentences one a line, in document order.
 *
 *   ots_summarize K < article.txt > summary.txt
 *   ots_summarize --bench REPEATS FILE...   (summarizes each FILE REPEATS times; words/s)
 *
 * Built by tools/summarizer/evaluate.sh and bench/summarizer/run.sh; not part of the build. */
#include <ots/libots.h>
#include <stdio.h> /* before libots.h, which uses FILE without including it */
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

static long whitespace_words(const char* text, size_t len) {
    long words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; ++i) {
        const int space = text[i] == ' ' || text[i] == '\n' || text[i] == '\t' || text[i] == '\r';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

int main(int argc, char** argv) {
    if (argc >= 4 && strcmp(argv[1], "--bench") == 0) {
        /* Summarizes every FILE REPEATS times (3 sentences each, like the docpipe benchmark);
         * prints seconds and whitespace words processed. The dictionary is loaded per
         * article because libots attaches it to the article. */
        const int repeats = atoi(argv[2]);
        const int files = argc - 3;
        char** texts = malloc(sizeof(char*) * files);
        size_t* lens = malloc(sizeof(size_t) * files);
        long words_per_pass = 0;
        for (int f = 0; f < files; ++f) {
            FILE* in = fopen(argv[3 + f], "rb");
            if (!in) return perror(argv[3 + f]), 1;
            texts[f] = read_all(in, &lens[f]);
            fclose(in);
            words_per_pass += whitespace_words(texts[f], lens[f]);
        }
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (int r = 0; r < repeats; ++r) {
            for (int f = 0; f < files; ++f) ots_free_article(summarize(texts[f], lens[f], 3));
        }
        clock_gettime(CLOCK_MONOTONIC, &b);
        const double seconds = (double)(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
        printf("ots %d documents x %d: %.4f s, %ld words, %.0f words/s\n", files, repeats, seconds,
               words_per_pass * repeats, words_per_pass * repeats / seconds);
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
