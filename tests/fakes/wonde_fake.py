#!/usr/bin/env python3
"""Loopback fake of Wonde's School Data Sync API (v1.0), for the senmap Wonde adapter's tests.

Reproduces /work/shared/mis-apis.md: Bearer (or Basic with the token as user name) auth, lists with
an absolute `next` link and `per_page` as a string, includes wrapped in `{"data": ...}`, PHP-style
date objects (some without microseconds, dates of birth in Europe/London), `updated_after`
deltas, `deletions/`, 422 with a JSON body for a bad parameter, and no SEN need types at all.
See README.md for the paths and shapes.
"""
import base64
import datetime as dt
import re
import urllib.parse

import fake_http
from fake_http import Reply
from fake_school import Record, _digits
from xporter_fake import ATTENDANCE_CODES


def wdate(v, micro=True, tz="UTC"):
    """A PHP DateTime as Wonde serialises it."""
    if v is None:
        return None
    if not isinstance(v, dt.datetime):
        v = dt.datetime.combine(v, dt.time())
    text = v.strftime("%Y-%m-%d %H:%M:%S") + (".000000" if micro else "")
    return {"date": text, "timezone_type": 3, "timezone": tz}


def wid(prefix, seed):
    return prefix + _digits("wonde:" + seed, 10)


class BadParameter(Exception):
    def __init__(self, name, message):
        super().__init__(message)
        self.name = name


