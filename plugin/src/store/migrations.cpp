#include "store/migrations.hpp"

#include <array>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/pupil_summary.hpp"
#include "store/schema_snapshot.hpp"

namespace sm::store {
namespace {

// Migration N (1-based) brings a database from user_version N-1 to N. Append only:
// a migration that has shipped is never edited.
constexpr int kSummariesMigration = 13;  // the attendance counts and score trends
constexpr int kAuditFileMigration = 16;  // the audit and access logs move to the audit file

constexpr std::array<std::string_view, 35> kMigrations{
    // 1: the walking skeleton. Pupils, SEN status history, ranked needs, attendance marks,
    // assessment results, the import journal and the audit log of reads.
    R"sql(
CREATE TABLE school (
  id INTEGER PRIMARY KEY,
  la TEXT NOT NULL,
  estab TEXT NOT NULL,
  urn TEXT,
  name TEXT,
  UNIQUE (la, estab)
);

CREATE TABLE import_run (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,              -- 'ctf'
  file_name TEXT NOT NULL,
  checksum TEXT NOT NULL,            -- XXH3-128 of the file's bytes (change detection)
  source_datetime TEXT,              -- the file's own DateTime
  school_id INTEGER REFERENCES school(id),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  pupils_in_file INTEGER NOT NULL,
  pupils_added INTEGER NOT NULL,
  pupils_changed INTEGER NOT NULL,
  pupils_unchanged INTEGER NOT NULL,
  pupils_rejected INTEGER NOT NULL,
  pupils_not_applied INTEGER NOT NULL  -- held data was newer than the file
);
CREATE INDEX import_run_checksum ON import_run(checksum);

CREATE TABLE pupil (
  id INTEGER PRIMARY KEY,
  upn TEXT NOT NULL UNIQUE,
  school_id INTEGER NOT NULL REFERENCES school(id),
  uln TEXT,
  uci TEXT,
  surname TEXT NOT NULL,
  forename TEXT NOT NULL,
  preferred_surname TEXT,
  preferred_forename TEXT,
  middle_names TEXT,
  dob TEXT NOT NULL,
  sex TEXT NOT NULL,
  nc_year TEXT,
  ethnicity TEXT,
  first_language TEXT,
  enrol_status TEXT,
  medical_flag INTEGER,
  looked_after INTEGER NOT NULL DEFAULT 0,
  care_authority TEXT,
  source_datetime TEXT NOT NULL,     -- DateTime of the file that last changed this pupil
  fingerprint TEXT NOT NULL,         -- XXH3-128 of the pupil's record as last imported
  last_import_id INTEGER            -- the run that last changed this pupil (provenance, see below)
);
CREATE INDEX pupil_school ON pupil(school_id);

CREATE TABLE fsm_period (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  end_date TEXT,
  country TEXT,
  PRIMARY KEY (pupil_id, start_date)
) WITHOUT ROWID;

-- import_id columns record which run last changed a row. They carry no foreign key on purpose:
-- the journal can be pruned on its own schedule, and a bulk import skips one lookup per row.

-- Every period of SEN status ever seen: a newer file adds to the history, never erases it.
CREATE TABLE sen_status_period (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  provision TEXT NOT NULL,
  import_id INTEGER,
  PRIMARY KEY (pupil_id, start_date)
) WITHOUT ROWID;

-- Ranked needs with dates; a need the MIS no longer lists is ended, not deleted.
CREATE TABLE sen_need (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  need_type TEXT NOT NULL,
  rank INTEGER NOT NULL,
  start_date TEXT,
  end_date TEXT,
  import_id INTEGER
);
CREATE INDEX sen_need_pupil ON sen_need(pupil_id);

-- Every session mark of a year, as the MIS sends them: one character per session, AM then PM,
-- for each weekday from marks_start. Any date range's attendance is computed from these.
CREATE TABLE attendance_year (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  lea TEXT,
  estab TEXT,
  school_name TEXT,
  sessions_possible INTEGER,
  sessions_authorised INTEGER,
  sessions_attended INTEGER,
  sessions_unauthorised INTEGER,
  marks_start TEXT,
  marks TEXT,
  PRIMARY KEY (pupil_id, year)
) WITHOUT ROWID;

-- Results in the order the source lists them; keyed by pupil so one pupil's results sit
-- together and no second index is needed (imports write ~10 of these per pupil).
CREATE TABLE assessment_result (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  source TEXT NOT NULL DEFAULT 'ctf',  -- which feed owns the row (a newer file replaces its own)
  seq INTEGER NOT NULL,
  stage TEXT,
  locale TEXT,
  year INTEGER,
  subject TEXT NOT NULL,
  method TEXT,
  component TEXT,
  result_status TEXT,
  result_qualifier TEXT,
  result TEXT NOT NULL,
  result_date TEXT,
  PRIMARY KEY (pupil_id, source, seq)
) WITHOUT ROWID;

-- Who read or changed which pupil's SEN record, and when. Holds no SEN content.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  upn TEXT
);
CREATE INDEX audit_log_upn ON audit_log(upn);
)sql",

