#!/usr/bin/env python3
"""Checks the exporter's real outputs, produced by the whole default chain, against outside
tools: HTML Tidy for the report, an independent JSON Schema validator (python3-jsonschema) for
json/jsonl, and brat's own offset semantics (Python string slicing) for the standoff files.

    tools/exporter/check_outputs.py --docpipe build/release/bin/docpipe FILE...

Installs tidy and python3-jsonschema with apt-get when they are missing (run as root).
Prints one line per check with its counts; exits 1 when any check fails.
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

STAGES = """version: 1
name: check
record_timings: true
stages:
  - id: repair
    plugin: synonym_repair
  - id: entities
    plugin: entity_tagger
  - id: summary
    plugin: summarizer
  - id: export
    plugin: exporter
    params: {{ format: {fmt}, path: "{path}" }}
on_error: fail
"""


def ensure_tools():
    missing = []
    if shutil.which("tidy") is None:
        missing.append("tidy")
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        missing.append("python3-jsonschema")
    if missing:
        subprocess.run(["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
                       check=True)


def run(docpipe, work, fmt, path, inputs):
    config = work / f"{fmt}.yaml"
    config.write_text(STAGES.format(fmt=fmt, path=path))
    subprocess.run([docpipe, "-q", "run", str(config), *inputs], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docpipe", required=True)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--no-hostile", action="store_true",
                    help="skip the generated hostile document (markup, controls, CR/LF, tabs)")
    args = ap.parse_args()
    ensure_tools()
    import jsonschema

    root = pathlib.Path(__file__).resolve().parents[2]
    schema = json.loads((root / "plugins/exporter/schema/document.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    failed = False
    work = pathlib.Path(tempfile.mkdtemp(prefix="exporter-check-"))
    try:
        if not args.no_hostile:
            hostile = work / "hostile.txt"
            hostile.write_bytes(
                "President <script>alert('Xi')</script> met Donald Trump in Beijing.\r\n"
                "# Heading? | table | [link](javascript:x) \x1b[31mred\x1b[0m\tTab\x07.\n"
                "The U.S.\u2028China commerce battle went on\x0b in Geneva on Might 12.\n"
                "{}\n".format("Long line about Xi Jinping and the uncommon earth. " * 2000)
                .encode("utf-8"))
            args.inputs.append(str(hostile))
        n = len(args.inputs)

        # HTML: one report per document, each through Tidy.
        run(args.docpipe, work, "html", str(work / "html/{id}.{ext}"), args.inputs)
        errors = warnings = 0
        for page in sorted((work / "html").glob("*.html")):
            r = subprocess.run(["tidy", "-errors", "-quiet", str(page)], capture_output=True,
                               text=True)
            errors += r.stderr.count(" - Error: ")
            warnings += r.stderr.count(" - Warning: ")
        pages = len(list((work / "html").glob("*.html")))
        ok = pages == n and errors == 0 and warnings == 0
        failed |= not ok
        print(f"html   {pages} reports, tidy: {errors} errors, {warnings} warnings")

        # JSON: per document, validated and offsets checked.
        run(args.docpipe, work, "json", str(work / "json/{id}.{ext}"), args.inputs)
        invalid = annotations = bad_offsets = same_words = outside_repairs = 0
        for f in sorted((work / "json").glob("*.json")):
            doc = json.loads(f.read_text(encoding="utf-8"))
            invalid += sum(1 for _ in validator.iter_errors(doc))
            text = doc["text"].encode("utf-8")
            original = doc["original_text"].encode("utf-8")
            repairs = doc["layers"].get("repairs", [])
            for name, layer in doc["layers"].items():
                for a in layer:
                    annotations += 1
                    b, e, sb, se = a["begin"], a["end"], a["source_begin"], a["source_end"]
                    good = (0 <= b <= e <= len(text) and 0 <= sb <= se <= len(original)
                            and len(text[:b].decode("utf-8")) == a["begin_cp"]
                            and len(text[:e].decode("utf-8")) == a["end_cp"]
                            and len(original[:sb].decode("utf-8")) == a["source_begin_cp"]
                            and len(original[:se].decode("utf-8")) == a["source_end_cp"])
                    bad_offsets += not good
                    if name == "entities" and not any(r["begin"] < e and b < r["end"]
                                                      for r in repairs):
                        outside_repairs += 1
                        same_words += text[b:e] == original[sb:se]
        ok = invalid == 0 and bad_offsets == 0 and same_words == outside_repairs
        failed |= not ok
        print(f"json   {n} documents, schema errors: {invalid}; {annotations} annotations, "
              f"{bad_offsets} with inconsistent offsets; entities outside repairs pointing at "
              f"the same words in the original: {same_words}/{outside_repairs}")

        # JSON Lines: one file, one valid document per line.
        run(args.docpipe, work, "jsonl", str(work / "all.jsonl"), args.inputs)
        lines = (work / "all.jsonl").read_text(encoding="utf-8").split("\n")
        assert lines[-1] == ""
        lines = lines[:-1]
        invalid = sum(sum(1 for _ in validator.iter_errors(json.loads(l))) for l in lines)
        ok = len(lines) == n and invalid == 0
        failed |= not ok
        print(f"jsonl  {len(lines)} lines for {n} documents, schema errors: {invalid}")

        # CoNLL: two columns, valid IOB2 (an I- tag continues a B- or I- of the same type).
        run(args.docpipe, work, "conll", str(work / "all.conll"), args.inputs)
        rows = bad = 0
        previous = "O"
        for line in (work / "all.conll").read_text(encoding="utf-8").split("\n"):
            if not line:
                previous = "O"
                continue
            cols = line.split("\t")
            rows += 1
            if len(cols) != 2:
                bad += 1
                continue
            tag = cols[1]
            if tag.startswith("I-") and previous[2:] != tag[2:]:
                bad += 1
            previous = tag
        failed |= bad != 0
        print(f"conll  {rows} token rows, {bad} malformed or invalid IOB2")

        # brat: the text column of each T line is what brat slices out of the .txt.
        run(args.docpipe, work, "brat", str(work / "brat/{id}.{ext}"), args.inputs)
        spans = mismatched = 0
        for ann in sorted((work / "brat").glob("*.ann")):
            # newline="": no newline translation, as brat reads the file (codecs.open)
            with open(ann.with_suffix(".txt"), encoding="utf-8", newline="") as f:
                txt = f.read()
            for line in ann.read_text(encoding="utf-8").split("\n"):
                if not line.startswith("T"):
                    continue
                _, type_and_offsets, covered = line.split("\t")
                fragments = type_and_offsets.split(" ", 1)[1].split(";")
                pieces = [txt[int(f.split()[0]):int(f.split()[1])] for f in fragments]
                spans += 1
                mismatched += " ".join(pieces) != covered
        failed |= mismatched != 0
        print(f"brat   {spans} text-bound annotations, {mismatched} whose text differs from "
              f"the .txt at their character offsets")
    finally:
        shutil.rmtree(work)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
