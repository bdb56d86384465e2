#!/usr/bin/env python3
"""Class enrolments are never lost to the order files arrive in. A school's CTF refused one night
(a bad UPN, a full disk) while its OneRoster bundle is applied leaves the bundle's students
unmatched; when the corrected CTF arrives the unchanged bundle is skipped by its checksum, so what
the bundle said about those students must already be waiting in the store. Each sequence must end
with the same classes, members and gradebook results as a clean sync."""
import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def senmap(*args, check=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}")
    return proc


def database_of(config):
    with open(config, encoding="utf-8") as f:
        name = re.search(r'^database = "(.*)"$', f.read(), re.M).group(1)
    return os.path.join(os.path.dirname(config), name)


def state(config):
    """What teachers and the SENCO see: the register, each class with its pupils and teachers,
    and every gradebook result (by the roster's own ids, which a clean sync also holds)."""
    register = json.loads(senmap("register", "--json", "--config", config, check=0).stdout)
    classes = json.loads(senmap("classes", "--json", "--config", config, check=0).stdout)
    db = sqlite3.connect(database_of(config))
    results = db.execute("SELECT p.upn, r.source_ref, r.result FROM assessment_result r JOIN pupil p ON p.id = r.pupil_id "
                         "WHERE r.source = 'oneroster' ORDER BY 1, 2").fetchall()
    members = db.execute("SELECT COUNT(*) FROM class_member WHERE pupil_id IS NOT NULL").fetchone()[0]
    db.close()
    return {"register": register, "classes": classes, "results": results, "pupil_enrolments": members}


def source(summary, kind):
    return next(s for s in summary["sources"] if s["kind"] == kind)


