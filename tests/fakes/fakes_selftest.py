#!/usr/bin/env python3
"""Self-test of the fake MIS servers: generates a 60-pupil synthetic school with the senmap CLI,
starts the Xporter, Wonde and Arbor fakes over TLS (a throwaway self-signed certificate made with
the openssl command line) and checks, with http.client, the quirks the C++ adapters must survive.

    python3 tests/fakes/fakes_selftest.py --senmap build/bin/senmap
"""
import argparse
import base64
import datetime as dt
import gzip
import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS, FIX, PENDING = None, None, None
XP_AUTH = {"estab": None, "relyingParty": "senmap", "password": "fake-xporter-secret",
           "thirdpartyid": "XporterOnDemand"}
ARBOR_AUTH = "Basic " + base64.b64encode(b"senmap-app:fake-arbor-password").decode()


class Fixture:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="senmap-fakes-")
        ctf, roster = os.path.join(self.dir, "school.xml"), os.path.join(self.dir, "roster")
        if ARGS.ctf and ARGS.roster:  # a school generated earlier (the CLI is not needed then)
            ctf, roster = ARGS.ctf, ARGS.roster
        else:
            subprocess.run([ARGS.senmap, "generate", "--pupils", "60", "--out", ctf, "--oneroster", roster],
                           check=True, capture_output=True, timeout=300)
        self.cert, key = os.path.join(self.dir, "cert.pem"), os.path.join(self.dir, "key.pem")
        subprocess.run([ARGS.openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key, "-out", self.cert], check=True, capture_output=True, timeout=120)
        self.procs, self.ports = {}, {}
        global PENDING
        PENDING = self  # call() works while the fixture is still starting
        try:
            self.start(ctf, roster, key)
        except BaseException:
            self.close()
            raise

    def start(self, ctf, roster, key):
        for vendor in ("xporter", "wonde", "arbor"):
            pf = os.path.join(self.dir, vendor + ".port")
            self.procs[vendor] = subprocess.Popen(
                [sys.executable, os.path.join(HERE, vendor + "_fake.py"), "--ctf", ctf, "--roster", roster,
                 "--port-file", pf, "--cert", self.cert, "--key", key], stdout=subprocess.DEVNULL)
        for vendor, proc in self.procs.items():
            pf = os.path.join(self.dir, vendor + ".port")
            deadline = time.time() + 60
            while not os.path.exists(pf):
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(vendor + " fake did not start")
                time.sleep(0.1)
            self.ports[vendor] = int(open(pf).read())
        self.info = {v: call(v, "GET", "/__fake__/info", cert=self.cert)[2] for v in self.procs}

    def close(self):
        for proc in self.procs.values():
            proc.terminate()
        for proc in self.procs.values():
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(self.dir, ignore_errors=True)


def call(vendor, method, path, body=None, headers=None, timeout=30, cert=None):
    """One request on a fresh connection: (status, response, JSON body or raw bytes)."""
    fix = FIX or PENDING
    ctx = ssl.create_default_context(cafile=cert or fix.cert)  # verified, as the C++ client does
    conn = http.client.HTTPSConnection("127.0.0.1", fix.ports[vendor], context=ctx, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers=dict(headers or {}, **({"Content-Type": "application/json"} if data else {})))
        r = conn.getresponse()
        raw = r.read()
        if r.getheader("Content-Encoding") == "gzip":
            raw = gzip.decompress(raw)
        try:
            return r.status, r, json.loads(raw) if raw else None
        except ValueError:
            return r.status, r, raw
    finally:
        conn.close()


def control(vendor, what, body=None):
    return call(vendor, "POST" if body is not None else "GET", "/__fake__/" + what, body)[2]


def xp_token():
    status, _, body = call("xporter", "POST", "/api/oauth/GetToken", dict(XP_AUTH, estab=FIX.info["xporter"]["estab"]))
    assert status == 200 and body["token"], body
    return body["token"]


def xp(endpoint, token, **query):
    path = "/api/v1/School/%s/%s/?%s" % (FIX.info["xporter"]["estab"], endpoint, urllib.parse.urlencode(query))
    return call("xporter", "GET", path, headers={"Authorization": "Idaas " + token})


