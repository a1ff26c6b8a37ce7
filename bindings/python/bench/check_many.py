"""Times `Linter.check_many` over the posts of a JSON Lines file, for comparison with
`cargo run --release --example posts_throughput` on the same file (BENCHMARKS.md).

    python bindings/python/bench/check_many.py posts.jsonl [ROUNDS]

Reading the file and parsing JSON are outside the timing on both sides.
"""

import json
import statistics
import sys
import time

import sanshen


def main():
    path = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    mib = sum(len(t.encode("utf-8")) for t in texts) / 2**20
    linter = sanshen.Linter(as_of="2026-12-01")
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        found = linter.check_many(texts)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(
        f"python check_many: {len(texts)} posts, {mib:.1f} MiB, {sum(map(len, found))} findings, "
        f"median {median:.3f} s: {len(texts) / median:.0f} posts/s, {mib / median:.1f} MiB/s"
    )


if __name__ == "__main__":
    main()
