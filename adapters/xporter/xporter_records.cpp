#include "xporter/xporter_records.hpp"

#include <openssl/evp.h>

#include <boost/json.hpp>
#include <initializer_list>
#include <set>
#include <string_view>

#include "live/session_marks.hpp"
#include "model/upn.hpp"

namespace sm::xporter {
namespace json = boost::json;

std::string text_of(const json::object& row, std::string_view key) {
  const auto* v = row.if_contains(key);
  if (!v || v->is_null()) return {};
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_int64()) return std::to_string(v->as_int64());
  if (v->is_uint64()) return std::to_string(v->as_uint64());
  if (v->is_bool()) return v->as_bool() ? "true" : "false";
  return {};
}

std::optional<model::Date> xporter_date(const json::value* value) {
  if (!value || !value->is_string() || value->as_string().size() < 10) return std::nullopt;
  return model::parse_date(std::string_view(value->as_string()).substr(0, 10));
}

namespace {

bool truthy(const json::object& row, std::string_view key) {
  const auto* v = row.if_contains(key);
  if (!v) return false;
  if (v->is_bool()) return v->as_bool();
  auto text = text_of(row, key);
  return text == "true" || text == "True" || text == "Y" || text == "1";
}

// "Year  4" (two spaces), "Year  N2", "Reception": the census year ("4", "N2", "R").
std::string nc_year(std::string text) {
  if (text.rfind("Year", 0) == 0) text.erase(0, 4);
  text.erase(0, text.find_first_not_of(' '));
  if (text == "Reception") return "R";
  return text;
}

std::string sex(const std::string& gender) {
  if (gender == "M" || gender == "Male" || gender == "MALE") return "M";
  if (gender == "F" || gender == "Female" || gender == "FEMALE") return "F";
  return {};
}

model::Problem problem(const std::string& id, const std::string& field, std::string value, std::string rule) {
  return {"Xporter Students", 0, "Students[Id=" + id + "]/" + field, "", std::move(value), std::move(rule), id};
}

// A member of a group may be an id or an object holding one: the documented examples differ.
std::string member_id(const json::value& member) {
  if (member.is_string()) return std::string(member.as_string());
  if (member.is_int64()) return std::to_string(member.as_int64());
  if (!member.is_object()) return {};
  for (auto key : {"StudentMis_Id", "StaffMis_Id", "StudentId", "StaffId", "Student_Id", "Staff_Id", "Id", "MisId"})
    if (auto id = text_of(member.as_object(), key); !id.empty()) return id;
  return {};
}

}  // namespace

