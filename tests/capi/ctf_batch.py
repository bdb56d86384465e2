"""A school's CTF and OneRoster bundle as one senmap.ingest/1 batch (docs/ingest.md): what an MIS
that already holds the data would push through senmap_ingest instead of writing the files. Kept
beside the host tests as a worked mapping for integrators: each CTF element and OneRoster column
goes to the batch field of the same meaning."""
import csv
import os
import xml.etree.ElementTree as ET


def _text(node, path):
    found = node.find(path) if node is not None else None
    return found.text.strip() if found is not None and found.text else ""


def _put(target, key, value):
    if value not in ("", None):
        target[key] = value


def _pupil(p):
    out = {}
    for key, element in (("upn", "UPN"), ("uln", "UniqueLearnerNumber"), ("surname", "Surname"),
                         ("forename", "Forename"), ("dob", "DOB"), ("sex", "Sex")):
        _put(out, key, _text(p, element))
    basic = p.find("BasicDetails")
    for key, element in (("preferred_surname", "PreferredSurname"), ("preferred_forename", "PreferredForename"),
                         ("middle_names", "MiddleNames"), ("nc_year", "NCyearActual"), ("ethnicity", "Ethnicity"),
                         ("enrol_status", "EnrolStatus")):
        _put(out, key, _text(basic, element))
    if basic is not None:
        for language in basic.findall("Languages/Type"):
            if _text(language, "LanguageType") == "F":
                out["first_language"] = _text(language, "Language")
        if _text(basic, "MedicalFlag"):
            out["medical_flag"] = _text(basic, "MedicalFlag") in ("true", "1")
    if p.find("LookedAfter") is not None:
        out["looked_after"] = _text(p, "LookedAfter/InCare") in ("true", "1")
        _put(out, "care_authority", _text(p, "LookedAfter/CareAuthority"))
    out["fsm"] = []
    for spell in p.findall("FSMhistory/FSMinstance"):
        entry = {"start": _text(spell, "FSMstartDate")}
        _put(entry, "end", _text(spell, "FSMendDate"))
        _put(entry, "country", _text(spell, "UKcountry"))
        out["fsm"].append(entry)
    history = p.find("SENhistory")
    if history is not None:
        status = [{"start": _text(s, "StartDate"), "provision": _text(s, "SENprovision")}
                  for s in history.findall("SEN")]
        needs = []
        for need in history.findall("SENneeds/SENneed") + history.findall("SEN/SENneeds/SENneed"):
            entry = {"type": _text(need, "SENtype"), "rank": int(_text(need, "SENtypeRank"))}
            _put(entry, "start", _text(need, "NeedStartDate"))
            _put(entry, "end", _text(need, "NeedEndDate"))
            needs.append(entry)
        out["sen"] = {"status": status, "needs": needs}
    out["attendance"] = []
    for year in p.findall("Attendance/YearData"):
        entry = {"year": int(_text(year, "Year"))}
        for key, element in (("lea", "LEA"), ("estab", "Estab"), ("school_name", "SchoolName")):
            _put(entry, key, _text(year, element))
        for key, element in (("sessions_possible", "SessionsPossible"), ("sessions_attended", "SessionsAttended"),
                             ("sessions_authorised", "SessionsAuthorised"),
                             ("sessions_unauthorised", "SessionsUnauthorised")):
            if _text(year, element):
                entry[key] = int(_text(year, element))
        holder = year.find("AttendSessions") if year.find("AttendSessions") is not None else year
        if _text(holder, "AttendanceMarks"):
            entry["marks_start"] = _text(holder, "AttendanceStartDate")
            entry["marks"] = _text(holder, "AttendanceMarks")
        out["attendance"].append(entry)
    out["assessments"] = []
    for stage in p.findall("StageAssessments/KeyStage"):
        for a in stage.findall("StageAssessment"):
            entry = {"stage": _text(stage, "Stage")}
            for key, element in (("locale", "Locale"), ("subject", "Subject"), ("method", "Method"),
                                 ("component", "Component"), ("result_status", "ResultStatus"),
                                 ("result_qualifier", "ResultQualifier"), ("result", "Result"),
                                 ("result_date", "ResultDate")):
                _put(entry, key, _text(a, element))
            if _text(a, "Year"):
                entry["year"] = int(_text(a, "Year"))
            out["assessments"].append(entry)
    return out


def _rows(bundle, name):
    with open(os.path.join(bundle, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def batch_from(ctf_path, oneroster_dir=None):
    root = ET.parse(ctf_path).getroot()
    header = root.find("Header")
    school = {"la": _text(header, "SourceSchool/LEA"), "estab": _text(header, "SourceSchool/Estab"),
              "name": _text(header, "SourceSchool/SchoolName")}
    batch = {"schema": "senmap.ingest/1", "school": school, "as_of": _text(header, "DateTime"),
             "full": _text(header, "DocumentQualifier") != "partial",
             "pupils": [_pupil(p) for p in root.findall("CTFpupilData/Pupil")]}
    if oneroster_dir:
        users = {u["sourcedId"]: u for u in _rows(oneroster_dir, "users.csv")}
        roles = {r["userSourcedId"]: r["role"] for r in _rows(oneroster_dir, "roles.csv")}
        # A class lists who is in it on the batch's day: enrolments that have ended are left out.
        day = batch["as_of"][:10]
        enrollments = [e for e in _rows(oneroster_dir, "enrollments.csv") if not e["endDate"] or e["endDate"] > day]
        staff_ids = {e["userSourcedId"] for e in enrollments if e["role"] != "student"}
        batch["staff"] = [{"id": sid, "surname": users[sid]["familyName"], "forename": users[sid]["givenName"],
                           "email": users[sid]["email"],
                           "role": "aide" if roles.get(sid) == "aide" else "teacher"}
                          for sid in sorted(staff_ids)]
        batch["classes"] = []
        for c in _rows(oneroster_dir, "classes.csv"):
            members = [e for e in enrollments if e["classSourcedId"] == c["sourcedId"]]
            entry = {"id": c["sourcedId"], "title": c["title"], "code": c["classCode"],
                     "teachers": [e["userSourcedId"] for e in members if e["role"] == "teacher"],
                     "aides": [e["userSourcedId"] for e in members if e["role"] == "aide"],
                     "pupils": [users[e["userSourcedId"]]["identifier"] for e in members if e["role"] == "student"]}
            _put(entry, "subject", c["subjects"])
            batch["classes"].append(entry)
    return batch
