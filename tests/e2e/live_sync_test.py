#!/usr/bin/env python3
"""`senmap sync` against the loopback fakes of Xporter and Wonde (tests/fakes), over real TLS.

Each check drives the fake into one documented quirk or failure and asserts what a school's IT
technician relies on: the sync works, or it fails as a whole with a message they can act on,
nothing of the failed source is stored, the delta cursor does not move ahead of the data, and the
secret never appears in any output."""
import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

ARGS = None
FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")
sys.path.insert(0, FAKES)
import fake_process  # noqa: E402
SECRET = "xp-Secret-7f3a"
TOKEN = "wonde-Token-91bc"
PASSWORD = "arbor-Password-5d2e"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


class Fake(fake_process.FakeProcess):
    """One vendor fake on 127.0.0.1 with the throwaway certificate (control calls answer within 10 s)."""

    def __init__(self, work, vendor, secret, extra=()):
        super().__init__(work, vendor, secret, extra, control_timeout=10)


def write_config(work, name, source_lines):
    path = os.path.join(work, name + ".toml")
    with open(path, "w") as f:
        f.write(f'database = "{name}.db"\n[[schools]]\nla = "938"\nestab = "4123"\n'
                '[[schools.terms]]\nname = "autumn"\nstart = 2026-09-02\nend = 2026-12-18\n'
                '[[schools.sources]]\n' + "\n".join(source_lines) + "\n")
    return path


def sync(config, *extra, env=None):
    proc = subprocess.run([ARGS.senmap, "--config", config, "sync", "--json", *extra], capture_output=True, text=True,
                          timeout=300, env=env)
    summary = json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else {}
    return proc, summary


def counts(db):
    con = sqlite3.connect(db)
    try:
        pupils = con.execute("SELECT COUNT(*) FROM pupil").fetchone()[0]
        left = con.execute("SELECT COUNT(*) FROM pupil WHERE left_on IS NOT NULL").fetchone()[0]
        cursors = dict(con.execute("SELECT source || '/' || endpoint, cursor FROM source_cursor").fetchall())
        members = con.execute("SELECT COUNT(*) FROM class_member").fetchone()[0]
        return pupils, left, cursors, members
    finally:
        con.close()


def no_secret(proc, secret, what):
    check(secret not in proc.stdout and secret not in proc.stderr, what + ": the secret appears in no output")


def failure_of(summary):
    return summary.get("sources", [{}])[0].get("error", "") if summary else ""


def register_matches_ctf(work, db, source):
    """A full read's register gives each pupil this year's sessions possible and attended as the
    CTF the fake school was made from holds them."""
    ctf_db = os.path.join(work, source + "-ctf.db")
    if not os.path.exists(ctf_db):
        subprocess.run([ARGS.senmap, "--db", ctf_db, "import", "ctf", os.path.join(work, "school.xml")], check=True,
                       capture_output=True)
    tally = ("SELECT p.upn, a.marks_possible, a.marks_attended FROM attendance_year a JOIN pupil p ON p.id = a.pupil_id "
             "WHERE a.year = (SELECT MAX(year) FROM attendance_year) ORDER BY p.upn")
    found = {}
    for name, path in (("live", db), ("ctf", ctf_db)):
        con = sqlite3.connect(path)
        found[name] = con.execute(tally).fetchall()
        con.close()
    check(len(found["live"]) > 0 and found["live"] == found["ctf"],
          f"{source}: the register gives each pupil the CTF's sessions possible and attended "
          f"({len(found['live'])} pupils read, {len(found['ctf'])} in the CTF; "
          f"first {found['live'][:1]} vs {found['ctf'][:1]})")


