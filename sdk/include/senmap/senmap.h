/*
 * senmap.h - the stable C ABI of libsenmap.
 *
 * senmap keeps a school's SEN register, provision map and graduated-approach records on top of
 * its MIS data. A host (the MIS itself, the senmap CLI, a script through a foreign-function
 * interface) opens a database, imports files and reads results as JSON.
 *
 * Conventions (see the project's architecture notes):
 *  - Functions return int: SENMAP_OK (0) on success, a negative SENMAP_E* code on failure.
 *    Codes are never renumbered; new ones are appended.
 *  - After a failure, senmap_error_last() describes it. It is thread-local and owned by the
 *    library, valid until the next senmap call on the same thread.
 *  - Out parameters come first. Strings handed out (char **out_json) are UTF-8, NUL-terminated,
 *    owned by the caller and released with senmap_free().
 *  - Structs a caller fills start with struct_size; initialise them with their _INIT macro.
 *    Members are only ever appended, and the library accepts older, smaller structs.
 *  - No C++ exception crosses this boundary.
 *  - A senmap handle may be used from one thread at a time; open one handle per thread.
 */
#ifndef SENMAP_SENMAP_H
#define SENMAP_SENMAP_H

#include <stddef.h>
#include <stdint.h>

#include "senmap/senmap_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#if defined(SENMAP_BUILDING_LIBRARY)
#define SENMAP_API __declspec(dllexport)
#else
#define SENMAP_API __declspec(dllimport)
#endif
#else
#define SENMAP_API __attribute__((visibility("default")))
#endif

/* ---- Result codes (append only) ---------------------------------------------------------- */
/* What every function returning int returns: SENMAP_OK, or one of the negative codes below. The
 * values are never renumbered and new codes are only appended, so a host may store or switch on them.
 * senmap_errstr() names a code; senmap_error_last() says what went wrong in this case. */
typedef enum senmap_error {
  SENMAP_OK = 0,         /* success */
  SENMAP_EINVAL = -1,    /* an argument is NULL, malformed, or a struct is too small or too large */
  SENMAP_ENOMEM = -2,    /* out of memory */
  SENMAP_EIO = -3,       /* a file or the database could not be read or written */
  SENMAP_EBADINPUT = -4, /* input refused: the report lists every problem */
  SENMAP_ENOTFOUND = -5, /* no such pupil (or other object) */
  SENMAP_ESCHEMA = -6,   /* the database was written by a newer senmap */
  SENMAP_EINTERNAL = -7, /* a bug in senmap: please report it with senmap_error_last() */
  SENMAP_EBUSY = -8,     /* another senmap sync is running on this database */
  SENMAP_ECONFIG = -9,   /* the configuration file is invalid: the summary lists every problem */
  SENMAP_EPARTIAL = -10, /* some sources failed (others were applied): the summary says which */
  SENMAP_EDENIED = -11   /* (since 0.2) the person acted for may not do this (senmap_call_as) */
} senmap_error;

/*
 * A short, fixed description of a result code ("invalid argument"), in static storage (do not
 * free); "unknown senmap error code" for a value that is not one. Never fails.
 */
SENMAP_API const char* senmap_errstr(int code);

/* ---- Version ----------------------------------------------------------------------------- */
/* SENMAP_VERSION_MAJOR, _MINOR, _PATCH, _STRING, _NUMBER and SENMAP_ABI_VERSION come from
 * senmap_version.h, configured from the project's one version number. */

/* The library's version as "MAJOR.MINOR.PATCH" (static storage; do not free). A host checks it
 * against SENMAP_VERSION_STRING, the headers it was built with. Never fails. */
SENMAP_API const char* senmap_version(void);

/* The library's version as MAJOR*10000 + MINOR*100 + PATCH, to compare with SENMAP_VERSION_NUMBER:
 * a library older than the headers may lack functions and struct members the host uses. Never fails. */
SENMAP_API int senmap_version_number(void);

/* ---- Errors and memory ------------------------------------------------------------------- */

/* A description of the last failure on this thread ("" if none): which function, which argument,
 * file, line or UPN, and the rule broken. Owned by the library, valid until the next senmap call on
 * this thread. Never fails. */
SENMAP_API const char* senmap_error_last(void);

