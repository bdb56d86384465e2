#!/usr/bin/env python3
"""The senmap command line end to end: the commands and JSON shapes scripts rely on."""
import argparse
import csv
import datetime
import filecmp
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
import unittest
import zipfile

ARGS = None


def senmap(*args, check=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=300)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


def demo_today(stdout):
    """The day the demo built its school year around (it prints it), so the expectations follow
    the demo's date, not the day these tests were written."""
    return datetime.date.fromisoformat(re.search(r"School year \d{4}/\d{2}, as of (\d{4}-\d{2}-\d{2})", stdout).group(1))


def reviews_held(terms, today):
    """Termly reviews the demo has held by `today`: a week before the end of the autumn and spring
    terms in its config (the summer cycle is reviewed next autumn), back to a weekday."""
    held = 0
    for term in terms[:2]:
        review = term["end"] - datetime.timedelta(days=7)
        while review.weekday() >= 5:
            review -= datetime.timedelta(days=1)
        held += review <= today
    return held


class Cli(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "school.db")
        self.small = os.path.join(ARGS.fixtures, "ctf", "ctf25_small.xml")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_help_on_every_command(self):
        for command in ([], ["import"], ["import", "ctf"], ["import", "oneroster"], ["register"], ["pupil"], ["demo"],
                        ["generate"], ["sync"], ["runs"], ["classes"], ["call"], ["ops"],
                        ["report", "provision-map"], ["report", "costs"], ["report", "analytics"], ["report", "evidence-pack"],
                        ["flags"], ["writeback"], ["outbox"], ["export", "ctf"]):
            proc = senmap(*command, "--help", check=0)
            self.assertIn("Usage", proc.stdout)

    def test_import_and_register_json_contract(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        register = json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)
        self.assertEqual([p["upn"] for p in register], ["P938412323002", "A938412323001", "T938412323004"])
        zoe = register[1]
        for key in ("upn", "surname", "forename", "status", "status_since", "needs"):
            self.assertIn(key, zoe)
        self.assertEqual((zoe["surname"], zoe["forename"]), ("O'Brien", "Zoë"))
        self.assertEqual(zoe["status"], "K")
        self.assertEqual(zoe["status_since"], "2024-09-04")
        self.assertEqual(zoe["needs"], [{"code": "SLCN", "rank": 1}, {"code": "SEMH", "rank": 2}])

    def test_register_csv_and_table(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        rows = list(csv.reader(io.StringIO(senmap("--db", self.db, "register", "--csv", check=0).stdout)))
        self.assertEqual(rows[0][:3], ["UPN", "Surname", "Forename"])
        self.assertEqual(len(rows), 4)
        self.assertIn(["P938412323002", "Evans-Jones", "Siân", "7", "E", "2024-03-01", "ASD SLCN"], rows)
        table = senmap("--db", self.db, "register", check=0).stdout
        self.assertIn("Zoë", table)
        summary = json.loads(senmap("--db", self.db, "register", "--summary", "--json", check=0).stdout)
        self.assertEqual(summary["status"]["roll"], 5)
        self.assertEqual(summary["status"]["ehc_plan"]["pupils"], 1)

    def test_pupil_json(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        pupil = json.loads(senmap("--db", self.db, "pupil", "P938412323002", "--json", check=0).stdout)
        self.assertEqual(pupil["status"], "E")
        self.assertEqual([h["status"] for h in pupil["status_history"]], ["K", "E"])
        self.assertTrue(pupil["looked_after"])
        missing = senmap("--db", self.db, "pupil", "A000000000000", check=1)
        self.assertIn("A000000000000", missing.stderr)

    def test_strict_refusal_lists_every_problem_and_exits_2(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        before = senmap("--db", self.db, "register", "--json", check=0).stdout
        with open(self.small, encoding="utf-8") as f:
            text = f.read()
        text = (text.replace("2025-03-14T10:00:00", "2025-05-01T10:00:00")
                    .replace("<SENtype>SEMH</SENtype>", "<SENtype>DYSL</SENtype>")
                    .replace("<UPN>D938412323003</UPN>", "<UPN>B938412323003</UPN>")
                    .replace("<Surname>Okafor</Surname>", "<Surname>Okafor-Reid</Surname>"))
        bad = self.path("bad.xml")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text)
        proc = senmap("--db", self.db, "import", "ctf", bad, check=2)
        self.assertIn("refused, 2 problem(s)", proc.stdout)
        self.assertIn(f"{bad}:", proc.stderr)
        self.assertIn("(UPN A938412323001) unknown SEN type", proc.stderr)
        self.assertIn("[found: DYSL]", proc.stderr)
        self.assertIn("(UPN B938412323003) UPN check letter is wrong", proc.stderr)
        self.assertEqual(senmap("--db", self.db, "register", "--json", check=0).stdout, before)

        proc = senmap("--db", self.db, "import", "ctf", "--lenient", "--json", bad, check=2)
        report = json.loads(proc.stdout)[0]
        self.assertEqual(report["pupils"]["rejected"], 2)
        self.assertEqual(report["pupils"]["changed"], 1)
        register = json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)
        self.assertIn("Okafor-Reid", [p["surname"] for p in register])

    def test_reimport_changes_nothing(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        proc = senmap("--db", self.db, "import", "ctf", self.small, check=0)
        self.assertIn("already imported", proc.stdout)

    def test_usage_errors(self):
        proc = senmap("register", check=64)
        self.assertIn("--db", proc.stderr)
        # Reading a database that does not exist is an error, and does not create it.
        proc = senmap("--db", self.path("typo.db"), "register", check=1)
        self.assertIn("cannot open database", proc.stderr)
        self.assertFalse(os.path.exists(self.path("typo.db")))
        senmap("--db", self.db, "import", "ctf", self.path("missing.xml"), check=64)
        senmap("frobnicate", check=64)

    def test_generate_is_deterministic(self):
        a, b, c = self.path("a.xml"), self.path("b.xml"), self.path("c.xml")
        senmap("generate", "--pupils", "120", "--seed", "7", "--out", a, check=0)
        senmap("generate", "--pupils", "120", "--seed", "7", "--out", b, check=0)
        senmap("generate", "--pupils", "120", "--seed", "8", "--out", c, check=0)
        self.assertTrue(filecmp.cmp(a, b, shallow=False))
        self.assertFalse(filecmp.cmp(a, c, shallow=False))
        senmap("--db", self.db, "import", "ctf", a, check=0)
        register = json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)
        self.assertGreater(len(register), 5)
        senmap("generate", "--pupils", "0", "--out", a, check=64)

    def test_call_and_ops(self):
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        ops = json.loads(senmap("ops", "--json", check=0).stdout)
        self.assertIn("ehcp.get", [o["name"] for o in ops])
        plan = json.loads(senmap("--db", self.db, "call", "ehcp.request",
                                 '{"upn":"P938412323002","la":"938","date":"2025-01-06"}', check=0).stdout)
        self.assertEqual(plan["deadlines"]["final_plan"], "2025-05-26")
        proc = subprocess.run([ARGS.senmap, "--db", self.db, "call", "ehcp.issue", "-"], input='{"upn":"P938412323002"}',
                              capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertEqual(json.loads(proc.stdout)["errors"], [{"field": "date", "rule": "required"}])
        got = json.loads(senmap("--db", self.db, "call", "ehcp.get", '{"upn":"P938412323002"}', check=0).stdout)
        self.assertEqual(sorted(got["deadlines"]), ["assessment_decision", "final_plan"])

    def test_provision_catalogue_round_trips_through_csv(self):
        for name, wave in (("Precision teaching", 2), ("Speech and language group", 3)):
            senmap("--db", self.db, "call", "provision.create", json.dumps({
                "name": name, "areas": ["SPLD", "Cognition and learning"], "wave": wave, "delivered_by": "ta",
                "group_size": 3, "sessions_per_week": 3, "minutes_per_session": 20, "weeks": 12,
                "staff_hourly_cost": 15.5, "resource_cost": 30, "description": "=HYPERLINK(\"x\")"}), check=0)
        exported = self.path("catalogue.csv")
        senmap("--db", self.db, "provision", "export", "--format", "csv", "--out", exported, check=0)
        with open(exported, encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(rows[0]["description"], "'=HYPERLINK(\"x\")")  # a formula never reaches Excel
        self.assertEqual(rows[0]["cost_per_pupil"], "72")
        other = self.path("other.db")
        senmap("--db", other, "provision", "import", exported, check=0)
        listed = json.loads(senmap("--db", other, "call", "provision.list", check=0).stdout)["provisions"]
        self.assertEqual([(p["name"], p["cost_per_pupil"]) for p in listed],
                         [("Precision teaching", 72.0), ("Speech and language group", 72.0)])
        bad = self.path("bad.csv")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("name,areas,wave,delivered_by,group_size,sessions_per_week,minutes_per_session,weeks,staff_hourly_cost\n"
                    "Lego group,ASD,2,ta,4,1,50,10,15.5\n"
                    "Nurture group,SEMH,7,ta,6,5,60,12,15.5\n")
        proc = senmap("--db", self.path("third.db"), "provision", "import", bad, check=2)
        self.assertIn(f"{bad}:3: wave: must be 1 (universal), 2 (targeted) or 3 (specialist)", proc.stderr)
        self.assertEqual(json.loads(senmap("--db", self.path("third.db"), "call", "provision.list", check=0).stdout)["provisions"], [])
        xlsx = self.path("catalogue.xlsx")
        senmap("--db", self.db, "provision", "export", "--format", "xlsx", "--out", xlsx, check=0)
        with zipfile.ZipFile(xlsx) as book:
            self.assertIn("xl/worksheets/sheet1.xml", book.namelist())

    def test_export_ctf_round_trip(self):
        """The register leaves senmap as a CTF 25 the MIS imports; re-imported into an empty senmap
        it is the same register, needs agreed at a review included."""
        senmap("--db", self.db, "import", "ctf", self.small, check=0)
        senmap("--db", self.db, "needs", "A938412323001", "--date", "today", "--need", "ASD", "--need", "SLCN", check=0)
        out = self.path("for-mis.xml")
        proc = senmap("--db", self.db, "export", "ctf", "--out", out, check=0)
        self.assertIn("5 pupils", proc.stdout)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("<CTFversion>25.0</CTFversion>", text)
        self.assertIn("<DocumentQualifier>partial</DocumentQualifier>", text)
        other = self.path("empty.db")
        senmap("--db", other, "import", "ctf", out, check=0)
        mine = json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)
        theirs = json.loads(senmap("--db", other, "register", "--json", check=0).stdout)
        self.assertEqual(theirs, mine)
        zoe = next(p for p in theirs if p["upn"] == "A938412323001")
        self.assertEqual(zoe["needs"], [{"code": "ASD", "rank": 1}, {"code": "SLCN", "rank": 2}])
        senmap("--db", self.path("nothing.db"), "export", "ctf", "--out", out, check=1)  # no such database

    def test_demo(self):
        proc = senmap("demo", "--dir", self.path("demo"), check=0)
        today = demo_today(proc.stdout)
        # The demo's school year is the one holding today (issue 14): a term running or to come,
        # so the sync has no "no current term" warning ...
        self.assertNotIn("Sync warning", proc.stdout)
        with open(self.path("demo/senmap.toml"), "rb") as f:
            terms = tomllib.load(f)["schools"][0]["terms"]
        self.assertTrue(any(t["end"] >= today for t in terms), terms)
        # ... the costs are the year so far, a period holding today ...
        period = re.search(r"Provision costs \d{4}/\d{2} so far \((\S+) to (\S+)\)", proc.stdout)
        self.assertLessEqual(datetime.date.fromisoformat(period.group(1)), today)
        self.assertEqual(datetime.date.fromisoformat(period.group(2)), today)
        self.assertIn("SEN register:", proc.stdout)
        self.assertIn("England", proc.stdout)
        self.assertIn("The register (first 15", proc.stdout)
        self.assertIn("Class provision map:", proc.stdout)
        self.assertIn("Provision map: 7 provisions in the catalogue", proc.stdout)
        self.assertRegex(proc.stdout, r"Flags: \d+ active")
        self.assertIn("attendance ", proc.stdout)  # a flag's evidence, e.g. "attendance 29.2%: 112 of 384 possible sessions"
        flags = json.loads(senmap("--db", self.path("demo/senmap.db"), "flags", "--json", check=0).stdout)["flags"]
        self.assertTrue(flags)
        for f in flags:
            for key in ("rule", "upn", "severity", "raised_on", "explanation", "evidence"):
                self.assertIn(key, f)
        # Written back through the CSV target: every item once, UPN-keyed, delivered in the outbox.
        self.assertRegex(proc.stdout, r"Written back for the MIS \(csv target, .*\): [1-9]\d* items")
        with open(self.path("demo/writeback/senmap-for-mis.csv"), encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        self.assertTrue(rows)
        self.assertEqual(len({r["idempotency_key"] for r in rows}), len(rows))
        self.assertIn("The register as a CTF 25 for the MIS", proc.stdout)
        self.assertTrue(os.path.exists(self.path("demo/writeback/senmap-register-ctf.xml")))
        outbox = json.loads(senmap("--db", self.path("demo/senmap.db"), "outbox", "--json", check=0).stdout)["items"]
        self.assertEqual({i["status"] for i in outbox}, {"delivered"})
        self.assertEqual(len(outbox), len(rows))
        # The readable table the demo tells people to run: every item a row, exit 0 (it failed with
        # "not an object" whenever the outbox held anything).
        table = senmap("--db", self.path("demo/senmap.db"), "outbox", check=0).stdout
        self.assertTrue(table.startswith("Item"), table[:200])
        self.assertEqual(sum(1 for line in table.splitlines() if " delivered " in line), len(outbox))
        rerun = json.loads(senmap("--db", self.path("demo/senmap.db"), "flags", "--run", "--json", check=0).stdout)
        self.assertEqual(rerun["run"]["raised"], 0)  # flags are not raised again every run
        self.assertEqual(rerun["run"]["still_active"], len(flags))
        self.assertTrue(os.path.exists(self.path("demo/senmap.db")))
        # Every EHC plan the school holds is on the statutory clock (issue 16): the two the demo
        # requests and issues, and the rest recorded as held on day one.
        register = json.loads(senmap("--db", self.path("demo/senmap.db"), "register", "--json", check=0).stdout)
        with_plans = [p["upn"] for p in register if p["status"] == "E"]
        self.assertGreater(len(with_plans), 10)
        self.assertRegex(proc.stdout, r"%d EHC plans on the statutory clock \(%d recorded as already held\)"
                         % (len(with_plans), len(with_plans) - 2))
        for upn in with_plans:
            plan = json.loads(senmap("--db", self.path("demo/senmap.db"), "call", "ehcp.get",
                                     json.dumps({"upn": upn}), check=0).stdout)
            self.assertIn("annual_review", plan["deadlines"], upn)
        # Running it again reuses the database: the file is recognised as already imported.
        again = senmap("demo", "--dir", self.path("demo"), check=0)
        self.assertIn("already imported", again.stdout)
        self.assertIn("Class provision map:", again.stdout)
        xlsx = self.path("map.xlsx")
        class_id = re.search(r"--class (\S+)", proc.stdout).group(1)
        senmap("--db", self.path("demo/senmap.db"), "report", "class-map", "--class", class_id, "--format", "xlsx",
               "--out", xlsx, check=0)
        with zipfile.ZipFile(xlsx) as book:
            self.assertIn("xl/worksheets/sheet1.xml", book.namelist())
        self.check_files_are_owner_only(self.path("demo/senmap.db"), class_id)
        # ... and reviews still to come on the class map, one at least within the fortnight.
        class_map = json.loads(senmap("--db", self.path("demo/senmap.db"), "report", "class-map", "--class", class_id,
                                      "--json", check=0).stdout)
        reviews = [datetime.date.fromisoformat(p["next_review"]) for p in class_map["pupils"] if p.get("next_review")]
        self.assertTrue(any(r > today for r in reviews), reviews)
        self.assertTrue(any(r <= today + datetime.timedelta(days=14) for r in reviews), reviews)
        # Sessions have been delivered once the first block has run a week or two (not so in the
        # first weeks of September).
        underway = today >= terms[0]["start"] + datetime.timedelta(days=35)
        self.check_whole_school_reports(self.path("demo/senmap.db"), (period.group(1), period.group(2)),
                                        reviews_held(terms, today), underway)

    def check_files_are_owner_only(self, db, class_id):
        """Every file senmap writes that holds pupil data is owner-only, as the database is, whatever
        the umask (a technician's is commonly 022), and a file already there readable by others is
        narrowed before it is written."""
        old = os.umask(0o022)
        try:
            out = {name: self.path(name) for name in ("map.xlsx", "map.csv", "costs.xlsx", "reviews.ics", "register.xml")}
            with open(out["map.csv"], "w") as f:
                f.write("left by someone else\n")
            os.chmod(out["map.csv"], 0o644)
            for fmt in ("xlsx", "csv"):
                senmap("--db", db, "report", "class-map", "--class", class_id, "--format", fmt, "--out", out[f"map.{fmt}"], check=0)
            senmap("--db", db, "report", "costs", "--format", "xlsx", "--out", out["costs.xlsx"], check=0)
            senmap("--db", db, "report", "calendar", "--out", out["reviews.ics"], check=0)
            senmap("--db", db, "export", "ctf", "--out", out["register.xml"], check=0)
            written = list(out.values()) + [self.path("demo/writeback/senmap-for-mis.csv")]
            for path in written:
                self.assertEqual(oct(os.stat(path).st_mode & 0o777), oct(0o600), path)
        finally:
            os.umask(old)

    def check_whole_school_reports(self, db, period, reviews_held, underway):
        """The demo's year so far through the report commands a SENCO takes to leaders."""
        period = ["--from", period[0], "--to", period[1]]
        whole = json.loads(senmap("--db", db, "report", "provision-map", *period, "--json", check=0).stdout)
        # The catalogue's 7, those with pupils placed: which needs are seeded follows the year's register.
        self.assertTrue(1 <= len(whole["provisions"]) <= 7, whole["provisions"])
        if underway:
            self.assertGreater(whole["totals"]["sessions_delivered"], 0)
        ehcp = json.loads(senmap("--db", db, "report", "provision-map", *period, "--status", "E", "--json", check=0).stdout)
        self.assertLess(ehcp["totals"]["cost"], whole["totals"]["cost"])
        self.assertEqual(ehcp["filters"], {"status": "E"})
        self.assertTrue(all(p["status"] == "E" for prov in ehcp["provisions"] for p in prov["pupils"]))
        costs = json.loads(senmap("--db", db, "report", "costs", *period, "--json", check=0).stdout)
        self.assertAlmostEqual(sum(p["cost"] for p in costs["by_provision"]), costs["total"]["cost"], places=1)
        self.assertAlmostEqual(sum(a["cost"] for a in costs["by_area"]), costs["total"]["cost"], places=1)
        self.assertAlmostEqual(costs["total"]["cost"], whole["totals"]["cost"], places=1)
        rows = list(csv.reader(io.StringIO(senmap("--db", db, "report", "costs", *period, "--format", "csv", check=0).stdout.lstrip("\ufeff"))))
        self.assertEqual(rows[0], ["By", "Name", "Pupils", "Cost (£)", "Cost per pupil (£)"])
        self.assertEqual(rows[-1][0], "Total")
        table = senmap("--db", db, "report", "analytics", check=0).stdout
        self.assertIn("England", table)
        analytics = json.loads(senmap("--db", db, "report", "analytics", "--json", check=0).stdout)
        self.assertEqual(analytics["roll"], 2000)
        self.assertEqual(len(analytics["trend"]), 6)
        self.assertIn("All with SEN", [g["group"] for g in analytics["attendance"]["groups"]])
        upn = whole["provisions"][0]["pupils"][0]["upn"]
        pack = json.loads(senmap("--db", db, "report", "evidence-pack", upn, "--json", check=0).stdout)
        self.assertEqual(pack["summary"]["cycles_reviewed"], reviews_held)  # the autumn and spring reviews held by today
        self.assertEqual([e["date"] for e in pack["chronology"]], sorted(e["date"] for e in pack["chronology"]))
        xlsx = self.path("pack.xlsx")
        senmap("--db", db, "report", "evidence-pack", upn, "--format", "xlsx", "--out", xlsx, check=0)
        with zipfile.ZipFile(xlsx) as book:
            self.assertIn("xl/worksheets/sheet1.xml", book.namelist())
        # A teacher's maps (and the whole print run) are the class maps, one per class.
        classes = json.loads(senmap("--db", db, "classes", "--json", check=0).stdout)
        teacher = next(c["teachers"][0]["id"] for c in classes if c["teachers"])
        maps = json.loads(senmap("--db", db, "report", "class-map", "--teacher", teacher, "--json", check=0).stdout)
        self.assertTrue(maps["classes"])
        for one in maps["classes"]:
            single = json.loads(senmap("--db", db, "report", "class-map", "--class", one["class"]["id"], "--json", check=0).stdout)
            self.assertEqual(single, one)
        every = json.loads(senmap("--db", db, "report", "class-map", "--teacher", "all", "--json", check=0).stdout)
        self.assertEqual(len(every["classes"]), len([c for c in classes]))
        senmap("--db", db, "report", "class-map", check=64)
        refused = senmap("--db", db, "report", "provision-map", "--area", "Dyslexia", check=2)
        self.assertIn("area", refused.stderr)
        senmap("--db", db, "report", "evidence-pack", "A123456789012", check=1)
        # Section F: the demo's EHC plans specify hours and the sessions attended count against them.
        plans = [p for prov in whole["provisions"] for p in prov["pupils"] if p["status"] == "E"]
        delivered = []
        for p in plans:
            got = senmap("--db", db, "call", "ehcp.get", json.dumps({"upn": p["upn"]}))
            if got.returncode == 0:
                for line in json.loads(got.stdout)["section_f"]:
                    delivered.append(line["delivered_hours"])
        self.assertEqual(len(delivered), 2)
        self.assertTrue(all(h > 0 for h in delivered) or not underway)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    parser.add_argument("--fixtures", required=True)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
