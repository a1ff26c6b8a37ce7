#!/usr/bin/env python3
"""Candidate coverage of the statistical typo model: the share of the real errors of half A of
ECSpell odw.train whose correct character is among the candidates of the written one.

Half A is the half `examples/evaluate/model.rs` tunes on: a sentence goes to half B when the
64-bit FNV-1a hash of the name of the first gov-docs file (in name order) holding its corrected
text is odd, or, found in no file, the hash of its corrected text. Half B is never read here.

An error is a position where the written and the corrected sentence differ (sentences of equal
length). It is covered when the correction is a candidate of the written character (pinyin.txt
readings, shape.txt, the fuzzy sounds of make_confusions.py) or, for two neighbouring errors,
when the corrected pair is a word of words.txt that sounds like the written pair.

  python3 tools/confusion_coverage.py [--data ../shared/data] [--misses N]
"""
import argparse
import os
import sys
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_confusions  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def fnv(data):
    h = 0xCBF29CE484222325
    for b in data:
        h = ((h ^ b) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def labelled(path):
    for line in open(path, encoding="utf-8"):
        fields = line.rstrip("\n").split("\t")
        if len(fields) == 3:
            yield fields[1], fields[2]


def half_a(pairs, gov):
    home = [None] * len(pairs)
    left = set(range(len(pairs)))
    for name in sorted(os.listdir(gov)):
        if not left:
            break
        text = open(os.path.join(gov, name), encoding="utf-8", errors="replace").read()
        for i in [i for i in left if pairs[i][1] in text]:
            home[i] = name
            left.discard(i)
    return [p for p, h in zip(pairs, home) if fnv((h or p[1]).encode("utf-8")) & 1 == 0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--misses", type=int, default=0, help="print this many missed pairs")
    ap.add_argument("--no-fuzzy", action="store_true", help="without the fuzzy sounds")
    args = ap.parse_args()
    if args.no_fuzzy:
        make_confusions.FUZZY_INITIALS, make_confusions.FUZZY_FINALS = (), ()
    out = os.path.join(ROOT, "dictionaries", "model")
    cands = make_confusions.candidate_sets(out)
    words = {w: r for w, r in make_confusions.table(os.path.join(out, "words.txt"))}
    pairs = list(labelled(os.path.join(args.data, "eval", "ecspell", "odw.train")))
    a = half_a(pairs, os.path.join(args.data, "corpus", "gov-docs"))
    total, covered, by_kind, missed = 0, 0, Counter(), Counter()
    sizes = []
    for src, fix in a:
        if len(src) != len(fix):
            continue
        diff = [i for i in range(len(src)) if src[i] != fix[i]]
        for i in diff:
            total += 1
            kind = cands.get(src[i], {}).get(fix[i])
            if kind is None and (i + 1 in diff or i - 1 in diff):
                j = i if i + 1 in diff else i - 1
                if fix[j:j + 2] in words:
                    kind = "word"
            if kind is None:
                missed[(src[i], fix[i])] += 1
            else:
                covered += 1
                by_kind[kind] += 1
        for c in set(src):
            sizes.append(len(cands.get(c, {})))
    print(f"half A: {len(a)} sentences, {total} errors, {covered} covered "
          f"({covered / max(total, 1):.3f}); by kind: {dict(sorted(by_kind.items(), key=str))}")
    print(f"candidates per distinct character of half A's sentences: mean "
          f"{sum(sizes) / max(len(sizes), 1):.1f}")
    for (w, r), n in missed.most_common(args.misses):
        print(f"missed\t{w}\t{r}\t{n}")


if __name__ == "__main__":
    main()
