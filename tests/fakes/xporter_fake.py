#!/usr/bin/env python3
"""Loopback fake of Groupcall Xporter on Demand, for the senmap Xporter adapter's tests.

Reproduces the documented and recorded behaviour in /work/shared/mis-apis.md: the GetToken
exchange whose failures answer 200 with `token: null`, `Authorization: Idaas <token>`, named
arrays with `__pagination__` whose NextPage is set even on the last page, errors as HTTP 200 with
ExceptionMessage, UPN null without the UPN scope, "Year  7" with two spaces, and changesets
(`changedRows`) that must be replayed with exactly the same parameters. See README.md.
"""
import datetime as dt
import hashlib
import json
import math
import re
import secrets

import fake_http
from fake_http import Reply

ATTENDANCE_CODES = [  # DfE codes (England): (code, meaning group)
    ("/", "present"), ("\\", "present"), ("L", "present"), ("B", "aea"), ("D", "aea"), ("J", "aea"),
    ("P", "aea"), ("V", "aea"), ("W", "aea"), ("K", "aea"), ("C", "authorised"), ("E", "authorised"),
    ("H", "authorised"), ("I", "authorised"), ("M", "authorised"), ("R", "authorised"), ("S", "authorised"),
    ("T", "authorised"), ("Q", "authorised"), ("G", "unauthorised"), ("N", "unauthorised"),
    ("O", "unauthorised"), ("U", "unauthorised"), ("X", "not counted"), ("Y", "not counted"),
    ("Z", "not counted"), ("#", "not counted"), ("-", "not counted")]