    // 2: rostering (OneRoster): staff, classes, who is in which class, terms, gradebook items.
    // Rows a source no longer lists are ended (left_on / ended_on), not deleted: audit trails,
    // acknowledgements and history refer to them.
    R"sql(
CREATE TABLE staff (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  preferred_given_name TEXT,
  email TEXT,
  username TEXT,
  identifier TEXT,
  role TEXT NOT NULL,               -- teacher | aide | administrator | other
  left_on TEXT,
  UNIQUE (school_id, sourced_id)
);

-- A OneRoster student mapped to the pupil it is (by UPN).
CREATE TABLE roster_student (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  left_on TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;

CREATE TABLE school_class (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  title TEXT NOT NULL,
  class_code TEXT,
  subjects TEXT,
  term_ids TEXT,                    -- the academic sessions it runs in, comma separated
  ended_on TEXT,
  UNIQUE (school_id, sourced_id)
);

-- Enrolments: exactly one of pupil_id / staff_id is set.
CREATE TABLE class_member (
  class_id INTEGER NOT NULL REFERENCES school_class(id),
  sourced_id TEXT NOT NULL,
  pupil_id INTEGER REFERENCES pupil(id),
  staff_id INTEGER REFERENCES staff(id),
  role TEXT NOT NULL,               -- student | teacher | aide
  is_primary INTEGER NOT NULL DEFAULT 0,
  begin_date TEXT,
  end_date TEXT,
  PRIMARY KEY (class_id, sourced_id),
  CHECK ((pupil_id IS NULL) <> (staff_id IS NULL))
) WITHOUT ROWID;
CREATE INDEX class_member_pupil ON class_member(pupil_id);
CREATE INDEX class_member_staff ON class_member(staff_id);

CREATE TABLE academic_session (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  title TEXT NOT NULL,
  type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  parent_sourced_id TEXT,
  school_year TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;

CREATE TABLE line_item (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  title TEXT NOT NULL,
  class_sourced_id TEXT,
  category TEXT,
  assign_date TEXT,
  due_date TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;

-- Gradebook results are assessment results (source 'oneroster'); source_ref is the result's
-- sourcedId, so a delta can replace or remove exactly that row.
-- The index is partial: CTF results (most rows, no source_ref) cost an import nothing extra.
ALTER TABLE assessment_result ADD COLUMN source_ref TEXT;
CREATE INDEX assessment_result_ref ON assessment_result(source_ref) WHERE source_ref IS NOT NULL;

-- The run journal covers every source kind; rosters record the bundle instead of a CTF.
ALTER TABLE import_run ADD COLUMN details TEXT;   -- JSON: counts per record kind, warnings
)sql",

    // 3: the nightly sync. Pupils who leave the roll are marked, never deleted; each sync is a
    // journal entry, and every source run in it (applied, skipped or refused) is recorded.
    R"sql(
ALTER TABLE pupil ADD COLUMN left_on TEXT;
-- (school_id, left_on) serves every query pupil_school did, so that one index goes: an import
-- maintains one index fewer per pupil.
CREATE INDEX pupil_left ON pupil(school_id, left_on);
DROP INDEX pupil_school;

-- Term dates from the config: termly reviews and the three parent meetings a year hang on them.
CREATE TABLE school_term (
  school_id INTEGER NOT NULL REFERENCES school(id),
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  PRIMARY KEY (school_id, start_date)
) WITHOUT ROWID;

CREATE TABLE sync_run (
  id INTEGER PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  config_file TEXT,
  status TEXT NOT NULL,              -- running | ok | partial | failed
  sources_ok INTEGER NOT NULL DEFAULT 0,
  sources_failed INTEGER NOT NULL DEFAULT 0
);

ALTER TABLE import_run ADD COLUMN sync_run_id INTEGER;
ALTER TABLE import_run ADD COLUMN status TEXT NOT NULL DEFAULT 'applied';  -- applied | skipped | refused
ALTER TABLE import_run ADD COLUMN problems INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN warnings INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_run ADD COLUMN pupils_left INTEGER NOT NULL DEFAULT 0;
)sql",

    // 4: the operations layer: what staff record (EHC plans, the provision catalogue), with a
    // change log of who changed what and when (no SEN content in it: the op and the pupil).
    R"sql(
CREATE TABLE change_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  operation TEXT NOT NULL,
  upn TEXT,
  object_id INTEGER
);
CREATE INDEX change_log_upn ON change_log(upn);

CREATE TABLE ehc_plan (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  la TEXT NOT NULL,                 -- the local authority the request went to (3 digits)
  request_date TEXT NOT NULL,
  decision TEXT,                    -- assess | refuse (the LA's decision to carry out an assessment)
  decision_date TEXT,
  issue_date TEXT,                  -- the final plan
  ceased_date TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_plan_pupil ON ehc_plan(pupil_id);

CREATE TABLE ehc_review (
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  PRIMARY KEY (plan_id, meeting_date)
) WITHOUT ROWID;

-- The provision catalogue. Money in pence; cost per pupil is computed, never typed.
CREATE TABLE provision (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  areas TEXT NOT NULL,              -- areas of need, comma separated
  wave INTEGER NOT NULL CHECK (wave BETWEEN 1 AND 3),
  delivered_by TEXT NOT NULL,       -- teacher | ta | specialist | external
  group_size INTEGER NOT NULL CHECK (group_size >= 1),
  sessions_per_week REAL NOT NULL,
  minutes_per_session INTEGER NOT NULL,
  weeks INTEGER NOT NULL,
  staff_hourly_cost_pence INTEGER NOT NULL,
  resource_cost_pence INTEGER NOT NULL DEFAULT 0,  -- for the whole group, over the whole run
  entry_criteria TEXT,
  exit_criteria TEXT,
  measure TEXT,                     -- the baseline / exit measure, e.g. a standardised reading score
  evidence_rating TEXT,             -- e.g. an EEF rating
  created_at TEXT NOT NULL,
  retired_on TEXT
);
)sql",

    // 5: placements (a pupil on a provision) and the session register (running records).
    R"sql(
-- The imported assessment subject that measures progress on a provision (e.g. RDG): baseline
-- and exit are then taken from the MIS data automatically.
ALTER TABLE provision ADD COLUMN measure_subject TEXT;

CREATE TABLE placement (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  provision_id INTEGER NOT NULL REFERENCES provision(id),
  start_date TEXT NOT NULL,
  end_date TEXT,
  planned_sessions INTEGER NOT NULL,
  baseline TEXT,
  baseline_date TEXT,
  baseline_source TEXT,             -- assessment | entered
  exit_value TEXT,
  exit_date TEXT,
  exit_source TEXT,
  outcome TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX placement_pupil ON placement(pupil_id);
CREATE INDEX placement_provision ON placement(provision_id);

CREATE TABLE provision_session (
  id INTEGER PRIMARY KEY,
  provision_id INTEGER NOT NULL REFERENCES provision(id),
  session_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('delivered', 'cancelled')),
  staff TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX provision_session_provision ON provision_session(provision_id, session_date);

CREATE TABLE session_attendance (
  session_id INTEGER NOT NULL REFERENCES provision_session(id),
  placement_id INTEGER NOT NULL REFERENCES placement(id),
  present INTEGER NOT NULL,
  PRIMARY KEY (session_id, placement_id)
) WITHOUT ROWID;
)sql",

    // 6: person-centred records and the graduated approach: the pupil passport, exam access
    // arrangements, assess-plan-do-review cycles with targets, and parent meetings.
    R"sql(
-- Every version is kept; the latest is the passport.
CREATE TABLE passport (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  recorded_on TEXT NOT NULL,
  content TEXT NOT NULL             -- JSON object of the one-page profile's sections
);
CREATE INDEX passport_pupil ON passport(pupil_id, id);

CREATE TABLE access_arrangement (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  kind TEXT NOT NULL,
  details TEXT,
  evidence TEXT NOT NULL,
  valid_from TEXT NOT NULL,
  valid_to TEXT
);
CREATE INDEX access_arrangement_pupil ON access_arrangement(pupil_id);

CREATE TABLE sen_cycle (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  assessed_on TEXT NOT NULL,
  evidence TEXT NOT NULL,           -- JSON snapshot gathered at assess: attainment, attendance, history
  pupil_views TEXT,
  parent_views TEXT,
  assess_notes TEXT,
  planned_on TEXT,
  review_due TEXT,
  reviewed_on TEXT,
  review TEXT,                      -- JSON: views at review
  next_step TEXT                    -- continue | step_up | step_down | leave_register | request_ehc_assessment
);
CREATE INDEX sen_cycle_pupil ON sen_cycle(pupil_id, assessed_on);

CREATE TABLE cycle_target (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES sen_cycle(id),
  target TEXT NOT NULL,
  success_criteria TEXT NOT NULL,
  result TEXT,                      -- achieved | partly | not
  evidence TEXT
);

CREATE TABLE cycle_placement (
  cycle_id INTEGER NOT NULL REFERENCES sen_cycle(id),
  placement_id INTEGER NOT NULL REFERENCES placement(id),
  PRIMARY KEY (cycle_id, placement_id)
) WITHOUT ROWID;

CREATE TABLE parent_meeting (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  met_on TEXT NOT NULL,
  notes TEXT
);
CREATE INDEX parent_meeting_pupil ON parent_meeting(pupil_id, met_on);
)sql",