def wonde(path, **query):
    base = "/v1.0/schools/%s/%s" % (FIX.info["wonde"]["school_id"], path)
    return call("wonde", "GET", base + ("?" + urllib.parse.urlencode(query) if query else ""),
                headers={"Authorization": "Bearer fake-wonde-token"})


def arbor(method, path, body=None):
    return call("arbor", method, "/rest-v2/" + path, body, headers={"Authorization": ARBOR_AUTH})


def a_current_upn(offset=0):
    """A pupil still on roll (earlier tests may have removed some)."""
    status, _, body = arbor("GET", "students?page-size=1000")
    href = body["students"][offset]["href"]
    return arbor("GET", href[len("/rest-v2/"):])[2]["student"]["id"], \
        arbor("GET", "ukdfe-upn-assignments/" + href.rsplit("/", 1)[1])[2]["ukDfe_UpnAssignment"]["upn"]


class FakesTest(unittest.TestCase):
    def setUp(self):
        for vendor in FIX.procs:
            control(vendor, "faults", {})
            control(vendor, "reset_log", {})

    # ---- Xporter -----------------------------------------------------------------------------
    def test_xporter_token_refusals_are_200_with_null_token(self):
        status, _, body = call("xporter", "POST", "/api/oauth/GetToken", dict(XP_AUTH, password="wrong"))
        self.assertEqual((status, body["token"]), (200, None))
        self.assertIn("secret not correct", body["ExceptionMessage"])
        control("xporter", "faults", {"token": "paused"})
        status, _, body = call("xporter", "POST", "/api/oauth/GetToken", dict(XP_AUTH, estab=FIX.info["xporter"]["estab"]))
        self.assertEqual((status, body["token"]), (200, None))
        self.assertIn("paused", body["ExceptionMessage"])

    def test_xporter_expired_token_is_refused_once(self):
        old = xp_token()
        control("xporter", "faults", {"token": "expired"})
        self.assertEqual(xp("Students", old)[0], 401)
        self.assertEqual(xp("Students", old)[0], 401)  # spent for good
        self.assertEqual(xp("Students", xp_token())[0], 200)

    def test_xporter_pages_end_by_count_though_next_page_is_set(self):
        token, seen, page = xp_token(), [], 1
        while True:
            status, _, body = xp("Students", token, page=page, pageSize=25)
            self.assertEqual(status, 200)
            meta = body["__pagination__"][0]
            seen += body["Students"]
            self.assertIsNotNone(meta["NextPage"])  # recorded quirk: even on the last page
            if meta["PageNumber"] >= meta["PageCount"]:
                break
            page += 1
            self.assertLess(page, 20)
        self.assertEqual(len({s["Id"] for s in seen}), meta["RowCount"])
        self.assertTrue(all(re.fullmatch(r"Year  \w+", s["YearGroup"]) for s in seen))
        self.assertTrue(all(s["UPN"] for s in seen))
        control("xporter", "faults", {"no_upn_scope": True})
        self.assertIsNone(xp("Students", token, pageSize=5)[2]["Students"][0]["UPN"])

    def test_xporter_errors_arrive_as_200(self):
        control("xporter", "faults", {"exception_200": "Something went wrong"})
        status, _, body = xp("Students", xp_token())
        self.assertEqual((status, body["ExceptionMessage"]), (200, "Something went wrong"))

    def test_xporter_changesets_and_deletions(self):
        token = xp_token()
        first = xp("Students", token, pageSize=100, changedRows="*")[2]
        cursor = first["__changedRows__"][0]["NextChangedRows"]
        self.assertEqual(first["Students_deleted"], [])
        ids = {s["UPN"]: s["Id"] for s in first["Students"]}
        renamed, gone = sorted(ids)[0], sorted(ids)[1]
        control("xporter", "change", {"op": "rename", "upn": renamed, "surname": "Renamed"})
        control("xporter", "change", {"op": "leave", "upn": gone})
        delta = xp("Students", token, pageSize=100, changedRows=cursor)[2]
        self.assertEqual([(s["UPN"], s["Surname"]) for s in delta["Students"]], [(renamed, "Renamed")])
        self.assertEqual(delta["Students_deleted"], [{"Id": ids[gone]}])
        wrong = xp("Students", token, pageSize=50, changedRows=cursor)
        self.assertEqual(wrong[0], 200)
        self.assertIn("same parameters", wrong[2]["ExceptionMessage"])
        sen = xp("SEN", token, changedRows="*")[2]
        control("xporter", "change", {"op": "add_need", "upn": renamed, "type": "SLCN", "rank": 1})
        sen = xp("SEN", token, changedRows=sen["__changedRows__"][0]["NextChangedRows"])[2]
        self.assertEqual({r["StudentMis_Id"] for r in sen["StudentSENTypeHistory"]}, {ids[renamed]})
        self.assertEqual([(r["NeedTypeCode"], r["Rank"]) for r in sen["StudentSENTypeHistory"]][0], ("SLCN", 1))

    # ---- Wonde -------------------------------------------------------------------------------
    def test_wonde_follows_absolute_next_links(self):
        status, _, body = wonde("students/", per_page=25, include="extended_details,education_details")
        port, rows, pages = FIX.ports["wonde"], [], 0
        while True:
            self.assertEqual(status, 200)
            meta = body["meta"]["pagination"]
            self.assertIsInstance(meta["per_page"], str)
            rows += body["data"]
            pages += 1
            if not meta["next"]:
                self.assertFalse(meta["more"])
                break
            self.assertTrue(meta["next"].startswith("https://127.0.0.1:%d/v1.0/schools/" % port), meta["next"])
            status, _, body = call("wonde", "GET", meta["next"].split(str(port), 1)[1],
                                   headers={"Authorization": "Bearer fake-wonde-token"})
        self.assertEqual(len({r["id"] for r in rows}), len(rows))
        self.assertGreater(pages, 1)
        one = rows[0]
        self.assertEqual(set(one["date_of_birth"]), {"date", "timezone_type", "timezone"})
        self.assertIn(one["extended_details"]["data"]["sen_status"], (None, "K", "E", "N", "S", "SEN Support"))
        self.assertRegex(one["education_details"]["data"]["upn"], r"^[A-Z]\d{11}[0-9A-Z]$")

    def test_wonde_auth_and_422(self):
        self.assertEqual(wonde("students/", per_page="lots")[0], 422)
        self.assertEqual(wonde("students/", updated_after="yesterday")[0], 422)
        path = "/v1.0/schools/%s/students/" % FIX.info["wonde"]["school_id"]
        self.assertEqual(call("wonde", "GET", path, headers={"Authorization": "Bearer nope"})[0], 401)
        basic = "Basic " + base64.b64encode(b"fake-wonde-token:").decode()
        self.assertEqual(call("wonde", "GET", path, headers={"Authorization": basic})[0], 200)

    def test_wonde_updated_after_and_deletions(self):
        data = wonde("students/", per_page=200, include="education_details")[2]["data"]
        by_upn = {s["education_details"]["data"]["upn"]: s["id"] for s in data}
        renamed, gone = sorted(by_upn)[2], sorted(by_upn)[3]
        at = control("wonde", "change", {"op": "rename", "upn": renamed, "surname": "Changed"})["at"]
        control("wonde", "change", {"op": "leave", "upn": gone})
        since = (dt.datetime.strptime(at, "%Y-%m-%d %H:%M:%S") - dt.timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
        changed = wonde("students/", updated_after=since)[2]["data"]
        self.assertIn(by_upn[renamed], [s["id"] for s in changed])
        self.assertNotIn(by_upn[gone], [s["id"] for s in changed])
        deleted = wonde("deletions/", type="student", updated_after=since)[2]["data"]
        self.assertEqual([d["id"] for d in deleted], [by_upn[gone]])

    def test_wonde_register_pages_are_slices_of_one_list(self):
        # Each page of a paged list is cut from one build of it (memo): the pages of the register
        # hold every mark once, in order, and agree with a single long page.
        first = wonde("attendance/session/", per_page=200)[2]
        whole = [m["id"] for m in first["data"]]
        body, pages = first, 1
        while body["meta"]["pagination"]["next"] and pages < 20:
            pages += 1
            body = wonde("attendance/session/", per_page=200, page=pages)[2]
            whole += [m["id"] for m in body["data"]]
        self.assertGreater(pages, 1)
        self.assertEqual(len(set(whole)), len(whole))
        again = wonde("attendance/session/", per_page=200, page=2)[2]
        self.assertEqual([m["id"] for m in again["data"]], whole[200:400])
        codes = {c["id"]: c["code"] for c in wonde("attendance-codes/", per_page=200)[2]["data"]}
        self.assertTrue(all(m["attendance_code"] in codes for m in first["data"]))

    # ---- Arbor -------------------------------------------------------------------------------
    def test_arbor_short_page_ends_list_of_references(self):
        refs, page = [], 1
        while True:
            status, _, body = arbor("GET", "students?page-size=25&page-number=%d" % page)
            self.assertEqual(status, 200)
            self.assertNotIn("next", json.dumps(body))
            refs += body["students"]
            if len(body["students"]) < 25:
                break
            page += 1
        self.assertTrue(all(set(r) == {"entityType", "href"} for r in refs))
        one = arbor("GET", refs[0]["href"][len("/rest-v2/"):])[2]["student"]
        self.assertEqual((one["entityType"], one["href"]), ("Student", refs[0]["href"]))
        self.assertEqual(one["dateOfBirth"]["entityType"], "date")
        self.assertIn("revisionId", one)

    def test_arbor_writes_422_permission_and_lost_ack(self):
        sid, _ = a_current_upn()
        note = {"request": {"senNote": {"student": {"entityType": "Student", "href": "/rest-v2/students/%d" % sid},
                                         "summary": "Review", "content": "Plan reviewed", "noteDate": "2026-01-05",
                                         "tags": {"senmap_outbox": "item-1"}}}}
        control("arbor", "faults", {"payload_422": "Note date is in a closed period"})
        status, _, body = arbor("POST", "sen-notes", note)
        self.assertEqual((status, body["response"]["code"]), (200, 422))  # a 422 is an ordinary payload
        self.assertEqual(body["response"]["errors"][0]["message"], "Note date is in a closed period")
        control("arbor", "faults", {"permission_refused": True})
        status, _, body = arbor("POST", "sen-notes", note)
        self.assertEqual(body["response"]["code"], 403)
        control("arbor", "faults", {"lose_ack": True})
        with self.assertRaises((http.client.HTTPException, ConnectionError, ssl.SSLError)):
            arbor("POST", "sen-notes", note)
        self.assertEqual([w["op"] for w in control("arbor", "writes")], ["created"])
        found = arbor("GET", "sen-notes?filters.tags.senmap_outbox=item-1")[2]["senNotes"]
        self.assertEqual(len(found), 1)
        status, _, body = arbor("POST", "sen-notes", note)  # faults are one-shot: this one lands
        self.assertEqual(body["senNote"]["summary"], "Review")
        log = arbor("GET", "sen-notes/changelog?from-revision=0")[2]["changes"]
        self.assertEqual([c["changeType"] for c in log], ["CREATE", "CREATE"])

    def test_arbor_changelog_after_change(self):
        rev = control("arbor", "info")["revision"]
        sid, upn = a_current_upn(1)
        control("arbor", "change", {"op": "sen_status", "upn": upn, "status": "E"})
        changes = arbor("GET", "sen-status-assignments/changelog?from-revision=%d" % rev)[2]["changes"]
        self.assertEqual(len(changes), 1)
        obj = arbor("GET", changes[0]["changedObject"]["href"][len("/rest-v2/"):])[2]["senStatusAssignment"]
        self.assertEqual(obj["student"]["href"], "/rest-v2/students/%d" % sid)

    # ---- the reply cache ---------------------------------------------------------------------
    def test_reply_cache_renders_once_and_forgets_on_change_or_fault(self):
        def hits(vendor):
            return control(vendor, "info")["reply_cache"]["hits"]
        first = wonde("students/", include="education_details", per_page="5")[2]
        before = hits("wonde")
        self.assertEqual(wonde("students/", include="education_details", per_page="5")[2], first)
        self.assertEqual(hits("wonde"), before + 1)
        upn = first["data"][0]["education_details"]["data"]["upn"]
        control("wonde", "change", {"op": "rename", "upn": upn, "surname": "Cachebuster"})
        again = wonde("students/", include="education_details", per_page="5")[2]
        self.assertEqual(again["data"][0]["surname"], "Cachebuster")  # a change empties the cache
        control("wonde", "faults", {"no_upn": True})  # faults are never served from the cache
        self.assertNotIn("upn", wonde("students/", include="education_details", per_page="5")[2]
                         ["data"][0]["education_details"]["data"])
        control("wonde", "faults", {})
        self.assertEqual(wonde("students/", include="education_details", per_page="5")[2], again)
        # Credentials are checked before the cache: a new token meets the cached reply, none is refused.
        estab = FIX.info["xporter"]["estab"]
        self.assertEqual(xp("Staff", xp_token(), pageSize=3)[0], 200)
        before = hits("xporter")
        self.assertEqual(xp("Staff", xp_token(), pageSize=3)[0], 200)
        self.assertEqual(hits("xporter"), before + 1)
        self.assertEqual(call("xporter", "GET", "/api/v1/School/%s/Staff/?pageSize=3" % estab)[0], 401)

    # ---- faults every fake shares ------------------------------------------------------------
    def test_429_sequence_with_retry_after(self):
        control("wonde", "faults", {"status_sequence": [429, 429], "retry_after": "1"})
        for _ in range(2):
            status, r, _ = wonde("students/")
            self.assertEqual((status, r.getheader("Retry-After")), (429, "1"))
        self.assertEqual(wonde("students/")[0], 200)
        self.assertEqual([e["status"] for e in control("wonde", "log")], [429, 429, 200])

    def test_gzip_redirect_drop_hang_and_endless_pages(self):
        control("wonde", "faults", {"gzip": True})
        status, r, body = wonde("students/", per_page=2)
        self.assertEqual((status, r.getheader("Content-Encoding"), len(body["data"])), (200, "gzip", 2))
        control("wonde", "faults", {"redirect_to": "https://127.0.0.2:9"})
        status, r, _ = wonde("students/")
        self.assertEqual((status, r.getheader("Location")[:20]), (302, "https://127.0.0.2:9/"))
        control("wonde", "faults", {"drop_after_pages": 1})
        self.assertEqual(wonde("students/", per_page=2)[0], 200)
        with self.assertRaises((http.client.HTTPException, ConnectionError)):
            wonde("students/", per_page=2, page=2)
        control("wonde", "faults", {"page_forever": True})
        self.assertIsNotNone(wonde("students/", per_page=50, page=40)[2]["meta"]["pagination"]["next"])
        control("xporter", "faults", {"page_forever": True})
        meta = xp("Students", xp_token(), page=40, pageSize=50)[2]["__pagination__"][0]
        self.assertGreater(meta["PageCount"], meta["PageNumber"])
        control("arbor", "faults", {"page_forever": True})
        self.assertEqual(len(arbor("GET", "students?page-size=50&page-number=40")[2]["students"]), 50)
        control("arbor", "faults", {"hang": True})
        with self.assertRaises((socket.timeout, TimeoutError)):
            call("arbor", "GET", "/rest-v2/students", headers={"Authorization": ARBOR_AUTH}, timeout=1.5)

    def test_log_never_holds_credentials(self):
        xp("Students", xp_token(), pageSize=1)
        text = json.dumps(control("xporter", "log"))
        self.assertNotIn("Idaas", text)
        self.assertNotIn("fake-xporter-secret", text)
        self.assertNotIn("__fake__", text)


def main():
    global ARGS, FIX
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--senmap", help="the senmap CLI, to generate the school")
    ap.add_argument("--ctf", help="use this generated CTF instead (with --roster)")
    ap.add_argument("--roster", help="use this generated OneRoster folder instead (with --ctf)")
    ap.add_argument("--openssl", default="openssl", help="the openssl command line, for a throwaway certificate")
    ARGS, rest = ap.parse_known_args()
    if not ARGS.senmap and not (ARGS.ctf and ARGS.roster):
        ap.error("give --senmap, or --ctf and --roster")
    FIX = Fixture()
    try:
        prog = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2)
    finally:
        FIX.close()
    sys.exit(0 if prog.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
