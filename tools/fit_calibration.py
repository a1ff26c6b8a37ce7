#!/usr/bin/env python3
"""Fits the confidence of `typo/model` (the logistic calibration of `Tuning` in src/model/mod.rs).

Reads what the evaluation writes with

    SANSHEN_EVAL_MODEL=1 SANSHEN_EVAL_SUSPECTS=1 cargo run --release --example evaluate

`target/tmp/suspects.tsv` (every suspect of half A of ECSpell odw.train and of the development
slice of the official corpus, at the scan's own floor) and `target/tmp/sentences.tsv` (per
sentence of half A: has errors, flagged by a dictionary, a dictionary finding on an error, the
document of `corpus/gov-docs/` it comes from). Half B and the held-out part of the official
corpus are never read here.

Features of a suspect: its margin (log10 gain of the correction), its kind (same tone, other
tone, shape, two-character word, fuzzy sound), whether a character of the written form lies in
a word of two to four characters of `dictionaries/segment/lexicon.txt`, whether the correction
does, and three the scan writes: the mean log10 probability of the window with the correction
(a correction that leaves its context unlikely, as in a name or rare wording, is less often
right), that of up to three characters before the position, and the written character's own.
Labels: a suspect of half A is right when it lies on a character the correction changes; every
suspect of the development slice (clean official prose) is wrong, weighted by DEV_WEIGHT so
that the confidence also reflects how rare errors are in real text.

Prints the weights to copy into `Tuning::DEFAULT` and the sweep of sentence precision and
recall on half A with the findings per MB of the development slice: in-sample, and
cross-validated in FOLDS folds by document (each fold's confidences from weights fitted on the
other folds and the development slice), the figure to trust for unseen documents. Needs numpy.
"""

import hashlib
import sys
from collections import defaultdict

import numpy as np

LEXICON = "dictionaries/segment/lexicon.txt"
SUSPECTS = "target/tmp/suspects.tsv"
SENTENCES = "target/tmp/sentences.tsv"
DEV_WEIGHT = 0.2
L2 = 1e-3
THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99]
FOLDS = 5
NAMES = ["slope", "other tone", "shape", "word", "fuzzy", "in_word", "makes_word", "context",
         "before", "own", "bias"]


def load_lexicon(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if parts and 2 <= len(parts[0]) <= 4:
                words.add(parts[0])
    return words


def in_a_word(words, text, i, width):
    """Whether text[i:i + width] lies in a word of two to four characters of the lexicon."""
    for start in range(max(0, i - 3), i + 1):
        for end in range(max(i + width, start + 2), min(len(text), start + 4) + 1):
            if text[start:end] in words:
                return True
    return False


def load_suspects(path, words):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 13:
                sys.exit(f"{path}:{n}: expected 13 fields, found {len(fields)}")
            part, sid, before, written, fix, after, margin, kind, on, _right = fields[:10]
            context, preceding, own = (float(v) for v in fields[10:])
            i, width = len(before), len(written)
            text, fixed = before + written + after, before + fix + after
            kind = int(kind)
            features = [
                float(margin),
                float(kind == 1),
                float(kind == 2),
                float(kind == 3),
                float(kind == 4),
                float(any(in_a_word(words, text, j, 1) for j in range(i, i + width))),
                float(in_a_word(words, fixed, i, width)),
                context,
                preceding,
                own,
            ]
            rows.append((part, int(sid), features, int(on)))
    return rows


def load_sentences(path):
    """Per sentence of half A: (has errors, flagged by a dictionary, dictionary hit); the fold
    of its document; the bytes of the development slice."""
    sentences, folds, dev_bytes = {}, {}, 1
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            a = line.rstrip("\n").split("\t")
            if len(a) != 5:
                sys.exit(f"{path}:{n}: expected 5 fields, found {len(a)}")
            if a[0] == "dev_bytes":
                dev_bytes = int(a[1])
                continue
            sid = int(a[0])
            sentences[sid] = (int(a[1]), int(a[2]), int(a[3]))
            # The document (or, for a sentence in no file, the corrected text) the halves
            # were split by: no document has sentences in two folds.
            folds[sid] = hashlib.sha256(a[4].encode()).digest()[0] % FOLDS
    return sentences, folds, dev_bytes


def fit(x, y, weights):
    """Weighted, lightly regularised logistic regression by Newton's method."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    ridge = L2 * np.eye(len(w))
    ridge[-1, -1] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ ((p - y) * weights) / weights.sum() + ridge @ w
        hess = (xb.T * (p * (1 - p) * weights)) @ xb / weights.sum() + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def figures(rows, confidence, sentences, dev_bytes, t):
    """Sentence precision and recall on half A and findings per MB of the development slice
    at confidence `t`."""
    flagged, hit = defaultdict(bool), defaultdict(bool)
    dev = 0
    for (part, sid, _, on), c in zip(rows, confidence):
        if c < t:
            continue
        if part == "A":
            flagged[sid] = True
            hit[sid] |= bool(on)
        else:
            dev += 1
    n_flagged = n_hits = n_errors = 0
    for sid, (errors, by_dictionary, dictionary_hit) in sentences.items():
        n_errors += errors
        n_flagged += by_dictionary or flagged[sid]
        n_hits += errors and (dictionary_hit or hit[sid])
    return n_hits / max(n_flagged, 1), n_hits / max(n_errors, 1), dev / (dev_bytes / 1e6)


def logistic(x, w):
    return 1.0 / (1.0 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def cross_validated(rows, x, y, weights, folds):
    """Each half-A suspect's confidence from weights fitted without its fold (the development
    slice is in every fit; its own confidences are those of the full fit)."""
    fold = np.array([folds[r[1]] if r[0] == "A" else -1 for r in rows])
    confidence = logistic(x, fit(x, y, weights))
    for k in range(FOLDS):
        out = fold == k
        confidence[out] = logistic(x[out], fit(x[~out], y[~out], weights[~out]))
    return confidence


def main():
    words = load_lexicon(LEXICON)
    rows = load_suspects(SUSPECTS, words)
    sentences, folds, dev_bytes = load_sentences(SENTENCES)
    x = np.array([r[2] for r in rows])
    y = np.array([float(r[3]) for r in rows])
    weights = np.array([1.0 if r[0] == "A" else DEV_WEIGHT for r in rows])
    w = fit(x, y, weights)
    print(f"slope: {w[0]:.3f}")
    print(f"kinds: [0.0, {w[1]:.3f}, {w[2]:.3f}, {w[3]:.3f}, {w[4]:.3f}]")
    for name, value in zip(NAMES[5:], w[5:]):
        print(f"{name}: {value:.3f}")
    in_sample = logistic(x, w)
    cv = cross_validated(rows, x, y, weights, folds)
    print("\n| confidence ≥ | P (half A) | R (half A) | P, cross-validated | R, cross-validated "
          "| model findings per MB (development) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in THRESHOLDS:
        p, r, dev = figures(rows, in_sample, sentences, dev_bytes, t)
        p_cv, r_cv, _ = figures(rows, cv, sentences, dev_bytes, t)
        print(f"| {t} | {p:.3f} | {r:.3f} | {p_cv:.3f} | {r_cv:.3f} | {dev:.2f} |")


if __name__ == "__main__":
    main()