    // 7: a pupil who moved school mid-year has one YearData per school for the same year:
    // attendance is kept per (pupil, year, school), no longer one row per year.
    R"sql(
CREATE TABLE attendance_year_by_school (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  lea TEXT,
  estab TEXT NOT NULL DEFAULT '',
  school_name TEXT,
  sessions_possible INTEGER,
  sessions_authorised INTEGER,
  sessions_attended INTEGER,
  sessions_unauthorised INTEGER,
  marks_start TEXT,
  marks TEXT,
  PRIMARY KEY (pupil_id, year, estab)
) WITHOUT ROWID;
INSERT INTO attendance_year_by_school SELECT pupil_id, year, lea, COALESCE(estab, ''), school_name, sessions_possible,
  sessions_authorised, sessions_attended, sessions_unauthorised, marks_start, marks FROM attendance_year;
DROP TABLE attendance_year;
ALTER TABLE attendance_year_by_school RENAME TO attendance_year;
)sql",

    // 8: OneRoster students not (yet) matched to a pupil are remembered, so a later delta that
    // enrols them is understood, and they are matched once the MIS's CTF brings the pupil.
    R"sql(
CREATE TABLE roster_unmatched (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  upn TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;

-- A delta finds an enrolment by its own id, whichever class it was in; a result's school is
-- checked through its pupil.
CREATE INDEX class_member_sourced ON class_member(sourced_id);
CREATE INDEX roster_student_pupil ON roster_student(school_id, pupil_id);
)sql",

    // 9: the school's own settings (statutory clock durations from the config, with where each
    // came from); EHC plan Section F provision lines and the placements that deliver them; needs
    // agreed by staff at a review, told apart from the MIS's.
    R"sql(
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  source TEXT NOT NULL              -- "config /etc/senmap/senmap.toml line 40", or the regulation
) WITHOUT ROWID;

CREATE TABLE ehc_provision_line (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  description TEXT NOT NULL,        -- the plan's wording, e.g. "small-group literacy, 3 x 30 min"
  hours_per_week REAL NOT NULL CHECK (hours_per_week > 0),
  from_date TEXT NOT NULL,
  to_date TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_provision_line_plan ON ehc_provision_line(plan_id);

CREATE TABLE ehc_line_placement (
  line_id INTEGER NOT NULL REFERENCES ehc_provision_line(id),
  placement_id INTEGER NOT NULL REFERENCES placement(id),
  PRIMARY KEY (line_id, placement_id)
) WITHOUT ROWID;

ALTER TABLE sen_need ADD COLUMN recorded_by TEXT;  -- staff who agreed it at a review; NULL: from the MIS

-- Class lists and class maps drop students who left the school's roster: a small partial index
-- the planner takes for that check (without it, every member scanned the school's whole roster).
CREATE INDEX roster_student_left ON roster_student(pupil_id, school_id) WHERE left_on IS NOT NULL;

-- A class map finds its class by the MIS's id.
CREATE INDEX school_class_sourced ON school_class(sourced_id);

-- Sessions delivered and attended per placement (fidelity, Section F hours, the provision map).
CREATE INDEX session_attendance_placement ON session_attendance(placement_id);
)sql",

    // 10: flags raised by the rules, with their lifecycle: raised once, seen again each run,
    // cleared (with the date and why) when the condition no longer holds. Never deleted.
    R"sql(
CREATE TABLE flag (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  subject TEXT NOT NULL DEFAULT '',  -- within the pupil: "placement 17", "cycle 5"; '' for the pupil
  severity TEXT NOT NULL,
  raised_on TEXT NOT NULL,
  last_seen_on TEXT NOT NULL,
  cleared_on TEXT,
  cleared_why TEXT,
  explanation TEXT NOT NULL,        -- the evidence in words, as last seen
  evidence TEXT NOT NULL            -- JSON
);
CREATE UNIQUE INDEX flag_active ON flag(rule, pupil_id, subject) WHERE cleared_on IS NULL;
CREATE INDEX flag_pupil ON flag(pupil_id);
)sql",

    // 11: notes written by staff or by senmap, and the outbox: whatever must reach the MIS is
    // queued in the transaction that created it, one item per writeback target, each with an
    // idempotency key, drained by writeback runs with bounded retries and a dead-letter state.
    R"sql(