/* Releases memory the library handed out (every char** out parameter). NULL is ignored. Never fails. */
SENMAP_API void senmap_free(void* memory);

/* ---- Opening a database ------------------------------------------------------------------ */

typedef struct senmap senmap;

#define SENMAP_OPEN_CREATE 1u /* create the database file if it does not exist */

typedef struct senmap_options {
  uint32_t struct_size;    /* sizeof(senmap_options): set by SENMAP_OPTIONS_INIT */
  const char* db_path;     /* SQLite file to open (this or config_path is required) */
  const char* actor;       /* who is acting, for the audit log (e.g. a staff id); NULL = "unknown" */
  uint32_t flags;          /* SENMAP_OPEN_* */
  const char* config_path; /* (since 0.2) a senmap TOML config: its `database` is opened when db_path is NULL */
} senmap_options;

#define SENMAP_OPTIONS_INIT \
  { (uint32_t)sizeof(senmap_options), NULL, NULL, SENMAP_OPEN_CREATE, NULL }

/*
 * (since 0.2) Fills *options with the defaults SENMAP_OPTIONS_INIT gives, for a caller whose struct is struct_size
 * bytes (pass sizeof(senmap_options)): for hosts that cannot use the macro (a foreign-function interface
 * copying the layout). Errors: SENMAP_EINVAL (options is NULL, or struct_size is not a size of this
 * struct this library knows: smaller than its first version, or larger than this library's).
 */
SENMAP_API int senmap_options_init(senmap_options* options, uint32_t struct_size);

/*
 * Opens the database described by options and brings its schema up to date.
 * On success *out is a handle to release with senmap_close().
 * The audit log (reads of SEN records, API requests) is kept in the audit file beside the
 * database, created owner-only on first use: "school.db" -> "school-audit.db". Back up both.
 * Errors: SENMAP_EINVAL (NULL arguments, no db_path), SENMAP_EIO (cannot open or create),
 * SENMAP_ESCHEMA (written by a newer senmap: nothing was changed).
 */
SENMAP_API int senmap_open(senmap** out, const senmap_options* options);

/* Closes a handle from senmap_open() and releases it; the handle must not be used again. NULL is
 * ignored. Never fails. */
SENMAP_API void senmap_close(senmap* db);

/* ---- Importing ----------------------------------------------------------------------------- */

typedef struct senmap_import_options {
  uint32_t struct_size; /* sizeof(senmap_import_options): set by SENMAP_IMPORT_OPTIONS_INIT */
  int lenient;          /* 0: a file with any problem is refused whole (default);
                           1: valid pupils are imported and the others reported */
} senmap_import_options;

#define SENMAP_IMPORT_OPTIONS_INIT \
  { (uint32_t)sizeof(senmap_import_options), 0 }

/*
 * (since 0.2) Fills *options with the defaults SENMAP_IMPORT_OPTIONS_INIT gives, for a caller whose struct is
 * struct_size bytes (pass sizeof(senmap_import_options)): for hosts that cannot use the macro (a foreign-function
 * interface copying the layout). Errors: SENMAP_EINVAL (options is NULL, or struct_size is not a size of this struct
 * this library knows: smaller than its first version, or larger than this library's).
 */
SENMAP_API int senmap_import_options_init(senmap_import_options* options, uint32_t struct_size);

/*
 * Imports one DfE Common Transfer File (CTF 23 to 26) as a single transaction.
 * options may be NULL (strict). *out_report receives a JSON report whenever the file was read,
 * including when it is refused:
 *   {"file","checksum","file_bytes","ctf_version","ctf_datetime","school":{"la","estab","name"},
 *    "applied","skipped_unchanged","file_rejected","pupils":{"in_file","added","changed",
 *    "unchanged","rejected","not_applied"},"problems":[{"file","line","path","upn","value","rule"}],
 *    "warnings":[...]}
 * Re-importing a file already imported changes nothing: it is recognised by its checksum (XXH3-128
 * of its bytes) before it is parsed, and skipped_unchanged is true.
 * Errors: SENMAP_EINVAL, SENMAP_EBADINPUT (refused: the store is untouched; the report says why),
 * SENMAP_EIO.
 */
