#!/usr/bin/env python3
"""The benchmark's reference: a plain-Python CTF import (stdlib xml.etree + sqlite3) storing the
same rows senmap stores (pupils, SEN status periods, needs, FSM periods, attendance years with
their marks, assessment results) in one transaction. It validates nothing, so it is a generous
reference: senmap also checks every rule and computes change fingerprints.

Usage: python_reference_import.py CTF_FILE DB_FILE"""
import sqlite3
import sys
import xml.etree.ElementTree as ET

SCHEMA = """
CREATE TABLE pupil (id INTEGER PRIMARY KEY, upn TEXT UNIQUE, uln, surname, forename, preferred_surname,
  preferred_forename, middle_names, dob, sex, nc_year, ethnicity, first_language, enrol_status,
  medical_flag, looked_after, care_authority);
CREATE TABLE fsm_period (pupil_id, start_date, end_date, country, PRIMARY KEY (pupil_id, start_date)) WITHOUT ROWID;
CREATE TABLE sen_status_period (pupil_id, start_date, provision, PRIMARY KEY (pupil_id, start_date)) WITHOUT ROWID;
CREATE TABLE sen_need (id INTEGER PRIMARY KEY, pupil_id, need_type, rank, start_date, end_date);
CREATE TABLE attendance_year (pupil_id, year, sessions_possible, sessions_authorised, sessions_attended,
  sessions_unauthorised, marks_start, marks, PRIMARY KEY (pupil_id, year)) WITHOUT ROWID;
CREATE TABLE assessment_result (pupil_id, seq, stage, locale, year, subject, method,
  component, result_status, result_qualifier, result, result_date, PRIMARY KEY (pupil_id, seq)) WITHOUT ROWID;
CREATE INDEX sen_need_pupil ON sen_need(pupil_id);
"""


def text(node, name):
    child = node.find(name)
    return child.text.strip() if child is not None and child.text else None


def main(ctf, db_path):
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.executescript(SCHEMA)
    root = ET.parse(ctf).getroot()
    with db:
        for pupil in root.find("CTFpupilData").findall("Pupil"):
            basic = pupil.find("BasicDetails")
            basic = basic if basic is not None else ET.Element("BasicDetails")
            language = None
            for t in basic.findall("Languages/Type"):
                if text(t, "LanguageType") == "F":
                    language = text(t, "Language")
            care = pupil.find("LookedAfter")
            cur = db.execute(
                "INSERT INTO pupil (upn, uln, surname, forename, preferred_surname, preferred_forename, middle_names,"
                " dob, sex, nc_year, ethnicity, first_language, enrol_status, medical_flag, looked_after,"
                " care_authority) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (text(pupil, "UPN"), text(pupil, "UniqueLearnerNumber"), text(pupil, "Surname"),
                 text(pupil, "Forename"), text(basic, "PreferredSurname"), text(basic, "PreferredForename"),
                 text(basic, "MiddleNames"), text(pupil, "DOB"), text(pupil, "Sex") or text(pupil, "Gender"),
                 text(basic, "NCyearActual"), text(basic, "Ethnicity"), language, text(basic, "EnrolStatus"),
                 text(basic, "MedicalFlag") == "true",
                 care is not None and text(care, "InCare") == "true",
                 text(care, "CareAuthority") if care is not None else None))
            pid = cur.lastrowid
            for f in pupil.findall("FSMhistory/FSMinstance"):
                db.execute("INSERT OR REPLACE INTO fsm_period VALUES (?,?,?,?)",
                           (pid, text(f, "FSMstartDate"), text(f, "FSMendDate"), text(f, "UKcountry")))
            for s in pupil.findall("SENhistory/SEN"):
                db.execute("INSERT OR REPLACE INTO sen_status_period VALUES (?,?,?)",
                           (pid, text(s, "StartDate"), text(s, "SENprovision")))
            for n in pupil.findall("SENhistory/SENneeds/SENneed") + pupil.findall("SENhistory/SEN/SENneeds/SENneed"):
                db.execute("INSERT INTO sen_need (pupil_id, need_type, rank, start_date, end_date) VALUES (?,?,?,?,?)",
                           (pid, text(n, "SENtype"), int(text(n, "SENtypeRank")), text(n, "NeedStartDate"),
                            text(n, "NeedEndDate")))
            for y in pupil.findall("Attendance/YearData"):
                holder = y.find("AttendSessions")
                holder = holder if holder is not None else y
                db.execute("INSERT OR REPLACE INTO attendance_year VALUES (?,?,?,?,?,?,?,?)",
                           (pid, int(text(y, "Year")), text(y, "SessionsPossible"), text(y, "SessionsAuthorised"),
                            text(y, "SessionsAttended"), text(y, "SessionsUnauthorised"),
                            text(holder, "AttendanceStartDate"), text(holder, "AttendanceMarks")))
            seq = 0
            for ks in pupil.findall("StageAssessments/KeyStage"):
                stage = text(ks, "Stage")
                for a in ks.findall("StageAssessment"):
                    seq += 1
                    db.execute("INSERT INTO assessment_result (pupil_id, seq, stage, locale, year, subject, method,"
                               " component, result_status, result_qualifier, result, result_date)"
                               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                               (pid, seq, stage, text(a, "Locale"), text(a, "Year"), text(a, "Subject"),
                                text(a, "Method"), text(a, "Component"), text(a, "ResultStatus"),
                                text(a, "ResultQualifier"), text(a, "Result"), text(a, "ResultDate")))
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
