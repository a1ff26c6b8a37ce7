"""`Linter.check` and `check_many`: the command line's records, dates, formats, threads."""

import datetime
import gc
import json
import pathlib
import re
import subprocess
import threading
import weakref

import pytest

import sanshen

AS_OF = "2026-12-01"
ROOT = pathlib.Path(__file__).resolve().parents[3]
JSONL_ONLY = {"record", "id", "unit"}


def contract_fields():
    """The fields of README's "JSON fields" table, in order, less those only some inputs have
    (JSON Lines, office documents, PDF: their meaning says "only")."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### JSON fields", 1)[1].split("\n## ", 1)[0]
    rows = [row for row in table.splitlines() if row.startswith("| `")]
    names = [re.findall(r"`([a-z_0-9]+)`", row.split("|")[1]) for row in rows
             if " only" not in row.split("|")[3]]
    return [n for row in names for n in row if n not in JSONL_ONLY]
# One of each family, a disguised spelling, and characters outside the BMP before a finding.
TEXT = (
    "🇨🇳各单位要再接再励，认真布署。\n"
    "国务院总理李克强出席会议，台 湾 政 府发言人说：“本产品是全国第一。\n"
    "习进平总书记强调。"
)


@pytest.fixture(scope="module")
def linter():
    return sanshen.Linter(as_of=AS_OF)


def cli_records(cli, text, *flags):
    run = subprocess.run(
        [cli, "check", "-", "--format", "jsonl", "--no-config", "--as-of", AS_OF, *flags],
        input=text.encode(), capture_output=True, check=False,
    )
    assert run.returncode in (0, 1), run.stderr.decode()
    return [json.loads(line) for line in run.stdout.decode().splitlines()]


def test_findings_are_the_records_of_the_command_line(linter, cli):
    got = linter.check(TEXT)
    assert {f["family"] for f in got} == {"typo", "sensitive", "leader", "format"}
    want = cli_records(cli, TEXT)
    assert got == want
    # In the command line's order too, every record (all but the first are filled from the
    # first one's template), and in the source's.
    assert [list(f) for f in got] == [list(f) for f in want]
    sources = [(list(f["source"]), list(w["source"])) for f, w in zip(got, want) if w["source"]]
    assert len(sources) > 2 and all(a == b for a, b in sources)


def test_html_findings_are_placed_in_the_original(linter, cli):
    html = "<p>请认真<b>布署</b>。</p><script>var 布署 = 1;</script>"
    got = linter.check(html, format="html")
    assert [(f["text"], f["start"], f["end"]) for f in got] == [("布署", 15, 21)]
    assert got == cli_records(cli, html, "--input", "html")


def test_records_have_exactly_the_contract_fields(linter):
    (first, *_) = linter.check("认真布署")
    assert sorted(first) == sorted(contract_fields())
    assert (first["start"], first["end"], first["start_utf16"], first["end_utf16"]) == (6, 12, 2, 4)
    assert first["suggestions"] == ["部署"] and first["evasion"] is None


def test_utf16_offsets_count_astral_characters_twice(linter):
    (f,) = linter.check("𠀀😀认真布署")
    assert (f["start_utf16"], f["end_utf16"]) == (6, 8)
    assert (f["column"], f["start"]) == (5, 14)


def test_the_date_decides_leader_titles(linter):
    text = "国务院总理李克强出席会议。"
    rules = lambda fs: [f["rule"] for f in fs if f["family"] == "leader"]
    assert rules(linter.check(text)) == ["leader/outdated"]
    assert rules(linter.check(text, date="2022-06-01")) == []
    assert rules(linter.check(text, date=datetime.date(2022, 6, 1))) == []
    assert rules(linter.check(text, date=datetime.datetime(2022, 6, 1, 23, 0))) == []
    assert rules(sanshen.Linter(as_of=datetime.date(2022, 6, 1)).check(text)) == []


@pytest.mark.parametrize("bad", ["2022-13-01", "yesterday", "2022-06-01x", 20220601])
def test_bad_dates_are_value_errors(linter, bad):
    with pytest.raises((ValueError, AttributeError)):
        linter.check("认真布署", date=bad)


def test_unknown_format_is_a_value_error(linter):
    with pytest.raises(ValueError, match="unknown format \"docx\""):
        linter.check("认真布署", format="docx")


def test_check_many_equals_check_one_by_one(linter):
    texts = ["认真布署", "", "国务院总理李克强", "再接再励"] * 50
    dates = [None, AS_OF, "2022-06-01", datetime.date(2026, 1, 1)] * 50
    got = linter.check_many(texts, dates=dates)
    assert got == [linter.check(t, date=d) for t, d in zip(texts, dates)]
    assert got[2] == [] and linter.check_many(texts[2:3]) != [[]]
    assert linter.check_many(iter(texts[:4])) == [linter.check(t) for t in texts[:4]]


def test_check_many_makes_the_records_check_makes(linter):
    # check_many fills its records field by field; check makes them from the library's record.
    texts = [TEXT, "认真布署", TEXT + "\n再接再励"] * 30
    got = linter.check_many(texts)
    want = [linter.check(t) for t in texts]
    assert got == want
    assert {f["family"] for f in got[0]} == {"typo", "sensitive", "leader", "format"}
    assert any(f["evasion"] for f in got[0]) and all(f["source"] for f in got[0])
    order = [[(list(f), list(f["source"] or ())) for f in fs] for fs in got]
    assert order == [[(list(f), list(f["source"] or ())) for f in fs] for fs in want]


def test_check_many_places_findings_far_into_a_long_text(linter):
    # Long runs of text between findings (check_many counts their UTF-16 units itself),
    # characters outside the BMP among them, and offsets past 65,536.
    filler = "各地区各部门要结合实际抓好落实。𠀀" * 400
    text = "\n".join(["认真布署。" + filler] * 8 + [TEXT])
    assert len(text.encode("utf-8")) > 70_000
    got = linter.check_many([text, TEXT, text])
    assert got == [linter.check(text), linter.check(TEXT), linter.check(text)]
    assert got[0][-1]["end"] > 70_000 and got[0][-1]["end_utf16"] > 30_000


def test_records_share_no_dict_or_list(linter):
    texts = ["认真布署。"] * 5
    found = [fs[0] for fs in linter.check_many(texts)]
    found[1]["source"]["examples"].append("x")
    found[1]["source"]["note"] = "changed"
    found[1]["suggestions"].append("y")
    assert found[0] == found[2] == found[4] == linter.check(texts[0])[0] != found[1]


def test_check_many_refuses_dates_of_another_length(linter):
    with pytest.raises(ValueError, match="3 dates for 2 texts"):
        linter.check_many(["a", "b"], dates=[None] * 3)


def test_check_many_refuses_a_lone_string(linter):
    with pytest.raises(TypeError):
        linter.check_many("认真布署")


def test_one_linter_serves_many_threads(linter):
    texts = ["各单位要再接再励，认真布署。" * 20] * 40
    want = linter.check_many(texts)
    results = [None] * 4

    def work(i):
        results[i] = linter.check_many(texts)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [want] * 4


@pytest.mark.parametrize("enabled", [True, False])
def test_check_many_leaves_the_cycle_collector_as_it_found_it(linter, enabled):
    (gc.enable if enabled else gc.disable)()
    try:
        assert linter.check_many(["认真布署"] * 100)[99][0]["text"] == "布署"
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def containers(record):
    """A record, its `suggestions`, its source and the source's lists."""
    source = record["source"] or {}
    lists = [v for v in source.values() if isinstance(v, list)]
    return [record, record["suggestions"], *([source] if source else []), *lists]


def test_records_are_left_out_of_the_cycle_collector(linter):
    # They hold no cycle; tracked, each call's records were walked by the next collection.
    many = [r for fs in linter.check_many([TEXT, "认真布署"] * 40) for r in fs]
    one = linter.check(TEXT)
    fixed = linter.fix("认真布署")
    records = many + one + fixed["applied"] + fixed["remaining"]
    assert len(many) > 100 and fixed["applied"] and all(r["source"] for r in one)
    tracked = [c for r in records for c in containers(r) if gc.is_tracked(c)]
    assert tracked == []
    # The lists holding them stay tracked.
    assert gc.is_tracked(one) and gc.is_tracked(fixed["applied"])


def test_a_record_given_a_container_is_tracked_again(linter):
    # CPython tracks a dict again when a container is put into it, so a cycle made through a
    # record's dict is collected.
    class Probe:
        pass

    for make in (lambda: linter.check("认真布署")[0], lambda: linter.check_many(["认真布署"])[0][0]):
        record = make()
        record["self"], record["probe"] = record, Probe()
        assert gc.is_tracked(record)
        probe = weakref.ref(record["probe"])
        del record
        gc.collect()
        assert probe() is None