SENMAP_API int senmap_import_ctf(char** out_report, senmap* db, const char* path, const senmap_import_options* options);

/*
 * Imports one OneRoster 1.2 CSV bundle (a folder or a .zip) as a single transaction: staff,
 * students (matched to pupils by UPN), classes, enrolments, terms and gradebook results.
 * Bulk files replace what the store holds for the school; delta files change it. Students with
 * no matching pupil are reported as warnings; a reference to an unknown class or user is a
 * problem. The report has the shape of senmap_import_ctf's, with "source":"oneroster" and
 * per-kind counts in "details". Errors as for senmap_import_ctf.
 */
SENMAP_API int senmap_import_oneroster(char** out_report, senmap* db, const char* path,
                                       const senmap_import_options* options);

/*
 * (since 0.3) Applies a batch of one school's data the host already holds, as JSON of schema
 * "senmap.ingest/1" (docs/ingest.md: pupils with SEN status and ranked needs, FSM, attendance
 * marks and assessment results; staff; classes with their teachers and pupils; leavers), with the
 * rules of a CTF import: every pupil checked (UPN check letter, census codes, dates), one
 * transaction, a journal row, pupils a whole-roll batch ("full":true) leaves out marked left and
 * never deleted, the same batch twice applied once (skipped_unchanged). A part of a pupil the
 * batch leaves out ("sen", "attendance", ...) is a part the host does not speak for: senmap keeps
 * what it holds. batch_json is UTF-8 and owned by the caller; senmap does not keep it.
 * *out_report receives the report senmap_import_ctf gives, with "source":"host", per-kind counts
 * in "details" and each problem's "path" naming the field ("pupils[12].sen.needs[0].type").
 * Errors: SENMAP_EINVAL (a NULL argument), SENMAP_EBADINPUT (refused: the store is untouched; the
 * report says why), SENMAP_EIO.
 */
SENMAP_API int senmap_ingest(char** out_report, senmap* db, const char* batch_json);

/* ---- Reading --------------------------------------------------------------------------- */

/*
 * Classes with their teachers and pupils, as a JSON array of
 * {"id","title","code","school":{"la","estab"},"teachers":[{"id","name","role"}],"pupils":[UPN...]}
 * (classes still running, enrolments not ended). *out_json is freed with senmap_free.
 * Errors: SENMAP_EINVAL (a NULL argument), SENMAP_EIO.
 */
SENMAP_API int senmap_classes_json(char** out_json, senmap* db);

/*
 * The SEN register: pupils whose current status is K (SEN support) or E (EHC plan), as a JSON
 * array of {"upn","surname","forename","nc_year","status","status_since","needs":[{"code","rank"}]}
 * sorted by surname. Audit-logged as a read of the register. *out_json is freed with senmap_free.
 * Errors: SENMAP_EINVAL (a NULL argument), SENMAP_EIO.
 */
SENMAP_API int senmap_register_json(char** out_json, senmap* db);

/*
 * The register summary: counts and % of roll by status, primary need and year group, beside
 * the national figures: {"status":{...},"primary_need":[...],"year_groups":[...],"national":{...}}.
 * *out_json is freed with senmap_free. Errors: SENMAP_EINVAL (a NULL argument), SENMAP_EIO.
 */
SENMAP_API int senmap_register_summary_json(char** out_json, senmap* db);

/*
 * One pupil's whole record (status history, needs, attendance per year and this year, FSM,
 * assessments) as a JSON object. Audit-logged as a read of that pupil's SEN record.
 * Errors: SENMAP_ENOTFOUND when no pupil has this UPN.
 */
SENMAP_API int senmap_pupil_json(char** out_json, senmap* db, const char* upn);

/*
 * The import journal: every source run (CTF file or OneRoster bundle), newest first, as a JSON
 * array of {"id","sync_run","source","file","checksum","status":"applied|refused","school":{"la","estab"},
 * "started_at","finished_at","pupils":{"in_file","added","changed","unchanged","rejected","not_applied","left"},
 * "rows":{kind:count} (OneRoster: classes, enrollments, ...),"problems","warnings"}. Holds no pupil data.
 * *out_json is freed with senmap_free. Errors: SENMAP_EINVAL (a NULL argument), SENMAP_EIO.
 */
SENMAP_API int senmap_runs_json(char** out_json, senmap* db);

