"""Compares builds of the binding by the processor time of the thread that calls `check_many`
(building the dicts, encoding the texts, the young-generation collection after), all loaded
in one process and called in turn, so that each sees the same load on a shared machine
(BENCHMARKS.md, "Python and Spark").

    python bindings/python/bench/calling_thread.py posts.jsonl ROUNDS NAME=DIR [NAME=DIR ...]

Each DIR holds a `sanshen` package (an unpacked wheel, or the package folder with the built
`_sanshen` module beside its `__init__.py`); each is imported under a name of its own. Every
round calls each build once on texts parsed anew (the order reversed every other round) and
prints the median, least and mean time per build.
"""

import gc
import importlib
import json
import os
import shutil
import statistics
import sys
import tempfile
import time


def main():
    path, rounds, builds = sys.argv[1], int(sys.argv[2]), [a.split("=", 1) for a in sys.argv[3:]]
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    with tempfile.TemporaryDirectory() as root:
        sys.path.insert(0, root)
        linters = {}
        for name, folder in builds:
            shutil.copytree(os.path.join(folder, "sanshen"), os.path.join(root, "build_" + name))
            linters[name] = importlib.import_module("build_" + name).Linter(as_of="2026-12-01")
        for linter in linters.values():
            linter.check_many([json.loads(line)["text"] for line in lines[:200]])
        times = {name: [] for name in linters}
        for r in range(rounds):
            order = list(linters.items())
            for name, linter in order if r % 2 == 0 else reversed(order):
                texts = [json.loads(line)["text"] for line in lines]
                gc.collect()
                started = time.thread_time()
                found = linter.check_many(texts)
                gc.collect(0)
                times[name].append(time.thread_time() - started)
                del found
    for name, t in times.items():
        print(f"{name}: calling thread median {statistics.median(t):.4f} s, "
              f"least {min(t):.4f} s, mean {statistics.mean(t):.4f} s ({len(t)} calls)")


if __name__ == "__main__":
    main()
