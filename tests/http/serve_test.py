#!/usr/bin/env python3
"""senmap serve end to end: a real server over real TLS on loopback, driven with the standard
library's http.client and ssl, and checked with the openssl command line.

The fixture is a generated trust of two schools synced from its config (synthetic data only), with
staff given every role, API tokens, a TA assignment, and placements, cycles and EHC requests for a
pupil the teacher teaches, a pupil of the same school they do not, and a pupil of the other school.
The certificate is a throwaway self-signed one made in the work directory."""
import argparse
import ctypes
import datetime
import html
import http.client
import json
import os
import re
import select
import shutil
import signal
import socket
import sqlite3
import ssl
import subprocess
import sys
import time
import unittest
import urllib.parse
import warnings

ARGS = None
FIX = None  # the shared fixture, built once

# Every answer the server gives these tests over http.client, as (method, target, status): each one
# must be listed in the OpenAPI document for its route (undocumented_answers, run after the tests).
ANSWERS = []
_putrequest, _getresponse = http.client.HTTPConnection.putrequest, http.client.HTTPConnection.getresponse


def _recording_putrequest(self, method, url, *args, **kwargs):
    self._senmap_asked = (method, url)
    return _putrequest(self, method, url, *args, **kwargs)


def _recording_getresponse(self):
    r = _getresponse(self)
    if getattr(self, "_senmap_asked", None):
        ANSWERS.append((*self._senmap_asked, r.status))
    return r


http.client.HTTPConnection.putrequest = _recording_putrequest
http.client.HTTPConnection.getresponse = _recording_getresponse


def route_of(doc, method, target):
    """The documented route a request reaches, as (path, operation), or None: the first path that
    matches, in the document's order (the router's)."""
    path = urllib.parse.urlsplit(target).path
    verb = "get" if method in ("GET", "HEAD") else method.lower()
    for template, item in doc["paths"].items():
        pattern = "[^/]+".join(re.escape(part) for part in re.split(r"\{\w+\}", template))
        if verb in item and re.fullmatch(pattern, path):
            return template, item[verb]
    return None


def undocumented_answers(doc, answers):
    """The answers given that the document does not list for their route, as (method, target,
    status); a target that is no route may answer only 404 (no such route) or 405 (wrong method)."""
    out = []
    for method, target, status in answers:
        route = route_of(doc, method, target)
        documented = str(status) in route[1]["responses"] if route else status in (404, 405)
        if not documented:
            out.append((method, target, status))
    return out


def run(*args, check=0, input_text=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, input=input_text, timeout=300)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return proc


def tls_context():
    ctx = ssl.create_default_context(cafile=FIX.cert)
    ctx.check_hostname = False  # the throwaway certificate names localhost; we connect to 127.0.0.1
    return ctx


def audit_file(db):
    """The audit file senmap keeps beside a database: senmap.db -> senmap-audit.db."""
    stem, ext = os.path.splitext(db)
    return stem + "-audit" + ext


class Client:
    """One keep-alive HTTPS connection acting as one member of staff."""

    def __init__(self, port, token=None):
        self.port, self.token = port, token
        self.conn = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=30)

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                return r.status, r.read(), r
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=tls_context(), timeout=30)

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, body):
        return self.request("POST", path, body)


def launch(port, path):
    """Opens a launch link as a browser would: the answer, and the session cookie it set."""
    c = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=30)
    c.request("GET", path)
    r = c.getresponse()
    body = r.read()
    cookie = r.getheader("Set-Cookie") or ""
    return r.status, body, r.getheader("Location"), cookie


def with_cookie(port, method, path, cookie, body=None, csrf=None):
    c = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=30)
    headers = {"Cookie": cookie.split(";")[0]}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    c.request(method, path, body=data, headers=headers)
    r = c.getresponse()
    return r.status, r.read()


def form_post(port, path, cookie, fields):
    """A page's form as a browser posts it: the session cookie, the fields form-encoded."""
    c = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=30)
    c.request("POST", path, body=urllib.parse.urlencode(fields).encode(),
              headers={"Cookie": cookie.split(";")[0], "Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    return r.status, r.read(), r.getheader("Location")


def rss_mb(proc):
    """The resident memory of a process, in MB."""
    with open(f"/proc/{proc.pid}/status", encoding="ascii") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1)) / 1024


def send_until_answered(port, data, piece=16384):
    """Sends data over TLS a record at a time, stopping once the server answers. Returns the answer's
    status (None if none came) and whether the server then closed the connection."""
    s = tls_context().wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    answer = b""
    try:
        for i in range(0, len(data), piece):
            s.settimeout(0)  # anything from the server yet? (TLS session tickets are not an answer)
            try:
                answer = s.recv(4096)
                break
            except (ssl.SSLWantReadError, BlockingIOError):
                pass
            finally:
                s.settimeout(10)
            try:
                s.sendall(data[i:i + piece])
            except (BrokenPipeError, ConnectionResetError):
                break
        try:
            while b"\r\n\r\n" not in answer:
                got = s.recv(4096)
                if not got:
                    break
                answer += got
            closed = False
            while not closed:  # the rest of the answer, then the end of the connection
                closed = not s.recv(4096)
        except (ConnectionResetError, ssl.SSLError):
            closed = True
        except socket.timeout:
            closed = False
        m = re.match(rb"HTTP/1\.1 (\d{3}) ", answer)
        return (int(m.group(1)) if m else None), closed
    finally:
        s.close()


def raw_exchange(port, data, see_close=True):
    """Sends bytes as they are over TLS and reads one answer: (status, body, closed), where closed
    says the server then ended the connection (only looked at when see_close)."""
    s = tls_context().wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10))
    try:
        s.sendall(data)
        r = http.client.HTTPResponse(s)
        r.begin()
        body = r.read()
        closed = None
        if see_close:
            try:
                closed = not s.recv(1)
            except (ConnectionResetError, ssl.SSLError):
                closed = True
            except socket.timeout:
                closed = False
        return r.status, body, closed
    finally:
        s.close()


def launch_link(staff, class_id, seconds=120):
    return run("--config", FIX.config, "launch", "link", staff, "--class", class_id, "--seconds", str(seconds)).stdout.strip()


def start_server(config, *extra, tls=True):
    args = [ARGS.senmap, "--config", config, "serve", "--listen", "127.0.0.1:0", "--threads", "2", *extra]
    if tls:
        args += ["--cert", FIX.cert, "--key", FIX.key]
    err = open(os.path.join(ARGS.workdir, "serve-stderr.log"), "a")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, text=True)
    line = proc.stdout.readline()
    m = re.search(r"listening on https?://127\.0\.0\.1:(\d+)", line)
    if not m:
        proc.kill()
        raise AssertionError("the server did not start: " + line)
    return proc, int(m.group(1))