void add_pupils(const Rows& students, const Rows& need_history, const Rows& provision_history, live::LiveRead& out) {
  std::map<std::string, std::vector<model::SenNeed>> needs;
  for (const auto& row : need_history) {
    // Current needs only, as a CTF lists them: an ended need is history the MIS keeps.
    if (row.contains("Active") && !truthy(row, "Active")) continue;
    model::SenNeed need;
    need.type = text_of(row, "NeedTypeCode");
    auto rank = text_of(row, "Rank");
    need.rank = rank.empty() ? 0 : std::atoi(rank.c_str());
    need.start = xporter_date(row.if_contains("NeedStartDate"));
    need.end = xporter_date(row.if_contains("NeedEndDate"));
    if (!need.type.empty()) needs[text_of(row, "StudentMis_Id")].push_back(need);
  }
  std::map<std::string, std::vector<model::SenStatusPeriod>> statuses;
  for (const auto& row : provision_history) {
    auto start = xporter_date(row.if_contains("StartDate"));
    if (!start) start = xporter_date(row.if_contains("SENProvisionStartDate"));
    auto code = text_of(row, "SENProvisionCode");
    if (start && !code.empty()) statuses[text_of(row, "StudentMis_Id")].push_back({*start, code});
  }
  for (auto& [id, list] : statuses)
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.start < b.start; });

  for (const auto& row : students) {
    model::PupilRecord pupil;
    pupil.mis_id = text_of(row, "Id");
    auto upn = text_of(row, "UPN");
    if (upn.empty()) {
      // Without the UPN scope Xporter sends null: senmap never keys a pupil by nothing.
      out.problems.push_back(
          problem(pupil.mis_id, "UPN", "", "no UPN: ask Groupcall to add the UPN scope to senmap's access"));
      continue;
    }
    if (!model::upn_is_valid(upn)) {
      out.problems.push_back(problem(pupil.mis_id, "UPN", upn, "not a valid UPN (check letter or format)"));
      continue;
    }
    pupil.upn = upn;
    pupil.forename = text_of(row, "LegalForename");
    pupil.surname = text_of(row, "LegalSurname");
    if (pupil.forename.empty()) pupil.forename = text_of(row, "Forename");
    if (pupil.surname.empty()) pupil.surname = text_of(row, "Surname");
    pupil.preferred_forename = text_of(row, "Forename");
    pupil.preferred_surname = text_of(row, "Surname");
    if (pupil.surname.empty() || pupil.forename.empty()) {
      out.problems.push_back(problem(pupil.mis_id, "Surname", "", "a pupil needs a surname and a forename"));
      continue;
    }
    auto dob = xporter_date(row.if_contains("DateofBirth"));
    if (!dob) {
      out.problems.push_back(
          problem(pupil.mis_id, "DateofBirth", text_of(row, "DateofBirth"), "missing or not a date"));
      continue;
    }
    pupil.dob = *dob;
    pupil.sex = sex(text_of(row, "Gender"));
    if (pupil.sex.empty()) {
      out.problems.push_back(
          problem(pupil.mis_id, "Gender", text_of(row, "Gender"), "must be M or F (Male or Female)"));
      continue;
    }
    pupil.nc_year = nc_year(text_of(row, "YearGroup"));
    pupil.enrol_status = text_of(row, "EnrolmentStatus");
    pupil.looked_after = truthy(row, "InLeaCare");
    // FSMEligible is a yes/no today, not the dated periods a CTF carries: leave FSM alone.
    pupil.carries.fsm = false;
    pupil.carries.attendance = false;
    pupil.carries.assessments = false;
    if (auto it = statuses.find(pupil.mis_id); it != statuses.end()) pupil.sen_status = it->second;
    if (auto it = needs.find(pupil.mis_id); it != needs.end()) pupil.needs = it->second;
    auto current = text_of(row, "SENProvision");
    pupil.has_sen_history = !pupil.sen_status.empty() || !pupil.needs.empty() || (!current.empty() && current != "N");
    if (pupil.sen_status.empty() && !current.empty() && current != "N") {
      // The provision history (SEN scope) is missing: the current code alone, from entry.
      auto since = xporter_date(row.if_contains("EntryDate"));
      if (since) pupil.sen_status.push_back({*since, current});
      pupil.carries.sen_status_history = false;  // the store dates a change itself
    }
    if (auto leaving = xporter_date(row.if_contains("LeavingDate"))) {
      auto today = model::parse_date(out.read_at.substr(0, 10));
      if (today && !(*today < *leaving)) out.left_mis_ids.push_back(pupil.mis_id);
    }
    out.pupils.push_back(std::move(pupil));
  }
}

namespace {
model::PupilRecord* pupil_of(live::LiveRead& out, std::map<std::string, model::PupilRecord*>& index,
                             const std::string& mis_id) {
  if (index.empty())
    for (auto& p : out.pupils) index[p.mis_id] = &p;
  auto it = index.find(mis_id);
  return it == index.end() ? nullptr : it->second;
}
}  // namespace

std::optional<live::SessionMark> session_mark(const json::object& row) {
  auto day = xporter_date(row.if_contains("Date"));
  auto mark = text_of(row, "Mark");
  if (!day || mark.size() != 1) return std::nullopt;
  return live::SessionMark{text_of(row, "StudentMis_Id"), *day, text_of(row, "Session") == "PM", mark[0]};
}

void add_assessments(const Rows& results, live::LiveRead& out) {
  std::map<std::string, model::PupilRecord*> index;
  for (auto& pupil : out.pupils) pupil.carries.assessments = true;
  for (const auto& row : results) {
    auto* pupil = pupil_of(out, index, text_of(row, "StudentMis_Id"));
    if (!pupil) continue;
    model::AssessmentResult result;
    result.stage = text_of(row, "KeyStage");
    result.subject = text_of(row, "Subject");
    result.method = text_of(row, "Method");
    result.component = text_of(row, "Component");
    result.result_status = text_of(row, "ResultStatus");
    result.result_qualifier = text_of(row, "ResultQualifier");
    result.result = text_of(row, "Result");
    result.result_date = xporter_date(row.if_contains("ResultDate"));
    auto set = text_of(row, "ResultSetName");
    if (set.size() >= 4 && set.find_first_not_of("0123456789", set.size() - 4) == std::string::npos)
      result.year = std::atoi(set.c_str() + set.size() - 4);
    else if (result.result_date)
      result.year = static_cast<int>(result.result_date->year());
    if (!result.subject.empty() && !result.result.empty()) pupil->assessments.push_back(std::move(result));
  }
}