/* ---- Operations ------------------------------------------------------------------------- */

/*
 * Runs one operation of the operations layer (senmap_ops_json lists them with their fields):
 * request_json is a JSON object (NULL or "" means {}). *out_response receives the result as JSON,
 * or, when the request is refused, {"errors":[{"field","rule"}]} naming every field and the rule
 * it breaks. Operations that change data run in one transaction and are written to the change log
 * with the handle's actor; queries about a pupil are audit-logged.
 * Errors: SENMAP_EBADINPUT (refused: see the errors), SENMAP_ENOTFOUND (no such operation, pupil
 * or record), SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_call(char** out_response, senmap* db, const char* operation, const char* request_json);

/*
 * (since 0.2) Runs an operation as senmap_call does, for the person in front of the host: `staff` is
 * their MIS staff id ("stf-0003", or "701-4001/stf-0003" where a trust's schools share ids), and the
 * senmap role they hold (`senmap staff role`) decides what they may do exactly as `senmap serve`
 * decides for them: a teacher sees the pupils of the classes they teach, a governor only aggregates,
 * nobody another school's pupils. The change log and the audit trail name them, not the handle's
 * actor. A record they may not see is answered exactly like a missing one. *out_response is the
 * result, or {"errors":[{"field","rule"}]}; freed with senmap_free.
 * Errors: SENMAP_EDENIED (not a member of staff with a role, one the MIS no longer lists, or their
 * role may not do this: the rule says which), SENMAP_ENOTFOUND (no such operation or record, or one
 * they may not see), SENMAP_EBADINPUT (refused: see the errors), SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_call_as(char** out_response, senmap* db, const char* staff, const char* operation,
                              const char* request_json);

/*
 * Runs a report operation and writes it as a file a person opens: format "csv" (UTF-8 with BOM,
 * plain values such as 1287.5 and 2025-09-01, formula-like text neutralised) or "xlsx" (numbers as
 * numbers, money shown with £, percentages as Excel percentages, dates as Excel dates). Reports: "report.class_map"
 * ({"class_id"}), "provision.list" (the catalogue, in columns senmap_import_provisions reads back),
 * "report.provision_map", "report.costs", "report.impact", "report.register_analytics" and
 * "report.evidence_pack"
 * (each with the request its operation takes). Since 0.3, format "html" writes a report that is a
 * document as one self-contained HTML file a person reads and prints (A4, or saved as PDF from any
 * browser): "report.governors" (the governors' SEND report; aggregates only, small groups hidden) and
 * "report.handover" (the SENCO's handover pack; it names pupils, and the file is the owner's only)
 * and "report.sen_information" (the SEN Information Report for the school's website).
 * Errors: as senmap_call, and SENMAP_EINVAL for an unknown report or format (or "html" for a report
 * that is not a document), SENMAP_EIO.
 */
SENMAP_API int senmap_report_export(senmap* db, const char* report, const char* request_json, const char* format,
                                    const char* out_path);

/*
 * The same reports as senmap_report_export, as the table it would write, for a host to show:
 * *out_json = {"title","headers":[...],"types":[...],"rows":[[...],...]}, freed with senmap_free.
 * types[i] says what column i holds: "text", "count", "number", "money" (pounds), "percent" (in
 * percent: 15.1 is 15.1%) or "date". Cells are typed: numbers as JSON numbers, dates as
 * "YYYY-MM-DD", text as strings, null when empty (a number column may hold text, e.g. an interval).
 * Errors: as senmap_report_export.
 */
SENMAP_API int senmap_report_table_json(char** out_json, senmap* db, const char* report, const char* request_json);

/*
 * A table in the form senmap_report_table_json gives, as CSV text: *out_csv is what
 * senmap_report_export writes for "csv" without the UTF-8 BOM that file starts with (for a pipe or
 * a host's own file), freed with senmap_free. The header row, then each row, CRLF after each; numbers
 * as plain decimals (1287.5, -3.25), null empty, true/false as yes/no; text that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or CR) gets a leading apostrophe, and text holding a
 * comma, quote, CR or LF is quoted (quotes doubled). Any {"headers":[...],"rows":[[...],...]} will
 * do ("title" and "types" are optional; they do not change the CSV): a host can write its own rows
 * with the library's one rule for neutralising formulas.
 * Errors: SENMAP_EINVAL for a NULL argument or JSON that is not such a table (the message says why).
 */
