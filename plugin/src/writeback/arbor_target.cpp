#include "writeback/arbor_target.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "arbor/arbor_json.hpp"
#include "model/dates.hpp"

namespace sm::writeback {
namespace json = boost::json;
using arbor::ArborFailure;
namespace {

std::string field(const json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (!v) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_null()) return {};
  return json::serialize(*v);
}

// The day an item's change applies from, and the day before it (when what it replaces ends).
model::Date day_of(const json::object& p) {
  if (auto d = model::parse_date(field(p, "date"))) return *d;
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
}

bool before(model::Date a, model::Date b) {
  return std::chrono::sys_days{a} < std::chrono::sys_days{b};
}

// What the SENCO reads on the pupil's Arbor record, with senmap's reference for tracing it back.
struct NoteText {
  std::string summary, content;
};

NoteText note_text(const OutboxItem& item, const json::object& p) {
  if (item.kind == "flag_raised") {
    NoteText t{"senmap flag: " + field(p, "title"), field(p, "explanation")};
    if (auto evidence = field(p, "evidence"); !evidence.empty() && evidence != "{}" && evidence != "[]")
      t.content += "\nEvidence: " + evidence;
    return t;
  }
  if (item.kind == "flag_cleared") return {"senmap flag cleared: " + field(p, "rule"), "Cleared: " + field(p, "why")};
  if (item.kind == "note") return {"senmap " + field(p, "type") + " note", field(p, "body")};
  if (item.kind == "status_change")
    return {"SEN status " + field(p, "status") + " (agreed in senmap)", field(p, "reason")};
  NoteText t{"SEN needs agreed (senmap)", "Needs from " + field(p, "date") + ":"};
  if (const auto* needs = p.if_contains("needs"); needs && needs->is_array())
    for (const auto& n : needs->as_array())
      if (n.is_object())
        t.content += " " + field(n.as_object(), "code") + " (rank " + field(n.as_object(), "rank") + ")";
  if (auto by = field(p, "agreed_by"); !by.empty()) t.content += "; agreed by " + by;
  return t;
}

}  // namespace

ArborTarget::ArborTarget(live::Fetcher& fetcher, ArborTargetOptions options)
    : options_(std::move(options)),
      api_(fetcher, options_.settings),
      statuses_(api_, arbor::resource::sen_statuses, "d00229"),
      need_types_(api_, arbor::resource::sen_need_types, "d00237") {}

bool ArborTarget::tagged(std::string_view res, const std::string& key) {
  auto listed =
      api_.list(res, "look up what senmap already wrote to " + std::string(res), arbor::tag_filter(kArborKeyTag, key));
  return !listed.hrefs.empty();
}

bool ArborTarget::holds(const OutboxItem& item) {
  // The SEN note is every item's last write: when it is there, the whole item is.
  return tagged(arbor::resource::sen_notes, item.idempotency_key);
}

std::string ArborTarget::student_href(const std::string& upn) {
  if (auto it = students_.find(upn); it != students_.end()) return it->second;
  std::string href;
  if (options_.student_id_of)
    if (auto id = options_.student_id_of(upn); !id.empty()) href = "/rest-v2/students/" + id;
  if (href.empty()) {
    auto listed =
        api_.list(arbor::resource::upn_assignments, "find the pupil by UPN", arbor::filter("upn", "equals", upn));
    for (const auto& a : api_.fetch_all(listed.hrefs, "find the pupil by UPN"))
      if (arbor::text_of(a, "upn") == upn)
        if (href = arbor::href_of(a.if_contains("student")); !href.empty()) break;
  }
  if (!href.empty()) students_[upn] = href;
  return href;
}

void ArborTarget::create_once(std::string_view res, std::string_view type, const std::string& key, json::object fields,
                              std::string_view what) {
  if (tagged(res, key)) return;  // written by an attempt whose acknowledgement was lost
  fields["tags"] = json::object{{kArborKeyTag, key}};
  api_.create(res, type, std::move(fields), what);
}

