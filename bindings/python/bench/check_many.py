"""Times `Linter.check_many` over the posts of a JSON Lines file, for comparison with
`posts_throughput` (`cargo build --release --example posts_throughput`) on the same file
(BENCHMARKS.md, "Python and Spark").

    python bindings/python/bench/check_many.py posts.jsonl [ROUNDS] [--no-model] [--against BINARY]

With `--against`, each round of `check_many` is followed by a run of the Rust program (three
rounds of its own, its median taken), so that both are timed in the same minutes on a shared
machine; the ratio of each pair is printed, and their median. Reading the file and parsing JSON
are outside the timing on both sides; each round checks new string objects, parsed again before
it, so that making each text's UTF-8 (which CPython then keeps with the string) is timed in
every round, as it is when posts are checked once. Processor time over all threads is printed
beside the wall-clock time: on a shared machine the wall clock mostly measures the other
programs, and the ratio of processor times is the steadier one (Linux). The calling thread's
own processor time (building the dicts, encoding the texts, the collection after) is printed
too: it is what the binding adds to the checks, which run on the other threads.
"""

import argparse
import gc
import json
import re
import statistics
import subprocess
import time

import sanshen


def rust_seconds(binary, path, no_model):
    """The median round of the Rust program over the file: wall-clock and processor seconds,
    and its report."""
    command = [binary, path, "3"] + (["--no-model"] if no_model else [])
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wall = float(re.search(r"median ([0-9.]+) s", out).group(1))
    cpu = float(re.search(r"cpu ([0-9.]+|NaN) s", out).group(1))
    return wall, cpu, out.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("path")
    p.add_argument("rounds", nargs="?", type=int, default=5)
    p.add_argument("--against", help="the posts_throughput binary, run after each round")
    p.add_argument(
        "--no-model",
        action="store_true",
        help="without the statistical model, on both sides (posts_throughput is given "
        "--no-model: built with `model`, it is the same library with the model off)",
    )
    args = p.parse_args()
    with open(args.path, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    texts = [json.loads(line)["text"] for line in lines]
    mib = sum(len(t.encode("utf-8")) for t in texts) / 2**20
    linter = sanshen.Linter(as_of="2026-12-01", model=False if args.no_model else None)
    linter.check_many(texts[:200])  # first touches of the tables, outside the timing
    times, cpus, callers, ratios, cpu_ratios = [], [], [], [], []
    for _ in range(args.rounds):
        texts = [json.loads(line)["text"] for line in lines]
        started, cpu_started = time.perf_counter(), time.process_time()
        caller_started = time.thread_time()
        found = linter.check_many(texts)
        # The young generation's pass over the new containers, which the call may leave for
        # later, is part of the cost of making them.
        gc.collect(0)
        times.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu_started)
        callers.append(time.thread_time() - caller_started)
        findings = sum(map(len, found))
        # Freed outside the timing, as the Rust program frees its findings.
        del found
        if args.against:
            rust, rust_cpu, line = rust_seconds(args.against, args.path, args.no_model)
            ratios.append(times[-1] / rust)
            cpu_ratios.append(cpus[-1] / rust_cpu)
            if len(ratios) == 1:
                print(line)
            print(f"  python {times[-1]:.3f} s (cpu {cpus[-1]:.3f} s, calling thread "
                  f"{callers[-1]:.3f} s), rust {rust:.3f} s "
                  f"(cpu {rust_cpu:.3f} s): {ratios[-1]:.2f}x wall, {cpu_ratios[-1]:.2f}x cpu")
    median = statistics.median(times)
    print(
        f"python check_many: {len(texts)} posts, {mib:.1f} MiB, {findings} findings, "
        f"median {median:.3f} s: {len(texts) / median:.0f} posts/s, {mib / median:.1f} MiB/s, "
        f"cpu {statistics.median(cpus):.3f} s, calling thread {statistics.median(callers):.3f} s"
    )
    if ratios:
        print(f"python / rust, median of {len(ratios)} pairs: "
              f"{statistics.median(ratios):.2f}x wall, {statistics.median(cpu_ratios):.2f}x cpu")


if __name__ == "__main__":
    main()
