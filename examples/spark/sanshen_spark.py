"""What the archive job runs on the executors: one linter per Python worker process, built on
first use and kept for every later task, and the rows the job writes.

Imported by ``review_archive.py`` and shipped to the executors with ``addPyFile``, so the
linter cached here lives as long as the worker process (``spark.python.worker.reuse``, on by
default), not one task.
"""

import json

import sanshen
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    LongType,
    StringType,
    StructField,
    StructType,
)

#: Posts checked in one ``check_many`` call: enough to amortise the call, small enough to keep
#: a partition's memory flat.
BATCH = 1024

_LINTERS = {}


def linter_for(settings):
    """The linter for ``settings`` (keyword arguments of ``sanshen.Linter``), built once per
    process."""
    key = json.dumps(settings, sort_keys=True)
    if key not in _LINTERS:
        _LINTERS[key] = sanshen.Linter(**settings)
    return _LINTERS[key]


def _field(value):
    """A JSON field as the command line reports it: strings as they are, the rest as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def parse_post(line, fields):
    """``(text, id, unit, date, reply)`` of one JSON Lines record, ``None`` for a blank line.
    ``reply`` says whether the record's type marks a reply, read as the command line reads it:
    ``fields["type"]`` if set, else the usual type fields (``sanshen.is_reply``).

    Raises ``ValueError`` with the command line's message for a record it would refuse."""
    line = line.lstrip("\ufeff").strip()
    if not line:
        return None
    try:
        value = json.loads(line)
    except ValueError as e:
        raise ValueError(f"invalid JSON: {e}") from None
    text = value.get(fields["text"]) if isinstance(value, dict) else None
    if not isinstance(text, str):
        raise ValueError(f"no string field `{fields['text']}`")
    get = lambda name: value.get(fields[name]) if fields.get(name) else None
    date = get("date")
    if date is not None and not isinstance(date, str):
        raise ValueError(f"field `{fields['date']}` is not a date: {_field(date)}")
    reply = sanshen.is_reply(value, type_field=fields.get("type"))
    return text, _field(get("id")), _field(get("unit")), date, reply


def _day(date):
    """The day a post is checked as of, read as the command line reads it (``2026-07-15…``,
    ``2026/07/15``, ``2026.07.15``, ``20260715``); ``None`` for the linter's default."""
    if date is None:
        return None
    date = date.strip()
    digits = len(date) - len(date.lstrip("0123456789"))
    if digits == 8:
        return f"{date[:4]}-{date[4:6]}-{date[6:8]}"
    return date[:10].replace("/", "-").replace(".", "-")


def _check(linter, posts, fields):
    """The findings of each post, replies checked as replies (abusive language is an error);
    a post whose date the linter refuses is checked as of the run's date."""
    texts = [p[1][0] for p in posts]
    replies = [p[1][4] for p in posts]
    try:
        found = linter.check_many(texts, dates=[_day(p[1][3]) for p in posts], replies=replies)
        return [(f, None) for f in found]
    except ValueError:
        pass
    out = []
    for _, (text, _, _, date, reply) in posts:
        try:
            out.append((linter.check(text, date=_day(date), reply=reply), None))
        except ValueError:
            # As the command line does: a post with an unreadable date is checked as of the
            # run's date rather than left out.
            out.append((linter.check(text, reply=reply), None))
    return out


def check_partition(rows, settings, fields):
    """Checks ``(line, index)`` rows of a JSON Lines file; yields one ``POSTS`` row per
    non-blank record."""
    linter = linter_for(settings)
    batch = []
    for line, index in rows:
        record = index + 1
        try:
            post = parse_post(line, fields)
        except ValueError as e:
            yield (record, None, None, str(e), []) + _NO_COUNTS
            continue
        if post is not None:
            batch.append((record, post))
        if len(batch) >= BATCH:
            yield from _finish(linter, batch, fields)
            batch = []
    if batch:
        yield from _finish(linter, batch, fields)


def _finish(linter, batch, fields):
    for (record, (_, id_, unit, _, _)), (findings, error) in zip(batch, _check(linter, batch, fields)):
        yield (record, id_, unit, error, [finding_row(f) for f in findings]) + _counts(findings)


