"""Reviews a JSON Lines archive of posts on Spark with sanshen.

    spark-submit examples/spark/review_archive.py INPUT OUTPUT [options]

INPUT is a JSON Lines file or folder on any Hadoop-compatible file system (a local path,
``hdfs://…``, ``s3a://…``), one post a line, as ``sanshen check --jsonl`` reads it. OUTPUT gets:

- ``findings/``: Parquet, one row per finding with the fields of ``sanshen check --format jsonl``
  (``path``, ``record`` — the post's line in the file —, ``id``, ``unit``, offsets, ``rule`` …);
- ``units/``: Parquet, one row per publishing unit: posts, posts with findings, findings by
  severity and family, bad records, and the sanshen version, check date and roster date;
- ``errors/``: Parquet, the records that could not be read (not JSON, no text field, bad date);
- ``run/``: one JSON document: the input, the settings, the sanshen version, the check date,
  the roster's date and the totals.

Each executor's Python worker builds one linter on its first task and keeps it; posts are
checked a batch at a time with the GIL released. Dictionary and configuration paths must be
readable on every executor (a shared file system, or ``--files`` and the bare file name).
"""

import argparse
import datetime
import json
import os
import sys

from pyspark import StorageLevel
from pyspark.sql import SparkSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sanshen_spark as job  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="JSON Lines file or folder (local path or Hadoop URI)")
    p.add_argument("output", help="folder for findings/, units/, errors/ and run/")
    p.add_argument("--field", default="text", help="the field holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="the post's id (default: id)")
    p.add_argument("--unit-field", default="unit", help="the publishing unit (default: unit)")
    p.add_argument("--date-field", default="date", help="the post's date (default: date)")
    p.add_argument("--as-of", help="check posts without a date as of YYYY-MM-DD (default: today)")
    p.add_argument("--config", help="a sanshen.toml (families, rules, severities, dictionaries)")
    p.add_argument("--dict", action="append", default=[], help="an extra dictionary (repeatable)")
    p.add_argument("--partitions", type=int, help="minimum input partitions (default: Spark's)")
    p.add_argument("--mode", default="errorifexists", help="Spark save mode for the output")
    return p.parse_args(argv)


def write(spark, rows, schema, path, mode):
    """Writes an RDD of tuples as Parquet. The rows are built to the schema by
    ``sanshen_spark``; verifying each again in Python would cost more than checking the post."""
    spark.createDataFrame(rows, schema, verifySchema=False).write.mode(mode).parquet(path)


def run(spark, args):
    """Runs the review; returns the run document written to ``run/``."""
    started = datetime.datetime.now(datetime.timezone.utc)
    settings = {"dictionaries": args.dict, "as_of": args.as_of, "config": args.config}
    # Built on the driver too: a bad dictionary or configuration fails here, before any task.
    about = job.linter_for(settings).describe()
    fields = {
        "text": args.field,
        "id": args.id_field,
        "unit": args.unit_field,
        "date": args.date_field,
    }
    sc = spark.sparkContext
    sc.addPyFile(job.__file__)
    lines = sc.textFile(args.input, minPartitions=args.partitions)
    posts = lines.zipWithIndex().mapPartitions(
        lambda rows: job.check_partition(rows, settings, fields)
    )
    posts.persist(StorageLevel.MEMORY_AND_DISK)
    out = args.output.rstrip("/")

    findings = posts.flatMap(lambda p: job.finding_rows(p, args.input))
    write(spark, findings, job.FINDINGS, out + "/findings", args.mode)

    stamp = [about["sanshen_version"], about["as_of"], about["roster_as_of"]]
    units = posts.map(job.unit_counts).reduceByKey(job.add_counts)
    rows = units.map(lambda u: [u[0]] + u[1] + stamp)
    write(spark, rows, job.UNITS, out + "/units", args.mode)

    errors = posts.filter(lambda p: p[4] is not None).map(lambda p: (args.input, p[0], p[4]))
    write(spark, errors, job.ERRORS, out + "/errors", args.mode)

    totals = dict(zip(job.COUNTS, units.values().fold([0] * len(job.COUNTS), job.add_counts)))
    posts.unpersist()
    document = {
        "input": args.input,
        "fields": fields,
        "sanshen": about,
        "partitions": lines.getNumPartitions(),
        "started": started.isoformat(),
        "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "totals": totals,
    }
    text = json.dumps(document, ensure_ascii=False)
    # One partition, so the run document is one file a reader can open.
    spark.createDataFrame([(text,)], "value string").coalesce(1).write.mode(args.mode).text(
        out + "/run")
    return document


def session_builder():
    """A session builder whose Python workers check on one thread each: Spark already runs one
    task per core, so each worker's linter needs no thread pool of its own."""
    threads = os.environ.get("RAYON_NUM_THREADS", "1")
    builder = SparkSession.builder.appName("sanshen-review-archive")
    return builder.config("spark.executorEnv.RAYON_NUM_THREADS", threads)


def main(argv=None):
    args = parse_args(argv)
    spark = session_builder().getOrCreate()
    try:
        document = run(spark, args)
    finally:
        spark.stop()
    print(json.dumps(document["totals"], ensure_ascii=False))


if __name__ == "__main__":
    main()
