#include <boost/json.hpp>
#include <charconv>
#include <cmath>

#include "model/upn.hpp"
#include "model/utf8.hpp"
#include "ops/operation.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

const char* type_name(FieldType t) {
  switch (t) {
    case FieldType::string:
      return "string";
    case FieldType::text:
      return "text";
    case FieldType::date:
      return "date";
    case FieldType::integer:
      return "integer";
    case FieldType::number:
      return "number";
    case FieldType::boolean:
      return "boolean";
    case FieldType::upn:
      return "upn";
    case FieldType::string_list:
      return "string list";
    case FieldType::object_list:
      return "object list";
    case FieldType::integer_list:
      return "integer list";
  }
  return "string";
}

// Checks the request against the operation's fields: every problem, not just the first.
std::vector<FieldError> validate(const Operation& op, const json::object& request) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : request) {
    bool known = false;
    for (const auto& f : op.fields) known = known || f.name == key;
    if (!known) {
      std::string allowed;
      for (const auto& f : op.fields) allowed += (allowed.empty() ? "" : ", ") + f.name;
      errors.push_back(
          {std::string(key), "unknown field (" + op.name + " takes: " + (allowed.empty() ? "nothing" : allowed) + ")"});
    }
  }
  for (const auto& f : op.fields) {
    const auto* v = request.if_contains(f.name);
    if (!v || v->is_null()) {
      if (f.required) errors.push_back({f.name, "required"});
      continue;
    }
    auto bad = [&](std::string rule) { errors.push_back({f.name, std::move(rule)}); };
    switch (f.type) {
      case FieldType::string:
        if (!v->is_string() || v->as_string().empty()) bad("must be a non-empty string");
        break;
      case FieldType::text:
        if (!v->is_string()) bad("must be a string");
        break;
      case FieldType::date:
        if (!v->is_string() || !model::parse_date(v->as_string())) bad("must be a real date as YYYY-MM-DD");
        break;
      case FieldType::integer:
        if (!v->is_int64() && !v->is_uint64()) bad("must be a whole number");
        break;
      case FieldType::number:
        if (!v->is_number()) bad("must be a number");
        break;
      case FieldType::boolean:
        if (!v->is_bool()) bad("must be true or false");
        break;
      case FieldType::upn:
        if (!v->is_string() || !model::upn_is_valid(v->as_string()))
          bad("must be a valid UPN (13 characters, right check letter)");
        break;
      case FieldType::object_list: {
        bool ok = v->is_array() && !v->as_array().empty();
        if (ok)
          for (const auto& item : v->as_array()) ok = ok && item.is_object();
        if (!ok) bad("must be a non-empty list of objects");
        break;
      }
      case FieldType::integer_list: {
        bool ok = v->is_array();
        if (ok)
          for (const auto& item : v->as_array()) ok = ok && item.is_int64();
        if (!ok) bad("must be a list of whole numbers");
        break;
      }
      case FieldType::string_list: {
        bool ok = v->is_array() && !v->as_array().empty();
        if (ok)
          for (const auto& item : v->as_array()) ok = ok && item.is_string() && !item.as_string().empty();
        if (!ok) bad("must be a non-empty list of strings");
        break;
      }
    }
  }
  return errors;
}

// The top-level field whose value holds the bytes that are not UTF-8 (read leniently, only to
// name it), or "" when it cannot be told.
std::string field_with_invalid_utf8(std::string_view request_json) {
  json::parse_options lenient;
  lenient.allow_invalid_utf8 = true;
  json::error_code ec;
  auto loose = json::parse(request_json, ec, {}, lenient);
  if (ec || !loose.is_object()) return "";
  for (const auto& [key, value] : loose.as_object()) {
    if (model::first_invalid_utf8(key)) return "";
    if (model::first_invalid_utf8(json::serialize(value))) return std::string(key);
  }
  return "";
}

