#!/usr/bin/env python3
"""CTF import benchmark on a generated 2,000-pupil secondary school (a full year of attendance).

Measured in one run, median of N repetitions, each process's own peak RSS (wait4):
  - senmap import into an empty database
  - senmap re-import of the unchanged file (recognised by checksum)
  - senmap re-import of a re-export: same pupils, new header DateTime (every pupil diffed)
  - floor: `senmap --version`, the cost of starting the process at all
  - reference: plain-Python import (xml.etree + sqlite3) of the same rows
  - floor: pugixml parse-only of the same file
  - in process (as a host embedding the C ABI, or the nightly sync, pays it): open, import, close
    into an empty database, then the unchanged file again; no process start in either
Prints ratios against the references and writes them to tests/bench/results/ctf_import.txt.

Usage: ctf_import_bench.py [--build build] [--pupils 2000] [--runs 3]"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_util import run  # noqa: E402


def fresh(path):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    return path


def measure(label, make_cmd, runs, prepare=None):
    times, rss = [], []
    for i in range(runs):
        if prepare:
            prepare(i)
        t, m = run(make_cmd(i))
        times.append(t)
        rss.append(m)
    return {"label": label, "seconds": statistics.median(times), "rss": max(rss)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    parser.add_argument("--pupils", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    senmap = os.path.join(args.build, "bin", "senmap")
    parse_only = os.path.join(args.build, "bin", "senmap_bench_pugixml_parse_only")
    in_process = os.path.join(args.build, "bin", "senmap_bench_import_in_process")
    reference = os.path.join(HERE, "python_reference_import.py")

    with tempfile.TemporaryDirectory() as tmp:
        ctf = os.path.join(tmp, "school.xml")
        run([senmap, "generate", "--pupils", str(args.pupils), "--seed", "2026", "--out", ctf])
        size = os.path.getsize(ctf)
        # The same school re-exported a day later: new DateTime, so a new checksum, same pupils.
        reexport = os.path.join(tmp, "school-reexport.xml")
        with open(ctf, "rb") as f:
            data = f.read()
        start = data.index(b"<DateTime>") + len(b"<DateTime>")
        with open(reexport, "wb") as f:
            f.write(data[:start] + b"2026-07-23T16:30:00" + data[start + 19:])
        del data
        db = os.path.join(tmp, "senmap.db")
        pydb = os.path.join(tmp, "python.db")

        results = [
            # What every senmap command costs before it does anything: exec and loading
            # libsenmap.so with its Debian libraries. The floor under an unchanged re-import.
            measure("senmap --version (process start)", lambda i: [senmap, "--version"], args.runs),
            measure("pugixml parse-only", lambda i: [parse_only, ctf], args.runs),
            measure("python reference import", lambda i: [sys.executable, reference, ctf, pydb], args.runs,
                    prepare=lambda i: fresh(pydb)),
            measure("senmap import (empty db)", lambda i: [senmap, "--db", db, "import", "ctf", ctf], args.runs,
                    prepare=lambda i: fresh(db)),
        ]
        results.append(measure("senmap re-import, same file", lambda i: [senmap, "--db", db, "import", "ctf", ctf],
                               args.runs))

        def reimport_prepare(i):
            fresh(db)
            run([senmap, "--db", db, "import", "ctf", ctf])
        results.append(measure("senmap re-import, re-exported file (all pupils diffed)",
                               lambda i: [senmap, "--db", db, "import", "ctf", reexport], args.runs,
                               prepare=reimport_prepare))

        first, again = [], []
        for i in range(args.runs):
            out = subprocess.run([in_process, fresh(db), ctf], check=True, capture_output=True, text=True).stdout
            first.append(float(out.split()[0]))
            again.append(float(out.split()[1]))
        in_first, in_again = statistics.median(first), statistics.median(again)

    by = {r["label"]: r for r in results}
    imp = by["senmap import (empty db)"]
    lines = [f"CTF import benchmark: {args.pupils}-pupil secondary, file {size / 1e6:.1f} MB, "
             f"median of {args.runs} runs, {time.strftime('%Y-%m-%d')}", ""]
    for r in results:
        lines.append(f"  {r['label']:<58} {r['seconds'] * 1000:8.1f} ms   peak RSS {r['rss'] / 1e6:6.1f} MB")
    lines += ["",
              f"  python reference / senmap import        {by['python reference import']['seconds'] / imp['seconds']:6.2f}x  (target >= 8x)",
              f"  senmap import / pugixml parse-only      {imp['seconds'] / by['pugixml parse-only']['seconds']:6.2f}x  (target <= 1.5x)",
              f"  same-file re-import / first import      {100 * by['senmap re-import, same file']['seconds'] / imp['seconds']:6.1f}%  (target <= 10%)",
              f"  same-file re-import less process start  {100 * (by['senmap re-import, same file']['seconds'] - by['senmap --version (process start)']['seconds']) / imp['seconds']:6.1f}%  (of the import)",
              f"  re-export re-import / first import      {100 * by['senmap re-import, re-exported file (all pupils diffed)']['seconds'] / imp['seconds']:6.1f}%",
              f"  senmap import peak RSS / file size      {imp['rss'] / size:6.2f}x  (target <= 4x)",
              "",
              f"  in process: open, import, close          {in_first:8.1f} ms",
              f"  in process: the same file again          {in_again:8.1f} ms   {100 * in_again / in_first:5.1f}% of the import  (target <= 10%)"]
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "ctf_import.txt"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