void add_roster(const Rows& students, const Rows& staff, const Rows& groups, live::LiveRead& out) {
  auto& roster = out.roster;
  auto mode = out.full ? model::RosterFileMode::bulk : model::RosterFileMode::delta;
  roster.modes["users"] = mode;
  // Groups and their members are read whole every time: classes are always a bulk file.
  roster.modes["classes"] = model::RosterFileMode::bulk;
  roster.modes["enrollments"] = model::RosterFileMode::bulk;
  std::set<std::string> known_staff;
  for (const auto& row : students) {
    model::RosterUser user;
    user.sourced_id = "student:" + text_of(row, "Id");
    user.role = model::RosterRole::student;
    user.upn = text_of(row, "UPN");
    user.identifier = text_of(row, "Id");
    user.given_name = text_of(row, "Forename");
    user.family_name = text_of(row, "Surname");
    if (!user.upn.empty()) roster.users.push_back(std::move(user));
  }
  for (const auto& row : staff) {
    model::RosterUser user;
    user.sourced_id = "staff:" + text_of(row, "Id");
    user.role = truthy(row, "IsTeacher")   ? model::RosterRole::teacher
                : truthy(row, "IsSupport") ? model::RosterRole::aide
                                           : model::RosterRole::administrator;
    user.given_name = text_of(row, "Forename");
    user.family_name = text_of(row, "Surname");
    user.email = text_of(row, "Email");
    user.identifier = text_of(row, "Id");
    known_staff.insert(user.sourced_id);
    roster.users.push_back(std::move(user));
  }
  // A delta lists only changed students: members are checked against who has gone instead.
  std::set<std::string> gone;
  for (const auto& id : out.left_mis_ids) gone.insert("student:" + id);
  for (const auto& row : groups) {
    model::RosterClass group;
    group.sourced_id = "group:" + text_of(row, "Id");
    group.title = text_of(row, "Name");
    group.class_code = text_of(row, "Code");
    if (group.class_code.empty()) group.class_code = group.title;
    group.subjects = text_of(row, "Subject");
    roster.classes.push_back(group);
    auto add_members = [&](std::string_view key, const char* prefix, model::RosterRole role) {
      const auto* members = row.if_contains(key);
      if (!members || !members->is_array()) return;
      for (const auto& member : members->as_array()) {
        auto id = member_id(member);
        if (id.empty()) continue;
        model::RosterEnrollment e;
        e.user_sourced_id = prefix + id;
        // A member who has left is not enrolled again by a group the MIS has not tidied yet.
        if (role == model::RosterRole::student ? gone.count(e.user_sourced_id) > 0
                                               : !known_staff.count(e.user_sourced_id))
          continue;
        e.class_sourced_id = group.sourced_id;
        e.sourced_id = group.sourced_id + "/" + e.user_sourced_id;
        e.role = role;
        roster.enrollments.push_back(std::move(e));
      }
    };
    add_members("StudentMembers", "student:", model::RosterRole::student);
    add_members("StaffMembers", "staff:", model::RosterRole::teacher);
  }
  out.details["staff"] = staff.size();
  out.details["groups"] = groups.size();
}

void keep_roster_only_if_changed(live::LiveRead& out, const std::string& held) {
  auto& roster = out.roster;
  // Every field add_roster sets, each ended by a separator that cannot occur in JSON text.
  std::string canon;
  auto fields = [&canon](std::initializer_list<std::string_view> texts) {
    for (auto text : texts) canon.append(text).push_back('\x1f');
    canon.push_back('\x1e');
  };
  for (const auto& u : roster.users)
    if (u.role != model::RosterRole::student)
      fields(
          {u.sourced_id, std::to_string(static_cast<int>(u.role)), u.given_name, u.family_name, u.email, u.identifier});
  canon.push_back('\x1d');
  for (const auto& c : roster.classes) fields({c.sourced_id, c.title, c.class_code, c.subjects});
  canon.push_back('\x1d');
  for (const auto& e : roster.enrollments)
    fields({e.sourced_id, e.class_sourced_id, e.user_sourced_id, std::to_string(static_cast<int>(e.role))});
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(canon.data(), canon.size(), digest, &size, EVP_sha256(), nullptr) != 1) return;  // applied as before
  static const char* hex = "0123456789abcdef";
  std::string fingerprint = "sha256:";
  for (unsigned int i = 0; i < size; ++i) fingerprint += {hex[digest[i] >> 4], hex[digest[i] & 15]};
  out.cursors["roster"] = fingerprint;
  if (out.full || fingerprint != held) return;
  std::erase_if(roster.users, [](const auto& u) { return u.role != model::RosterRole::student; });
  roster.classes.clear();
  roster.enrollments.clear();
  roster.modes["classes"] = model::RosterFileMode::delta;
  roster.modes["enrollments"] = model::RosterFileMode::delta;
  out.details["roster_unchanged"] = 1;
}

}  // namespace sm::xporter
