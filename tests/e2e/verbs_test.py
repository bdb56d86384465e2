#!/usr/bin/env python3
"""The graduated-approach verbs end to end (provision add, place, placement, session, cycle, ehcp) and the
provision catalogue through XLSX: each verb must change what the operations themselves return."""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
import zipfile
from xml.sax.saxutils import escape

ARGS = None
TODAY = datetime.datetime.now(datetime.timezone.utc).date()  # the library's today is UTC's


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def senmap(*args, check=None, stdin=None):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=300, input=stdin)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


def write_xlsx(path, rows):
    """A workbook as a third writer makes it: inline strings, numbers, the sheet named by the workbook.
    rows: {row number: [cell values]} (str is text, int/float a number)."""
    def cell(column, row, value):
        ref = f"{chr(ord('A') + column)}{row}"
        if isinstance(value, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'
    sheet_rows = "".join(f'<row r="{r}">' + "".join(cell(c, r, v) for c, v in enumerate(values) if v != "") + "</row>"
                         for r, values in sorted(rows.items()))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        book.writestr("_rels/.rels", f'<Relationships {pkg}><Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        book.writestr("xl/workbook.xml", f'<workbook {ns} xmlns:r="{rel}"><sheets><sheet name="Provision" sheetId="1" r:id="s1"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels", f'<Relationships {pkg}><Relationship Id="s1" Type="{rel}/worksheet" Target="worksheets/provision.xml"/></Relationships>')
        book.writestr("xl/worksheets/provision.xml", f"<worksheet {ns}><sheetData>{sheet_rows}</sheetData></worksheet>")


HEADER = ["name", "areas", "wave", "delivered_by", "group_size", "sessions_per_week", "minutes_per_session", "weeks",
          "staff_hourly_cost"]


class Verbs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.shared = tempfile.TemporaryDirectory()
        ctf = os.path.join(cls.shared.name, "school.xml")
        senmap("generate", "--pupils", "80", "--seed", "11", "--out", ctf, check=0)
        cls.school_ctf = ctf

    @classmethod
    def tearDownClass(cls):
        cls.shared.cleanup()

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.db = os.path.join(self.tmp.name, "school.db")

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def school(self):
        senmap("--db", self.db, "import", "ctf", self.school_ctf, check=0)
        register = json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)
        self.assertGreaterEqual(len(register), 3)
        return [p["upn"] for p in register]

    def call(self, op, request):
        return json.loads(senmap("--db", self.db, "call", op, json.dumps(request), check=0).stdout)

    def add_provision(self, name="Reading catch-up group", *extra):
        proc = senmap("--db", self.db, "provision", "add", "--name", name, "--areas", "SPLD", "--areas", "Cognition and learning",
                      "--wave", "2", "--delivered-by", "ta", "--group-size", "4", "--sessions-per-week", "3", "--minutes", "30",
                      "--weeks", "10", "--hourly-cost", "14.5", "--json", *extra, check=0)
        return json.loads(proc.stdout)

    def test_help_on_every_verb(self):
        for command in (["provision", "add"], ["place"], ["placement"], ["placement", "end"], ["placement", "show"],
                        ["session"], ["cycle"], ["cycle", "assess"], ["cycle", "plan"], ["cycle", "review"], ["cycle", "show"],
                        ["cycle", "list"], ["ehcp"], ["ehcp", "request"], ["ehcp", "decision"], ["ehcp", "issue"],
                        ["ehcp", "review"], ["ehcp", "report"], ["ehcp", "review-decision"], ["ehcp", "show"],
                        ["ehcp", "provision"], ["needs"], ["provision", "import"], ["exclusion", "import"],
                        ["exclusion", "record"], ["exclusion", "list"]):
            proc = senmap(*command, "--help", check=0)
            self.assertIn("Usage", proc.stdout, command)
        self.assertIn("TARGET::SUCCESS CRITERIA", senmap("cycle", "plan", "--help", check=0).stdout)
        self.assertIn(".xlsx", senmap("provision", "import", "--help", check=0).stdout)

    def test_provision_add(self):
        added = self.add_provision("Reading catch-up group", "--resource-cost", "60", "--measure", "reading age",
                                   "--measure-subject", "RDG", "--entry", "reading age 2 years below")
        got = self.call("provision.get", {"id": added["id"]})
        self.assertEqual(got["areas"], ["SPLD", "Cognition and learning"])
        self.assertEqual((got["wave"], got["delivered_by"], got["group_size"], got["weeks"]), (2, "ta", 4, 10))
        self.assertEqual((got["staff_hourly_cost"], got["resource_cost"], got["measure_subject"]), (14.5, 60.0, "RDG"))
        self.assertEqual(got["entry_criteria"], "reading age 2 years below")
        self.assertAlmostEqual(got["cost_per_pupil"], 69.38, delta=0.01)  # 15 hours x £14.50 / 4 + £60 / 4
        human = senmap("--db", self.db, "provision", "add", "--name", "Lego therapy", "--areas", "ASD", "--wave", "2",
                       "--delivered-by", "ta", "--group-size", "3", "--sessions-per-week", "1", "--minutes", "45",
                       "--weeks", "12", "--hourly-cost", "15", check=0)
        self.assertRegex(human.stdout, r'^Added "Lego therapy" to the catalogue \(provision \d+, wave 2\): £45\.00 per pupil')

        nurture = ["provision", "add", "--name", "Nurture group", "--areas", "SEMH", "--delivered-by", "ta",
                   "--sessions-per-week", "5", "--weeks", "12", "--hourly-cost", "15"]
        refused = senmap("--db", self.db, *nurture, "--wave", "7", "--group-size", "6", "--minutes", "60", check=2)
        self.assertIn("wave: must be 1 (universal), 2 (targeted) or 3 (specialist)", refused.stderr)
        self.assertIn("provision.create refused: nothing was recorded", refused.stderr)
        refused = senmap("--db", self.db, *nurture, "--wave", "3", "--group-size", "six", check=2)
        self.assertIn("group_size: must be a whole number (--group-size)", refused.stderr)
        self.assertIn("minutes_per_session: required (--minutes)", refused.stderr)
        as_json = senmap("--db", self.db, "provision", "add", "--name", "X", "--json", check=2)
        self.assertIn({"field": "wave", "rule": "required"}, json.loads(as_json.stdout)["errors"])
        names = [p["name"] for p in self.call("provision.list", {})["provisions"]]
        self.assertEqual(sorted(names), ["Lego therapy", "Reading catch-up group"])

    def test_exclusion_log_import_record_and_report(self):
        upns = self.school()
        log = self.path("exclusions.csv")
        start = (TODAY - datetime.timedelta(days=TODAY.weekday() + 7)).isoformat()  # last week's Monday
        with open(log, "w", encoding="utf-8") as f:
            f.write("UPN,Type,Start date,End date,Sessions lost,Reason code\n")
            f.write(f"{upns[0]},Fixed term,{start},{start},2,PD\n")
            f.write(f"{upns[1]},Fixed term,{start},,,VA\n")  # line 3: a suspension without its sessions
        refused = senmap("--db", self.db, "exclusion", "import", log, check=2)
        self.assertIn(f"{log}:3: {upns[1]}: sessions:", refused.stderr)
        self.assertIn("nothing was recorded", refused.stderr)
        self.assertEqual(self.call("exclusion.list", {"upn": upns[0]})["exclusions"], [])
        with open(log, "w", encoding="utf-8") as f:
            f.write("UPN,Type,Start date,End date,Sessions lost,Reason code\n")
            f.write(f"{upns[0]},Fixed term,{start},{start},2,PD\n")
            f.write(f"{upns[1]},Fixed term,{start},,4,VA\n")
        for _ in range(2):  # the same log again corrects, never doubles
            self.assertIn("Recorded 2 suspensions and exclusions", senmap("--db", self.db, "exclusion", "import", log, check=0).stdout)
        said = senmap("--db", self.db, "exclusion", "record", upns[2], "--kind", "permanent", "--start", start,
                      "--reason", "PA", check=0)
        self.assertIn(f"Recorded permanent of {upns[2]} from {start}", said.stdout)
        listed = senmap("--db", self.db, "exclusion", "list", upns[1], check=0).stdout
        self.assertIn("suspension  4 sessions  VA", listed)
        monday = datetime.date.fromisoformat(start)
        school_year = str(monday.year if monday.month >= 9 else monday.year - 1)
        report = json.loads(senmap("--db", self.db, "report", "exclusions", "--academic-year", school_year, "--json",
                                   check=0).stdout)
        all_pupils = next(g for g in report["groups"] if g["group"] == "all")
        self.assertGreaterEqual(all_pupils["suspensions"], 2)  # and any E marks of pupils without a record
        self.assertEqual(all_pupils["permanent_exclusions"], 1)
        self.assertEqual(report["pupils_counted_from_records"], 2)
        self.assertEqual(all_pupils["national_suspension_rate"], 11.31)
        csv_out = self.path("exclusions-report.csv")
        senmap("--db", self.db, "report", "exclusions", "--format", "csv", "--out", csv_out, check=0)
        with open(csv_out, encoding="utf-8-sig") as f:
            self.assertIn("England: suspensions per 100", f.readline())

    def test_agency_directory_team_and_advice(self):
        upns = self.school()
        refused = senmap("--db", self.db, "agency", "save", "Speech and Language Therapy", "--service", "wizardry", check=2)
        self.assertIn("service: must be one of educational_psychology", refused.stderr)
        said = senmap("--db", self.db, "agency", "save", "Speech and Language Therapy", "--service",
                      "speech_and_language_therapy", "--phone", "01632 960555", "--waiting-weeks", "18", check=0).stdout
        agency = re.search(r"^Agency (\d+): Speech and Language Therapy", said).group(1)
        said = senmap("--db", self.db, "agency", "involve", upns[0], "--agency", agency, "--referred", day(-60),
                      "--decision", "accepted", "--decided", day(-50), "--from", day(-18), "--professional",
                      "J. Therapist", check=0).stdout
        self.assertIn("speech_and_language_therapy), J. Therapist: involved since " + day(-18), said)
        cycle = self.call("cycle.assess", {"upn": upns[0], "date": day(-7)})["id"]
        senmap("--db", self.db, "agency", "advice", str(cycle), "--agency", agency, "--author", "J. Therapist",
               "--received", day(-7), "--recommendations", "Visual timetable", check=0)
        team = senmap("--db", self.db, "agency", "team", upns[0], check=0).stdout
        self.assertIn("J. Therapist: involved since", team)
        self.assertIn("Visual timetable", team)
        shown = json.loads(senmap("--db", self.db, "cycle", "show", str(cycle), "--json", check=0).stdout)
        self.assertEqual(shown["advice"][0]["author"], "J. Therapist")
        listed = json.loads(senmap("--db", self.db, "report", "agencies", "--json", check=0).stdout)
        self.assertEqual(listed["agencies"][0]["pupils_involved_now"], 1)
        self.assertAlmostEqual(listed["agencies"][0]["seen_wait_weeks"], 6.0, delta=0.05)  # 42 days
        out = self.path("agencies.csv")
        senmap("--db", self.db, "report", "agencies", "--format", "csv", "--out", out, check=0)
        with open(out, encoding="utf-8-sig") as f:
            self.assertIn("Wait seen (weeks)", f.readline())

    def test_demo_catalogue_round_trips_through_xlsx(self):
        demo = self.path("demo")
        senmap("demo", "--dir", demo, check=0)
        demo_db = os.path.join(demo, "senmap.db")
        # The demo's staff audit and one teacher's own SEND skills, through the CLI.
        audit = json.loads(senmap("--db", demo_db, "report", "staff-skills", "--json", check=0).stdout)
        self.assertEqual(len(audit["areas"]), 4)
        teacher = audit["staff"][0]["staff_id"]
        said = senmap("--db", demo_db, "staff", "confidence", teacher, "--semh", "5", check=0).stdout
        self.assertRegex(said, r"Social, emotional and mental health: \d+ pupils, trained \S+, confidence 5")
        refused = senmap("--db", demo_db, "staff", "training", teacher, "--course", "X", "--completed", day(-1),
                         "--area", "Juggling", check=2)
        self.assertIn("area: must be a broad area of need", refused.stderr)
        # The governors' report from the demo's own data: a printable file, no pupil named.
        html = self.path("governors.html")
        senmap("--db", demo_db, "report", "governors", "--format", "html", "--out", html, check=0)
        with open(html, encoding="utf-8") as f:
            document = f.read()
        self.assertTrue(document.startswith("<!DOCTYPE html>"))
        for shown in ("SEND report to governors", "What moved", "@page { size: A4 portrait"):
            self.assertIn(shown, document)
        register = json.loads(senmap("--db", demo_db, "register", "--json", check=0).stdout)
        self.assertFalse([p for p in register if f"{p['forename']} {p['surname']}" in document], "a pupil is named")
        # The SEN Information Report: the SENCO's text for a section kept, then published in the file.
        said = senmap("--db", demo_db, "sen-information", "edit", "complaints", "--text", "Talk to the SENCO first.",
                      check=0).stdout
        self.assertIn("Complaints about SEN provision: your text kept", said)
        info = self.path("info.html")
        senmap("--db", demo_db, "report", "sen-information", "--format", "html", "--out", info, check=0)
        with open(info, encoding="utf-8") as f:
            self.assertIn("<p>Talk to the SENCO first.</p>", f.read())
        self.assertTrue(os.path.exists(os.path.join(demo, "sen-information-report.html")))
        pack = os.path.join(demo, "handover-pack.html")  # the demo writes the SENCO's handover pack too
        with open(pack, encoding="utf-8") as f:
            handover = f.read()
        for shown in ("SENCO handover pack", "EHC plans and their next dates", "Agencies and their contacts"):
            self.assertIn(shown, handover)
        self.assertEqual(os.stat(pack).st_mode & 0o077, 0)  # it names pupils: the owner's only
        refused = senmap("--db", demo_db, "report", "costs", "--format", "html", "--out", html, check=1)
        self.assertIn("has no document form", refused.stderr)
        # TA deployment: the demo's TA-run sessions name their TA, so TAs' hours count.
        deployment = json.loads(senmap("--db", demo_db, "report", "ta-deployment", "--json", check=0).stdout)
        self.assertGreater(sum(t["sessions_led"] for t in deployment["tas"]), 0)
        self.assertEqual(deployment["sessions_without_staff"]["sessions"], 0)
        self.assertEqual(len(deployment["by_ta_share"]), 2)
        xlsx_audit = self.path("skills.xlsx")
        senmap("--db", demo_db, "report", "staff-skills", "--format", "xlsx", "--out", xlsx_audit, check=0)
        self.assertTrue(zipfile.is_zipfile(xlsx_audit))
        xlsx = self.path("catalogue.xlsx")
        senmap("--db", demo_db, "provision", "export", "--format", "xlsx", "--out", xlsx, check=0)
        proc = senmap("--db", self.db, "provision", "import", xlsx, check=0)
        self.assertIn("Imported 7 provisions", proc.stdout)

        def catalogue(db):
            listed = json.loads(senmap("--db", db, "call", "provision.list", check=0).stdout)["provisions"]
            return [{k: v for k, v in p.items() if k != "id"} for p in listed]
        self.assertEqual(catalogue(self.db), catalogue(demo_db))
        self.assertEqual(len(catalogue(self.db)), 7)

        # A workbook from another writer: numbers as numbers, an empty row, a bad wave in sheet row 4.
        bad = self.path("bad.xlsx")
        write_xlsx(bad, {1: HEADER, 2: ["Lego group", "ASD", 2, "ta", 4, 1, 50, 10, 15.5],
                         4: ["Nurture group", "SEMH; Social, emotional and mental health", 7, "ta", 6, 5, 60, 12, 15.5]})
        empty = self.path("empty.db")
        refused = senmap("--db", empty, "provision", "import", bad, check=2)
        self.assertIn(f"{bad}:4: wave: must be 1 (universal), 2 (targeted) or 3 (specialist)", refused.stderr)
        self.assertIn("nothing was imported", refused.stderr)
        self.assertEqual(catalogue(empty), [])
        good = self.path("good.xlsx")
        write_xlsx(good, {1: HEADER, 2: ["Lego group", "ASD", 2, "ta", 4, 1, 50, 10, 15.5]})
        senmap("--db", empty, "provision", "import", good, check=0)
        self.assertEqual([(p["name"], p["staff_hourly_cost"]) for p in catalogue(empty)], [("Lego group", 15.5)])

        not_a_workbook = self.path("notes.xlsx")
        with open(not_a_workbook, "w") as f:
            f.write("just some text\n")
        proc = senmap("--db", empty, "provision", "import", not_a_workbook, check=2)
        self.assertIn(f"{not_a_workbook}: not an XLSX workbook (not a zip archive)", proc.stderr)

    def test_place_session_and_end(self):
        upns = self.school()
        provision = self.add_provision()["id"]
        proc = senmap("--db", self.db, "place", upns[0], "--provision", str(provision), "--start", day(-30),
                      "--baseline", "7y2m", check=0)
        self.assertRegex(proc.stdout, rf"^Placed {upns[0]} on Reading catch-up group \(placement \d+\), from {day(-30)}: "
                                      r"30 sessions planned, 0 delivered, 0 attended")
        placement = int(proc.stdout.split("(placement ")[1].split(")")[0])
        second = json.loads(senmap("--db", self.db, "place", upns[1], "--provision", str(provision), "--start", day(-30),
                                   "--planned", "12", "--json", check=0).stdout)
        self.assertEqual(second["planned_sessions"], 12)
        got = self.call("placement.get", {"placement_id": placement})
        self.assertEqual((got["upn"], got["start"], got["planned_sessions"]), (upns[0], day(-30), 30))
        self.assertEqual(got["baseline"]["value"], "7y2m")

        # Placing again on the same provision is refused with the field named.
        again = senmap("--db", self.db, "place", upns[0], "--provision", str(provision), "--start", day(-1), check=2)
        self.assertIn("provision_id: the pupil is already on this provision", again.stderr)
        future = senmap("--db", self.db, "place", upns[2], "--provision", str(provision), "--start", day(30), check=2)
        self.assertIn("start: cannot be in the future", future.stderr)
        missing = "A938412323001"
        self.assertNotIn(missing, upns)
        senmap("--db", self.db, "place", missing, "--provision", str(provision), "--start", day(-1), check=1)

        session = senmap("--db", self.db, "session", "--provision", str(provision), "--date", day(-20), "--status",
                         "delivered", "--present", upns[0], "--staff", "Mrs Patel", check=0)
        self.assertIn(f"Recorded a delivered session of provision {provision} on {day(-20)}", session.stdout)
        self.assertIn("1 of 2 placed pupils present", session.stdout)
        senmap("--db", self.db, "session", "--provision", str(provision), "--date", day(-19), "--status", "cancelled", check=0)
        stranger = senmap("--db", self.db, "session", "--provision", str(provision), "--date", day(-18), "--status",
                          "delivered", "--present", upns[0], upns[2], check=2)
        self.assertIn(f"present: {upns[2]} is not placed on this provision", stranger.stderr)
        # The same command twice records one session: the second is refused, naming the first.
        repeat = senmap("--db", self.db, "session", "--provision", str(provision), "--date", day(-20), "--status",
                        "delivered", "--present", upns[0], check=2)
        self.assertIn(f"date: session {session.stdout.split('(session ')[1].split(')')[0]} of this provision is already "
                      f"recorded on {day(-20)}", repeat.stderr)
        got = self.call("placement.get", {"placement_id": placement})
        self.assertEqual((got["sessions"]["delivered"], got["sessions"]["attended"], got["sessions"]["cancelled"]), (1, 1, 1))

        ended = json.loads(senmap("--db", self.db, "placement", "end", str(placement), "--end", day(-2), "--exit", "8y0m",
                                  "--outcome", "Reading age up 10 months", "--json", check=0).stdout)
        self.assertEqual(ended["end"], day(-2))
        got = self.call("placement.get", {"placement_id": placement})
        self.assertEqual((got["end"], got["exit"]["value"], got["outcome"]), (day(-2), "8y0m", "Reading age up 10 months"))
        twice = senmap("--db", self.db, "placement", "end", str(placement), "--end", day(-1), check=2)
        self.assertIn("placement_id: this placement already ended", twice.stderr)
        shown = senmap("--db", self.db, "placement", "show", str(placement), check=0)
        self.assertIn("outcome: Reading age up 10 months", shown.stdout)
        senmap("--db", self.db, "placement", "show", "999999", check=1)

    def test_cycle(self):
        upns = self.school()
        upn = upns[0]
        provision = self.add_provision()["id"]
        placement = json.loads(senmap("--db", self.db, "place", upn, "--provision", str(provision), "--start", day(-40),
                                      "--json", check=0).stdout)["id"]
        assessed = json.loads(senmap("--db", self.db, "cycle", "assess", upn, "--date", day(-40), "--pupil-views",
                                     "I like reading with Miss", "--notes", "Decoding is the barrier", "--json", check=0).stdout)
        cycle = assessed["id"]
        self.assertEqual(assessed["stage"], "planning")
        refused = senmap("--db", self.db, "cycle", "plan", str(cycle), "--date", day(-39), "--review-due", day(-45),
                         "--target", "Read 40 CVC words::in one minute", check=2)
        self.assertIn("review_due: the review must be after the plan is made", refused.stderr)
        vague = senmap("--db", self.db, "cycle", "plan", str(cycle), "--date", day(-39), "--review-due", day(-5),
                       "--target", "Read 40 CVC words::in one minute", "--target", "Try harder", check=2)
        self.assertIn("targets[2]: each target needs", vague.stderr)
        planned = senmap("--db", self.db, "cycle", "plan", str(cycle), "--date", day(-39), "--review-due", day(-5),
                         "--target", "Read 40 CVC words::in one minute, twice running",
                         "--target", "Write a sentence::with a capital and full stop, unprompted", "--placement", str(placement),
                         check=0)
        self.assertIn(f"Cycle {cycle} for {upn} (do)", planned.stdout)
        self.assertIn("(success: in one minute, twice running)", planned.stdout)
        listed = self.call("cycle.list", {"upn": upn})["cycles"]
        self.assertEqual(len(listed), 1)
        targets = listed[0]["plan"]["targets"]
        self.assertEqual([(t["target"], t["success_criteria"]) for t in targets],
                         [("Read 40 CVC words", "in one minute, twice running"),
                          ("Write a sentence", "with a capital and full stop, unprompted")])
        self.assertEqual(listed[0]["plan"]["placements"], [placement])

        # The whole request from a file (stdin), with a flag overriding it.
        review = {"cycle_id": cycle, "date": day(-10), "next_step": "step_up", "parent_views": "Happier at home",
                  "targets": [{"id": targets[0]["id"], "result": "achieved", "evidence": "42 a minute"},
                              {"id": targets[1]["id"], "result": "partly"}]}
        partial = senmap("--db", self.db, "cycle", "review", str(cycle), "--date", day(-10), "--next-step", "continue",
                         "--result", f"{targets[0]['id']}=achieved", check=2)
        self.assertIn("has no result", partial.stderr)
        senmap("--db", self.db, "cycle", "review", "--request", "-", "--next-step", "continue", stdin=json.dumps(review),
               check=0)
        got = self.call("cycle.get", {"cycle_id": cycle})
        self.assertEqual(got["stage"], "reviewed")
        self.assertEqual(got["review"]["next_step"], "continue")
        self.assertEqual([(t["result"], t["evidence"]) for t in got["plan"]["targets"]],
                         [("achieved", "42 a minute"), ("partly", "")])

        # --result on the command line, for a second cycle.
        second = json.loads(senmap("--db", self.db, "cycle", "assess", upn, "--date", day(-4), "--json", check=0).stdout)["id"]
        senmap("--db", self.db, "cycle", "plan", str(second), "--date", day(-4), "--review-due", day(60),
               "--target", "Count on in tens::to 100", check=0)
        target = self.call("cycle.get", {"cycle_id": second})["plan"]["targets"][0]["id"]
        too_early = senmap("--db", self.db, "cycle", "review", str(second), "--date", day(-5), "--next-step", "continue",
                           "--result", f"{target}=not::absent for a week", check=2)
        self.assertIn("date: a review cannot come before the plan", too_early.stderr)
        senmap("--db", self.db, "cycle", "review", str(second), "--date", day(-1), "--next-step", "step_down",
               "--result", f"{target}=not::absent for a week", check=0)
        got = self.call("cycle.get", {"cycle_id": second})
        self.assertEqual((got["plan"]["targets"][0]["result"], got["plan"]["targets"][0]["evidence"]), ("not", "absent for a week"))
        table = senmap("--db", self.db, "cycle", "list", upn, check=0).stdout
        self.assertIn("step_down", table)
        self.assertIn(day(60), table)
        shown = json.loads(senmap("--db", self.db, "cycle", "show", str(second), "--json", check=0).stdout)
        self.assertEqual(shown, got)
        senmap("--db", self.db, "cycle", "show", "999999", check=1)
        senmap("--db", self.db, "cycle", "list", "A938412323001", check=1)

    def test_ehcp(self):
        upns = self.school()
        upn = upns[1]
        proc = senmap("--db", self.db, "ehcp", "request", upn, "--la", "938", "--date", day(-100), check=0)
        self.assertIn(f"EHC plan for {upn} (LA 938): requested {day(-100)}", proc.stdout)
        self.assertIn("assessment_decision due", proc.stdout)
        self.assertEqual(self.call("ehcp.get", {"upn": upn})["request_date"], day(-100))
        wrong = senmap("--db", self.db, "ehcp", "decision", upn, "--decision", "maybe", "--date", day(-90), check=2)
        self.assertIn("decision: ", wrong.stderr)
        bad_la = senmap("--db", self.db, "ehcp", "request", upn, "--la", "93", "--date", day(-1), "--json", check=2)
        self.assertTrue(json.loads(bad_la.stdout)["errors"])
        senmap("--db", self.db, "ehcp", "decision", upn, "--decision", "assess", "--date", day(-80), check=0)
        senmap("--db", self.db, "ehcp", "issue", upn, "--date", day(-20), check=0)
        senmap("--db", self.db, "ehcp", "review", upn, "--date", day(-1), check=0)
        got = self.call("ehcp.get", {"upn": upn})
        self.assertEqual((got["decision"], got["decision_date"], got["issue_date"], got["review_meetings"]),
                         ("assess", day(-80), day(-20), [day(-1)]))
        shown = json.loads(senmap("--db", self.db, "ehcp", "show", upn, "--json", check=0).stdout)
        self.assertEqual(shown, got)
        self.assertIn("annual_review due", senmap("--db", self.db, "ehcp", "show", upn, check=0).stdout)
        # After the meeting: its report to the LA and the LA's decision; a date ahead schedules the next.
        senmap("--db", self.db, "ehcp", "report", upn, "--date", day(0), check=0)
        said = senmap("--db", self.db, "ehcp", "review-decision", upn, "--decision", "maintain", "--date", day(0),
                      check=0).stdout
        self.assertIn(f"last annual review {day(-1)} (report sent {day(0)}; LA: maintain on {day(0)})", said)
        ahead = senmap("--db", self.db, "ehcp", "review", upn, "--date", day(300), check=0).stdout
        self.assertIn(f"next meeting scheduled {day(300)}", ahead)
        self.assertEqual(self.call("ehcp.get", {"upn": upn})["review_meetings"], [day(-1)])
        nobody = senmap("--db", self.db, "ehcp", "show", upns[2], check=1)
        self.assertIn("no EHC plan", nobody.stderr)
        # Section F: hours the plan specifies, delivered through a placement's attended sessions.
        provision = self.add_provision("Speech therapy")["id"]
        placed = json.loads(senmap("--db", self.db, "place", upn, "--provision", str(provision), "--start", day(-14), "--json", check=0).stdout)
        senmap("--db", self.db, "session", "--provision", str(provision), "--date", day(-7), "--status", "delivered",
               "--present", upn, check=0)
        line = senmap("--db", self.db, "ehcp", "provision", upn, "--description", "Speech therapy, 1 hour a week", "--hours", "1",
                      "--placement", str(placed["id"]), "--from", day(-14), check=0)
        self.assertIn("0.5 of", line.stdout)  # one 30-minute session attended
        section_f = self.call("ehcp.get", {"upn": upn})["section_f"]
        self.assertEqual(len(section_f), 1)
        self.assertEqual(section_f[0]["delivered_hours"], 0.5)
        self.assertEqual(section_f[0]["placements"], [placed["id"]])
        refused = senmap("--db", self.db, "ehcp", "provision", upn, "--description", "x", "--hours", "0", check=2)
        self.assertIn("hours_per_week", refused.stderr)

    def test_needs(self):
        upns = self.school()
        register = {p["upn"]: p for p in json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)}
        support = next(u for u in upns if register[u]["status"] == "K")
        plan = next((u for u in upns if register[u]["status"] == "E"), None)
        proc = senmap("--db", self.db, "needs", support, "--date", "today", "--need", "SPLD", "--need", "SEMH", check=0)
        self.assertIn("SPLD, SEMH", proc.stdout)
        after = {p["upn"]: p for p in json.loads(senmap("--db", self.db, "register", "--json", check=0).stdout)}
        self.assertEqual(after[support]["needs"], [{"code": "SPLD", "rank": 1}, {"code": "SEMH", "rank": 2}])
        bad = senmap("--db", self.db, "needs", support, "--date", "today", "--need", "DYSLEXIA", check=2)
        self.assertIn("needs[1].code", bad.stderr)
        if plan:
            nsa = senmap("--db", self.db, "needs", plan, "--date", "today", "--need", "NSA", check=2)
            self.assertIn("EHC plan", nsa.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
