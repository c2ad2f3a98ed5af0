"""Loads a suite file the way a Python user would (json line by line, or csv.DictReader for a
.csv file; pandas; polars) and prints the number of records and the seconds the load took
(reading and parsing, without the interpreter's start or the imports).

    python3 load_python.py json|csv|pandas|polars FILE
"""
import sys
import time


def main():
    reader, path = sys.argv[1], sys.argv[2]
    is_csv = path.endswith(".csv")
    if reader == "json" and is_csv:
        reader = "csv"
    if reader == "pandas":
        import pandas
    elif reader == "polars":
        import polars
    started = time.perf_counter()
    if reader == "json":
        import json
        with open(path, encoding="utf-8") as lines:
            records = [json.loads(line) for line in lines if line.strip()]
        count = len(records)
    elif reader == "csv":
        import csv
        with open(path, encoding="utf-8", newline="") as table:
            records = list(csv.DictReader(table))
        count = len(records)
    elif reader == "pandas":
        frame = pandas.read_csv(path) if is_csv else pandas.read_json(path, lines=True)
        count = len(frame)
    elif reader == "polars":
        frame = polars.read_csv(path) if is_csv else polars.read_ndjson(path)
        count = frame.height
    else:
        raise SystemExit(f"unknown reader {reader}")
    elapsed = time.perf_counter() - started
    print(f"{count} {elapsed:.3f}")


if __name__ == "__main__":
    main()
