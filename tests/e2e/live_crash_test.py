#!/usr/bin/env python3
"""A live sync killed at random moments: `senmap sync` against the Xporter fake (a 300-pupil school,
small pages so a read takes many requests) is SIGKILLed again and again, during the read and during
the apply, while the school changes through the fake's control API (renames, leavers), before a
sync and while one reads.

After every kill: PRAGMA integrity_check, and the stored Students cursor never covers a change the
store does not hold (a change is stored with the cursor moved, or the cursor did not move). After
every kill a clean sync, after which the store holds every change so far. At the end the store is
compared with a clean reference sync of the fake's final state into a fresh database: pupils (UPN,
surname, on roll or left), SEN status periods and needs, class members: 0 lost, 0 doubled.

Prints: rounds, kills in the read / in the apply, commits that beat the kill, lost, doubled."""
import argparse
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
FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")
sys.path.insert(0, FAKES)
import fake_process  # noqa: E402
SECRET = "xp-Crash-5e21"
PAGE_SIZE = 10


class Fake(fake_process.FakeProcess):
    """The Xporter fake on 127.0.0.1 over TLS with a throwaway certificate."""

    def __init__(self, work):
        super().__init__(work, "xporter", SECRET)


def write_config(work, name, page_size):
    path = os.path.join(work, name + ".toml")
    with open(path, "w") as f:
        f.write(f'database = "{name}.db"\n[[schools]]\nla = "938"\nestab = "4123"\n'
                '[[schools.sources]]\nkind = "xporter"\n'
                f'url = "https://127.0.0.1:{ARGS.port}"\nestab = "9384123"\nrelying_party = "senmap"\n'
                'secret_file = "xporter.secret"\nca_file = "cert.pem"\nread_timeout = 20\n'
                f"page_size = {page_size}\nmax_pages = 1000\n")
    return path