CREATE TABLE note (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  type TEXT NOT NULL,               -- review_summary | meeting | general | system
  visibility TEXT NOT NULL,         -- senco | teaching_staff | all_staff
  body TEXT NOT NULL,
  author TEXT NOT NULL,             -- the actor, or "senmap" for the system's notes
  written_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX note_pupil ON note(pupil_id);

-- The MIS writeback targets the config names (the outbox queues one item per target).
CREATE TABLE writeback_target (
  name TEXT PRIMARY KEY,            -- "csv", "host", ...
  kind TEXT NOT NULL,
  path TEXT
) WITHOUT ROWID;

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  target TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,    -- the same item never reaches a target twice
  kind TEXT NOT NULL,               -- flag_raised | flag_cleared | note | status_change | needs_changed
  upn TEXT NOT NULL,
  payload TEXT NOT NULL,            -- JSON, as the target receives it
  created_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',  -- pending | delivered | dead
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  delivered_at TEXT,
  UNIQUE (target, idempotency_key)
);
CREATE INDEX outbox_due ON outbox(target, status, next_attempt_at);
)sql",
    // 12: who may use senmap serve and what they may see: a role for a member of staff from the
    // MIS roster, API tokens kept only as SHA-256 hashes, the pupils a TA supports, the schools a
    // trust officer covers, and the API's access log (with the address each request came from).
    R"sql(
CREATE TABLE staff_role (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  role TEXT NOT NULL CHECK (role IN ('senco', 'teacher', 'ta', 'senior_leader', 'governor', 'trust_officer', 'admin')),
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);

-- A token is "senmap_<selector>_<secret>": the selector finds the row, the secret's hash is
-- compared in constant time. Neither the token nor the secret is stored.
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  selector TEXT NOT NULL UNIQUE,
  secret_sha256 BLOB NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TEXT NOT NULL,         -- YYYY-MM-DDTHH:MM:SSZ
  revoked_at TEXT
);
CREATE INDEX api_token_staff ON api_token(staff_id);

CREATE TABLE ta_assignment (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  assigned_on TEXT NOT NULL,
  assigned_by TEXT NOT NULL,
  PRIMARY KEY (staff_id, pupil_id)
) WITHOUT ROWID;
CREATE INDEX ta_assignment_pupil ON ta_assignment(pupil_id);

CREATE TABLE trust_officer_school (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  school_id INTEGER NOT NULL REFERENCES school(id),
  PRIMARY KEY (staff_id, school_id)
) WITHOUT ROWID;

-- Every API request that reads or changes SEN records, and every refusal. Never a query string,
-- a body or a token: the route template, the operation and the pupil or object asked for.
CREATE TABLE api_access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,              -- as in audit_log ("staff:701-4001/stf-0003"), or "anonymous"
  address TEXT NOT NULL,
  method TEXT NOT NULL,
  route TEXT NOT NULL,
  operation TEXT,
  upn TEXT,
  object TEXT,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL             -- allowed | refused | not_found | invalid | unauthenticated | failed
);
CREATE INDEX api_access_log_upn ON api_access_log(upn);
)sql",
    // 13: summaries the importers keep so the nightly rules need not re-read every mark and
    // result: each attendance year's counts from its marks, and each subject's latest two scores.
    // Filled for data already held by backfill_summaries (store/pupil_summary), run just after.
    R"sql(
ALTER TABLE attendance_year ADD COLUMN marks_possible INTEGER;   -- NULL when there are no marks
ALTER TABLE attendance_year ADD COLUMN marks_attended INTEGER;

-- Per pupil, source and subject with at least two dated scores: the two latest. A trend stays
-- within one feed (a CTF's scaled scores and a school's standardised scores are not one scale).
CREATE TABLE assessment_trend (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  subject TEXT NOT NULL,
  previous_on TEXT NOT NULL,
  previous_score REAL NOT NULL,
  latest_on TEXT NOT NULL,
  latest_score REAL NOT NULL,
  PRIMARY KEY (pupil_id, source, subject)
) WITHOUT ROWID;
)sql",
    // 14: a teacher's record that they have read a class provision map: evidence for the SENCO
    // that the strategies reached the classroom, and of which version (the map's content hash);
    // and cycle targets indexed by cycle.
    R"sql(
CREATE TABLE class_map_read (
  id INTEGER PRIMARY KEY,
  class_id INTEGER NOT NULL REFERENCES school_class(id),
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  read_on TEXT NOT NULL,
  read_at TEXT NOT NULL,            -- UTC timestamp
  pupils INTEGER NOT NULL,          -- pupils on the map as read
  map_hash TEXT NOT NULL            -- what the map said, to tell a read of the current map from an older one
);
CREATE INDEX class_map_read_class ON class_map_read(class_id, staff_id);

