#!/usr/bin/env python3
"""Builds a development set of legal (and medical) prose for the model's false alarms: the
corrected sentences of ECSpell `law.train` and `med.train` (every sentence, as corrected; neither
is an evaluation set). Legal prose is the genre of most of the held-out official text (laws,
judgments), which the larger development set (`tools/dev_clean_set.py`: government documents and
news) holds little of; the medical questions and answers are read for rare technical terms.

Left out: a sentence whose corrected text (or, when it differs, its source) occurs anywhere in
`corpus/official/` (its training part: the model would know it; its held-out part, SHA-256 of
the index.tsv path starting with 0-3: never to be read; the rest for simplicity), in the
training part of `corpus/gov-docs/` (all but `gov-docs-lm-exclude.txt`), or in any evaluation
set (`law.test`, `med.test`, `odw.train`, the SIGHAN test sets); as are duplicates.

    python3 tools/dev_ecspell_set.py [DATA_DIR] [OUT_DIR]   # ../shared/data, target/tmp/dev-ecspell

Writes OUT_DIR/law-train.txt and med-train.txt, one sentence a line, and prints the counts kept
and left out.
"""
import hashlib
import os
import sys

from dev_clean_set import labelled

COPYRIGHTED = ("party_media_cpcnews/", "xi_speeches_2020/")
SETS = ["law.train", "med.train"]
EVALUATION = [
    "eval/ecspell/law.test",
    "eval/ecspell/med.test",
    "eval/ecspell/odw.train",
    "eval/sighan/ecspell_sighan2013_test_simplified.txt",
    "eval/sighan/ecspell_sighan2014_test_simplified.txt",
    "eval/sighan/ecspell_sighan2015_test_simplified.txt",
]


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def official_texts(data):
    """The official corpus's files, as (held out?, text)."""
    official = os.path.join(data, "corpus/official")
    with open(os.path.join(official, "index.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    for row in rows:
        path = row[1]
        full = os.path.join(official, path)
        if not os.path.exists(full):
            continue
        held = hashlib.sha256(path.encode()).hexdigest()[0] in "0123"
        yield held, read(full)


def gov_docs(data):
    docs = os.path.join(data, "corpus/gov-docs")
    with open(os.path.join(data, "corpus/gov-docs-lm-exclude.txt"), encoding="utf-8") as f:
        excluded = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    for n in sorted(os.listdir(docs)):
        if n.endswith(".txt") and n not in excluded:
            yield read(os.path.join(docs, n))


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else "target/tmp/dev-ecspell"
    # Every text a sentence must not come from, joined with a separator no sentence holds.
    avoid = list(gov_docs(data)) + [t for _, t in official_texts(data)]
    for p in EVALUATION:
        path = os.path.join(data, p)
        if os.path.exists(path):
            avoid += [s + "\n" + c for s, c in labelled(path)]
    haystack = "\u0000".join(avoid)
    os.makedirs(out_dir, exist_ok=True)
    for name in SETS:
        pairs = labelled(os.path.join(data, "eval/ecspell", name))
        kept, left = select(pairs, haystack)
        out = os.path.join(out_dir, name.replace(".", "-") + ".txt")
        with open(out, "w", encoding="utf-8") as f:
            for s in kept:
                f.write(s + "\n")
        size = sum(len(s.encode()) + 1 for s in kept)
        print(f"{out}\tkept {len(kept)} sentences, {size} bytes; left out {left['known']} "
              f"found in training, held-out or evaluation text, {left['duplicate']} duplicates")


def select(pairs, haystack):
    """The corrected sentences of `pairs` found nowhere in `haystack`, without duplicates."""
    kept, seen, left = [], set(), {"known": 0, "duplicate": 0}
    for source, corrected in pairs:
        if corrected in seen:
            left["duplicate"] += 1
            continue
        seen.add(corrected)
        if corrected in haystack or (source != corrected and source in haystack):
            left["known"] += 1
            continue
        kept.append(corrected)
    return kept, left


if __name__ == "__main__":
    main()