def _counts(findings):
    """A post's findings counted, in the order of ``KINDS``."""
    counts = dict.fromkeys(KINDS, 0)
    counts["all"] = len(findings)
    for f in findings:
        for kind in (f["severity"], f["family"]):
            if kind in counts:
                counts[kind] += 1
    return tuple(counts[k] for k in KINDS)


EVASION = StructType(
    [StructField("folded", ArrayType(StringType()), False), StructField("noise", LongType(), False)]
)

#: Where a finding comes from (README, "JSON fields", `source`).
SOURCE = StructType(
    [
        StructField("kind", StringType(), False),
        StructField("file", StringType(), True),
        StructField("line", LongType(), True),
        StructField("entry", StringType(), True),
        StructField("note", StringType(), True),
        StructField("examples", ArrayType(StringType()), False),
        StructField("counterexamples", ArrayType(StringType()), False),
        StructField("as_of", StringType(), True),
    ]
)

#: The findings table: the command line's JSON Lines fields (README, "JSON fields").
FINDINGS = StructType(
    [
        StructField("path", StringType(), False),
        StructField("record", LongType(), False),
        StructField("id", StringType(), True),
        StructField("unit", StringType(), True),
        StructField("line", LongType(), False),
        StructField("column", LongType(), False),
        StructField("start", LongType(), False),
        StructField("end", LongType(), False),
        StructField("start_utf16", LongType(), False),
        StructField("end_utf16", LongType(), False),
        StructField("family", StringType(), False),
        StructField("rule", StringType(), False),
        StructField("category", StringType(), True),
        StructField("severity", StringType(), False),
        StructField("text", StringType(), False),
        StructField("message", StringType(), False),
        StructField("suggestions", ArrayType(StringType()), False),
        StructField("fixable", BooleanType(), False),
        StructField("evasion", EVASION, True),
        StructField("source", SOURCE, True),
    ]
)


#: The findings' own columns: those of the findings table after its first four (``path``,
#: ``record``, ``id``, ``unit``), which come from the post.
FINDING = StructType(FINDINGS.fields[4:])

FAMILIES = ("typo", "sensitive", "leader", "format")
SEVERITIES = ("error", "warning", "info")
#: The findings a post's row counts: all of them, and by severity and family.
KINDS = ("all",) + SEVERITIES + FAMILIES
_NO_COUNTS = (0,) * len(KINDS)

#: One row per checked record: the post's line, id and unit, the error that kept a record from
#: being read (or null), its findings and their counts. Every table is derived from it in the
#: JVM, so the posts are read, parsed and checked in one pass; the counts spare the summary
#: decoding the cached findings again.
POSTS = StructType(
    [
        StructField("record", LongType(), False),
        StructField("id", StringType(), True),
        StructField("unit", StringType(), True),
        StructField("error", StringType(), True),
        StructField("findings", ArrayType(FINDING, False), False),
    ]
    + [StructField(k + "_findings", LongType(), False) for k in KINDS]
)


def finding_row(f):
    """One finding as a row of ``FINDING``."""
    evasion = f["evasion"]
    if evasion is not None:
        evasion = (evasion["folded"], evasion["noise"])
    source = f.get("source")
    if source is not None:
        source = tuple(source.get(field.name) for field in SOURCE.fields)
    return (
        f["line"], f["column"], f["start"], f["end"], f["start_utf16"], f["end_utf16"],
        f["family"], f["rule"], f["category"], f["severity"], f["text"], f["message"],
        f["suggestions"], f["fixable"], evasion, source,
    )


#: Counts per unit, in the order of the summary table's count columns.
COUNTS = ("posts", "posts_with_findings", "findings", "bad_records") + SEVERITIES + FAMILIES


#: The per-unit summary table; the last three columns say what checked it.
UNITS = StructType(
    [StructField("unit", StringType(), True)]
    + [StructField(c, LongType(), False) for c in COUNTS]
    + [
        StructField("sanshen_version", StringType(), False),
        StructField("as_of", StringType(), True),
        StructField("roster_as_of", StringType(), True),
    ]
)

ERRORS = StructType(
    [
        StructField("path", StringType(), False),
        StructField("record", LongType(), False),
        StructField("message", StringType(), False),
    ]
)
