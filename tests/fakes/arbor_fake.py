#!/usr/bin/env python3
"""Loopback fake of Arbor's REST API (rest-v2), for the senmap Arbor adapter's tests.

Reproduces /work/shared/mis-apis.md: HTTP Basic, lists that answer references only with no next
link (a short page ends the list), one GET per object with entityType/href/revisionId and date
objects, filters (including tags), changelogs by revision, writes wrapped in {"request": ...},
and errors as {"response": {...}} whose code overrides the HTTP status, a 422 arriving as an
ordinary 200. Faults add a pending 422, a permission refusal and a lost acknowledgement.
"""
import base64
import datetime as dt
import re

import fake_http
from arbor_resources import TYPES, WRITABLE, Resources, date, ref
from fake_http import Drop, Reply

REASONS = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 422: "Unprocessable Entity"}


def error(code, exception, message, http_status=None):
    """Arbor's error payload; the HTTP status is the code unless told otherwise (a 422 is 200)."""
    body = {"response": {"code": code, "reason": REASONS.get(code, "Error"),
                         "errors": [{"exception": exception, "message": message}]}}
    return Reply(http_status if http_status is not None else code, body)


def href_id(value, res):
    """The id in a reference ({"href": ...} or a bare href) to `res`, or None."""
    href = value.get("href") if isinstance(value, dict) else value
    m = re.fullmatch(r"/rest-v2/%s/(\d+)" % re.escape(res), href or "") if isinstance(href, str) else None
    return int(m.group(1)) if m else None


def date_text(value, end=False):
    """A filter value or a written date as comparable text: Y-m-d H:i:s."""
    text = value.get("date") if isinstance(value, dict) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d\d-\d\d( \d\d:\d\d:\d\d)?", text):
        return None
    return text if len(text) > 10 else text + (" 23:59:59" if end else " 00:00:00")


