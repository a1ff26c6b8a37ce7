"""Helpers of run.sh: time a whole process, and print the results as a Markdown table.

Usage:
  report.py time TOOL TEXT RUNS OUT -- COMMAND...   run COMMAND RUNS times, its standard output
                                                    to OUT; print a JSON line: the median wall
                                                    time over TEXT's bytes, lines of OUT as matches
  report.py table RESULTS                           the JSON lines of RESULTS as a Markdown table
"""

import json
import os
import statistics
import subprocess
import sys
import time

WHAT = {
    "sanshen check": ("Rust", "the whole process: full review of all four families, JSON output"),
    "sanshen check (posts)": ("Rust", "the same on the JSON Lines file, each post as of its date"),
    "sanshen Linter::check": ("Rust", "the full review alone: in process, one thread, the text as one"),
    "daachorse": ("Rust", "sanshen's bare automaton (char-wise double array), overlapping"),
    "pyahocorasick": ("Python (C)", "Aho-Corasick, overlapping (`iter`)"),
    "flashtext": ("Python", "trie, longest match at word boundaries, no overlaps"),
    "mint-filter": ("JavaScript", "Aho-Corasick, lower-cased; one match per end position"),
}


def time_process(tool, text, runs, out, command):
    walls = []
    for _ in range(runs):
        with open(out, "wb") as sink:
            start = time.perf_counter()
            code = subprocess.run(command, stdout=sink, check=False).returncode
            walls.append(time.perf_counter() - start)
        if code not in (0, 1):
            sys.exit(f"{command[0]} exited with {code}")
    with open(out, "rb") as f:
        matches = sum(1 for _ in f)
    size = os.path.getsize(text)
    wall = statistics.median(walls)
    print(json.dumps({
        "tool": tool,
        "bytes": size,
        "build_ms": None,
        "scan_s": round(wall, 4),
        "mib_s": round(size / 2**20 / wall, 1),
        "matches": matches,
    }))


def table(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    base = next(r for r in rows if r["tool"] == "sanshen check")["mib_s"]
    print("| tool | language | what it does | build | median time | MiB/s | matches | "
          "vs `sanshen check` |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for r in rows:
        lang, what = WHAT[r["tool"]]
        if r["build_ms"] is not None:
            build = f"{r['build_ms']:.1f} ms"
        else:
            build = "in the time" if r["tool"].startswith("sanshen check") else "—"
        matches = "—" if r["matches"] is None else f"{r['matches']:,}"
        scan = "—" if r["scan_s"] is None else f"{r['scan_s']:.2f} s"
        print(f"| {r['tool']} | {lang} | {what} | {build} | {scan} | {r['mib_s']:.1f} | "
              f"{matches} | {r['mib_s'] / base:.2f}× |")


def main():
    if sys.argv[1] == "time" and sys.argv[6] == "--":
        time_process(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[7:])
    elif sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
