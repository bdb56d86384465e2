#include "arbor/arbor_roster.hpp"

#include <boost/json.hpp>
#include <set>

#include "arbor/arbor_json.hpp"
#include "arbor/arbor_pupil.hpp"

namespace sm::arbor {
namespace json = boost::json;
namespace {

using model::RosterStatus;

std::string first_text(const json::object& o, std::initializer_list<std::string_view> keys) {
  for (auto k : keys)
    if (auto t = text_of(o, k); !t.empty()) return t;
  return {};
}

std::string staff_id(std::string_view href) {
  return "staff-" + id_of_href(href);
}

}  // namespace

void add_student_users(live::LiveRead& out) {
  for (const auto& p : out.pupils) {
    model::RosterUser u;
    u.sourced_id = p.mis_id;
    u.role = model::RosterRole::student;
    u.given_name = p.forename;
    u.family_name = p.surname;
    u.preferred_given_name = p.preferred_forename;
    u.identifier = p.upn;
    u.upn = p.upn;
    if (p.dob != model::Date{}) u.birth_date = p.dob;
    u.sex = p.sex;
    out.roster.users.push_back(std::move(u));
  }
  for (const auto& id : out.left_mis_ids) {
    model::RosterUser u;
    u.sourced_id = id;
    u.role = model::RosterRole::student;
    u.status = RosterStatus::to_be_deleted;
    out.roster.users.push_back(std::move(u));
  }
}

void read_roster(ArborApi& api, bool delta, const std::map<std::string, std::string>& held, live::LiveRead& out) {
  auto cursor_of = [&](std::string_view res) {
    auto it = held.find(std::string(res));
    return it == held.end() ? std::string() : it->second;
  };
  auto read = [&](std::string_view res) {
    auto r = read_resource(api, res, delta, cursor_of(res));
    if (r.capped)
      out.problems.push_back(arbor_problem(api.settings().url, "/rest-v2/" + std::string(res),
                                           "the list did not end within " + std::to_string(api.settings().max_pages) +
                                               " pages: refusing a read that may be incomplete"));
    out.cursors[std::string(res)] = r.cursor;
    return r;
  };
  auto staff = read(resource::staff);
  auto units = read(resource::academic_units);
  auto enrolments = read(resource::academic_unit_enrolments);
  auto leads = read(resource::academic_unit_leads);
  auto mode = delta ? model::RosterFileMode::delta : model::RosterFileMode::bulk;
  for (auto file : {"users", "classes", "enrollments"}) out.roster.modes[file] = mode;
  out.roster.system_name = "Arbor";

  std::set<std::string> teachers;  // staff who lead a class
  for (const auto& l : leads.records) teachers.insert(staff_id(href_of(l.if_contains("staff"))));

  auto persons = persons_of(api, staff.records);
  for (const auto& s : staff.records) {
    auto href = text_of(s, "href");
    model::RosterUser u;
    u.sourced_id = staff_id(href);
    u.identifier = id_of_href(href);
    u.role = teachers.contains(u.sourced_id) ? model::RosterRole::teacher : model::RosterRole::other;
    const auto& p = persons[href];
    u.given_name = p.first;
    u.family_name = p.last;
    u.preferred_given_name = p.preferred_first;
    u.email = first_text(s, {"workEmailAddress", "email"});
    out.roster.users.push_back(std::move(u));
  }
  for (const auto& c : staff.deleted) {
    model::RosterUser u;
    u.sourced_id = staff_id(c.href);
    u.status = RosterStatus::to_be_deleted;
    out.roster.users.push_back(std::move(u));
  }

  for (const auto& a : units.records) {
    model::RosterClass c;
    c.sourced_id = id_of_href(text_of(a, "href"));
    c.title = first_text(a, {"name", "academicUnitName", "displayName", "shortName"});
    c.class_code = first_text(a, {"code", "shortName", "academicUnitCode"});
    out.roster.classes.push_back(std::move(c));
  }
  for (const auto& d : units.deleted) {
    model::RosterClass c;
    c.sourced_id = id_of_href(d.href);
    c.status = RosterStatus::to_be_deleted;
    out.roster.classes.push_back(std::move(c));
  }

  auto membership = [&](const json::object& m, const std::string& prefix, const char* who, model::RosterRole role) {
    model::RosterEnrollment e;
    e.sourced_id = prefix + id_of_href(text_of(m, "href"));
    e.class_sourced_id = id_of_href(href_of(m.if_contains("academicUnit")));
    auto user = href_of(m.if_contains(who));
    e.user_sourced_id = role == model::RosterRole::student ? id_of_href(user) : staff_id(user);
    e.role = role;
    e.begin = date_of(m.if_contains("startDate"));
    e.end = date_of(m.if_contains("endDate"));
    out.roster.enrollments.push_back(std::move(e));
  };
  for (const auto& m : enrolments.records) membership(m, "enrolment-", "student", model::RosterRole::student);
  for (const auto& m : leads.records) membership(m, "lead-", "staff", model::RosterRole::teacher);
  auto gone = [&](const std::vector<Change>& changes, const std::string& prefix) {
    for (const auto& c : changes) {
      model::RosterEnrollment e;
      e.sourced_id = prefix + id_of_href(c.href);
      e.status = RosterStatus::to_be_deleted;
      out.roster.enrollments.push_back(std::move(e));
    }
  };
  gone(enrolments.deleted, "enrolment-");
  gone(leads.deleted, "lead-");
  out.details["staff"] = staff.records.size();
  out.details["classes"] = units.records.size();
  out.details["enrolments"] = enrolments.records.size() + leads.records.size();
}

}  // namespace sm::arbor