def senmap(*args, check=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


def rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def store_state(db):
    """What the comparison looks at, keyed by what a person would recognise (UPN, class code)."""
    pupils = {upn: (surname, left is not None)
              for upn, surname, left in rows(db, "SELECT upn, surname, left_on FROM pupil")}
    periods = rows(db, "SELECT p.upn, s.start_date, s.provision FROM sen_status_period s "
                       "JOIN pupil p ON p.id = s.pupil_id WHERE p.left_on IS NULL")
    needs = rows(db, "SELECT p.upn, n.need_type, n.rank, n.start_date, n.end_date FROM sen_need n "
                     "JOIN pupil p ON p.id = n.pupil_id WHERE p.left_on IS NULL")
    members = rows(db, "SELECT c.sourced_id, p.upn FROM class_member m JOIN school_class c ON c.id = m.class_id "
                       "JOIN pupil p ON p.id = m.pupil_id WHERE p.left_on IS NULL AND c.ended_on IS NULL "
                       "AND (m.end_date IS NULL OR m.end_date >= date('now'))")
    return pupils, periods, needs, members


def lost_and_doubled(got, want):
    """(rows of `want` missing from `got`, rows of `got` more than once or not in `want`)."""
    from collections import Counter
    g, w = Counter(got), Counter(want)
    lost = sum((w - g).values())
    doubled = sum((g - w).values())
    return lost, doubled


class LiveCrash(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        work = self.work = self.tmp.name
        senmap("generate", "--pupils", str(ARGS.pupils), "--seed", "17", "--out", os.path.join(work, "school.xml"),
               "--oneroster", os.path.join(work, "roster"), check=0)
        fake_process.make_certificate(ARGS.openssl, work)
        with open(os.path.join(work, "xporter.secret"), "w") as f:
            f.write(SECRET + "\n")
        os.chmod(os.path.join(work, "xporter.secret"), 0o600)
        self.fake = Fake(work)
        ARGS.port = self.fake.port
        os.chdir(work)

    def tearDown(self):
        self.fake.stop()
        os.chdir("/")
        self.tmp.cleanup()

    # ---- the school as the test changed it ---------------------------------------------------
    def change(self, op):
        reply = self.fake.control("change", op)
        self.changes.append((reply["revision"], op))
        if op["op"] == "rename":
            self.surname[op["upn"]] = op["surname"]
        else:
            self.left.add(op["upn"])
        return reply

    def random_change(self, rng, tag):
        upn = rng.choice(sorted(set(self.surname) - self.left))
        if rng.random() < 0.2 and len(self.left) < ARGS.pupils // 20:
            return self.change({"op": "leave", "upn": upn})
        return self.change({"op": "rename", "upn": upn, "surname": f"Crash{tag}"})

    def cursor_revision(self, db):
        held = dict(rows(db, "SELECT endpoint, cursor FROM source_cursor WHERE source = 'xporter'"))
        token = held.get("Students")
        if token is None:
            return 0
        changesets = self.fake.control("info")["changesets"]
        self.assertIn(token, changesets, "the stored Students cursor is a changeset the fake never gave")
        return changesets[token]

    def uncovered(self, db, upto):
        """Changes at or below revision `upto` the store does not hold: a later rename of the same
        pupil, or a leave, also counts as holding it."""
        pupils = {upn: (surname, left) for upn, surname, left in rows(db, "SELECT upn, surname, left_on FROM pupil")}
        missing = []
        for rev, op in self.changes:
            if rev > upto:
                continue
            surname, left = pupils.get(op["upn"], (None, None))
            if op["op"] == "leave":
                ok = left is not None
            else:
                later = {o["surname"] for r, o in self.changes if r >= rev and o["upn"] == op["upn"] and o["op"] == "rename"}
                ok = surname in later or left is not None and op["upn"] in self.left
            if not ok:
                missing.append((rev, op, surname, left))
        return missing

    # ---- the tests ---------------------------------------------------------------------------
    def test_a_rename_during_a_full_read_is_not_lost(self):
        """Regression: the Students cursor was the last page's NextChangedRows, which counted a
        rename made mid-read as seen though its page had been read before it: lost until the next
        weekly full read."""
        config = write_config(self.work, "live", PAGE_SIZE)
        db = os.path.join(self.work, "live.db")
        senmap("--config", config, "sync", check=0)
        first = rows(db, "SELECT upn FROM pupil ORDER BY id LIMIT 1")[0][0]  # on the first page
        self.fake.control("reset_log", {})
        proc = subprocess.Popen([ARGS.senmap, "--config", config, "sync", "--full"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 60
        while sum("Students" in e["path"] for e in self.fake.control("log")) < 5 and time.time() < deadline:
            time.sleep(0.01)
        self.fake.control("change", {"op": "rename", "upn": first, "surname": "Renamedmidread"})
        self.assertEqual(proc.wait(timeout=300), 0)
        senmap("--config", config, "sync", check=0)  # a delta
        self.assertEqual(rows(db, f"SELECT surname FROM pupil WHERE upn = '{first}'")[0][0], "Renamedmidread")

    def test_killed_live_syncs_lose_and_double_nothing(self):
        config = write_config(self.work, "live", PAGE_SIZE)
        db = os.path.join(self.work, "live.db")
        started = time.time()
        senmap("--config", config, "sync", check=0)  # the first, full read: not killed
        self.surname = dict(rows(db, "SELECT upn, surname FROM pupil"))
        self.left, self.changes = set(), []
        self.assertEqual(len(self.surname), ARGS.pupils)
        # How many requests a delta read makes: the apply starts when the fake has served them.
        self.fake.control("reset_log", {})
        senmap("--config", config, "sync", check=0)
        delta_requests = len(self.fake.control("log"))

        # A service that takes 50 ms a reply (as a real one over the internet does): the reads take
        # long enough to be killed in, however fast senmap reads side by side.
        self.fake.control("faults", {"delay": 0.05})
        self.fake.control("reset_log", {})
        senmap("--config", config, "sync", check=0)
        delta_requests = len(self.fake.control("log"))
        rng = random.Random(ARGS.seed)
        kills = {"read": 0, "apply": 0, "full read": 0}
        committed, runs_before = 0, len(rows(db, "SELECT id FROM import_run"))
        for round_ in range(ARGS.rounds):
            for i in range(rng.randint(0, 3)):  # the school changes between syncs
                self.random_change(rng, f"r{round_}b{i}")
            # Every fifth round a full read (--full: a new changeset, results, the roll call),
            # killed part-way; the others are deltas killed in the read or in the apply.
            where = "full read" if round_ % 5 == 4 else rng.choice(["read", "apply"])
            self.fake.control("reset_log", {})
            extra = ["--full"] if where == "full read" else []
            proc = subprocess.Popen([ARGS.senmap, "--config", config, "sync", *extra],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # A change while a delta reads. (Not while a full read pages through Students: see
            # test_a_rename_during_a_full_read_is_not_lost.)
            mid_read = where != "full read" and rng.random() < 0.5
            if mid_read:  # and while the sync reads
                time.sleep(rng.uniform(0.02, 0.2))
                self.random_change(rng, f"r{round_}m")
            if where == "apply":
                # Wait until the last page is being served, then kill during the parse and apply.
                deadline = time.time() + 30
                while proc.poll() is None and len(self.fake.control("log")) < delta_requests and time.time() < deadline:
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.12))
            else:
                time.sleep(rng.uniform(0.0, 0.3 if where == "read" else 2.0))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills[where] += 1
            proc.wait()
            self.assertEqual(rows(db, "PRAGMA integrity_check")[0][0], "ok", f"round {round_}")
            runs = len(rows(db, "SELECT id FROM import_run WHERE finished_at IS NOT NULL"))
            committed += runs > runs_before
            missing = self.uncovered(db, self.cursor_revision(db))
            self.assertEqual(missing, [], f"round {round_} ({where}): the cursor covers changes the store lacks")

            senmap("--config", config, "sync", check=0)  # the clean sync after the kill
            runs_before = len(rows(db, "SELECT id FROM import_run WHERE finished_at IS NOT NULL"))
            cursor_rev = self.cursor_revision(db)
            missing = self.uncovered(db, cursor_rev)
            self.assertEqual(missing, [], f"round {round_} ({where}): after a clean sync, the cursor covers changes "
                                          "the store lacks")
            missing = self.uncovered(db, 10 ** 9)
            self.assertEqual(missing, [], f"round {round_} ({where}): a clean sync left changes behind "
                                          f"(cursor at revision {cursor_rev})")

        # The reference: the fake's final state read whole into a fresh database.
        reference = write_config(self.work, "reference", 500)
        senmap("--config", reference, "sync", check=0)
        got, want = store_state(db), store_state(os.path.join(self.work, "reference.db"))
        pupils_got, pupils_want = got[0], want[0]
        on_roll = {upn: v for upn, v in pupils_got.items() if not v[1]}
        gone = {upn for upn, v in pupils_got.items() if v[1]}
        lost, doubled = lost_and_doubled(list(on_roll.items()), list(pupils_want.items()))
        totals = {"pupils": (lost, doubled)}
        for name, g, w in zip(("SEN status periods", "SEN needs", "class members"), got[1:], want[1:]):
            totals[name] = lost_and_doubled(g, w)
        lost_all = sum(v[0] for v in totals.values())
        doubled_all = sum(v[1] for v in totals.values())
        print(f"\n  live crash test: {ARGS.rounds} rounds, killed in the read {kills['read']}, in the apply "
              f"{kills['apply']}, in a full read {kills['full read']}; {committed} committed before the kill; "
              f"{len(self.changes)} changes ({len(self.left)} leavers); lost {lost_all}, doubled {doubled_all} "
              f"({', '.join(f'{k} {v[0]}/{v[1]}' for k, v in totals.items())}); {time.time() - started:.0f} s",
              file=sys.stderr)
        self.assertEqual(gone, self.left, "the pupils marked left are exactly those who left")
        self.assertEqual(totals, {k: (0, 0) for k in totals})
        self.assertGreaterEqual(sum(kills.values()), ARGS.rounds // 2, "too few syncs were killed mid-way")
        self.assertGreater(kills["apply"], 0)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--openssl", default="openssl")
    parser.add_argument("--pupils", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=23)
    ARGS, rest = parser.parse_known_args()
    ARGS.senmap = os.path.abspath(ARGS.senmap)
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