SENMAP_API int senmap_report_table_csv(char** out_csv, const char* table_json);

/*
 * Imports a provision catalogue from a spreadsheet: a CSV file (UTF-8) or an XLSX workbook (its
 * first sheet), told apart by the ".xlsx" name or the file's zip signature. The first row names the
 * columns (the provision.create fields; areas separated by ";"). All rows or none.
 * *out_report (free with senmap_free): {"created","problems":[{"file","line","field","rule"}]}, where
 * "line" is the CSV line or the sheet's row number, and 0 when a workbook is refused as a whole
 * (not a zip, no workbook in it, a DOCTYPE in one of its parts).
 * Errors: SENMAP_EBADINPUT (nothing imported: see the problems), SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_import_provisions(char** out_report, senmap* db, const char* path);

/*
 * Records the EHC plans a school already holds from a spreadsheet (CSV or XLSX, as above), one row
 * a plan, each as the operation "ehcp.record_existing" records one. Columns: upn, la, issue_date,
 * and optionally last_review_date and section_f ("description = hours a week" lines separated by
 * ";"); "Issue date" reads too. Dates as YYYY-MM-DD, DD/MM/YYYY or a spreadsheet's date cell.
 * All rows or none. *out_report (free with senmap_free): {"recorded","problems":[{"file","line",
 * "upn","field","rule"}]}. Errors: SENMAP_EBADINPUT (nothing recorded: see the problems),
 * SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_import_ehc_plans(char** out_report, senmap* db, const char* path);

/*
 * Records the suspensions and permanent exclusions a school has recorded, from a spreadsheet (CSV or
 * XLSX, as above), one row each, each as the operation "exclusion.record" records one. Columns: upn,
 * kind (suspension or fixed-term, or permanent), start_date, and optionally end_date, sessions
 * (required for a suspension: the sessions lost, two a school day) and reason (the DfE reason
 * code); "Type", "Start date", "Sessions lost" and "Reason code" read too. The same pupil, kind and
 * first day again corrects the row: a log imported twice counts each exclusion once. All rows or
 * none. *out_report (free with senmap_free): {"recorded","problems":[{"file","line","upn","field",
 * "rule"}]}. Errors: SENMAP_EBADINPUT (nothing recorded: see the problems), SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_import_exclusions(char** out_report, senmap* db, const char* path);

/*
 * (since 0.3) The intake view: reads a CTF sent by incoming pupils' previous school (CTF 23 to 26)
 * and lists its pupils by how soon the SENCO must act: 1 an EHC plan, 2 SEN support (the most
 * recent first), 3 the previous school's other flags (former SEN, looked after, medical, persistent
 * absence), 4 nothing sent. Nothing in the file is stored; each pupil listed is an audited read.
 * *out_json (free with senmap_free): {"file","from_school":{"la","estab","name"},"to_school",
 * "file_date","counts":{"ehc_plan","sen_support","flags_sent","nothing_sent"},"pupils":[{"upn",
 * "forename","surname","dob","nc_year","urgency","why","sen_status","sen_since","needs":[{"code",
 * "rank"}],"flags":[{"flag","text"}],"attendance_percent","on_roll_here"}],"problems":[{"file",
 * "line","path","upn","value","rule","record"}]}. A pupil the file gets wrong is left out and named
 * in the problems (SENMAP_OK: the others are still listed). Errors: SENMAP_EBADINPUT (not a usable
 * CTF: see the problems), SENMAP_EINVAL.
 */
SENMAP_API int senmap_intake_ctf(char** out_json, senmap* db, const char* path);

/* The operations and their input fields as JSON:
 * [{"name","summary","changes","fields":[{"name","type","required","description"}]}], freed with
 * senmap_free. Needs no database. Errors: SENMAP_EINVAL (out_json is NULL), SENMAP_ENOMEM. */
SENMAP_API int senmap_ops_json(char** out_json);

/* ---- The nightly sync -------------------------------------------------------------------- */

/* Progress of a sync: the source's name, items done and items in all. payload is the caller's. */
typedef void (*senmap_progress_fn)(const char* source, size_t done, size_t total, void* payload);

