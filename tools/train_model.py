#!/usr/bin/env python3
"""Builds dictionaries/model/ngram.bin, the character 5-gram model of official Chinese.

Training text (see dictionaries/model/README.md for why exactly these):
  * the tuning part of corpus/official/ (a document is held out when the first hex digit of the
    SHA-256 of its index.tsv path is 0-3), without party_media_cpcnews/ and xi_speeches_2020/
    (their publishers' copyright), and without the development slice (first hex digit 4), which
    is kept apart to tune the false-alarm thresholds on text the model has not seen;
  * corpus/gov-docs/ without every file listed in corpus/gov-docs-lm-exclude.txt (they hold
    sentences of the evaluation sets).

Model: interpolated modified Kneser-Ney over characters, orders 1-5, written in backoff form
(the backoff weight of a context is its interpolation weight). N-grams of orders 2-5 seen fewer
times than --min-count are pruned unless a kept longer n-gram needs them as its context.
Log-probabilities and backoff weights are quantised to 8 bits.

Binary layout (version 2, little-endian), read by src/model/table.rs:
  header  b"SSLM", u32 version 2, u32 order, u32 entries,
          f32 prob_step, f32 backoff_step, f32 unknown_log10, u32 0
  then for each order n = 1..order: u32 buckets B, u32 entries E
  then for each order, its table, each part padded with zeros to a multiple of 4 bytes:
    base     (B // 32 + 1) × u32: the index of the first entry of every 32nd bucket
    rel      (B + 1) × u8: the first entry of bucket i is base[i // 32] + rel[i]
             (bucket B: one past the last entry)
    entries  E records sorted by key hash h: u24 fingerprint (the low 24 bits of h),
             u8 -log10 p / prob_step, and for n < order u8 -log10 backoff / backoff_step
An n-gram of hash h lies in bucket ((h >> 32) * B) >> 32 of its order's table, about three
entries, compared by fingerprint: no empty slots, and the bucket is not stored.

It also writes dictionaries/model/bigrams.bin, the character pairs the model has seen as one
bit each, so that the scan drops candidates never seen next to a neighbour without probing the
table: header b"SSBG", u32 version 1, u32 log2 of the bit count; then the bits, bit
(h >> (64 - log2)) of byte-wise little-endian order set for the key hash h of every bigram kept.

Run:  pip install numpy && python3 tools/train_model.py [--data ../shared/data]
"""
import argparse
import hashlib
import os
import struct
import sys

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ORDER = 5
BITS = 12  # bits of a character id; 5 × 12 fits an int64 key
VOCAB = (1 << BITS) - 2  # ids 0 (sentence start) and 1 (unknown) are reserved
COPYRIGHTED = ("party_media_cpcnews/", "xi_speeches_2020/")
PROB_STEP = 8.0 / 255
BACKOFF_STEP = 4.0 / 255
FNV_OFFSET = np.uint64(0xCBF29CE484222325)
FNV_PRIME = np.uint64(0x100000001B3)
M1 = np.uint64(0xFF51AFD7ED558CCD)


def held_out(path):
    """The held-out part (0-3) and the development slice (4) of the official corpus."""
    return hashlib.sha256(path.encode("utf-8")).hexdigest()[0] in "01234"


def training_files(data):
    official = os.path.join(data, "corpus", "official")
    files = []
    with open(os.path.join(official, "index.tsv"), encoding="utf-8") as index:
        header = index.readline().rstrip("\n").split("\t")
        column = header.index("path")
        for line in index:
            path = line.rstrip("\n").split("\t")[column]
            if path.startswith(COPYRIGHTED) or held_out(path):
                continue
            files.append(os.path.join(official, path))
    gov = os.path.join(data, "corpus", "gov-docs")
    with open(os.path.join(data, "corpus", "gov-docs-lm-exclude.txt"), encoding="utf-8") as f:
        excluded = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    files += [os.path.join(gov, n) for n in sorted(os.listdir(gov))
              if n.endswith(".txt") and n not in excluded]
    return files


def fold(c):
    """The same folding as `fold` in src/model/table.rs: digits to 0, Latin letters to a."""
    o = ord(c)
    if 0xFF10 <= o <= 0xFF19 or 0x30 <= o <= 0x39:
        return "0"
    if 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return "a"
    if c.isascii() and c.isalpha():
        return "a"
    return c


def sentences(files):
    """Runs of non-space characters, folded."""
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as f:
            for run in f.read().split():
                yield "".join(fold(c) for c in run)