class Fixture:
    def __init__(self):
        work = ARGS.workdir
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        self.trust = os.path.join(work, "trust")
        run("generate", "--schools", "2", "--pupils", "150", "--seed", "61", "--out", self.trust)
        # Real MIS ids are unique GUIDs; the generator numbers each school's staff and classes alike.
        roster = os.path.join(self.trust, "702-4002", "oneroster")
        for name in os.listdir(roster):
            path = os.path.join(roster, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace("stf-", "stf-s2-").replace("cls-", "cls-s2-"))
        self.config = os.path.join(self.trust, "senmap.toml")
        run("sync", "--config", self.config)
        self.db = os.path.join(self.trust, "senmap.db")
        # A throwaway certificate for 127.0.0.1 (never committed).
        self.cert, self.key = os.path.join(work, "cert.pem"), os.path.join(work, "key.pem")
        subprocess.run([ARGS.openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key, "-out", self.cert,
                        "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        self.pick_people()
        self.give_roles()
        self.record_data()
        # Valid UPNs that no school holds: a third generated school's, never imported.
        ghost = os.path.join(work, "ghost.xml")
        run("generate", "--pupils", "3", "--seed", "4242", "--out", ghost)
        with open(ghost, encoding="utf-8") as f:
            held = {r[0] for r in self.sql("SELECT upn FROM pupil")}
            self.ghost_upn = next(u for u in re.findall(r"<UPN>([A-Z0-9]{13})</UPN>", f.read()) if u not in held)

    def sql(self, query, *params):
        with sqlite3.connect(self.db) as c:
            # The audit and access logs lie in the audit file beside the database (senmap-audit.db).
            c.execute("ATTACH DATABASE ? AS audit", (audit_file(self.db),))
            return c.execute(query, params).fetchall()

    def pick_people(self):
        s1, s2 = [r[0] for r in self.sql("SELECT id FROM school ORDER BY la")]
        teachers = self.sql(
            "SELECT m.staff_id, m.class_id, COUNT(*) FROM class_member m JOIN class_member p ON p.class_id = m.class_id "
            "AND p.pupil_id IS NOT NULL JOIN staff s ON s.id = m.staff_id WHERE m.role = 'teacher' AND s.school_id = ? "
            "GROUP BY m.staff_id, m.class_id ORDER BY 3 DESC", s1)
        self.t1_id, c1 = teachers[0][0], teachers[0][1]
        ref = lambda staff_id: self.sql("SELECT sourced_id FROM staff WHERE id = ?", staff_id)[0][0]
        self.teacher = ref(self.t1_id)
        self.class_own = self.sql("SELECT sourced_id FROM school_class WHERE id = ?", c1)[0][0]
        taught = {r[0] for r in self.sql(
            "SELECT p.pupil_id FROM class_member t JOIN class_member p ON p.class_id = t.class_id "
            "WHERE t.staff_id = ? AND t.role = 'teacher' AND p.pupil_id IS NOT NULL", self.t1_id)}
        self.pupil_own = self.sql("SELECT p.upn FROM class_member m JOIN pupil p ON p.id = m.pupil_id WHERE m.class_id = ? "
                                  "ORDER BY p.upn LIMIT 1", c1)[0][0]
        school1 = self.sql("SELECT id, upn FROM pupil WHERE school_id = ? ORDER BY upn", s1)
        self.pupil_other = next(upn for pid, upn in school1 if pid not in taught)
        self.pupil_school2 = self.sql("SELECT upn FROM pupil WHERE school_id = ? ORDER BY upn LIMIT 1", s2)[0][0]
        own_classes = {r[0] for r in self.sql("SELECT class_id FROM class_member WHERE staff_id = ?", self.t1_id)}
        self.class_other = next(sid for cid, sid in self.sql("SELECT id, sourced_id FROM school_class WHERE school_id = ?", s1)
                                if cid not in own_classes)
        self.class_school2 = self.sql("SELECT sourced_id FROM school_class WHERE school_id = ? LIMIT 1", s2)[0][0]
        staff1 = [r[0] for r in self.sql("SELECT sourced_id FROM staff WHERE school_id = ? AND role = 'teacher' "
                                         "AND id <> ? ORDER BY sourced_id", s1, self.t1_id)]
        self.teacher_other = staff1[0]
        self.ta = self.sql("SELECT sourced_id FROM staff WHERE school_id = ? AND role = 'aide' LIMIT 1", s1)[0][0]
        others = [s for s in staff1[1:]]
        self.staff = {"senco": others[0], "senior_leader": others[1], "admin": others[2], "governor": others[3],
                      "trust_officer": others[4], "teacher": self.teacher, "ta": self.ta}
        staff2 = [r[0] for r in self.sql("SELECT sourced_id FROM staff WHERE school_id = ? AND role = 'teacher' ORDER BY sourced_id", s2)]
        self.staff["senco_school2"] = staff2[0]
        self.teacher_school2 = staff2[1]

    def give_roles(self):
        self.tokens = {}
        for who, staff in self.staff.items():
            role = "senco" if who == "senco_school2" else who
            extra = ["--school", "702-4002"] if role == "trust_officer" else []
            run("--config", self.config, "staff", "role", staff, role, *extra)
            self.tokens[who] = json.loads(run("--config", self.config, "token", "create", staff, "--json").stdout)["token"]
        run("--config", self.config, "ta", "assign", self.ta, self.pupil_own)

    def record_data(self):
        def call(op, request):
            return json.loads(run("--config", self.config, "--actor", "test:fixture", "call", op, json.dumps(request)).stdout)
        provision = call("provision.create", {"name": "Reading catch-up", "areas": ["SPLD"], "wave": 2, "delivered_by": "ta",
                                              "group_size": 4, "sessions_per_week": 3, "minutes_per_session": 30, "weeks": 10,
                                              "staff_hourly_cost": 14.5})["id"]
        self.provision = provision
        self.placements, self.cycles = {}, {}
        for upn in (self.pupil_own, self.pupil_other, self.pupil_school2):
            self.placements[upn] = call("placement.start", {"upn": upn, "provision_id": provision, "start": "2026-01-05"})["id"]
            self.cycles[upn] = call("cycle.assess", {"upn": upn, "date": "2026-01-06"})["id"]
            call("passport.set", {"upn": upn, "support_strategies": ["Seat near the front"]})
            call("ehcp.request", {"upn": upn, "la": upn[1:4], "date": "2026-01-07"})
            call("notes.add", {"upn": upn, "type": "general", "visibility": "senco", "body": "for the SENCO only"})
            call("notes.add", {"upn": upn, "type": "general", "visibility": "all_staff", "body": "for everyone"})
        # Each pupil's EHC request awaits a decision long overdue: the rules flag it (one flag each).
        call("flags.run", {})
        self.flags = {upn: self.sql("SELECT MIN(f.id) FROM flag f JOIN pupil p ON p.id = f.pupil_id WHERE p.upn = ? "
                                    "AND f.cleared_on IS NULL", upn)[0][0]
                      for upn in (self.pupil_own, self.pupil_other, self.pupil_school2)}


# Who sees what: (pupil-like objects) own = taught by the teacher and assigned to the TA, other = same
# school not taught, school2 = the other school, ghost = nobody's.
SEES_PUPIL = {
    "senco": {"own", "other"}, "senior_leader": {"own", "other"}, "admin": {"own", "other"},
    "teacher": {"own"}, "ta": {"own"}, "governor": set(), "trust_officer": set(), "senco_school2": {"school2"},
}
SEES_CLASS = {
    "senco": {"own", "other"}, "senior_leader": {"own", "other"}, "admin": {"own", "other"},
    "teacher": {"own"}, "ta": set(), "governor": set(), "trust_officer": set(), "senco_school2": {"school2"},
}


class Serve(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.proc, cls.port = start_server(FIX.config, "--request-timeout", "3")

    @classmethod
    def tearDownClass(cls):
        cls.proc.send_signal(signal.SIGTERM)
        cls.proc.wait(timeout=30)

    def client(self, who=None):
        return Client(self.port, FIX.tokens[who] if who else None)

    def objects(self, param):
        """The four objects of each kind: own, other (same school), school2, ghost (missing)."""
        if param == "upn":
            return {"own": FIX.pupil_own, "other": FIX.pupil_other, "school2": FIX.pupil_school2, "ghost": FIX.ghost_upn}
        if param == "class_id":
            return {"own": FIX.class_own, "other": FIX.class_other, "school2": FIX.class_school2, "ghost": "cls-none"}
        if param in ("teacher_id", "staff_id"):
            return {"own": FIX.teacher, "other": FIX.teacher_other, "school2": FIX.teacher_school2, "ghost": "stf-none"}
        if param == "placement_id":
            p = FIX.placements
            return {"own": p[FIX.pupil_own], "other": p[FIX.pupil_other], "school2": p[FIX.pupil_school2], "ghost": 999999}
        if param == "cycle_id":
            c = FIX.cycles
            return {"own": c[FIX.pupil_own], "other": c[FIX.pupil_other], "school2": c[FIX.pupil_school2], "ghost": 999999}
        if param == "flag_id":
            f = FIX.flags
            return {"own": f[FIX.pupil_own], "other": f[FIX.pupil_other], "school2": f[FIX.pupil_school2], "ghost": 999999}
        raise AssertionError("no fixture objects for the id " + param + ": add them to the access matrix")

    def visible(self, who, param, which):
        if param == "class_id":
            return which in SEES_CLASS[who]
        # A teacher asks only for themselves (their maps, their SEND skills); whole-school roles for their school's staff.
        if param in ("teacher_id", "staff_id"):
            if who == "teacher":
                return which == "own"
            return which in SEES_CLASS[who] and who != "teacher"
        return which in SEES_PUPIL[who]

    # --- TLS -------------------------------------------------------------------------------
    def s_client(self, *args):
        proc = subprocess.run([ARGS.openssl, "s_client", "-connect", f"127.0.0.1:{self.port}", *args],
                              input="", capture_output=True, text=True, timeout=20)
        m = re.search(r"New, (TLSv[\d.]+), Cipher is (\S+)", proc.stdout)
        return m.groups() if m else None

    def test_tls_1_0_and_1_1_refused_1_2_and_1_3_accepted(self):
        # The client is made willing (security level 0), so only the server can refuse.
        self.assertIsNone(self.s_client("-tls1", "-cipher", "DEFAULT@SECLEVEL=0"))
        self.assertIsNone(self.s_client("-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0"))
        self.assertEqual(self.s_client("-tls1_2")[0], "TLSv1.2")
        self.assertEqual(self.s_client("-tls1_3")[0], "TLSv1.3")
        # TLS 1.2 only with Mozilla's intermediate ciphers: no RSA key exchange, no CBC.
        self.assertIsNone(self.s_client("-tls1_2", "-cipher", "AES128-SHA:AES256-SHA256"))
        self.assertEqual(self.s_client("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256"), ("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"))

    def test_security_headers_on_every_answer(self):
        c = self.client("senco")
        for path, want in (("/api/health", 200), ("/api/me", 200), ("/api/pupils/" + FIX.ghost_upn, 404), ("/api/nowhere", 404)):
            status, _, r = c.get(path)
            self.assertEqual(status, want, path)
            self.assertEqual(r.getheader("Strict-Transport-Security"), "max-age=63072000")
            self.assertEqual(r.getheader("X-Content-Type-Options"), "nosniff")
            self.assertEqual(r.getheader("Referrer-Policy"), "no-referrer")
            self.assertEqual(r.getheader("Cache-Control"), "no-store")
            self.assertIn("default-src 'none'", r.getheader("Content-Security-Policy"))
            self.assertIn("frame-ancestors 'none'", r.getheader("Content-Security-Policy"))
        status, _, _ = self.client().get("/api/me")
        self.assertEqual(status, 401)
        # A page may use senmap's own stylesheet and post its own forms, nothing else; never cached.
        status, body, r = c.get(f"/classes/{FIX.class_own}/map")
        self.assertEqual((status, r.getheader("Content-Type")), (200, "text/html; charset=utf-8"))
        self.assertEqual(r.getheader("Cache-Control"), "no-store")
        policy = r.getheader("Content-Security-Policy")
        for part in ("default-src 'none'", "style-src 'self'", "form-action 'self'", "frame-ancestors 'none'"):
            self.assertIn(part, policy)
        self.assertIn(b'<link rel="stylesheet" href="/assets/senmap.css">', body)
        # The map for Excel: the same pupils, as a download; spreadsheet formulas neutralised.
        status, csv_body, r = c.get(f"/classes/{FIX.class_own}/map.csv")
        self.assertEqual((status, r.getheader("Content-Type")), (200, "text/csv; charset=utf-8"))
        self.assertIn("attachment;", r.getheader("Content-Disposition"))
        api_map = json.loads(c.get(f"/api/classes/{FIX.class_own}/provision-map")[1])
        lines = csv_body.decode("utf-8-sig").splitlines()
        self.assertEqual(len(lines), 1 + len(api_map["pupils"]))
        status, xlsx, r = c.get(f"/classes/{FIX.class_own}/map.xlsx")
        self.assertEqual(status, 200)
        self.assertTrue(xlsx.startswith(b"PK"))  # a zip: an Excel workbook
        status, css, r = self.client().get("/assets/senmap.css")  # no token: it holds no data
        self.assertEqual((status, r.getheader("Content-Type")), (200, "text/css; charset=utf-8"))
        self.assertIn(b"@media print", css)
        self.assertEqual(self.client().get("/assets/other.js")[0], 404)

    # --- limits ------------------------------------------------------------------------------
    def test_oversized_header_is_431_and_body_413(self):
        status, body, _ = self.client("senco").request("GET", "/api/health", headers={"X-Padding": "a" * 9000})
        self.assertEqual(status, 431)
        self.assertIn(b"header", body)
        c = self.client("senco")
        c.conn.putrequest("POST", "/api/ops/ehcp.get")
        c.conn.putheader("Authorization", "Bearer " + FIX.tokens["senco"])
        c.conn.putheader("Content-Length", str(2 * 1024 * 1024))
        c.conn.endheaders()
        r = c.conn.getresponse()
        self.assertEqual(r.status, 413)
        status, _, _ = self.client("senco").post("/api/ops/ehcp.get", {"upn": "x" * (1100 * 1024)})
        self.assertEqual(status, 413)
        # "Expect: 100-continue" (curl's way with bodies over 1 KiB): told to go on at once; refused at once when too big.
        for length, want in ((40, b"HTTP/1.1 100 Continue"), (2 * 1024 * 1024, b"HTTP/1.1 413")):
            s = tls_context().wrap_socket(socket.create_connection(("127.0.0.1", self.port), timeout=5))
            s.sendall(f"POST /api/ops/ehcp.get HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {FIX.tokens['senco']}\r\n"
                      f"Content-Type: application/json\r\nContent-Length: {length}\r\nExpect: 100-continue\r\n\r\n".encode())
            started = time.monotonic()
            self.assertTrue(s.recv(200).startswith(want))
            self.assertLess(time.monotonic() - started, 1)
            if length == 40:
                s.sendall(json.dumps({"upn": FIX.pupil_own}).ljust(40).encode())
                answer = b""
                while b"\r\n\r\n" not in answer:
                    answer += s.recv(4096)
                self.assertTrue(answer.lstrip().startswith(b"HTTP/1.1 200"), answer[:100])
            s.close()

    def test_header_block_of_many_short_fields_is_refused_without_memory_growing(self):
        # Issue 14 item 5: fields with an empty value ("a:" then CRLF) arriving a TLS record at a time
        # slipped past the 8 KiB header limit: a 16 MB block was taken and the server grew by 300 MB.
        # The request line, Host and X make 50 bytes, so the fields end where the server's reads end
        # (the alignment that let them through). A chunked body's trailer is header fields too.
        head = b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX: pp\r\n"
        trailer = (b"POST /api/ops/ehcp.get HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                   b"1\r\n{\r\n0\r\n")
        # Its own server: this one's 3 s to send a request would cut the old, slow path short.
        proc, port = start_server(FIX.config, "--request-timeout", "60")
        try:
            for start in (head, trailer):
                before = rss_mb(proc)
                status, closed = send_until_answered(port, start + b"a:\r\n" * (1 << 20) + b"\r\n")
                self.assertIn(status, (400, 431), start[:40])
                self.assertTrue(closed, start[:40])
                self.assertLess(rss_mb(proc) - before, 16, start[:40])  # 4 MB taken whole grew it by 75 MB
            # An ordinary request on a new connection is still answered.
            self.assertEqual(Client(port).get("/api/health")[0], 200)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    def test_what_rfc_9112_refuses_is_400_and_head_is_get_without_its_body(self):
        # Issue 14 item 7: each of these was answered (or its body read a second way) before.
        body = json.dumps({"upn": FIX.pupil_own}).encode()
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)

        def post(framing, version=b"1.1"):
            return (b"POST /api/ops/ehcp.get HTTP/" + version + b"\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                    FIX.tokens["senco"].encode() + b"\r\nContent-Type: application/json\r\n" + framing + b"\r\n")
        refused = [
            (b"GET /api/health HTTP/1.1\r\n\r\n", 400),  # HTTP/1.1 without Host
            (b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: example.org\r\n\r\n", 400),
            (b"GET /api/health HTTP/1.1\r\nHost: user@127.0.0.1\r\n\r\n", 400),  # not a host
            (b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n b\r\n\r\n", 400),  # obs-fold
            (b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Empty:\r\n\tb\r\n\r\n", 400),
            (post(b"Transfer-Encoding: xchunked\r\nContent-Length: %d\r\n" % len(body)) + body, 400),
            (post(b"Transfer-Encoding: chunked, identity\r\n") + chunked, 400),
            (post(b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n") + chunked, 400),
            (post(b"Transfer-Encoding: chunked\r\nContent-Length: %d\r\n" % len(chunked)) + chunked, 400),
            (post(b"Transfer-Encoding: chunked\r\n", b"1.0") + chunked, 400),
            (post(b"Transfer-Encoding: gzip, chunked\r\n") + chunked, 501),
        ]
        for request, want in refused:
            status, answer, closed = raw_exchange(self.port, request)
            self.assertEqual((status, closed), (want, True), request)
            self.assertTrue(json.loads(answer)["errors"][0]["rule"], request)  # says why
        # What RFC 9112 allows is still served: chunked alone, a length alone, HTTP/1.0 without Host.
        for request in (post(b"Transfer-Encoding: chunked\r\n") + chunked,
                        post(b"Content-Length: %d\r\n" % len(body)) + body,
                        b"GET /api/health HTTP/1.0\r\n\r\n"):
            self.assertEqual(raw_exchange(self.port, request, see_close=False)[0], 200, request)
        # HEAD: GET's status and headers, Content-Length too, and no body; the connection goes on.
        c = self.client("senco")
        for path in ("/api/health", f"/api/pupils/{FIX.pupil_own}", f"/pupils/{FIX.pupil_own}", "/api/nowhere"):
            status, got, g = c.get(path)
            head_status, nothing, h = c.request("HEAD", path)
            self.assertEqual((head_status, nothing), (status, b""), path)
            self.assertEqual(h.getheader("Content-Length"), str(len(got)), path)
            for name in ("Content-Type", "Content-Security-Policy", "Cache-Control", "Strict-Transport-Security"):
                self.assertEqual(h.getheader(name), g.getheader(name), path)
            self.assertEqual(c.get("/api/health")[0], 200)  # nothing stray left on the connection
        status, _, r = c.request("HEAD", "/api/ops/ehcp.get")
        self.assertEqual((status, r.getheader("Allow")), (405, "POST"))
        self.assertEqual(c.request("DELETE", "/api/health")[2].getheader("Allow"), "GET, HEAD")

    def test_slow_client_is_cut_off(self):
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=20)
        s = tls_context().wrap_socket(raw)
        s.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # half a request, then nothing
        started = time.monotonic()
        try:
            got = s.recv(100)
        except (ConnectionResetError, ssl.SSLError):
            got = b""
        waited = time.monotonic() - started
        self.assertEqual(got, b"")  # closed without an answer
        self.assertLess(waited, 8)  # the server's 3 s, not the client's 20 s
        # A client that never finishes its handshake is cut off too.
        raw = socket.create_connection(("127.0.0.1", self.port), timeout=20)
        started = time.monotonic()
        self.assertEqual(raw.recv(100), b"")
        self.assertLess(time.monotonic() - started, 8)

    # --- tokens ------------------------------------------------------------------------------
    def test_missing_malformed_wrong_expired_revoked_tokens_are_401(self):
        good = FIX.tokens["senco"]
        status, body_missing, r = self.client().get("/api/me")
        self.assertEqual(status, 401)
        self.assertEqual(r.getheader("WWW-Authenticate"), 'Bearer realm="senmap"')
        wrong_secret = good[:-4] + ("0000" if not good.endswith("0000") else "1111")
        staff = FIX.staff["senior_leader"]
        expiring = json.loads(run("--config", FIX.config, "token", "create", staff, "--json").stdout)
        revoked = json.loads(run("--config", FIX.config, "token", "create", staff, "--json").stdout)
        with sqlite3.connect(FIX.db) as c:  # a day passes for this one
            c.execute("UPDATE api_token SET expires_at = '2020-01-01T00:00:00Z' WHERE id = ?", (expiring["id"],))
        run("--config", FIX.config, "token", "revoke", str(revoked["id"]))
        for token in ("", "senmap_", "nonsense", good + "x", wrong_secret, expiring["token"], revoked["token"]):
            c = Client(self.port, token or None)
            status, body, _ = c.get("/api/me")
            self.assertEqual(status, 401, token[:20])
            self.assertEqual(body, body_missing)  # every failure alike: which part was wrong is not said
        status, _, _ = Client(self.port, good).get("/api/me")
        self.assertEqual(status, 200)
        # A role taken away stops the holder's tokens at once.
        gone = json.loads(run("--config", FIX.config, "token", "create", FIX.staff["admin"], "--json").stdout)["token"]
        self.assertEqual(Client(self.port, gone).get("/api/me")[0], 200)
        run("--config", FIX.config, "staff", "role", FIX.staff["admin"], "none")
        try:
            self.assertEqual(Client(self.port, gone).get("/api/me")[0], 401)
        finally:
            run("--config", FIX.config, "staff", "role", FIX.staff["admin"], "admin")
        # The token is never stored, only its hash.
        with open(FIX.db, "rb") as f:
            self.assertNotIn(good.split("_")[2].encode(), f.read())

    def test_command_line_lists_roles_tokens_and_assignments_never_a_token(self):
        staff = run("--config", FIX.config, "staff", "list", "--school", "701-4001").stdout
        self.assertRegex(staff, rf"701-4001/{FIX.teacher} .* teacher")
        self.assertNotIn("702-4002", staff)
        tokens = run("--config", FIX.config, "token", "list", "--staff", FIX.teacher).stdout
        self.assertIn(f"701-4001/{FIX.teacher}", tokens)
        self.assertIn("active", tokens)
        self.assertNotIn(FIX.tokens["teacher"].split("_")[2], tokens)
        self.assertIn(FIX.pupil_own, run("--config", FIX.config, "ta", "list", "--staff", FIX.ta).stdout)
        proc = run("--config", FIX.config, "staff", "role", FIX.teacher, "headteacher", check=2)
        self.assertIn("role", proc.stderr)
        proc = run("--config", FIX.config, "token", "create", FIX.teacher_other, check=2)  # no role yet
        self.assertIn("has no role", proc.stderr)

    # --- who sees what -----------------------------------------------------------------------
    def id_routes(self):
        """Every GET route with an id in its path, from the served OpenAPI document."""
        doc = json.loads(self.client().get("/api/openapi.json")[1])
        routes = []
        for path, item in doc["paths"].items():
            params = re.findall(r"{(\w+)}", path)
            # The catalogue and senmap's stylesheet hold no pupil data; a calendar feed takes no token
            # (the secret in its address is the credential: calendar_feed_test.py).
            # (The provision page names only the pupils the viewer sees: its own test checks that.)
            if "get" in item and params and path not in ("/api/provisions/{id}", "/assets/{asset}", "/provisions/{provision_id}",
                                                         "/calendar/{feed}.ics"):
                routes.append((path, params[0]))
        return doc, routes

    def test_access_matrix_every_id_route_every_role_no_leaks(self):
        doc, routes = self.id_routes()
        self.assertGreaterEqual(len(routes), 12)
        changes_before = FIX.sql("SELECT COUNT(*) FROM change_log")[0][0]
        leaks, wrongly_refused, checked = [], [], 0
        for who in SEES_PUPIL:
            c = self.client(who)
            for path, param in routes:
                objects = self.objects(param)
                _, missing_body, _ = c.get(path.replace("{" + param + "}", str(objects["ghost"])))
                for which, value in objects.items():
                    status, body, _ = c.get(path.replace("{" + param + "}", str(value)))
                    checked += 1
                    if self.visible(who, param, which):
                        # The audit log is the SENCO's: other roles that see the pupil are told their role may not.
                        # So are flags' pages: class staff read a pupil's flags on the pupil's page.
                        whole_school_only = path.endswith("/audit") or path.startswith("/flags/")
                        want = 403 if whole_school_only and who in ("teacher", "ta") else 200
                        if status != want:
                            wrongly_refused.append((who, path, which, status, body[:120]))
                    elif status != 404 or body != missing_body:
                        leaks.append((who, path, which, status, body[:120]))
            # Every operation taking an id, with only that id: refused objects answer as missing;
            # allowed ones reach the operation (which refuses the incomplete request, changing nothing).
            for path, item in doc["paths"].items():
                if not path.startswith("/api/ops/"):
                    continue
                fields = item["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
                # Lists of ids too: the UPNs present at a session, the placements serving a plan.
                for field, kind, as_list in (("upn", "upn", False), ("class_id", "class_id", False),
                                             ("teacher_id", "teacher_id", False), ("placement_id", "placement_id", False),
                                             ("cycle_id", "cycle_id", False), ("flag_id", "flag_id", False),
                                             ("present", "upn", True),
                                             ("placement_ids", "placement_id", True)):
                    if field not in fields:
                        continue
                    objects = self.objects(kind)
                    wrap = (lambda v: [v]) if as_list else (lambda v: v)
                    _, missing_body, _ = c.post(path, {field: wrap(objects["ghost"])})
                    for which, value in objects.items():
                        status, body, _ = c.post(path, {field: wrap(value)})
                        checked += 1
                        if not self.visible(who, kind, which) and (status != 404 or body != missing_body):
                            leaks.append((who, path, field, which, status, body[:120]))
                        if self.visible(who, kind, which) and status == 404 and body == missing_body:
                            wrongly_refused.append((who, path, field, which))
        print(f"\naccess matrix: {checked} requests, {len(leaks)} leaks, {len(wrongly_refused)} wrongly refused", file=sys.stderr)
        self.assertEqual(leaks, [])
        self.assertEqual(wrongly_refused, [])
        self.assertGreater(checked, 1000)
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM change_log")[0][0], changes_before)

    def test_access_matrix_through_the_abi_matches_the_api(self):
        """senmap_call_as: a host acting for each person gets the decisions senmap serve gives them."""
        if not ARGS.lib:
            self.skipTest("--lib not given")
        lib = ctypes.CDLL(ARGS.lib)
        out_str = ctypes.POINTER(ctypes.c_char_p)
        lib.senmap_open.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_void_p]
        lib.senmap_call_as.argtypes = [out_str, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.senmap_free.argtypes = [ctypes.c_void_p]
        lib.senmap_close.argtypes = [ctypes.c_void_p]
        lib.senmap_error_last.restype = ctypes.c_char_p

        class Options(ctypes.Structure):
            _fields_ = [("struct_size", ctypes.c_uint32), ("db_path", ctypes.c_char_p), ("actor", ctypes.c_char_p),
                        ("flags", ctypes.c_uint32), ("config_path", ctypes.c_char_p)]
        options = Options(ctypes.sizeof(Options), FIX.db.encode(), b"host-under-test", 0, None)
        db = ctypes.c_void_p()
        self.assertEqual(lib.senmap_open(ctypes.byref(db), ctypes.byref(options)), 0, lib.senmap_error_last())

        def call_as(staff, op, request):
            out = ctypes.c_char_p()
            rc = lib.senmap_call_as(ctypes.byref(out), db, staff.encode(), op.encode(), json.dumps(request).encode())
            text = out.value.decode() if out.value else ""
            lib.senmap_free(ctypes.cast(out, ctypes.c_void_p))
            return rc, text

        # HTTP status -> the ABI code for the same decision.
        code_for = {200: 0, 403: -11, 404: -5, 422: -4}
        doc = json.loads(self.client().get("/api/openapi.json")[1])
        changes_before = FIX.sql("SELECT COUNT(*) FROM change_log")[0][0]
        mismatches, leaks, checked = [], [], 0
        try:
            for who, staff in FIX.staff.items():
                c = self.client(who)
                for path, item in doc["paths"].items():
                    if not path.startswith("/api/ops/"):
                        continue
                    op = path[len("/api/ops/"):]
                    fields = item["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]
                    for field, kind in (("upn", "upn"), ("class_id", "class_id"), ("teacher_id", "teacher_id"),
                                        ("placement_id", "placement_id"), ("cycle_id", "cycle_id")):
                        if field not in fields:
                            continue
                        objects = self.objects(kind)
                        _, ghost_body = call_as(staff, op, {field: objects["ghost"]})
                        for which, value in objects.items():
                            status, _, _ = c.post(path, {field: value})
                            rc, body = call_as(staff, op, {field: value})
                            checked += 1
                            if code_for.get(status) != rc:
                                mismatches.append((who, op, field, which, status, rc, body[:100]))
                            if not self.visible(who, kind, which) and (rc != -5 or body != ghost_body):
                                leaks.append((who, op, field, which, rc, body[:100]))
            # Someone the MIS does not list, or without a role, may do nothing.
            rc, body = call_as("stf-nobody", "register.list", {})
            self.assertEqual(rc, -11, body)
            rc, body = call_as(FIX.teacher_other, "register.list", {})
            self.assertEqual(rc, -11, body)
            # A read through the ABI is audited under the person's name, not the host's.
            rc, _ = call_as(FIX.staff["teacher"], "pupil.get", {"upn": FIX.pupil_own})
            self.assertEqual(rc, 0)
            actors = {r[0] for r in FIX.sql("SELECT actor FROM audit.audit_log WHERE upn = ? ORDER BY id DESC LIMIT 1",
                                            FIX.pupil_own)}
            self.assertEqual(actors, {"staff:701-4001/" + FIX.staff["teacher"]})
        finally:
            lib.senmap_close(db)
        print(f"\naccess matrix through the ABI: {checked} calls, {len(mismatches)} differ from the API, "
              f"{len(leaks)} leaks", file=sys.stderr)
        self.assertEqual(mismatches, [])
        self.assertEqual(leaks, [])
        self.assertGreater(checked, 500)
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM change_log")[0][0], changes_before)

    def test_whole_school_and_aggregate_reports_follow_the_role(self):
        # This database holds two schools: reports over the whole database are refused to
        # school staff; a trust officer covering both schools reads aggregates, never names.
        self.assertEqual(self.client("trust_officer").get("/api/reports/register-analytics")[0], 200)
        self.assertEqual(self.client("trust_officer").get("/api/register/summary")[0], 200)
        self.assertEqual(self.client("trust_officer").get("/api/register")[0], 403)
        self.assertEqual(self.client("governor").get("/api/reports/register-analytics")[0], 403)
        self.assertEqual(self.client("senco").get("/api/reports/provision-map")[0], 403)
        self.assertEqual(self.client("teacher").get("/api/flags")[0], 403)
        # Limited to one school (school=LA-Estab), a report is that school's staff's to read, and
        # holds only that school's pupils; another school's is refused, whoever asks.
        school1 = {r[0] for r in FIX.sql("SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '701'")}
        for route in ("/api/reports/provision-map", "/api/reports/costs", "/api/flags", "/api/reports/impact"):
            status, body, _ = self.client("senco").get(route + "?school=701-4001")
            self.assertEqual(status, 200, route)
            found = set(re.findall(r'"upn":"([A-Z0-9]{13})"', body.decode()))
            self.assertTrue(found <= school1, route)
            self.assertEqual(self.client("senco").get(route + "?school=702-4002")[0], 403, route)
            self.assertEqual(self.client("senco_school2").get(route + "?school=701-4001")[0], 403, route)
            self.assertEqual(self.client("teacher").get(route + "?school=701-4001")[0], 403, route)
        costs = json.loads(self.client("senco").get("/api/reports/costs?school=701-4001")[1])
        self.assertEqual({p["upn"] for p in costs["by_pupil"]}, {FIX.pupil_own, FIX.pupil_other})  # not the other school's
        self.assertEqual(self.client("senco").get("/api/reports/costs?school=999-9999")[0], 422)
        # A governor reads their own school's aggregates; a trust officer those of the schools they cover.
        analytics = json.loads(self.client("governor").get("/api/reports/register-analytics?school=701-4001")[1])
        self.assertEqual(analytics["roll"], len(school1))
        self.assertEqual(self.client("governor").get("/api/reports/register-analytics?school=702-4002")[0], 403)
        self.assertEqual(self.client("trust_officer").get("/api/reports/register-analytics?school=702-4002")[0], 200)
        # The register route is filtered to the caller's school.
        status, body, _ = self.client("senco").get("/api/register")
        self.assertEqual(status, 200)
        upns = {p["upn"] for p in json.loads(body)}
        self.assertTrue(upns and upns <= school1)
        # A teacher reads the class map of their class, and notes meant for the SENCO stay hidden.
        status, body, _ = self.client("teacher").get(f"/api/classes/{FIX.class_own}/provision-map")
        self.assertEqual(status, 200)
        status, body, _ = self.client("ta").get(f"/api/pupils/{FIX.pupil_own}/notes")
        self.assertEqual({n["visibility"] for n in json.loads(body)["notes"]}, {"all_staff"})
        status, body, _ = self.client("teacher").get(f"/api/pupils/{FIX.pupil_own}/notes")
        self.assertNotIn("senco", {n["visibility"] for n in json.loads(body)["notes"]})
        status, body, _ = self.client("senco").get(f"/api/pupils/{FIX.pupil_own}/notes")
        self.assertLessEqual({"all_staff", "senco"}, {n["visibility"] for n in json.loads(body)["notes"]})
        # Writes: the SENCO may, a teacher may not change a record but may write a note.
        note = {"upn": FIX.pupil_own, "type": "general", "visibility": "teaching_staff", "body": "Uses a reading ruler"}
        self.assertEqual(self.client("teacher").post("/api/ops/notes.add", note)[0], 200)
        self.assertEqual(self.client("teacher").post("/api/ops/parent.meeting", {"upn": FIX.pupil_own, "date": "2026-02-02"})[0], 403)
        self.assertEqual(self.client("senco").post("/api/ops/parent.meeting", {"upn": FIX.pupil_own, "date": "2026-02-02"})[0], 200)
        self.assertEqual(self.client("senco").post("/api/ops/token.create", {"staff_id": FIX.teacher})[0], 404)  # not a route

    def test_operation_status_codes(self):
        c = self.client("senco")
        status, body, _ = c.post("/api/ops/cycle.assess", {"upn": FIX.pupil_own, "date": "not-a-date"})
        self.assertEqual(status, 422)
        self.assertEqual(json.loads(body)["errors"][0]["field"], "date")
        status, _, r = c.request("POST", "/api/ops/cycle.assess", headers={"Content-Type": "application/json"})
        self.assertEqual(status, 422)  # {} lacks the required fields
        c.conn.request("POST", "/api/ops/cycle.assess", body=b"{not json", headers={"Authorization": "Bearer " + FIX.tokens["senco"]})
        self.assertEqual(c.conn.getresponse().status, 400)
        c = self.client("senco")
        self.assertEqual(c.request("DELETE", "/api/register")[0], 405)
        status, body, _ = c.get(f"/api/pupils/{FIX.pupil_own}/cycles")
        self.assertEqual((status, json.loads(body)["upn"]), (200, FIX.pupil_own))
        # A POST gives what senmap call gives.
        status, body, _ = c.post("/api/ops/passport.get", {"upn": FIX.pupil_own})
        cli = run("--config", FIX.config, "call", "passport.get", json.dumps({"upn": FIX.pupil_own})).stdout
        self.assertEqual(json.loads(body), json.loads(cli))

    # --- the document ------------------------------------------------------------------------
    def test_openapi_paths_are_real_routes_and_every_operation_is_documented(self):
        doc = json.loads(self.client().get("/api/openapi.json")[1])
        self.assertTrue(doc["openapi"].startswith("3."))
        c = self.client("senco")
        fill = {"upn": FIX.pupil_own, "class_id": FIX.class_own, "teacher_id": FIX.teacher, "staff_id": FIX.teacher,
                "placement_id": "1", "cycle_id": "1", "id": "1",
                "asset": "senmap.css", "provision_id": str(FIX.provision), "flag_id": str(FIX.flags[FIX.pupil_own]), "feed": "0" * 24 + "." + "0" * 64}
        for path, item in doc["paths"].items():
            concrete = re.sub(r"{(\w+)}", lambda m: fill[m.group(1)], path)
            for method in item:
                status, body, _ = c.request(method.upper(), concrete, body={} if method == "post" else None)
                self.assertNotIn(status, (405,), path)
                self.assertNotIn(b"no such route", body, path)
        # Every operation of the registry is documented, except those kept to the command line.
        ops = json.loads(run("ops", "--json").stdout)
        documented = {p[len("/api/ops/"):] for p in doc["paths"] if p.startswith("/api/ops/")}
        local = {"staff.list", "staff.role", "token.create", "token.revoke", "token.list", "ta.list", "launch.secret", "launch.link",
                 "calendar.feed", "backup.create", "backup.restore", "audit.archive", "leavers.erase", "pupil.export"}
        self.assertEqual(documented, {o["name"] for o in ops} - local)
        for o in ops:
            if o["name"] in documented:
                schema = doc["paths"]["/api/ops/" + o["name"]]["post"]["requestBody"]["content"]["application/json"]["schema"]
                self.assertEqual(set(schema["properties"]), {f["name"] for f in o["fields"]})
                self.assertEqual(set(schema.get("required", [])), {f["name"] for f in o["fields"] if f["required"]})
        # A route the document does not list is not served.
        self.assertEqual(c.get("/api/pupils")[0], 404)

    def test_a_bad_request_and_a_missing_pupil_answer_what_the_document_lists(self):
        doc = json.loads(self.client().get("/api/openapi.json")[1])
        c = self.client("senco")
        documented = lambda method, path: set(route_of(doc, method, path)[1]["responses"])
        # A body that is not JSON: 400 with the error body, and 400 is documented for the route.
        c.conn.request("POST", "/api/ops/passport.get", body=b"{not json",
                       headers={"Authorization": "Bearer " + c.token, "Content-Type": "application/json"})
        r = c.conn.getresponse()
        body = json.loads(r.read())
        self.assertEqual(r.status, 400)
        self.assertEqual(set(body["errors"][0]), {"field", "rule"})
        self.assertIn("400", documented("POST", "/api/ops/passport.get"))
        # A pupil nobody has: 404, documented for the JSON route, the page and an operation's GET route.
        for path in ("/api/pupils/" + FIX.ghost_upn, "/pupils/" + FIX.ghost_upn, "/api/pupils/" + FIX.ghost_upn + "/passport"):
            status, body, _ = c.get(path)
            self.assertEqual(status, 404, path)
            self.assertIn("404", documented("GET", path), path)
        # Fields an operation refuses: 422, documented.
        status, _, _ = c.post("/api/ops/placement.start", {"upn": FIX.pupil_own})
        self.assertEqual(status, 422)
        self.assertIn("422", documented("POST", "/api/ops/placement.start"))
        # Without a token: 401, documented on every route that needs one.
        self.assertEqual(Client(self.port).get("/api/register")[0], 401)
        for path, item in doc["paths"].items():
            for method, operation in item.items():
                self.assertTrue(any(s.startswith("2") or s == "303" for s in operation["responses"]), path)
                if operation.get("security") != []:
                    self.assertIn("401", operation["responses"], path)
        self.assertIn("405", doc["info"]["description"])

    # --- MIS launch links and browser sessions -----------------------------------------------
    def test_launch_link_opens_a_session_once_and_is_refused_tampered_expired_or_replayed(self):
        run("--config", FIX.config, "launch", "secret")
        link = launch_link(FIX.teacher, FIX.class_own)
        status, _, location, cookie = launch(self.port, link)
        self.assertEqual(status, 303)
        self.assertEqual(location, f"/classes/{FIX.class_own}/map")
        for attribute in ("__Host-senmap=", "Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age="):
            self.assertIn(attribute, cookie)
        # The launch opens the class provision map as a page, with the same map as the API's.
        status, body = with_cookie(self.port, "GET", location, cookie)
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        api_map = json.loads(with_cookie(self.port, "GET", f"/api/classes/{FIX.class_own}/provision-map", cookie)[1])
        self.assertIn("Class provision map: " + html.escape(api_map["class"]["title"]), page)
        for pupil in api_map["pupils"]:
            self.assertIn(html.escape(pupil["forename"] + " " + pupil["surname"]), page)
        self.assertIn("You have not yet recorded reading this map.", page)
        # The session is the teacher's: what they may not see stays hidden.
        self.assertEqual(with_cookie(self.port, "GET", f"/api/pupils/{FIX.pupil_other}", cookie)[0], 404)
        # Changes through a session carry its CSRF token.
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        note = {"upn": FIX.pupil_own, "type": "general", "visibility": "teaching_staff", "body": "Prefers written instructions"}
        self.assertEqual(with_cookie(self.port, "POST", "/api/ops/notes.add", cookie, note)[0], 403)
        self.assertEqual(with_cookie(self.port, "POST", "/api/ops/notes.add", cookie, note, csrf="0" * 32)[0], 403)
        self.assertEqual(with_cookie(self.port, "POST", "/api/ops/notes.add", cookie, note, csrf=csrf)[0], 200)
        # The page's form records the read: its token in the form body, never without it.
        read = f"/classes/{FIX.class_own}/map/read"
        self.assertEqual(form_post(self.port, read, cookie, {"csrf_token": "0" * 32})[0], 403)
        status, _, back = form_post(self.port, read, cookie, {"csrf_token": csrf})
        self.assertEqual((status, back), (303, location))
        self.assertIn("You recorded reading this map on", with_cookie(self.port, "GET", location, cookie)[1].decode())
        readers = FIX.sql("SELECT s.sourced_id FROM class_map_read r JOIN staff s ON s.id = r.staff_id")
        self.assertEqual([r[0] for r in readers], [FIX.teacher.split("/")[-1]])
        # Another class's map is as missing as a class that does not exist.
        _, missing = with_cookie(self.port, "GET", "/classes/cls-none/map", cookie)
        self.assertEqual(with_cookie(self.port, "GET", f"/classes/{FIX.class_other}/map", cookie), (404, missing))
        # Used once only.
        status, body, _, again = launch(self.port, link)
        self.assertEqual((status, again), (403, ""))
        self.assertIn(b"used already", body)
        # Tampered: another class or another member of staff under the same signature, or the signature itself.
        fresh = launch_link(FIX.teacher, FIX.class_own)
        for forged in (fresh.replace(f"class={FIX.class_own}", f"class={FIX.class_other}"),
                       fresh.replace(f"staff={FIX.teacher}", f"staff={FIX.staff['senco']}"),
                       fresh[:-1] + ("0" if fresh[-1] != "0" else "1"),
                       re.sub(r"exp=(\d+)", lambda m: f"exp={int(m.group(1)) + 100}", fresh)):
            status, body, _, cookie_set = launch(self.port, forged)
            self.assertEqual((status, cookie_set), (403, ""), forged)
            self.assertIn(b"not valid", body)
        self.assertEqual(launch(self.port, fresh)[0], 303)  # the untouched one still works
        # Expired.
        short = launch_link(FIX.teacher, FIX.class_own, seconds=1)
        time.sleep(1.3)
        status, body, _, _ = launch(self.port, short)
        self.assertEqual(status, 403)
        self.assertIn(b"expired", body)
        # A new secret: links signed with the old one stop working.
        old = launch_link(FIX.teacher, FIX.class_own)
        run("--config", FIX.config, "launch", "secret", "--rotate")
        self.assertEqual(launch(self.port, old)[0], 403)
        # Signing out ends the session.
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        self.assertEqual(with_cookie(self.port, "GET", f"/api/classes/{FIX.class_other}/provision-map", cookie)[0], 200)
        self.assertEqual(with_cookie(self.port, "POST", "/api/logout", cookie, {}, csrf=csrf)[0], 200)
        self.assertEqual(with_cookie(self.port, "GET", "/api/session", cookie)[0], 401)
        # The MIS opens the SENCO's dashboard with a link naming the page instead of a class; the page
        # is signed: added to a class's link, or swapped for a class, the link is refused.
        dash = run("--config", FIX.config, "launch", "link", FIX.staff["senco"], "--page", "dashboard").stdout.strip()
        self.assertIn("&page=dashboard&", dash)
        for forged in (dash.replace("class=&", f"class={FIX.class_own}&"), dash.replace("&page=dashboard", "")):
            self.assertEqual(launch(self.port, forged)[0], 403, forged)
        self.assertEqual(launch(self.port, launch_link(FIX.teacher, FIX.class_own) + "&page=dashboard")[0], 403)
        status, _, location, cookie = launch(self.port, dash)
        self.assertEqual((status, location), (303, "/dashboard"))
        self.assertIn("<h1>SEN dashboard: ", with_cookie(self.port, "GET", "/dashboard", cookie)[1].decode())
        # Launch links are made only on the server's command line.
        self.assertEqual(self.client("senco").post("/api/ops/launch.link", {"staff_id": FIX.teacher, "class_id": FIX.class_own})[0], 404)

    def test_a_change_from_another_sites_page_is_refused_even_with_its_csrf_token(self):
        # Issue 14 item 8: a change with the session's CSRF token was taken from any site's page.
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        own, evil = f"https://127.0.0.1:{self.port}", "https://evil.example"

        def ask(method, path, headers, body=None, token=None, form=False):
            c = http.client.HTTPSConnection("127.0.0.1", self.port, context=tls_context(), timeout=30)
            h = dict(headers)
            if token:
                h["Authorization"] = "Bearer " + token
            else:
                h["Cookie"] = cookie.split(";")[0]
            data = None
            if body is not None:
                data = urllib.parse.urlencode(body).encode() if form else json.dumps(body).encode()
                h["Content-Type"] = "application/x-www-form-urlencoded" if form else "application/json"
            c.request(method, path, body=data, headers=h)
            r = c.getresponse()
            return r.status, r.read(), r

        before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM api_access_log")[0][0]
        notes = FIX.sql("SELECT COUNT(*) FROM note")[0][0]
        note = {"upn": FIX.pupil_own, "type": "general", "visibility": "senco", "body": "Asked for by another site"}
        status, body, r = ask("POST", "/api/ops/notes.add", {"Origin": evil, "X-CSRF-Token": csrf}, note)
        self.assertEqual(status, 403)
        self.assertIn("another site", json.loads(body)["errors"][0]["rule"])
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM note")[0][0], notes)  # nothing recorded
        lookup = {"upn": FIX.pupil_own}
        refused = [({"Origin": evil, "X-CSRF-Token": csrf}, None),
                   ({"Origin": "null", "X-CSRF-Token": csrf}, None),  # a sandboxed frame, a data: page
                   ({"Origin": f"https://127.0.0.1:{self.port + 1}", "X-CSRF-Token": csrf}, None),
                   ({"Sec-Fetch-Site": "cross-site", "X-CSRF-Token": csrf}, None),  # a browser that left Origin out
                   ({"Origin": evil}, FIX.tokens["senco"])]  # a token too, if a page had one
        for headers, token in refused:
            self.assertEqual(ask("POST", "/api/ops/ehcp.get", headers, lookup, token)[0], 403, headers)
        # senmap's own pages, and clients that are not browsers (a token, no Origin: curl), go on.
        for headers, token in (({"Origin": own, "Sec-Fetch-Site": "same-origin", "X-CSRF-Token": csrf}, None),
                               ({}, FIX.tokens["senco"]), ({"Sec-Fetch-Site": "none"}, FIX.tokens["senco"])):
            self.assertEqual(ask("POST", "/api/ops/ehcp.get", headers, lookup, token)[0], 200, headers)
        # A page's Referrer-Policy lets the browser send its Origin with the page's forms (under
        # no-referrer it sends "Origin: null"), and still nothing to another site.
        self.assertEqual(ask("GET", f"/classes/{FIX.class_other}/map", {})[2].getheader("Referrer-Policy"), "same-origin")
        # Reads are not refused (another site cannot read an answer: senmap grants no CORS).
        self.assertEqual(ask("GET", "/api/session", {"Origin": evil, "Sec-Fetch-Site": "cross-site"})[0], 200)
        # A page's form (here: sign out) posted from another site is refused as a page; from senmap's own
        # page it goes on.
        status, body, r = ask("POST", "/logout", {"Origin": evil}, {"csrf_token": csrf}, form=True)
        self.assertEqual((status, r.getheader("Content-Type")), (403, "text/html; charset=utf-8"))
        self.assertIn(b"another site", body)
        self.assertEqual(ask("GET", "/api/session", {})[0], 200)  # still signed in
        self.assertEqual(ask("POST", "/logout", {"Origin": own}, {"csrf_token": csrf}, form=True)[0], 200)
        self.assertEqual(ask("GET", "/api/session", {})[0], 401)
        # Every refusal has its access-log row.
        rows = FIX.sql("SELECT actor, method, route, status, outcome FROM api_access_log WHERE id > ? AND outcome = "
                       "'cross_site' ORDER BY id", before)
        self.assertEqual(len(rows), 7, rows)
        self.assertIn(("anonymous", "POST", "POST /api/ops/notes.add", 403, "cross_site"), rows)
        self.assertIn(("anonymous", "POST", "POST /logout", 403, "cross_site"), rows)
        # The MIS that frames senmap may ask for changes too; its origin exactly.
        proc, port = start_server(FIX.config, "--frame-ancestors", "https://mis.example.org")
        try:
            for origin, want in (("https://mis.example.org", 200), ("https://mis.example.org:444", 403), (evil, 403)):
                c = Client(port, FIX.tokens["senco"])
                self.assertEqual(c.request("POST", "/api/ops/ehcp.get", lookup, {"Origin": origin})[0], want, origin)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    # --- the pupil and provision pages and the SENCO's forms ---------------------------------
    def test_pupil_and_provision_pages_and_their_forms(self):
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        upn = FIX.pupil_own
        pupil = json.loads(self.client("senco").get(f"/api/pupils/{upn}")[1])
        name = html.escape(pupil["forename"] + " " + pupil["surname"])
        page_url = f"/pupils/{upn}"
        status, body = with_cookie(self.port, "GET", page_url, cookie)
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn(f"<h1>{name}</h1>", page)
        self.assertIn("Seat near the front", page)  # the passport
        self.assertIn("Cycle 1: assessed 2026-01-06, being planned", page)
        self.assertNotIn("Record a review", page)  # nothing planned yet, nothing to review
        self.assertIn("Place on a provision", page)
        actions = FIX.sql("SELECT action FROM audit_log WHERE upn = ? ORDER BY id DESC LIMIT 10", upn)
        self.assertIn(("pupil.page",), actions)  # the page's read of the record, audit-logged
        # Planned (through the API), the cycle can be reviewed through the page's form.
        plan = {"cycle_id": FIX.cycles[upn], "date": "2026-01-09", "review_due": "2026-03-27",
                "targets": [{"target": "Read 20 key words", "success_criteria": "in 3 of 4 checks"}]}
        self.assertEqual(with_cookie(self.port, "POST", "/api/ops/cycle.plan", cookie, plan, csrf=csrf)[0], 200)
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("Record a review", page)
        target = re.search(r'name="result_(\d+)"', page).group(1)
        review = {"csrf_token": csrf, "cycle_id": FIX.cycles[upn], "date": "2026-03-20", f"result_{target}": "partly",
                  f"evidence_{target}": "14 of 20 words <read>", "pupil_views": "I like the cards", "next_step": ""}
        self.assertEqual(form_post(self.port, f"{page_url}/review", cookie, {**review, "csrf_token": "0" * 32})[0], 403)
        # Refused: the page again with the reason linked to its field, and what was typed kept (escaped).
        status, body, _ = form_post(self.port, f"{page_url}/review", cookie, review)
        self.assertEqual(status, 422)
        self.assertIn('<a href="#f-next_step">Next step: ', body.decode())
        self.assertIn("14 of 20 words &lt;read&gt;</textarea>", body.decode())
        # A target left without its result: the reason links to that target's result.
        status, body, _ = form_post(self.port, f"{page_url}/review", cookie, {**review, f"result_{target}": "", "next_step": "continue"})
        self.assertEqual(status, 422)
        self.assertIn(f'<a href="#f-result_{target}">Result: ', body.decode())
        self.assertNotIn('href="#f-targets', body.decode())
        self.assertEqual(FIX.sql("SELECT reviewed_on FROM sen_cycle WHERE id = ?", FIX.cycles[upn]), [(None,)])
        status, _, location = form_post(self.port, f"{page_url}/review", cookie, {**review, "next_step": "continue"})
        self.assertEqual((status, location), (303, f"{page_url}?recorded=review"))
        page = with_cookie(self.port, "GET", location, cookie)[1].decode()
        self.assertIn("The review was recorded.", page)
        self.assertIn("Cycle 1: assessed 2026-01-06, reviewed 2026-03-20", page)
        cycle = json.loads(self.client("senco").get(f"/api/cycles/{FIX.cycles[upn]}")[1])
        self.assertEqual((cycle["stage"], cycle["review"]["next_step"]), ("reviewed", "continue"))
        self.assertEqual(cycle["plan"]["targets"][0]["result"], "partly")
        # "Continue at this level": the page offers the next cycle at once, assessed then planned.
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("Start the next cycle: assess", page)
        self.assertNotIn("Record a review", page)
        assess = {"csrf_token": csrf, "date": "2026-03-23", "pupil_views": "Reading is easier now", "notes": ""}
        status, _, location = form_post(self.port, f"{page_url}/assess", cookie, assess)
        self.assertEqual((status, location), (303, f"{page_url}?recorded=assessment"))
        page = with_cookie(self.port, "GET", location, cookie)[1].decode()
        self.assertIn("The assessment was recorded: plan the cycle below.", page)
        self.assertIn("Plan the cycle assessed on 2026-03-23", page)
        next_cycle = re.search(r'<form method="post" action="/pupils/\w+/plan">.*?name="cycle_id" value="(\d+)"', page, re.S).group(1)
        plan = {"csrf_token": csrf, "cycle_id": next_cycle, "date": "2026-03-24", "target_1": "Reads 40 key words",
                "criteria_1": "", "target_2": "", "criteria_2": "", "review_due": "2026-07-10"}
        # Refused: a target without its success criteria, named at the top, what was typed kept.
        status, body, _ = form_post(self.port, f"{page_url}/plan", cookie, plan)
        self.assertEqual(status, 422)
        self.assertIn('<a href="#f-plan-target_1">Target 1: ', body.decode())
        self.assertIn('value="Reads 40 key words"', body.decode())
        plan["criteria_1"] = "in 3 of 4 checks"
        status, _, location = form_post(self.port, f"{page_url}/plan", cookie, plan)
        self.assertEqual((status, location), (303, f"{page_url}?recorded=plan"))
        planned = json.loads(self.client("senco").get(f"/api/cycles/{next_cycle}")[1])
        self.assertEqual(planned["stage"], "do")
        self.assertEqual([(t["target"], t["success_criteria"]) for t in planned["plan"]["targets"]],
                         [("Reads 40 key words", "in 3 of 4 checks")])
        self.assertEqual(planned["plan"]["review_due"], "2026-07-10")
        # Another pupil's cycle cannot be planned through this pupil's page.
        other_cycle = FIX.cycles[FIX.pupil_other]
        status, _, _ = form_post(self.port, f"{page_url}/plan", cookie, {**plan, "cycle_id": other_cycle})
        self.assertEqual(status, 404)
        # Who recorded it, from where, about whom: the access log of the form's request.
        self.assertIn((f"staff:701-4001/{FIX.staff['senco']}", "cycle.review", upn, 303),
                      FIX.sql("SELECT actor, operation, upn, status FROM api_access_log WHERE route = 'POST /pupils/{upn}/review'"))

        # Place on a provision through the pupil page.
        before = FIX.sql("SELECT COUNT(*) FROM placement WHERE pupil_id = (SELECT id FROM pupil WHERE upn = ?)", upn)[0][0]
        fields = {"csrf_token": csrf, "provision_id": FIX.provision, "start": "2026-02-02", "planned_sessions": ""}
        status, body, _ = form_post(self.port, f"{page_url}/placements", cookie, fields)
        self.assertEqual(status, 422)
        self.assertIn("Provision: the pupil is already on this provision", body.decode())
        group = {"name": "Social skills group", "areas": ["ASD"], "wave": 2, "delivered_by": "ta", "group_size": 6,
                 "sessions_per_week": 1, "minutes_per_session": 40, "weeks": 6, "staff_hourly_cost": 14.5}
        status, body = with_cookie(self.port, "POST", "/api/ops/provision.create", cookie, group, csrf=csrf)
        self.assertEqual(status, 200)
        fields["provision_id"] = json.loads(body)["id"]
        self.assertEqual(form_post(self.port, f"{page_url}/placements", cookie, fields)[:3:2], (303, f"{page_url}?recorded=placement"))
        after = FIX.sql("SELECT COUNT(*) FROM placement WHERE pupil_id = (SELECT id FROM pupil WHERE upn = ?)", upn)[0][0]
        self.assertEqual(after, before + 1)
        # End it through the page, with its exit measure and outcome: a last day before its first is refused.
        placed = FIX.sql("SELECT MAX(id) FROM placement WHERE pupil_id = (SELECT id FROM pupil WHERE upn = ?)", upn)[0][0]
        self.assertIn(f'action="{page_url}/placements/end"', with_cookie(self.port, "GET", page_url, cookie)[1].decode())
        ending = {"csrf_token": csrf, "placement_id": placed, "end": "2026-01-30", "exit": "", "outcome": "Met its exit criteria"}
        status, body, _ = form_post(self.port, f"{page_url}/placements/end", cookie, ending)
        self.assertEqual(status, 422)
        self.assertIn('href="#f-end-end"', body.decode())
        self.assertIn("Met its exit criteria</textarea>", body.decode())
        status, _, location = form_post(self.port, f"{page_url}/placements/end", cookie, {**ending, "end": "2026-03-13"})
        self.assertEqual((status, location), (303, f"{page_url}?recorded=placement_end"))
        ended = json.loads(self.client("senco").get(f"/api/placements/{placed}")[1])
        self.assertEqual((ended["end"], ended["outcome"]), ("2026-03-13", "Met its exit criteria"))
        # A meeting with the parents, through the page: counted against the three a year the Code expects.
        status, body, _ = form_post(self.port, f"{page_url}/parent-meetings", cookie,
                                    {"csrf_token": csrf, "date": "2099-01-01", "notes": "Agreed a home reading diary"})
        self.assertEqual(status, 422)
        self.assertIn('href="#f-meet-date"', body.decode())
        self.assertIn("Agreed a home reading diary</textarea>", body.decode())
        status, _, location = form_post(self.port, f"{page_url}/parent-meetings", cookie,
                                        {"csrf_token": csrf, "date": "2026-11-20", "notes": "Agreed a home reading diary"})
        self.assertEqual((status, location), (303, f"{page_url}?recorded=meeting"))
        page = with_cookie(self.port, "GET", location, cookie)[1].decode()
        self.assertIn("The meeting with the parents was recorded.", page)
        self.assertIn('<span class="date">2026-11-20</span>: Agreed a home reading diary', page)
        self.assertRegex(page, r"\d+ this academic year \(\d{4}/\d{2}\) of the three a year")
        # Another pupil's placement cannot be ended through this pupil's page.
        other = FIX.placements[FIX.pupil_other]
        status, _, _ = form_post(self.port, f"{page_url}/placements/end", cookie, {**ending, "placement_id": other, "end": "2026-03-13"})
        self.assertEqual(status, 404)

        # The provision page names the school's pupils on it, never the other school's; a session is recorded.
        other = json.loads(self.client("senco").get(f"/api/pupils/{FIX.pupil_other}")[1])
        other_name = html.escape(other["forename"] + " " + other["surname"])
        provision_url = f"/provisions/{FIX.provision}"
        page = with_cookie(self.port, "GET", provision_url, cookie)[1].decode()
        self.assertIn(f'<a href="/pupils/{upn}">{name}</a>', page)
        self.assertIn(other_name, page)
        self.assertNotIn(FIX.pupil_school2, page)
        self.assertIn("1 other pupil is on it whom you do not work with.", page)
        # Shared with another school's pupil, its register is not this SENCO's to take.
        self.assertNotIn("Record a session", page)
        group_url = f"/provisions/{fields['provision_id']}"
        placing = {"upn": FIX.pupil_other, "provision_id": fields["provision_id"], "start": "2026-02-02"}
        self.assertEqual(with_cookie(self.port, "POST", "/api/ops/placement.start", cookie, placing, csrf=csrf)[0], 200)
        self.assertIn("Record a session", with_cookie(self.port, "GET", group_url, cookie)[1].decode())
        session_form = [("csrf_token", csrf), ("date", "2026-02-03"), ("status", "delivered"), ("present", upn), ("staff", "Ms TA")]
        status, _, location = form_post(self.port, f"{group_url}/sessions", cookie, session_form)
        self.assertEqual((status, location), (303, f"{group_url}?recorded=session"))
        marks = FIX.sql("SELECT p.upn, a.present FROM provision_session s JOIN session_attendance a ON a.session_id = s.id "
                        "JOIN placement pl ON pl.id = a.placement_id JOIN pupil p ON p.id = pl.pupil_id "
                        "WHERE s.provision_id = ? AND s.session_date = '2026-02-03'", fields["provision_id"])
        self.assertEqual(dict(marks), {upn: 1, FIX.pupil_other: 0})  # unticked: absent
        self.assertIn("1 of 2", with_cookie(self.port, "GET", location, cookie)[1].decode())  # the latest sessions

        # A teacher: their pupil's page without the SENCO's forms; another pupil's page and form as missing.
        teacher = self.client("teacher")
        status, body, _ = teacher.get(page_url)
        self.assertEqual(status, 200)
        self.assertNotIn("Place on a provision", body.decode())
        _, missing, _ = teacher.get(f"/pupils/{FIX.ghost_upn}")
        self.assertEqual(teacher.get(f"/pupils/{FIX.pupil_other}")[:2], (404, missing))
        self.assertEqual(teacher.get(f"/pupils/{FIX.pupil_school2}")[:2], (404, missing))
        page = teacher.get(provision_url)[1].decode()
        self.assertIn(name, page)
        self.assertNotIn(other_name, page)
        self.assertEqual(form_post(self.port, f"/pupils/{FIX.pupil_other}/review", "", review)[0], 401)
        # Signing out through the pages' button ends the session.
        self.assertEqual(form_post(self.port, "/logout", cookie, {"csrf_token": "0" * 32})[0], 403)
        self.assertEqual(form_post(self.port, "/logout", cookie, {"csrf_token": csrf})[0], 200)
        self.assertEqual(with_cookie(self.port, "GET", page_url, cookie)[0], 401)

    # --- every other form of the pupil page: EHC steps, passport, access arrangements, notes, needs -----
    def test_pupil_page_forms_for_the_ehc_plan_passport_access_notes_and_needs(self):
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        upn = FIX.pupil_own
        page_url = f"/pupils/{upn}"
        senco = self.client("senco")

        def post(tail, fields, want, recorded=None):
            """Posts a form of the page; a refusal is the page again (422), a success back to it (303)."""
            status, body, location = form_post(self.port, page_url + tail, cookie, {"csrf_token": csrf, **fields})
            self.assertEqual(status, want, body[:300])
            if recorded:
                self.assertEqual(location, f"{page_url}?recorded={recorded}")
            return body.decode()

        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        # The request (made by the fixture) awaits the LA: its decision and the plan's issue are offered.
        self.assertIn("Record the LA&#39;s decision", page)
        self.assertIn(f'action="{page_url}/ehcp/issue"', page)
        self.assertNotIn(f'action="{page_url}/ehcp/review-meeting"', page)
        # A decision dated before the request: refused, the reason linked to the date, the choice kept.
        body = post("/ehcp/decision", {"decision": "assess", "date": "2026-01-01"}, 422)
        self.assertIn('<a href="#f-ehc-decision-date">Date of the decision: the decision cannot come before', body)
        self.assertIn('<option value="assess" selected>', body)
        post("/ehcp/decision", {"decision": "assess", "date": "2026-02-10"}, 303, "ehc_decision")
        post("/ehcp/issue", {"date": "2026-05-20"}, 303, "ehc_issue")
        plan = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])
        self.assertEqual((plan["decision"], plan["decision_date"], plan["issue_date"]), ("assess", "2026-02-10", "2026-05-20"))
        page = with_cookie(self.port, "GET", f"{page_url}?recorded=ehc_issue", cookie)[1].decode()
        self.assertIn("The plan&#39;s issue was recorded", page)
        self.assertNotIn("Record the LA&#39;s decision", page)
        # Issued: its annual review meetings and Section F lines, delivered through a placement.
        body = post("/ehcp/review-meeting", {"date": "2026-05-01"}, 422)
        self.assertIn('href="#f-ehc-review-date"', body)
        post("/ehcp/review-meeting", {"date": "2026-11-20"}, 303, "ehc_review")
        line = {"description": "Speech and language therapy <small group>", "hours_per_week": "50", "from": "", "to": "",
                "placement_ids": FIX.placements[upn]}
        body = post("/ehcp/section-f", line, 422)
        self.assertIn('<a href="#f-ehc-line-hours_per_week">', body)
        self.assertIn('value="Speech and language therapy &lt;small group&gt;"', body)
        post("/ehcp/section-f", {**line, "hours_per_week": "1.5"}, 303, "section_f")
        # The meeting held is owed its report and the LA's decision: the page offers both, once.
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("Record the review report sent to the LA", page)
        body = post("/ehcp/review-report", {"date": "2026-11-19"}, 422)
        self.assertIn('<a href="#f-ehc-report-date">Day it was sent: the report cannot come before the review meeting', body)
        post("/ehcp/review-report", {"date": "2026-11-27"}, 303, "ehc_report")
        post("/ehcp/review-decision", {"decision": "amend", "date": "2026-12-01"}, 303, "ehc_la_decision")
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertNotIn("Record the review report sent to the LA", page)
        self.assertIn('amend on <span class="date">2026-12-01</span>', page)
        # A date ahead schedules the next meeting; invitations are then due two weeks before it.
        ahead = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
        post("/ehcp/review-meeting", {"date": ahead}, 303, "ehc_review")
        plan = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])
        self.assertEqual(plan["review_meetings"], ["2026-11-20"])
        self.assertEqual(plan["scheduled_review"], ahead)
        self.assertEqual(plan["deadlines"]["review_invitations"],
                         (datetime.date.fromisoformat(ahead) - datetime.timedelta(days=14)).isoformat())
        self.assertEqual((plan["last_review"]["report_sent_on"], plan["last_review"]["la_decision"]), ("2026-11-27", "amend"))
        self.assertIn(f'scheduled for <span class="date">{ahead}</span>', with_cookie(self.port, "GET", page_url, cookie)[1].decode())
        # Who is invited to it, how and when.
        invite = {"name": "", "role": "parent", "how": "email", "date": "2026-12-01"}
        body = post("/ehcp/invitations", invite, 422)
        self.assertIn('<a href="#f-ehc-invite-name">Who was invited: ', body)
        post("/ehcp/invitations", {**invite, "name": "Ms Parent <home>"}, 303, "ehc_invite")
        plan = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])
        self.assertEqual([(i["name"], i["role"], i["how"]) for i in plan["invitations"]], [("Ms Parent <home>", "parent", "email")])
        self.assertIn("<th scope=\"row\">Ms Parent &lt;home&gt;</th><td>Parent or carer</td>",
                      with_cookie(self.port, "GET", page_url, cookie)[1].decode())
        # Advice asked for the meeting, then recorded as received.
        asked = {"author": "", "role": "health", "date": "2026-12-01"}
        body = post("/ehcp/advice", asked, 422)
        self.assertIn('<a href="#f-ehc-advice-author">Whose advice: ', body)
        post("/ehcp/advice", {**asked, "author": "School nurse"}, 303, "ehc_advice")
        advice = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])["advice"]
        self.assertEqual([(a["author"], a["received_on"]) for a in advice], [("School nurse", None)])
        post("/ehcp/advice/received", {"advice_id": advice[0]["id"], "date": "2026-12-02"}, 303, "ehc_advice_received")
        advice = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])["advice"]
        self.assertEqual(advice[0]["received_on"], "2026-12-02")
        self.assertEqual([(l["description"], l["hours_per_week"]) for l in plan["section_f"]],
                         [("Speech and language therapy <small group>", 1.5)])
        # Another pupil's placement cannot deliver this pupil's plan.
        body = post("/ehcp/section-f", {**line, "hours_per_week": "1", "placement_ids": FIX.placements[FIX.pupil_other]}, 422)
        self.assertIn("another pupil", body)

        # The annual review's own page: outcomes, views, each outcome judged, and the report for the LA.
        review_url = f"{page_url}/annual-review"
        self.assertIn(f'href="{review_url}"', with_cookie(self.port, "GET", page_url, cookie)[1].decode())

        def post_review(tail, fields, want, recorded=None):
            status, body, location = form_post(self.port, review_url + tail, cookie, {"csrf_token": csrf, **fields})
            self.assertEqual(status, want, body[:300])
            if recorded:
                self.assertEqual(location, f"{review_url}?recorded={recorded}")
            return body.decode()

        page = with_cookie(self.port, "GET", review_url, cookie)[1].decode()
        self.assertIn("Where the review stands", page)
        self.assertIn(f'scheduled for <span class="date">{ahead}</span>', page)
        self.assertIn("1 sent; due by", page)  # the invitation recorded above
        body = post_review("/outcomes", {"outcome": " ", "date": "2026-05-20"}, 422)
        self.assertIn('<a href="#f-outcome-outcome">', body)
        post_review("/outcomes", {"outcome": "Talks about <their> day in three sentences", "date": "2026-05-20"}, 303,
                    "ehc_outcome")
        outcome = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])["outcomes"][0]
        self.assertEqual((outcome["outcome"], outcome["added_on"]), ("Talks about <their> day in three sentences", "2026-05-20"))
        today = datetime.date.today().isoformat()
        body = post_review("/views", {"whose": "pupil", "important_now": "", "date": today}, 422)
        self.assertIn('<a href="#f-views-important_now">', body)
        post_review("/views", {"whose": "pupil", "important_now": "Football <and> art", "working": "", "date": today}, 303,
                    "ehc_views")
        page = with_cookie(self.port, "GET", f"{review_url}?recorded=ehc_views", cookie)[1].decode()
        self.assertIn("The views were recorded for the review.", page)
        self.assertIn("<dt>What is important now</dt><dd>Football &lt;and&gt; art</dd>", page)
        # A meeting held today (the next one, scheduled further off, stays): its outcomes are judged one by one.
        post("/ehcp/review-meeting", {"date": today}, 303, "ehc_review")
        page = with_cookie(self.port, "GET", review_url, cookie)[1].decode()
        self.assertIn(f"The meeting on {today}", page)
        progress = f"progress_{outcome['id']}"
        self.assertIn(f'name="{progress}"', page)
        refused = {f"outcome_{outcome['id']}": outcome["id"], progress: "", "recommendation": "amend", "amendments": ""}
        body = post_review("/judgements", refused, 422)
        self.assertIn(f'<a href="#f-judge-{progress}">', body)
        self.assertIn('<a href="#f-judge-amendments">', body)
        post_review("/judgements", {**refused, progress: "partly_met", f"onote_{outcome['id']}": "Two sentences, with prompts",
                                    "amendments": "Add a speech and language outcome"}, 303, "ehc_judgements")
        record = json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])["last_review"]["record"]
        self.assertEqual([(o["outcome_id"], o["progress"], o["note"]) for o in record["outcomes"]],
                         [(outcome["id"], "partly_met", "Two sentences, with prompts")])
        self.assertEqual((record["recommendation"], record["amendments"]), ("amend", "Add a speech and language outcome"))
        page = with_cookie(self.port, "GET", review_url, cookie)[1].decode()  # to correct, the form starts from it
        self.assertIn('<option value="partly_met" selected>', page)
        self.assertIn(">Two sentences, with prompts</textarea>", page)
        report = with_cookie(self.port, "GET", f"{review_url}/report", cookie)[1].decode()
        self.assertIn('<article class="review-report">', report)
        self.assertIn("<th scope=\"row\">Talks about &lt;their&gt; day in three sentences</th><td>Partly met</td>", report)
        self.assertIn("Amend the plan", report)
        # Another school's pupil: no page, as if there were none.
        self.assertEqual(with_cookie(self.port, "GET", "/pupils/A999999999999/annual-review", cookie)[0], 404)

        # The passport, edited where it is read: one strategy a line, earlier versions kept.
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("Edit the passport", page)
        self.assertIn(">Seat near the front</textarea>", page)  # the form starts from the current passport
        body = post("/passport", {"like_admire": "", "support_strategies": "  \r\n"}, 422)
        self.assertIn("<li>a passport needs at least one section</li>", body)
        post("/passport", {"like_admire": "Kind to younger pupils", "support_strategies": "Seat near the front\r\nUse a reading ruler\r\n\r\n"},
             303, "passport")
        passport = json.loads(senco.get(f"/api/pupils/{upn}/passport")[1])
        self.assertEqual((passport["like_admire"], passport["support_strategies"]),
                         ("Kind to younger pupils", ["Seat near the front", "Use a reading ruler"]))
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM passport WHERE pupil_id = (SELECT id FROM pupil WHERE upn = ?)", upn),
                         [(2,)])
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("<dt>What people like and admire about me</dt><dd>Kind to younger pupils</dd>", page)

        # An exam access arrangement needs the evidence it rests on.
        arrangement = {"kind": "extra_time_25", "details": "All written papers", "evidence": "", "valid_from": "2026-09-01",
                       "valid_to": ""}
        body = post("/access-arrangements", arrangement, 422)
        self.assertIn('<a href="#f-access-evidence">Evidence: ', body)
        self.assertIn('value="All written papers"', body)
        post("/access-arrangements", {**arrangement, "evidence": "Slow processing speed, seen in class tests"}, 303, "access")
        listed = json.loads(senco.get(f"/api/pupils/{upn}/access-arrangements")[1])["arrangements"]
        self.assertEqual([(a["kind"], a["current"]) for a in listed], [("extra_time_25", True)])
        self.assertIn("<th scope=\"row\">25% extra time</th>", with_cookie(self.port, "GET", page_url, cookie)[1].decode())

        # A note for the SENCO only: the SENCO reads it on the page, the pupil's teacher never does.
        body = post("/notes", {"type": "meeting", "visibility": "senco", "body": "", "date": "2026-11-30"}, 422)
        self.assertIn('href="#f-note-body"', body)
        post("/notes", {"type": "meeting", "visibility": "senco", "body": "Mum worried about <the move> to Year 7",
                        "date": "2026-11-30"}, 303, "note")
        post("/notes", {"type": "general", "visibility": "teaching_staff", "body": "Reading ruler helps in science",
                        "date": "2026-11-30"}, 303, "note")
        page = with_cookie(self.port, "GET", page_url, cookie)[1].decode()
        self.assertIn("Mum worried about &lt;the move&gt; to Year 7", page)
        self.assertIn("for the SENCO only", page)
        teacher_page = self.client("teacher").get(page_url)[1].decode()
        self.assertIn("Reading ruler helps in science", teacher_page)
        self.assertIn("for everyone", teacher_page)
        self.assertNotIn("Mum worried", teacher_page)
        self.assertNotIn("for the SENCO only", teacher_page)
        ta_page = self.client("ta").get(page_url)[1].decode()
        self.assertIn("for everyone", ta_page)
        self.assertNotIn("Reading ruler helps in science", ta_page)
        # Class staff add notes too, but none of the SENCO's forms are theirs.
        self.assertIn(f'action="{page_url}/notes"', teacher_page)
        for tail in ("/passport", "/access-arrangements", "/ehcp/review-meeting", "/ehcp/section-f", "/needs"):
            self.assertNotIn(f'action="{page_url}{tail}"', teacher_page)

        # Off the register, no needs are agreed: the page has no needs form, and a post is refused by its rule.
        self.assertEqual(json.loads(senco.get(f"/api/pupils/{upn}")[1])["status"], "N")
        self.assertNotIn(f'action="{page_url}/needs"', page)
        body = post("/needs", {"date": "2026-11-30", "need_1": "SPLD", "need_2": "", "need_3": ""}, 422)
        self.assertIn("is not on the SEN register", body)

        # A teacher: SENCO-only forms refused by role; another class's pupil as missing as one not held.
        _, _, _, teacher_cookie = launch(self.port, launch_link(FIX.teacher, FIX.class_own))
        teacher_csrf = json.loads(with_cookie(self.port, "GET", "/api/session", teacher_cookie)[1])["csrf_token"]
        refused = form_post(self.port, f"{page_url}/ehcp/review-meeting", teacher_cookie,
                            {"csrf_token": teacher_csrf, "date": "2026-11-21"})
        self.assertEqual(refused[0], 403)
        note = {"csrf_token": teacher_csrf, "type": "general", "visibility": "all_staff", "body": "x", "date": "2026-11-30"}
        missing = form_post(self.port, f"/pupils/{FIX.ghost_upn}/notes", teacher_cookie, note)
        other = form_post(self.port, f"/pupils/{FIX.pupil_other}/notes", teacher_cookie, note)
        self.assertEqual((other[0], other[1]), (404, missing[1]))
        self.assertEqual(form_post(self.port, f"{page_url}/notes", teacher_cookie, note)[0], 303)
        self.assertEqual(json.loads(senco.get(f"/api/pupils/{upn}/ehcp")[1])["review_meetings"], ["2026-11-20", today])

    # --- the SENCO dashboard ----------------------------------------------------------------------
    def test_dashboard_is_the_viewers_school_and_a_governors_names_no_pupil(self):
        status, body, _ = self.client("senco").get("/dashboard")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>SEN dashboard: ", page)
        # against England, by year, the trend, primary need against England, costs by area
        self.assertEqual(page.count('role="img"'), 5)
        self.assertIn("Primary need on SEN support, against England", page)
        self.assertIn("England (2023/24)", page)
        self.assertIn("England (January 2026)", page)
        # In this trust's database every part is of the SENCO's own school: none is refused.
        self.assertNotIn("Not shown", page)
        # The EHC clocks: the requests of 7 January 2026 await the LA's decision, due 18 February: overdue.
        self.assertIn(f'<a href="/pupils/{FIX.pupil_own}">', page)
        self.assertIn("awaiting the LA&#39;s decision", page)
        self.assertIn("2026-02-18", page)
        self.assertNotIn(FIX.pupil_school2, page)
        school2 = {r[0] for r in FIX.sql("SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '702'")}
        self.assertFalse(school2 & set(re.findall(r"/pupils/([A-Z0-9]{13})", page)))
        # A governor: the register's aggregates, no pupil named.
        status, body, _ = self.client("governor").get("/dashboard")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("The register against England", page)
        self.assertNotIn("/pupils/", page)
        self.assertIn("Not shown: it names pupils, and a governor sees aggregates only.", page)
        named = {r[0] for r in FIX.sql("SELECT forename || ' ' || surname FROM pupil")}
        self.assertFalse([n for n in named if html.escape(n) in page])
        # A teacher has their class maps, not a dashboard.
        self.assertEqual(self.client("teacher").get("/dashboard")[0], 403)

    # --- teachers contribute from their class map ------------------------------------------------------------
    def test_a_teacher_adds_views_and_strategy_feedback_from_the_class_map_and_the_senco_sees_them(self):
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.teacher, FIX.class_own))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        map_url = f"/classes/{FIX.class_own}/map"
        page = with_cookie(self.port, "GET", map_url, cookie)[1].decode()
        if '<option value="' in page:  # the class has pupils on the register: the form lists them
            self.assertIn(f'action="{map_url}/contribute"', page)
        note = {"csrf_token": csrf, "upn": FIX.pupil_own, "kind": "strategy_did_not_work",
                "strategy": "Seat near the front", "note": ""}
        status, body, _ = form_post(self.port, f"{map_url}/contribute", cookie, note)
        self.assertEqual(status, 422)
        self.assertIn('href="#f-add-note"', body.decode())
        self.assertIn('value="Seat near the front"', body.decode())
        note["note"] = "Still turns round to talk <every lesson>; try seating by the door"
        status, _, location = form_post(self.port, f"{map_url}/contribute", cookie, note)
        self.assertEqual((status, location), (303, f"{map_url}?recorded=contribution"))
        self.assertIn("Added: the SENCO will see it", with_cookie(self.port, "GET", location, cookie)[1].decode())
        # The SENCO reads it in the pupil's open cycle, with who wrote it.
        cycles = json.loads(self.client("senco").get(f"/api/pupils/{FIX.pupil_own}/cycles")[1])["cycles"]
        added = [c for cycle in cycles for c in cycle["contributions"] if c["note"] == note["note"]]
        self.assertEqual(len(added), 1)
        teacher = FIX.sql("SELECT given_name || ' ' || family_name FROM staff WHERE sourced_id = ?", FIX.teacher)[0][0]
        self.assertEqual((added[0]["kind"], added[0]["strategy"], added[0]["by_name"]),
                         ("strategy_did_not_work", "Seat near the front", teacher))
        page = self.client("senco").get(f"/pupils/{FIX.pupil_own}")[1].decode()
        self.assertIn("Did not work: Seat near the front", page)
        self.assertIn("try seating by the door", page)
        # A pupil of another class cannot be written about through this map: as missing as one not held.
        status, _, _ = form_post(self.port, f"{map_url}/contribute", cookie, {**note, "upn": FIX.pupil_other})
        self.assertEqual(status, 404)

    # --- the register as the SENCO's working list -------------------------------------------------------------
    def test_register_page_is_the_viewers_school_filtered_sorted_exported_and_audited(self):
        school2 = {r[0] for r in FIX.sql("SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '702'")}
        school = FIX.sql("SELECT s.la || '-' || s.estab FROM school s JOIN pupil p ON p.school_id = s.id WHERE p.upn = ?",
                         FIX.pupil_own)[0][0]
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        senco = self.client("senco")
        status, body, headers = senco.get("/register")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>SEN register</h1>", page)
        listed = re.findall(r'<th scope="row"><a href="/pupils/([A-Z0-9]{13})"', page)
        # Every pupil of the SENCO's school whose latest SEN status is K or E, and no other.
        on_register = {r[0] for r in FIX.sql(
            "SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '701' AND p.left_on IS NULL "
            "AND (SELECT provision FROM sen_status_period WHERE pupil_id = p.id AND start_date <= date('now') "
            "ORDER BY start_date DESC LIMIT 1) IN ('K', 'E')")}
        self.assertEqual(set(listed), on_register)
        self.assertFalse(set(listed) & school2)
        # The same list as the JSON read, in the same order; one audited read of the register.
        status, body, _ = senco.get("/api/register/view?school=" + school)
        self.assertEqual(status, 200)
        view = json.loads(body)
        self.assertEqual([p["upn"] for p in view["pupils"]], listed)
        self.assertEqual(view["count"], len(listed))
        actions = [r[0] for r in FIX.sql("SELECT action FROM audit_log WHERE id > ?", audit_before)]
        self.assertEqual(actions.count("register.read"), 2)
        # A filter and a sort: every pupil shown passes it, in the order asked.
        status, body, _ = senco.get("/register?status=E&sort=year&order=desc")
        self.assertEqual(status, 200)
        filtered = re.findall(r'<th scope="row"><a href="/pupils/([A-Z0-9]{13})"', body.decode())
        want = json.loads(senco.get("/api/register/view?school=" + school + "&status=E&sort=year&order=desc")[1])
        self.assertEqual(filtered, [p["upn"] for p in want["pupils"]])
        self.assertTrue(all(p["status"] == "E" for p in want["pupils"]))
        self.assertLess(len(filtered), len(listed))
        # The downloads carry the same filters.
        status, body, headers = senco.get("/register.csv?status=E")
        self.assertEqual(status, 200)
        self.assertIn("text/csv", headers.getheader("Content-Type"))
        self.assertIn("attachment", headers.getheader("Content-Disposition"))
        rows = body.decode("utf-8-sig").strip().splitlines()
        self.assertEqual(len(rows) - 1, len(filtered))
        status, body, headers = senco.get("/register.xlsx?status=E")
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"PK"))
        # A filter it cannot apply: the page again, saying which, with what was asked kept.
        status, body, _ = senco.get("/register?sort=shoe_size&search=ab")
        self.assertEqual(status, 422)
        self.assertIn('role="alert"', body.decode())
        self.assertIn('href="#f-sort"', body.decode())
        self.assertIn('value="ab"', body.decode())
        # The search finds a pupil off the register too, to assess them.
        off = FIX.sql("SELECT p.upn, p.surname FROM pupil p WHERE p.school_id = (SELECT school_id FROM pupil WHERE upn = ?) "
                      "AND p.left_on IS NULL AND NOT EXISTS (SELECT 1 FROM sen_status_period s WHERE s.pupil_id = p.id "
                      "AND s.provision IN ('K', 'E')) LIMIT 1", FIX.pupil_own)
        if off:
            found = json.loads(senco.get(f"/api/register/view?school={school}&search=" + off[0][0])[1])
            self.assertEqual([p["upn"] for p in found["not_on_register"]], [off[0][0]])
        # Another school's SENCO sees their own school's register; the other roles none.
        status, body, _ = self.client("senco_school2").get("/register")
        self.assertEqual(status, 200)
        self.assertNotIn(FIX.pupil_own, body.decode())
        for role in ("teacher", "ta", "governor", "trust_officer"):
            for path in ("/register", "/register.csv", "/register.xlsx", "/api/register/view"):
                self.assertEqual(self.client(role).get(path)[0], 403, (role, path))

    # --- flags a SENCO works through ------------------------------------------------------------------
    def test_flags_page_groups_per_pupil_and_each_flag_is_acted_on_from_its_page(self):
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        status, body = with_cookie(self.port, "GET", "/flags", cookie)
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>Flags</h1>", page)
        # One section a pupil, linked to the pupil's page; never the other school's pupils.
        self.assertIn(f'<section class="pupil-flags" aria-labelledby="pupil-{FIX.pupil_other}">', page)
        self.assertNotIn(FIX.pupil_school2, page)
        flag = FIX.flags[FIX.pupil_other]
        self.assertIn(f'href="/flags/{flag}"', page)
        flag_url = f"/flags/{flag}"
        status, body = with_cookie(self.port, "GET", flag_url, cookie)
        self.assertEqual(status, 200)
        page = body.decode()
        for form in ("acknowledge", "snooze", "assign", "resolve"):
            self.assertIn(f'action="{flag_url}/{form}"', page)
        self.assertEqual(len(re.findall(r'id="([^"]+)"', page)), len(set(re.findall(r'id="([^"]+)"', page))))
        # Refused: the page again, the reason linked to the acknowledge form's own field.
        status, body, _ = form_post(self.port, f"{flag_url}/acknowledge", cookie, {"csrf_token": csrf, "note": "  "})
        self.assertEqual(status, 422)
        self.assertIn('role="alert"', body.decode())
        self.assertIn('href="#f-acknowledge-note"', body.decode())
        # Done: back to the flag's page, which says so and keeps who did it and why.
        status, _, location = form_post(self.port, f"{flag_url}/acknowledge", cookie,
                                        {"csrf_token": csrf, "note": "Chased the LA <by phone>"})
        self.assertEqual((status, location), (303, f"{flag_url}?recorded=acknowledge"))
        page = with_cookie(self.port, "GET", location, cookie)[1].decode()
        self.assertIn("The flag was acknowledged.", page)
        self.assertIn("Chased the LA &lt;by phone&gt;", page)
        staff = FIX.sql("SELECT s.la || '-' || s.estab || '/' || st.sourced_id FROM staff st JOIN school s "
                        "ON s.id = st.school_id WHERE st.sourced_id = ?", FIX.teacher)[0][0]
        status, _, location = form_post(self.port, f"{flag_url}/assign", cookie, {"csrf_token": csrf, "staff_id": staff})
        self.assertEqual(status, 303)
        status, body = with_cookie(self.port, "GET", "/flags?state=active&mine=1", cookie)
        self.assertNotIn(f'href="/flags/{flag}"', body.decode())  # assigned to the teacher, not the SENCO
        status, _, location = form_post(self.port, f"{flag_url}/resolve", cookie,
                                        {"csrf_token": csrf, "reason": "The LA decided on 3 March; the MIS was late"})
        self.assertEqual(status, 303)
        self.assertNotIn(f'href="/flags/{flag}"', with_cookie(self.port, "GET", "/flags", cookie)[1].decode())
        self.assertIn(f'href="/flags/{flag}"', with_cookie(self.port, "GET", "/flags?state=resolved", cookie)[1].decode())
        # Another school's flag is as missing as one that does not exist; class staff have no flags pages.
        ghost = with_cookie(self.port, "GET", "/flags/999999", cookie)
        self.assertEqual(with_cookie(self.port, "GET", f"/flags/{FIX.flags[FIX.pupil_school2]}", cookie), ghost)
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).get("/flags")[0], 403)
        # An error page keeps the signed-in person's navigation: nobody is left stranded on it.
        status, body = ghost
        self.assertEqual(status, 404)
        self.assertIn('<nav aria-label="senmap">', body.decode())
        self.assertIn('href="/register">Register</a>', body.decode())
        status, body, _ = self.client("teacher").get("/register")
        self.assertIn('href="/calendar">Your calendar</a>', body.decode())
        self.assertNotIn('href="/register"', body.decode())  # a teacher's navigation has no register
        # Every page names senmap's icon, served without a token.
        self.assertIn('<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">', body.decode())
        status, body, r = self.client().get("/assets/favicon.svg")
        self.assertEqual((status, r.getheader("Content-Type")), (200, "image/svg+xml"))
        self.assertTrue(body.startswith(b"<svg "))

    # --- reviews coming up (a page added as one file in http/features/) ---------------------------------
    def test_reviews_page_lists_the_viewers_school_and_audits_each_pupil(self):
        # A review due in a fortnight in each school: the SENCO's page shows their own school's only.
        due = (datetime.date.today() + datetime.timedelta(days=14)).isoformat()
        for upn in (FIX.pupil_other, FIX.pupil_school2):
            if FIX.sql("SELECT review_due FROM sen_cycle WHERE id = ?", FIX.cycles[upn])[0][0] is None:
                plan = {"cycle_id": FIX.cycles[upn], "date": "2026-01-09", "review_due": due,
                        "targets": [{"target": "Read 20 key words", "success_criteria": "in 3 of 4 checks"}]}
                run("--config", FIX.config, "--actor", "test:fixture", "call", "cycle.plan", json.dumps(plan))
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        status, body, _ = self.client("senco").get("/reviews")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>Reviews coming up</h1>", page)
        named = set(re.findall(r'href="/pupils/([A-Z0-9]{13})"', page))
        school2 = {r[0] for r in FIX.sql("SELECT p.upn FROM pupil p JOIN school s ON s.id = p.school_id WHERE s.la = '702'")}
        self.assertIn(FIX.pupil_other, named)
        self.assertIn(due, page)
        self.assertFalse(named & school2)
        # Every pupil named is an audited read of their record, and no other.
        audited = {r[0] for r in FIX.sql("SELECT upn FROM audit_log WHERE id > ? AND action = 'reviews.page'",
                                         audit_before)}
        self.assertEqual(audited, named)
        # The dates shown are overdue or within twelve weeks, earliest first in each table.
        for table in re.findall(r"<tbody>(.*?)</tbody>", page, re.S):
            dates = re.findall(r'<th scope="row">(\d{4}-\d{2}-\d{2})</th>', table)
            self.assertEqual(dates, sorted(dates))
        # Named pupils: the whole-school roles only.
        for role in ("teacher", "governor"):
            self.assertEqual(self.client(role).get("/reviews")[0], 403)

    # --- moving on and exam access: two pages added as one file each in http/features/ -----------------
    def test_moving_on_page_lists_what_transfer_list_answers_for_the_viewers_school(self):
        school_id, school = FIX.sql("SELECT id, la || '-' || estab FROM school ORDER BY la LIMIT 1")[0]
        # The test school is a secondary and Year 6 moves phase: one pupil on the register is made a Year 6
        # for this test (and put back), so the page has someone to list.
        mover, year = FIX.sql(
            "SELECT p.upn, p.nc_year FROM pupil p WHERE p.school_id = ? AND p.left_on IS NULL AND p.upn NOT IN (?, ?) "
            "AND (SELECT s.provision FROM sen_status_period s WHERE s.pupil_id = p.id ORDER BY s.start_date DESC "
            "LIMIT 1) IN ('K', 'E') ORDER BY p.upn LIMIT 1", school_id, FIX.pupil_own, FIX.pupil_other)[0]
        FIX.sql("UPDATE pupil SET nc_year = '6' WHERE upn = ?", mover)
        try:
            self.check_moving_on_page(school, mover)
        finally:
            FIX.sql("UPDATE pupil SET nc_year = ? WHERE upn = ?", year, mover)

    def check_moving_on_page(self, school, mover):
        listed = json.loads(run("--config", FIX.config, "--actor", "test:fixture", "call", "transfer.list",
                                json.dumps({"school": school})).stdout)
        self.assertIn(mover, [p["upn"] for p in listed["pupils"]])
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        status, body, _ = self.client("senco").get("/transfer")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>Moving on</h1>", page)
        self.assertIn('href="/transfer">Moving on</a>', page)
        named = re.findall(r'href="/pupils/([A-Z0-9]{13})"', page)
        self.assertEqual(named, [p["upn"] for p in listed["pupils"]])  # the operation's order: EHC plans first
        self.assertIn("of 4</td>", page)  # the steps of the move still to do
        audited = {r[0] for r in FIX.sql("SELECT upn FROM audit_log WHERE id > ? AND action = 'transfer.page'",
                                         audit_before)}
        self.assertEqual(audited, set(named))
        for role in ("teacher", "governor"):
            self.assertEqual(self.client(role).get("/transfer")[0], 403)

    def test_exclusions_page_shows_the_operations_rates_to_senco_and_governor_not_teacher(self):
        school = FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la LIMIT 1")[0][0]
        # A suspension the school recorded: the SENCO may record it, the pupil's own teacher may not.
        suspension = {"upn": FIX.pupil_own, "kind": "suspension", "start_date": "2026-01-12", "sessions": 2,
                      "reason": "PD"}
        self.assertEqual(self.client("teacher").post("/api/ops/exclusion.record", suspension)[0], 403)
        status, body, _ = self.client("senco").post("/api/ops/exclusion.record", suspension)
        self.assertEqual(status, 200, body[:200])
        report = json.loads(run("--config", FIX.config, "--actor", "test:fixture", "call", "report.exclusions",
                                json.dumps({"school": school})).stdout)
        every = {g["group"]: g for g in report["groups"]}
        for role in ("senco", "governor"):
            status, body, _ = self.client(role).get("/exclusions")
            self.assertEqual(status, 200, role)
            page = body.decode()
            self.assertIn("<h1>Exclusions and suspensions " + report["academic_year"] + "</h1>", page)
            self.assertIn('href="/exclusions">Exclusions</a>', page)
            # The operation's figures, as people read them: the whole roll's pupils and suspensions.
            row = re.search(r'<th scope="row">All pupils</th>((?:<td>[^<]*</td>)+)', page)
            self.assertIsNotNone(row, role)
            cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
            self.assertEqual(cells[0].replace(",", ""), str(every["all"]["pupils"]))
            self.assertEqual(cells[2].replace(",", ""), str(every["all"]["suspensions"]))
            self.assertNotRegex(page, r'href="/pupils/')  # counts only: no pupil named
            self.assertIn("The reasons recorded", page)
            self.assertRegex(page, r'<th scope="row">England 2023/24: All pupils</th>(?:<td>(?:(?!</td>).)*</td>){4}<td>11\.31</td>')
        self.assertEqual(self.client("teacher").get("/exclusions")[0], 403)

    def test_agency_directory_is_the_sencos_and_the_team_shows_to_the_pupils_staff(self):
        own, other = [r[0] for r in FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")]
        agency = {"school": own, "name": "Test Speech and Language Therapy", "service": "speech_and_language_therapy",
                  "phone": "01632 960999", "email": "salt@example.org", "waiting_weeks": 12}
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).post("/api/ops/agency.save", agency)[0], 403, role)
        self.assertEqual(self.client("senco").post("/api/ops/agency.save", {**agency, "school": other})[0], 403)
        status, body, _ = self.client("senco").post("/api/ops/agency.save", agency)
        self.assertEqual(status, 200, body[:200])
        agency_id = json.loads(body)["agency_id"]
        status, body, _ = self.client("senco_school2").post("/api/ops/agency.save", {**agency, "school": other})
        self.assertEqual(status, 200, body[:200])
        other_agency = json.loads(body)["agency_id"]
        involve = {"upn": FIX.pupil_own, "agency_id": agency_id, "referred_on": "2025-01-06",
                   "decision": "accepted", "decided_on": "2025-01-20", "involved_from": "2025-02-03",
                   "professional": "T. Therapist"}
        self.assertEqual(self.client("teacher").post("/api/ops/agency.involve", involve)[0], 403)
        # Another school's agency is as missing as one that does not exist.
        self.assertEqual(self.client("senco").post("/api/ops/agency.involve", {**involve, "agency_id": other_agency})[0], 404)
        status, body, _ = self.client("senco").post("/api/ops/agency.involve", involve)
        self.assertEqual(status, 200, body[:200])
        # The team: the pupil's teacher and TA read it; a teacher of other pupils does not.
        for role in ("senco", "teacher", "ta"):
            status, body, _ = self.client(role).get(f"/api/pupils/{FIX.pupil_own}/team")
            self.assertEqual(status, 200, role)
            self.assertEqual(json.loads(body)["team"][0]["professional"], "T. Therapist")
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_other}/team")[0], 404)
        self.assertEqual(self.client("governor").get(f"/api/pupils/{FIX.pupil_own}/team")[0], 404)
        # The directory: the SENCO's page and list; class staff and governors are refused.
        status, body, _ = self.client("senco").get("/agencies")
        self.assertEqual(status, 200)
        self.assertIn("Test Speech and Language Therapy", body.decode())
        self.assertIn("01632 960999", body.decode())
        self.assertNotIn(f"school={other}", body.decode())
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).get("/agencies")[0], 403, role)
            self.assertEqual(self.client(role).get("/api/agencies")[0], 403, role)
        page = self.client("senco").get(f"/pupils/{FIX.pupil_own}")[1].decode()
        self.assertIn('<h2 id="team-heading">Team around the child</h2>', page)
        self.assertIn("T. Therapist", page)
        self.assertIn('action="/pupils/' + FIX.pupil_own + '/agencies"', page)
        page = self.client("teacher").get(f"/pupils/{FIX.pupil_own}")[1].decode()
        self.assertIn("T. Therapist", page)
        self.assertNotIn('/agencies"', page)  # no referral form, no directory link for a teacher

    def test_staff_skills_each_sees_their_own_and_the_senco_the_audit(self):
        me = FIX.sql("SELECT s.la || '-' || s.estab || '/' || st.sourced_id FROM staff st JOIN school s "
                     "ON s.id = st.school_id WHERE st.sourced_id = ?", FIX.teacher)[0][0]
        course = {"staff_id": me, "course": "Autism awareness", "completed_on": "2025-01-10", "area": "ASD"}
        status, body, _ = self.client("teacher").post("/api/ops/staff.training", course)
        self.assertEqual(status, 200, body[:200])
        self.assertEqual(json.loads(body)["training"][0]["area"], "Communication and interaction")
        # Another member of staff's record is not the teacher's to read or write.
        self.assertEqual(self.client("teacher").post("/api/ops/staff.training", {**course, "staff_id": FIX.teacher_other})[0], 404)
        self.assertEqual(self.client("teacher").get(f"/api/staff/{FIX.teacher_other}/skills")[0], 404)
        self.assertEqual(self.client("senco").get(f"/api/staff/{FIX.teacher}/skills")[0], 200)
        self.assertEqual(self.client("senco_school2").get(f"/api/staff/{FIX.teacher}/skills")[0], 404)
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).get("/api/reports/staff-skills")[0], 403, role)
        own = FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")[0][0]
        status, body, _ = self.client("senco").get(f"/api/reports/staff-skills?school={own}")
        self.assertEqual(status, 200, body[:200])
        audit = json.loads(body)
        self.assertEqual(len(audit["areas"]), 4)
        # The page: a teacher sees their own skills and forms, never the school's audit.
        page = self.client("teacher").get("/staff-skills")[1].decode()
        self.assertIn("Your SEND skills", page)
        self.assertIn("Autism awareness", page)
        self.assertNotIn("The school's audit", page)
        page = self.client("senco").get("/staff-skills")[1].decode()
        self.assertIn("The school's audit", page)
        self.assertIn("By member of staff", page)
        # The page's forms act for the signed-in member of staff only.
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.teacher, FIX.class_own))
        self.assertEqual(status, 303)
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        rating = {"csrf_token": csrf, "staff_id": me, "social_emotional_mental_health": "2"}
        self.assertEqual(form_post(self.port, "/staff-skills/confidence", cookie, rating)[:3:2],
                         (303, "/staff-skills?recorded=confidence"))
        other = FIX.sql("SELECT s.la || '-' || s.estab || '/' || st.sourced_id FROM staff st JOIN school s "
                        "ON s.id = st.school_id WHERE st.sourced_id = ?", FIX.teacher_other)[0][0]
        self.assertEqual(form_post(self.port, "/staff-skills/confidence", cookie, {**rating, "staff_id": other})[0], 404)
        status, body, _ = form_post(self.port, "/staff-skills/confidence", cookie, {**rating, "cognition_and_learning": "9"})
        self.assertEqual(status, 422)
        self.assertIn('href="#f-conf-cognition_and_learning"', body.decode())
        mine = json.loads(self.client("teacher").get(f"/api/staff/{FIX.teacher}/skills")[1])
        self.assertEqual(mine["confidence"]["social_emotional_mental_health"], 2)
        self.assertIsNone(mine["confidence"]["cognition_and_learning"])  # the refused form stored nothing
        self.assertEqual(self.client("governor").get("/staff-skills")[0], 200)  # their own (none), no audit
        self.assertNotIn("By member of staff", self.client("governor").get("/staff-skills")[1].decode())

    def test_governors_report_is_aggregate_for_governors_and_never_names_a_pupil(self):
        own, other = [r[0] for r in FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")]
        names = [f"{r[0]} {r[1]}" for r in FIX.sql("SELECT forename, surname FROM pupil WHERE school_id = "
                                                      "(SELECT id FROM school WHERE la || '-' || estab = ?)", own)]
        for role in ("senco", "governor", "senior_leader"):
            status, body, _ = self.client(role).get("/governors")
            self.assertEqual(status, 200, role)
            page = body.decode()
            self.assertIn("<h1>SEND report to governors ", page)
            self.assertIn('href="/governors">Governors&#39;', page)
            self.assertNotRegex(page, r'href="/pupils/')
            self.assertFalse([n for n in names if n in page], "a pupil is named")
        status, body, r = self.client("governor").get("/governors.html")
        self.assertEqual(status, 200)
        self.assertIn("attachment;", r.getheader("Content-Disposition"))
        self.assertTrue(body.startswith(b"<!DOCTYPE html>"))
        status, body, _ = self.client("governor").get(f"/api/reports/governors?school={own}")
        self.assertEqual(status, 200)
        report = json.loads(body)
        self.assertEqual(report["school"], own)
        # Every count of pupils shown is 0 or at least 5.
        def counts(v, key=""):
            if isinstance(v, dict):
                for k, x in v.items():
                    yield from counts(x, k)
            elif isinstance(v, list):
                for x in v:
                    yield from counts(x, key)
            elif isinstance(v, int) and not isinstance(v, bool) and ("pupils" in key or key in ("sen_support", "ehc_plan")):
                yield key, v
        small = [(k, v) for k, v in counts(report["sections"]) if 0 < v < 5]
        self.assertEqual(small, [])
        for role in ("teacher", "ta"):
            self.assertEqual(self.client(role).get("/governors")[0], 403, role)
            self.assertEqual(self.client(role).get(f"/api/reports/governors?school={own}")[0], 403, role)
        self.assertEqual(self.client("governor").get(f"/api/reports/governors?school={other}")[0], 403)

    def test_sen_information_report_is_drafted_edited_by_the_senco_and_read_by_governors(self):
        own = FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")[0][0]
        status, body, _ = self.client("governor").get("/sen-information")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>SEN Information Report ", page)
        self.assertIn("The kinds of special educational needs we provide for", page)
        self.assertNotIn("Keep this text", page)  # governors read it; the SENCO edits it
        edit = {"school": own, "section": "complaints", "text": "Talk to us first."}
        self.assertEqual(self.client("governor").post("/api/ops/sen_information.edit", edit)[0], 403)
        self.assertEqual(self.client("teacher").get("/sen-information")[0], 403)
        run("--config", FIX.config, "launch", "secret")
        status, _, _, cookie = launch(self.port, launch_link(FIX.staff["senco"], FIX.class_other))
        csrf = json.loads(with_cookie(self.port, "GET", "/api/session", cookie)[1])["csrf_token"]
        status, _, location = form_post(self.port, "/sen-information", cookie,
                                        {"csrf_token": csrf, "school": own, "section": "complaints",
                                         "text": "Talk to us first: <the SENCO> will listen."})
        self.assertEqual((status, location), (303, "/sen-information?recorded=information"))
        page = with_cookie(self.port, "GET", location, cookie)[1].decode()
        self.assertIn("The section&#39;s text was kept.", page)
        self.assertIn("Talk to us first: &lt;the SENCO&gt; will listen.", page)
        status, body, _ = form_post(self.port, "/sen-information", cookie,
                                    {"csrf_token": csrf, "school": own, "section": "jokes", "text": "x"})
        self.assertEqual(status, 422)
        status, body, r = self.client("governor").get("/sen-information.html")
        self.assertEqual(status, 200)
        self.assertIn(b"Talk to us first: &lt;the SENCO&gt; will listen.", body)

    def test_ta_deployment_names_tas_and_pupils_so_is_the_sencos_only(self):
        own = FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")[0][0]
        status, body, _ = self.client("senco").get("/ta-deployment")
        self.assertEqual(status, 200)
        self.assertIn("<h1>TA deployment</h1>", body.decode())
        status, body, _ = self.client("senco").get(f"/api/reports/ta-deployment?school={own}")
        self.assertEqual(status, 200)
        self.assertIn("by_ta_share", json.loads(body))
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).get("/ta-deployment")[0], 403, role)
            self.assertEqual(self.client(role).get(f"/api/reports/ta-deployment?school={own}")[0], 403, role)

    def test_handover_pack_names_pupils_so_is_the_sencos_only(self):
        own = FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")[0][0]
        status, body, _ = self.client("senco").get("/handover")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>SENCO handover pack</h1>", page)
        self.assertIn("EHC plans and their next dates", page)
        self.assertIn('href="/handover">Handover pack</a>', page)
        status, body, r = self.client("senco").get("/handover.html")
        self.assertEqual(status, 200)
        self.assertIn("attachment;", r.getheader("Content-Disposition"))
        status, body, _ = self.client("senco").get(f"/api/reports/handover?school={own}")
        self.assertEqual(status, 200)
        self.assertIn("reviews_due_this_term", json.loads(body))
        for role in ("teacher", "ta", "governor", "trust_officer"):
            self.assertEqual(self.client(role).get("/handover")[0], 403, role)
            self.assertEqual(self.client(role).get("/handover.html")[0], 403, role)
            self.assertEqual(self.client(role).get(f"/api/reports/handover?school={own}")[0], 403, role)

    def test_budget_is_money_only_for_senco_and_governor_and_each_school_sets_its_own(self):
        own, other = [r[0] for r in FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")]
        budget = {"school": own, "academic_year": 2025, "notional_sen_budget": 90000,
                  "other_income": [{"description": "LA inclusion fund", "amount": 5000}]}
        self.assertEqual(self.client("teacher").post("/api/ops/budget.set", budget)[0], 403)
        self.assertEqual(self.client("senco").post("/api/ops/budget.set", {**budget, "school": other})[0], 403)
        without_school = {k: v for k, v in budget.items() if k != "school"}
        self.assertEqual(self.client("senco").post("/api/ops/budget.set", without_school)[0], 403)  # a trust's database
        status, body, _ = self.client("senco").post("/api/ops/budget.set", budget)
        self.assertEqual(status, 200, body[:200])
        report = json.loads(run("--config", FIX.config, "--actor", "test:fixture", "call", "report.budget",
                                json.dumps({"school": own, "academic_year": 2025})).stdout)
        self.assertEqual(report["income"]["total"], 95000)
        for role in ("senco", "governor"):
            status, body, _ = self.client(role).get("/budget")
            self.assertEqual(status, 200, role)
            page = body.decode()
            self.assertIn("<h1>SEND budget ", page)
            self.assertIn('href="/budget">Budget</a>', page)
            self.assertNotRegex(page, r'href="/pupils/')  # money only: no pupil named
        self.assertEqual(self.client("teacher").get("/budget")[0], 403)
        self.assertEqual(self.client("teacher").get("/api/reports/budget")[0], 403)

    def test_senco_time_each_school_records_its_own_and_a_teacher_reads_none(self):
        own, other = [r[0] for r in FIX.sql("SELECT la || '-' || estab FROM school ORDER BY la")]
        senco = {"school": own, "hours_per_week": 15, "on_slt": True, "award": "held", "award_date": "2021-07-01"}
        self.assertEqual(self.client("teacher").post("/api/ops/senco.set", senco)[0], 403)
        self.assertEqual(self.client("senco").post("/api/ops/senco.set", {**senco, "school": other})[0], 403)
        status, body, _ = self.client("senco").post("/api/ops/senco.set", senco)
        self.assertEqual(status, 200, body[:200])
        self.assertEqual(json.loads(body)["hours_per_week"], 15)
        for role in ("senco", "governor"):
            status, body, _ = self.client(role).get("/senco-time")
            self.assertEqual(status, 200, role)
            self.assertIn("<h1>SENCO time</h1>", body.decode())
            self.assertNotRegex(body.decode(), r'href="/pupils/')
        self.assertEqual(self.client("teacher").get("/senco-time")[0], 403)

    def test_exam_access_page_puts_applications_first_for_the_viewers_school(self):
        for upn in (FIX.pupil_other, FIX.pupil_school2):
            arrangement = {"upn": upn, "kind": "extra_time_25", "evidence": "works at 70% of typical speed in class",
                           "valid_from": "2026-01-05", "assessor": "A. Assessor", "assessor_qualification": "AMBDA"}
            run("--config", FIX.config, "--actor", "test:fixture", "call", "access.add", json.dumps(arrangement))
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        status, body, _ = self.client("senco").get("/access")
        self.assertEqual(status, 200)
        page = body.decode()
        self.assertIn("<h1>Exam access arrangements</h1>", page)
        named = set(re.findall(r'href="/pupils/([A-Z0-9]{13})"', page))
        self.assertIn(FIX.pupil_other, named)
        self.assertNotIn(FIX.pupil_school2, named)  # another school's candidates are not this centre's
        self.assertIn("<strong>apply for approval</strong>", page)
        self.assertIn("25% extra time", page)
        audited = {r[0] for r in FIX.sql("SELECT upn FROM audit_log WHERE id > ? AND action = 'access.page'",
                                         audit_before)}
        self.assertEqual(audited, named)
        for role in ("teacher", "ta", "governor"):
            self.assertEqual(self.client(role).get("/access")[0], 403)

    # --- audit --------------------------------------------------------------------------------
    def test_kept_answers_follow_every_change_and_every_read_is_still_audited(self):
        # A worker keeps a class map's answer while the data is unchanged (http/answer_cache.hpp).
        teacher = self.client("teacher")
        path = f"/api/classes/{FIX.class_own}/provision-map"
        access_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM api_access_log")[0][0]
        audit_before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM audit_log")[0][0]
        answers = [teacher.get(path) for _ in range(4)]
        self.assertEqual({a[0] for a in answers}, {200})
        self.assertEqual(len({a[1] for a in answers}), 1)
        # Every read has its access-log row and its audit row, kept answer or not.
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM api_access_log WHERE id > ? AND route = ?", access_before,
                                 "GET /api/classes/{class_id}/provision-map")[0][0], 4)
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM audit_log WHERE id > ? AND action = 'report.class_map' AND actor = ?",
                                 audit_before, f"staff:701-4001/{FIX.teacher}")[0][0], 4)
        # A change made by another process (the command line) shows on the very next read.
        pupil = json.loads(answers[0][1])["pupils"][0]

        def strategies_now():
            status, body, _ = teacher.get(path)
            self.assertEqual(status, 200)
            return next(p for p in json.loads(body)["pupils"] if p["upn"] == pupil["upn"])["strategies"]

        for strategy in ("Kept-answer check: a quiet start", "Kept-answer check: seated by the door"):
            run("--config", FIX.config, "call", "passport.set", json.dumps({"upn": pupil["upn"], "support_strategies": [strategy]}))
            self.assertEqual(strategies_now(), [strategy])
            status, page, _ = teacher.get(f"/classes/{FIX.class_own}/map")
            self.assertIn(strategy, page.decode())
        # Another viewer never gets a kept answer of someone else's: the SENCO's map is their own read,
        # and a teacher of another class is still refused after the teacher's answer was kept.
        self.assertEqual(self.client("senco").get(path)[0], 200)
        self.assertEqual(FIX.sql("SELECT COUNT(*) FROM audit_log WHERE id > ? AND action = 'report.class_map' AND actor = ?",
                                 audit_before, f"staff:701-4001/{FIX.staff['senco']}")[0][0], 1)
        run("--config", FIX.config, "staff", "role", FIX.teacher_other, "teacher")
        try:
            other = json.loads(run("--config", FIX.config, "token", "create", FIX.teacher_other, "--json").stdout)
            self.assertEqual(Client(self.port, other["token"]).get(path)[0], 404)
        finally:
            run("--config", FIX.config, "staff", "role", FIX.teacher_other, "none")
        # A token revoked after its holder's answers were kept stops at once.
        kept = json.loads(run("--config", FIX.config, "token", "create", FIX.teacher, "--json").stdout)
        holder = Client(self.port, kept["token"])
        self.assertEqual([holder.get(path)[0] for _ in range(2)], [200, 200])
        run("--config", FIX.config, "token", "revoke", str(kept["id"]))
        self.assertEqual(holder.get(path)[0], 401)
        # Two browser sessions of the same teacher each get their own form token on the kept page.
        run("--config", FIX.config, "launch", "secret")
        tokens = []
        for _ in range(2):
            _, _, location, cookie = launch(self.port, launch_link(FIX.teacher, FIX.class_own))
            status, body = with_cookie(self.port, "GET", location, cookie)
            self.assertEqual(status, 200)
            status, session = with_cookie(self.port, "GET", "/api/session", cookie)
            csrf = json.loads(session)["csrf_token"]
            self.assertIn(f'value="{csrf}"', body.decode())
            tokens.append(csrf)
        self.assertNotEqual(tokens[0], tokens[1])

    def test_a_read_that_cannot_be_logged_is_not_answered_a_made_change_still_is(self):
        actor = f"staff:701-4001/{FIX.staff['senco']}"
        with sqlite3.connect(audit_file(FIX.db)) as c:  # the audit file refuses this actor's access-log rows
            c.execute(f"CREATE TRIGGER test_refuse BEFORE INSERT ON api_access_log WHEN NEW.actor = '{actor}' "
                      "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        try:
            senco = self.client("senco")
            status, body, _ = senco.get(f"/api/pupils/{FIX.pupil_own}")
            self.assertEqual(status, 500)
            self.assertNotIn(FIX.pupil_own.encode(), body)
            changes = FIX.sql("SELECT COUNT(*) FROM change_log WHERE operation = 'parent.meeting'")[0][0]
            status, _, _ = self.client("senco").post("/api/ops/parent.meeting", {"upn": FIX.pupil_own, "date": "2026-02-03"})
            self.assertEqual(status, 200)  # recorded: answered, so that it is not submitted twice
            self.assertEqual(FIX.sql("SELECT COUNT(*) FROM change_log WHERE operation = 'parent.meeting'")[0][0], changes + 1)
        finally:
            with sqlite3.connect(audit_file(FIX.db)) as c:
                c.execute("DROP TRIGGER test_refuse")
        self.assertEqual(self.client("senco").get(f"/api/pupils/{FIX.pupil_own}")[0], 200)

    def test_every_request_is_one_line_on_stderr_without_upns_tokens_or_queries(self):
        # Issue 14 item 17: senmap serve logged nothing per request outside the audit file.
        log_path = os.path.join(ARGS.workdir, "serve-stderr.log")
        with open(log_path, encoding="utf-8") as f:
            start = len(f.read())
        marker = "q" + os.urandom(6).hex()  # in a query string only: must never be logged
        token = FIX.tokens["teacher"]
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_own}?{marker}=1")[0], 200)
        self.assertEqual(self.client().get(f"/api/pupils/{FIX.pupil_own}?{marker}=2")[0], 401)
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_own}/{marker}")[0], 404)  # no route
        self.assertEqual(self.client("teacher").request("HEAD", f"/pupils/{FIX.pupil_own}")[0], 200)
        run("--config", FIX.config, "launch", "secret")
        link = launch_link(FIX.teacher, FIX.class_own)
        self.assertEqual(launch(self.port, link)[0], 303)
        status, _, _ = self.client().request("GET", "/api/health", headers={"X-Padding": marker * 1000})
        self.assertEqual(status, 431)
        teacher = re.escape(f"staff:701-4001/{FIX.teacher}")
        want = [rf"GET /api/pupils/\{{upn\}} 200 \d+ms {teacher}", r"GET /api/pupils/\{upn\} 401 \d+ms anonymous",
                r"GET - 404 \d+ms anonymous", rf"HEAD /pupils/\{{upn\}} 200 \d+ms {teacher}",
                rf"GET /launch 303 \d+ms {teacher}", r"GET - 431 \d+ms anonymous"]
        line = r"^senmap serve: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z "
        for _ in range(50):  # a line is written once its answer has gone: give the server a moment
            with open(log_path, encoding="utf-8") as f:
                log = f.read()[start:]
            if all(re.search(line + w + "$", log, re.M) for w in want):
                break
            time.sleep(0.1)
        for w in want:
            self.assertRegex(log, re.compile(line + w + "$", re.M))
        for secret in (FIX.pupil_own, marker, token.split("_")[2], re.search(r"sig=([^&]+)", link).group(1),
                       re.search(r"nonce=([^&]+)", link).group(1)):
            self.assertNotIn(secret, log)

    def test_reads_and_refusals_are_audited_without_content_or_tokens(self):
        before = FIX.sql("SELECT COALESCE(MAX(id), 0) FROM api_access_log")[0][0]
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_own}")[0], 200)
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_other}/passport")[0], 404)
        rows = FIX.sql("SELECT actor, address, method, route, upn, status, outcome FROM api_access_log WHERE id > ? ORDER BY id", before)
        actor = f"staff:701-4001/{FIX.teacher}"
        self.assertIn((actor, "127.0.0.1", "GET", "GET /api/pupils/{upn}", FIX.pupil_own, 200, "allowed"), rows)
        self.assertIn((actor, "127.0.0.1", "GET", "GET /api/pupils/{upn}/passport", FIX.pupil_other, 404, "refused_or_missing"), rows)
        audit = FIX.sql("SELECT actor, action FROM audit_log WHERE upn = ? ORDER BY id DESC LIMIT 1", FIX.pupil_own)
        self.assertEqual(audit, [(actor, "pupil.read")])
        # The SENCO reads the pupil's audit trail: reads, changes and requests with their address.
        status, body, _ = self.client("senco").get(f"/api/pupils/{FIX.pupil_own}/audit")
        self.assertEqual(status, 200)
        entries = json.loads(body)["entries"]
        self.assertIn({"actor": actor, "kind": "read", "what": "pupil.read"},
                      [{k: e[k] for k in ("actor", "kind", "what")} for e in entries])
        self.assertIn("127.0.0.1", {e["address"] for e in entries if e["kind"] == "request"})
        self.assertIn("change", {e["kind"] for e in entries})
        self.assertEqual(self.client("teacher").get(f"/api/pupils/{FIX.pupil_own}/audit")[0], 403)
        # The same trail as a page for the SENCO, linked from the pupil's page; no SEN content on it.
        status, page, _ = self.client("senco").get(f"/pupils/{FIX.pupil_own}")
        self.assertIn(f'href="/pupils/{FIX.pupil_own}/audit"', page.decode())
        status, page, r = self.client("senco").get(f"/pupils/{FIX.pupil_own}/audit")
        self.assertEqual((status, r.getheader("Content-Type")), (200, "text/html; charset=utf-8"))
        text = page.decode()
        # Staff by name, what they did in words, when in UK time (GMT or BST), from where.
        teacher = FIX.sql("SELECT given_name || ' ' || family_name FROM staff WHERE sourced_id = ?", FIX.teacher)[0][0]
        for shown in (html.escape(teacher), "Read the pupil&#39;s record", "Opened /api/pupils/{upn}/passport: answered (200)",
                      "127.0.0.1", "Changed"):
            self.assertIn(shown, text)
        self.assertRegex(text, r'<th scope="row"><span class="date">\d{4}-\d{2}-\d{2} \d{2}:\d{2} (GMT|BST)</span></th>')
        self.assertNotRegex(text, r"\d{2}:\d{2}:\d{2}Z")
        self.assertNotIn("Seat near the front", text)
        self.assertNotIn("/audit\"", self.client("teacher").get(f"/pupils/{FIX.pupil_own}")[1].decode())
        self.assertEqual(self.client("teacher").get(f"/pupils/{FIX.pupil_own}/audit")[0], 403)
        everything = json.dumps(FIX.sql("SELECT * FROM api_access_log"))
        for token in FIX.tokens.values():
            self.assertNotIn(token.split("_")[2], everything)
        self.assertNotIn("Seat near the front", everything)
        with open(os.path.join(ARGS.workdir, "serve-stderr.log"), encoding="utf-8") as f:
            log = f.read()
        self.assertNotIn(FIX.pupil_own, log)
        self.assertNotIn("senmap_", log.replace("senmap serve", ""))