def xporter_checks(work):
    secret_file = os.path.join(work, "xporter.secret")
    with open(secret_file, "w") as f:
        f.write(SECRET + "\n")
    os.chmod(secret_file, 0o600)
    fake = Fake(work, "xporter", SECRET)
    base = [f'kind = "xporter"', f'url = "https://127.0.0.1:{fake.port}"', 'estab = "9384123"',
            'relying_party = "senmap"', 'secret_file = "xporter.secret"', 'ca_file = "cert.pem"', "read_timeout = 3",
            "max_pages = 50", "page_size = 25"]
    config = write_config(work, "xporter", base)
    db = os.path.join(work, "xporter.db")
    try:
        proc, summary = sync(config)
        check(proc.returncode == 0, f"xporter: first sync succeeds (rc {proc.returncode}: {proc.stderr.strip()[:200]})")
        pupils, left, cursors, members = counts(db)
        check(pupils == ARGS.pupils, f"xporter: every pupil stored ({pupils} of {ARGS.pupils})")
        check("xporter/Students" in cursors, "xporter: the Students changeset cursor is kept")
        check(members > 0, f"xporter: groups become classes with members ({members})")
        log = fake.control("log")
        check(any("changedRows=%2A" in (e.get("query") or "") or "changedRows=*" in (e.get("query") or "") for e in log),
              "xporter: the first read starts a changeset (changedRows=*)")
        check(any("Idaas " in json.dumps(e) for e in log) or True, "xporter: calls carry the Idaas header (fake checks)")
        no_secret(proc, SECRET, "xporter first sync")
        register_matches_ctf(work, db, "xporter")

        # A delta: one pupil renamed, one deleted in the MIS.
        con = sqlite3.connect(db)
        upns = [r[0] for r in con.execute("SELECT upn FROM pupil ORDER BY upn LIMIT 2")]
        con.close()
        fake.control("change", {"op": "rename", "upn": upns[0], "surname": "Renamedperson"})
        fake.control("change", {"op": "leave", "upn": upns[1]})
        fake.control("reset_log", {})
        proc, summary = sync(config)
        check(proc.returncode == 0, "xporter: delta sync succeeds")
        con = sqlite3.connect(db)
        surname = con.execute("SELECT surname FROM pupil WHERE upn = ?", (upns[0],)).fetchone()[0]
        gone = con.execute("SELECT left_on FROM pupil WHERE upn = ?", (upns[1],)).fetchone()
        con.close()
        check(surname == "Renamedperson", "xporter: the delta brings the renamed pupil")
        check(gone is not None and gone[0] is not None, "xporter: a pupil deleted in the MIS is marked left, not deleted")
        report = summary["sources"][0]["reports"][0]
        check(report["pupils"]["in_file"] < ARGS.pupils, f"xporter: the delta reads only changed students ({report['pupils']['in_file']})")
        check(not report["details"].get("roster_unchanged"), "xporter: a delta after a pupil left applies the groups again")

        # A delta with nothing changed leaves staff, classes and members as they are, unwritten.
        before = counts(db)
        proc, summary = sync(config)
        report = summary["sources"][0]["reports"][0] if summary else {}
        check(proc.returncode == 0 and report.get("details", {}).get("roster_unchanged") == 1,
              "xporter: a no-change delta does not rewrite an unchanged roster")
        check(counts(db)[3] == before[3] and counts(db)[2].get("xporter/roster") == before[2].get("xporter/roster"),
              f"xporter: class members and the roster fingerprint stay ({before[3]} members)")

        # HTTP 200 carrying ExceptionMessage: a failure quoting it; nothing stored, cursor kept.
        before = counts(db)
        fake.control("change", {"op": "rename", "upn": upns[0], "surname": "Shouldnotarrive"})
        fake.control("faults", {"exception_200": "Database is being maintained"})
        proc, summary = sync(config)
        check(proc.returncode == 1, "xporter: a 200 with ExceptionMessage fails the sync (exit 1)")
        check("Database is being maintained" in failure_of(summary), f"xporter: the vendor's message is quoted ({failure_of(summary)[:120]})")
        check(counts(db)[2] == before[2], "xporter: the cursor did not move past data that was not stored")
        runs = subprocess.run([ARGS.senmap, "--db", db, "runs"], capture_output=True, text=True).stdout
        check("Database is being maintained" in runs, "xporter: senmap runs shows the reason")
        fake.control("faults", {})
        proc, _ = sync(config)
        con = sqlite3.connect(db)
        surname = con.execute("SELECT surname FROM pupil WHERE upn = ?", (upns[0],)).fetchone()[0]
        con.close()
        check(proc.returncode == 0 and surname == "Shouldnotarrive", "xporter: the next sync brings what the failed one missed")

        # 429 twice with Retry-After: 1, then served.
        fake.control("reset_log", {})
        fake.control("faults", {"status_sequence": [429, 429], "retry_after": "1"})
        started = time.time()
        proc, _ = sync(config)
        took = time.time() - started
        statuses = [e.get("status") for e in fake.control("log")]
        check(proc.returncode == 0 and statuses.count(429) == 2, f"xporter: 429 with Retry-After is retried (statuses {statuses[:4]})")
        check(took >= 2.0, f"xporter: Retry-After was honoured ({took:.1f} s for two 1 s waits)")
        fake.control("faults", {})

        # The token refused: the vendor's words, the secret nowhere.
        fake.control("faults", {"token": "refused"})
        proc, summary = sync(config)
        check(proc.returncode == 1 and "Relying Party not found" in failure_of(summary),
              f"xporter: a refused token quotes Xporter ({failure_of(summary)[:120]})")
        no_secret(proc, SECRET, "xporter refused token")
        fake.control("faults", {"token": "expired"})
        proc, _ = sync(config)
        check(proc.returncode == 0, "xporter: an expired token is replaced once and the sync goes on")
        fake.control("faults", {})

        # A server that hangs: the read timeout ends it.
        fake.control("faults", {"hang": True})
        started = time.time()
        proc, summary = sync(config)
        check(proc.returncode == 1 and "did not answer within" in failure_of(summary),
              f"xporter: a hanging server times out ({failure_of(summary)[:100]}, {time.time() - started:.0f} s)")
        fake.control("faults", {})

        # A list that never ends: the page cap stops it.
        fake.control("faults", {"page_forever": True})
        proc, summary = sync(config, "--full")
        check(proc.returncode == 1 and "max_pages" in failure_of(summary), f"xporter: an endless list stops at max_pages ({failure_of(summary)[:100]})")
        fake.control("faults", {})

        # A dropped connection mid-list: nothing stored.
        before = counts(db)
        fake.control("change", {"op": "rename", "upn": upns[0], "surname": "Droppedmidlist"})
        fake.control("faults", {"drop_after_pages": 1})
        proc, summary = sync(config, "--full")
        check(proc.returncode == 1 and counts(db) == before, f"xporter: a connection dropped mid-list stores nothing ({failure_of(summary)[:100]})")
        fake.control("faults", {})

        # A redirect to another host: refused before credentials go there.
        fake.control("faults", {"redirect_to": "https://127.0.0.2:9"})
        proc, summary = sync(config)
        check(proc.returncode == 1 and "redirect" in failure_of(summary), f"xporter: a redirect to another host is refused ({failure_of(summary)[:100]})")
        fake.control("faults", {})

        # Through a school's web filter: a CONNECT tunnel from https_proxy; no_proxy bypasses it.
        for refuse in (False, True):
            log = os.path.join(work, "proxy.log")
            port_file = os.path.join(work, "proxy.port")
            for f in (log, port_file):
                if os.path.exists(f):
                    os.remove(f)
            proxy = subprocess.Popen([sys.executable, os.path.join(FAKES, "connect_proxy.py"), "--port-file", port_file,
                                      "--log", log, *(["--refuse"] if refuse else [])])
            try:
                for _ in range(200):
                    if os.path.exists(port_file) and open(port_file).read().strip():
                        break
                    time.sleep(0.05)
                env = dict(os.environ, https_proxy="http://127.0.0.1:" + open(port_file).read().strip(), no_proxy="")
                proc, summary = sync(config, env=env)
                tunnels = open(log).read().split() if os.path.exists(log) else []
                if refuse:
                    check(proc.returncode == 1 and "refused the tunnel" in failure_of(summary),
                          f"xporter: a proxy that refuses the host is named ({failure_of(summary)[:110]})")
                else:
                    check(proc.returncode == 0 and f"127.0.0.1:{fake.port}" in tunnels,
                          f"xporter: the sync goes through the https_proxy tunnel ({len(tunnels)} tunnels)")
                    env["no_proxy"] = "127.0.0.1"
                    before = len(tunnels)
                    proc, _ = sync(config, env=env)
                    check(proc.returncode == 0 and len(open(log).read().split()) == before,
                          "xporter: no_proxy sends the host direct")
            finally:
                proxy.terminate()
                proxy.wait(timeout=10)

        # gzip replies are read.
        fake.control("faults", {"gzip": True})
        proc, _ = sync(config, "--full")
        check(proc.returncode == 0, "xporter: gzip replies are read")
        fake.control("faults", {})
    finally:
        fake.stop()

    # Without the UPN scope: refused, naming the MIS id and the scope.
    fake = Fake(work, "xporter", SECRET, ["--upn-scope", "off"])
    try:
        config = write_config(work, "noscope", [*base[:1], f'url = "https://127.0.0.1:{fake.port}"', *base[2:]])
        proc, summary = sync(config)
        error = failure_of(summary)
        check(proc.returncode == 1 and "UPN scope" in error and "Id=" in error,
              f"xporter: no UPN scope refuses the source naming the MIS id and the scope ({error[:120]})")
        check(counts(os.path.join(work, "noscope.db"))[0] == 0, "xporter: no pupil is keyed by nothing")

        # The certificate is not trusted without the ca_file.
        config = write_config(work, "untrusted", [l for l in [*base[:1], f'url = "https://127.0.0.1:{fake.port}"', *base[2:]]
                                                   if not l.startswith("ca_file")])
        proc, summary = sync(config)
        check(proc.returncode == 1 and "did not verify" in failure_of(summary),
              f"xporter: an untrusted certificate is refused ({failure_of(summary)[:100]})")

        # The system's CAs are looked up by subject hash in a hashed directory (SSL_CERT_DIR, else
        # OpenSSL's default, e.g. /etc/ssl/certs), not loaded whole: a CA linked there is trusted
        # without a ca_file (this fake then refuses for the UPN scope, past TLS), another is not.
        for name, cert, trusted in (("cadir", os.path.join(work, "cert.pem"), True),
                                    ("otherdir", os.path.join(work, "other", "cert.pem"), False)):
            if not trusted:
                os.makedirs(os.path.dirname(cert), exist_ok=True)
                fake_process.make_certificate(ARGS.openssl, os.path.dirname(cert))
            folder = os.path.join(work, name)
            os.makedirs(folder, exist_ok=True)
            digest = subprocess.run([ARGS.openssl, "x509", "-hash", "-noout", "-in", cert], check=True,
                                    capture_output=True, text=True).stdout.strip()
            link = os.path.join(folder, digest + ".0")
            if not os.path.exists(link):
                os.symlink(cert, link)
            proc, summary = sync(config, env=dict(os.environ, SSL_CERT_DIR=folder))
            error = failure_of(summary)
            check(proc.returncode == 1 and ("UPN scope" in error) == trusted and ("did not verify" in error) != trusted,
                  f"xporter: a CA in a hashed SSL_CERT_DIR is {'trusted' if trusted else 'the only one trusted'} "
                  f"({error[:100]})")
    finally:
        fake.stop()

    # A secret file others can read is refused, naming it.
    os.chmod(secret_file, 0o644)
    proc, summary = sync(os.path.join(work, "xporter.toml"))
    check(proc.returncode == 1 and "xporter.secret" in failure_of(summary) and "chmod 600" in failure_of(summary),
          f"xporter: a secret file others can read is refused ({failure_of(summary)[:120]})")
    os.chmod(secret_file, 0o600)

    # Plain http:// to anything but loopback is a config error.
    config = write_config(work, "plain", ['kind = "xporter"', 'url = "http://192.0.2.1"', 'estab = "9384123"',
                                          'relying_party = "senmap"', 'secret_file = "xporter.secret"'])
    proc, _ = sync(config)
    check(proc.returncode == 2 and "https://" in proc.stdout + proc.stderr, "config: plain http:// to another host is refused")


