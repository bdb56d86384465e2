-- The schema senmap's migrations (migrations.cpp) leave, as SQLite holds it: a new database is
-- made from this in one step. Not edited by hand: tests/unit/store_test.cpp checks it against
-- the migrations and writes the text to copy here when a migration is added.

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
, details TEXT, sync_run_id INTEGER, status TEXT NOT NULL DEFAULT 'applied', problems INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, pupils_left INTEGER NOT NULL DEFAULT 0, reason TEXT);

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
, left_on TEXT);

CREATE TABLE fsm_period (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  end_date TEXT,
  country TEXT,
  PRIMARY KEY (pupil_id, start_date)
) WITHOUT ROWID;

CREATE TABLE sen_status_period (
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  start_date TEXT NOT NULL,
  provision TEXT NOT NULL,
  import_id INTEGER,
  PRIMARY KEY (pupil_id, start_date)
) WITHOUT ROWID;

CREATE TABLE sen_need (
  id INTEGER PRIMARY KEY,
  pupil_id INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,
  need_type TEXT NOT NULL,
  rank INTEGER NOT NULL,
  start_date TEXT,
  end_date TEXT,
  import_id INTEGER
, recorded_by TEXT);

CREATE INDEX sen_need_pupil ON sen_need(pupil_id);

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
  result_date TEXT, source_ref TEXT,
  PRIMARY KEY (pupil_id, source, seq)
) WITHOUT ROWID;

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

CREATE INDEX assessment_result_ref ON assessment_result(source_ref) WHERE source_ref IS NOT NULL;

CREATE INDEX pupil_left ON pupil(school_id, left_on);

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
, recorded_existing INTEGER NOT NULL DEFAULT 0, statement_issued_on TEXT, ended_why TEXT);

CREATE INDEX ehc_plan_pupil ON ehc_plan(pupil_id);

CREATE TABLE ehc_review (
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL, recorded_existing INTEGER NOT NULL DEFAULT 0, report_sent_on TEXT, la_decision TEXT CHECK (la_decision IN ('maintain', 'amend', 'cease')), la_decided_on TEXT, recommendation TEXT CHECK (recommendation IN ('maintain', 'amend', 'cease')), amendments TEXT, outcomes_recorded_on TEXT, amendment_notice_on TEXT, parents_responded_on TEXT, amended_plan_issued_on TEXT,
  PRIMARY KEY (plan_id, meeting_date)
) WITHOUT ROWID;

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
, measure_subject TEXT);

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
, start_time TEXT, staff_id INTEGER REFERENCES staff(id));

CREATE INDEX provision_session_provision ON provision_session(provision_id, session_date);

CREATE TABLE session_attendance (
  session_id INTEGER NOT NULL REFERENCES provision_session(id),
  placement_id INTEGER NOT NULL REFERENCES placement(id),
  present INTEGER NOT NULL,
  PRIMARY KEY (session_id, placement_id)
) WITHOUT ROWID;

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
, assessor TEXT, assessor_qualification TEXT, scores TEXT, normal_way_of_working TEXT, approved_on TEXT);

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

CREATE TABLE "attendance_year" (
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
  marks TEXT, marks_possible INTEGER, marks_attended INTEGER,
  PRIMARY KEY (pupil_id, year, estab)
) WITHOUT ROWID;

CREATE TABLE roster_unmatched (
  school_id INTEGER NOT NULL REFERENCES school(id),
  sourced_id TEXT NOT NULL,
  upn TEXT,
  PRIMARY KEY (school_id, sourced_id)
) WITHOUT ROWID;

CREATE INDEX class_member_sourced ON class_member(sourced_id);

CREATE INDEX roster_student_pupil ON roster_student(school_id, pupil_id);

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

CREATE INDEX roster_student_left ON roster_student(pupil_id, school_id) WHERE left_on IS NOT NULL;

CREATE INDEX school_class_sourced ON school_class(sourced_id);

CREATE INDEX session_attendance_placement ON session_attendance(placement_id);

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
, acknowledged_on TEXT, snoozed_until TEXT, assigned_to INTEGER REFERENCES staff(id), resolved_on TEXT, resolved_why TEXT);

CREATE UNIQUE INDEX flag_active ON flag(rule, pupil_id, subject) WHERE cleared_on IS NULL;

CREATE INDEX flag_pupil ON flag(pupil_id);

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

CREATE TABLE staff_role (
  staff_id INTEGER PRIMARY KEY REFERENCES staff(id),
  role TEXT NOT NULL CHECK (role IN ('senco', 'teacher', 'ta', 'senior_leader', 'governor', 'trust_officer', 'admin')),
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);

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

CREATE INDEX cycle_target_cycle ON cycle_target(cycle_id);

CREATE TABLE calendar_feed (
  id INTEGER PRIMARY KEY,
  staff_id INTEGER NOT NULL REFERENCES staff(id),
  selector TEXT NOT NULL UNIQUE,
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,         -- YYYY-MM-DDTHH:MM:SSZ
  revoked_at TEXT                   -- replaced by a new one, or stopped
);

CREATE UNIQUE INDEX calendar_feed_live ON calendar_feed(staff_id) WHERE revoked_at IS NULL;

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

CREATE TABLE ehc_review_scheduled (
  plan_id INTEGER PRIMARY KEY REFERENCES ehc_plan(id),
  meeting_date TEXT NOT NULL,
  scheduled_on TEXT NOT NULL
);

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
, attended INTEGER CHECK (attended IN (0, 1)));

CREATE INDEX ehc_review_invitation_plan ON ehc_review_invitation(plan_id, meeting_date);

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

CREATE TABLE ehc_plan_transfer (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES ehc_plan(id),
  from_la TEXT NOT NULL,
  to_la TEXT NOT NULL,
  transferred_on TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX ehc_plan_transfer_plan ON ehc_plan_transfer(plan_id);

CREATE TABLE phase_transfer (
  pupil_id INTEGER PRIMARY KEY REFERENCES pupil(id),
  next_setting TEXT,
  visited_on TEXT,                  -- the pupil visited the next setting
  information_shared_on TEXT,       -- the plan, passport and records sent to it
  senco_met_on TEXT,                -- the receiving SENCO met this school's
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

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

CREATE TABLE sen_information_text (
  school_id INTEGER NOT NULL REFERENCES school(id),
  academic_year INTEGER NOT NULL,
  section TEXT NOT NULL,
  text TEXT NOT NULL,
  edited_on TEXT NOT NULL,
  edited_by TEXT NOT NULL,
  PRIMARY KEY (school_id, academic_year, section)
) WITHOUT ROWID;

CREATE INDEX provision_session_staff ON provision_session(staff_id, session_date);

PRAGMA user_version = 35;
