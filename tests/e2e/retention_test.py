#!/usr/bin/env python3
"""Leavers under the school's retention schedule, and a subject access request (CTest e2e.retention):
`senmap leavers` lists who left before a date; `senmap leavers erase` erases every row about them with
a report (and refuses anyone not due); `senmap subject-access` writes everything held about one pupil
as JSON and a readable page, owner-only."""
import argparse
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tempfile
import unittest

ARGS = None


def senmap(*args, check=0):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc


class Retention(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "school.db")
        ctf = os.path.join(self.tmp.name, "school.xml")
        senmap("generate", "--pupils", "120", "--seed", "31", "--out", ctf)
        senmap("--db", self.db, "import", "ctf", ctf)
        self.sql = sqlite3.connect(self.db)
        upns = [u for (u,) in self.sql.execute("SELECT upn FROM pupil ORDER BY upn")]
        self.leavers, self.stayer = upns[:3], upns[3]
        call = lambda op, r: json.loads(senmap("--db", self.db, "call", op, json.dumps(r)).stdout)
        provision = call("provision.create", {"name": "Reading catch-up", "areas": ["SPLD"], "wave": 2,
                                              "delivered_by": "ta", "group_size": 4, "sessions_per_week": 3,
                                              "minutes_per_session": 30, "weeks": 10, "staff_hourly_cost": 14.5})["id"]
        for upn in self.leavers + [self.stayer]:
            call("placement.start", {"upn": upn, "provision_id": provision, "start": "2019-01-07"})
            call("notes.add", {"upn": upn, "type": "general", "visibility": "senco", "body": "a note about " + upn})
            senmap("--db", self.db, "pupil", upn, "--json")  # an audited read
        # Years ago, a full CTF stopped listing them: they left.
        self.sql.executemany("UPDATE pupil SET left_on = '2019-07-19' WHERE upn = ?", [(u,) for u in self.leavers])
        self.sql.commit()

    def tearDown(self):
        self.sql.close()
        self.tmp.cleanup()

    def pupil_id(self, upn):
        row = self.sql.execute("SELECT id FROM pupil WHERE upn = ?", (upn,)).fetchone()
        return row[0] if row else None

    def rows_about(self, pupil_id):
        """Rows in every table with a pupil_id column that point at this pupil."""
        total = 0
        for (table,) in self.sql.execute("SELECT name FROM sqlite_schema WHERE type = 'table'").fetchall():
            columns = [c[1] for c in self.sql.execute(f"PRAGMA table_info({table})")]
            if "pupil_id" in columns:
                total += self.sql.execute(f"SELECT COUNT(*) FROM {table} WHERE pupil_id = ?", (pupil_id,)).fetchone()[0]
        return total

    def test_list_then_erase_one_leaver_with_a_report(self):
        listed = json.loads(senmap("--db", self.db, "leavers", "--before", "2020-01-01", "--json").stdout)["leavers"]
        self.assertEqual(sorted(l["upn"] for l in listed), sorted(self.leavers))
        self.assertEqual(json.loads(senmap("--db", self.db, "leavers", "--before", "2019-07-01", "--json").stdout)["leavers"], [])
        # A schedule keeping SEN files to date of birth + 31 years: these children are not due for decades.
        decades = senmap("--db", self.db, "leavers", "--before", "2020-01-01", "--born-before", "1990-01-01", "--json")
        self.assertEqual(json.loads(decades.stdout)["leavers"], [])
        proc = senmap("--db", self.db, "leavers", "--before", "2020-01-01", "--born-before", "1990-01-01", "erase",
                      "--upn", self.leavers[0], "--yes", check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("not due", proc.stderr)
        self.assertIsNotNone(self.pupil_id(self.leavers[0]))
        born = json.loads(senmap("--db", self.db, "leavers", "--before", "2020-01-01", "--born-before", "2100-01-01",
                                 "--json").stdout)["leavers"]
        self.assertEqual(len(born), 3)

        gone, kept = self.leavers[0], self.leavers[1]
        gone_id, stayer_id = self.pupil_id(gone), self.pupil_id(self.stayer)
        stayer_rows = self.rows_about(stayer_id)
        self.assertGreater(self.rows_about(gone_id), 0)
        proc = senmap("--db", self.db, "leavers", "--before", "2020-01-01", "erase", "--upn", gone, check=None)
        self.assertNotEqual(proc.returncode, 0, "erasing needs --yes")
        proc = senmap("--db", self.db, "leavers", "--before", "2020-01-01", "erase", "--upn", self.stayer, "--yes", check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn(self.stayer, proc.stderr)

        report = json.loads(senmap("--db", self.db, "leavers", "--before", "2020-01-01", "--json", "erase", "--upn",
                                   gone, "--yes").stdout)
        self.assertEqual([e["upn"] for e in report["erased"]], [gone])
        rows = report["erased"][0]["rows"]
        for table in ("pupil", "placement", "note"):
            self.assertGreaterEqual(rows.get(table, 0), 1, f"{table} in {rows}")
        self.assertGreater(report["audit_rows_kept"], 0)
        self.assertIsNone(self.pupil_id(gone))
        self.assertEqual(self.rows_about(gone_id), 0)
        self.assertEqual(self.sql.execute("SELECT COUNT(*) FROM note WHERE body LIKE ?", (f"%{gone}%",)).fetchone()[0], 0)
        self.assertEqual(self.sql.execute("SELECT COUNT(*) FROM change_log WHERE upn = ?", (gone,)).fetchone()[0], 0)
        # Nobody else lost anything.
        self.assertIsNotNone(self.pupil_id(kept))
        self.assertEqual(self.rows_about(stayer_id), stayer_rows)
        self.assertEqual(self.sql.execute("PRAGMA foreign_key_check").fetchall(), [])
        proc = senmap("--db", self.db, "subject-access", gone, "--out", os.path.join(self.tmp.name, "sar"), check=None)
        self.assertNotEqual(proc.returncode, 0)

    def test_subject_access_export_holds_everything_readably(self):
        upn = self.leavers[1]
        out = os.path.join(self.tmp.name, "sar")
        senmap("--db", self.db, "subject-access", upn, "--out", out)
        with open(os.path.join(out, upn + ".json"), encoding="utf-8") as f:
            record = json.load(f)
        with open(os.path.join(out, upn + ".html"), encoding="utf-8") as f:
            page = f.read()
        for f in (upn + ".json", upn + ".html"):
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(out, f)).st_mode), 0o600)
        tables = record["tables"]
        self.assertEqual(tables["pupil"][0]["upn"], upn)
        self.assertIn("a note about " + upn, json.dumps(tables["note"]))
        self.assertIn("placement", tables)
        self.assertTrue(any(r["action"] == "pupil.read" for r in record["audit_trail"]["reads_and_changes"]))
        # Only this pupil's rows: no other pupil's note or UPN.
        self.assertNotIn(self.leavers[2], json.dumps(tables))
        self.assertIn("a note about " + upn, page)
        self.assertIn("<h2>note (1)</h2>", page)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