void ArborTarget::write(const OutboxItem& item, const json::object& p, const std::string& student) {
  auto who = arbor::reference("Student", student);
  auto day = day_of(p);
  auto day_before = arbor::arbor_date(model::add_days(day, -1));
  const auto& key = item.idempotency_key;
  auto student_filter = arbor::filter("student", "equals", arbor::id_of_href(student));

  // What the change replaces ends the day before it applies (a PUT of the same end is harmless twice).
  auto end_open = [&](std::string_view res, std::string_view type, const char* start_field) {
    auto listed = api_.list(res, "read the pupil's " + std::string(res), student_filter);
    for (const auto& r : api_.fetch_all(listed.hrefs, "read the pupil's " + std::string(res))) {
      auto start = arbor::date_of(r.if_contains(start_field));
      auto end = arbor::date_of(r.if_contains("endDate"));
      if (!start || !before(*start, day) || (end && before(*end, day))) continue;
      api_.update(arbor::text_of(r, "href"), type, json::object{{"endDate", day_before}},
                  "end the pupil's earlier " + std::string(res));
    }
  };

  if (item.kind == "status_change") {
    auto status = field(p, "status");
    end_open(arbor::resource::sen_status_assignments, "senStatusAssignment", "startDate");
    if (status != "N") {
      auto href = statuses_.href_of_code(status);
      if (href.empty())
        throw ArborFailure(ArborFailure::Kind::invalid, 0,
                           "Arbor has no SEN status with the census code '" + status + "'");
      create_once(
          arbor::resource::sen_status_assignments, "senStatusAssignment", key + "#status",
          {{"student", who}, {"senStatus", arbor::reference("SenStatus", href)}, {"startDate", arbor::arbor_date(day)}},
          "record the pupil's SEN status");
    }
  } else if (item.kind == "needs_changed") {
    end_open(arbor::resource::sen_needs, "senNeed", "effectiveDate");
    if (const auto* needs = p.if_contains("needs"); needs && needs->is_array())
      for (const auto& n : needs->as_array()) {
        if (!n.is_object()) continue;
        auto code = field(n.as_object(), "code");
        auto href = need_types_.href_of_code(code);
        if (href.empty())
          throw ArborFailure(ArborFailure::Kind::invalid, 0,
                             "Arbor has no SEN need type with the census code '" + code + "'");
        json::object need{{"student", who},
                          {"senNeedType", arbor::reference("SenNeedType", href)},
                          {"ranking", n.as_object().at("rank")},
                          {"effectiveDate", arbor::arbor_date(day)}};
        create_once(arbor::resource::sen_needs, "senNeed", (key + "#").append(code), std::move(need),
                    "record the pupil's SEN need");
      }
  } else if ((item.kind == "flag_raised" || item.kind == "flag_cleared") && !options_.flags_field_href.empty() &&
             options_.current_flags_of) {
    // One record per pupil holding the current flags: found by its own tag, set whole each time.
    auto tag = arbor::id_of_href(student);
    auto value = options_.current_flags_of(item.upn);
    auto listed = api_.list(arbor::resource::user_defined_records, "find the pupil's senmap flags field",
                            arbor::tag_filter("senmapFlags", tag));
    if (listed.hrefs.empty())
      api_.create(arbor::resource::user_defined_records, "userDefinedRecord",
                  {{"entity", who},
                   {"userDefinedField", arbor::reference("UserDefinedField", options_.flags_field_href)},
                   {"value", value},
                   {"tags", json::object{{"senmapFlags", tag}}}},
                  "write the pupil's senmap flags field");
    else
      api_.update(listed.hrefs.front(), "userDefinedRecord", {{"value", value}},
                  "update the pupil's senmap flags field");
  }
  auto text = note_text(item, p);
  create_once(
      arbor::resource::sen_notes, "senNote", key,
      {{"student", who}, {"summary", text.summary}, {"content", text.content}, {"noteDate", arbor::arbor_date(day)}},
      "add a SEN note");
}

Delivery ArborTarget::deliver(const OutboxItem& item) {
  static const char* kKinds[] = {"flag_raised", "flag_cleared", "note", "status_change", "needs_changed"};
  if (std::find(std::begin(kKinds), std::end(kKinds), item.kind) == std::end(kKinds))
    return {false, "senmap does not write '" + item.kind + "' items to Arbor", std::nullopt};
  json::error_code ec;
  auto payload = json::parse(item.payload, ec);
  if (ec || !payload.is_object()) return {false, "the queued item is not a JSON object", std::nullopt};
  try {
    auto student = student_href(item.upn);
    if (student.empty())
      return {false,
              "Arbor at " + options_.settings.url + " has no pupil with UPN " + item.upn +
                  ": check the UPN on the pupil's Arbor record (UkDfe_UpnAssignment)",
              std::nullopt};
    write(item, payload.as_object(), student);
    return {true, "", std::nullopt};
  } catch (const ArborFailure& e) {
    // A refusal (validation, permission, credentials) is said in words the SENCO can act on.
    return {false, "pupil " + item.upn + ": " + e.what(), std::nullopt};
  } catch (const live::LiveError& e) {
    using K = live::LiveError::Kind;
    if (e.kind() == K::timeout || e.kind() == K::dropped)
      throw NoAnswer(std::string("Arbor did not answer: ") + e.what());
    return {false, std::string("Arbor could not be reached: ") + e.what(), std::nullopt};
  }
}

}  // namespace sm::writeback
