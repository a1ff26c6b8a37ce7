#!/usr/bin/env python3
"""Builds the larger false-alarm development set of the model: clean official prose that was
neither trained on nor is an evaluation set.

The files of `corpus/gov-docs-lm-exclude.txt` were left out of training because they hold
sentences of labelled sets. Kept here: those that hold at least one sentence of half A of
ECSpell `odw.train` (halves as `examples/evaluate/model.rs` assigns them: FNV-1a of the name of
the first gov-docs file, in name order, that holds the corrected sentence; odd is half B) and
no sentence of half B, of `law.test`, `med.test` or the SIGHAN test sets. Files of the list
that hold no labelled sentence are left out too (they may hold other held-out text). Every
labelled sentence is blanked (replaced by a line break) before the text is written, so only
the prose around them is read.

Added to them: the documents of the tuning part of `corpus/official/` (SHA-256 of the index.tsv
path starting with 5-f) from `party_media_cpcnews/` and `xi_speeches_2020/`, which training
leaves out for their publishers' copyright (news prose, like part of the held-out text).

    python3 tools/dev_clean_set.py [DATA_DIR] [OUT_DIR]   # ../shared/data, target/tmp/dev-clean

Prints the files kept and their size.
"""
import hashlib
import os
import shutil
import sys


def fnv(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def labelled(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t", 2)
            if len(parts) == 3:
                out.append((parts[1], parts[2]))
    return out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else "target/tmp/dev-clean"
    docs = os.path.join(data, "corpus/gov-docs")
    names = sorted(os.listdir(docs))
    texts = {}
    for n in names:
        with open(os.path.join(docs, n), encoding="utf-8", errors="replace") as f:
            texts[n] = f.read()
    odw = labelled(os.path.join(data, "eval/ecspell/odw.train"))
    # The half of each odw sentence, as the evaluation assigns it.
    half_b = {}
    for _, corrected in odw:
        if corrected in half_b:
            continue
        home = next((n for n in names if corrected in texts[n]), None)
        half_b[corrected] = fnv((home or corrected).encode()) & 1 == 1
    others = []
    for p in ["eval/ecspell/law.test", "eval/ecspell/med.test",
              "eval/sighan/ecspell_sighan2013_test_simplified.txt",
              "eval/sighan/ecspell_sighan2014_test_simplified.txt",
              "eval/sighan/ecspell_sighan2015_test_simplified.txt"]:
        path = os.path.join(data, p)
        if os.path.exists(path):
            for s, c in labelled(path):
                others += [s, c]
    with open(os.path.join(data, "corpus/gov-docs-lm-exclude.txt"), encoding="utf-8") as f:
        excluded = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for n in excluded:
        text = texts.get(n)
        if text is None:
            continue
        held = [c for c in half_b if c in text]
        odw_sources = [s for s, c in odw if s in text and s != c]
        if not held or any(half_b[c] for c in held):
            continue
        if any(o in text for o in others if len(o) >= 8):
            continue
        for c in held:
            text = text.replace(c, "\n")
        for s in odw_sources:
            text = text.replace(s, "\n")
        with open(os.path.join(out_dir, n), "w", encoding="utf-8") as f:
            f.write(text)
        total += len(text.encode())
        print(f"{n}\t{len(held)}")
    official = os.path.join(data, "corpus/official")
    with open(os.path.join(official, "index.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f][1:]
    for row in rows:
        path = row[1]
        if not path.startswith(("party_media_cpcnews/", "xi_speeches_2020/")):
            continue
        if hashlib.sha256(path.encode()).hexdigest()[0] in "01234":
            continue
        target = os.path.join(out_dir, "official-" + path.replace("/", "-"))
        shutil.copyfile(os.path.join(official, path), target)
        total += os.path.getsize(target)
        print(f"{path}\t0")
    print(f"kept bytes\t{total}", file=sys.stderr)


if __name__ == "__main__":
    main()