json::value errors_json(const std::vector<FieldError>& errors) {
  json::array out;
  for (const auto& e : errors) out.push_back({{"field", e.field}, {"rule", e.rule}});
  return {{"errors", std::move(out)}};
}

}  // namespace

InvalidRequest::InvalidRequest(std::vector<FieldError> errors)
    : std::runtime_error(errors.empty() ? "invalid request" : errors.front().field + ": " + errors.front().rule),
      errors_(std::move(errors)) {}

const std::vector<Operation>& operations() {
  static const std::vector<Operation> all = [] {
    std::vector<Operation> out;
    add_ehcp_operations(out);
    add_provision_operations(out);
    add_placement_operations(out);
    add_passport_operations(out);
    add_cycle_operations(out);
    add_report_operations(out);
    add_impact_operations(out);
    add_calendar_operations(out);
    add_section_f_operations(out);
    add_ehc_review_invitation_operations(out);
    add_ehc_review_advice_operations(out);
    add_ehc_review_record_operations(out);
    add_ehc_plan_end_operations(out);
    add_transfer_operations(out);
    add_access_arrangement_operations(out);
    add_need_operations(out);
    add_whole_school_operations(out);
    add_analytics_operations(out);
    add_exclusions_operations(out);
    add_exclusion_record_operations(out);
    add_budget_operations(out);
    add_senco_time_operations(out);
    add_agency_operations(out);
    add_staff_skills_operations(out);
    add_governors_operations(out);
    add_handover_operations(out);
    add_sen_information_operations(out);
    add_ta_deployment_operations(out);
    add_evidence_pack_operations(out);
    add_flag_operations(out);
    add_flag_action_operations(out);
    add_note_operations(out);
    add_contribution_operations(out);
    add_identity_operations(out);
    add_calendar_feed_operations(out);
    add_register_operations(out);
    add_backup_operations(out);
    add_leaver_operations(out);
    add_subject_access_operations(out);
    return out;
  }();
  return all;
}

json::value describe_operations() {
  json::array out;
  for (const auto& op : operations()) {
    json::array fields;
    for (const auto& f : op.fields)
      fields.push_back(
          {{"name", f.name}, {"type", type_name(f.type)}, {"required", f.required}, {"description", f.description}});
    out.push_back({{"name", op.name}, {"summary", op.summary}, {"changes", op.changes}, {"fields", std::move(fields)}});
  }
  return out;
}