-- A cycle's targets by cycle: the progress rule counts them for every reviewed cycle each night.
CREATE INDEX cycle_target_cycle ON cycle_target(cycle_id);
)sql",
    // 15: calendar feeds: a secret URL per member of staff that their phone or cloud calendar
    // fetches without signing in. Kept apart from API tokens: the URL grants nothing but the feed.
    R"sql(
-- The URL holds "<selector>.<secret>": the selector finds the row, the secret's SHA-256 (hex) is
-- compared in constant time. Neither the URL nor the secret is stored.
CREATE TABLE calendar_feed (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  selector TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,         -- YYYY-MM-DDTHH:MM:SSZ
  revoked_at TEXT                   -- replaced by a new one, or stopped
);
-- One live feed per member of staff: making a new one revokes the old in the same transaction.
CREATE UNIQUE INDEX calendar_feed_live ON calendar_feed(staff_id) WHERE revoked_at IS NULL;
)sql",
    // 16: the audit log and the API access log move to the audit file beside the database
    // (Database::audit_file): a server writes a row for every request, and rows written here moved
    // the data version every reader's cache is checked against. Rows already held are copied there
    // first (move_logs_to_audit_file), then dropped here.
    R"sql(
DROP TABLE audit_log;
DROP TABLE api_access_log;
)sql",
    // 17: enrolments and gradebook results of OneRoster students not yet matched to a pupil wait
    // here until the pupil arrives (by a CTF or a later bundle), in whatever order the files come:
    // a bundle skipped as unchanged by its checksum must not leave its classes short for good.
    R"sql(
CREATE TABLE roster_waiting_enrollment (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  class_sourced_id TEXT NOT NULL,
  user_sourced_id TEXT NOT NULL,
  role TEXT NOT NULL,
  is_primary INTEGER NOT NULL,
  begin_date TEXT,
  end_date TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;
CREATE INDEX roster_waiting_enrollment_user ON roster_waiting_enrollment(school_id, user_sourced_id);

CREATE TABLE roster_waiting_result (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  line_item_sourced_id TEXT NOT NULL,
  student_sourced_id TEXT NOT NULL,
  score_status TEXT,
  score TEXT NOT NULL,
  score_date TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;
CREATE INDEX roster_waiting_result_student ON roster_waiting_result(school_id, student_sourced_id);
)sql",
    // 18: a session's start time, for a provision that meets more than once a day: a session is
    // the provision, the day and (when given) the time, and session.record refuses a repeat.
    R"sql(
ALTER TABLE provision_session ADD COLUMN start_time TEXT;   -- HH:MM, or NULL
)sql",
    // 19: live MIS sources (Xporter, Wonde, Arbor): the MIS's own id for each pupil, the delta
    // cursor of each endpoint (moved only with the data it covers), and why a run failed.
    R"sql(
CREATE TABLE pupil_mis_id (
  school_id INTEGER NOT NULL REFERENCES school(id),
  source TEXT NOT NULL,              -- xporter | wonde | arbor
  mis_id TEXT NOT NULL,              -- the MIS's own id for the pupil
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  PRIMARY KEY (school_id, source, mis_id)
) WITHOUT ROWID;
CREATE INDEX pupil_mis_id_pupil ON pupil_mis_id(pupil_id);
CREATE TABLE source_cursor (
  school_id INTEGER NOT NULL REFERENCES school(id),
  source TEXT NOT NULL,
  endpoint TEXT NOT NULL,            -- e.g. Students, students, sen-needs
  cursor TEXT NOT NULL,              -- changeset id, timestamp or revision
  stored_at TEXT NOT NULL,
  PRIMARY KEY (school_id, source, endpoint)
) WITHOUT ROWID;
ALTER TABLE import_run ADD COLUMN reason TEXT;      -- why a run was refused or failed (no SEN content)
)sql",
    // 20: EHC plans the school already held when it started with senmap (ehcp.record_existing):
    // issued on a known day, but their request and the LA's decision were never recorded here.
    R"sql(
ALTER TABLE ehc_plan ADD COLUMN recorded_existing INTEGER NOT NULL DEFAULT 0;
)sql",
    // 21: what staff do with a flag (acknowledge with a note, snooze until a day, assign to a
    // member of staff, resolve with a reason), as its current state on the flag and every step in
    // flag_action, so the next person sees who did what and why. A resolved flag stays matched by
    // the rules (cleared_on stays NULL) so it is not raised again while its condition holds.
    R"sql(
ALTER TABLE flag ADD COLUMN acknowledged_on TEXT;
ALTER TABLE flag ADD COLUMN snoozed_until TEXT;
ALTER TABLE flag ADD COLUMN assigned_to INTEGER REFERENCES staff(id);
ALTER TABLE flag ADD COLUMN resolved_on TEXT;
ALTER TABLE flag ADD COLUMN resolved_why TEXT;
CREATE TABLE flag_action (
  id INTEGER PRIMARY KEY,
  flag_id INTEGER NOT NULL REFERENCES flag(id),
  action TEXT NOT NULL CHECK (action IN ('acknowledge', 'snooze', 'assign', 'resolve')),
  acted_on TEXT NOT NULL,           -- the school day it was done
  actor TEXT NOT NULL,              -- as the change log names them
  note TEXT NOT NULL DEFAULT '',
  until TEXT,                       -- snooze: the day the flag returns
  staff_id INTEGER REFERENCES staff(id),  -- assign: to whom
  created_at TEXT NOT NULL
);
CREATE INDEX flag_action_flag ON flag_action(flag_id);
CREATE INDEX flag_assigned ON flag(assigned_to) WHERE assigned_to IS NOT NULL;
)sql",

    // 22: what teachers add from their class map: their views for the pupil's next review, and
    // that a strategy worked or did not. Kept with the cycle running when written (NULL before
    // any), so the SENCO reads them in the cycle they bear on.
    R"sql(