def iso(v):
    """Xporter's dates and datetimes: 2009-10-26T00:00:00."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.strftime("%Y-%m-%dT%H:%M:%S")
    return v.isoformat() + "T00:00:00"


def year_group(nc):
    """NC year as Xporter writes it: "Year  7", "Year  N2", "Year  R" (two spaces, recorded)."""
    return None if nc is None else "Year  " + nc


class Xporter(fake_http.FakeApp):
    @classmethod
    def add_args(cls, ap):
        ap.add_argument("--upn-scope", choices=["on", "off"], default="on",
                        help="whether the application was granted the UPN scope")
        ap.add_argument("--relying-party", default="senmap")

    def __init__(self, school, args):
        super().__init__(school, args)
        self.secret = args.secret or "fake-xporter-secret"
        self.tokens = {}  # token -> {"serial", "estab"}
        self.serial, self.reject_mark, self.seen_faults = 0, None, None
        self.changesets = {}  # NextChangedRows -> (endpoint, parameters, revision)
        self.endpoints = {
            "students": ("Students", self.students), "sen": ("SEN", self.sen), "staff": ("Staff", self.staff),
            "groups": ("Groups", self.groups), "attendancemarks": ("AttendanceMarks", self.attendance),
            "attendancecodes": ("AttendanceCodes", self.codes), "assessmentresults": ("AssessmentResults", self.results)}

    def info(self):
        with self.school.lock:  # changesets are added while pages are served
            changesets = {token: held[2] for token, held in self.changesets.items()}
        return {"vendor": "xporter", "estab": self.school.dfe, "relyingParty": self.args.relying_party,
                "secret_default": self.args.secret is None,
                "changesets": changesets}  # NextChangedRows -> the revision it covers (for crash tests)

    # ---- token -------------------------------------------------------------------------------
    def get_token(self, req):
        body = req.json() or {}
        fault = self.faults.get("token")
        failure = None
        if fault == "paused":
            failure = "Authorisation is currently paused"
        elif (fault == "refused" or not isinstance(body, dict) or body.get("estab") != self.school.dfe
              or body.get("password") != self.secret or not body.get("relyingParty")):
            failure = "Relying Party not found for estab or secret not correct"
        if failure:  # recorded: a refusal is HTTP 200 with a null token
            return Reply(200, {"token": None, "expires": None, "issued": None, "ExceptionMessage": failure})
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        self.serial += 1
        token = secrets.token_urlsafe(24)
        self.tokens[token] = {"serial": self.serial, "estab": body["estab"]}
        return Reply(200, {"token": token, "issued": iso(now), "expires": iso(now + dt.timedelta(days=3)),
                           "estab": body["estab"], "relyingParty": body["relyingParty"], "ExceptionMessage": None})

    def authorise(self, req, estab):
        """None when the call may go on, else the reply that refuses it."""
        if self.faults is not self.seen_faults:  # a new fault set starts a new "expired" round
            self.seen_faults, self.reject_mark = self.faults, None
        auth = req.headers.get("Authorization") or ""
        token = auth[6:].strip() if auth.startswith("Idaas ") else None
        held = self.tokens.get(token)
        fault = self.faults.get("token")
        if fault == "paused":
            return Reply(200, {"ExceptionMessage": "Authorisation is currently paused"})
        if held is None or fault == "refused":
            return Reply(401, {"ExceptionMessage": "Authorization has been refused: token not valid"})
        if fault == "expired" and (self.reject_mark is None or held["serial"] <= self.reject_mark):
            # Every token held so far is spent; one fetched after this refusal works.
            self.reject_mark = self.serial
            del self.tokens[token]
            return Reply(401, {"ExceptionMessage": "Authorization has been refused: token expired"})
        if held["estab"] != estab:
            return Reply(401, {"ExceptionMessage": "Token not valid for this estab"})
        return None

    # ---- requests ----------------------------------------------------------------------------
    def handle(self, req):
        if req.method == "POST" and req.path.lower() == "/api/oauth/gettoken":
            return self.get_token(req)
        m = re.fullmatch(r"/api/v1/school/([^/]+)/([A-Za-z]+)/?", req.path, re.I)
        if not m or req.method != "GET":
            return Reply(404, {"ExceptionMessage": "No such endpoint"})
        refused = self.authorise(req, m.group(1))
        if refused:
            return refused
        if self.faults.get("exception_200"):
            return Reply(200, {"ExceptionMessage": str(self.faults["exception_200"])})
        found = self.endpoints.get(m.group(2).lower())
        if found is None:
            return Reply(200, {"ExceptionMessage": "Endpoint not found: " + m.group(2)})
        # After the token and fault checks: the reply depends only on the endpoint and the query
        # (the token's estab is the path's, checked above).
        return self.cached((req.path.lower(), req.raw_query), lambda: self.listing(req, *found))

    def listing(self, req, name, source):
        q = req.query
        try:
            page = int(q.get("page") or 1)
            size = int(q.get("pageSize") or 250)
            since = dt.datetime.fromisoformat(q["updatedSince"]) if q.get("updatedSince") else None
            if page < 1 or not 1 <= size <= 5000:
                raise ValueError()
        except ValueError:
            return Reply(200, {"ExceptionMessage": "Invalid page, pageSize or updatedSince"})
        params = tuple(sorted((k, v) for k, v in req.pairs if k not in ("page", "changedRows")))
        try:
            units, tombstones = self.memo((name, params), lambda: source(q))
        except ValueError as e:
            return Reply(200, {"ExceptionMessage": str(e)})
        changed = q.get("changedRows")
        if changed and changed != "*":
            held = self.changesets.get(changed)
            if held is None:
                return Reply(200, {"ExceptionMessage": "changedRows value not recognised"})
            if held[:2] != (name, params):  # recorded: a changeset is bound to its parameters
                return Reply(200, {"ExceptionMessage": "changedRows must be used with the same parameters and options"})
            units = [u for u in units if u[0] > held[2]]
            tombstones = [t for t in tombstones if t[0] > held[2]]
        else:
            tombstones = []  # a full read (or changedRows=*) lists what is there, no deletions
        if since:
            units = [u for u in units if u[1] > since]
        chunk, more = self.paginate(units, page, size)
        arrays = {}
        for array in source.arrays:
            arrays[array] = []
        for unit in chunk:
            for array, rows in unit[2]().items():
                arrays[array].extend(rows)
        count = math.ceil(len(units) / size) if units else 1
        body = dict(arrays)
        body["meta"] = {"Estab": self.school.dfe, "SchoolName": self.school.name, "Endpoint": name,
                        "Options": q.get("options"), "DataCachedAt": iso(self.school.loaded_at)}
        body["__pagination__"] = [{"PageSize": size, "PageNumber": page, "RowCount": len(units),
                                   "PageCount": page + 1 if more and self.faults.get("page_forever") else count,
                                   "NextPage": page + 1}]  # recorded: set even on the last page
        if changed:
            token = "CR" + hashlib.sha1(repr((name, params, self.school.rev)).encode()).hexdigest()[:24].upper()
            self.changesets[token] = (name, params, self.school.rev)
            body["__changedRows__"] = [{"NextChangedRows": token, "Revision": self.school.rev}]
            for array in source.arrays:
                body[array + "_deleted"] = [{"Id": t[2]} for t in tombstones if t[1] == array]
        return Reply(200, body)

    # ---- datasets: each returns units (revision, updated, make-rows) and tombstones -----------
    # A unit is what changes together (a pupil's SEN rows come and go as one).
    def students(self, q):
        s, scope = self.school, self.args.upn_scope == "on" and not self.faults.get("no_upn_scope")
        units, dead = [], []
        for p in s.pupils:
            if p.deleted:
                dead.append((p.rev, "Students", p.xporter_id))
                continue
            units.append((max(p.rev, s.sen_rev(p)), max(p.updated, s.sen_updated(p)),
                          lambda p=p: {"Students": [self.student_row(p, scope)]}))
        return units, dead
    students.arrays = ["Students"]

    def student_row(self, p, scope):
        ncy = p.nc_year or ""
        start = self.school.academic_year - (int(ncy) - 7 if ncy.isdigit() and int(ncy) >= 7 else
                                             int(ncy) if ncy.isdigit() else 0)
        row = {"Id": p.xporter_id, "Forename": p.forename, "Surname": p.surname, "LegalForename": p.forename,
               "LegalSurname": p.surname, "MiddleNames": p.middle_names, "Gender": p.sex, "DateofBirth": iso(p.dob),
               "YearGroup": year_group(p.nc_year), "RegGroup": p.reg_group, "EnrolmentStatus": p.enrol_status,
               "EntryDate": "%d-09-01T00:00:00" % start, "LeavingDate": iso(p.leaving_date),
               "SENProvision": self.school.current_status(p), "FSMEligible": p.fsm, "PupilPremium": p.ever_fsm,
               "EAL": p.first_language not in (None, "ENG", "ENB"), "InLeaCare": p.in_care,
               "UPN": p.upn if scope else None}
        row["RowHash"] = hashlib.sha1(json.dumps(row, sort_keys=True).encode()).hexdigest()
        row["LastUpdated"] = iso(max(p.updated, self.school.sen_updated(p)))
        return row

    def sen(self, q):
        s, units, dead = self.school, [], []
        for p in s.pupils:
            needs, statuses = s.pupil_needs(p.upn, True), s.pupil_statuses(p.upn, True)
            if p.deleted:
                dead += [(p.rev, "StudentSENTypeHistory", n.id) for n in needs]
                dead += [(p.rev, "StudentSENProvisionHistory", r.id) for r in statuses]
            elif needs or statuses:
                units.append((s.sen_rev(p), s.sen_updated(p), lambda p=p: self.sen_rows(p)))
        return units, dead
    sen.arrays = ["StudentSENTypeHistory", "StudentSENProvisionHistory", "StudentDisabilities"]

    def sen_rows(self, p):
        s = self.school
        statuses = s.pupil_statuses(p.upn)
        return {"StudentSENTypeHistory": [
            {"Id": n.id, "StudentMis_Id": p.xporter_id, "NeedTypeCode": n.type, "Rank": n.rank,
             "NeedStartDate": iso(n.start), "NeedEndDate": iso(n.end), "Active": n.end is None,
             "LastUpdated": iso(n.updated)} for n in s.pupil_needs(p.upn)],
            "StudentSENProvisionHistory": [
                {"Id": r.id, "StudentMis_Id": p.xporter_id, "SENProvisionCode": r.provision, "StartDate": iso(r.start),
                 "EndDate": iso(s.status_end(r)), "Active": r is statuses[-1], "LastUpdated": iso(r.updated)}
                for r in statuses],
            "StudentDisabilities": []}

    def staff(self, q):
        def row(t):
            return {"Staff": [{"Id": t.xporter_id, "Title": None, "Forename": t.forename, "Surname": t.surname,
                               "StaffCode": t.code, "WorkEmail": t.email, "IsTeacher": t.role == "teacher",
                               "IsSupport": t.role != "teacher",
                               "Roles": ["Teacher"] if t.role == "teacher" else ["Teaching Assistant"],
                               "LastUpdated": iso(t.updated)}]}
        return [(t.rev, t.updated, lambda t=t: row(t)) for t in self.school.staff], []
    staff.arrays = ["Staff"]

    def groups(self, q):
        s = self.school

        def row(c):
            return {"Groups": [{
                "Id": c.xporter_id, "Code": c.code, "Name": c.title, "Subject": c.subject,
                "Type": "RegGroup" if c.homeroom else "TeachingGroup", "LastUpdated": iso(c.updated),
                "StaffMembers": [{"StaffMis_Id": e.staff.xporter_id, "Role": e.role.capitalize(),
                                  "StartDate": iso(e.begin), "EndDate": iso(e.end)} for e in s.members(c, True)],
                "StudentMembers": [{"StudentMis_Id": e.pupil.xporter_id, "StartDate": iso(e.begin),
                                    "EndDate": iso(e.end)} for e in s.members(c)]}]}
        return [(c.rev, c.updated, lambda c=c: row(c)) for c in s.classes], []
    groups.arrays = ["Groups"]

    def attendance(self, q):
        """Session marks for a date range: `dateFrom`/`dateTo` (YYYY-MM-DD, both optional)."""
        lo = dt.date.fromisoformat(q["dateFrom"]) if q.get("dateFrom") else dt.date.min
        hi = dt.date.fromisoformat(q["dateTo"]) if q.get("dateTo") else dt.date.max
        if lo > hi:
            raise ValueError("dateFrom is after dateTo")
        units = []
        for p in self.school.current_pupils():
            for day, session, code, n in p.attendance:
                if lo <= day <= hi:
                    units.append((1, self.school.loaded_at, lambda p=p, d=day, se=session, c=code, n=n: {
                        "AttendanceMarks": [{"Id": p.xporter_id * 1000 + n, "StudentMis_Id": p.xporter_id,
                                             "Date": iso(d), "Session": se, "Mark": c,
                                             "LastUpdated": iso(self.school.loaded_at)}]}))
        return units, []
    attendance.arrays = ["AttendanceMarks"]

    def codes(self, q):
        return [(1, self.school.loaded_at, lambda c=c, g=g: {"AttendanceCodes": [{"Code": c, "Category": g}]})
                for c, g in ATTENDANCE_CODES], []
    codes.arrays = ["AttendanceCodes"]

    def results(self, q):
        units = []
        for p in self.school.current_pupils():
            for a in p.assessments:
                units.append((1, self.school.loaded_at, lambda p=p, a=a: {"AssessmentResults": [{
                    "Id": a.id, "StudentMis_Id": p.xporter_id, "AspectName": " ".join(
                        x for x in (a.stage, a.subject, a.method, a.component) if x),
                    "ResultSetName": "%s %s" % (a.stage, a.year), "KeyStage": a.stage, "Subject": a.subject,
                    "Method": a.method, "Component": a.component, "ResultQualifier": a.qualifier,
                    "ResultStatus": a.status, "Result": a.result, "ResultDate": iso(a.date),
                    "LastUpdated": iso(self.school.loaded_at)}]}))
        return units, []
    results.arrays = ["AssessmentResults"]


if __name__ == "__main__":
    fake_http.main(Xporter, __doc__.splitlines()[0])