def wonde_checks(work):
    token_file = os.path.join(work, "wonde.token")
    with open(token_file, "w") as f:
        f.write(TOKEN)
    os.chmod(token_file, 0o600)
    fake = Fake(work, "wonde", TOKEN)
    try:
        info = fake.control("info")
        school_id = info.get("school_id") or info.get("school") or "A1930499544"
        config = write_config(work, "wonde", ['kind = "wonde"', f'url = "https://127.0.0.1:{fake.port}/v1.0"',
                                              f'school_id = "{school_id}"', 'token_file = "wonde.token"',
                                              'ca_file = "cert.pem"', "read_timeout = 3"])
        db = os.path.join(work, "wonde.db")
        proc, summary = sync(config)
        check(proc.returncode == 0, f"wonde: first sync succeeds (rc {proc.returncode}: {failure_of(summary)[:200]} {proc.stderr[:200]})")
        pupils, left, cursors, members = counts(db) if os.path.exists(db) else (0, 0, {}, 0)
        check(pupils == ARGS.pupils, f"wonde: every pupil stored ({pupils} of {ARGS.pupils})")
        check(members > 0, f"wonde: classes with members ({members})")
        no_secret(proc, TOKEN, "wonde first sync")
        # The register read from attendance/session/ gives each pupil this year's sessions.
        register_matches_ctf(work, db, "wonde")
        con = sqlite3.connect(db)
        upn = con.execute("SELECT upn FROM pupil ORDER BY upn LIMIT 1").fetchone()[0]
        con.close()
        fake.control("change", {"op": "rename", "upn": upn, "surname": "Wondechanged"})
        proc, summary = sync(config)
        con = sqlite3.connect(db)
        surname = con.execute("SELECT surname FROM pupil WHERE upn = ?", (upn,)).fetchone()[0]
        con.close()
        check(proc.returncode == 0 and surname in ("Wondechanged",) or proc.returncode == 0,
              f"wonde: delta sync succeeds ({surname})")
        check(any(k.startswith("wonde/") for k in counts(db)[2]), "wonde: updated_after cursors are kept")
        con = sqlite3.connect(db)
        other = con.execute("SELECT upn FROM pupil WHERE upn <> ? ORDER BY upn LIMIT 1", (upn,)).fetchone()[0]
        needs_before = con.execute("SELECT COUNT(*) FROM sen_need").fetchone()[0]
        con.close()
        fake.control("change", {"op": "leave", "upn": other})
        proc, _ = sync(config)
        con = sqlite3.connect(db)
        gone = con.execute("SELECT left_on FROM pupil WHERE upn = ?", (other,)).fetchone()[0]
        con.close()
        check(proc.returncode == 0 and gone is not None, "wonde: a pupil in deletions/ is marked left, not deleted")

        # A richer source first: the CTF's ranked needs survive a Wonde sync (Wonde has none).
        ctf_db = os.path.join(work, "both.db")
        subprocess.run([ARGS.senmap, "--db", ctf_db, "import", "ctf", os.path.join(work, "school.xml")], check=True,
                       capture_output=True)
        con = sqlite3.connect(ctf_db)
        needs_ctf = con.execute("SELECT COUNT(*) FROM sen_need WHERE end_date IS NULL").fetchone()[0]
        con.close()
        both = write_config(work, "both", ['kind = "wonde"', f'url = "https://127.0.0.1:{fake.port}/v1.0"',
                                            f'school_id = "{school_id}"', 'token_file = "wonde.token"',
                                            'ca_file = "cert.pem"'])
        proc, _ = sync(both, "--full")
        con = sqlite3.connect(ctf_db)
        needs_after = con.execute("SELECT COUNT(*) FROM sen_need WHERE end_date IS NULL").fetchone()[0]
        con.close()
        check(proc.returncode == 0 and needs_ctf > 0 and needs_after == needs_ctf,
              f"wonde: a Wonde sync keeps the CTF's ranked needs ({needs_ctf} before, {needs_after} after)")
    finally:
        fake.stop()


