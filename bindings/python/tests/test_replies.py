"""Replies: `check(reply=True)`, `check_many(replies=…)`, `fix(reply=True)` and `is_reply`,
against the command line on JSON Lines posts whose type marks a reply."""

import json
import subprocess

import pytest

import sanshen

AS_OF = "2026-12-01"
ABUSIVE = "你懂个屁，别瞎说。认真布署。"


@pytest.fixture(scope="module")
def linter():
    return sanshen.Linter(as_of=AS_OF)


def abuse(findings):
    return [f["severity"] for f in findings if f["category"] == "abuse"]


def test_replies_report_abusive_language_as_errors(linter):
    assert abuse(linter.check(ABUSIVE)) == ["warning"]
    assert abuse(linter.check(ABUSIVE, reply=False)) == ["warning"]
    assert abuse(linter.check(ABUSIVE, reply=True)) == ["error"]
    # Everything else is found as in any post.
    other = lambda fs: [(f["rule"], f["start"]) for f in fs if f["category"] != "abuse"]
    assert other(linter.check(ABUSIVE, reply=True)) == other(linter.check(ABUSIVE))
    assert abuse(linter.fix(ABUSIVE, reply=True)["remaining"]) == ["error"]
    assert abuse(linter.fix(ABUSIVE)["remaining"]) == ["warning"]


def test_check_many_takes_replies_as_bools_or_post_types(linter):
    texts = [ABUSIVE] * 5
    replies = [True, False, None, "评论", "article"]
    got = linter.check_many(texts, replies=replies)
    assert [abuse(f) for f in got] == [["error"], ["warning"], ["warning"], ["error"], ["warning"]]
    one_by_one = [linter.check(t, reply=sanshen.is_reply({"type": r}) if isinstance(r, str)
                               else bool(r)) for t, r in zip(texts, replies)]
    assert got == one_by_one
    assert [abuse(f) for f in linter.check_many(texts)] == [["warning"]] * 5


def test_check_many_refuses_replies_of_another_length_or_kind(linter):
    with pytest.raises(ValueError, match="2 replies for 3 texts"):
        linter.check_many(["a", "b", "c"], replies=[True, False])
    with pytest.raises(TypeError, match="replies holds"):
        linter.check_many(["a"], replies=[3])


def test_a_configured_severity_is_kept_for_replies(tmp_path):
    config = tmp_path / "sanshen.toml"
    config.write_text('[severity]\nabuse = "info"\n', encoding="utf-8")
    linter = sanshen.Linter(as_of=AS_OF, config=config)
    assert abuse(linter.check(ABUSIVE, reply=True)) == ["info"]


POSTS = [
    {"text": ABUSIVE, "type": "reply"},
    {"text": ABUSIVE, "msg_type": "回复"},
    {"text": ABUSIVE, "类型": " 留言回复 "},
    {"text": ABUSIVE, "kind": "Comment"},
    {"text": ABUSIVE, "type": "article"},
    {"text": ABUSIVE, "type": 1},
    {"text": ABUSIVE, "channel": "reply"},
    {"text": ABUSIVE},
]


def cli_abuse(cli, tmp_path, *flags):
    """The severity of the abusive-language finding of each of POSTS, by `sanshen check`."""
    path = tmp_path / "posts.jsonl"
    lines = [json.dumps(p, ensure_ascii=False) for p in POSTS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = subprocess.run(
        [cli, "check", str(path), "--format", "jsonl", "--no-config", "--as-of", AS_OF, *flags],
        capture_output=True, check=False,
    )
    assert run.returncode == 1, run.stderr.decode()
    records = [json.loads(line) for line in run.stdout.decode().splitlines()]
    by_record = {r["record"]: r["severity"] for r in records if r["category"] == "abuse"}
    return [by_record[i + 1] for i in range(len(POSTS))]


@pytest.mark.parametrize("type_field", [None, "channel"])
def test_is_reply_reads_records_as_the_command_line_does(linter, cli, tmp_path, type_field):
    flags = ["--type-field", type_field] if type_field else []
    want = cli_abuse(cli, tmp_path, *flags)
    assert "error" in want and "warning" in want
    replies = [sanshen.is_reply(p, type_field=type_field) for p in POSTS]
    got = [abuse(f)[0] for f in linter.check_many([p["text"] for p in POSTS], replies=replies)]
    assert got == want


def test_type_fields_are_the_libraries():
    assert isinstance(sanshen.TYPE_FIELDS, tuple) and isinstance(sanshen.REPLY_TYPES, tuple)
    assert "type" in sanshen.TYPE_FIELDS and "msg_type" in sanshen.TYPE_FIELDS
    assert "回复" in sanshen.REPLY_TYPES
    for field in sanshen.TYPE_FIELDS:
        assert sanshen.is_reply({field: "评论"})
        assert not sanshen.is_reply({field: "评论"}, type_field="other")