class Lifecycle(unittest.TestCase):
    def test_sessions_end_when_idle_and_after_their_absolute_limit(self):
        run("--config", FIX.config, "launch", "secret")
        # This server may be framed by the MIS: its policy names it, and the session cookie must
        # then be sent inside another site's page (SameSite=None).
        proc, port = start_server(FIX.config, "--session-idle", "2", "--session-max", "5",
                                  "--frame-ancestors", "https://mis.example.org https://mis2.example.org:8443")
        try:
            c = Client(port)
            _, _, r = c.get("/api/health")
            self.assertIn("frame-ancestors https://mis.example.org https://mis2.example.org:8443;", r.getheader("Content-Security-Policy"))
            self.assertIsNone(r.getheader("X-Frame-Options"))
            _, _, _, cookie = launch(port, launch_link(FIX.teacher, FIX.class_own))
            self.assertIn("SameSite=None", cookie)
            self.assertEqual(with_cookie(port, "GET", "/api/session", cookie)[0], 200)
            time.sleep(2.5)
            self.assertEqual(with_cookie(port, "GET", "/api/session", cookie)[0], 401)  # idle too long
            link = launch_link(FIX.teacher, FIX.class_own)
            started = time.monotonic()  # before the session begins: its age is never more than this shows
            _, _, _, cookie = launch(port, link)
            statuses = []
            while time.monotonic() - started < 6.5:  # used every second: never idle, but at most 5 s
                status = with_cookie(port, "GET", "/api/session", cookie)[0]
                statuses.append((round(time.monotonic() - started, 1), status))
                time.sleep(1)
            self.assertTrue(all(code == 200 for t, code in statuses if t < 4.0), statuses)
            self.assertEqual(statuses[-1][1], 401, statuses)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)

    def test_connections_beyond_the_limit_are_turned_away_and_the_held_ones_still_served(self):
        proc, port = start_server(FIX.config, "--max-connections", "4", "--request-timeout", "5", tls=False)
        try:
            def health(c):
                c.request("GET", "/api/health")
                r = c.getresponse()
                r.read()
                return r.status
            held = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(4)]
            for c in held:
                self.assertEqual(health(c), 200)
            extra = socket.create_connection(("127.0.0.1", port), timeout=10)
            extra.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            try:
                self.assertEqual(extra.recv(100), b"")  # closed unanswered
            except ConnectionResetError:
                pass
            for c in held:  # still served
                self.assertEqual(health(c), 200)
            held[0].close()
            time.sleep(0.3)
            self.assertEqual(health(http.client.HTTPConnection("127.0.0.1", port, timeout=10)), 200)  # room again
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=20)

    def test_one_address_holding_idle_connections_cannot_starve_another(self):
        # Issue 14 item 6: 512 idle connections from one client left 0 of 39 others' requests served.
        # The flood comes from 127.0.0.1 and the others from 127.0.0.2 and 127.0.0.3 (Linux answers
        # all of 127.0.0.0/8 on loopback), so the flood's address can be given a small share.
        proc, port = start_server(FIX.config, "--max-connections-per-address", "16", "--request-timeout", "30")
        flood = []
        try:
            def health(c):
                c.request("GET", "/api/health")
                r = c.getresponse()
                r.read()
                return r.status
            held = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=10,
                                               source_address=("127.0.0.3", 0))
            self.assertEqual(health(held), 200)  # a client already served before the flood
            for _ in range(512):  # TCP only: never a handshake
                flood.append(socket.create_connection(("127.0.0.1", port), timeout=10))
            served = 0
            for _ in range(39):  # each on a new connection, as a browser opening pages would
                c = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=10,
                                                source_address=("127.0.0.2", 0))
                served += health(c) == 200
                c.close()
            self.assertEqual(served, 39)
            self.assertEqual(health(held), 200)  # and the held client is still served
            # The flood's address kept at most its 16; the rest were closed as they arrived.
            refused = 0
            for s in flood:
                if select.select([s], [], [], 0)[0]:
                    try:
                        refused += s.recv(1) == b""
                    except ConnectionResetError:
                        refused += 1
            self.assertGreaterEqual(refused, 512 - 16)
            # A connection whose handshake is done but which sends nothing is closed long before the 30 s
            # a request may take (the idle time is 5 s), giving its place back.
            idle = http.client.HTTPSConnection("127.0.0.1", port, context=tls_context(), timeout=25,
                                               source_address=("127.0.0.4", 0))
            idle.connect()
            started = time.monotonic()
            try:
                self.assertEqual(idle.sock.recv(10), b"")
            except ConnectionResetError:
                pass
            self.assertLess(time.monotonic() - started, 20)
        finally:
            for s in flood:
                s.close()
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        with open(os.path.join(ARGS.workdir, "serve-stderr.log"), encoding="utf-8") as f:
            self.assertIn("127.0.0.1 holds 16 connections, the most one address may", f.read())

    def test_plain_http_refused_off_loopback(self):
        proc = run("--config", FIX.config, "serve", "--listen", "0.0.0.0:0", check=1)
        self.assertIn("refusing plain HTTP", proc.stderr)
        for bad in ("*", "http://mis.example.org", "https://mis.example.org/page", "https://mis.example.org;script-src"):
            proc = run("--config", FIX.config, "serve", "--listen", "127.0.0.1:0", "--frame-ancestors", bad, check=1)
            self.assertIn("--frame-ancestors takes https origins", proc.stderr)
        proc = run("--config", FIX.config, "serve", "--listen", "127.0.0.1:0", "--cert", FIX.cert, check=1)
        self.assertIn("both --cert and --key", proc.stderr)

    def test_sigterm_finishes_in_flight_and_exits_0(self):
        proc, port = start_server(FIX.config, tls=False)  # plain HTTP: allowed on loopback
        try:
            # Two connections the server has accepted (a connection still in the kernel's queue when
            # the server stops listening is reset, as with any server).
            idle, busy = (http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(2))
            for c in (idle, busy):
                c.request("GET", "/api/health")
                self.assertEqual(c.getresponse().read(), b'{"status":"ok"}')
            busy.request("GET", "/api/register/summary", headers={"Authorization": "Bearer " + FIX.tokens["trust_officer"]})
            proc.send_signal(signal.SIGTERM)
            r = busy.getresponse()  # the request sent before the signal is answered
            self.assertEqual(r.status, 200)
            self.assertTrue(json.loads(r.read()))
            self.assertEqual(proc.wait(timeout=20), 0)
            self.assertEqual(idle.sock.recv(10), b"")  # the idle one was closed
        finally:
            if proc.poll() is None:
                proc.kill()
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2)


