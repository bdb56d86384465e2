#!/usr/bin/env python3
"""The calendar feed end to end: senmap serve over real TLS on loopback, the fixture of
serve_test.py (a generated trust of two schools, synthetic data only, staff with every role), and
the feed parsed with icalendar (Debian's python3-icalendar) as a calendar program would.

A teacher's feed holds the review dates of the pupils in their classes and none of another class's;
a TA's only the pupils assigned to them; a wrong, replaced or revoked address, or one whose holder
has left, is answered exactly like a missing one; a member of staff makes their own from a page."""
import argparse
import html
import json
import os
import re
import signal
import sys
import time
import unittest
import urllib.parse
import warnings

try:
    import icalendar
except ImportError:  # a Python other than Debian's (pyenv, a venv): look where python3-icalendar is installed
    sys.path.append("/usr/lib/python3/dist-packages")
    import icalendar

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_test as st  # noqa: E402  (its fixture, server start and clients)

FIX = None


def call(op, request):
    return json.loads(st.run("--config", FIX.config, "--actor", "test:fixture", "call", op, json.dumps(request)).stdout)


def make_feed(staff, *flags):
    return st.run("--config", FIX.config, "calendar", "feed", staff, *flags).stdout.strip()


def fetch(port, path, headers=None):
    """As a calendar program fetches a subscription: no token, no cookie."""
    c = st.http.client.HTTPSConnection("127.0.0.1", port, context=st.tls_context(), timeout=30)
    c.request("GET", path, headers=headers or {})
    r = c.getresponse()
    return r.status, r.read(), r


