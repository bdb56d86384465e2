#!/usr/bin/env python3
"""Exactly once into Arbor, under SIGKILL: `senmap writeback` is killed at random moments while it
writes a school's flags and notes to the Arbor fake (tests/fakes/arbor_fake.py over TLS), new notes
are written between runs, and some writes lose their acknowledgement (applied, never answered).
Afterwards every outbox item is delivered and the fake holds exactly one SEN note per item: each
carries its outbox key as a tag, and a re-send after a kill or a lost answer finds it there.
Prints: kills, lost acknowledgements, notes written, duplicates (must be 0), missing (must be 0)."""
import argparse
import collections
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import live_sync_test as live  # the fakes' harness: certificate, config, control API  # noqa: E402

ARGS = None
PASSWORD = "arbor-Crash-3c1f"


def notes_at_fake(fake):
    return [w for w in fake.control("writes") if w["resource"] == "sen-notes" and w["op"] == "created"]


class ArborWritebackCrash(unittest.TestCase):
    def test_killed_writebacks_write_each_item_once(self):
        live.ARGS = ARGS
        with tempfile.TemporaryDirectory() as work:
            subprocess.run([ARGS.senmap, "generate", "--pupils", str(ARGS.pupils), "--out",
                            os.path.join(work, "school.xml"), "--oneroster", os.path.join(work, "roster")],
                           check=True, capture_output=True)
            live.fake_process.make_certificate(ARGS.openssl, work)
            password_file = os.path.join(work, "arbor.password")
            with open(password_file, "w") as f:
                f.write(PASSWORD)
            os.chmod(password_file, 0o600)
            os.chdir(work)
            fake = live.Fake(work, "arbor", PASSWORD)
            try:
                config = live.write_config(work, "arbor", [
                    'kind = "arbor"', f'url = "https://127.0.0.1:{fake.port}"', 'user = "senmap-app"',
                    'password_file = "arbor.password"', 'ca_file = "cert.pem"', "read_timeout = 5",
                    "writeback = true"])
                db = os.path.join(work, "arbor.db")
                proc, summary = live.sync(config)
                self.assertEqual(proc.returncode, 0, live.failure_of(summary))
                con = sqlite3.connect(db)
                upns = [r[0] for r in con.execute("SELECT upn FROM pupil ORDER BY upn LIMIT 40")]
                con.close()

                rng = random.Random(ARGS.seed)
                kills = lost_acks = 0
                for round_ in range(ARGS.rounds):
                    for n in range(rng.randint(1, 4)):  # new work queued between runs
                        body = json.dumps({"upn": upns[(round_ * 4 + n) % len(upns)], "type": "general",
                                           "visibility": "senco", "body": f"round {round_} note {n}"})
                        subprocess.run([ARGS.senmap, "--config", config, "call", "notes.add", body],
                                       check=True, capture_output=True)
                    # Each reply takes a network's time, so a run is still writing when it is killed
                    # (the fake answers loopback requests in well under a millisecond).
                    faults = {"delay": 0.04}
                    if rng.random() < 0.3:
                        faults["lose_ack"] = True  # the next write is applied, not answered
                        lost_acks += 1
                    fake.control("faults", faults)
                    run = subprocess.Popen([ARGS.senmap, "--config", config, "writeback"],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                    time.sleep(rng.uniform(0.05, 1.2))
                    if run.poll() is None:
                        run.send_signal(signal.SIGKILL)
                        kills += 1
                    run.wait(timeout=120)
                    fake.control("faults", {})
                    con = sqlite3.connect(db)
                    self.assertEqual(con.execute("PRAGMA integrity_check").fetchone()[0], "ok")
                    # What failed waits with backoff: make it due, as the next night would.
                    con.execute("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE status = 'pending'")
                    con.commit()
                    con.close()

                # Clean runs until nothing waits.
                for _ in range(10):
                    proc = subprocess.run([ARGS.senmap, "--config", config, "writeback", "--json"],
                                          capture_output=True, text=True, timeout=600)
                    con = sqlite3.connect(db)
                    con.execute("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE status = 'pending'")
                    con.commit()
                    waiting = con.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
                    con.close()
                    if waiting == 0:
                        break
                con = sqlite3.connect(db)
                keys = [r[0] for r in con.execute("SELECT idempotency_key FROM outbox WHERE target LIKE '%arbor'")]
                statuses = collections.Counter(r[0] for r in con.execute("SELECT status FROM outbox"))
                con.close()
                notes = notes_at_fake(fake)
                tagged = collections.Counter(((w.get("object") or {}).get("tags") or {}).get("senmapKey") for w in notes)
                duplicates = sum(c - 1 for c in tagged.values() if c > 1)
                missing = [k for k in keys if tagged.get(k, 0) == 0]
                print(f"kills {kills}, lost acknowledgements {lost_acks}, items {len(keys)}, notes written {len(notes)}, "
                      f"duplicates {duplicates}, missing {len(missing)}, outbox {dict(statuses)}")
                self.assertGreater(kills, 0, "no run was killed mid-way: the test proved nothing")
                self.assertEqual(statuses.get("pending", 0) + statuses.get("dead", 0), 0, dict(statuses))
                self.assertEqual(duplicates, 0)
                self.assertEqual(missing, [])
                self.assertEqual(len(notes), len(keys))
            finally:
                fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--openssl", default="openssl")
    parser.add_argument("--pupils", type=int, default=150)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)