CREATE TABLE teacher_contribution (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  cycle_id INTEGER REFERENCES sen_cycle(id),
  staff_id INTEGER REFERENCES staff(id),  -- who wrote it, when a member of staff did
  actor TEXT NOT NULL,                    -- as the change log names them
  kind TEXT NOT NULL CHECK (kind IN ('views', 'strategy_worked', 'strategy_did_not_work')),
  strategy TEXT,                          -- the strategy it is about (the kinds about one)
  note TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX teacher_contribution_pupil ON teacher_contribution(pupil_id, cycle_id);
)sql",

    // 23: the annual review as it happens: the meeting scheduled ahead (one at a time a plan), then
    // held; after it the report to the LA and the LA's decision, each with its date. A review that
    // came with a plan already held (ehcp.record_existing) is marked: its report and decision were
    // never senmap's to record, so they are not counted as late.
    R"sql(
CREATE TABLE ehc_review_scheduled (
  plan_id INTEGER PRIMARY KEY REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  scheduled_on TEXT NOT NULL
);
ALTER TABLE ehc_review ADD COLUMN recorded_existing INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ehc_review ADD COLUMN report_sent_on TEXT;
ALTER TABLE ehc_review ADD COLUMN la_decision TEXT CHECK (la_decision IN ('maintain', 'amend', 'cease'));
ALTER TABLE ehc_review ADD COLUMN la_decided_on TEXT;
UPDATE ehc_review SET recorded_existing = 1
WHERE plan_id IN (SELECT id FROM ehc_plan e WHERE e.recorded_existing = 1 AND ehc_review.meeting_date <= e.created_at);
)sql",

    // 24: who was invited to an annual review meeting, how and when. Each invitation is to one
    // meeting date: a meeting moved must be told to everyone again.
    R"sql(
CREATE TABLE ehc_review_invitation (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('parent', 'pupil', 'la_caseworker', 'health', 'social_care', 'teacher', 'ta',
                                     'professional')),
  how TEXT NOT NULL CHECK (how IN ('letter', 'email', 'in_person', 'phone')),
  invited_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_review_invitation_plan ON ehc_review_invitation(plan_id, meeting_date);
)sql",

    // 25: advice for an annual review meeting: asked of whom and when, and the day it came. It is
    // needed two weeks before the meeting, to go out with the invitations.
    R"sql(
CREATE TABLE ehc_review_advice (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  author TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('school', 'educational_psychologist', 'health', 'social_care', 'la', 'other')),
  requested_on TEXT NOT NULL,
  received_on TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_review_advice_plan ON ehc_review_advice(plan_id, meeting_date);
)sql",

    // 26: what an annual review looks at and decides. The plan's outcomes (Section E), each judged
    // at a meeting (met, partly met, not met); the pupil's and the parents' views gathered for it;
    // who came; the amendments the meeting proposes and what it recommends to the LA. After an LA
    // decides to amend, the amendment notice sent to the parents, their response (they have 15 days)
    // and the amended plan issued.
    R"sql(
CREATE TABLE ehc_outcome (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  outcome TEXT NOT NULL,            -- the plan's wording
  added_on TEXT NOT NULL,
  ended_on TEXT,                    -- a review judged it met, or an amendment removed it
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_outcome_plan ON ehc_outcome(plan_id);
CREATE TABLE ehc_review_outcome (
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  outcome_id INTEGER NOT NULL REFERENCES ehc_outcome(id),
  progress TEXT NOT NULL CHECK (progress IN ('met', 'partly_met', 'not_met')),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (plan_id, meeting_date, outcome_id)
) WITHOUT ROWID;
CREATE TABLE ehc_review_views (
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  whose TEXT NOT NULL CHECK (whose IN ('pupil', 'parent')),
  important_now TEXT NOT NULL DEFAULT '',
  important_future TEXT NOT NULL DEFAULT '',
  working TEXT NOT NULL DEFAULT '',
  not_working TEXT NOT NULL DEFAULT '',
  gathered_on TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, meeting_date, whose)
) WITHOUT ROWID;
ALTER TABLE ehc_review_invitation ADD COLUMN attended INTEGER CHECK (attended IN (0, 1));  -- NULL: not recorded
ALTER TABLE ehc_review ADD COLUMN recommendation TEXT CHECK (recommendation IN ('maintain', 'amend', 'cease'));
ALTER TABLE ehc_review ADD COLUMN amendments TEXT;
ALTER TABLE ehc_review ADD COLUMN outcomes_recorded_on TEXT;
ALTER TABLE ehc_review ADD COLUMN amendment_notice_on TEXT;
ALTER TABLE ehc_review ADD COLUMN parents_responded_on TEXT;
ALTER TABLE ehc_review ADD COLUMN amended_plan_issued_on TEXT;
)sql",

    // 27: how a plan began and ended beyond its request and reviews: a plan that replaced a
    // statement (the statement's issue date), a plan ceased outside a review (with why), and the
    // LAs that have maintained it (a family moving to another LA: the plan goes with the pupil);
    // and each pupil's move to the next phase.
    R"sql(
