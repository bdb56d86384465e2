#!/usr/bin/env python3
"""senmap sync end to end: a generated trust synced from its config, re-synced unchanged,
a bad CTF quarantined, a bad config refused, a second sync refused while one runs, and runs
killed at random points that leave the store before or after, never between."""
import argparse
import fcntl
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest

ARGS = None


def senmap(*args, check=None, timeout=600):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}")
    return proc


def state(config):
    """What a person sees after a sync: the register, the classes, the roll."""
    register = json.loads(senmap("register", "--json", "--config", config, check=0).stdout)
    classes = json.loads(senmap("classes", "--json", "--config", config, check=0).stdout)
    return json.dumps(register, sort_keys=True), json.dumps(classes, sort_keys=True)


class Sync(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.trust = os.path.join(self.tmp.name, "trust")
        senmap("generate", "--schools", "3", "--pupils", "250", "--seed", "11", "--out", self.trust, check=0)
        self.config = os.path.join(self.trust, "senmap.toml")

    def tearDown(self):
        self.tmp.cleanup()

    def school_dirs(self):
        return sorted(d for d in os.listdir(self.trust) if os.path.isdir(os.path.join(self.trust, d)))

    def test_sync_a_trust_then_nothing_changes(self):
        proc = senmap("sync", "--config", self.config, "--json", check=0)
        summary = json.loads(proc.stdout)
        self.assertEqual(summary["status"], "ok")
        self.assertEqual(len(summary["sources"]), 6)
        # The rules ran over what was synced: flags raised once, still active on the next sync.
        self.assertGreater(summary["flags"]["raised"], 0)
        raised = summary["flags"]["raised"]
        register = json.loads(senmap("register", "--json", "--config", self.config, check=0).stdout)
        self.assertGreater(len(register), 50)
        classes = json.loads(senmap("classes", "--json", "--config", self.config, check=0).stdout)
        self.assertTrue(all({"id", "title", "code", "teachers", "pupils"} <= set(c) for c in classes))
        self.assertTrue(any(c["pupils"] and c["teachers"] for c in classes))
        runs = json.loads(senmap("runs", "--json", "--config", self.config, check=0).stdout)
        self.assertEqual(sorted(r["source"] for r in runs), ["ctf"] * 3 + ["oneroster"] * 3)
        for school in self.school_dirs():
            ctf = os.path.join(self.trust, school, "ctf")
            self.assertEqual([f for f in os.listdir(ctf) if f.endswith(".xml")], [])  # all archived
            self.assertEqual(len(os.listdir(os.path.join(ctf, "archive"))), 1)
        before = state(self.config)
        again = json.loads(senmap("sync", "--config", self.config, "--json", check=0).stdout)
        self.assertTrue(all(s["status"] == "unchanged" for s in again["sources"]))
        self.assertEqual((again["flags"]["raised"], again["flags"]["still_active"]), (0, raised))
        self.assertEqual(state(self.config), before)

    def test_bad_ctf_is_quarantined_and_other_sources_still_apply(self):
        school = self.school_dirs()[1]
        drop = os.path.join(self.trust, school, "ctf")
        with open(os.path.join(drop, "broken.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0"?>\n<CTfile><Header><CTFversion>25.0</CTFversion>')
        proc = senmap("sync", "--config", self.config, "--json", check=1)
        summary = json.loads(proc.stdout)
        self.assertEqual(summary["status"], "partial")
        failed = [s for s in summary["sources"] if s["status"] == "failed"]
        self.assertEqual(len(failed), 1)
        quarantine = os.path.join(drop, "quarantine")
        self.assertEqual(sorted(os.listdir(quarantine)), ["broken.xml", "broken.xml.errors.txt"])
        with open(os.path.join(quarantine, "broken.xml.errors.txt"), encoding="utf-8") as f:
            self.assertIn("not well-formed XML", f.read())
        # The school's good file in the same folder, and every other source, were applied.
        self.assertEqual(len(os.listdir(os.path.join(drop, "archive"))), 1)
        runs = json.loads(senmap("runs", "--json", "--config", self.config, check=0).stdout)
        self.assertEqual([r["status"] for r in runs].count("refused"), 1)

    def test_files_apply_in_order_of_their_header_datetime(self):
        drop = os.path.join(self.trust, self.school_dirs()[0], "ctf")
        original = os.path.join(drop, os.listdir(drop)[0])
        with open(original, encoding="utf-8") as f:
            text = f.read()
        # An older export named to sort last, and the newer one named to sort first.
        os.rename(original, os.path.join(drop, "z-older.xml"))
        older = text
        newer = text.replace("<DateTime>2026-07-22T16:30:00", "<DateTime>2026-07-23T09:00:00")
        with open(os.path.join(drop, "z-older.xml"), "w", encoding="utf-8") as f:
            f.write(older)
        with open(os.path.join(drop, "a-newer.xml"), "w", encoding="utf-8") as f:
            f.write(newer)
        senmap("sync", "--config", self.config, check=0)
        runs = json.loads(senmap("runs", "--json", "--config", self.config, check=0).stdout)
        ctf_runs = [r["file"] for r in reversed(runs) if r["file"] in ("z-older.xml", "a-newer.xml")]
        self.assertEqual(ctf_runs, ["z-older.xml", "a-newer.xml"])

    def test_bad_config_names_key_and_line(self):
        bad = os.path.join(self.trust, "bad.toml")
        with open(self.config, encoding="utf-8") as f:
            text = f.read()
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text.replace('kind = "oneroster"', 'kind = "oneroster"\nfrequency = "daily"', 1))
        proc = senmap("sync", "--config", bad, check=2)
        self.assertRegex(proc.stderr, r"bad\.toml:\d+: schools\[1\]\.sources\[2\]\.frequency: unknown key")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text.replace('estab = "4001"', 'estab = "41"', 1))
        proc = senmap("sync", "--config", bad, check=2)
        self.assertIn("schools[1].estab: must be the 4-digit establishment number", proc.stderr)

    def test_sync_warns_when_every_term_has_ended(self):
        with open(self.config, encoding="utf-8") as f:
            text = f.read()
        ended = re.sub(r"(start|end) = 20\d\d-", lambda m: f"{m.group(1)} = 2023-", text)
        ended_config = os.path.join(self.trust, "ended.toml")
        with open(ended_config, "w", encoding="utf-8") as f:
            f.write(ended)
        summary = json.loads(senmap("sync", "--config", ended_config, "--json", check=0).stdout)
        self.assertEqual(len(summary["warnings"]), 3)  # one per school
        self.assertIn("every configured term has ended (the last on 2023-", summary["warnings"][0])
        self.assertIn("[[schools.terms]]", summary["warnings"][0])
        human = senmap("sync", "--config", ended_config, check=0).stdout
        self.assertIn("warning: school ", human)
        # Terms still to come: no warning.
        future = re.sub(r"(start|end) = 20\d\d-", lambda m: f"{m.group(1)} = 2099-", text)
        with open(ended_config, "w", encoding="utf-8") as f:
            f.write(future)
        summary = json.loads(senmap("sync", "--config", ended_config, "--json", check=0).stdout)
        self.assertEqual(summary["warnings"], [])

    def test_second_sync_refused_while_one_runs(self):
        lock = os.path.join(self.trust, "senmap.db.sync.lock")
        with open(lock, "w") as held:
            fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            held.write("pid 4242, since 2026-11-23T02:00:00Z\n")
            held.flush()
            proc = senmap("sync", "--config", self.config, check=1)
            self.assertIn("another senmap sync is already running", proc.stderr)
            self.assertIn("pid 4242", proc.stderr)
        senmap("sync", "--config", self.config, check=0)  # the lock is free again

    def test_killed_runs_leave_before_or_after_and_the_next_run_completes(self):
        # The reference: the same trust synced without interruption.
        reference_trust = os.path.join(self.tmp.name, "reference")
        shutil.copytree(self.trust, reference_trust)
        reference_config = os.path.join(reference_trust, "senmap.toml")
        senmap("sync", "--config", reference_config, check=0)
        expected = state(reference_config)

        rng = random.Random(7)
        kills = 0
        for attempt in range(ARGS.kills):
            proc = subprocess.Popen([ARGS.senmap, "sync", "--config", self.config],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, 0.25))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
            proc.wait()
            db = sqlite3.connect(os.path.join(self.trust, "senmap.db"))
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            # Killed before the schema was committed: the file holds nothing at all (before).
            if db.execute("PRAGMA user_version").fetchone()[0] == 0:
                self.assertEqual(db.execute("SELECT COUNT(*) FROM sqlite_schema").fetchone()[0], 0)
                db.close()
                continue
            # Never between: every pupil the store holds has all its data (a status history
            # row for each pupil with SEN in the file would need the file; here: rows are whole).
            orphans = db.execute("SELECT COUNT(*) FROM sen_status_period s LEFT JOIN pupil p ON p.id = s.pupil_id "
                                 "WHERE p.id IS NULL").fetchone()[0]
            self.assertEqual(orphans, 0)
            db.close()
        senmap("sync", "--config", self.config, check=0)
        self.assertEqual(state(self.config), expected)
        runs = json.loads(senmap("runs", "--json", "--config", self.config, check=0).stdout)
        applied = [r["checksum"] for r in runs if r["status"] == "applied"]
        self.assertEqual(len(applied), len(set(applied)), "a file was applied twice")
        print(f"\n  kill test: {ARGS.kills} runs, {kills} killed mid-run", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--kills", type=int, default=12)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