/*
 * (since 0.3) A host source: senmap_sync asks the host for a school's batch when it reaches that
 * school's `kind = "host"` source. school is the 7-digit LA + establishment number ("9384123").
 * Return a senmap.ingest/1 batch (see senmap_ingest), or NULL when there is none (the source then
 * fails, and the summary says so). The text stays the host's: it must stay valid until the
 * callback is called again or senmap_sync returns. Called on the thread that called senmap_sync.
 */
typedef const char* (*senmap_host_source_fn)(const char* school, void* payload);

typedef struct senmap_sync_options {
  uint32_t struct_size;              /* sizeof(senmap_sync_options): set by SENMAP_SYNC_OPTIONS_INIT */
  senmap_progress_fn progress;       /* may be NULL */
  void* progress_payload;            /* handed back to progress */
  int full;                          /* non-zero: live MIS sources read everything again, not only what changed */
  senmap_host_source_fn host_source; /* (since 0.3) fills the config's host sources; NULL: they fail */
  void* host_source_payload;         /* (since 0.3) handed back to host_source */
} senmap_sync_options;

#define SENMAP_SYNC_OPTIONS_INIT \
  { (uint32_t)sizeof(senmap_sync_options), NULL, NULL, 0, NULL, NULL }

/*
 * (since 0.2) Fills *options with the defaults SENMAP_SYNC_OPTIONS_INIT gives, for a caller whose struct is struct_size
 * bytes (pass sizeof(senmap_sync_options)): for hosts that cannot use the macro (a foreign-function interface
 * copying the layout). Errors: SENMAP_EINVAL (options is NULL, or struct_size is not a size of this
 * struct this library knows: smaller than its first version, or larger than this library's).
 */
SENMAP_API int senmap_sync_options_init(senmap_sync_options* options, uint32_t struct_size);

/*
 * Runs every configured source of every school in the TOML config at config_path (see
 * packaging/senmap.example.toml). Each source run is one transaction; CTF drop-folder files are
 * applied in order of their header DateTime, then moved to the archive (or, when refused, to the
 * quarantine with a .errors.txt beside them). *out_summary receives a JSON summary:
 * {"run_id","status":"ok|partial|failed","database","sources":[{"school":{"la","estab","name"},"kind","path",
 * "status":"ok|unchanged|failed","error","quarantined":[...],"reports":[import report...]}],
 * "flags":{"raised","still_active","cleared","rules_run","rules_off"} (the flag rules run after the
 * sources; {"error"} if they could not)} or, for a bad config, {"config_problems":[{"file","line","key","rule"}]}.
 * Errors: SENMAP_ECONFIG (nothing was run), SENMAP_EBUSY (another sync holds the lock),
 * SENMAP_EPARTIAL (some sources failed), SENMAP_EIO, SENMAP_EINVAL.
 */
SENMAP_API int senmap_sync(char** out_summary, const char* config_path, const senmap_sync_options* options);

/* ---- Synthetic data ---------------------------------------------------------------------- */

#define SENMAP_PHASE_SECONDARY 0
#define SENMAP_PHASE_PRIMARY 1

typedef struct senmap_generate_options {
  uint32_t struct_size;      /* sizeof(senmap_generate_options): set by SENMAP_GENERATE_OPTIONS_INIT */
  int pupils;                /* roll size, 1 to 20000 */
  uint64_t seed;             /* same options, same bytes */
  int phase;                 /* SENMAP_PHASE_* */
  int academic_year;         /* the year it starts in: 2025 = 2025/26; 2023 up to the year holding today */
  const char* oneroster_dir; /* (since 0.2) also write the same school as a OneRoster 1.2 bundle here; NULL: no */
  const char* as_of;         /* (since 0.2) YYYY-MM-DD, the export day: marks and scores up to it, not after today.
                                NULL: the end of the summer term, or today while the year is still running
                                (an export is never dated in the future: sync refuses such a file) */
} senmap_generate_options;

#define SENMAP_GENERATE_OPTIONS_INIT \
  { (uint32_t)sizeof(senmap_generate_options), 2000, 1, SENMAP_PHASE_SECONDARY, 2025, NULL, NULL }

