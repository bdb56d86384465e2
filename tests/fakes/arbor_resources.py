"""The Arbor fake's resources: what each /rest-v2/ path lists and how one object is rendered.

Each resource is a function giving (record, render) pairs; the record carries `id`, `rev`,
`prev_rev`, `created_rev` and `deleted` (the facts lists, GETs and changelogs need) and render()
gives the object's fields. Paths, type names and most field names follow mis-apis.md; where the
doc is silent (gender, year, teaching groups, attendance) the choice is noted in README.md.
"""
from fake_school import Record

NEED_TYPES = ["ASD", "HI", "MLD", "MSI", "NSA", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"]
SEN_STATUSES = [("N", "No special educational need"), ("K", "SEN support"),
                ("E", "Education, health and care plan"), ("S", "Statement (legacy)")]
UDFS = [("Provision map", "SENMAP_PROVISION_MAP", "Student", "STRING")]

# path -> (EntityType, key of one object, key of a list)
TYPES = {
    "students": ("Student", "student", "students"),
    "ukdfe-upn-assignments": ("UkDfe_UpnAssignment", "ukDfe_UpnAssignment", "ukDfe_UpnAssignments"),
    "sen-statuses": ("SenStatus", "senStatus", "senStatuses"),
    "sen-status-assignments": ("SenStatusAssignment", "senStatusAssignment", "senStatusAssignments"),
    "sen-need-types": ("SenNeedType", "senNeedType", "senNeedTypes"),
    "sen-needs": ("SenNeed", "senNeed", "senNeeds"),
    "sen-notes": ("SenNote", "senNote", "senNotes"),
    "user-defined-fields": ("UserDefinedField", "userDefinedField", "userDefinedFields"),
    "user-defined-records": ("UserDefinedRecord", "userDefinedRecord", "userDefinedRecords"),
    "staff": ("Staff", "staff", "staff"),
    "teaching-groups": ("TeachingGroup", "teachingGroup", "teachingGroups"),
    "teaching-group-memberships": ("TeachingGroupMembership", "teachingGroupMembership", "teachingGroupMemberships"),
    "attendance-marks": ("AttendanceMark", "attendanceMark", "attendanceMarks"),
    # The same data under the names senmap's adapter chose (Arbor's own path names are unconfirmed:
    # both spellings are served so either guess meets the same school).
    "uk-dfe_upn-assignments": ("UkDfe_UpnAssignment", "ukDfe_UpnAssignment", "ukDfe_UpnAssignments"),
    "academic-units": ("AcademicUnit", "academicUnit", "academicUnits"),
    "academic-unit-enrolments": ("AcademicUnitEnrolment", "academicUnitEnrolment", "academicUnitEnrolments"),
    "academic-unit-leads": ("AcademicUnitLead", "academicUnitLead", "academicUnitLeads"),
    "attendance-records": ("AttendanceRecord", "attendanceRecord", "attendanceRecords"),
}
WRITABLE = {"sen-notes", "user-defined-records", "sen-status-assignments", "sen-needs"}


def ref(res, rid):
    return {"entityType": TYPES[res][0], "href": "/rest-v2/%s/%s" % (res, rid)}


def date(v):
    """Arbor's date objects: {"entityType": "date", "date": "Y-m-d H:i:s"}."""
    if v is None:
        return None
    text = v.strftime("%Y-%m-%d %H:%M:%S") if hasattr(v, "hour") else v.isoformat() + " 00:00:00"
    return {"entityType": "date", "date": text}


def static(rid):
    return Record(id=rid, rev=1, prev_rev=0, created_rev=1, deleted=False)


class Resources:
    def __init__(self, school):
        self.school = school
        self.notes, self.udrs = [], []  # created only by writes
        self.status_ids = {code: i + 1 for i, (code, _) in enumerate(SEN_STATUSES)}
        self.need_ids = {code: i + 1 for i, code in enumerate(NEED_TYPES)}

    def entries(self, res):
        """(record, render) pairs of a resource, built once per revision of the school: every
        change and every write moves the revision. Rebuilding them for each one-record GET made
        a 2,000-pupil full sync quadratic in the fake."""
        if getattr(self, "_built_rev", None) != self.school.rev:
            self._built, self._by_id, self._built_rev = {}, {}, self.school.rev
        if res not in self._built:
            self._built[res] = getattr(self, "r_" + res.replace("-", "_"))()
        return self._built[res]

    def find(self, res, rid):
        entries = self.entries(res)
        if res not in self._by_id:
            index = {}
            for rec, render in entries:
                index.setdefault(str(rec.id), (rec, render))  # the first, as the scan found it
            self._by_id[res] = index
        return self._by_id[res].get(str(rid), (None, None))

    def pupil(self, arbor_id):
        for p in self.school.pupils:
            if str(p.arbor_id) == str(arbor_id):
                return p
        return None

    # ---- pupils ------------------------------------------------------------------------------
    def r_students(self):
        def render(p):
            return {"legalFirstName": p.forename, "legalLastName": p.surname, "preferredFirstName": p.forename,
                    "preferredLastName": p.surname, "middleNames": p.middle_names, "dateOfBirth": date(p.dob),
                    "gender": p.sex, "currentNcYear": p.nc_year, "registrationForm": p.reg_group,
                    "leavingDate": date(p.leaving_date)}
        return [(Record(p, id=p.arbor_id), lambda p=p: render(p)) for p in self.school.pupils]

    def r_ukdfe_upn_assignments(self):
        # One per pupil, sharing the student's id; the UPN lives here, not on Student (doc).
        return [(Record(p, id=p.arbor_id), lambda p=p: {
            "student": ref("students", p.arbor_id), "upn": p.upn, "isTemporary": p.upn[-1:].isalpha()})
            for p in self.school.pupils]

    def under_pupil(self, rec):
        """A row of a pupil who has left counts as deleted from that moment."""
        p = self.school.by_upn[rec.upn]
        if p.deleted and not rec.deleted:
            return Record(rec, deleted=True, prev_rev=rec.rev, rev=max(rec.rev, p.rev))
        return rec

    def r_sen_status_assignments(self):
        s = self.school
        return [(self.under_pupil(r), lambda r=r: {
            "student": ref("students", s.by_upn[r.upn].arbor_id),
            "senStatus": ref("sen-statuses", self.status_ids.get(r.provision, 0)),
            "startDate": date(r.start), "endDate": date(r.end_override or s.status_end(r))}) for r in s.statuses]

    def r_sen_needs(self):
        s = self.school
        return [(self.under_pupil(n), lambda n=n: {
            "student": ref("students", s.by_upn[n.upn].arbor_id),
            "senNeedType": ref("sen-need-types", self.need_ids.get(n.type, 0)), "ranking": n.rank,
            "effectiveDate": date(n.start), "endDate": date(n.end), "description": n.description}) for n in s.needs]

    def r_sen_notes(self):
        return [(n, lambda n=n: {"student": n.student, "summary": n.summary, "content": n.content,
                                 "noteDate": n.noteDate}) for n in self.notes]

    def r_user_defined_records(self):
        return [(u, lambda u=u: {"entity": u.entity, "userDefinedField": u.userDefinedField, "value": u.value})
                for u in self.udrs]

    # ---- reference data ----------------------------------------------------------------------
    def r_sen_statuses(self):
        return [(static(i + 1), lambda c=c, n=n: {"code": c, "name": n}) for i, (c, n) in enumerate(SEN_STATUSES)]

    def r_sen_need_types(self):
        return [(static(i + 1), lambda c=c: {"code": c, "name": c}) for i, c in enumerate(NEED_TYPES)]

    def r_user_defined_fields(self):
        return [(static(i + 1), lambda f=f: {"fieldName": f[0], "identifier": f[1], "relatedEntityType": f[2],
                                             "fieldType": f[3]}) for i, f in enumerate(UDFS)]

    def r_attendance_marks(self):
        from xporter_fake import ATTENDANCE_CODES
        return [(static(ord(c)), lambda c=c, g=g: {"code": c, "category": g}) for c, g in ATTENDANCE_CODES]

    # ---- staff, groups, attendance -----------------------------------------------------------
    def r_staff(self):
        return [(Record(t, id=t.arbor_id), lambda t=t: {
            "legalFirstName": t.forename, "legalLastName": t.surname, "staffCode": t.code, "email": t.email,
            "isTeacher": t.role == "teacher"}) for t in self.school.staff]

    def r_teaching_groups(self):
        s = self.school
        return [(Record(c, id=c.arbor_id), lambda c=c: {
            "name": c.title, "code": c.code, "subject": c.subject, "isRegistrationForm": c.homeroom,
            "staff": [ref("staff", e.staff.arbor_id) for e in s.members(c, True)]}) for c in s.classes]

    def r_teaching_group_memberships(self):
        out = []
        for e in self.school.enrollments:
            if e.pupil is None:
                continue
            p = e.pupil
            rec = static(e.id)
            if p.deleted:
                rec = Record(rec, deleted=True, rev=p.rev, prev_rev=1)
            out.append((rec, lambda e=e: {"teachingGroup": ref("teaching-groups", e.cls.arbor_id),
                                          "student": ref("students", e.pupil.arbor_id),
                                          "startDate": date(e.begin), "endDate": date(e.end)}))
        return out

    # ---- the same under the adapter's names (see TYPES) ----------------------------------------
    def r_uk_dfe_upn_assignments(self):
        return self.r_ukdfe_upn_assignments()

    def r_academic_units(self):
        return [(rec, lambda c=c: {"name": c.title, "code": c.code, "subject": c.subject})
                for (rec, _), c in zip(self.r_teaching_groups(), self.school.classes)]

    def r_academic_unit_enrolments(self):
        out = []
        for rec, render in self.r_teaching_group_memberships():
            def moved(render=render):
                body = render()
                unit = body.pop("teachingGroup")
                body["academicUnit"] = {"entityType": "AcademicUnit", "href": unit["href"].replace("teaching-groups", "academic-units")}
                return body
            out.append((rec, moved))
        return out

    def r_academic_unit_leads(self):
        s, out = self.school, []
        for c in s.classes:
            for n, e in enumerate(s.members(c, True)):
                out.append((static(c.arbor_id * 1000 + n), lambda c=c, e=e: {
                    "academicUnit": ref("academic-units", c.arbor_id), "staff": ref("staff", e.staff.arbor_id),
                    "startDate": date(e.begin), "endDate": date(e.end)}))
        return out

    def r_attendance_records(self):
        out = []
        for p in self.school.current_pupils():
            for day, session, code, n in p.attendance:
                out.append((static(p.arbor_id * 1000 + n), lambda p=p, d=day, se=session, c=code: {
                    "student": ref("students", p.arbor_id), "date": date(d), "session": se,
                    "attendanceMark": ref("attendance-marks", ord(c))}))
        return out