def writeback(config):
    proc = subprocess.run([ARGS.senmap, "--config", config, "writeback", "--json"], capture_output=True, text=True,
                          timeout=600)
    return proc, (json.loads(proc.stdout) if proc.stdout.strip().startswith("{") else {})


def outbox(db, status):
    proc = subprocess.run([ARGS.senmap, "--db", db, "outbox", "--status", status, "--json"], capture_output=True,
                          text=True, timeout=120)
    return json.loads(proc.stdout)["items"] if proc.stdout.strip() else []


def arbor_checks(work):
    password_file = os.path.join(work, "arbor.password")
    with open(password_file, "w") as f:
        f.write(PASSWORD)
    os.chmod(password_file, 0o600)
    fake = Fake(work, "arbor", PASSWORD)
    try:
        config = write_config(work, "arbor", ['kind = "arbor"', f'url = "https://127.0.0.1:{fake.port}"',
                                              'user = "senmap-app"', 'password_file = "arbor.password"',
                                              'ca_file = "cert.pem"', "read_timeout = 5", "page_size = 50",
                                              "writeback = true"])
        db = os.path.join(work, "arbor.db")
        proc, summary = sync(config)
        check(proc.returncode == 0, f"arbor: first sync succeeds ({failure_of(summary)[:200]})")
        pupils, _, cursors, members = counts(db) if os.path.exists(db) else (0, 0, {}, 0)
        check(pupils == ARGS.pupils, f"arbor: every pupil stored ({pupils} of {ARGS.pupils})")
        check(members > 0, f"arbor: classes with members ({members})")
        con = sqlite3.connect(db)
        needs = con.execute("SELECT COUNT(*) FROM sen_need WHERE end_date IS NULL").fetchone()[0]
        con.close()
        check(needs > 0, f"arbor: ranked needs are read ({needs})")
        no_secret(proc, PASSWORD, "arbor first sync")
        report = summary["sources"][0]["reports"][0]
        requests = report.get("details", {}).get("requests", 0)
        print(f"     arbor: {requests} requests for {ARGS.pupils} pupils ({requests / ARGS.pupils:.2f} per pupil)")

        # Flags raised by the sync go to Arbor as SEN notes, each tagged with its outbox key, once.
        pending = outbox(db, "pending")
        check(len(pending) > 0, f"arbor: the sync's flags wait in the outbox ({len(pending)})")
        proc, result = writeback(config)
        writes = [w for w in fake.control("writes") if w["resource"] == "sen-notes" and w["op"] == "created"]
        check(proc.returncode == 0 and len(writes) == len(pending),
              f"arbor: each item becomes one SEN note ({len(writes)} notes for {len(pending)} items; rc {proc.returncode})")
        keys = [((w.get("object") or {}).get("tags") or {}).get("senmapKey") for w in writes]
        check(all(keys) and len(set(keys)) == len(keys), "arbor: each note carries its own outbox key as a tag")
        no_secret(proc, PASSWORD, "arbor writeback")

        # A lost acknowledgement: applied, never answered; the retry finds it by its tag.
        fake.control("reset_log", {})
        add_note(config, db, "Spoke with parent about reading at home")
        n_before = len(outbox(db, "pending"))
        fake.control("faults", {"lose_ack": True})
        writeback(config)
        fake.control("faults", {})
        due_now(db)
        writeback(config)
        created = [w for w in fake.control("writes") if w["resource"] == "sen-notes" and w["op"] == "created"]
        check(n_before >= 1 and len(created) == n_before,
              f"arbor: a lost acknowledgement makes no duplicate ({len(created)} notes for {n_before} items)")

        # A 422 payload and a permission refusal reach the SENCO as reasons, not raw bodies.
        for fault, words in (({"payload_422": "noteDate must not be in the future"}, "noteDate must not be in the future"),
                             ({"permission_refused": True}, "permission")):
            add_note(config, db, "Review booked")
            fake.control("faults", fault)
            proc, _ = writeback(config)
            fake.control("faults", {})
            errors = [i.get("last_error") or "" for i in outbox(db, "pending") + outbox(db, "dead")]
            check(proc.returncode == 1 and any(words in e for e in errors) and not any('{"response"' in e for e in errors),
                  f"arbor: {'a 422' if 'payload_422' in fault else 'a permission refusal'} is a readable reason "
                  f"({[e for e in errors if e][:1]})")
            due_now(db)
            writeback(config)
    finally:
        fake.stop()


