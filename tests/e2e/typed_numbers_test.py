#!/usr/bin/env python3
"""Numbers and dates end to end (issue 14, items 10 and 11). The XLSX exports are read back with a real
reader (Debian's python3-openpyxl): money, counts and percentages are numbers with a number format, dates
are Excel dates. CSV keeps plain values that re-import. What people read (CLI tables, flags --rules)
and the JSON the operations answer hold no number in exponent form (1.51E1, 9E1)."""
import argparse
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

try:
    import openpyxl
except ImportError:  # Debian's package, when CMake found a python3 of its own (pyenv, a venv)
    sys.path.append("/usr/lib/python3/dist-packages")
    import openpyxl

ARGS = None
PERIOD = []  # the demo's year of provision so far, as the demo prints it (its year is built around today)
EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9]")
JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def senmap(*args, check=0):
    proc = subprocess.run([ARGS.senmap, *args], capture_output=True, text=True, encoding="utf-8", timeout=600)
    if check is not None and proc.returncode != check:
        raise AssertionError(f"senmap {' '.join(args)} exited {proc.returncode}, wanted {check}\n"
                             f"stdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-2000:]}")
    return proc


def numbers_outside_strings(json_text):
    """The JSON text with every string literal blanked: what is left are numbers, keys' punctuation, literals."""
    return JSON_STRING.sub('""', json_text)


