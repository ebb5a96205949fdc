#!/usr/bin/env python3
"""Turns the hand-written gold of the seed (tests/data/synonym_repair/seed_gold_anchors.txt,
one item per line: anchor|spun|restore[|restore...]|R or O, where the anchor is a unique
piece of the text containing that occurrence of the spun wording) into
tests/data/synonym_repair/seed_gold.tsv, which names occurrences by number."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SEED = os.path.join(os.path.dirname(ROOT), "shared", "seed", "spun_article.txt")
DIR = os.path.join(ROOT, "tests", "data", "synonym_repair")

HEADER = """# Hand-made gold for the seed document (shared/seed/spun_article.txt), a development set.
# spun<TAB>occurrence<TAB>restore (alternatives separated by |)<TAB>kind
# occurrence counts exact, case-sensitive matches of `spun` at word boundaries (1 = first).
# required: the spun wording is wrong or unidiomatic here; a careful reader would restore it.
# optional: the spun wording still reads as fine English (often the spinner's synonym of a
# word it replaced); restoring it is right but not expected.
# Made by reading the spun text only; the original article was not consulted.
# Generated from seed_gold_anchors.txt by tools/synonym_repair/make_gold.py."""


def main():
    text = open(SEED, encoding="utf-8").read()

    def positions(spun):
        res, i = [], 0
        while True:
            i = text.find(spun, i)
            if i < 0:
                return res
            e = i + len(spun)
            if (i == 0 or not text[i - 1].isalnum()) and (e >= len(text) or not text[e].isalnum()):
                res.append(i)
            i += 1

    out = [HEADER]
    errors = 0
    src = os.path.join(DIR, "seed_gold_anchors.txt")
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line:
            continue
        parts = line.split("|")
        anchor, spun, kind, restore = parts[0], parts[1], parts[-1], "|".join(parts[2:-1])
        a = text.find(anchor)
        s = text.find(spun, a) if a >= 0 else -1
        if a < 0 or text.find(anchor, a + 1) >= 0 or s < 0 or s > a + len(anchor) or \
                s not in positions(spun):
            print("%s:%d: anchor missing, ambiguous or not containing the phrase" % (src, n))
            errors += 1
            continue
        out.append("%s\t%d\t%s\t%s" % (spun, positions(spun).index(s) + 1, restore,
                                       "required" if kind == "R" else "optional"))
    if errors:
        sys.exit(1)
    with open(os.path.join(DIR, "seed_gold.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("%d items" % (len(out) - 1))


if __name__ == "__main__":
    main()
