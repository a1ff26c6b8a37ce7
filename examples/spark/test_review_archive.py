"""Runs the archive job with PySpark in local mode on a generated archive and checks that its
findings are those of `sanshen check --format jsonl` on the same file."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

pyspark = pytest.importorskip("pyspark", reason="PySpark is not installed (pip install pyspark)")

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import review_archive  # noqa: E402

AS_OF = "2026-12-01"


def binary(env, *relative):
    """A built binary: $env, or the first of `relative` (under target/) that exists."""
    candidates = [os.environ.get(env)] + [str(ROOT / "target" / r) for r in relative]
    found = [c for c in candidates if c and os.access(c, os.X_OK)]
    if not found:
        pytest.skip(f"{relative[0]} is not built (cargo test builds it) and ${env} is unset")
    return found[0]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """A generated archive of posts with injected errors of each family, replies among them
    (marked by the various type fields), and a few lines the command line refuses or skips."""
    generate = binary("SANSHEN_GENERATE_CORPUS", "debug/examples/generate_corpus",
                      "release/examples/generate_corpus")
    path = tmp_path_factory.mktemp("archive") / "posts.jsonl"
    subprocess.run([generate, "--size", "256KB", "--seed", "7", "--error-rate", "0.004",
                    "--reply-rate", "0.3", "--out", str(path)], check=True, capture_output=True)
    with path.open("a", encoding="utf-8") as f:
        f.write("\n")
        f.write("not json\n")
        f.write(json.dumps({"id": "x1", "unit": "县政府", "text": "认真布署。"}, ensure_ascii=False))
        f.write("\n")
        f.write(json.dumps({"id": "x2", "date": "2022-06-01", "text": "国务院总理李克强"},
                           ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "x3", "date": "2022-13-01", "text": "认真布署"}) + "\n")
        f.write(json.dumps({"id": "x4", "type": "article", "text": "你懂个屁。"},
                           ensure_ascii=False) + "\n")
        f.write(json.dumps({"id": "x5", "date": "2022-13-01", "类型": "答复", "text": "你懂个屁。"},
                           ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime: install one (apt-get install default-jre-headless)")
    # The workers run the interpreter that has sanshen installed: this one.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        review_archive.session_builder()
        .master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    yield session
    session.stop()


def cli_findings(archive):
    cli = binary("SANSHEN_BIN", "debug/sanshen", "release/sanshen")
    run = subprocess.run(
        [cli, "check", str(archive), "--format", "jsonl", "--no-config", "--as-of", AS_OF,
         "--id-field", "id", "--unit-field", "unit", "--date-field", "date"],
        capture_output=True, check=False,
    )
    assert run.returncode == 2, "the bad lines make the exit code 2"
    assert b"not json" not in run.stdout
    return [json.loads(line) for line in run.stdout.decode().splitlines()]


def table(spark, path):
    rows = [r.asDict(recursive=True) for r in spark.read.parquet(str(path)).collect()]
    return [{k: v for k, v in r.items() if v is not None or k not in ("id", "unit")}
            for r in rows]


def key(f):
    return (f["record"], f["start"], f["end"], f["rule"])


def test_findings_equal_those_of_the_command_line(spark, archive, tmp_path):
    out = tmp_path / "out"
    args = review_archive.parse_args(
        [str(archive), str(out), "--as-of", AS_OF, "--partitions", "3"])
    document = review_archive.run(spark, args)

    want = sorted(cli_findings(archive), key=key)
    got = sorted(table(spark, out / "findings"), key=key)
    assert len(want) > 50 and {f["family"] for f in want} >= {"typo", "sensitive", "leader"}
    # Replies were checked as replies: abusive language is an error there, a warning elsewhere.
    abuse = {f["severity"] for f in want if f["category"] == "abuse"}
    assert abuse == {"error", "warning"}, abuse
    assert got == want

    units = table(spark, out / "units")
    assert sum(u["findings"] for u in units) == len(want)
    assert {u["sanshen_version"] for u in units} == {document["sanshen"]["sanshen_version"]}
    assert {u["as_of"] for u in units} == {AS_OF}
    posts = sum(1 for line in archive.read_text(encoding="utf-8").splitlines() if line.strip())
    assert document["totals"]["posts"] == posts
    assert document["totals"]["bad_records"] == 1

    errors = sorted((e["record"], e["message"][:12]) for e in table(spark, out / "errors"))
    # The post with an unreadable date is checked as of the run's date, as the command line does.
    assert [m for _, m in errors] == ["invalid JSON"]
    parts = sorted((out / "run").glob("part-*"))
    assert len(parts) == 1, f"the run document is one file, found {parts}"
    run = json.loads(parts[0].read_text(encoding="utf-8"))
    assert run["sanshen"]["roster_as_of"] == document["sanshen"]["roster_as_of"] is not None
    assert run["sanshen"]["model"] is True
    # The rules as configured (none turned off here), and the families.
    assert run["sanshen"]["settings"]["rules"] == {}
    assert set(run["sanshen"]["settings"]["families"]) == {"typo", "sensitive", "leader", "format"}


@pytest.mark.parametrize("flags, model", [([], True), (["--no-model"], False)])
def test_no_model_turns_the_model_off(flags, model):
    args = review_archive.parse_args(["in.jsonl", "out", "--as-of", AS_OF, *flags])
    settings = review_archive.linter_settings(args)
    assert review_archive.job.linter_for(settings).describe()["model"] is model
