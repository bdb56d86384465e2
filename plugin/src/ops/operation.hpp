// The operations layer: every action and query takes JSON and returns JSON, validates its
// input fully, and is the same through the C ABI (senmap_call), the CLI (senmap call) and HTTP.
#pragma once
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/dates.hpp"
#include "model/statutory_clock.hpp"
#include "report/document.hpp"
#include "report/pupil_groups.hpp"
#include "report/table_export.hpp"
#include "store/database.hpp"

namespace sm::ops {

enum class FieldType { string, text, date, integer, number, boolean, upn, string_list, object_list, integer_list };

struct Field {
  std::string name;
  FieldType type = FieldType::string;
  bool required = true;
  std::string description;
};

struct FieldError {
  std::string field;
  std::string rule;
};

// A request that breaks a rule (review before plan, end before start...): names field and rule.
class InvalidRequest : public std::runtime_error {
 public:
  explicit InvalidRequest(std::vector<FieldError> errors);
  InvalidRequest(std::string field, std::string rule)
      : InvalidRequest(std::vector<FieldError>{{std::move(field), std::move(rule)}}) {}
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

// The thing asked about does not exist (no such pupil, no EHC plan). The message may name it.
class NotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Context {
  store::Database& db;
  std::string actor;
  model::Date today{};
  model::ClockRules clock;
};

struct Operation {
  std::string name;
  std::string summary;
  bool changes = false;  // runs in a transaction and is written to the change log
  std::vector<Field> fields;
  std::function<boost::json::value(Context&, const boost::json::object&)> run;
  // A read's action in the audit log when not its name: the register and a pupil's record keep the
  // actions audit trails held before they were operations (register.read, pupil.read).
  std::string audited_as{};
};

// Every operation, by name.
const std::vector<Operation>& operations();

// [{"name","summary","changes","fields":[{"name","type","required","description"}]}]
boost::json::value describe_operations();

struct CallResult {
  enum class Status { ok, invalid, unknown_operation, not_found } status = Status::ok;
  boost::json::value response;  // the result, or {"errors":[{"field","rule"}]}
};

CallResult call(Context& context, std::string_view operation, std::string_view request_json);
// Another report's response, for a report that gathers several (the governors' report, the
// handover pack): nothing when that report cannot answer (no data for it, a filter it refuses).
std::optional<boost::json::object> gather_report(Context& context, std::string_view operation,
                                                 const boost::json::object& request);

// Helpers for operation bodies.
std::int64_t pupil_id_of(store::Database& db, const std::string& upn, bool must_be_on_roll);
model::Date date_field(const boost::json::object& request, std::string_view name);
std::string text_field(const boost::json::object& request, std::string_view name);
// What a note staff write for each other breaks, if anything: blank when `required`, or over
// 2,000 characters. `reader` is who the note is for ("the next person"), said in the rule.
std::optional<std::string> staff_note_rule_broken(std::string_view note, bool required, std::string_view reader);
// Refuses a date (YYYY-MM-DD) after the context's today, naming the field.
void not_in_future(const Context& context, const std::string& date, const char* field);
// A result or measure as a number, when it is one (results can be letters: A absent, B below).
std::optional<double> number_of(const std::string& text);
// A line typed as "label = number" ("WRAT5 reading = 82", "SALT = 1.5"): the text before the last
// "=" and the number after it, each without the spaces around them; no number when there is no "="
// or what follows it is not a number (the label is then the whole line).
struct LabelledNumber {
  std::string label;
  std::optional<double> number;
};
LabelledNumber labelled_number(std::string_view line);
// part of whole as a percentage to one decimal place, or null when there is no whole.
boost::json::value percent_of(double part, double whole);

// Registration: each area's file adds its operations (called once by operations()).
void add_ehcp_operations(std::vector<Operation>& out);
void add_provision_operations(std::vector<Operation>& out);
void add_placement_operations(std::vector<Operation>& out);
void add_passport_operations(std::vector<Operation>& out);
void add_cycle_operations(std::vector<Operation>& out);
void add_report_operations(std::vector<Operation>& out);
void add_impact_operations(std::vector<Operation>& out);
void add_calendar_operations(std::vector<Operation>& out);
void add_section_f_operations(std::vector<Operation>& out);
void add_ehc_review_invitation_operations(std::vector<Operation>& out);
void add_ehc_review_advice_operations(std::vector<Operation>& out);
void add_ehc_review_record_operations(std::vector<Operation>& out);
void add_ehc_plan_end_operations(std::vector<Operation>& out);
void add_transfer_operations(std::vector<Operation>& out);
void add_access_arrangement_operations(std::vector<Operation>& out);
// The LAs a plan has moved between, oldest first (ops/ehc_plan_end_ops.cpp): [{"from_la","to_la","on"}].
boost::json::array plan_transfers_json(store::Database& db, std::int64_t plan_id);
void add_need_operations(std::vector<Operation>& out);
void add_whole_school_operations(std::vector<Operation>& out);
void add_analytics_operations(std::vector<Operation>& out);
void add_exclusions_operations(std::vector<Operation>& out);
void add_exclusion_record_operations(std::vector<Operation>& out);
void add_budget_operations(std::vector<Operation>& out);
void add_senco_time_operations(std::vector<Operation>& out);
// The agency directory, each pupil's team around the child, agencies' advice to cycles.
void add_agency_operations(std::vector<Operation>& out);
// Staff SEND training, confidence by area of need, and the skills audit.
void add_staff_skills_operations(std::vector<Operation>& out);
// The governors' SEND report: every governor question answered in aggregate (ops/governors_ops.cpp).
void add_governors_operations(std::vector<Operation>& out);
// The SENCO's handover pack (ops/handover_ops.cpp).
void add_handover_operations(std::vector<Operation>& out);
// The SEN Information Report: drafted per section, the SENCO's edits kept per year.
void add_sen_information_operations(std::vector<Operation>& out);
// TA deployment against progress (ops/ta_deployment_ops.cpp).
void add_ta_deployment_operations(std::vector<Operation>& out);
void add_evidence_pack_operations(std::vector<Operation>& out);
void add_flag_operations(std::vector<Operation>& out);
// Acknowledge, snooze, assign and resolve a flag.
void add_flag_action_operations(std::vector<Operation>& out);
void add_note_operations(std::vector<Operation>& out);
// Teachers' views and strategy feedback for the next review (cycle.contribute).
void add_contribution_operations(std::vector<Operation>& out);
// The register and one pupil's whole record.
void add_register_operations(std::vector<Operation>& out);
// Staff roles, API tokens, TA assignments.
void add_identity_operations(std::vector<Operation>& out);
// A member of staff's calendar feed address.
void add_calendar_feed_operations(std::vector<Operation>& out);
void add_backup_operations(std::vector<Operation>& out);
void add_leaver_operations(std::vector<Operation>& out);
void add_subject_access_operations(std::vector<Operation>& out);

// This academic year's parent meetings by term against the three a year the Code expects.
boost::json::value parent_meetings_this_year(Context& context, std::int64_t pupil);
// A school's reviews of SEN support held in a period, and how many recorded the pupil's and the
// parents' views (ops/cycle_ops.cpp): what the governors' report and the SEN Information Report say.
struct ReviewVoices {
  std::int64_t reviews = 0, with_pupil_views = 0, with_parent_views = 0;
};
ReviewVoices review_voices(store::Database& db, std::int64_t school, const std::string& from, const std::string& to);
// One cycle and one placement as their operations return them (for reports that gather them).
boost::json::value cycle_json(store::Database& db, std::int64_t id);
boost::json::value placement_json(store::Database& db, std::int64_t id);
// The agencies' reports kept with one cycle, oldest first (ops/agency_ops.cpp).
boost::json::array cycle_advice_json(store::Database& db, std::int64_t cycle);
// Teachers' contributions kept with one cycle of the pupil's (or, with none, before any cycle), oldest first.
boost::json::array contributions_json(store::Database& db, std::int64_t pupil, std::optional<std::int64_t> cycle);

// The year / area / status / pupil premium / EAL / looked-after filters of whole-school reports.
// The school filter among them: whole-school reports that take it may be read by one school's
// staff in a trust's database (http/access.cpp lets them only where the operation declares it).
std::vector<Field> pupil_filter_fields();
report::PupilFilter pupil_filter_from(store::Database& db, const boost::json::object& request);
// Reports that compare SEN groups with each other (analytics, exclusions): the filters less status
// and area, and `academic_year` (described as given).
std::vector<Field> group_comparison_fields(const std::string& academic_year);
// The request's academic_year (2026 for 2026/27), else the latest with attendance held, else this one.
int requested_academic_year(Context& context, const boost::json::object& request);
Field school_field();
// An MIS id as a trust's database needs it: "cls-7a" or "701-4001/cls-7a" where schools share ids
// (the generator and some MIS number each school's classes and staff alike). school is "" unqualified.
struct SchoolQualifiedId {
  std::string school, id;
};
SchoolQualifiedId split_school_qualified(std::string_view text);

// The school a request's "school" (LA-Estab, e.g. 701-4001) names; nullopt when it names none.
std::optional<std::int64_t> school_of_request(store::Database& db, const boost::json::object& request);
// The school a change to a school's own figures is for: the one named, or the only one held
// (refused, naming the field, in a trust's database when none is named).
std::int64_t school_or_only(store::Database& db, const boost::json::object& request);

// The provision catalogue from a CSV file or an XLSX workbook (all rows or none):
// {"created","problems":[{"file","line","field","rule"}]}.
boost::json::value import_provisions(Context& context, const std::string& path);
// The EHC plans a school holds, from a CSV or XLSX (ops/ehc_plan_io.cpp): {"recorded","problems"},
// each problem {"file","line","upn","field","rule"}; nothing is recorded when there is one.
boost::json::value import_ehc_plans(Context& context, const std::string& path);
// The suspensions and permanent exclusions a school has recorded, from a CSV or XLSX
// (ops/exclusion_record_ops.cpp), each row as exclusion.record: {"recorded","problems"} as above.
boost::json::value import_exclusions(Context& context, const std::string& path);
// provision.list's response as a table whose columns import back.
report::Table provision_table(const boost::json::value& list);

// The class map (report.class_map's response) as a table for CSV and XLSX.
report::Table class_map_table(const boost::json::value& map);
// report.teacher_maps' response: every map in one table, with the class as the first column.
report::Table teacher_maps_table(const boost::json::value& maps);

// A report operation's response as the document a person reads and prints (the governors' report,
// the handover pack): empty for reports that are tables (ops/report_documents.cpp).
std::optional<report::Document> report_document(std::string_view report, const boost::json::value& response);
// A document's tables as one long table (section, table, row, column, value) for a spreadsheet.
report::Table document_table(const report::Document& document);

// A report operation's response as the table a person opens (CSV, XLSX) or the CLI prints;
// empty for operations that have no table form.
std::optional<report::Table> report_table(std::string_view report, const boost::json::value& response);

// Shared with reports: the passport's strategies; the current plan's targets and review date.
std::vector<std::string> support_strategies(store::Database& db, std::int64_t pupil);
std::pair<std::vector<std::string>, std::optional<std::string>> current_targets(store::Database& db,
                                                                                std::int64_t pupil);

}  // namespace sm::ops