class Wonde(fake_http.FakeApp):
    @classmethod
    def add_args(cls, ap):
        ap.add_argument("--school-id", help="Wonde's id of the school (default: derived from the estab)")

    def __init__(self, school, args):
        super().__init__(school, args)
        self.token = args.secret or "fake-wonde-token"
        self.school_id = args.school_id or wid("A", "school:" + school.dfe)
        aspects, sets = {}, {}
        for p in school.pupils:
            for a in p.assessments:
                aspects.setdefault(self.aspect_key(a), wid("AS", "aspect:" + self.aspect_key(a)))
                sets.setdefault(self.set_key(a), wid("RS", "set:" + self.set_key(a)))
        self.aspects, self.sets = aspects, sets
        self.subjects = {c.subject: wid("SU", "subject:" + c.subject) for c in school.classes if c.subject}
        self.routes = [
            (r"students", self.students), (r"students/([^/]+)", self.student),
            (r"students-leaver", self.leavers), (r"employees", self.employees),
            (r"employees/([^/]+)", self.employee), (r"classes", self.classes), (r"classes/([^/]+)", self.one_class),
            (r"attendance/session", self.attendance), (r"attendance-codes", self.codes),
            (r"assessment/aspects", self.aspect_list), (r"assessment/resultsets", self.set_list),
            (r"assessment/results", self.results), (r"deletions", self.deletions)]

    def info(self):
        return {"vendor": "wonde", "school_id": self.school_id, "token_default": self.args.secret is None}

    @staticmethod
    def aspect_key(a):
        return " ".join(x for x in (a.stage, a.subject, a.method, a.component) if x)

    @staticmethod
    def set_key(a):
        return "%s %s" % (a.stage, a.year)

    # ---- plumbing ----------------------------------------------------------------------------
    def authorised(self, req):
        auth = req.headers.get("Authorization") or ""
        token = None
        if auth.startswith("Bearer "):
            token = auth[7:].strip()
        elif auth.startswith("Basic "):  # documented: the token as user name, empty password
            try:
                user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                token = user if password == "" else None
            except (ValueError, UnicodeDecodeError):
                token = None
        return token == self.token and self.faults.get("token") not in ("refused", "expired")

    def handle(self, req):
        if req.method != "GET":
            return Reply(405, {"error": "method not allowed"})
        if not self.authorised(req):
            return Reply(401, {"error": "unauthenticated", "message": "Token missing, unknown or revoked"})
        if self.faults.get("token") == "paused":
            return Reply(403, {"error": "forbidden", "message": "The school has not approved (or has paused) access"})
        m = re.fullmatch(r"/v1\.0/schools/([^/]+)(?:/(.*?))?/?", req.path)
        if not m:
            return Reply(404, {"error": "not found"})
        if m.group(1) != self.school_id:
            return Reply(404, {"error": "school not found"})
        rest = m.group(2) or ""
        # After the token and fault checks. `next` links are built from the Host and scheme.
        return self.cached((req.scheme, req.host, req.path, req.raw_query), lambda: self.route(req, rest))

    def route(self, req, rest):
        try:
            # Requests are served one at a time (the school lock), so the includes asked for can
            # live on self while the objects are rendered.
            self.includes = {x.strip().split(".")[0] for x in req.query.get("include", "").split(",") if x.strip()}
            if not rest:
                return Reply(200, {"data": self.school_obj()})
            for pattern, fn in self.routes:
                hit = re.fullmatch(pattern, rest)
                if hit:
                    return fn(req, *hit.groups())
        except BadParameter as e:  # shape unconfirmed: a message and errors by parameter
            return Reply(422, {"message": "The request has an invalid parameter",
                               "errors": {e.name: [str(e)]}})
        return Reply(404, {"error": "not found"})

    def school_obj(self):
        s = self.school
        return {"id": self.school_id, "name": s.name, "establishment_number": s.estab, "la_code": s.lea,
                "urn": int(s.urn) if s.urn else None, "mis": "Fake MIS", "timezone": "Europe/London",
                "region": {"code": "uk", "domain": "api.wonde.com"}}

    def since(self, req):
        text = req.query.get("updated_after")
        if not text:
            return None
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise BadParameter("updated_after", "must be a date as Y-m-d H:i:s")

    def listing(self, req, items, render):
        """One page of `items` (records with `updated`), rendered, with Wonde's pagination meta."""
        q = req.query
        try:
            page = int(q.get("page", "1"))
        except ValueError:
            raise BadParameter("page", "must be a whole number")
        try:
            per_page = int(q.get("per_page", "50"))
        except ValueError:
            raise BadParameter("per_page", "must be a whole number")
        if page < 1:
            raise BadParameter("page", "must be 1 or more")
        if not 1 <= per_page <= 200:
            raise BadParameter("per_page", "must be from 1 to 200")
        since = self.since(req)

        def build():  # the whole list once per query and state of the school; each page a slice
            rows = items() if callable(items) else items
            return [x for x in rows if x.updated > since] if since is not None else rows
        items = self.memo((req.path, tuple(sorted((k, v) for k, v in req.pairs if k != "page"))), build)
        chunk, more = self.paginate(items, page, per_page)

        def link(n):  # absolute, from the Host the client used (documented)
            pairs = [(k, v) for k, v in req.pairs if k != "page"] + [("page", str(n))]
            return "%s://%s%s?%s" % (req.scheme, req.host, req.path, urllib.parse.urlencode(pairs))
        return Reply(200, {"data": [render(x) for x in chunk], "meta": {"pagination": {
            "next": link(page + 1) if more else None, "previous": link(page - 1) if page > 1 else None,
            "more": more, "per_page": str(per_page), "current_page": page}}})  # per_page: a string (doc)

    # ---- students ----------------------------------------------------------------------------
    def student_obj(self, p):
        s = self.school
        out = {"id": p.wonde_id, "upi": p.upi, "mis_id": p.mis_id, "initials": p.forename[:1] + p.surname[:1],
               "title": None, "surname": p.surname, "forename": p.forename, "middle_names": p.middle_names,
               "legal_surname": p.surname, "legal_forename": p.forename,
               "gender": {"F": "FEMALE", "M": "MALE"}.get(p.sex), "restored_at": None,
               "date_of_birth": wdate(p.dob, tz="Europe/London"),
               "created_at": wdate(s.loaded_at, micro=False),  # some timestamps lack microseconds
               "updated_at": wdate(max(p.updated, s.sen_updated(p)))}
        if "extended_details" in self.includes:
            status = s.current_status(p)
            if status == "K" and p.idx % 2:  # both spellings are seen in the wild
                status = "SEN Support"
            out["extended_details"] = {"data": {
                "sen_status": status, "free_school_meals": p.fsm, "premium_pupil_indicator": p.ever_fsm,
                "english_as_additional_language_status": p.first_language not in (None, "ENG", "ENB"),
                "in_lea_care": p.in_care, "ever_in_care": p.in_care, "ethnicity": p.ethnicity,
                "first_language": p.first_language}}
        if "education_details" in self.includes:
            data = {"current_nc_year": p.nc_year, "admission_date": None,
                    "leaving_date": wdate(p.leaving_date, tz="Europe/London")}
            if not self.faults.get("no_upn"):  # unconfirmed field: present unless the fault drops it
                data["upn"] = p.upn
            out["education_details"] = {"data": data}
        if "classes" in self.includes:
            keep, self.includes = self.includes, set()
            out["classes"] = {"data": [self.class_obj(e.cls) for e in s.enrollments
                                        if e.pupil is not None and e.pupil.upn == p.upn]}
            self.includes = keep
        return out

    def pupil_view(self, p):
        p = Record(p)  # a copy whose `updated` counts SEN changes too, for updated_after
        p.updated = max(p.updated, self.school.sen_updated(p))
        return p

    def students(self, req):
        return self.listing(req, [self.pupil_view(p) for p in self.school.current_pupils()], self.student_obj)

    def leavers(self, req):
        return self.listing(req, [p for p in self.school.pupils if p.deleted], self.student_obj)

    def student(self, req, sid):
        for p in self.school.current_pupils():
            if p.wonde_id == sid:
                return Reply(200, {"data": self.student_obj(p)})
        return Reply(404, {"error": "not found"})

    # ---- staff and classes -------------------------------------------------------------------
    def employee_obj(self, t):
        out = {"id": t.wonde_id, "upi": None, "mis_id": str(t.xporter_id), "title": None,
               "initials": t.forename[:1] + t.surname[:1], "surname": t.surname, "forename": t.forename,
               "middle_names": None, "legal_surname": t.surname, "legal_forename": t.forename, "gender": None,
               "date_of_birth": None, "restored_at": None, "created_at": wdate(self.school.loaded_at, micro=False),
               "updated_at": wdate(t.updated)}
        if "employment_details" in self.includes:
            out["employment_details"] = {"data": {"staff_code": t.code, "teaching_staff": t.role == "teacher",
                                                  "current": True}}
        if "roles" in self.includes:
            out["roles"] = {"data": [{"role": "Teacher" if t.role == "teacher" else "Teaching Assistant"}]}
        if "classes" in self.includes:
            keep, self.includes = self.includes, set()
            out["classes"] = {"data": [self.class_obj(e.cls) for e in self.school.enrollments if e.staff is t]}
            self.includes = keep
        return out

    def employees(self, req):
        return self.listing(req, self.school.staff, self.employee_obj)

    def employee(self, req, sid):
        found = [t for t in self.school.staff if t.wonde_id == sid]
        return Reply(200, {"data": self.employee_obj(found[0])}) if found else Reply(404, {"error": "not found"})

    def class_obj(self, c):
        s, inc = self.school, self.includes
        out = {"id": c.wonde_id, "mis_id": str(c.xporter_id), "name": c.code, "code": c.code,
               "description": c.title, "subject": self.subjects.get(c.subject), "alternative": False,
               "restored_at": None, "created_at": wdate(s.loaded_at, micro=False), "updated_at": wdate(c.updated)}
        self.includes = set()  # included records do not nest further
        if "subject" in inc:
            out["subject"] = {"data": {"id": self.subjects[c.subject], "mis_id": None, "code": c.subject[:3].upper(),
                                       "name": c.subject}} if c.subject else None
        if "students" in inc:
            out["students"] = {"data": [self.student_obj(e.pupil) for e in s.members(c)]}
        if "employees" in inc:
            out["employees"] = {"data": [self.employee_obj(e.staff) for e in s.members(c, True)]}
        self.includes = inc
        return out

    def classes(self, req):
        return self.listing(req, self.school.classes, self.class_obj)

    def one_class(self, req, cid):
        found = [c for c in self.school.classes if c.wonde_id == cid]
        return Reply(200, {"data": self.class_obj(found[0])}) if found else Reply(404, {"error": "not found"})

    # ---- attendance and assessment -----------------------------------------------------------
    def day(self, req, name):
        text = req.query.get(name)
        try:
            return dt.date.fromisoformat(text) if text else None
        except ValueError:
            raise BadParameter(name, "must be a date as Y-m-d")

    def attendance(self, req):
        """Session marks; `start_date`/`end_date` (Y-m-d) narrow them (parameter names guessed)."""
        lo, hi = self.day(req, "start_date") or dt.date.min, self.day(req, "end_date") or dt.date.max
        s = self.school

        def items():
            return [Record(updated=s.loaded_at, row=(p, d, se, c, n)) for p in s.current_pupils()
                    for d, se, c, n in p.attendance if lo <= d <= hi]

        def render(x):
            p, d, se, c, n = x.row
            out = {"id": "SA%d" % (p.xporter_id * 1000 + n), "student": p.wonde_id, "date": wdate(d, tz="Europe/London"),
                   "session": se, "attendance_code": self.code_id(c), "comment": None,
                   "created_at": wdate(s.loaded_at, micro=False), "updated_at": wdate(s.loaded_at)}
            if "attendance_code" in self.includes:
                out["attendance_code"] = {"data": self.code_obj(c)}
            return out
        return self.listing(req, items, render)

    @staticmethod
    def code_id(code):
        return "AC%03d" % ord(code)

    def code_obj(self, code):
        group = dict(ATTENDANCE_CODES).get(code, "unknown")
        return {"id": self.code_id(code), "code": code, "type": group}

    def codes(self, req):
        items = [Record(updated=self.school.loaded_at, code=c) for c, _ in ATTENDANCE_CODES]
        return self.listing(req, items, lambda x: self.code_obj(x.code))

    def aspect_list(self, req):
        items = [Record(updated=self.school.loaded_at, key=k, id=v) for k, v in self.aspects.items()]
        return self.listing(req, items, lambda x: {"id": x.id, "mis_id": None, "name": x.key, "type": "GRADE"})

    def set_list(self, req):
        items = [Record(updated=self.school.loaded_at, key=k, id=v) for k, v in self.sets.items()]
        return self.listing(req, items, lambda x: {"id": x.id, "mis_id": None, "name": x.key})

    def results(self, req):
        s = self.school
        items = [Record(a, updated=s.loaded_at, pupil=p) for p in s.current_pupils() for a in p.assessments]
        return self.listing(req, items, lambda a: {
            "id": "RE%d" % a.id, "student": a.pupil.wonde_id, "aspect": self.aspects[self.aspect_key(a)],
            "result_set": self.sets[self.set_key(a)], "result": a.result,
            "result_date": wdate(a.date, tz="Europe/London"),
            "created_at": wdate(s.loaded_at, micro=False), "updated_at": wdate(s.loaded_at)})

    def deletions(self, req):
        kind = req.query.get("type")
        if kind not in (None, "", "student", "employee", "class"):
            raise BadParameter("type", "must be one of student, employee, class")
        gone = [p for p in self.school.pupils if p.deleted] if kind in (None, "", "student") else []
        return self.listing(req, gone, lambda p: {
            "id": p.wonde_id, "type": "student", "mis_id": p.mis_id, "restored": False,
            "deleted_at": wdate(p.updated), "updated_at": wdate(p.updated)})


if __name__ == "__main__":
    fake_http.main(Wonde, __doc__.splitlines()[0])
