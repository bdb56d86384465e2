// The agencies a school works with and the team around each child. A new SENCO is told to find the
// contacts of every agency in their first weeks; governors ask what use is made of external
// agencies and with what impact. The directory keeps each service's contact, offer, referral route
// and stated wait; each pupil's involvements say who is involved, since when, what was referred and
// what came of it; the advice their reports gave is kept with the APDR cycle it informed, so it
// travels with the cycle into the evidence for an EHC needs assessment.
#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>

#include "model/dates.hpp"
#include "ops/operation.hpp"
#include "report/json_columns.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

constexpr std::size_t kShortText = 200;
constexpr std::size_t kLongText = 2000;
constexpr std::int64_t kMaxWaitingWeeks = 156;  // three years: a longer stated wait is a typing slip

// The services a school's SEND work draws on, in the words schools use for them.
constexpr std::array<std::string_view, 13> kServices{"educational_psychology",
                                                     "speech_and_language_therapy",
                                                     "occupational_therapy",
                                                     "physiotherapy",
                                                     "camhs",
                                                     "specialist_teaching",
                                                     "sensory_support",
                                                     "social_care",
                                                     "school_nursing",
                                                     "paediatrics",
                                                     "early_help",
                                                     "send_information_advice",
                                                     "other"};

std::string services_text() {
  std::string out;
  for (auto s : kServices) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

void check_length(std::vector<FieldError>& errors, const json::object& r, const char* field, std::size_t most) {
  if (text_field(r, field).size() > most) errors.push_back({field, "at most " + std::to_string(most) + " characters"});
}

std::optional<std::string> optional_date(const json::object& r, const char* field) {
  const auto* v = r.if_contains(field);
  if (!v || v->is_null() || (v->is_string() && v->as_string().empty())) return std::nullopt;
  return model::format_date(date_field(r, field));
}

// The agency a request names, checked to be of the pupil's (or the named) school.
std::int64_t agency_of(store::Database& db, const json::object& r, std::int64_t school) {
  const auto id = r.at("agency_id").to_number<std::int64_t>();
  auto s = db.prepare("SELECT school_id FROM agency WHERE id = ?1");
  s.bind(1, id);
  if (!s.step() || s.integer(0) != school)
    throw NotFound("no agency with id " + std::to_string(id) + " in the pupil's school's directory");
  return id;
}

std::int64_t school_of_pupil(store::Database& db, std::int64_t pupil) {
  auto s = db.prepare("SELECT school_id FROM pupil WHERE id = ?1");
  s.bind(1, pupil);
  s.step();
  return s.integer(0);
}

json::value agency_json(store::Database& db, std::int64_t id, const std::string& today) {
  auto s = db.prepare(
      "SELECT a.id, a.name, a.service, a.contact, a.phone, a.email, a.offers, a.referral_route, a.waiting_weeks, "
      "a.updated_at, (SELECT COUNT(DISTINCT i.pupil_id) FROM agency_involvement i WHERE i.agency_id = a.id AND "
      "i.involved_from IS NOT NULL AND i.involved_from <= ?2 AND (i.ended_on IS NULL OR i.ended_on >= ?2)), "
      "(SELECT COUNT(*) FROM agency_involvement i WHERE i.agency_id = a.id AND i.referred_on IS NOT NULL AND "
      "i.decision IS NULL AND i.involved_from IS NULL), "
      "(SELECT AVG(julianday(i.involved_from) - julianday(i.referred_on)) FROM agency_involvement i WHERE "
      "i.agency_id = a.id AND i.referred_on IS NOT NULL AND i.involved_from IS NOT NULL AND i.involved_from >= "
      "i.referred_on), "
      "(SELECT COUNT(*) FROM cycle_advice c WHERE c.agency_id = a.id) FROM agency a WHERE a.id = ?1");
  s.bind(1, id).bind(2, today);
  if (!s.step()) throw NotFound("no agency with id " + std::to_string(id));
  return json::object{{"agency_id", s.integer(0)},
                      {"name", s.text(1)},
                      {"service", s.text(2)},
                      {"contact", report::text_or_null(s, 3)},
                      {"phone", report::text_or_null(s, 4)},
                      {"email", report::text_or_null(s, 5)},
                      {"offers", report::text_or_null(s, 6)},
                      {"referral_route", report::text_or_null(s, 7)},
                      {"waiting_weeks", s.is_null(8) ? json::value(nullptr) : json::value(s.integer(8))},
                      {"updated_at", s.text(9)},
                      {"pupils_involved_now", s.integer(10)},
                      {"referrals_waiting", s.integer(11)},
                      // What the school has seen, beside what the service states: referral to first involvement.
                      {"seen_wait_weeks",
                       s.is_null(12) ? json::value(nullptr) : json::value(std::round(s.real(12) / 7.0 * 10.0) / 10.0)},
                      {"advice_reports", s.integer(13)}};
}

json::value save_agency(Context& context, const json::object& r) {
  std::vector<FieldError> errors;
  const auto name = text_field(r, "name");
  if (name.empty()) errors.push_back({"name", "the agency's name is required"});
  check_length(errors, r, "name", kShortText);
  const auto service = text_field(r, "service");
  if (std::find(kServices.begin(), kServices.end(), service) == kServices.end())
    errors.push_back({"service", "must be one of " + services_text()});
  for (const char* f : {"contact", "phone", "email", "referral_route"}) check_length(errors, r, f, kShortText);
  check_length(errors, r, "offers", kLongText);
  const auto email = text_field(r, "email");
  if (!email.empty() && (email.find('@') == std::string::npos || email.find(' ') != std::string::npos))
    errors.push_back({"email", "is not an email address"});
  std::optional<std::int64_t> weeks;
  if (const auto* w = r.if_contains("waiting_weeks"); w && !w->is_null()) {
    weeks = w->to_number<std::int64_t>();
    if (*weeks < 0 || *weeks > kMaxWaitingWeeks) errors.push_back({"waiting_weeks", "must be from 0 to 156 weeks"});
  }
  if (!errors.empty()) throw InvalidRequest(errors);

  std::int64_t school = 0;
  std::optional<std::int64_t> id;
  if (const auto* a = r.if_contains("agency_id"); a && !a->is_null()) {
    id = a->to_number<std::int64_t>();
    auto s = context.db.prepare("SELECT school_id FROM agency WHERE id = ?1");
    s.bind(1, *id);
    if (!s.step()) throw NotFound("no agency with id " + std::to_string(*id));
    school = s.integer(0);
  } else {
    school = school_or_only(context.db, r);
  }
  auto clash = context.db.prepare("SELECT id FROM agency WHERE school_id = ?1 AND name = ?2");
  clash.bind(1, school).bind(2, name);
  if (clash.step() && (!id || clash.integer(0) != *id)) {
    if (id) throw InvalidRequest("name", "another agency in the directory is called '" + name + "'");
    id = clash.integer(0);  // the same agency entered again: its entry is brought up to date
  }
  const auto today = model::format_date(context.today);
  auto bind_all = [&](store::Statement& s) {
    s.bind(1, name).bind(2, service);
    int at = 3;
    for (const char* f : {"contact", "phone", "email", "offers", "referral_route"}) {
      if (auto v = text_field(r, f); !v.empty()) s.bind(at, v);
      ++at;
    }
    if (weeks) s.bind(8, *weeks);
    s.bind(9, today).bind(10, context.actor);
  };
  if (id) {
    auto s = context.db.prepare(
        "UPDATE agency SET name = ?1, service = ?2, contact = ?3, phone = ?4, email = ?5, offers = ?6, "
        "referral_route = ?7, waiting_weeks = ?8, updated_at = ?9, updated_by = ?10 WHERE id = ?11");
    bind_all(s);
    s.bind(11, *id).run();
  } else {
    auto s = context.db.prepare(
        "INSERT INTO agency (name, service, contact, phone, email, offers, referral_route, waiting_weeks, "
        "updated_at, updated_by, school_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    bind_all(s);
    s.bind(11, school).run();
    id = context.db.last_insert_id();
  }
  return agency_json(context.db, *id, today);
}

json::value list_agencies(Context& context, const json::object& r) {
  auto school = school_of_request(context.db, r);
  auto s = context.db.prepare("SELECT id FROM agency WHERE ?1 IS NULL OR school_id = ?1 ORDER BY service, name");
  if (school) s.bind(1, *school);
  json::array agencies;
  const auto today = model::format_date(context.today);
  while (s.step()) agencies.push_back(agency_json(context.db, s.integer(0), today));
  return json::object{{"as_of", today}, {"agencies", std::move(agencies)}};
}

// Where a pupil's involvement stands, from its dates and decision.
std::string involvement_status(const store::Statement& s, const std::string& today) {
  if (!s.is_null(9) && s.text(9) <= today) return "ended";
  if (!s.is_null(8)) return "involved";
  if (!s.is_null(6)) return s.text(6) == "accepted" ? "accepted" : s.text(6);
  return "waiting";
}

constexpr const char* kInvolvementColumns =
    "i.id, a.id, a.name, a.service, a.contact, a.phone, i.decision, i.referred_on, i.involved_from, i.ended_on, "
    "i.decided_on, i.professional, i.outcome, a.email";

json::value involvement_json(const store::Statement& s, const std::string& today) {
  json::object out{{"involvement_id", s.integer(0)},
                   {"agency_id", s.integer(1)},
                   {"agency", s.text(2)},
                   {"service", s.text(3)},
                   {"professional", report::text_or_null(s, 11)},
                   {"contact", report::text_or_null(s, 4)},
                   {"phone", report::text_or_null(s, 5)},
                   {"email", report::text_or_null(s, 13)},
                   {"referred_on", report::text_or_null(s, 7)},
                   {"decision", report::text_or_null(s, 6)},
                   {"decided_on", report::text_or_null(s, 10)},
                   {"involved_from", report::text_or_null(s, 8)},
                   {"ended_on", report::text_or_null(s, 9)},
                   {"outcome", report::text_or_null(s, 12)},
                   {"status", involvement_status(s, today)},
                   {"days_waiting", nullptr}};
  if (out["status"].as_string() == "waiting" && !s.is_null(7)) {
    auto referred = model::parse_date(s.text(7));
    auto now = model::parse_date(today);
    if (referred && now) out["days_waiting"] = (std::chrono::sys_days{*now} - std::chrono::sys_days{*referred}).count();
  }
  return out;
}

json::value involve(Context& context, const json::object& r) {
  const auto upn = text_field(r, "upn");
  const auto pupil = pupil_id_of(context.db, upn, true);
  const auto agency = agency_of(context.db, r, school_of_pupil(context.db, pupil));
  const auto today = model::format_date(context.today);
  auto referred = optional_date(r, "referred_on");
  auto decided = optional_date(r, "decided_on");
  auto from = optional_date(r, "involved_from");
  auto ended = optional_date(r, "ended_on");
  const auto decision = text_field(r, "decision");
  std::vector<FieldError> errors;
  for (auto [field, date] :
       {std::pair{"referred_on", &referred}, {"decided_on", &decided}, {"involved_from", &from}, {"ended_on", &ended}})
    if (*date && **date > today) errors.push_back({field, "cannot be in the future (today is " + today + ")"});
  if (!referred && !from)
    errors.push_back({"referred_on",
                      "give the day of the referral, or involved_from for a professional already "
                      "involved without one"});
  if (!decision.empty() && decision != "accepted" && decision != "declined" && decision != "redirected")
    errors.push_back({"decision", "must be accepted, declined or redirected"});
  if (decided && decision.empty()) errors.push_back({"decided_on", "is the day of the decision: give decision too"});
  if (decided && referred && *decided < *referred)
    errors.push_back({"decided_on", "cannot be before referred_on (" + *referred + ")"});
  if (from && (decision == "declined" || decision == "redirected"))
    errors.push_back({"involved_from", "a referral " + decision + " has no involvement: leave it empty"});
  if (ended && !from) errors.push_back({"ended_on", "give involved_from: an involvement ends only once it began"});
  if (ended && from && *ended < *from) errors.push_back({"ended_on", "cannot be before involved_from (" + *from + ")"});
  check_length(errors, r, "professional", kShortText);
  check_length(errors, r, "outcome", kLongText);
  if (!errors.empty()) throw InvalidRequest(errors);

  std::optional<std::int64_t> id;
  if (const auto* v = r.if_contains("involvement_id"); v && !v->is_null()) {
    id = v->to_number<std::int64_t>();
    auto s = context.db.prepare("SELECT pupil_id FROM agency_involvement WHERE id = ?1");
    s.bind(1, *id);
    if (!s.step() || s.integer(0) != pupil)
      throw NotFound("no involvement with id " + std::to_string(*id) + " for " + upn);
  }
  auto bind_all = [&](store::Statement& s) {
    s.bind(1, pupil).bind(2, agency);
    if (auto v = text_field(r, "professional"); !v.empty()) s.bind(3, v);
    if (referred) s.bind(4, *referred);
    if (!decision.empty()) s.bind(5, decision);
    if (decided) s.bind(6, *decided);
    if (from) s.bind(7, *from);
    if (ended) s.bind(8, *ended);
    if (auto v = text_field(r, "outcome"); !v.empty()) s.bind(9, v);
    s.bind(10, today).bind(11, context.actor);
  };
  if (id) {
    auto s = context.db.prepare(
        "UPDATE agency_involvement SET pupil_id = ?1, agency_id = ?2, professional = ?3, referred_on = ?4, "
        "decision = ?5, decided_on = ?6, involved_from = ?7, ended_on = ?8, outcome = ?9, updated_at = ?10, "
        "updated_by = ?11 WHERE id = ?12");
    bind_all(s);
    s.bind(12, *id).run();
  } else {
    auto s = context.db.prepare(
        "INSERT INTO agency_involvement (pupil_id, agency_id, professional, referred_on, decision, decided_on, "
        "involved_from, ended_on, outcome, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11)");
    bind_all(s);
    s.run();
    id = context.db.last_insert_id();
  }
  auto s = context.db.prepare(std::string("SELECT ") + kInvolvementColumns +
                              " FROM agency_involvement i JOIN agency a ON a.id = i.agency_id WHERE i.id = ?1");
  s.bind(1, *id);
  s.step();
  auto out = involvement_json(s, today);
  out.as_object()["upn"] = upn;
  return out;
}

json::value team(Context& context, const json::object& r) {
  const auto upn = text_field(r, "upn");
  const auto pupil = pupil_id_of(context.db, upn, false);
  const auto today = model::format_date(context.today);
  auto s = context.db.prepare(std::string("SELECT ") + kInvolvementColumns +
                              " FROM agency_involvement i JOIN agency a ON a.id = i.agency_id WHERE i.pupil_id = ?1 "
                              "ORDER BY COALESCE(i.involved_from, i.referred_on), i.id");
  s.bind(1, pupil);
  json::array now, past;
  while (s.step()) {
    auto row = involvement_json(s, today);
    const auto status = std::string(row.at("status").as_string());
    (status == "ended" || status == "declined" || status == "redirected" ? past : now).push_back(std::move(row));
  }
  json::array advice;
  auto a = context.db.prepare("SELECT c.id FROM sen_cycle c WHERE c.pupil_id = ?1 ORDER BY c.assessed_on, c.id");
  a.bind(1, pupil);
  while (a.step())
    for (auto& item : cycle_advice_json(context.db, a.integer(0))) advice.push_back(std::move(item));
  return json::object{{"upn", upn}, {"team", std::move(now)}, {"past", std::move(past)}, {"advice", std::move(advice)}};
}

json::value record_advice(Context& context, const json::object& r) {
  const auto cycle = r.at("cycle_id").to_number<std::int64_t>();
  auto c = context.db.prepare(
      "SELECT c.pupil_id, p.school_id, c.reviewed_on FROM sen_cycle c JOIN pupil p ON p.id = "
      "c.pupil_id WHERE c.id = ?1");
  c.bind(1, cycle);
  if (!c.step()) throw NotFound("no cycle with id " + std::to_string(cycle));
  const auto agency = agency_of(context.db, r, c.integer(1));
  std::vector<FieldError> errors;
  const auto received = model::format_date(date_field(r, "received_on"));
  not_in_future(context, received, "received_on");
  const auto author = text_field(r, "author");
  if (author.empty()) errors.push_back({"author", "who wrote the report is required"});
  check_length(errors, r, "author", kShortText);
  const auto recommendations = text_field(r, "recommendations");
  if (recommendations.empty())
    errors.push_back({"recommendations", "what the report advises is required: it is what the plan acts on"});
  check_length(errors, r, "recommendations", kLongText);
  check_length(errors, r, "document", kShortText);
  if (!errors.empty()) throw InvalidRequest(errors);
  auto s = context.db.prepare(
      "INSERT INTO cycle_advice (cycle_id, agency_id, author, received_on, recommendations, document, recorded_at, "
      "recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, cycle).bind(2, agency).bind(3, author).bind(4, received).bind(5, recommendations);
  if (auto d = text_field(r, "document"); !d.empty()) s.bind(6, d);
  s.bind(7, model::format_date(context.today)).bind(8, context.actor).run();
  const auto id = context.db.last_insert_id();
  for (auto& item : cycle_advice_json(context.db, cycle))
    if (item.at("advice_id").as_int64() == id) return item;
  return nullptr;
}

}  // namespace

json::array cycle_advice_json(store::Database& db, std::int64_t cycle) {
  auto& s = db.cached(
      "SELECT c.id, c.cycle_id, a.id, a.name, a.service, c.author, c.received_on, c.recommendations, c.document, "
      "s.assessed_on FROM cycle_advice c JOIN agency a ON a.id = c.agency_id JOIN sen_cycle s ON s.id = c.cycle_id "
      "WHERE c.cycle_id = ?1 ORDER BY c.received_on, c.id");
  s.bind(1, cycle);
  json::array out;
  while (s.step())
    out.push_back({{"advice_id", s.integer(0)},
                   {"cycle_id", s.integer(1)},
                   {"cycle_assessed_on", s.text(9)},
                   {"agency_id", s.integer(2)},
                   {"agency", s.text(3)},
                   {"service", s.text(4)},
                   {"author", s.text(5)},
                   {"received_on", s.text(6)},
                   {"recommendations", s.text(7)},
                   {"document", report::text_or_null(s, 8)}});
  s.reset();
  return out;
}

void add_agency_operations(std::vector<Operation>& out) {
  using F = FieldType;
  out.push_back({"agency.save",
                 "Add an agency to the school's directory, or bring its entry up to date (the same name again "
                 "updates it): service, contact, what it offers, how to refer, the wait it states",
                 true,
                 {school_field(),
                  {"agency_id", F::integer, false, "the agency to change (omit to add one, or to update by name)"},
                  {"name", F::string, true, "the agency's name as the school knows it"},
                  {"service", F::string, true, "the kind of service: " + services_text()},
                  {"contact", F::string, false, "the person or desk to contact"},
                  {"phone", F::string, false, "their phone number"},
                  {"email", F::string, false, "their email address"},
                  {"offers", F::text, false, "what they offer schools and pupils"},
                  {"referral_route", F::string, false, "how to refer, e.g. the LA's online form, via the GP"},
                  {"waiting_weeks", F::integer, false, "the wait the service states, in weeks"}},
                 save_agency});
  out.push_back({"agency.list",
                 "The school's agency directory: each agency's contact, offer and referral route, with the pupils it "
                 "works with now, referrals waiting and the wait the school has seen",
                 false,
                 {school_field()},
                 list_agencies});
  out.push_back(
      {"agency.involve",
       "Record an agency's involvement with a pupil, or change one: the referral and its decision, the "
       "professional, since when, when it ended and what came of it",
       true,
       {{"upn", F::upn, true, "the pupil"},
        {"agency_id", F::integer, true, "the agency, from the school's directory"},
        {"involvement_id", F::integer, false, "the involvement to change (omit to record a new one)"},
        {"professional", F::string, false, "the professional working with the pupil"},
        {"referred_on", F::date, false, "the day the school referred the pupil"},
        {"decision", F::string, false, "the agency's decision on the referral: accepted, declined, redirected"},
        {"decided_on", F::date, false, "the day of the decision"},
        {"involved_from", F::date, false, "the day the agency began working with the pupil"},
        {"ended_on", F::date, false, "the day the involvement ended (discharged)"},
        {"outcome", F::text, false, "what came of it, e.g. discharged with a programme for school"}},
       involve});
  out.push_back({"agency.team",
                 "The team around a pupil: the agencies and professionals involved now and before, referrals "
                 "waiting, and the advice their reports gave to each cycle",
                 false,
                 {{"upn", F::upn, true, "the pupil"}},
                 team});
  out.push_back({"cycle.advice",
                 "Keep an agency's report with the APDR cycle it informed: who wrote it, when it came, what it "
                 "recommends, where the report itself is kept",
                 true,
                 {{"cycle_id", F::integer, true, "the cycle"},
                  {"agency_id", F::integer, true, "the agency, from the school's directory"},
                  {"author", F::string, true, "who wrote the report"},
                  {"received_on", F::date, true, "the day the school received it"},
                  {"recommendations", F::text, true, "what it recommends"},
                  {"document", F::string, false, "where the report is kept (a file name, the MIS document)"}},
                 record_advice});
}

}  // namespace sm::ops