ALTER TABLE ehc_plan ADD COLUMN statement_issued_on TEXT;
ALTER TABLE ehc_plan ADD COLUMN ended_why TEXT;
UPDATE ehc_plan SET ended_why = CASE WHEN decision = 'refuse' THEN 'the LA refused to assess' ELSE 'ceased after an annual review' END
WHERE ceased_date IS NOT NULL;
CREATE TABLE ehc_plan_transfer (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  from_la TEXT NOT NULL,
  to_la TEXT NOT NULL,
  transferred_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ehc_plan_transfer_plan ON ehc_plan_transfer(plan_id);
-- A pupil on the register moving phase next September: the setting named for them and the steps
-- of the move, each the day it was done (NULL: not yet).
CREATE TABLE phase_transfer (
  pupil_id INTEGER PRIMARY KEY REFERENCES pupil(id),
  next_setting TEXT,
  visited_on TEXT,                  -- the pupil visited the next setting
  information_shared_on TEXT,       -- the plan, passport and records sent to it
  senco_met_on TEXT,                -- the receiving SENCO met this school's
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
)sql",

    // 28: an exam access arrangement's evidence as JCQ inspects it (the assessor, their
    // qualification, standardised scores with their tests, the normal way of working) and the day
    // its application was approved (the approval lapses after the clock's access_approval).
    R"sql(
ALTER TABLE access_arrangement ADD COLUMN assessor TEXT;
ALTER TABLE access_arrangement ADD COLUMN assessor_qualification TEXT;
ALTER TABLE access_arrangement ADD COLUMN scores TEXT;                  -- JSON [{"test","score"}]
ALTER TABLE access_arrangement ADD COLUMN normal_way_of_working TEXT;
ALTER TABLE access_arrangement ADD COLUMN approved_on TEXT;
)sql",

    // 29: suspensions and permanent exclusions as the school records them (its exclusion log, an
    // MIS's exclusion records): one row each, so a permanent exclusion, which no register mark
    // shows, is counted, and a suspension's sessions and reason are as the school gave them.
    R"sql(
CREATE TABLE exclusion (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  kind TEXT NOT NULL CHECK (kind IN ('suspension', 'permanent')),
  start_date TEXT NOT NULL,
  end_date TEXT,                    -- a suspension's last day; NULL for a permanent exclusion
  sessions INTEGER CHECK (sessions IS NULL OR sessions > 0),  -- sessions lost (two a school day)
  reason TEXT,                      -- the DfE reason code as the school gave it, e.g. PD
  source TEXT NOT NULL,             -- who sent it: 'senmap' (recorded or imported here)
  recorded_at TEXT NOT NULL,
  UNIQUE (pupil_id, kind, start_date)
);
)sql",

    // 30: the SEND money a school has in a year, as its SENCO or business manager enters it: the
    // notional SEN budget, each EHC plan's top-up from the LA, and other income; set against what
    // the costed provision map spends (report.budget). Pounds are kept as pence.
    R"sql(
CREATE TABLE send_funding (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES school(id),
  academic_year INTEGER NOT NULL,   -- 2026 for 2026/27
  kind TEXT NOT NULL CHECK (kind IN ('notional', 'top_up', 'other')),
  pupil_id INTEGER REFERENCES pupil(id),  -- a top-up: the pupil whose EHC plan it funds
  description TEXT NOT NULL DEFAULT '',
  amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  CHECK ((kind = 'top_up') = (pupil_id IS NOT NULL))
);
CREATE UNIQUE INDEX send_funding_one ON send_funding(school_id, academic_year, kind, COALESCE(pupil_id, 0), description);
)sql",

    // 31: each school's SENCO as the trust sees the role: hours a week for it, on the senior
    // leadership team, a qualified teacher, the national SENCO award, the day of appointment.
    R"sql(
CREATE TABLE senco_role (
  school_id INTEGER PRIMARY KEY REFERENCES school(id),
  name TEXT,
  hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0),
  on_slt INTEGER CHECK (on_slt IN (0, 1)),
  qualified_teacher INTEGER CHECK (qualified_teacher IN (0, 1)),
  award TEXT CHECK (award IN ('held', 'in_progress', 'not_started')),
  award_date TEXT,
  appointed_on TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) WITHOUT ROWID;
)sql",
    // 32: the agencies a school works with (its directory: service, contact, what they offer, how
    // to refer, the wait they state), each pupil's involvement with them (the team around the
    // child: referral, its decision, since when, ended, what came of it), and the advice their
    // reports gave, kept with the APDR cycle it informed.
    R"sql(
CREATE TABLE agency (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES school(id),
  name TEXT NOT NULL,
  service TEXT NOT NULL,
  contact TEXT,
  phone TEXT,
  email TEXT,
  offers TEXT,
  referral_route TEXT,
  waiting_weeks INTEGER CHECK (waiting_weeks >= 0),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE agency_involvement (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  professional TEXT,
  referred_on TEXT,
  decision TEXT CHECK (decision IN ('accepted', 'declined', 'redirected')),
  decided_on TEXT,
  involved_from TEXT,
  ended_on TEXT,
  outcome TEXT,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE INDEX agency_involvement_pupil ON agency_involvement(pupil_id);
CREATE INDEX agency_involvement_agency ON agency_involvement(agency_id);

CREATE TABLE cycle_advice (
  id INTEGER PRIMARY KEY,
  cycle_id INTEGER NOT NULL REFERENCES sen_cycle(id),
  agency_id INTEGER NOT NULL REFERENCES agency(id),
  author TEXT NOT NULL,
  received_on TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  document TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);

CREATE INDEX cycle_advice_cycle ON cycle_advice(cycle_id);
)sql",
    // 33: staff SEND training (course, day, provider, the area of need it covers) and each member of
    // staff's confidence in each broad area of need, rated by themselves from 1 to 5: the skills
    // audit sets them against the needs of the pupils each one teaches or supports.
    R"sql(
CREATE TABLE staff_training (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  course TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  provider TEXT,
  area TEXT NOT NULL,
  hours REAL CHECK (hours > 0),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  UNIQUE (staff_id, course, completed_on)
);

CREATE TABLE staff_confidence (
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  area TEXT NOT NULL,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  rated_on TEXT NOT NULL,
  PRIMARY KEY (staff_id, area)
) WITHOUT ROWID;
)sql",
    // 34: the SENCO's own text for each section of a school year's SEN Information Report (a
    // section without a row is senmap's draft, worked out afresh from the figures).
    R"sql(