def main():
    global ARGS, FIX
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--openssl", default="openssl")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--lib", help="libsenmap.so: the access matrix through senmap_call_as as well")
    ARGS, rest = parser.parse_known_args()
    warnings.simplefilter("ignore", ResourceWarning)  # one short-lived connection per check
    started = time.monotonic()
    FIX = Fixture()
    print(f"fixture ready in {time.monotonic() - started:.1f} s", file=sys.stderr)
    result = unittest.main(argv=[sys.argv[0], "-v", *rest], warnings="ignore", exit=False).result
    sys.exit(0 if result.wasSuccessful() and documented_answers_given() else 1)


def documented_answers_given():
    """Every answer the tests were given is in the document for its route (printed: the ones not)."""
    proc, port = start_server(FIX.config, tls=False)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("GET", "/api/openapi.json")
        doc = json.loads(c.getresponse().read())
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    missing = undocumented_answers(doc, ANSWERS)
    routes = {(route_of(doc, m, t) or ("-",))[0] for m, t, _ in ANSWERS}
    print(f"answers given: {len(ANSWERS)} ({len({s for _, _, s in ANSWERS})} statuses, {len(routes)} routes); "
          f"undocumented: {len(missing)}", file=sys.stderr)
    for method, target, status in sorted(set(missing)):
        print(f"  undocumented: {method} {target} answered {status}", file=sys.stderr)
    return not missing and len(ANSWERS) > 100


if __name__ == "__main__":
    main()