def events(body):
    """UID -> (date, summary) of every event, parsed as a calendar program parses them."""
    cal = icalendar.Calendar.from_ical(body)
    return {str(e["UID"]): (e.decoded("DTSTART").isoformat(), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}


class CalendarFeed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc, cls.port = st.start_server(FIX.config)
        upns = (FIX.pupil_own, FIX.pupil_own2, FIX.pupil_other, FIX.pupil_school2)
        # Each pupil gets a planned cycle whose review falls due; the second pupil of the class also an EHC plan.
        cls.review_uid = {}
        for upn in upns:
            cycle = FIX.cycles.get(upn) or call("cycle.assess", {"upn": upn, "date": "2026-01-06"})["id"]
            call("cycle.plan", {"cycle_id": cycle, "date": "2026-01-08", "review_due": "2026-03-20",
                                "targets": [{"target": "Reads 20 key words", "success_criteria": "two weeks running"}]})
            cls.review_uid[upn] = f"cycle-{cycle}@senmap"
        call("ehcp.request", {"upn": FIX.pupil_own2, "la": FIX.pupil_own2[1:4], "date": "2026-01-07"})
        call("ehcp.decision", {"upn": FIX.pupil_own2, "decision": "assess", "date": "2026-02-10"})
        call("ehcp.issue", {"upn": FIX.pupil_own2, "date": "2026-05-01"})

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        cls.proc.wait(timeout=30)

    def pupil_of_uid(self, uid):
        m = re.match(r"cycle-(\d+)@senmap$", uid) or re.match(r"ehcp-(\d+)-review-[\d-]+@senmap$", uid)
        self.assertTrue(m, uid)
        table = "sen_cycle" if uid.startswith("cycle-") else "ehc_plan"
        return FIX.sql(f"SELECT p.upn FROM {table} t JOIN pupil p ON p.id = t.pupil_id WHERE t.id = ?", int(m.group(1)))[0][0]

    def feed_events(self, path):
        status, body, r = fetch(self.port, path)
        self.assertEqual(status, 200, body[:200])
        return events(body), body, r

    def test_teacher_feed_holds_their_classes_pupils_and_no_other_class(self):
        got, body, r = self.feed_events(make_feed(FIX.teacher, "--rotate"))
        self.assertEqual(r.getheader("Content-Type"), "text/calendar; charset=utf-8")
        self.assertIn(r.getheader("Cache-Control"), ("no-store", "private"))
        self.assertIsNone(r.getheader("Set-Cookie"))
        self.assertIn(self.review_uid[FIX.pupil_own], got)
        self.assertIn(self.review_uid[FIX.pupil_own2], got)
        self.assertNotIn(self.review_uid[FIX.pupil_other], got)
        self.assertNotIn(self.review_uid[FIX.pupil_school2], got)
        # Every event is of a pupil the teacher teaches today, never another class's.
        for uid in got:
            self.assertIn(self.pupil_of_uid(uid), FIX.taught, uid)
        # What is due, and who, at the least: first name and surname initial; no UPN, need or target.
        forename, surname = FIX.sql("SELECT forename, surname FROM pupil WHERE upn = ?", FIX.pupil_own)[0]
        self.assertEqual(got[self.review_uid[FIX.pupil_own]], ("2026-03-20", f"SEN support review due: {forename} {surname[0]}."))
        annual = {self.pupil_of_uid(uid): s for uid, (d, s) in got.items() if uid.startswith("ehcp-")}
        forename2, surname2 = FIX.sql("SELECT forename, surname FROM pupil WHERE upn = ?", FIX.pupil_own2)[0]
        self.assertEqual(annual[FIX.pupil_own2], f"EHC plan annual review due: {forename2} {surname2[0]}.")
        text = body.decode("utf-8")
        for secret in (FIX.pupil_own, FIX.pupil_own2, surname, "Reads 20 key words", "SPLD", "DESCRIPTION"):
            self.assertNotIn(secret, text)
        # The same reviews keep their UIDs between fetches (a calendar updates them, never duplicates).
        self.assertEqual(set(self.feed_events(make_feed(FIX.teacher, "--rotate"))[0]), set(got))

    def test_ta_feed_holds_only_assigned_pupils(self):
        got, _, _ = self.feed_events(make_feed(FIX.ta, "--rotate"))
        self.assertIn(self.review_uid[FIX.pupil_own], got)
        self.assertEqual({self.pupil_of_uid(uid) for uid in got}, {FIX.pupil_own})

    def test_senco_feed_holds_their_school_only(self):
        got, _, _ = self.feed_events(make_feed(FIX.staff["senco"], "--rotate"))
        pupils = {self.pupil_of_uid(uid) for uid in got}
        self.assertLessEqual({FIX.pupil_own, FIX.pupil_own2, FIX.pupil_other}, pupils)
        school1 = {r[0] for r in FIX.sql("SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '701'")}
        self.assertLessEqual(pupils, school1)

    def test_governor_has_no_feed(self):
        proc = st.run("--config", FIX.config, "calendar", "feed", FIX.staff["governor"], check=2)
        self.assertIn("no named pupil", proc.stderr)

    def test_wrong_replaced_revoked_or_left_feeds_answer_like_a_missing_one(self):
        staff = FIX.staff["senior_leader"]
        first = make_feed(staff, "--rotate")
        self.assertEqual(fetch(self.port, first)[0], 200)
        m = re.fullmatch(r"/calendar/([0-9a-f]{24})\.([0-9a-f]{64})\.ics", first)
        self.assertTrue(m, first)
        selector, secret = m.groups()
        missing_status, missing_body, _ = fetch(self.port, f"/calendar/{'0' * 24}.{'0' * 64}.ics")
        self.assertEqual(missing_status, 404)
        # Asked twice without --rotate: refused, the address was shown once.
        self.assertIn("rotate", st.run("--config", FIX.config, "calendar", "feed", staff, check=2).stderr)
        second = make_feed(staff, "--rotate")
        flipped = secret[:-1] + ("0" if secret[-1] != "0" else "1")
        wrong = [f"/calendar/{selector}.{flipped}.ics", f"/calendar/{selector}.{secret[:-2]}.ics", f"/calendar/{selector}.ics",
                 f"/calendar/{selector}{secret}.ics", f"/calendar/{selector.upper()}.{secret.upper()}.ics",
                 f"/calendar/{selector}.{secret}%00.ics", first]
        for path in wrong:
            status, body, r = fetch(self.port, path)
            self.assertEqual((status, body), (missing_status, missing_body), path)
            self.assertIsNone(r.getheader("Set-Cookie"))
        self.assertEqual(fetch(self.port, second)[0], 200)
        self.assertIn("stopped", st.run("--config", FIX.config, "calendar", "feed", staff, "--revoke").stdout)
        self.assertEqual(fetch(self.port, second)[:2], (missing_status, missing_body))
        # A member of staff who has left (the MIS no longer lists them): their feed is gone too.
        third = make_feed(staff)
        self.assertEqual(fetch(self.port, third)[0], 200)
        FIX.sql("UPDATE staff SET left_on = '2026-01-31' WHERE sourced_id = ?", staff)
        try:
            self.assertEqual(fetch(self.port, third)[:2], (missing_status, missing_body))
        finally:
            FIX.sql("UPDATE staff SET left_on = NULL WHERE sourced_id = ?", staff)
        # A token or a session is no way in: the feed's route takes none, and an API token is no feed.
        self.assertEqual(fetch(self.port, f"/calendar/{FIX.tokens['senco']}.ics")[:2], (missing_status, missing_body))

    def test_fetches_are_logged_and_pupils_reads_audited_never_the_secret(self):
        path = make_feed(FIX.teacher, "--rotate")
        before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM api_access_log")[0][0]
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        self.assertEqual(fetch(self.port, path)[0], 200)
        wrong = path[:-5] + ("0" if path[-5] != "0" else "1") + ".ics"  # the secret's last character changed
        self.assertEqual(fetch(self.port, wrong)[0], 404)
        actor = f"staff:701-4001/{FIX.teacher}"
        rows = FIX.sql("SELECT actor, address, method, route, status, outcome FROM api_access_log WHERE id > ? ORDER BY id", before)
        self.assertEqual(rows, [(actor, "127.0.0.1", "GET", "GET /calendar/{feed}.ics", 200, "allowed"),
                                ("anonymous", "127.0.0.1", "GET", "GET /calendar/{feed}.ics", 404, "refused_or_missing")])
        audited = FIX.sql("SELECT actor, action, upn FROM audit_log WHERE id > ?", audit_before)
        self.assertIn((actor, "calendar.feed", FIX.pupil_own), audited)
        self.assertNotIn(FIX.pupil_other, {r[2] for r in audited})
        secret = path.split(".")[1]
        for table in ("api_access_log", "audit_log", "calendar_feed"):
            self.assertNotIn(secret, json.dumps(FIX.sql(f"SELECT * FROM {table}")))

    def test_member_of_staff_makes_their_own_feed_from_the_page(self):
        st.run("--config", FIX.config, "launch", "secret")
        old = make_feed(FIX.teacher, "--rotate")
        _, _, _, cookie = st.launch(self.port, st.launch_link(FIX.teacher, FIX.class_own))
        status, body = st.with_cookie(self.port, "GET", "/calendar", cookie)
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>Your review calendar</h1>", page)
        self.assertIn('action="/calendar/feed"', page)
        self.assertNotIn("<script", page)
        csrf = json.loads(st.with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        self.assertEqual(st.form_post(self.port, "/calendar/feed", cookie, {"csrf_token": "0" * 32})[0], 403)
        self.assertEqual(fetch(self.port, old)[0], 200)  # a refused form changed nothing
        status, body, _ = st.form_post(self.port, "/calendar/feed", cookie, {"csrf_token": csrf})
        self.assertEqual(status, 200)
        page = body.decode()
        m = re.search(r'value="(https://127\.0\.0\.1:\d+(/calendar/[0-9a-f.]+\.ics))"', page)
        self.assertTrue(m, page[:2000])
        self.assertIn("Anyone who has this address", page)
        got, _, _ = self.feed_events(m.group(2))
        self.assertIn(self.review_uid[FIX.pupil_own], got)
        self.assertEqual(fetch(self.port, old)[0], 404)  # replaced
        # The page now says there is one, and never shows it again.
        page = st.with_cookie(self.port, "GET", "/calendar", cookie)[1].decode()
        self.assertIn("You made a calendar address on", page)
        self.assertNotIn(m.group(2), page)
        # Stopped from the page: the address no longer works, and the page says there is none.
        self.assertIn("Stop my calendar address", page)
        self.assertEqual(st.form_post(self.port, "/calendar/feed", cookie, {"csrf_token": "0" * 32, "action": "stop"})[0], 403)
        self.assertEqual(fetch(self.port, m.group(2))[0], 200)
        status, _, back = st.form_post(self.port, "/calendar/feed", cookie, {"csrf_token": csrf, "action": "stop"})
        self.assertEqual((status, back), (303, "/calendar"))
        self.assertEqual(fetch(self.port, m.group(2))[0], 404)
        self.assertIn("You have no calendar address yet.", st.with_cookie(self.port, "GET", "/calendar", cookie)[1].decode())
        # A governor's page explains why there is none; their form is refused.
        status, body, _ = st.Client(self.port, FIX.tokens["governor"]).get("/calendar")
        self.assertEqual(status, 200)
        self.assertIn("never a named pupil", html.unescape(body.decode()))
        self.assertEqual(st.Client(self.port, FIX.tokens["governor"]).request(
            "POST", "/calendar/feed", headers={"Content-Type": "application/x-www-form-urlencoded"})[0], 403)


def main():
    global FIX
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--openssl", default="openssl")
    parser.add_argument("--workdir", required=True)
    st.ARGS, rest = parser.parse_known_args()
    warnings.simplefilter("ignore", ResourceWarning)
    started = time.monotonic()
    FIX = st.FIX = st.Fixture()
    FIX.taught = {r[0] for r in FIX.sql(
        "SELECT DISTINCT p.upn FROM class_member t JOIN class_member m ON m.class_id = t.class_id JOIN pupil p ON p.id = m.pupil_id "
        "WHERE t.staff_id = ? AND t.role = 'teacher'", FIX.t1_id)}
    FIX.pupil_own2 = next(u for u in sorted(FIX.taught) if u != FIX.pupil_own)
    FIX.cycles.setdefault(FIX.pupil_own2, None)
    print(f"fixture ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    unittest.main(argv=[sys.argv[0], "-v", *rest], warnings="ignore")


if __name__ == "__main__":
    main()
