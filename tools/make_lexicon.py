#!/usr/bin/env python3
"""Writes dictionaries/segment/lexicon.txt, the compact word list the segmenter loads.

The word-boundary check (check=word) only needs the words that decide how the clause around a
hit is cut. The lexicon keeps jieba's TOP most frequent words plus every word that crosses the
start or the end of a check=word pattern while sharing at least two characters with it (for
在坐: 坐车, 在座位 …). On the labelled corpora and the government documents this cuts exactly as
jieba's full dictionary does on every hit but a handful (tests/segment.rs compares the two),
and it loads in a fraction of the time.

Run it after changing typo, sensitive or leader entries:  pip install jieba && python3 tools/make_lexicon.py
"""
import collections
import glob
import os
import sys

import jieba

TOP = 60000
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def patterns(all_forms=False):
    """The check=word patterns of the shipped dictionaries; with `all_forms`, every pattern and
    suggestion of the typo, sensitive and leader families (the words the segmenter adds)."""
    found = set()
    for path in glob.glob(os.path.join(ROOT, "dictionaries", "**", "*.tsv"), recursive=True):
        family = None
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("!family"):
                family = line.split()[1]
                continue
            if not line or line[0] in "#!":
                continue
            fields = line.split("\t")
            if family not in ("typo", "sensitive", "leader"):
                continue
            if all_forms:
                found.add(fields[0])
                if len(fields) > 1 and fields[1] != "-":
                    found.update(fields[1].split("|"))
            elif "check=word" in fields:
                found.add(fields[0])
    return found


def main():
    source = os.path.join(os.path.dirname(jieba.__file__), "dict.txt")
    rows = [line.split() for line in open(source, encoding="utf-8")]
    rows = [r for r in rows if len(r) >= 2]
    by_freq = sorted(rows, key=lambda r: -int(r[1]))
    keep = {r[0] for r in by_freq[:TOP]}
    starts, ends = collections.defaultdict(list), collections.defaultdict(list)
    for r in rows:
        word = r[0]
        for i in range(1, len(word)):
            starts[word[:i]].append(word)
            ends[word[i:]].append(word)
    for p in patterns():
        for i in range(2, len(p) + 1):
            keep.update(ends.get(p[:i], ()))  # ends with the start of p: crosses its start
            keep.update(starts.get(p[-i:], ()))  # starts with the end of p: crosses its end
    out = os.path.join(ROOT, "dictionaries", "segment", "lexicon.txt")
    kept = [r[:3] for r in rows if r[0] in keep]
    # The dictionaries' own wrong forms and corrections, with the frequency the segmenter would
    # give them with jieba's full dictionary (jieba's own, or just enough to be kept whole), so
    # that it need not compute them at run time.
    full = {r[0]: r for r in rows}
    jieba.setLogLevel(60)
    jieba.initialize()
    known = {r[0] for r in kept}
    added = 0
    for word in sorted(patterns(all_forms=True)):
        if word in known or " " in word:
            continue
        freq = full[word][1] if word in full else str(jieba.suggest_freq(word, False))
        kept.append([word, freq, "x"])
        known.add(word)
        added += 1
    with open(out, "w", encoding="utf-8") as f:
        for r in sorted(kept, key=lambda r: r[0]):
            f.write(" ".join(r) + "\n")
    print(f"{len(kept)} words ({added} of the dictionaries' own) written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