class TypedNumbers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        demo = senmap("demo", "--dir", os.path.join(cls.tmp.name, "demo"))
        cls.db = os.path.join(cls.tmp.name, "demo", "senmap.db")
        cls.class_id = re.search(r"--class (\S+)", demo.stdout).group(1)
        period = re.search(r"Provision costs \S+ so far \((\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)\)", demo.stdout)
        PERIOD[:] = ["--from", period.group(1), "--to", period.group(2)]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def run_json(self, *args):
        return json.loads(senmap("--db", self.db, *args).stdout)

    def sheet(self, name, *args):
        """A report written as XLSX by senmap, opened with openpyxl: (header, data rows as Cell tuples)."""
        path = os.path.join(self.tmp.name, name)
        senmap("--db", self.db, *args, "--format", "xlsx", "--out", path)
        rows = list(openpyxl.load_workbook(path).active.iter_rows())
        return [c.value for c in rows[0]], rows[1:]

    def assert_money(self, cell, expected=None):
        self.assertIsInstance(cell.value, (int, float), f"{cell.coordinate} holds {cell.value!r}, not a number")
        self.assertIn("£", cell.number_format)
        self.assertIn("#,##0.00", cell.number_format)
        if expected is not None:
            self.assertAlmostEqual(cell.value, expected, places=2)

    def assert_count(self, cell, expected=None):
        self.assertIsInstance(cell.value, int, f"{cell.coordinate} holds {cell.value!r}, not a whole number")
        if expected is not None:
            self.assertEqual(cell.value, expected)

    def assert_date(self, cell, expected):
        self.assertIsInstance(cell.value, datetime.datetime, f"{cell.coordinate} holds {cell.value!r}, not a date")
        self.assertEqual(cell.number_format, "dd/mm/yyyy")
        self.assertEqual(cell.value.date().isoformat(), expected)

    def assert_percent(self, cell, percent):
        self.assertIsInstance(cell.value, (int, float), f"{cell.coordinate} holds {cell.value!r}, not a number")
        self.assertEqual(cell.number_format, "0.0%")
        self.assertAlmostEqual(cell.value, percent / 100.0, places=9)  # Excel's percentage is a fraction

    def test_costs_xlsx_holds_money_and_counts(self):
        costs = self.run_json("report", "costs", *PERIOD, "--json")
        header, rows = self.sheet("costs.xlsx", "report", "costs", *PERIOD)
        self.assertEqual(header, ["By", "Name", "Pupils", "Cost (£)", "Cost per pupil (£)"])
        by_provision = {p["name"]: p for p in costs["by_provision"]}
        first = rows[0]
        self.assertEqual(first[0].value, "Provision")
        self.assert_count(first[2], by_provision[first[1].value]["pupils"])
        self.assert_money(first[3], by_provision[first[1].value]["cost"])  # costs.xlsx D2: was the text '1287.00'
        self.assert_money(first[4], by_provision[first[1].value]["cost_per_pupil"])
        for row in rows:
            self.assert_count(row[2])
            self.assert_money(row[3])
        total = rows[-1]
        self.assertEqual(total[0].value, "Total")
        self.assert_money(total[3], costs["total"]["cost"])
        # Excel can add the column: the provisions' costs sum to the total.
        provisions = [r for r in rows if r[0].value == "Provision"]
        self.assertAlmostEqual(sum(r[3].value for r in provisions), total[3].value, places=1)

    def test_costs_csv_keeps_plain_values(self):
        out = os.path.join(self.tmp.name, "costs.csv")
        senmap("--db", self.db, "report", "costs", *PERIOD, "--format", "csv", "--out", out)
        with open(out, encoding="utf-8-sig", newline="") as f:
            written = list(csv.reader(f))
        printed = list(csv.reader(io.StringIO(senmap("--db", self.db, "report", "costs", *PERIOD, "--format", "csv").stdout.lstrip("\ufeff"))))
        self.assertEqual(printed, written)
        self.assertEqual(written[0], ["By", "Name", "Pupils", "Cost (£)", "Cost per pupil (£)"])
        for row in written[1:]:
            self.assertRegex(row[2], r"^\d+$")
            self.assertRegex(row[3], r"^-?\d+(\.\d\d?)?$")  # 1287 or 107.49: no £, no separator, so it re-imports
            if row[4]:
                self.assertRegex(row[4], r"^-?\d+(\.\d\d?)?$")

    def test_class_map_dates_are_excel_dates(self):
        the_map = self.run_json("report", "class-map", "--class", self.class_id, "--json")
        header, rows = self.sheet("class-map.xlsx", "report", "class-map", "--class", self.class_id)
        column = header.index("Next review")
        reviews = {p["upn"]: p["next_review"] for p in the_map["pupils"]}
        self.assertTrue(any(reviews.values()), "the demo's busiest class has reviews due")
        for row in rows:
            due = reviews[row[0].value]
            if due:
                self.assert_date(row[column], due)
            else:
                self.assertIsNone(row[column].value)

    def test_analytics_xlsx_holds_percentages_and_counts(self):
        analytics = self.run_json("report", "analytics", "--json")
        header, rows = self.sheet("analytics.xlsx", "report", "analytics")
        school = next(r for r in rows if r[1].value == "This school")
        self.assert_count(school[header.index("Pupils")], analytics["roll"])
        self.assert_count(school[header.index("SEN support")], analytics["school"]["sen_support"])
        self.assert_percent(school[header.index("SEN support %")], analytics["school"]["sen_support_percent"])
        self.assert_percent(school[header.index("EHC plan %")], analytics["school"]["ehc_plan_percent"])
        attendance = [r for r in rows if r[0].value.startswith("Attendance")]
        self.assertTrue(attendance)
        group = {g["group"]: g for g in analytics["attendance"]["groups"]}[attendance[0][1].value]
        self.assert_percent(attendance[0][header.index("Attendance %")], group["attendance_percent"])
        self.assert_percent(attendance[0][header.index("Persistent absence %")], group["persistent_absence_percent"])

    def test_impact_xlsx_holds_numbers(self):
        impact = self.run_json("report", "impact", "--json")
        header, rows = self.sheet("impact.xlsx", "report", "impact")
        by_name = {p["provision"]["name"]: p for p in impact["provisions"]}
        self.assertEqual(len(rows), len(by_name))
        measured = 0
        for row in rows:
            p = by_name[row[0].value]
            self.assert_count(row[header.index("Placements ended")], p["placements_ended"])
            self.assert_money(row[header.index("Cost per pupil (£)")], p["cost_per_pupil"])
            if p["effect"]:
                g = row[header.index("Hedges' g")].value
                self.assertIsInstance(g, (int, float))
                self.assertAlmostEqual(g, p["effect"]["hedges_g"])
                measured += 1
        if not any(p["placements_ended"] for p in impact["provisions"]):
            self.skipTest("no termly block of the demo's year has ended yet: no effect sizes to check")
        self.assertGreater(measured, 0, "the demo has provisions with an effect size")

    def test_evidence_pack_and_provision_map_dates(self):
        whole = self.run_json("report", "provision-map", *PERIOD, "--json")
        upn = whole["provisions"][0]["pupils"][0]["upn"]
        pack = self.run_json("report", "evidence-pack", upn, "--json")
        header, rows = self.sheet("pack.xlsx", "report", "evidence-pack", upn)
        self.assertEqual(header[0], "Date")
        dated = [r for r in rows if r[1].value != "gap"]
        self.assertEqual(len(dated), len(pack["chronology"]))
        for row, event in zip(dated, pack["chronology"]):
            self.assert_date(row[0], event["date"])
        header, rows = self.sheet("provision-map.xlsx", "report", "provision-map", *PERIOD)
        first = whole["provisions"][0]
        self.assert_date(rows[0][header.index("Start")], first["pupils"][0]["start"])
        self.assert_money(rows[0][header.index("Cost per pupil (£)")], first["cost_per_pupil"])
        self.assert_count(rows[0][header.index("Sessions planned")], first["pupils"][0]["sessions_planned"])

    def test_people_read_no_exponents(self):
        rules = senmap("--db", self.db, "flags", "--rules").stdout
        self.assertIn("persistent_absence_percent=90", rules)
        self.assertIn("low_score=85", rules)
        for args in (["flags", "--rules"], ["report", "costs", *PERIOD], ["report", "analytics"], ["report", "impact"],
                     ["report", "provision-map", *PERIOD], ["register", "--summary"], ["provision", "list"]):
            shown = senmap("--db", self.db, *args).stdout
            self.assertIsNone(EXPONENT.search(shown), f"senmap {' '.join(args)} printed {EXPONENT.search(shown)}")
        costs = senmap("--db", self.db, "report", "costs", *PERIOD).stdout
        total = next(line for line in costs.splitlines() if line.startswith("Total"))
        self.assertRegex(total, r"£\d{1,3}(,\d{3})+\.\d\d")  # the demo's year costs thousands: £10,740.62
        analytics = senmap("--db", self.db, "report", "analytics").stdout
        self.assertRegex(analytics, r"\b\d+\.\d%")

    def test_operations_json_has_no_exponents(self):
        for args in (["report", "analytics", "--json"], ["report", "impact", "--json"], ["report", "costs", *PERIOD, "--json"],
                     ["call", "report.register_analytics"], ["register", "--summary", "--json"], ["call", "flags.rules"],
                     ["flags", "--run", "--json"], ["call", "provision.list"]):
            text = senmap("--db", self.db, *args).stdout
            json.loads(text)
            found = EXPONENT.search(numbers_outside_strings(text))
            self.assertIsNone(found, f"senmap {' '.join(args)} answered {found}")
        analytics = senmap("--db", self.db, "call", "report.register_analytics").stdout
        percent = json.loads(analytics)["school"]["sen_support_percent"]
        self.assertIn(f'"sen_support_percent":{percent:g}', analytics)  # e.g. 15.1, as a person writes it


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--senmap", required=True)
    ARGS, rest = parser.parse_known_args()
    result = unittest.main(argv=[sys.argv[0]] + rest, exit=False, verbosity=2).result
    sys.exit(0 if result.wasSuccessful() else 1)