def encode(runs):
    counts = {}
    for r in runs:
        for c in r:
            counts[c] = counts.get(c, 0) + 1
    chars = sorted(counts, key=lambda c: (-counts[c], c))[:VOCAB]
    ids = {c: i + 2 for i, c in enumerate(chars)}
    codes = np.zeros(VOCAB + 2, dtype=np.uint64)
    codes[2:2 + len(chars)] = [ord(c) for c in chars]
    seq = []
    for r in runs:
        seq.append(0)
        seq.extend(ids.get(c, 1) for c in r)
    return np.array(seq, dtype=np.int64), codes, counts


def ngrams(seq, n):
    """Packed keys of every n-gram that has no unknown character and no sentence start but at
    its first position (last character in the low bits)."""
    m = len(seq) - n + 1
    key = np.zeros(m, dtype=np.int64)
    ok = np.ones(m, dtype=bool)
    for j in range(n):
        part = seq[j:j + m]
        key = (key << BITS) | part
        ok &= part != 1
        if j > 0:
            ok &= part != 0
    if n == 1:
        ok &= seq[:m] != 0
    return key[ok]


def discounts(counts):
    n = [np.count_nonzero(counts == k) for k in (1, 2, 3, 4)]
    y = n[0] / (n[0] + 2 * n[1])
    return np.array([0.0, 1 - 2 * y * n[1] / n[0], 2 - 3 * y * n[2] / n[1],
                     3 - 4 * y * n[3] / n[2]])


def key_hash(keys, n, codes):
    """FNV-1a over the code points from the last character to the first, then a finaliser."""
    h = np.full(len(keys), FNV_OFFSET, dtype=np.uint64)
    mask = (1 << BITS) - 1
    for j in range(n):
        c = codes[(keys >> (BITS * j)) & mask]
        h = (h ^ c) * FNV_PRIME
    h ^= h >> np.uint64(33)
    h *= M1
    h ^= h >> np.uint64(33)
    return h


def build(seq, min_count):
    """Returns per order: sorted keys, log10 p, log10 backoff (0 where none)."""
    uniq, counts = [], []
    for n in range(1, ORDER + 1):
        k, c = np.unique(ngrams(seq, n), return_counts=True)
        uniq.append(k)
        counts.append(c)
        print(f"order {n}: {len(k)} n-grams", file=sys.stderr)
    # Kneser-Ney counts: lower orders count distinct left extensions, except n-grams that start
    # a sentence, which have none.
    adjusted = [None] * ORDER
    adjusted[ORDER - 1] = counts[ORDER - 1]
    for n in range(ORDER - 1, 0, -1):
        higher = uniq[n]
        suffix = higher & ((1 << (BITS * n)) - 1)
        s, c = np.unique(suffix, return_counts=True)
        adj = np.zeros(len(uniq[n - 1]), dtype=np.int64)
        adj[np.searchsorted(uniq[n - 1], s)] = c
        starts = (uniq[n - 1] >> (BITS * (n - 1))) == 0
        adj[starts] = counts[n - 1][starts]
        adjusted[n - 1] = adj
    probs, backoffs = [], []
    vocab = len(uniq[0])
    for n in range(1, ORDER + 1):
        keys, c = uniq[n - 1], adjusted[n - 1]
        d = discounts(c)
        disc = d[np.minimum(c, 3)]
        hist = keys >> BITS
        h, first, per = np.unique(hist, return_index=True, return_counts=True)
        hidx = np.searchsorted(h, hist)
        total = np.bincount(hidx, weights=c)
        mass = np.bincount(hidx, weights=disc)
        gamma = mass / total
        p = (c - disc) / total[hidx]
        if n == 1:
            p = p + gamma[hidx] / vocab
        else:
            lower = keys & ((1 << (BITS * (n - 1))) - 1)
            p = p + gamma[hidx] * probs[n - 2][np.searchsorted(uniq[n - 2], lower)]
            bo = np.zeros(len(uniq[n - 2]))
            at = np.minimum(np.searchsorted(uniq[n - 2], h), len(bo) - 1)
            found = uniq[n - 2][at] == h
            bo[at[found]] = gamma[found]
            backoffs[n - 2] = bo
        probs.append(p)
        backoffs.append(np.zeros(len(keys)))
    # Pruning, longest first: a kept n-gram keeps its context and its suffix.
    keep = [np.ones(len(k), dtype=bool) for k in uniq]
    for n in range(ORDER, 1, -1):
        i = n - 1
        keep[i] &= adjusted[i] >= min_count[n]
        if n < ORDER:
            need = np.zeros(len(uniq[i]), dtype=bool)
            hk = uniq[i + 1][keep[i + 1]]
            need[np.searchsorted(uniq[i], hk >> BITS)] = True
            need[np.searchsorted(uniq[i], hk & ((1 << (BITS * n)) - 1))] = True
            keep[i] |= need
    out = []
    for n in range(1, ORDER + 1):
        # The scorer never uses a sentence-start context: runs simply begin with less context.
        k = keep[n - 1] & ((uniq[n - 1] >> (BITS * (n - 1))) != 0)
        out.append((uniq[n - 1][k], np.log10(probs[n - 1][k]),
                    np.log10(np.maximum(backoffs[n - 1][k], 1e-12)) * (backoffs[n - 1][k] > 0)))
        print(f"order {n}: kept {k.sum()}", file=sys.stderr)
    return out, vocab


