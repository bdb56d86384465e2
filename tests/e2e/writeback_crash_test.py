#!/usr/bin/env python3
"""Exactly once, under SIGKILL: senmap is killed at random points during sync + rules + notes +
writeback, again and again, against a CSV writeback target that records what it received.
Afterwards the database passes PRAGMA integrity_check, every acknowledged item reached the target
exactly once, nothing queued is lost, and the next run finishes the work.
Prints: kills, duplicates (must be 0), lost items (must be 0)."""
import argparse
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None


def senmap(*args, check=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


class WritebackCrash(unittest.TestCase):
    def test_killed_runs_deliver_every_item_exactly_once(self):
        with tempfile.TemporaryDirectory() as tmp:
            trust = os.path.join(tmp, "trust")
            senmap("generate", "--schools", "1", "--pupils", "400", "--seed", "5", "--out", trust, check=0)
            config = os.path.join(trust, "senmap.toml")
            received = os.path.join(trust, "mis-received.csv")
            with open(config, "a", encoding="utf-8") as f:
                f.write(f'\n[[writeback]]\nkind = "csv"\npath = "{received}"\n')
            senmap("sync", "--config", config, check=0)  # the school and its first flags
            register = json.loads(senmap("register", "--json", "--config", config, check=0).stdout)
            upns = [p["upn"] for p in register]

            rng = random.Random(11)
            kills = 0
            attempt = 0
            while kills < ARGS.kills and attempt < 4 * ARGS.kills:  # until that many runs were killed mid-way
                # New work each time: a note (queued with it) and flags the rules clear or raise.
                upn = upns[attempt % len(upns)]
                steps = [["call", "notes.add", json.dumps({"upn": upn, "type": "general", "visibility": "senco",
                                                          "body": f"note {attempt}, with a comma and \"quotes\""})],
                         ["flags", "--run"], ["writeback"], ["sync"]]
                step = steps[attempt % len(steps)]
                proc = subprocess.Popen([ARGS.senmap, *step, "--config", config],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.0, 0.05))
                if proc.poll() is None:
                    proc.send_signal(signal.SIGKILL)
                    kills += 1
                proc.wait()
                db = sqlite3.connect(os.path.join(trust, "senmap.db"))
                self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                db.close()
                if attempt % 3 == 0:  # a writeback that may itself be killed next time
                    subprocess.run([ARGS.senmap, "writeback", "--config", config], capture_output=True, timeout=600)
                attempt += 1

            # One note that is not killed: on a loaded machine every run above can be killed before it
            # commits, and the check below needs a note among the delivered items.
            senmap("call", "notes.add", json.dumps({"upn": upns[0], "type": "general", "visibility": "senco",
                                                    "body": "the last note"}), "--config", config, check=0)
            # The next run finishes the work.
            senmap("writeback", "--config", config, check=0)
            outbox = json.loads(senmap("outbox", "--json", "--config", config, check=0).stdout)["items"]
            statuses = {i["status"] for i in outbox}
            with open(received, encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f))
            keys = [r["idempotency_key"] for r in rows]
            duplicates = len(keys) - len(set(keys))
            lost = len({i["idempotency_key"] for i in outbox} - set(keys))
            print(f"\n  writeback crash test: {attempt} runs, {kills} killed mid-run, {len(outbox)} items, "
                  f"duplicates {duplicates}, lost {lost}", file=sys.stderr)
            self.assertEqual(statuses, {"delivered"})
            self.assertEqual(duplicates, 0)
            self.assertEqual(lost, 0)
            self.assertEqual(set(keys), {i["idempotency_key"] for i in outbox})  # nothing the outbox never held
            self.assertGreaterEqual(kills, ARGS.kills)
            notes = sum(1 for r in rows if r["kind"] == "note")
            self.assertGreater(notes, 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--kills", type=int, default=50)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
