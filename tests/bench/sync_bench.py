#!/usr/bin/env python3
"""Nightly-sync benchmark on a generated trust (default 100 schools x 1,000 pupils, CTF + OneRoster
each): full first sync, no-change re-sync, a sync where 5% of pupils changed, peak RSS; and the
per-pupil cost at trust scale against a single 2,000-pupil school measured in the same run.
Writes tests/bench/results/sync.txt.

Usage: sync_bench.py [--build build] [--schools 100] [--pupils 1000]"""
import argparse
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_util import run  # noqa: E402


def change_five_percent(trust):
    """Re-export every school's CTF a day later with 5% of pupils changed (a new surname)."""
    changed = 0
    for archived in glob.glob(os.path.join(trust, "*", "ctf", "archive", "*.xml")):
        with open(archived, encoding="utf-8") as f:
            text = f.read()
        text = text.replace("<DateTime>2026-07-22T16:30:00", "<DateTime>2026-07-23T16:30:00", 1)
        count = [0]

        def rename(match):
            count[0] += 1
            return match.group(0).replace("<Surname>", "<Surname>Re-") if count[0] % 20 == 0 else match.group(0)
        text = re.sub(r"<Pupil>\s*<UPN>[^<]*</UPN>\s*(?:<UniqueLearnerNumber>[^<]*</UniqueLearnerNumber>\s*)?<Surname>",
                      rename, text)
        changed += count[0] // 20
        drop = os.path.dirname(os.path.dirname(archived))
        with open(os.path.join(drop, "reexport.xml"), "w", encoding="utf-8") as f:
            f.write(text)
    return changed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(HERE, "..", "..", "build"))
    parser.add_argument("--schools", type=int, default=100)
    parser.add_argument("--pupils", type=int, default=1000)
    args = parser.parse_args()
    senmap = os.path.join(args.build, "bin", "senmap")
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        trust = os.path.join(tmp, "trust")
        t0 = time.perf_counter()
        subprocess.run([senmap, "generate", "--schools", str(args.schools), "--pupils", str(args.pupils),
                        "--seed", "1", "--out", trust], check=True, stdout=subprocess.DEVNULL)
        generated = time.perf_counter() - t0
        config = os.path.join(trust, "senmap.toml")
        size = sum(os.path.getsize(p) for p in glob.glob(os.path.join(trust, "*", "*", "*")) if os.path.isfile(p))

        full, full_rss = run([senmap, "sync", "--config", config])
        same, same_rss = run([senmap, "sync", "--config", config])
        changed = change_five_percent(trust)
        delta, delta_rss = run([senmap, "sync", "--config", config])

        # The single school is small and quick, so one run is noisy: median of five fresh syncs.
        single = os.path.join(tmp, "single")
        subprocess.run([senmap, "generate", "--schools", "1", "--pupils", "2000", "--seed", "2", "--out", single],
                       check=True, stdout=subprocess.DEVNULL)
        singles = []
        for i in range(5):
            copy = os.path.join(tmp, f"single-{i}")
            shutil.copytree(single, copy)
            singles.append(run([senmap, "sync", "--config", os.path.join(copy, "senmap.toml")]))
        one = statistics.median(t for t, _ in singles)
        one_rss = max(m for _, m in singles)

    pupils = args.schools * args.pupils
    per_trust = full / pupils
    per_single = one / 2000
    lines.append(f"Sync benchmark: trust of {args.schools} schools x {args.pupils} pupils ({pupils} pupils, "
                 f"{size / 1e6:.0f} MB of CTF + OneRoster), generated in {generated:.1f} s; {time.strftime('%Y-%m-%d')}")
    lines.append("")
    lines.append(f"  full first sync                 {full:8.2f} s   peak RSS {full_rss / 1e6:7.1f} MB   (target < 40 s, < 1 GB)")
    lines.append(f"  no-change re-sync               {same:8.2f} s   peak RSS {same_rss / 1e6:7.1f} MB   (target < 5 s)")
    lines.append(f"  {changed} pupils changed (5%)     {delta:8.2f} s   peak RSS {delta_rss / 1e6:7.1f} MB")
    lines.append(f"  single 2,000-pupil school (median of 5) {one:8.2f} s   peak RSS {one_rss / 1e6:7.1f} MB")
    lines.append("")
    lines.append(f"  per pupil: trust {per_trust * 1e6:.1f} us, single school {per_single * 1e6:.1f} us, "
                 f"ratio {per_trust / per_single:.2f}x (target <= 1.5x)")
    text = "\n".join(lines) + "\n"
    print(text)
    os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
    with open(os.path.join(HERE, "results", "sync.txt"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
