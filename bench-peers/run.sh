#!/usr/bin/env bash
# Side by side: sanshen's full review and popular multi-pattern matchers from PyPI and npm, over
# the same text with the same patterns (every pattern of sanshen's shipped dictionaries).
#
# Usage: bench-peers/run.sh [CORPUS]
#   CORPUS  a UTF-8 text file, or a .jsonl file of posts (as examples/generate_corpus.rs writes
#           them), whose "text" fields the matchers scan joined one a line; by default the
#           documents in ../shared/data/corpus/gov-docs concatenated in file-name order, or,
#           where that folder is absent, a generated 16 MB corpus.
# Environment:
#   RUNS=5        timed scans (or processes) per tool; the median is reported
#
# Prints a Markdown table; the peers are installed into bench-peers/.venv and
# bench-peers/node_modules from PyPI and npm, at the versions in requirements.txt and
# package.json.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"

echo "installing the peers and building sanshen..." >&2
[ -x "$here/.venv/bin/python" ] || python3 -m venv "$here/.venv"
"$here/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
npm install --prefix "$here" --no-package-lock --no-audit --no-fund --silent
cargo build --release --quiet --bin sanshen --example export_patterns --example generate_corpus
py="$here/.venv/bin/python"

target/release/examples/export_patterns > "$work/patterns.txt"

corpus=${1:-}
docs="$root/../shared/data/corpus/gov-docs"
if [ -z "$corpus" ] && [ -d "$docs" ]; then
  (
    export LC_ALL=C
    for f in "$docs"/*; do
      cat "$f"
      echo
    done
  ) > "$work/corpus.txt"
elif [ -z "$corpus" ]; then
  target/release/examples/generate_corpus --size 16MB --seed 42 --out "$work/posts.jsonl"
  corpus="$work/posts.jsonl"
fi
if [[ "$corpus" == *.jsonl ]]; then
  "$py" -c 'import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    sys.stdout.write("\n".join(json.loads(line)["text"] for line in f if line.strip()) + "\n")' \
    "$corpus" > "$work/corpus.txt"
elif [ -n "$corpus" ]; then
  cp "$corpus" "$work/corpus.txt"
fi
text="$work/corpus.txt"
echo "text: $(wc -c < "$text") bytes; patterns: $(wc -l < "$work/patterns.txt"); runs: $runs" >&2

results="$work/results.jsonl"
echo "sanshen check..." >&2
"$py" "$here/report.py" time "sanshen check" "$text" "$runs" "$work/findings.jsonl" -- \
  target/release/sanshen check --format jsonl "$text" >> "$results"
if [[ "$corpus" == *.jsonl ]]; then
  "$py" "$here/report.py" time "sanshen check (posts)" "$text" "$runs" "$work/findings.jsonl" -- \
    target/release/sanshen check --format jsonl --date-field date --id-field id "$corpus" \
    >> "$results"
fi
# The review and the bare automaton in alternation in one process: their ratio is measured in
# the same run.
echo "sanshen Linter::check and daachorse..." >&2
target/release/examples/export_patterns --both "$text" --runs "$runs" >> "$results"
echo "pyahocorasick, flashtext..." >&2
"$py" "$here/peers.py" "$work/patterns.txt" "$text" "$runs" >> "$results"
echo "mint-filter..." >&2
node "$here/peers.js" "$work/patterns.txt" "$text" "$runs" >> "$results"

"$py" "$here/report.py" table "$results"