/*
 * (since 0.2) Fills *options with the defaults SENMAP_GENERATE_OPTIONS_INIT gives, for a caller whose struct is
 * struct_size bytes (pass sizeof(senmap_generate_options)): for hosts that cannot use the macro (a foreign-function
 * interface copying the layout). Errors: SENMAP_EINVAL (options is NULL, or struct_size is not a size of this struct
 * this library knows: smaller than its first version, or larger than this library's).
 */
SENMAP_API int senmap_generate_options_init(senmap_generate_options* options, uint32_t struct_size);

/*
 * Writes a synthetic school as a CTF 25 file at out_path: realistic SEN register, needs,
 * a full year of attendance marks and termly standardised scores. No real pupil data.
 * Errors: SENMAP_EINVAL (bad options), SENMAP_EIO (cannot write out_path).
 */
SENMAP_API int senmap_generate_ctf(const char* out_path, const senmap_generate_options* options);

/*
 * Writes a synthetic trust of `schools` schools (1 to 200) under out_dir: for each school a folder
 * <la>-<estab> holding ctf/ (a drop folder with its CTF) and oneroster/ (its bundle), and
 * out_dir/senmap.toml, a ready config (database out_dir/senmap.db). options applies to every school
 * (its oneroster_dir is ignored). Errors: SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_generate_trust(const char* out_dir, int schools, const senmap_generate_options* options);

/* ---- Writeback to the host MIS ----------------------------------------------------------- */

/* What a host writeback function returns to acknowledge an item: the MIS holds it. Anything else
 * (including the 0 a foreign runtime returns when its callback raised) is a failure, retried later. */
#define SENMAP_WRITEBACK_ACK 1

/*
 * Called once per outbox item with item_json =
 * {"idempotency_key","kind":"flag_raised|flag_cleared|note|status_change|needs_changed", "upn","payload":{...}} (owned
 * by senmap, valid during the call) and the payload given at registration. The same idempotency_key may come again
 * after a lost acknowledgement: the host must not apply it twice.
 */
typedef int (*senmap_writeback_fn)(const char* item_json, void* payload);

/*
 * Registers the embedding MIS as a writeback target called `target` (e.g. "mis"): from now on every
 * flag raised or cleared and every note is queued for it, in the transaction that creates it (the
 * registration is kept in the database). fn is called by senmap_writeback_run on this handle.
 * Errors: SENMAP_EINVAL.
 */
SENMAP_API int senmap_writeback_host_register(senmap* db, const char* target, senmap_writeback_fn fn, void* payload);

/*
 * Drains the outbox to every target: the configured ones ([[writeback]] in the config) and the host
 * functions registered on this handle. A failing (or refusing) target is retried later with capped
 * exponential backoff and full jitter; an item that keeps failing goes to the dead-letter list with
 * its last error. *out_summary = {"targets":{"<name>":{"delivered","already_there","failed","dead","waiting"}}},
 * freed with senmap_free. Errors: SENMAP_EINVAL, SENMAP_EIO.
 */
SENMAP_API int senmap_writeback_run(char** out_summary, senmap* db);

/*
 * Writes the register as a CTF 25 for the MIS to import (DocumentQualifier partial): every pupil on
 * roll of `school` ("LA-ESTAB", or NULL when the store holds one school) with their SEN status
 * history (legacy codes left out) and current ranked needs, needs agreed at reviews included.
 * Re-importing it into an empty senmap gives the same register. The export is audit-logged.
 * *out_summary = {"file","pupils"}, freed with senmap_free. Errors: SENMAP_EINVAL (no such school,
 * or which one is ambiguous), SENMAP_EIO.
 */
SENMAP_API int senmap_export_ctf(char** out_summary, senmap* db, const char* school, const char* out_path);

/* ---- The HTTPS server (senmap serve) ----------------------------------------------------- */

/* A running server, handed to the ready function; valid until senmap_serve returns. */
typedef struct senmap_server senmap_server;

/* Called once the server listens, with its URL ("https://127.0.0.1:8443", the port actually bound)
 * and the payload given in the options. Keep `server` to stop it from another thread. */
typedef void (*senmap_serve_ready_fn)(senmap_server* server, const char* url, void* payload);

