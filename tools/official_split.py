#!/usr/bin/env python3
"""Prints the paths of one part of the official corpus, one a line, NUL-separated with -0.

A document is held out when the first hex digit of SHA-256 of its `path` (UTF-8, as written in
index.tsv) is 0, 1, 2 or 3; every other document is in the tuning part.

    python3 tools/official_split.py held-out ../shared/data/corpus/official
"""

import csv
import hashlib
import sys


def part(path: str) -> str:
    first = hashlib.sha256(path.encode("utf-8")).hexdigest()[0]
    return "held-out" if first in "0123" else "tuning"


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "-0"]
    if len(args) != 2 or args[0] not in ("held-out", "tuning"):
        print("usage: official_split.py [-0] held-out|tuning CORPUS_DIR", file=sys.stderr)
        return 2
    want, root = args
    end = "\0" if "-0" in sys.argv[1:] else "\n"
    with open(f"{root}/index.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if part(row["path"]) == want:
                sys.stdout.write(f"{root}/{row['path']}{end}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
