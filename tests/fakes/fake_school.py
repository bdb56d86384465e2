"""The synthetic school every fake MIS serves: loaded from what `senmap generate` writes (a CTF 25
file and a OneRoster 1.2 CSV folder), held in memory, changed through the control API.

Every record carries a revision (`rev`, from one counter for the whole school), the revision it had
before its last change (`prev_rev`), the revision that created it (`created_rev`), an `updated`
timestamp and a `deleted` flag, so each vendor can answer its own kind of delta (Xporter
changesets, Wonde `updated_after`, Arbor changelogs) from the same facts. Loading is deterministic:
ids come from the file order and hashes of the UPN, never from randomness or the clock.
"""
import csv
import datetime as dt
import hashlib
import os
import threading
import xml.etree.ElementTree as ET


def _text(el, path, default=None):
    found = el.find(path)
    return found.text.strip() if found is not None and found.text else default


def _date(s):
    return dt.date.fromisoformat(s) if s else None


def _digits(seed, n):
    """n decimal digits derived from a seed: stable vendor ids that look nothing like the UPN."""
    return str(int(hashlib.sha1(seed.encode()).hexdigest(), 16))[:n]


def _read_csv(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _weekdays_from(start, count):
    """The dates of `count` weekdays from `start`: CTF session marks skip weekends."""
    day, out = start, []
    while len(out) < count:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


class Record(dict):
    """A dict with attribute access, so vendor code reads `p.surname` rather than `p["surname"]`."""
    __getattr__ = dict.get

    def __setattr__(self, key, value):
        self[key] = value


class School:
    def __init__(self, ctf_path, roster_dir):
        self.lock = threading.RLock()  # the control API changes the model while lists are read
        root = ET.parse(ctf_path).getroot()
        src = root.find("Header/SourceSchool")
        self.lea, self.estab = _text(src, "LEA"), _text(src, "Estab")
        self.dfe = self.lea + self.estab  # "9384123": Xporter's estab, the DfE number
        self.urn, self.name = _text(src, "URN"), _text(src, "SchoolName")
        self.academic_year = int(_text(src, "AcademicYear", "2025"))
        # The file's own timestamp is every loaded record's `updated`: deterministic, and before
        # any change made through the control API (those use the wall clock, see stamp()).
        self.loaded_at = dt.datetime.fromisoformat(_text(root, "Header/DateTime"))
        self.rev, self.clock = 1, self.loaded_at
        self.pupils, self.by_upn = [], {}
        self.needs, self.statuses = [], []
        for i, el in enumerate(root.iter("Pupil")):
            self._load_pupil(i, el)
        self._load_roster(roster_dir)

    # ---- loading -----------------------------------------------------------------------------
    def _new(self, **fields):
        return Record(rev=1, prev_rev=0, created_rev=1, updated=self.loaded_at, deleted=False, **fields)

    def _load_pupil(self, i, el):
        upn = _text(el, "UPN")
        langs = [t for t in el.findall("BasicDetails/Languages/Type") if _text(t, "LanguageType") == "F"]
        fsm = [f for f in el.findall("FSMhistory/FSMinstance") if not _text(f, "FSMendDate")]
        p = self._new(
            idx=i, upn=upn, surname=_text(el, "Surname"), forename=_text(el, "Forename"),
            middle_names=_text(el, "BasicDetails/MiddleNames"), dob=_date(_text(el, "DOB")),
            sex=_text(el, "Sex") or _text(el, "Gender"), nc_year=_text(el, "BasicDetails/NCyearActual"),
            ethnicity=_text(el, "BasicDetails/Ethnicity"),
            first_language=_text(langs[0], "Language") if langs else None,
            in_care=_text(el, "LookedAfter/InCare") == "true", fsm=bool(fsm),
            ever_fsm=bool(el.findall("FSMhistory/FSMinstance")),
            enrol_status=_text(el, "BasicDetails/EnrolStatus", "C"), leaving_date=None,
            has_sen_history=el.find("SENhistory") is not None, reg_group=None,
            # One id per vendor, each stable for the same input file.
            xporter_id=4000 + i, mis_id=str(4000 + i), arbor_id=1200 + i,
            wonde_id="A" + _digits("wonde-pupil:" + upn, 10),
            upi=hashlib.sha1(("upi:" + upn).encode()).hexdigest(),
            attendance=[], assessments=[])
        for y in el.findall("Attendance/YearData"):
            box = y.find("AttendSessions") if y.find("AttendSessions") is not None else y
            start, marks = _text(box, "AttendanceStartDate"), _text(box, "AttendanceMarks", "")
            if start:
                days = _weekdays_from(_date(start), (len(marks) + 1) // 2)
                for n, code in enumerate(marks):  # AM, PM, AM, PM...
                    p.attendance.append((days[n // 2], "AM" if n % 2 == 0 else "PM", code, n))
        for ks in el.findall("StageAssessments/KeyStage"):
            for a in ks.findall("StageAssessment"):
                p.assessments.append(Record(
                    id=p.arbor_id * 100 + len(p.assessments), stage=_text(ks, "Stage"),
                    year=_text(a, "Year"), subject=_text(a, "Subject"), method=_text(a, "Method"),
                    component=_text(a, "Component"), status=_text(a, "ResultStatus"),
                    qualifier=_text(a, "ResultQualifier"), result=_text(a, "Result"),
                    date=_date(_text(a, "ResultDate"))))
        for s in el.findall("SENhistory/SEN"):
            self.statuses.append(self._new(id=len(self.statuses) + 1, upn=upn,
                                           provision=_text(s, "SENprovision"), start=_date(_text(s, "StartDate"))))
        for n in el.findall("SENhistory/SENneeds/SENneed") + el.findall("SENhistory/SEN/SENneeds/SENneed"):
            self.needs.append(self._new(id=len(self.needs) + 1, upn=upn, type=_text(n, "SENtype"),
                                        rank=int(_text(n, "SENtypeRank", "1")), start=_date(_text(n, "NeedStartDate")),
                                        end=_date(_text(n, "NeedEndDate")), description=None))
        self.pupils.append(p)
        self.by_upn[upn] = p

    def _load_roster(self, folder):
        roles = {r["userSourcedId"]: r["role"] for r in _read_csv(folder, "roles.csv")}
        self.staff, self.classes, self.enrollments = [], [], []
        for u in _read_csv(folder, "users.csv"):
            if u["sourcedId"].startswith("stu-"):
                continue
            n = len(self.staff)
            self.staff.append(self._new(
                idx=n, sourced_id=u["sourcedId"], forename=u["givenName"], surname=u["familyName"],
                code=u["identifier"], email=u["email"], role=roles.get(u["sourcedId"], "teacher"),
                xporter_id=500 + n, arbor_id=300 + n, wonde_id="B" + _digits("wonde-staff:" + u["sourcedId"], 10)))
        self.staff_by_sid = {s.sourced_id: s for s in self.staff}
        for c in _read_csv(folder, "classes.csv"):
            n = len(self.classes)
            self.classes.append(self._new(
                idx=n, sourced_id=c["sourcedId"], title=c["title"], code=c["classCode"],
                homeroom=c["classType"] == "homeroom", subject=c["subjects"] or None, grades=c["grades"],
                xporter_id=7000 + n, arbor_id=900 + n, wonde_id="C" + _digits("wonde-class:" + c["sourcedId"], 10)))
        self.class_by_sid = {c.sourced_id: c for c in self.classes}
        for e in _read_csv(folder, "enrollments.csv"):
            cls = self.class_by_sid.get(e["classSourcedId"])
            uid = e["userSourcedId"]
            pupil = self.by_upn.get(uid[4:]) if uid.startswith("stu-") else None
            staff = self.staff_by_sid.get(uid)
            if cls is None or (pupil is None and staff is None):
                continue
            self.enrollments.append(Record(id=len(self.enrollments) + 1, cls=cls, pupil=pupil, staff=staff,
                                           role=e["role"], begin=_date(e["beginDate"]), end=_date(e["endDate"])))
            if pupil is not None and cls.homeroom:
                pupil.reg_group = cls.code

    # ---- reading helpers ---------------------------------------------------------------------
    def current_pupils(self):
        return [p for p in self.pupils if not p.deleted]

    def _by_upn(self):
        """SEN rows by UPN, rebuilt when rows are added: a 2,000-pupil school's pages would
        otherwise scan every row for every pupil, and the fake, not the client, would be measured."""
        key = (self.rev, len(self.statuses), len(self.needs))
        if getattr(self, "_index_key", None) != key:
            statuses, needs = {}, {}
            for r in self.statuses:
                statuses.setdefault(r.upn, []).append(r)
            for n in self.needs:
                needs.setdefault(n.upn, []).append(n)
            self._index, self._index_key = (statuses, needs), key
        return self._index

    def pupil_statuses(self, upn, include_deleted=False):
        rows = sorted((s for s in self._by_upn()[0].get(upn, []) if include_deleted or not s.deleted),
                      key=lambda s: (s.start, s.id))
        return rows

    def status_end(self, row):
        """A CTF SEN period ends the day before the next one starts (the latest is open)."""
        rows = self.pupil_statuses(row.upn)
        later = [s.start for s in rows if s.start > row.start]
        return min(later) - dt.timedelta(days=1) if later else None

    def current_status(self, p):
        rows = self.pupil_statuses(p.upn)
        return rows[-1].provision if rows else None

    def pupil_needs(self, upn, include_deleted=False):
        return sorted((n for n in self._by_upn()[1].get(upn, []) if include_deleted or not n.deleted),
                      key=lambda n: (n.rank, n.id))

    def sen_rev(self, p):
        """The newest revision among a pupil's SEN rows: SEN deltas are per pupil."""
        statuses, needs = self._by_upn()
        rows = [s.rev for s in statuses.get(p.upn, [])] + [n.rev for n in needs.get(p.upn, [])]
        return max(rows + [p.rev])

    def sen_updated(self, p):
        statuses, needs = self._by_upn()
        rows = [s.updated for s in statuses.get(p.upn, [])] + [n.updated for n in needs.get(p.upn, [])]
        return max(rows + [p.updated])

    def members(self, cls, staff=False):
        key = (self.rev, len(self.enrollments))
        if getattr(self, "_members_key", None) != key:  # by class, for the same reason as _by_upn
            self._members = {}
            for e in self.enrollments:
                self._members.setdefault(id(e.cls), []).append(e)
            self._members_key = key
        return [e for e in self._members.get(id(cls), []) if (e.staff if staff else e.pupil) is not None
                and (staff or not e.pupil.deleted)]

    # ---- changes -----------------------------------------------------------------------------
    def stamp(self, at=None):
        """Next revision and its time: `at` ("Y-m-d H:i:s") when a test wants a fixed time, else
        the wall clock (so a client that keeps its own clock as the cursor sees the change), and
        never earlier than the previous change."""
        self.rev += 1
        t = dt.datetime.fromisoformat(at) if at else dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        self.clock = max(t, self.clock + dt.timedelta(seconds=1))
        return self.rev, self.clock

    @staticmethod
    def touch(rec, rev, ts):
        rec.prev_rev, rec.rev, rec.updated = rec.rev, rev, ts

    def create(self, rows, rev, ts, **fields):
        rec = Record(rev=rev, prev_rev=0, created_rev=rev, updated=ts, deleted=False, id=len(rows) + 1, **fields)
        rows.append(rec)
        return rec

    def change(self, op):
        """Apply one control-API change; returns a short summary. Raises ValueError on bad input."""
        with self.lock:
            kind = op.get("op")
            p = self.by_upn.get(op.get("upn"))
            if p is None or p.deleted:
                raise ValueError("no current pupil with that upn")
            need = {"rename": ["surname"], "leave": [], "add_need": ["type"], "sen_status": ["status"]}
            if kind not in need:
                raise ValueError("unknown op: " + str(kind))
            missing = [k for k in need[kind] if not op.get(k)]
            if missing:
                raise ValueError("missing: " + ", ".join(missing))
            rev, ts = self.stamp(op.get("at"))
            if kind == "rename":
                p.surname = op["surname"]
                self.touch(p, rev, ts)
            elif kind == "leave":
                p.deleted, p.leaving_date, p.enrol_status = True, ts.date(), "L"
                self.touch(p, rev, ts)
                for cls in {e.cls.idx: e.cls for e in self.enrollments if e.pupil is p}.values():
                    self.touch(cls, rev, ts)  # their member lists change
            elif kind == "add_need":
                rank = int(op.get("rank", 1))
                for n in self.pupil_needs(p.upn):  # the new need takes the rank; others move down
                    if n.rank >= rank:
                        n.rank += 1
                        self.touch(n, rev, ts)
                self.create(self.needs, rev, ts, upn=p.upn, type=op["type"], rank=rank,
                            start=ts.date(), end=None, description=op.get("description"))
            elif kind == "sen_status":
                self.create(self.statuses, rev, ts, upn=p.upn, provision=op["status"], start=ts.date())
                p.has_sen_history = True
            return {"op": kind, "upn": p.upn, "revision": rev, "at": ts.strftime("%Y-%m-%d %H:%M:%S")}