PER_BUCKET = 3
BLOCK = 32


def order_table(h, lp, lb, last):
    """One order's table (see the layout above): the bucket count and its bytes."""
    buckets = max(1, -(-len(h) // PER_BUCKET))
    order = np.argsort(h, kind="stable")
    h, lp, lb = h[order], lp[order], lb[order]
    bucket = ((h >> np.uint64(32)) * np.uint64(buckets)) >> np.uint64(32)
    starts = np.searchsorted(bucket, np.arange(buckets + 1, dtype=np.uint64)).astype(np.int64)
    base = starts[::BLOCK].astype(np.uint32)
    rel = starts - np.repeat(starts[::BLOCK], BLOCK)[:buckets + 1]
    if rel.max() > 255:
        raise SystemExit(f"a block of {BLOCK} buckets holds {rel.max()} entries (at most 255)")
    width = 4 if last else 5
    rec = np.zeros((len(h), width), dtype=np.uint8)
    fp = (h & np.uint64(0xFFFFFF)).astype(np.uint32)
    rec[:, 0], rec[:, 1], rec[:, 2] = fp & 0xFF, (fp >> 8) & 0xFF, fp >> 16
    rec[:, 3] = np.clip(np.rint(-lp / PROB_STEP), 0, 255).astype(np.uint8)
    if not last:
        rec[:, 4] = np.clip(np.rint(-lb / BACKOFF_STEP), 0, 255).astype(np.uint8)
    pad = lambda b: b + bytes(-len(b) % 4)
    body = pad(base.astype("<u4").tobytes()) + pad(rel.astype(np.uint8).tobytes())
    return buckets, body + pad(rec.tobytes())


def write(path, orders, codes, vocab):
    heads, bodies, total = [], [], 0
    for n, (keys, lp, lb) in enumerate(orders, start=1):
        buckets, body = order_table(key_hash(keys, n, codes), lp, lb, n == ORDER)
        heads.append(struct.pack("<2I", buckets, len(keys)))
        bodies.append(body)
        total += len(keys)
    unknown = float(np.log10(1.0 / (vocab * 10)))
    header = b"SSLM" + struct.pack("<3I3fI", 2, ORDER, total, PROB_STEP, BACKOFF_STEP,
                                   unknown, 0)
    with open(path, "wb") as f:
        f.write(header + b"".join(heads) + b"".join(bodies))
    print(f"{path}: {total} n-grams, {os.path.getsize(path)} bytes", file=sys.stderr)


BIGRAM_BITS = 21


def write_bigrams(path, keys, codes):
    h = key_hash(keys, 2, codes)
    bit = (h >> np.uint64(64 - BIGRAM_BITS)).astype(np.int64)
    bits = np.zeros(1 << BIGRAM_BITS, dtype=np.uint8)
    bits[bit] = 1
    with open(path, "wb") as f:
        f.write(b"SSBG" + struct.pack("<2I", 1, BIGRAM_BITS))
        f.write(np.packbits(bits, bitorder="little").tobytes())
    print(f"{path}: {len(keys)} bigrams, {bits.mean():.3f} of the bits set", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(ROOT, "dictionaries", "model", "ngram.bin"))
    ap.add_argument("--min-count", default="2,3,3,4",
                    help="least count kept at orders 2,3,4,5")
    ap.add_argument("--chars-out", default=os.path.join(ROOT, "target", "model-chars.tsv"),
                    help="character counts of the training text, for tools/make_confusions.py")
    args = ap.parse_args()
    m2, m3, m4, m5 = (int(x) for x in args.min_count.split(","))
    files = training_files(args.data)
    runs = list(sentences(files))
    print(f"{len(files)} files, {sum(map(len, runs))} characters", file=sys.stderr)
    seq, codes, counts = encode(runs)
    orders, vocab = build(seq, {2: m2, 3: m3, 4: m4, 5: m5})
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    write(args.out, orders, codes, vocab)
    write_bigrams(os.path.join(os.path.dirname(args.out), "bigrams.bin"), orders[1][0], codes)
    os.makedirs(os.path.dirname(args.chars_out), exist_ok=True)
    with open(args.chars_out, "w", encoding="utf-8") as f:
        for c in sorted(counts, key=lambda c: (-counts[c], c)):
            f.write(f"{c}\t{counts[c]}\n")


if __name__ == "__main__":
    main()
