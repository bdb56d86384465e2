#include "host/host_batch.hpp"

#include <algorithm>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/stream_parser.hpp>
#include <initializer_list>
#include <set>

#include "model/attendance_tally.hpp"
#include "model/digits.hpp"
#include "model/pupil_rules.hpp"
#include "model/reference_data.hpp"

namespace sm::host {
namespace json = boost::json;
using model::Date;

namespace {

bool after(Date a, Date b) {
  return std::chrono::sys_days{a} > std::chrono::sys_days{b};
}

// At most `limit` bytes of `text`, cut where a character begins (the problem is shown as UTF-8).
std::string shortened(const std::string& text, std::size_t limit = 80) {
  if (text.size() <= limit) return text;
  while (limit > 0 && (static_cast<unsigned char>(text[limit]) & 0xC0) == 0x80) --limit;
  return text.substr(0, limit);
}

std::string indexed(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

std::string dotted(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// Reads one batch, adding a located problem for every rule broken. A pupil with a problem is
// left out of the read (the batch is refused as a whole unless the source is lenient).
class BatchReader {
 public:
  BatchReader(const std::string& origin, const std::string& now_utc, Batch& out)
      : origin_(origin), now_utc_(now_utc), out_(out), read_(out.read) {}

  void read(const json::object& root) {
    allow(root, "", {"schema", "school", "as_of", "full", "pupils", "staff", "classes", "left"});
    auto schema = text(root, "schema", "", true);
    if (!schema.empty() && schema != kIngestSchema) {
      problem("schema", schema, "this senmap reads batches of schema " + std::string(kIngestSchema));
      return;
    }
    read_school(root);
    read_as_of(root);
    if (const auto* full = root.if_contains("full")) {
      if (!full->is_bool())
        problem("full", "", "must be true (the whole roll: pupils not listed have left) or false");
      else
        read_.full = full->get_bool();
    }
    if (!batch_problems_.empty() || !as_of_) return;  // nothing below can be checked without them

    if (const auto* pupils = array(root, "pupils", "", true))
      for (std::size_t i = 0; i < pupils->size(); ++i) read_pupil((*pupils)[i], indexed("pupils", i));
    read_staff(root);
    read_classes(root);
    read_left(root);
    add_student_users();
    read_.details["pupils"] = read_.pupils.size();
  }

  // Problems of the batch itself (not of one pupil): nothing in it can be applied.
  bool batch_refused() const { return !batch_problems_.empty(); }

 private:
  // ---- problems and typed fields ----------------------------------------------------------
  void problem(const std::string& path, const std::string& value, std::string rule) {
    model::Problem p{origin_, 0, path, shortened(upn_), shortened(value), std::move(rule), shortened(record_)};
    if (in_pupil_) {
      pupil_broken_ = true;
    } else {
      batch_problems_.push_back(p);
    }
    read_.problems.push_back(std::move(p));
  }

  void allow(const json::object& o, const std::string& path, std::initializer_list<std::string_view> keys) {
    for (const auto& [key, value] : o) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      std::string allowed;
      for (auto k : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(k);
      problem(dotted(path, key), "", "unknown field (allowed here: " + allowed + ")");
    }
  }

  const json::value* get(const json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && !v->is_null() ? v : nullptr;
  }

  std::string text(const json::object& o, std::string_view key, const std::string& path, bool required) {
    const auto* v = get(o, key);
    if (!v) {
      if (required) problem(dotted(path, key), "", "required field is missing");
      return {};
    }
    if (!v->is_string()) {
      problem(dotted(path, key), json::serialize(*v), "must be a string");
      return {};
    }
    std::string s(v->get_string());
    auto first = s.find_first_not_of(" \t\r\n");
    auto last = s.find_last_not_of(" \t\r\n");
    s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    if (s.empty() && required) problem(dotted(path, key), "", "required field is empty");
    return s;
  }

  // A date (YYYY-MM-DD); `past`: not after the batch's as_of, which an MIS cannot know yet.
  std::optional<Date> date(const json::object& o, std::string_view key, const std::string& path, bool required,
                           bool past) {
    auto t = text(o, key, path, required);
    if (t.empty()) return std::nullopt;
    auto parsed = model::parse_date(t);
    if (!parsed) {
      problem(dotted(path, key), t, std::string(model::kNotADate));
      return std::nullopt;
    }
    if (past && as_of_ && after(*parsed, *as_of_)) {
      problem(dotted(path, key), t, model::after_export_rule(read_.read_at));
      return std::nullopt;
    }
    return parsed;
  }

  std::optional<int> integer(const json::object& o, std::string_view key, const std::string& path, bool required,
                             int min, int max) {
    const auto* v = get(o, key);
    if (!v) {
      if (required) problem(dotted(path, key), "", "required field is missing");
      return std::nullopt;
    }
    auto whole = v->is_int64()                                   ? std::optional<std::int64_t>(v->get_int64())
                 : v->is_uint64() && v->get_uint64() <= 1u << 30 ? std::optional<std::int64_t>(v->get_uint64())
                                                                 : std::nullopt;
    if (!whole || *whole < min || *whole > max) {
      problem(dotted(path, key), json::serialize(*v),
              "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    }
    return static_cast<int>(*whole);
  }

  std::optional<bool> boolean(const json::object& o, std::string_view key, const std::string& path) {
    const auto* v = get(o, key);
    if (!v) return std::nullopt;
    if (!v->is_bool()) {
      problem(dotted(path, key), json::serialize(*v), "must be true or false");
      return std::nullopt;
    }
    return v->get_bool();
  }

  const json::array* array(const json::object& o, std::string_view key, const std::string& path, bool required) {
    const auto* v = get(o, key);
    if (!v) {
      if (required) problem(dotted(path, key), "", "required field is missing (an empty list is [])");
      return nullptr;
    }
    if (!v->is_array()) {
      problem(dotted(path, key), "", "must be a list");
      return nullptr;
    }
    return &v->get_array();
  }

  // Each object of `list` (an element that is not one is a problem) with its path, only the
  // fields `keys` allowed in it.
  template <class Each>
  void each_object(const json::array& list, const std::string& path, std::initializer_list<std::string_view> keys,
                   Each&& each) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      auto at = indexed(path, i);
      const auto* o = object(list[i], at);
      if (!o) continue;
      allow(*o, at, keys);
      each(*o, at);
    }
  }

  const json::object* object(const json::value& v, const std::string& path) {
    if (!v.is_object()) {
      problem(path, "", "must be an object");
      return nullptr;
    }
    return &v.get_object();
  }

  // ---- the batch ---------------------------------------------------------------------------
  void read_school(const json::object& root) {
    const auto* school = get(root, "school");
    if (!school) {
      problem("school", "", "required field is missing: {\"la\",\"estab\"} of the school this batch is for");
      return;
    }
    const auto* o = object(*school, "school");
    if (!o) return;
    allow(*o, "school", {"la", "estab", "urn", "name"});
    auto& ref = out_.school;
    ref.la = text(*o, "la", "school", true);
    ref.estab = text(*o, "estab", "school", true);
    ref.urn = text(*o, "urn", "school", false);
    ref.name = text(*o, "name", "school", false);
    if (!ref.la.empty() && !model::all_digits(ref.la, 3)) problem("school.la", ref.la, "must be the 3-digit LA number");
    if (!ref.estab.empty() && !model::all_digits(ref.estab, 4))
      problem("school.estab", ref.estab, "must be the 4-digit establishment number");
  }

  void read_as_of(const json::object& root) {
    auto at = text(root, "as_of", "", true);
    if (at.empty()) return;
    auto day = model::parse_datetime_date(at);
    if (!day) {
      problem("as_of", at, "not a valid date and time (YYYY-MM-DDTHH:MM:SS)");
      return;
    }
    // Newer data wins, so a batch from the future would lock its pupils against every real
    // batch after it: a day's grace for clocks, no more (the CTF rule).
    auto now = model::parse_datetime_date(now_utc_);
    if (now && after(*day, model::add_days(*now, 1))) {
      problem("as_of", at, "the batch is dated in the future: check the host's clock");
      return;
    }
    as_of_ = day;
    read_.read_at = at;
  }

  // ---- one pupil ---------------------------------------------------------------------------
  void read_pupil(const json::value& value, const std::string& path) {
    in_pupil_ = true;
    pupil_broken_ = false;
    upn_.clear();
    record_.clear();
    model::PupilRecord p;
    if (const auto* o = object(value, path)) read_pupil_fields(*o, path, p);
    in_pupil_ = false;
    upn_.clear();
    record_.clear();
    if (pupil_broken_) {
      ++rejected_;
      read_.details["pupils_rejected"] = rejected_;
      return;
    }
    read_.pupils.push_back(std::move(p));
  }

  void read_pupil_fields(const json::object& o, const std::string& path, model::PupilRecord& p) {
    allow(o, path,
          {"upn",
           "mis_id",
           "uln",
           "uci",
           "surname",
           "forename",
           "preferred_surname",
           "preferred_forename",
           "middle_names",
           "dob",
           "sex",
           "nc_year",
           "ethnicity",
           "first_language",
           "enrol_status",
           "medical_flag",
           "looked_after",
           "care_authority",
           "fsm",
           "sen",
           "attendance",
           "assessments"});
    p.mis_id = text(o, "mis_id", path, false);
    p.upn = text(o, "upn", path, p.mis_id.empty());
    upn_ = p.upn;
    record_ = p.mis_id;
    if (!p.upn.empty())
      if (auto broken = model::upn_rule_broken(p.upn)) problem(dotted(path, "upn"), p.upn, *broken);
    if (!p.upn.empty() && !upns_.insert(p.upn).second)
      problem(dotted(path, "upn"), p.upn, "this pupil is in the batch twice");
    p.uln = text(o, "uln", path, false);
    p.uci = text(o, "uci", path, false);
    p.surname = text(o, "surname", path, true);
    p.forename = text(o, "forename", path, true);
    p.preferred_surname = text(o, "preferred_surname", path, false);
    p.preferred_forename = text(o, "preferred_forename", path, false);
    p.middle_names = text(o, "middle_names", path, false);
    if (auto dob = date(o, "dob", path, true, true)) p.dob = *dob;
    p.sex = text(o, "sex", path, true);
    if (!p.sex.empty())
      if (auto broken = model::sex_rule_broken(p.sex)) problem(dotted(path, "sex"), p.sex, *broken);
    p.nc_year = text(o, "nc_year", path, false);
    if (auto broken = model::nc_year_rule_broken(p.nc_year)) problem(dotted(path, "nc_year"), p.nc_year, *broken);
    p.ethnicity = text(o, "ethnicity", path, false);
    p.first_language = text(o, "first_language", path, false);
    p.enrol_status = text(o, "enrol_status", path, false);
    p.medical_flag = boolean(o, "medical_flag", path);
    p.looked_after = boolean(o, "looked_after", path).value_or(false);
    p.care_authority = text(o, "care_authority", path, false);

    // A part the batch leaves out is a part the host does not speak for: what senmap holds of
    // it stays (a delta may carry only the pupils' names and classes).
    p.carries.fsm = get(o, "fsm") != nullptr;
    p.carries.sen_status = p.carries.needs = get(o, "sen") != nullptr;
    p.carries.attendance = get(o, "attendance") != nullptr;
    p.carries.assessments = get(o, "assessments") != nullptr;
    read_fsm(o, path, p);
    read_sen(o, path, p);
    read_attendance(o, path, p);
    read_assessments(o, path, p);
  }

  void read_fsm(const json::object& o, const std::string& path, model::PupilRecord& p) {
    const auto* spells = array(o, "fsm", path, false);
    if (!spells) return;
    each_object(*spells, dotted(path, "fsm"), {"start", "end", "country"},
                [&](const json::object& s, const std::string& at) {
                  auto start = date(s, "start", at, true, true);
                  auto end = date(s, "end", at, false, false);
                  if (start && end && after(*start, *end))
                    problem(dotted(at, "end"), model::format_date(*end), std::string(model::kFsmEndsBeforeStart));
                  if (start) p.fsm.push_back({*start, end, text(s, "country", at, false)});
                });
  }

  void read_sen(const json::object& o, const std::string& path, model::PupilRecord& p) {
    const auto* sen_value = get(o, "sen");
    if (!sen_value) return;
    auto sen_path = dotted(path, "sen");
    const auto* sen = object(*sen_value, sen_path);
    if (!sen) return;
    allow(*sen, sen_path, {"status", "needs"});
    p.has_sen_history = true;
    read_status(*sen, sen_path, p);
    std::string current = p.sen_status.empty() ? "" : p.sen_status.back().provision;
    const auto* needs = array(*sen, "needs", sen_path, false);
    if (!needs) return;
    std::set<int> ranks;
    each_object(*needs, dotted(sen_path, "needs"), {"type", "rank", "start", "end"},
                [&](const json::object& n, const std::string& at) {
                  model::SenNeed need;
                  need.type = text(n, "type", at, true);
                  auto rank = integer(n, "rank", at, true, 1, 99);
                  need.start = date(n, "start", at, false, true);
                  need.end = date(n, "end", at, false, false);
                  bool known = false;
                  if (!need.type.empty()) {
                    auto broken = model::sen_type_rule_broken(need.type, *as_of_, need.end.has_value());
                    if (broken) problem(dotted(at, "type"), need.type, *broken);
                    known = model::find_sen_type(need.type) != nullptr;
                  }
                  if (need.start && need.end && after(*need.start, *need.end))
                    problem(dotted(at, "end"), model::format_date(*need.end), std::string(model::kNeedEndsBeforeStart));
                  bool active = !need.end || !after(*as_of_, *need.end);
                  if (rank && active && !ranks.insert(*rank).second)
                    problem(dotted(at, "rank"), std::to_string(*rank), std::string(model::kRankTwice));
                  if (need.type == "NSA" && active)
                    if (auto broken = model::nsa_rule_broken(current)) problem(dotted(at, "type"), need.type, *broken);
                  if (rank && known) {
                    need.rank = *rank;
                    p.needs.push_back(std::move(need));
                  }
                });
  }

  // "status": the periods with their start dates, or only today's code when the host does not
  // keep the history (then a change is dated the day of the batch, as for Wonde).
  void read_status(const json::object& sen, const std::string& sen_path, model::PupilRecord& p) {
    auto path = dotted(sen_path, "status");
    const auto* status = get(sen, "status");
    if (!status) {
      p.carries.sen_status = false;
      return;
    }
    if (status->is_string()) {
      std::string code(status->get_string());
      if (auto broken = model::sen_provision_rule_broken(code, *as_of_)) {
        problem(path, code, *broken);
        return;
      }
      p.carries.sen_status_history = false;
      p.sen_status.push_back({*as_of_, code});
      return;
    }
    const auto* periods = array(sen, "status", sen_path, false);
    if (!periods) return;
    std::set<std::chrono::sys_days> starts;
    each_object(*periods, path, {"start", "provision"}, [&](const json::object& s, const std::string& at) {
      auto start = date(s, "start", at, true, true);
      auto code = text(s, "provision", at, true);
      bool usable = !code.empty();
      if (usable)
        if (auto broken = model::sen_provision_rule_broken(code, start)) {
          problem(dotted(at, "provision"), code, *broken);
          usable = model::find_sen_provision(code) != nullptr;
        }
      if (start && !starts.insert(std::chrono::sys_days{*start}).second)
        problem(dotted(at, "start"), model::format_date(*start), std::string(model::kSenStartsTwice));
      if (start && usable) p.sen_status.push_back({*start, code});
    });
    std::sort(p.sen_status.begin(), p.sen_status.end(), [](const auto& a, const auto& b) {
      return std::chrono::sys_days{a.start} < std::chrono::sys_days{b.start};
    });
  }

  void read_attendance(const json::object& o, const std::string& path, model::PupilRecord& p) {
    const auto* years = array(o, "attendance", path, false);
    if (!years) return;
    each_object(*years, dotted(path, "attendance"),
                {"year", "lea", "estab", "school_name", "marks_start", "marks", "sessions_possible",
                 "sessions_attended", "sessions_authorised", "sessions_unauthorised"},
                [&](const json::object& y, const std::string& at) {
                  model::AttendanceYear year;
                  year.year = integer(y, "year", at, true, 1990, 2100).value_or(0);
                  year.lea = text(y, "lea", at, false);
                  year.estab = text(y, "estab", at, false);
                  year.school_name = text(y, "school_name", at, false);
                  year.marks = text(y, "marks", at, false);
                  if (!year.marks.empty()) {
                    year.marks_start = date(y, "marks_start", at, true, true);
                    if (auto bad = model::first_unknown_mark(year.marks))
                      problem(dotted(at, "marks"), std::string(1, year.marks[*bad]), model::unknown_mark_rule(*bad));
                  }
                  year.sessions_possible = integer(y, "sessions_possible", at, false, 0, 1000);
                  year.sessions_attended = integer(y, "sessions_attended", at, false, 0, 1000);
                  year.sessions_authorised = integer(y, "sessions_authorised", at, false, 0, 1000);
                  year.sessions_unauthorised = integer(y, "sessions_unauthorised", at, false, 0, 1000);
                  // Totals left out are counted from the marks by the DfE rules, as the census does.
                  if (!year.marks.empty() && !year.sessions_possible) model::count_totals_from_marks(year);
                  p.attendance.push_back(std::move(year));
                });
  }

  void read_assessments(const json::object& o, const std::string& path, model::PupilRecord& p) {
    const auto* results = array(o, "assessments", path, false);
    if (!results) return;
    each_object(*results, dotted(path, "assessments"),
                {"stage", "locale", "year", "subject", "method", "component", "result_status", "result_qualifier",
                 "result", "result_date"},
                [&](const json::object& r, const std::string& at) {
                  model::AssessmentResult result;
                  result.stage = text(r, "stage", at, false);
                  result.locale = text(r, "locale", at, false);
                  result.year = integer(r, "year", at, false, 1990, 2100);
                  result.subject = text(r, "subject", at, true);
                  result.method = text(r, "method", at, false);
                  result.component = text(r, "component", at, false);
                  result.result_status = text(r, "result_status", at, false);
                  result.result_qualifier = text(r, "result_qualifier", at, false);
                  result.result = text(r, "result", at, true);
                  result.result_date = date(r, "result_date", at, false, true);
                  p.assessments.push_back(std::move(result));
                });
  }

  // ---- staff, classes, leavers -------------------------------------------------------------
  void read_staff(const json::object& root) {
    const auto* staff = array(root, "staff", "", false);
    if (!staff) return;
    // A whole roll's staff list says who has gone; a delta's lists only who changed.
    read_.roster.modes["users"] = read_.full ? model::RosterFileMode::bulk : model::RosterFileMode::delta;
    each_object(*staff, "staff", {"id", "surname", "forename", "email", "role"},
                [&](const json::object& s, const std::string& at) {
                  model::RosterUser user;
                  user.identifier = text(s, "id", at, true);
                  // The host's own id, as it names the person to senmap_call_as and `senmap staff role`.
                  user.sourced_id = user.identifier;
                  user.family_name = text(s, "surname", at, true);
                  user.given_name = text(s, "forename", at, true);
                  user.email = text(s, "email", at, false);
                  auto role = text(s, "role", at, false);
                  if (role.empty() || role == "teacher")
                    user.role = model::RosterRole::teacher;
                  else if (role == "aide")
                    user.role = model::RosterRole::aide;
                  else if (role == "administrator")
                    user.role = model::RosterRole::administrator;
                  else
                    problem(dotted(at, "role"), role, "must be teacher, aide or administrator");
                  if (user.identifier.empty()) return;
                  if (!staff_.insert(user.identifier).second) {
                    problem(dotted(at, "id"), user.identifier, "this member of staff is in the batch twice");
                    return;
                  }
                  read_.roster.users.push_back(std::move(user));
                });
    read_.details["staff"] = staff_.size();
  }

  // Classes are always the whole list with every member: a class left out has ended, and a
  // pupil left out of a class is no longer in it (as Xporter's groups are read).
  void read_classes(const json::object& root) {
    const auto* classes = array(root, "classes", "", false);
    if (!classes) return;
    read_.roster.modes["classes"] = model::RosterFileMode::bulk;
    read_.roster.modes["enrollments"] = model::RosterFileMode::bulk;
    std::set<std::string> ids;
    std::size_t enrollments = 0;
    each_object(*classes, "classes", {"id", "title", "code", "subject", "teachers", "aides", "pupils"},
                [&](const json::object& c, const std::string& at) {
                  model::RosterClass klass;
                  auto id = text(c, "id", at, true);
                  klass.sourced_id = id;
                  klass.title = text(c, "title", at, true);
                  klass.class_code = text(c, "code", at, false);
                  if (klass.class_code.empty()) klass.class_code = id;  // the host's own name for it ("6B")
                  klass.subjects = text(c, "subject", at, false);
                  if (id.empty()) return;
                  if (!ids.insert(id).second) {
                    problem(dotted(at, "id"), id, "this class is in the batch twice");
                    return;
                  }
                  auto members = [&](std::string_view key, const char* prefix, model::RosterRole role) {
                    const auto* list = array(c, key, at, false);
                    if (!list) return;
                    std::set<std::string> seen;
                    for (std::size_t m = 0; m < list->size(); ++m) {
                      auto member_path = indexed(dotted(at, key), m);
                      if (!(*list)[m].is_string()) {
                        problem(member_path, "",
                                role == model::RosterRole::student ? "must be a pupil's UPN" : "must be a staff id");
                        continue;
                      }
                      std::string member((*list)[m].get_string());
                      if (role == model::RosterRole::student) {
                        if (auto broken = model::upn_rule_broken(member)) {
                          problem(member_path, member, *broken);
                          continue;
                        }
                        members_.insert(member);
                      }
                      if (!seen.insert(member).second) continue;  // listed twice: one membership
                      model::RosterEnrollment e;
                      e.user_sourced_id = prefix + member;
                      e.class_sourced_id = klass.sourced_id;
                      e.sourced_id = klass.sourced_id + "/" + e.user_sourced_id;
                      e.role = role;
                      e.primary = role == model::RosterRole::teacher && seen.size() == 1;  // the first teacher listed
                      read_.roster.enrollments.push_back(std::move(e));
                      ++enrollments;
                    }
                  };
                  members("teachers", "", model::RosterRole::teacher);
                  members("aides", "", model::RosterRole::aide);  // teaching assistants who support the class
                  members("pupils", "student:", model::RosterRole::student);
                  read_.roster.classes.push_back(std::move(klass));
                });
    read_.details["classes"] = ids.size();
    read_.details["enrollments"] = enrollments;
  }

  void read_left(const json::object& root) {
    const auto* left = array(root, "left", "", false);
    if (!left) return;
    each_object(*left, "left", {"upn", "mis_id", "on"}, [&](const json::object& l, const std::string& at) {
      auto mis_id = text(l, "mis_id", at, false);
      auto upn = text(l, "upn", at, mis_id.empty());
      auto on = date(l, "on", at, false, true);
      if (!upn.empty()) {
        if (auto broken = model::upn_rule_broken(upn)) {
          problem(dotted(at, "upn"), upn, *broken);
          return;
        }
        if (upns_.contains(upn)) {
          problem(dotted(at, "upn"), upn, "this pupil is listed on roll and as left in the same batch");
          return;
        }
        read_.left_upns.push_back({upn, on ? model::format_date(*on) : std::string()});
      } else if (!mis_id.empty()) {
        read_.left_mis_ids.push_back(mis_id);
      }
    });
    read_.details["left"] = read_.left_upns.size() + read_.left_mis_ids.size();
  }

  // Every pupil in the batch and every UPN a class lists is a student of the roster, matched
  // to the pupil by UPN (one in no batch yet waits for its pupil, as a OneRoster student does).
  void add_student_users() {
    if (read_.roster.classes.empty() && !read_.roster.modes.contains("users")) return;
    if (!read_.roster.modes.contains("users")) read_.roster.modes["users"] = model::RosterFileMode::delta;
    std::set<std::string> added;
    for (const auto& p : read_.pupils) {
      if (p.upn.empty()) continue;
      added.insert(p.upn);
      model::RosterUser user;
      user.sourced_id = "student:" + p.upn;
      user.role = model::RosterRole::student;
      user.upn = user.identifier = p.upn;
      user.given_name = p.forename;
      user.family_name = p.surname;
      user.birth_date = p.dob;
      user.sex = p.sex;
      read_.roster.users.push_back(std::move(user));
    }
    for (const auto& upn : members_) {
      if (added.contains(upn)) continue;
      model::RosterUser user;
      user.sourced_id = "student:" + upn;
      user.role = model::RosterRole::student;
      user.upn = user.identifier = upn;
      read_.roster.users.push_back(std::move(user));
    }
  }

  const std::string& origin_;
  const std::string& now_utc_;
  Batch& out_;
  live::LiveRead& read_;
  std::optional<Date> as_of_;
  std::vector<model::Problem> batch_problems_;
  bool in_pupil_ = false, pupil_broken_ = false;
  std::string upn_, record_;
  std::size_t rejected_ = 0;
  std::set<std::string> upns_, staff_, members_;
};

// Boost.JSON's message for a parse error, with the line and column it stopped at.
std::string where(std::string_view text, std::size_t offset) {
  auto before = text.substr(0, std::min(offset, text.size()));
  auto line = 1 + std::count(before.begin(), before.end(), '\n');
  auto column = before.size() - (before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Batch read_batch(std::string_view text, const std::string& origin, const std::string& now_utc) {
  Batch out;
  out.read.kind = "host";
  out.read.full = false;
  json::parse_options options;
  options.max_depth = 16;  // the schema nests 5 deep: deeper is not a batch
  json::stream_parser parser({}, options);
  boost::system::error_code ec;
  auto used = parser.write(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec) {
    std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + used, '\n'));
    out.read.problems.push_back(
        {origin, line, "", "", "", "not JSON (" + where(text, used) + "): " + ec.message(), ""});
    out.rejected = true;
    return out;
  }
  auto root = parser.release();
  if (!root.is_object()) {
    out.read.problems.push_back(
        {origin, 0, "", "", "", "a batch is a JSON object {\"schema\":\"senmap.ingest/1\",...}", ""});
    out.rejected = true;
    return out;
  }
  BatchReader reader(origin, now_utc, out);
  reader.read(root.get_object());
  out.rejected = reader.batch_refused();
  return out;
}

}  // namespace sm::host
