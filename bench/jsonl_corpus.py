"""Writes about SIZE_MB of JSON Lines for the engine benchmarks: the GUM news articles and the
spun seed, in turn, one document a line.
    python3 bench/jsonl_corpus.py TARGET SIZE_MB"""
import json
import os
import sys

target, mb = sys.argv[1], int(sys.argv[2])
news_dir = "../shared/data/summarization/gum_news/docs"
texts = [open(os.path.join(news_dir, f), encoding="utf-8").read()
         for f in sorted(os.listdir(news_dir)) if f.endswith(".txt")]
texts.append(open("../shared/seed/spun_article.txt", encoding="utf-8").read())
with open(target, "w", encoding="utf-8") as out:
    n = 0
    while out.tell() < mb << 20:
        out.write(json.dumps({"id": "d%d" % n, "text": texts[n % len(texts)]}) + "\n")
        n += 1