class RosterOrder(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.trust = os.path.join(self.tmp.name, "trust")
        senmap("generate", "--schools", "1", "--pupils", "250", "--seed", "11", "--out", self.trust, check=0)
        self.config = os.path.join(self.trust, "senmap.toml")
        self.school = sorted(d for d in os.listdir(self.trust) if os.path.isdir(os.path.join(self.trust, d)))[0]
        self.drop = os.path.join(self.trust, self.school, "ctf")
        self.ctf_name = [f for f in os.listdir(self.drop) if f.endswith(".xml")][0]
        with open(os.path.join(self.drop, self.ctf_name), encoding="utf-8") as f:
            self.ctf = f.read()
        # The reference: the same school synced cleanly, in a copy of its own.
        reference = os.path.join(self.tmp.name, "reference")
        shutil.copytree(self.trust, reference)
        senmap("sync", "--config", os.path.join(reference, "senmap.toml"), check=0)
        self.expected = state(os.path.join(reference, "senmap.toml"))
        self.assertGreaterEqual(self.expected["pupil_enrolments"], 1000)
        self.assertGreater(len(self.expected["results"]), 100)

    def tearDown(self):
        self.tmp.cleanup()

    def sync(self, check):
        return json.loads(senmap("sync", "--config", self.config, "--json", check=check).stdout)

    def put_ctf(self, text):
        with open(os.path.join(self.drop, self.ctf_name), "w", encoding="utf-8") as f:
            f.write(text)

    def assert_roster_waited(self, summary):
        """The night the CTF failed: the bundle applied, its students unmatched, their rows waiting."""
        self.assertEqual(source(summary, "ctf-folder")["status"], "failed")
        roster = source(summary, "oneroster")
        self.assertEqual(roster["status"], "ok")
        details = roster["reports"][0]["details"]
        self.assertEqual(details["students_unmatched"], 250)
        self.assertGreaterEqual(details["enrollments_waiting"], 1000)
        self.assertGreater(details["results_waiting"], 100)

    def assert_caught_up(self, summary):
        self.assertEqual(source(summary, "ctf-folder")["status"], "ok")
        self.assertEqual(source(summary, "oneroster")["status"], "unchanged")
        details = source(summary, "ctf-folder")["reports"][0]["details"]
        self.assertEqual(details["students_matched_later"], 250)
        self.assertEqual(details["enrollments_applied_from_waiting"], self.expected["pupil_enrolments"])
        got = state(self.config)
        self.assertEqual(got["pupil_enrolments"], self.expected["pupil_enrolments"])
        self.assertEqual(got["results"], self.expected["results"])
        self.assertEqual(got["classes"], self.expected["classes"])
        self.assertEqual(got["register"], self.expected["register"])

    def test_refused_ctf_then_corrected_ends_with_the_clean_classes(self):
        # One pupil's UPN with a wrong check letter: a strict import refuses the whole file.
        match = re.search(r"<UPN>([A-Z])(\d{12})</UPN>", self.ctf)
        wrong = "B" if match.group(1) != "B" else "C"
        self.put_ctf(self.ctf[:match.start()] + f"<UPN>{wrong}{match.group(2)}</UPN>" + self.ctf[match.end():])
        self.assert_roster_waited(self.sync(check=1))
        self.assertEqual(state(self.config)["pupil_enrolments"], 0)
        # The MIS sends the corrected file; the roster bundle is the same bytes as last night.
        self.put_ctf(self.ctf)
        self.assert_caught_up(self.sync(check=0))
        # And nothing is applied twice on the night after.
        again = self.sync(check=0)
        self.assertTrue(all(s["status"] == "unchanged" for s in again["sources"]))
        self.assertEqual(state(self.config)["pupil_enrolments"], self.expected["pupil_enrolments"])

    def configs(self, database):
        """The school's config with the roster bundle listed before the CTF folder (the order a
        technician may well write), and a night-0 config that only creates the database."""
        with open(self.config, encoding="utf-8") as f:
            text = re.sub(r'^database = ".*"$', f'database = "{database}"', f.read(), flags=re.M)
        head, sources = text.split("[[schools.sources]]", 1)
        blocks = ["[[schools.sources]]" + b for b in ("[[schools.sources]]" + sources).split("[[schools.sources]]") if b.strip()]
        roster_first = os.path.join(self.trust, "roster-first.toml")
        with open(roster_first, "w", encoding="utf-8") as f:
            f.write(head + "".join(sorted(blocks, key=lambda b: "oneroster" not in b)))
        os.makedirs(os.path.join(self.trust, "empty-drop"), exist_ok=True)
        night0 = os.path.join(self.trust, "night0.toml")
        with open(night0, "w", encoding="utf-8") as f:
            f.write(head + '[[schools.sources]]\nkind = "ctf-folder"\npath = "empty-drop"\n')
        return roster_first, night0

    def test_roster_listed_first_ends_with_the_clean_classes(self):
        # The first night with the bundle read before the CTF: every student is unmatched when the
        # bundle is applied, and the CTF that follows in the same run brings their pupils.
        roster_first, _ = self.configs("senmap.db")
        summary = json.loads(senmap("sync", "--config", roster_first, "--json", check=0).stdout)
        self.assertEqual(summary["sources"][0]["kind"], "oneroster")
        self.assertEqual(summary["sources"][0]["reports"][0]["details"]["students_unmatched"], 250)
        self.config = roster_first
        got = state(roster_first)
        self.assertEqual(got["classes"], self.expected["classes"])
        self.assertEqual(got["results"], self.expected["results"])

    def test_full_disk_then_space_ends_with_the_clean_classes(self):
        if os.geteuid() != 0:
            self.skipTest("needs root to mount a small tmpfs as a full disk (CI runs as root)")
        disk = os.path.join(self.tmp.name, "disk")
        os.mkdir(disk)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk], check=True)
        try:
            self.full_disk_sequence(disk)
        finally:
            subprocess.run(["umount", "-l", disk], check=False)

    def full_disk_sequence(self, disk):
        roster_first, night0 = self.configs(os.path.join(disk, "senmap.db"))
        # Night 1 on a disk with room for the roster but not the CTF ("database or disk is full").
        # How much room that is depends on SQLite's page use, so look for it: a fresh database
        # each time, with less and less of the disk filled.
        night1 = None
        for room_kb in range(512, 4096, 128):
            for name in os.listdir(disk):
                os.remove(os.path.join(disk, name))
            senmap("sync", "--config", night0, check=0)
            st = os.statvfs(disk)
            with open(os.path.join(disk, "filler"), "wb") as f:
                f.write(b"\0" * (st.f_bavail * st.f_frsize - room_kb * 1024))
            proc = senmap("sync", "--config", roster_first, "--json")
            summary = json.loads(proc.stdout)
            roster, ctf = source(summary, "oneroster"), source(summary, "ctf-folder")
            if roster["status"] == "ok" and ctf["status"] == "failed":
                night1 = (proc, summary)
                break
            self.assertFalse(roster["status"] == ctf["status"] == "ok", "no room where the roster fits and the CTF does not")
        self.assertIsNotNone(night1, "the disk never filled between the roster and the CTF")
        proc, summary = night1
        self.assertEqual(proc.returncode, 1)
        error = source(summary, "ctf-folder")["error"]
        # The technician is told which file, what happened to it and what to do.
        self.assertIn("database or disk is full", error)
        self.assertIn(os.path.join(disk, "senmap.db"), error)
        self.assertIn("free space", error)
        roster = source(summary, "oneroster")["reports"][0]["details"]
        self.assertEqual(roster["students_unmatched"], 250)
        self.assertGreaterEqual(roster["enrollments_waiting"], 1000)
        # The file was not refused (the disk was): it stays in the drop folder for the next night.
        self.assertTrue(os.path.exists(os.path.join(self.drop, self.ctf_name)))
        human = senmap("sync", "--config", roster_first)
        self.assertIn("nothing from this source was stored", human.stdout)

        # Night 2: the technician freed space; the same files come again.
        os.remove(os.path.join(disk, "filler"))
        self.config = roster_first
        self.assert_caught_up(json.loads(senmap("sync", "--config", roster_first, "--json", check=0).stdout))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