typedef struct senmap_serve_options {
  uint32_t struct_size;        /* sizeof(senmap_serve_options): set by SENMAP_SERVE_OPTIONS_INIT */
  const char* db_path;         /* the senmap database (this or config_path is required) */
  const char* config_path;     /* a senmap TOML config: its `database` is served when db_path is NULL */
  const char* listen;          /* "IP:PORT" or "[IPv6]:PORT"; NULL: "127.0.0.1:8080". Port 0 picks a free one */
  const char* cert_path;       /* PEM certificate chain; with key_path the server speaks HTTPS only */
  const char* key_path;        /* PEM private key. Without cert and key: plain HTTP, and only on loopback */
  int threads;                 /* worker threads, each with its own database connection; 0: the cores (at least 2) */
  uint32_t max_header_bytes;   /* a larger request header is answered 431; 0: 8 KiB */
  uint32_t max_body_bytes;     /* a larger body is answered 413; 0: 1 MiB */
  uint32_t request_timeout_ms; /* time to send a whole request from its first byte, then the
                                  connection is closed; 0: 10 s. A TLS handshake gets at most 10 s
                                  and an idle connection 5 s, never more than this */
  int handle_signals;          /* 1: SIGTERM and SIGINT stop the server gracefully (a command line host) */
  senmap_serve_ready_fn ready; /* may be NULL */
  void* ready_payload;
  uint32_t session_idle_seconds;        /* a browser session (opened by an MIS launch link) unused this long
                                           ends; 0: 30 minutes */
  uint32_t session_absolute_seconds;    /* and every session ends this long after it began; 0: 10 hours */
  const char* frame_ancestors;          /* origins allowed to show senmap in a frame, space separated
                                           ("https://mis.example.org"); NULL: none. Sessions then use SameSite=None */
  uint32_t max_connections;             /* connections held at once; more are closed as they arrive; 0: 512 */
  uint32_t max_connections_per_address; /* connections one client address may hold at once; more from it
                                           are closed as they arrive (one client cannot starve the rest).
                                           A school behind one NAT address shares it; 0: 64 */
  int check_only;                       /* (since 0.2) 1: check the settings (config, address, certificate
                                           and key) and return SENMAP_OK without listening */
} senmap_serve_options;

#define SENMAP_SERVE_OPTIONS_INIT                                                                                      \
  {                                                                                                                    \
    (uint32_t)sizeof(senmap_serve_options), NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0, 0, \
        0                                                                                                              \
  }

/*
 * (since 0.2) Fills *options with the defaults SENMAP_SERVE_OPTIONS_INIT gives, for a caller whose struct is
 * struct_size bytes (pass sizeof(senmap_serve_options)): for hosts that cannot use the macro (a foreign-function
 * interface copying the layout). Errors: SENMAP_EINVAL (options is NULL, or struct_size is not a size of this struct
 * this library knows: smaller than its first version, or larger than this library's).
 */
SENMAP_API int senmap_serve_options_init(senmap_serve_options* options, uint32_t struct_size);

/*
 * Serves the JSON API (GET /api/openapi.json describes it) until senmap_server_stop() or, with
 * handle_signals, SIGTERM/SIGINT; it then stops accepting, lets requests in flight finish and returns
 * SENMAP_OK. With config_path, the config's [serve] table gives every setting the options leave NULL
 * or 0 (since 0.2); with check_only, the settings are checked and it returns at once. TLS is 1.2 and 1.3 only, with
 * Mozilla's "intermediate" ciphers and HSTS. Every /api route but the document and /api/health needs an API token
 * (senmap_call "token.create") or a browser session opened by an MIS launch link (senmap_call "launch.link" shows how
 * one is signed). Errors (before listening): SENMAP_EINVAL (bad options; plain HTTP asked for off loopback; a
 * certificate or key that does not load), SENMAP_EIO (the address is in use, the database cannot be
 * opened), SENMAP_ESCHEMA, SENMAP_ECONFIG.
 */
SENMAP_API int senmap_serve(const senmap_serve_options* options);

/* Asks a running server to stop as above; safe from any thread, including the ready function.
 * NULL is ignored. Never fails. */
SENMAP_API void senmap_server_stop(senmap_server* server);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SENMAP_SENMAP_H */