CallResult call(Context& context, std::string_view name, std::string_view request_json) {
  CallResult result;
  const Operation* op = nullptr;
  for (const auto& candidate : operations())
    if (candidate.name == name) op = &candidate;
  if (!op) {
    result.status = CallResult::Status::unknown_operation;
    result.response = errors_json({{"", "no operation called '" + std::string(name) + "' (senmap ops lists them)"}});
    return result;
  }
  if (auto bad = model::first_invalid_utf8(request_json)) {
    result.status = CallResult::Status::invalid;
    result.response = errors_json({{field_with_invalid_utf8(request_json),
                                    "is not valid UTF-8 (found " + model::invalid_bytes_at(request_json, *bad) +
                                        "): text must be sent as UTF-8"}});
    return result;
  }
  json::error_code ec;
  auto parsed = json::parse(request_json.empty() ? std::string_view("{}") : request_json, ec);
  if (ec || !parsed.is_object()) {
    result.status = CallResult::Status::invalid;
    result.response = errors_json(
        {{"", ec ? "the request is not valid JSON: " + ec.message() : "the request must be a JSON object"}});
    return result;
  }
  const auto& request = parsed.as_object();
  if (auto errors = validate(*op, request); !errors.empty()) {
    result.status = CallResult::Status::invalid;
    result.response = errors_json(errors);
    return result;
  }
  try {
    if (op->changes) {
      store::Transaction tx(context.db);
      result.response = op->run(context, request);
      // Who changed what and when: the operation and the pupil, never the content.
      auto log =
          context.db.prepare("INSERT INTO change_log (at, actor, operation, upn, object_id) VALUES (?1,?2,?3,?4,?5)");
      log.bind(1, store::utc_timestamp()).bind(2, context.actor).bind(3, op->name);
      // The pupil: named by the request, or by the answer when the request named a thing of
      // theirs (a flag, a placement).
      const auto* upn = request.if_contains("upn");
      if (!upn && result.response.is_object()) upn = result.response.as_object().if_contains("upn");
      if (upn && upn->is_string())
        log.bind(4, std::string_view(upn->as_string()));
      else
        log.bind_null(4);
      const auto* id = result.response.is_object() ? result.response.as_object().if_contains("id") : nullptr;
      if (id && id->is_int64())
        log.bind(5, id->as_int64());
      else
        log.bind_null(5);
      log.run();
      tx.commit();
    } else {
      {
        // One read transaction for the whole query: every row of one moment, one WAL read lock
        // instead of one per statement, and no statement left open afterwards (an open read would
        // pin this handle to an old snapshot: an embedding MIS would stop seeing new syncs).
        store::ReadSnapshot snapshot(context.db);
        result.response = op->run(context, request);
      }
      // Every query is a read of SEN records (one pupil's, or a class's): audit it.
      const auto* upn = request.if_contains("upn");
      store::audit(context.db, context.actor, op->audited_as.empty() ? op->name : op->audited_as,
                   upn && upn->is_string() ? std::string_view(upn->as_string()) : std::string_view());
    }
  } catch (const InvalidRequest& e) {
    result.status = CallResult::Status::invalid;
    result.response = errors_json(e.errors());
  } catch (const NotFound& e) {
    result.status = CallResult::Status::not_found;
    result.response = errors_json({{"", e.what()}});
  }
  return result;
}

std::int64_t pupil_id_of(store::Database& db, const std::string& upn, bool must_be_on_roll) {
  auto s = db.prepare("SELECT id, left_on FROM pupil WHERE upn = ?1");
  s.bind(1, upn);
  if (!s.step()) throw NotFound("no pupil with UPN " + upn);
  if (must_be_on_roll && !s.is_null(1))
    throw InvalidRequest("upn", "the pupil left the roll on " + s.text(1) + ": nothing new can be recorded for them");
  return s.integer(0);
}

model::Date date_field(const json::object& request, std::string_view name) {
  return *model::parse_date(request.at(name).as_string());
}

void not_in_future(const Context& context, const std::string& date, const char* field) {
  if (date > model::format_date(context.today))
    throw InvalidRequest(field, "cannot be in the future (today is " + model::format_date(context.today) + ")");
}

std::optional<std::string> staff_note_rule_broken(std::string_view note, bool required, std::string_view reader) {
  constexpr std::size_t kMaxNote = 2000;
  if (required && note.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return "must say something: " + std::string(reader) + " reads it";
  if (note.size() > kMaxNote) return "at most 2,000 characters";
  return std::nullopt;
}

std::optional<double> number_of(const std::string& text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

LabelledNumber labelled_number(std::string_view line) {
  auto trim = [](std::string_view text) {
    auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return std::string();
    return std::string(text.substr(first, text.find_last_not_of(" \t\r") - first + 1));
  };
  auto equals = line.rfind('=');
  auto number = equals == std::string_view::npos ? std::nullopt : number_of(trim(line.substr(equals + 1)));
  return {trim(number ? line.substr(0, equals) : line), number};
}

boost::json::value percent_of(double part, double whole) {
  return whole != 0 ? json::value(std::round(1000.0 * part / whole) / 10.0) : json::value(nullptr);
}

std::string text_field(const json::object& request, std::string_view name) {
  const auto* v = request.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<json::object> gather_report(Context& context, std::string_view operation, const json::object& request) {
  auto result = call(context, operation, json::serialize(request));
  if (result.status != CallResult::Status::ok || !result.response.is_object()) return std::nullopt;
  return std::move(result.response.as_object());
}

}  // namespace sm::ops
