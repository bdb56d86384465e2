#include "http/access.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <optional>
#include <utility>

#include "http/request_fields.hpp"
#include "model/upn.hpp"
#include "ops/operation.hpp"

namespace sm::http {
namespace json = boost::json;
namespace {

// Every operation the registry holds, by what it touches. An operation missing here is refused
// over HTTP (a test checks the table covers the registry, so a new one is classified on purpose).
constexpr std::array<std::pair<std::string_view, Scope>, 111> kScopes{{
    {"ehcp.request", Scope::pupil_write},
    {"ehcp.decision", Scope::pupil_write},
    {"ehcp.issue", Scope::pupil_write},
    {"ehcp.record_existing", Scope::pupil_write},
    {"exclusion.record", Scope::pupil_write},
    {"exclusion.list", Scope::pupil_read},
    {"ehcp.review_meeting", Scope::pupil_write},
    {"ehcp.review_report", Scope::pupil_write},
    {"ehcp.review_invite", Scope::pupil_write},
    {"ehcp.review_advice", Scope::pupil_write},
    {"ehcp.review_advice_received", Scope::pupil_write},
    {"ehcp.review_decision", Scope::pupil_write},
    {"ehcp.outcome", Scope::pupil_write},
    {"ehcp.outcome_end", Scope::pupil_write},
    {"ehcp.review_views", Scope::pupil_write},
    {"ehcp.review_attendance", Scope::pupil_write},
    {"ehcp.review_outcomes", Scope::pupil_write},
    {"ehcp.amendment_notice", Scope::pupil_write},
    {"ehcp.amendment_response", Scope::pupil_write},
    {"ehcp.amended_plan", Scope::pupil_write},
    {"ehcp.cease", Scope::pupil_write},
    {"ehcp.transfer_la", Scope::pupil_write},
    {"transfer.record", Scope::pupil_write},
    {"transfer.list", Scope::school_named},
    {"access.approve", Scope::pupil_write},
    {"access.centre_list", Scope::school_named},
    {"ehcp.provision_line", Scope::pupil_write},
    {"ehcp.link_placement", Scope::pupil_write},
    {"ehcp.get", Scope::pupil_read},
    {"register.list", Scope::school_named},
    {"register.view", Scope::school_named},
    {"pupil.get", Scope::pupil_read},
    {"provision.create", Scope::catalogue_write},
    {"provision.get", Scope::catalogue_read},
    {"provision.list", Scope::catalogue_read},
    {"placement.start", Scope::pupil_write},
    {"placement.end", Scope::pupil_write},
    {"placement.measure", Scope::pupil_write},
    {"placement.get", Scope::pupil_read},
    {"session.record", Scope::session_write},
    {"passport.set", Scope::pupil_write},
    {"passport.get", Scope::pupil_read},
    {"access.add", Scope::pupil_write},
    {"access.list", Scope::pupil_read},
    {"cycle.assess", Scope::pupil_write},
    {"cycle.plan", Scope::pupil_write},
    {"cycle.review", Scope::pupil_write},
    {"cycle.get", Scope::pupil_read},
    {"cycle.list", Scope::pupil_read},
    {"parent.meeting", Scope::pupil_write},
    {"needs.set", Scope::pupil_write},
    {"report.class_map", Scope::class_read},
    {"report.teacher_maps", Scope::teacher_read},
    // Whoever may see the class's map; the operation takes only the signed-in member's own read.
    {"class_map.read", Scope::class_read},
    {"report.class_map_reads", Scope::school_named},
    {"report.impact", Scope::school_named},
    {"report.review_calendar", Scope::school_named},
    {"report.provision_map", Scope::school_named},
    {"report.costs", Scope::school_named},
    {"report.register_analytics", Scope::aggregate},
    {"report.exclusions", Scope::aggregate},
    {"report.attainment_gaps", Scope::aggregate},
    {"report.budget", Scope::aggregate},
    {"budget.set", Scope::school_write},
    {"budget.top_up", Scope::pupil_write},
    {"agency.save", Scope::school_write},
    {"agency.list", Scope::school_named},  // contacts and counts: the SENCO's directory
    {"agency.involve", Scope::pupil_write},
    {"agency.team", Scope::pupil_read},
    {"cycle.advice", Scope::pupil_write},
    {"staff.training", Scope::staff_own},
    {"staff.confidence", Scope::staff_own},
    {"staff.skills", Scope::staff_own},
    {"report.staff_skills", Scope::school_named},  // names staff: whole-school staff only
    {"report.governors", Scope::aggregate},
    {"report.handover", Scope::school_named},      // names pupils: the SENCO's
    {"report.sen_information", Scope::aggregate},  // published on the school's website: no pupil named
    {"sen_information.edit", Scope::school_write},
    {"report.ta_deployment", Scope::school_named},  // names TAs and pupils
    {"senco.set", Scope::school_write},
    {"report.senco_time", Scope::aggregate},
    {"report.evidence_pack", Scope::pupil_read},
    {"flags.list", Scope::pupil_read},  // without a UPN: every pupil's flags (school_named)
    {"flags.rules", Scope::catalogue_read},
    {"flags.run", Scope::system},
    {"flag.acknowledge", Scope::pupil_write},
    {"flag.snooze", Scope::pupil_write},
    {"flag.assign", Scope::pupil_write},
    {"flag.resolve", Scope::pupil_write},
    {"notes.add", Scope::pupil_note},
    // Class staff add their views and strategy feedback from the class map, as they add notes.
    {"cycle.contribute", Scope::pupil_note},
    {"notes.list", Scope::pupil_read},
    {"outbox.list", Scope::school_named},
    {"writeback.run", Scope::system},
    {"staff.list", Scope::local_only},
    {"staff.role", Scope::local_only},
    {"token.create", Scope::local_only},
    {"token.revoke", Scope::local_only},
    {"token.list", Scope::local_only},
    {"ta.assign", Scope::ta_assignment},
    {"ta.unassign", Scope::ta_assignment},
    {"ta.list", Scope::local_only},
    {"launch.secret", Scope::local_only},
    {"launch.link", Scope::local_only},
    // Makes a secret URL: on the command line; over HTTP each member of staff makes their own (/calendar).
    {"calendar.feed", Scope::local_only},
    {"backup.create", Scope::local_only},
    {"backup.restore", Scope::local_only},
    {"audit.archive", Scope::local_only},
    {"leavers.list", Scope::school_named},
    {"leavers.erase", Scope::local_only},
    {"pupil.export", Scope::local_only},
}};

bool whole_school(ops::Role r) {
  return r == ops::Role::senco || r == ops::Role::senior_leader || r == ops::Role::admin;
}

std::string text_of(const json::object& request, std::string_view field) {
  const auto* v = request.if_contains(field);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> integer_of(const json::object& request, std::string_view field) {
  const auto* v = request.if_contains(field);
  if (v && v->is_int64()) return v->as_int64();
  return std::nullopt;
}

// Resolves the ids in a request to what they reach and checks each against the actor.
class ObjectCheck {
 public:
  ObjectCheck(store::Database& db, const ops::Actor& actor, std::string_view today)
      : db_(db), actor_(actor), today_(today) {}

  bool pupil(std::int64_t id) {
    auto& s = db_.cached("SELECT school_id FROM pupil WHERE id = ?1");
    s.bind(1, id);
    bool in_school = s.step() && s.integer(0) == actor_.staff.school_id;
    s.reset();
    if (!in_school) return false;
    if (whole_school(actor_.role)) return true;
    if (actor_.role == ops::Role::teacher) {
      auto& t = db_.cached(
          "SELECT 1 FROM class_member t JOIN class_member s ON s.class_id = t.class_id JOIN school_class c ON c.id = "
          "t.class_id "
          "WHERE t.staff_id = ?1 AND t.role = 'teacher' AND s.pupil_id = ?2 AND c.ended_on IS NULL "
          "AND (t.end_date IS NULL OR t.end_date >= ?3) AND (s.end_date IS NULL OR s.end_date >= ?3) LIMIT 1");
      t.bind(1, actor_.staff.id).bind(2, id).bind(3, today_);
      bool teaches = t.step();
      t.reset();
      return teaches;
    }
    if (actor_.role == ops::Role::ta) {
      auto& a = db_.cached("SELECT 1 FROM ta_assignment WHERE staff_id = ?1 AND pupil_id = ?2");
      a.bind(1, actor_.staff.id).bind(2, id);
      bool assigned = a.step();
      a.reset();
      return assigned;
    }
    return false;  // governors and trust officers never see a named pupil
  }

  // The pupil a single-row query on an id reaches (a placement, a cycle, a Section F line).
  bool pupil_of(const char* sql, std::int64_t id) {
    auto s = db_.prepare(sql);
    s.bind(1, id);
    return s.step() && pupil(s.integer(0));
  }

  bool upn(const std::string& value, Decision& d) {
    if (d.upn.empty()) d.upn = value;
    auto s = db_.prepare("SELECT id FROM pupil WHERE upn = ?1");
    s.bind(1, value);
    return s.step() && pupil(s.integer(0));
  }

  // An agency of the actor's own school's directory (a directory holds contacts, not pupils).
  bool agency(std::int64_t id) {
    auto s = db_.prepare("SELECT school_id FROM agency WHERE id = ?1");
    s.bind(1, id);
    return s.step() && s.integer(0) == actor_.staff.school_id;
  }

  // A class as the operations find it (its MIS id among running classes). In a trust's database
  // the same id can name a class in several schools: every one must be the actor's to see.
  bool class_id(const std::string& value) {
    auto [school, sourced] = ops::split_school_qualified(value);
    auto s = db_.prepare(
        "SELECT c.id, c.school_id FROM school_class c JOIN school sc ON sc.id = c.school_id WHERE c.sourced_id = ?1 "
        "AND c.ended_on IS NULL AND (?2 = '' OR sc.la || '-' || sc.estab = ?2)");
    s.bind(1, sourced).bind(2, school);
    bool any = false;
    while (s.step()) {
      any = true;
      if (s.integer(1) != actor_.staff.school_id) return false;
      if (whole_school(actor_.role)) continue;
      if (actor_.role != ops::Role::teacher) return false;
      auto t = db_.prepare(
          "SELECT 1 FROM class_member WHERE class_id = ?1 AND staff_id = ?2 AND role = 'teacher' AND (end_date IS NULL "
          "OR end_date >= ?3)");
      t.bind(1, s.integer(0)).bind(2, actor_.staff.id).bind(3, today_);
      if (!t.step()) return false;
    }
    return any;
  }

  // A teacher as report.teacher_maps finds them: a teacher may ask only for themselves.
  bool teacher_id(const std::string& value) {
    auto [school, sourced] = ops::split_school_qualified(value);
    auto s = db_.prepare(
        "SELECT st.id, st.school_id FROM staff st JOIN school sc ON sc.id = st.school_id WHERE st.sourced_id = ?1 "
        "AND st.left_on IS NULL AND (?2 = '' OR sc.la || '-' || sc.estab = ?2)");
    s.bind(1, sourced).bind(2, school);
    bool any = false;
    while (s.step()) {
      any = true;
      bool ok = whole_school(actor_.role) ? s.integer(1) == actor_.staff.school_id
                                          : actor_.role == ops::Role::teacher && s.integer(0) == actor_.staff.id;
      if (!ok) return false;
    }
    return any;
  }

  bool staff_id(const std::string& value) {
    try {
      auto staff = ops::find_staff(db_, value);
      if (staff.id == actor_.staff.id) return true;  // anyone may name themselves (their own read of a map)
      return staff.school_id == actor_.staff.school_id && whole_school(actor_.role);
    } catch (const ops::NotFound&) {
      return false;
    } catch (const ops::InvalidRequest&) {
      return false;  // ambiguous between schools: at least one is not the actor's
    }
  }

  // Every pupil placed on the provision on the session's day: a session marks each one present or absent.
  bool placed_on(std::int64_t provision, const std::string& date) {
    auto s = db_.prepare(
        "SELECT DISTINCT pupil_id FROM placement WHERE provision_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR "
        "end_date >= ?2)");
    s.bind(1, provision).bind(2, date);
    while (s.step())
      if (!pupil(s.integer(0))) return false;
    return true;
  }

 private:
  store::Database& db_;
  const ops::Actor& actor_;
  std::string today_;
};

bool objects_visible(store::Database& db, const ops::Actor& actor, std::string_view operation, const json::object& r,
                     std::string_view today, Decision& d) {
  ObjectCheck check(db, actor, today);
  auto upn = text_of(r, "upn");
  if (!upn.empty() && model::upn_is_valid(upn) && !check.upn(upn, d)) return false;
  if (const auto* present = r.if_contains("present"); present && present->is_array())
    for (const auto& p : present->as_array())
      if (p.is_string() && model::upn_is_valid(p.as_string()) && !check.upn(std::string(p.as_string()), d))
        return false;
  auto placement_check = [&](std::int64_t id) {
    if (d.object.empty()) d.object = "placement " + std::to_string(id);
    return check.pupil_of("SELECT pupil_id FROM placement WHERE id = ?1", id);
  };
  if (auto id = integer_of(r, "placement_id"); id && !placement_check(*id)) return false;
  if (const auto* ids = r.if_contains("placement_ids"); ids && ids->is_array())
    for (const auto& id : ids->as_array())
      if (id.is_int64() && !placement_check(id.as_int64())) return false;
  if (auto id = integer_of(r, "cycle_id")) {
    d.object = "cycle " + std::to_string(*id);
    if (!check.pupil_of("SELECT pupil_id FROM sen_cycle WHERE id = ?1", *id)) return false;
  }
  if (auto id = integer_of(r, "flag_id")) {
    d.object = "flag " + std::to_string(*id);
    if (!check.pupil_of("SELECT pupil_id FROM flag WHERE id = ?1", *id)) return false;
  }
  if (auto id = integer_of(r, "line_id")) {
    d.object = "section F line " + std::to_string(*id);
    if (!check.pupil_of(
            "SELECT e.pupil_id FROM ehc_provision_line l JOIN ehc_plan e ON e.id = l.plan_id WHERE l.id = ?1", *id))
      return false;
  }
  if (auto id = integer_of(r, "agency_id")) {
    d.object = "agency " + std::to_string(*id);
    if (!check.agency(*id)) return false;
  }
  if (auto id = integer_of(r, "involvement_id")) {
    d.object = "involvement " + std::to_string(*id);
    if (!check.pupil_of("SELECT pupil_id FROM agency_involvement WHERE id = ?1", *id)) return false;
  }
  if (auto id = text_of(r, "class_id"); !id.empty()) {
    d.object = "class " + id;
    if (!check.class_id(id)) return false;
  }
  if (auto id = text_of(r, "teacher_id"); !id.empty()) {
    d.object = "teacher " + id;
    if (!check.teacher_id(id)) return false;
  }
  if (auto id = text_of(r, "staff_id"); !id.empty()) {
    d.object = "staff " + id;
    if (!check.staff_id(id)) return false;
  }
  if (operation == "session.record") {
    auto provision = integer_of(r, "provision_id");
    auto date = text_of(r, "date");
    if (provision && !date.empty()) {
      d.object = "provision " + std::to_string(*provision);
      if (!check.placed_on(*provision, date)) return false;
    }
  }
  return true;
}

std::int64_t schools_in_store(store::Database& db) {
  auto s = db.prepare("SELECT COUNT(*) FROM school");
  return s.step() ? s.integer(0) : 0;
}

Decision forbid(Decision d, std::string why) {
  d.verdict = Verdict::forbidden;
  d.why = std::move(why);
  return d;
}

// The school a whole-school report is limited to, when the operation takes a "school" (and so
// reads only that school's pupils) and the request names one: 0 for none, -1 for one not held.
std::int64_t limited_to_school(store::Database& db, std::string_view operation, const json::object& request) {
  const auto* op = operation_named(operation);
  if (!op || std::none_of(op->fields.begin(), op->fields.end(), [](const ops::Field& f) { return f.name == "school"; }))
    return 0;
  try {
    auto id = ops::school_of_request(db, request);
    return id ? *id : 0;
  } catch (const ops::InvalidRequest&) {
    return -1;
  }
}

bool covers(const ops::Actor& actor, std::int64_t school) {
  return std::find(actor.schools.begin(), actor.schools.end(), school) != actor.schools.end();
}

// Something of the actor's own school only, for its whole-school staff: a report naming pupils
// (`what` "read whole-school reports that name pupils"), a change to its figures. Limited to a
// school (its "school" field), it is theirs when the school is; not limited, it is refused in a
// trust's database, where it would reach other schools.
Decision own_school(store::Database& db, const ops::Actor& actor, Decision d, std::string_view operation,
                    const json::object& request, const char* what) {
  if (!whole_school(actor.role)) return forbid(std::move(d), role_may_not(actor.role, what));
  auto school = limited_to_school(db, operation, request);
  if (school > 0)
    return school == actor.staff.school_id ? d : forbid(std::move(d), "you may do this for your own school only");
  if (school < 0) return d;  // the operation refuses the unknown school itself, reading nothing
  if (schools_in_store(db) > 1)
    return forbid(std::move(d),
                  "this covers every school in the database, and this database holds several: "
                  "name your school (school=LA-Estab)");
  return d;
}

}  // namespace

std::optional<Scope> scope_of(std::string_view operation) {
  for (const auto& [name, scope] : kScopes)
    if (name == operation) return scope;
  return std::nullopt;
}

bool exposed_over_http(std::string_view operation) {
  auto scope = scope_of(operation);
  return scope && *scope != Scope::local_only;
}

bool sees_whole_school(ops::Role role) {
  return whole_school(role);
}

Decision decide_aggregate(store::Database& db, const ops::Actor& actor) {
  Decision d;
  bool role_ok =
      whole_school(actor.role) || actor.role == ops::Role::governor || actor.role == ops::Role::trust_officer;
  if (!role_ok) return forbid(std::move(d), role_may_not(actor.role, "read whole-school reports"));
  auto s = db.prepare("SELECT id FROM school");
  while (s.step()) {
    bool covered = false;
    for (auto id : actor.schools) covered = covered || id == s.integer(0);
    if (!covered)
      return forbid(std::move(d),
                    "this report covers every school in the database, including schools you do not cover");
  }
  return d;
}

Decision decide_pupil(store::Database& db, const ops::Actor& actor, std::string_view upn, std::string_view today) {
  Decision d;
  d.upn = std::string(upn);
  ObjectCheck check(db, actor, today);
  if (!model::upn_is_valid(upn) || !check.upn(std::string(upn), d)) d.verdict = Verdict::hidden;
  return d;
}

Decision decide(store::Database& db, const ops::Actor& actor, std::string_view operation, const json::object& request,
                std::string_view today) {
  Decision d;
  auto scope = scope_of(operation);
  if (!scope) return forbid(std::move(d), "this operation is not available over the API");
  if (*scope == Scope::local_only)
    return forbid(std::move(d),
                  "staff roles, API tokens and launch links are managed on the server's command line (senmap staff, "
                  "token, launch)");
  // Objects first: an id the actor may not see is answered as missing, whatever their role.
  if (!objects_visible(db, actor, operation, request, today, d)) {
    d.verdict = Verdict::hidden;
    return d;
  }
  const auto role = actor.role;
  const bool class_staff = role == ops::Role::teacher || role == ops::Role::ta;
  auto needs = [&](bool allowed, const char* what) { return allowed ? d : forbid(d, role_may_not(role, what)); };
  switch (*scope) {
    case Scope::pupil_read:
      if (operation == "flags.list" && text_of(request, "upn").empty())
        return own_school(db, actor, d, operation, request, "read whole-school reports that name pupils");
      return needs(whole_school(role) || class_staff, "read pupils' SEN records");
    case Scope::pupil_write:
      return needs(whole_school(role), "change pupils' SEN records");
    case Scope::pupil_note:
      return needs(whole_school(role) || class_staff, "write notes");
    case Scope::class_read:
      return needs(whole_school(role) || role == ops::Role::teacher, "read class provision maps");
    case Scope::teacher_read:
      if (text_of(request, "teacher_id").empty())
        return own_school(db, actor, d, operation, request, "read whole-school reports that name pupils");
      return needs(whole_school(role) || role == ops::Role::teacher, "read class provision maps");
    case Scope::school_named:
      return own_school(db, actor, d, operation, request, "read whole-school reports that name pupils");
    case Scope::school_write:
      return own_school(
          db, actor, d, operation, request,
          "change the school's own figures (its SEND budget, its SENCO's time, its agency directory, its SEN "
          "Information Report)");
    case Scope::staff_own:
      // The staff_id itself was checked with the objects: the member of staff, or their school's
      // whole-school staff. Without one, nobody's record is reached.
      return text_of(request, "staff_id").empty() ? forbid(std::move(d), "name the member of staff (staff_id)") : d;
    case Scope::aggregate: {
      // Limited to one school the actor covers: only that school's figures are read.
      auto school = limited_to_school(db, operation, request);
      if (school < 0) return d;  // the operation refuses the unknown school itself
      if (school == 0) return decide_aggregate(db, actor);
      bool role_ok = whole_school(role) || role == ops::Role::governor || role == ops::Role::trust_officer;
      if (!role_ok) return forbid(std::move(d), role_may_not(role, "read whole-school reports"));
      return covers(actor, school) ? d : forbid(std::move(d), "this report is of a school you do not cover");
    }
    case Scope::catalogue_read:
      return d;
    case Scope::catalogue_write:
      return needs(whole_school(role), "change the provision catalogue");
    case Scope::session_write:
      return needs(whole_school(role) || class_staff, "record sessions");
    case Scope::system:
      return needs(role == ops::Role::senco || role == ops::Role::admin, "run the rules or the writeback");
    case Scope::ta_assignment:
      return needs(role == ops::Role::senco || role == ops::Role::admin, "assign TAs");
    case Scope::local_only:
      break;
  }
  return forbid(std::move(d), "this operation is not available over the API");
}

std::string role_may_not(ops::Role role, std::string_view what) {
  return std::string("a ") + ops::role_name(role) + " may not " + std::string(what);
}

void filter_response(std::string_view operation, const ops::Actor& actor, json::value& response) {
  if (operation != "notes.list" || whole_school(actor.role) || !response.is_object()) return;
  auto* notes = response.as_object().if_contains("notes");
  if (!notes || !notes->is_array()) return;
  json::array kept;
  for (auto& n : notes->as_array()) {
    auto visibility = n.is_object() ? text_of(n.as_object(), "visibility") : std::string();
    // senco: the SENCO (and senior leaders) only; teaching_staff: teachers too; all_staff: TAs too.
    bool may = visibility == "all_staff" || (visibility == "teaching_staff" && actor.role == ops::Role::teacher);
    if (may) kept.push_back(std::move(n));
  }
  *notes = std::move(kept);
}

}  // namespace sm::http
