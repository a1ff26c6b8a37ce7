"""Times the Python peers over a text file with a pattern list, one JSON line per peer.

Usage: peers.py PATTERNS TEXT [RUNS]

Each peer builds its matcher from the patterns (timed apart, median of three builds), then
scans the whole text RUNS times; the median scan, its throughput in MiB/s of UTF-8 text and the
number of matches it reported are printed.
"""

import json
import statistics
import sys
import time

import ahocorasick
from flashtext import KeywordProcessor


def build_pyahocorasick(patterns):
    automaton = ahocorasick.Automaton()
    for i, p in enumerate(patterns):
        automaton.add_word(p, i)
    automaton.make_automaton()
    return automaton


def scan_pyahocorasick(automaton, text):
    # Every occurrence, overlapping ones included, like daachorse's overlapping search.
    return sum(1 for _ in automaton.iter(text))


def build_flashtext(patterns):
    processor = KeywordProcessor(case_sensitive=True)
    processor.add_keywords_from_list(patterns)
    return processor


def scan_flashtext(processor, text):
    # Longest match at word boundaries, no overlaps: what flashtext does.
    return len(processor.extract_keywords(text))


PEERS = [
    ("pyahocorasick", build_pyahocorasick, scan_pyahocorasick),
    ("flashtext", build_flashtext, scan_flashtext),
]


def measure(name, build, scan, patterns, text, runs):
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        matcher = build(patterns)
        builds.append(time.perf_counter() - start)
    scans = []
    matches = 0
    for _ in range(runs):
        start = time.perf_counter()
        matches = scan(matcher, text)
        scans.append(time.perf_counter() - start)
    size = len(text.encode("utf-8"))
    scan_s = statistics.median(scans)
    return {
        "tool": name,
        "patterns": len(patterns),
        "bytes": size,
        "build_ms": round(statistics.median(builds) * 1e3, 2),
        "scan_s": round(scan_s, 4),
        "mib_s": round(size / 2**20 / scan_s, 1),
        "matches": matches,
    }


def main():
    patterns_path, text_path = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with open(patterns_path, encoding="utf-8") as f:
        patterns = [line.rstrip("\n") for line in f if line.rstrip("\n")]
    with open(text_path, encoding="utf-8", newline="") as f:
        text = f.read()
    for name, build, scan in PEERS:
        print(json.dumps(measure(name, build, scan, patterns, text, runs)), flush=True)


if __name__ == "__main__":
    main()
