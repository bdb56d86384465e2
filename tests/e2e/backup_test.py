#!/usr/bin/env python3
"""Backups, restores and the audit archive as a school's IT technician runs them, while the server
serves requests and reads are being audited (CTest e2e.backup).

- `senmap backup --out DIR` writes DIR/senmap.db and DIR/senmap-audit.db, owner-only, each passing
  PRAGMA integrity_check, of one moment, while a server and a stream of audited reads go on.
- `senmap restore DIR` puts them back under the running server (which then serves the restored data),
  and refuses a backup that is damaged, incomplete or from a newer senmap, changing nothing.
- `senmap audit archive --before DATE --out FILE` moves older rows to FILE and never loses one:
  counted before and after, the archive re-read, a second archive appended."""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ARGS = None


def senmap(*args, check=0):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}")
    return proc


def rows(path, query):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as c:
        return c.execute(query).fetchall()


def count(path, table):
    return rows(path, f"SELECT COUNT(*) FROM {table}")[0][0]


class Backup(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name
        cls.db = os.path.join(cls.dir, "school.db")
        cls.audit = os.path.join(cls.dir, "school-audit.db")
        ctf = os.path.join(cls.dir, "school.xml")
        senmap("generate", "--pupils", "400", "--seed", "23", "--out", ctf)
        senmap("--db", cls.db, "import", "ctf", ctf)
        cls.upns = [u for (u,) in rows(cls.db, "SELECT upn FROM pupil ORDER BY upn LIMIT 20")]
        # A server on loopback (plain HTTP) for the whole test: backups and restores happen under it.
        cls.server = subprocess.Popen([ARGS.senmap, "--db", cls.db, "serve", "--listen", "127.0.0.1:0", "--threads", "2"],
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", cls.server.stdout.readline())
        assert m, "the server did not start"
        cls.port = int(m.group(1))

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=30)
        cls.tmp.cleanup()

    def health(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("GET", "/api/health")
        return c.getresponse().status

    def reading(self, stop):
        """Audited reads of pupils' records until told to stop: the audit file grows during the backup."""
        i = 0
        while not stop.is_set():
            senmap("--db", self.db, "pupil", self.upns[i % len(self.upns)], "--json")
            i += 1

    def test_backup_while_serving_and_reading_then_restore_under_the_server(self):
        stop = threading.Event()
        reader = threading.Thread(target=self.reading, args=(stop,))
        reader.start()
        try:
            time.sleep(0.5)
            out = os.path.join(self.dir, "backup-1")
            started = time.monotonic()
            result = json.loads(senmap("--db", self.db, "backup", "--out", out, "--json").stdout)
            took = time.monotonic() - started
            self.assertEqual(self.health(), 200)
        finally:
            stop.set()
            reader.join()
        print(f"\nbackup of {count(self.db, 'pupil')} pupils: {took:.2f} s, "
              f"{result['database_bytes']} + {result['audit_file_bytes']} bytes", file=sys.stderr)
        copy, copy_audit = os.path.join(out, "senmap.db"), os.path.join(out, "senmap-audit.db")
        for f in (copy, copy_audit):
            self.assertEqual(stat.S_IMODE(os.stat(f).st_mode), 0o600, f)
            self.assertEqual(rows(f, "PRAGMA integrity_check"), [("ok",)], f)
        self.assertEqual(result["database"], copy)
        self.assertEqual(count(copy, "pupil"), count(self.db, "pupil"))
        self.assertGreater(count(copy_audit, "audit_log"), 0)

        # A change after the backup, then the restore under the running server takes it away.
        pupils_before = rows(self.db, "SELECT upn, surname FROM pupil ORDER BY upn")
        senmap("--db", self.db, "call", "notes.add",
               json.dumps({"upn": self.upns[0], "type": "general", "visibility": "senco", "body": "after the backup"}))
        notes_after_change = count(self.db, "note")
        restored = json.loads(senmap("--db", self.db, "restore", out, "--json").stdout)
        self.assertEqual(restored["restored_into"], self.db)
        self.assertEqual(count(self.db, "note"), notes_after_change - 1)
        self.assertEqual(rows(self.db, "SELECT upn, surname FROM pupil ORDER BY upn"), pupils_before)
        self.assertEqual(rows(self.db, "PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.health(), 200)
        # The restore is itself in the (restored) audit trail.
        self.assertIn(("backup.restore",), rows(self.audit, "SELECT action FROM audit_log"))

    def test_refusals_change_nothing(self):
        good = os.path.join(self.dir, "backup-good")
        senmap("--db", self.db, "backup", "--out", good)
        proc = senmap("--db", self.db, "backup", "--out", good, check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("already exists", proc.stderr)

        before = rows(self.db, "SELECT upn, surname FROM pupil ORDER BY upn")
        damaged = os.path.join(self.dir, "backup-damaged")
        shutil.copytree(good, damaged)
        with open(os.path.join(damaged, "senmap.db"), "r+b") as f:
            f.seek(4096 * 3)
            f.write(b"\xff" * 8192)
        proc = senmap("--db", self.db, "restore", damaged, check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertTrue("integrity_check" in proc.stderr or "malformed" in proc.stderr, proc.stderr)

        incomplete = os.path.join(self.dir, "backup-incomplete")
        shutil.copytree(good, incomplete)
        os.remove(os.path.join(incomplete, "senmap-audit.db"))
        proc = senmap("--db", self.db, "restore", incomplete, check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("senmap-audit.db is missing", proc.stderr)

        newer = os.path.join(self.dir, "backup-newer")
        shutil.copytree(good, newer)
        with sqlite3.connect(os.path.join(newer, "senmap.db")) as c:
            c.execute("PRAGMA user_version = 999")
        proc = senmap("--db", self.db, "restore", newer, check=None)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("newer than this senmap", proc.stderr)
        self.assertEqual(rows(self.db, "SELECT upn, surname FROM pupil ORDER BY upn"), before)

    def test_audit_archive_loses_no_row(self):
        for upn in self.upns[:5]:
            senmap("--db", self.db, "pupil", upn, "--json")
        self.assertEqual(self.health(), 200)
        archive = os.path.join(self.dir, "audit-archive.db")
        before = count(self.audit, "audit_log") + count(self.audit, "api_access_log")
        tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
        proc = senmap("--db", self.db, "audit", "archive", "--before", tomorrow, "--out", archive, check=None)
        self.assertNotEqual(proc.returncode, 0, "a date after today is refused")
        today = datetime.date.today().isoformat()
        # Nothing is from before today in this fresh database: nothing moves, nothing is lost.
        r = json.loads(senmap("--db", self.db, "audit", "archive", "--before", today, "--out", archive, "--json").stdout)
        self.assertEqual(r["audit_rows_moved"] + r["access_rows_moved"], 0)
        # Age half the rows as a year's use would, then archive them.
        year_ago = (datetime.date.today() - datetime.timedelta(days=365)).isoformat()
        with sqlite3.connect(self.audit) as c:
            c.execute("UPDATE audit_log SET at = ? || substr(at, 11) WHERE id % 2 = 0", (year_ago,))
            aged = c.execute("SELECT COUNT(*) FROM audit_log WHERE at < ?", (today,)).fetchone()[0]
        before = count(self.audit, "audit_log")
        r = json.loads(senmap("--db", self.db, "audit", "archive", "--before", today, "--out", archive, "--json").stdout)
        self.assertEqual(r["audit_rows_moved"], aged)
        self.assertGreater(aged, 0)
        self.assertEqual(count(archive, "audit_log"), aged)
        # The archive's own audit row lands after the move: every row is in exactly one place.
        self.assertEqual(count(self.audit, "audit_log"), before - aged + 1)
        self.assertEqual(r["audit_rows_left"], before - aged)
        self.assertEqual(stat.S_IMODE(os.stat(archive).st_mode), 0o600)
        self.assertEqual(rows(archive, "SELECT COUNT(*) FROM audit_log WHERE at >= ?".replace("?", f"'{today}'")), [(0,)])
        # A second archive appends to the same file.
        with sqlite3.connect(self.audit) as c:
            aged_again = c.execute("UPDATE audit_log SET at = ? || substr(at, 11) WHERE action = 'audit.archive'",
                                   (year_ago,)).rowcount
        self.assertGreater(aged_again, 0)
        r2 = json.loads(senmap("--db", self.db, "audit", "archive", "--before", today, "--out", archive, "--json").stdout)
        self.assertEqual(r2["audit_rows_moved"], aged_again)
        self.assertEqual(count(archive, "audit_log"), aged + aged_again)


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0], "-v", *rest])


if __name__ == "__main__":
    main()