class Arbor(fake_http.FakeApp):
    @classmethod
    def add_args(cls, ap):
        ap.add_argument("--user", default="senmap-app", help="the application's user name")

    def __init__(self, school, args):
        super().__init__(school, args)
        self.password = args.secret or "fake-arbor-password"
        self.res = Resources(school)

    def info(self):
        return {"vendor": "arbor", "user": self.args.user, "password_default": self.args.secret is None}

    def handle(self, req):
        auth = req.headers.get("Authorization") or ""
        try:
            user, _, password = base64.b64decode(auth[6:]).decode().partition(":") if auth.startswith("Basic ") else ("", "", "")
        except (ValueError, UnicodeDecodeError):
            user = password = ""
        if (user, password) != (self.args.user, self.password) or self.faults.get("token") in ("refused", "expired"):
            return error(401, "AuthenticationException", "User name or password not accepted")
        if self.faults.get("token") == "paused":
            return error(403, "PermissionDeniedException", "The school has suspended this application", 200)
        m = re.fullmatch(r"/rest-v2/([a-z_-]+)(?:/(\d+|changelog))?/?", req.path)
        if not m or m.group(1) not in TYPES:
            return error(404, "NotFoundException", "No such resource")
        res, rid = m.groups()
        if req.method == "GET":  # reads depend only on the path and query once the user is accepted
            return self.cached((req.path, req.raw_query), lambda: self.read(req, res, rid))
        if req.method in ("POST", "PUT", "DELETE") and (req.method == "POST") == (rid is None) and rid != "changelog":
            return self.write(req, res, rid)
        return error(405, "MethodNotAllowedException", "Method not allowed here")

    # ---- reading -----------------------------------------------------------------------------
    def read(self, req, res, rid):
        if rid == "changelog":
            return self.changelog(req, res)
        if rid:
            return self.get_one(res, rid)
        return self.listing(req, res)

    def obj(self, res, rec, render):
        out = ref(res, rec.id)
        out.update(id=rec.id, revisionId=rec.rev)
        out.update(render())
        if rec.tags:
            out["tags"] = dict(rec.tags)
        return out

    def get_one(self, res, rid):
        rec, render = self.res.find(res, rid)
        if rec is None or rec.deleted:
            return error(404, "NotFoundException", "No %s with id %s" % (TYPES[res][0], rid))
        return Reply(200, {TYPES[res][1]: self.obj(res, rec, render)})

    def page_args(self, req):
        try:
            page, size = int(req.query.get("page-number", "1")), int(req.query.get("page-size", "100"))
        except ValueError:
            return None
        return (page, size) if page >= 1 and 1 <= size <= 1000 else None

    def listing(self, req, res):
        paging = self.page_args(req)
        if paging is None:
            return error(400, "InvalidArgumentException", "page-number and page-size must be whole numbers (size 1 to 1000)")
        rows = [(rec, render) for rec, render in self.res.entries(res) if not rec.deleted]
        for key, value in req.pairs:
            parts = key.split(".")
            if parts[0] != "filters":
                continue
            if len(parts) == 3 and parts[1] == "tags":  # filters.tags.<name>=<value>
                rows = [r for r in rows if (r[0].tags or {}).get(parts[2]) == value]
                continue
            if len(parts) != 3 or parts[2] not in ("equals", "from", "to", "after", "before", "search", "in"):
                return error(400, "InvalidArgumentException", "Filters are filters.<property>.<operator>")
            kept = []
            for rec, render in rows:
                fields = render()
                if parts[1] not in fields and parts[1] != "id":
                    return error(400, "InvalidArgumentException", "Unknown property " + parts[1])
                if self.matches(rec.id if parts[1] == "id" else fields[parts[1]], parts[2], value):
                    kept.append((rec, render))
            rows = kept
        chunk, _ = self.paginate(rows, *paging)
        # References only, no next link: the client GETs each one; a short page ends the list.
        return Reply(200, {TYPES[res][2]: [ref(res, rec.id) for rec, _ in chunk]})

    @staticmethod
    def matches(field, op, value):
        if isinstance(field, dict) and field.get("entityType") == "date":
            have, bound = field["date"], date_text(value, end=op in ("to", "before"))
            if bound is None:
                return False
            return {"equals": have[:10] == bound[:10], "from": have >= bound, "after": have > bound,
                    "to": have <= bound, "before": have < bound}.get(op, False)
        if isinstance(field, dict):  # a reference: match its href or its id
            field = field.get("href", "")
            candidates = [field, field.rsplit("/", 1)[-1]]
        else:
            candidates = [str(field).lower() if isinstance(field, bool) else str(field)]
        if op == "equals":
            return value in candidates
        if op == "in":
            return any(v in candidates for v in value.split(","))
        if op == "search":
            return any(value.lower() in c.lower() for c in candidates)
        return False

    def changelog(self, req, res):
        try:
            since = int(req.query["from-revision"])
        except (KeyError, ValueError):
            return error(400, "InvalidArgumentException", "from-revision must be a whole number")
        paging = self.page_args(req)
        if paging is None:
            return error(400, "InvalidArgumentException", "page-number and page-size must be whole numbers")
        changed = sorted((rec for rec, _ in self.res.entries(res) if rec.rev > since), key=lambda r: (r.rev, r.id))
        changes = [{"changedObject": ref(res, r.id),
                    "changeType": "DELETE" if r.deleted else "CREATE" if r.created_rev > since else "UPDATE",
                    "fromRevision": 0 if r.created_rev > since else r.prev_rev, "toRevision": r.rev} for r in changed]
        chunk, _ = self.paginate(changes, *paging)
        return Reply(200, {"changes": chunk})

    # ---- writing -----------------------------------------------------------------------------
    def write(self, req, res, rid):
        with self.lock:
            pending_422, lose = self.faults.pop("payload_422", None), self.faults.pop("lose_ack", None)
        if self.faults.get("permission_refused"):
            return error(403, "PermissionDeniedException",
                         "The school has not given this application permission to write " + TYPES[res][0], 200)
        if pending_422:
            return error(422, "ValidationException", str(pending_422), 200)
        if res not in WRITABLE:
            return error(405, "MethodNotAllowedException", TYPES[res][0] + " cannot be written by this application")
        target = None
        if rid is not None:
            target = self.stored(res, rid)
            if target is None:
                return error(404, "NotFoundException", "No %s with id %s" % (TYPES[res][0], rid))
        fields = {}
        if req.method != "DELETE":
            body = req.json()
            fields = body.get("request", {}).get(TYPES[res][1]) if isinstance(body, dict) and isinstance(body.get("request"), dict) else None
            if not isinstance(fields, dict):
                return error(422, "ValidationException", 'Body must be {"request": {"%s": {...}}}' % TYPES[res][1], 200)
        problem = self.validate(res, fields, creating=target is None)
        if problem:
            return error(422, "ValidationException", problem, 200)  # documented: a 422 is a 200 payload
        rev, ts = self.school.stamp()
        if req.method == "DELETE":
            target.deleted = True
            self.school.touch(target, rev, ts)
            op = "deleted"
        elif target is None:
            target = self.create(res, fields, rev, ts)
            op = "created"
        else:
            self.apply(res, target, fields)
            self.school.touch(target, rev, ts)
            op = "updated"
        rec, render = self.res.find(res, target.id)
        shown = self.obj(res, rec, render) if rec is not None else ref(res, target.id)
        with self.lock:
            self.writes.append({"op": op, "resource": res, "id": target.id, "href": ref(res, target.id)["href"],
                                "object": shown, "revision": rev})
        if lose:  # applied, but the client never hears so: it must look the item up
            raise Drop()
        if op == "deleted":
            return Reply(200, {"response": {"code": 200, "reason": "OK", "errors": []}})
        return Reply(200, {TYPES[res][1]: shown})

    def stored(self, res, rid):
        rows = {"sen-notes": self.res.notes, "user-defined-records": self.res.udrs,
                "sen-status-assignments": self.school.statuses, "sen-needs": self.school.needs}[res]
        found = [r for r in rows if str(r.id) == str(rid) and not r.deleted]
        if found and found[0].upn and self.school.by_upn[found[0].upn].deleted:
            return None
        return found[0] if found else None

    def validate(self, res, f, creating):
        """A message for the first problem with written fields, or None."""
        need = {"sen-notes": ["student", "summary"], "user-defined-records": ["entity", "userDefinedField", "value"],
                "sen-status-assignments": ["student", "senStatus", "startDate"],
                "sen-needs": ["student", "senNeedType", "ranking"]}[res]
        missing = [k for k in need if creating and f.get(k) in (None, "")]
        if missing:
            return "Missing required field: " + ", ".join(missing)
        for key in ("student", "entity"):
            if key in f:
                p = self.res.pupil(href_id(f[key], "students"))
                if p is None or p.deleted:
                    return "%s must reference a current Student" % key
        checks = {"senStatus": ("sen-statuses", 4), "senNeedType": ("sen-need-types", len(self.res.need_ids)),
                  "userDefinedField": ("user-defined-fields", 1)}
        for key, (target, count) in checks.items():
            if key in f and not 1 <= (href_id(f[key], target) or 0) <= count:
                return "%s must reference an existing %s" % (key, TYPES[target][0])
        for key in ("startDate", "endDate", "effectiveDate", "noteDate"):
            if f.get(key) is not None and date_text(f[key]) is None:
                return key + " must be a date (Y-m-d or {\"date\": \"Y-m-d H:i:s\"})"
        if "ranking" in f and not (isinstance(f["ranking"], int) and f["ranking"] >= 1):
            return "ranking must be a whole number from 1"
        if "tags" in f and not isinstance(f["tags"], (dict, list)):
            return "tags must be an object of name: value"
        return None

    @staticmethod
    def tags(f):
        """Tags given as {"name": "value"} or [{"name": ..., "value": ...}] (the shape is a guess)."""
        t = f.get("tags")
        if isinstance(t, list):
            return {str(x.get("name")): str(x.get("value")) for x in t if isinstance(x, dict)}
        return {str(k): str(v) for k, v in (t or {}).items()}

    def create(self, res, f, rev, ts):
        s = self.school
        tags = self.tags(f)
        if res in ("sen-notes", "user-defined-records"):
            rows = self.res.notes if res == "sen-notes" else self.res.udrs
            rec = s.create(rows, rev, ts, tags=tags, upn=None)
            self.apply(res, rec, f)
            return rec
        p = self.res.pupil(href_id(f["student"], "students"))
        if res == "sen-status-assignments":
            rec = s.create(s.statuses, rev, ts, upn=p.upn, provision=None, start=None, tags=tags)
        else:
            rec = s.create(s.needs, rev, ts, upn=p.upn, type=None, rank=1, start=None, end=None, description=None, tags=tags)
        self.apply(res, rec, f)
        return rec

    def apply(self, res, rec, f):
        """Store written fields on a record (only those given: an update sends the changed ones)."""
        def day(key):
            text = date_text(f[key])
            return dt.date.fromisoformat(text[:10]) if f.get(key) is not None else None
        if "tags" in f:
            rec.tags = self.tags(f)
        if res == "sen-notes":
            for key in ("student", "summary", "content"):
                if key in f:
                    rec[key] = ref("students", href_id(f[key], "students")) if key == "student" else f[key]
            if "noteDate" in f:
                rec.noteDate = date(day("noteDate"))
        elif res == "user-defined-records":
            for key, target in (("entity", "students"), ("userDefinedField", "user-defined-fields")):
                if key in f:
                    rec[key] = ref(target, href_id(f[key], target))
            if "value" in f:
                rec.value = f["value"]
        elif res == "sen-status-assignments":
            if "senStatus" in f:
                rec.provision = [c for c, i in self.res.status_ids.items() if i == href_id(f["senStatus"], "sen-statuses")][0]
            if "startDate" in f:
                rec.start = day("startDate")
            if "endDate" in f:
                rec.end_override = day("endDate")
        else:
            if "senNeedType" in f:
                rec.type = [c for c, i in self.res.need_ids.items() if i == href_id(f["senNeedType"], "sen-need-types")][0]
            if "ranking" in f:
                rec.rank = f["ranking"]
            for key, attr in (("effectiveDate", "start"), ("endDate", "end")):
                if key in f:
                    rec[attr] = day(key)
            if "description" in f:
                rec.description = f["description"]


if __name__ == "__main__":
    fake_http.main(Arbor, __doc__.splitlines()[0])
