"""Reviews a JSON Lines archive of posts on Spark with sanshen.

    spark-submit examples/spark/review_archive.py INPUT OUTPUT [options]

INPUT is a JSON Lines file or folder on any Hadoop-compatible file system (a local path,
``hdfs://…``, ``s3a://…``), one post a line, as ``sanshen check --jsonl`` reads it: posts whose
type marks a reply (``"type": "reply"``, ``"msg_type": "回复"`` …, or ``--type-field``) report
abusive language as an error, as the command line does. OUTPUT gets:

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

from pyspark import RDD, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

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
    p.add_argument("--type-field", help="the post's type: a reply type (reply, comment, 回复, 评论 "
                   "…) makes abusive language an error (default: the usual type fields: type, "
                   "kind, msg_type …)")
    p.add_argument("--as-of", help="check posts without a date as of YYYY-MM-DD (default: today)")
    p.add_argument("--config", help="a sanshen.toml (families, rules, severities, dictionaries)")
    p.add_argument("--dict", action="append", default=[], help="an extra dictionary (repeatable)")
    p.add_argument("--no-model", action="store_true", help="without the statistical typo model "
                   "(rule typo/model), whatever the configuration says: several times the "
                   "throughput")
    p.add_argument("--partitions", type=int, help="minimum input partitions (default: Spark's)")
    p.add_argument("--mode", default="errorifexists", help="Spark save mode for the output")
    return p.parse_args(argv)


def numbered_lines(sc, path, partitions):
    """The ``(line, index)`` pairs of every line of the input, 0-based in file order. The lines
    are counted in the JVM (``zipWithIndex`` on the Java side needs a count of every partition
    but the last before it can number them): counted in Python, every line would cross to a
    Python worker twice, once to be counted and once to be checked."""
    jvm = sc._jvm
    lines = sc._jsc.textFile(path, partitions or sc.defaultMinPartitions)
    pairs = lines.rdd().zipWithIndex()
    # Pickled in batches as `sequenceFile` hands its pairs to Python: tuples of str and int.
    pickled = jvm.org.apache.spark.api.python.SerDeUtil.pairRDDToPython(pairs, 1024)
    return RDD(pickled.toJavaRDD(), sc), lines.getNumPartitions()


def unit_table(posts, stamp):
    """The per-unit summary, summed in the JVM from the posts table."""
    found = F.col("all_findings")
    columns = [
        F.count(F.lit(1)),
        F.sum((found > 0).cast("long")),
        F.sum(found),
        F.sum(F.col("error").isNotNull().cast("long")),
    ]
    columns += [F.sum(k + "_findings") for k in job.KINDS[1:]]
    units = posts.groupBy("unit").agg(*[c.alias(n) for c, n in zip(columns, job.COUNTS)])
    stamps = [F.lit(v).cast("string").alias(f.name) for v, f in zip(stamp, job.UNITS.fields[-3:])]
    return units.select("unit", *[F.col(c).cast("long") for c in job.COUNTS], *stamps)


def linter_settings(args):
    """The keyword arguments of ``sanshen.Linter`` the job's options ask for."""
    model = False if args.no_model else None
    return {"dictionaries": args.dict, "as_of": args.as_of, "config": args.config, "model": model}


def run(spark, args):
    """Runs the review; returns the run document written to ``run/``."""
    started = datetime.datetime.now(datetime.timezone.utc)
    settings = linter_settings(args)
    # Built on the driver too: a bad dictionary or configuration fails here, before any task.
    about = job.linter_for(settings).describe()
    fields = {
        "text": args.field,
        "id": args.id_field,
        "unit": args.unit_field,
        "date": args.date_field,
        "type": args.type_field,
    }
    sc = spark.sparkContext
    sc.addPyFile(job.__file__)
    lines, partitions = numbered_lines(sc, args.input, args.partitions)
    checked = lines.mapPartitions(lambda rows: job.check_partition(rows, settings, fields))
    # The one pass that reads and checks the posts fills the cache; the three tables are then
    # read from it by the JVM without calling Python again.
    posts = spark.createDataFrame(checked, job.POSTS, verifySchema=False)
    posts.persist(StorageLevel.MEMORY_AND_DISK)
    out = args.output.rstrip("/")

    path = F.lit(args.input).alias("path")
    finding = F.explode("findings").alias("f")
    findings = posts.select(path, "record", "id", "unit", finding)
    findings = findings.select(*job.FINDINGS.fieldNames()[:4], "f.*")
    findings.write.mode(args.mode).parquet(out + "/findings")

    stamp = [about["sanshen_version"], about["as_of"], about["roster_as_of"]]
    # One row per publishing unit: few enough to hold on the driver, which writes them and
    # sums the totals from them (a cached aggregate would keep one partition per shuffle slot).
    units = unit_table(posts, stamp).collect()
    unit_rows = spark.createDataFrame(units, job.UNITS, verifySchema=False)
    unit_rows.coalesce(1).write.mode(args.mode).parquet(out + "/units")

    errors = posts.where(F.col("error").isNotNull())
    errors.select(path, "record", F.col("error").alias("message")).write.mode(args.mode).parquet(
        out + "/errors")

    totals = {c: sum(u[c] or 0 for u in units) for c in job.COUNTS}
    posts.unpersist()
    document = {
        "input": args.input,
        "fields": fields,
        "sanshen": about,
        "partitions": partitions,
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
