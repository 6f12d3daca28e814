"""PySpark driver of `cargo xtask spark-demo` (written to target/spark-demo/).

Reads JSON Lines records {"id", "text", "metadata"} as plain text lines,
pipes each partition through `tidings extract --input jsonl -j 1 -` and
saves the documents it prints, one JSON document per line, as text files.

usage: python spark_demo.py --tidings BIN --output DIR [--master M]
                            [--partitions N] INPUT...
"""

import argparse
import shlex
import sys
import time

from pyspark.sql import SparkSession


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tidings", required=True, help="the tidings binary")
    parser.add_argument("--output", required=True, help="folder to create")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("inputs", nargs="+", help="JSON Lines files")
    args = parser.parse_args()

    spark = (
        SparkSession.builder.master(args.master)
        .appName("tidings-spark-demo")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    # One element per JSON Lines record, the line itself: no re-encoding.
    records = sc.textFile(",".join(args.inputs), minPartitions=args.partitions)
    # pipe() starts the command once per partition, writes each element
    # and a newline to its stdin (UTF-8) and yields each line of its
    # stdout. -j 1: Spark already runs one task per core. checkCode=True:
    # a non-zero exit (a record that failed) fails the task.
    command = shlex.join([args.tidings, "extract", "--input", "jsonl", "-j", "1", "-"])
    documents = records.pipe(command, checkCode=True)

    started = time.monotonic()
    documents.saveAsTextFile(args.output)
    seconds = time.monotonic() - started
    print(
        f"pyspark {spark.version}, master {args.master}, "
        f"{records.getNumPartitions()} partitions, job {seconds:.2f} s",
        flush=True,
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