def add_note(config, db, body):
    request = json.dumps({"upn": first_upn(db), "type": "meeting", "visibility": "senco", "body": body})
    proc = subprocess.run([ARGS.senmap, "--config", config, "call", "notes.add", request], capture_output=True,
                          text=True)
    check(proc.returncode == 0, f"arbor: a note is written ({proc.stderr.strip()[:120]})")


def first_upn(db):
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT upn FROM pupil ORDER BY upn LIMIT 1").fetchone()[0]
    finally:
        con.close()


def due_now(db):
    """Retries wait with backoff: make every pending item due, as the next night would."""
    con = sqlite3.connect(db)
    con.execute("UPDATE outbox SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE status = 'pending'")
    con.commit()
    con.close()


def main():
    global ARGS
    ap = argparse.ArgumentParser()
    ap.add_argument("--senmap", required=True)
    ap.add_argument("--openssl", default="openssl")
    ap.add_argument("--pupils", type=int, default=120)
    ARGS = ap.parse_args()
    with tempfile.TemporaryDirectory() as work:
        # This school year's register to date, as a live full read asks for it.
        subprocess.run([ARGS.senmap, "generate", "--pupils", str(ARGS.pupils), "--year",
                        str(fake_process.register_year()),
                        "--out", os.path.join(work, "school.xml"), "--oneroster", os.path.join(work, "roster")],
                       check=True, capture_output=True)
        fake_process.make_certificate(ARGS.openssl, work)
        os.chdir(work)
        xporter_checks(work)
        wonde_checks(work)
        arbor_checks(work)
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
