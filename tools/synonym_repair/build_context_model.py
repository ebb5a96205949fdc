#!/usr/bin/env python3
"""Builds the context model of the synonym_repair plugin: word and word-pair counts of clean
English, written to plugins/synonym_repair/data/lm/{unigrams,bigrams}.tsv.

One-off data generation (the output is committed); the build and tests never run it.
Sources, all redistributable with attribution (see data/lm/README.md):
  - WordNet 3.0 glosses, example sentences and multi-word lemmas (Debian package wordnet-base)
  - GUM training texts of the genres academic, bio, court, interview, speech, textbook, vlog,
    voyage (/work/shared/data/ner/gum_train). The news genre is left out on purpose: the GUM
    news documents are the clean test set of the false-repair measurement.
  - WikiGold (/work/shared/data/ner/wikigold), UNER English-EWT dev+test
    (/work/shared/data/ner/uner_en_ewt). The UNER PUD test set is not used.

Tokens follow the plugin's scanner: lower-cased runs of letters and digits, clitics split
("china's" -> "china" "'s"); any punctuation breaks a pair, so pairs are of adjacent words.
"""
import collections
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("DOCPIPE_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
OUT = os.path.join(ROOT, "plugins", "synonym_repair", "data", "lm")
WORDNET = "/usr/share/wordnet"
MIN_BIGRAM = 2          # pairs seen once are dropped to keep the file small
LEMMA_WEIGHT = 3        # a WordNet multi-word lemma is a collocation by definition

WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:[’'][A-Za-z]+)?|[^\sA-Za-z0-9\u00C0-\u024F]")


def ensure_wordnet():
    if not os.path.exists(os.path.join(WORDNET, "data.noun")):
        subprocess.run(["apt-get", "install", "-y", "wordnet-base"], check=True)


def words_of(segment):
    """Yields lists of adjacent word tokens, split wherever punctuation stands."""
    run = []
    for m in WORD.finditer(segment):
        tok = m.group(0)
        if re.match(r"[A-Za-z0-9\u00C0-\u024F]", tok):
            tok = tok.lower().replace("’", "'")
            if "'" in tok:
                head, tail = tok.split("'", 1)
                run.append(head)
                run.append("'" + tail)
            else:
                run.append(tok)
        else:
            if run:
                yield run
            run = []
    if run:
        yield run


def iob2_sentences(path):
    """Joins the tokens of each sentence of an IOB2 file back into text."""
    tokens = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# "):
                continue
            if not line.strip():
                if tokens:
                    yield " ".join(tokens)
                tokens = []
                continue
            tokens.append(line.split("\t")[0].split(" ")[0])
    if tokens:
        yield " ".join(tokens)


def wordnet_text():
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WORDNET, "data." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue  # licence header
                head, _, gloss = line.partition(" | ")
                for part in gloss.split(";"):
                    yield part.strip().strip('"')
                fields = head.split()
                count = int(fields[3], 16)
                for i in range(count):
                    lemma = fields[4 + 2 * i]
                    lemma = re.sub(r"\([a-z]+\)$", "", lemma)
                    if "_" in lemma:
                        for _ in range(LEMMA_WEIGHT):
                            yield lemma.replace("_", " ")


def main():
    ensure_wordnet()
    unigrams = collections.Counter()
    bigrams = collections.Counter()
    sources = []

    def feed(name, texts):
        n = 0
        for text in texts:
            for run in words_of(text):
                unigrams.update(run)
                n += len(run)
                bigrams.update(zip(run, run[1:]))
        sources.append((name, n))

    feed("WordNet 3.0 glosses, examples, multi-word lemmas", wordnet_text())
    gum = os.path.join(SHARED, "data", "ner", "gum_train")
    for genre in ("academic", "bio", "court", "interview", "speech", "textbook", "vlog", "voyage"):
        feed("GUM " + genre, iob2_sentences(os.path.join(gum, "gum_%s.iob2" % genre)))
    feed("WikiGold", iob2_sentences(os.path.join(SHARED, "data", "ner", "wikigold", "wikigold.iob2")))
    ewt = os.path.join(SHARED, "data", "ner", "uner_en_ewt")
    for part in ("dev", "test"):
        feed("UNER English-EWT " + part, iob2_sentences(os.path.join(ewt, "en_ewt-ud-%s.iob2" % part)))

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "unigrams.tsv"), "w", encoding="utf-8") as f:
        f.write("# word<TAB>count; built by tools/synonym_repair/build_context_model.py\n")
        for name, n in sources:
            f.write("# source: %s: %d words\n" % (name, n))
        for w, c in sorted(unigrams.items(), key=lambda kv: (-kv[1], kv[0])):
            if "\t" not in w:
                f.write("%s\t%d\n" % (w, c))
    kept = 0
    with open(os.path.join(OUT, "bigrams.tsv"), "w", encoding="utf-8") as f:
        f.write("# first<TAB>second<TAB>count (pairs seen at least %d times)\n" % MIN_BIGRAM)
        for (a, b), c in sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0])):
            if c >= MIN_BIGRAM:
                f.write("%s\t%s\t%d\n" % (a, b, c))
                kept += 1
    print("words %d, types %d, pairs kept %d of %d" %
          (sum(unigrams.values()), len(unigrams), kept, len(bigrams)), file=sys.stderr)


if __name__ == "__main__":
    main()