CREATE TABLE sen_information_text (
  school_id INTEGER NOT NULL REFERENCES school(id),
  academic_year INTEGER NOT NULL,
  section TEXT NOT NULL,
  text TEXT NOT NULL,
  edited_on TEXT NOT NULL,
  edited_by TEXT NOT NULL,
  PRIMARY KEY (school_id, academic_year, section)
) WITHOUT ROWID;
)sql",
    // 35: who led a session, as a member of staff (the free-text `staff` stays as typed): a TA's
    // hours on provisions are counted from it.
    R"sql(
ALTER TABLE provision_session ADD COLUMN staff_id INTEGER REFERENCES staff(id);
CREATE INDEX provision_session_staff ON provision_session(staff_id, session_date);
)sql",
};

// The audit file's own schema (its own PRAGMA user_version). Append only, as above.
constexpr std::array<std::string_view, 1> kAuditFileMigrations{
    // 1: the audit log of reads and the access log of API requests, as they were in the database
    // (migrations 1 and 12), with the same ids, so a moved row keeps its place.
    R"sql(
-- Who read or changed which pupil's SEN record, and when. Holds no SEN content.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  upn TEXT
);
CREATE INDEX audit_log_upn ON audit_log(upn);

-- Every API request that reads or changes SEN records, and every refusal. Never a query string,
-- a body or a token: the route template, the operation and the pupil or object asked for.
CREATE TABLE api_access_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,              -- as in audit_log ("staff:701-4001/stf-0003"), or "anonymous"
  address TEXT NOT NULL,
  method TEXT NOT NULL,
  route TEXT NOT NULL,
  operation TEXT,
  upn TEXT,
  object TEXT,
  status INTEGER NOT NULL,
  outcome TEXT NOT NULL             -- allowed | refused | not_found | invalid | unauthenticated | failed
);
CREATE INDEX api_access_log_upn ON api_access_log(upn);
)sql",
};

// Copies the database's audit and access logs into the audit file, in the audit file's own
// transaction (the database's migration holds its write lock, and readers may still read it).
// Run again after a crash between the two commits, it copies nothing twice: rows keep their ids.
void move_logs_to_audit_file(Database& db) {
  const char* file = sqlite3_db_filename(db.handle(), "main");
  if (!file || !*file) return;  // an in-memory database is always new: it has no rows to move
  auto& audit = db.audit_file();
  {
    auto attach = audit.prepare("ATTACH DATABASE ?1 AS moving");
    attach.bind(1, file).run();
  }
  try {
    audit.exec("BEGIN");  // deferred: a write lock on the audit file only, a read of the database
    // This connection sees the database as last committed: one from before migration 12 has no
    // access log yet (this migration run is creating it, empty, in its open transaction).
    auto has = [&](const char* table) {
      auto s = audit.prepare("SELECT 1 FROM moving.sqlite_schema WHERE type = 'table' AND name = ?1");
      s.bind(1, table);
      return s.step();
    };
    if (has("audit_log"))
      audit.exec(
          "INSERT OR IGNORE INTO audit_log (id, at, actor, action, upn) SELECT id, at, actor, action, upn FROM "
          "moving.audit_log");
    if (has("api_access_log"))
      audit.exec(
          "INSERT OR IGNORE INTO api_access_log (id, at, actor, address, method, route, operation, upn, object, "
          "status, outcome) "
          "SELECT id, at, actor, address, method, route, operation, upn, object, status, outcome FROM "
          "moving.api_access_log");
    audit.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(audit.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_exec(audit.handle(), "DETACH DATABASE moving", nullptr, nullptr, nullptr);
    throw;
  }
  audit.exec("DETACH DATABASE moving");
}

}  // namespace

int latest_schema_version() {
  return static_cast<int>(kMigrations.size());
}

std::string_view migration_sql(int n) {
  return kMigrations.at(static_cast<std::size_t>(n - 1));
}

void migrate(Database& db) {
  int current = db.schema_version();
  if (current > latest_schema_version())
    throw SchemaTooNew("database schema version " + std::to_string(current) +
                       " is newer than this senmap understands (up to " + std::to_string(latest_schema_version()) +
                       "): upgrade senmap before opening it");
  if (current == latest_schema_version()) return;
  // All pending migrations in one transaction: a database is never left between versions,
  // and a new database costs one commit, not one per migration.
  Transaction tx(db);
  current = db.schema_version();                   // another process may have migrated while we waited for the lock
  if (current >= latest_schema_version()) return;  // (rolled back: nothing was written)
  if (current == 0 && !db.prepare("SELECT 1 FROM sqlite_schema").step()) {
    // A new database: the current schema in one step. Replaying the migrations re-parsed the
    // whole schema after each ALTER TABLE (measured: 36 of a first import's 157 ms).
    db.exec(schema_snapshot());
    current = db.schema_version();  // the snapshot's own; any migration newer than it follows
  }
  for (int next = current + 1; next <= latest_schema_version(); ++next) {
    if (next == kAuditFileMigration && current > 0) move_logs_to_audit_file(db);  // before they are dropped
    db.exec(kMigrations[static_cast<std::size_t>(next - 1)]);
    if (next == kSummariesMigration) backfill_summaries(db);  // data, not schema: computed in C++
  }
  db.exec("PRAGMA user_version = " + std::to_string(latest_schema_version()));
  tx.commit();
}

void migrate_audit_file(Database& audit) {
  const int latest = static_cast<int>(kAuditFileMigrations.size());
  int current = audit.schema_version();
  if (current > latest)
    throw SchemaTooNew("audit file schema version " + std::to_string(current) +
                       " is newer than this senmap understands (up to " + std::to_string(latest) +
                       "): upgrade senmap before opening it");
  if (current == latest) return;
  Transaction tx(audit);
  current = audit.schema_version();
  if (current >= latest) return;
  for (int next = current + 1; next <= latest; ++next)
    audit.exec(kAuditFileMigrations[static_cast<std::size_t>(next - 1)]);
  audit.exec("PRAGMA user_version = " + std::to_string(latest));
  tx.commit();
}

}  // namespace sm::store
