// Staff roles, API tokens and TA assignments as operations (JSON in, JSON out), so the CLI and an
// embedding MIS manage them the same way. Tokens and roles are refused over HTTP (http/access.cpp):
// minting them is for whoever runs the server.
#include <boost/json.hpp>

#include "ops/launch_links.hpp"
#include "ops/operation.hpp"
#include "ops/staff_identity.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

json::value staff_json(const StaffMember& m) {
  return {{"staff_id", m.reference()},
          {"name", m.name},
          {"school", m.school},
          {"role", m.role ? json::value(role_name(*m.role)) : json::value(nullptr)},
          {"left", m.left}};
}

json::value list_staff(Context& context, const json::object& r) {
  auto school = text_field(r, "school");
  auto s = context.db.prepare(
      "SELECT st.id FROM staff st JOIN school sc ON sc.id = st.school_id WHERE (?1 = '' OR sc.la || '-' || sc.estab = "
      "?1) "
      "ORDER BY sc.la, sc.estab, st.family_name, st.given_name, st.id");
  s.bind(1, school);
  json::array out;
  while (s.step())
    if (auto m = staff_by_id(context.db, s.integer(0))) out.push_back(staff_json(*m));
  return json::object{{"staff", std::move(out)}};
}

json::value set_role(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  auto name = text_field(r, "role");
  std::vector<std::int64_t> grants;
  if (const auto* schools = r.if_contains("schools"); schools && schools->is_array()) {
    if (name != "trust_officer") throw InvalidRequest("schools", "only a trust officer covers other schools");
    for (const auto& school : schools->as_array()) {
      auto s = context.db.prepare("SELECT id FROM school WHERE la || '-' || estab = ?1");
      s.bind(1, std::string_view(school.as_string()));
      if (!s.step())
        throw InvalidRequest("schools", "no school " + std::string(school.as_string()) + " (write LA-ESTAB)");
      grants.push_back(s.integer(0));
    }
  }
  auto clear = context.db.prepare("DELETE FROM trust_officer_school WHERE staff_id = ?1");
  clear.bind(1, staff.id).run();
  if (name == "none") {
    // Without a role, every token of theirs stops working at once (actor_for_token needs one).
    auto s = context.db.prepare("DELETE FROM staff_role WHERE staff_id = ?1");
    s.bind(1, staff.id).run();
  } else {
    if (!role_from(name)) throw InvalidRequest("role", std::string("must be ") + role_names() + ", or none");
    auto s = context.db.prepare(
        "INSERT INTO staff_role (staff_id, role, set_at, set_by) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (staff_id) DO UPDATE SET role = excluded.role, set_at = excluded.set_at, set_by = "
        "excluded.set_by");
    s.bind(1, staff.id).bind(2, name).bind(3, store::utc_timestamp()).bind(4, context.actor).run();
    for (auto school : grants) {
      auto g = context.db.prepare("INSERT OR IGNORE INTO trust_officer_school (staff_id, school_id) VALUES (?1, ?2)");
      g.bind(1, staff.id).bind(2, school).run();
    }
  }
  return staff_json(*staff_by_id(context.db, staff.id));
}

json::value new_token(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  std::int64_t days = 90;
  if (const auto* d = r.if_contains("days"); d && d->is_int64()) days = d->as_int64();
  if (days < 1 || days > 366) throw InvalidRequest("days", "must be from 1 to 366");
  auto made = create_token(context.db, staff, static_cast<int>(days), text_field(r, "label"), context.actor);
  return json::object{{"id", made.id},
                      {"staff_id", staff.reference()},
                      {"expires_at", made.expires_at},
                      {"token", made.token},
                      {"note", "shown once: senmap keeps only its hash"}};
}

json::value revoke_token(Context& context, const json::object& r) {
  auto id = r.at("id").to_number<std::int64_t>();
  auto s = context.db.prepare("UPDATE api_token SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1");
  s.bind(1, id).bind(2, store::utc_timestamp()).run();
  if (context.db.changes() == 0) throw NotFound("no token " + std::to_string(id));
  auto t = context.db.prepare("SELECT revoked_at FROM api_token WHERE id = ?1");
  t.bind(1, id);
  t.step();
  return json::object{{"id", id}, {"revoked_at", t.text(0)}};
}

json::value list_tokens(Context& context, const json::object& r) {
  std::int64_t staff_id = 0;
  if (auto ref = text_field(r, "staff_id"); !ref.empty()) staff_id = find_staff(context.db, ref).id;
  auto s = context.db.prepare(
      "SELECT id, staff_id, label, created_at, created_by, expires_at, revoked_at FROM api_token "
      "WHERE (?1 = 0 OR staff_id = ?1) ORDER BY id");
  s.bind(1, staff_id);
  auto now = store::utc_timestamp();
  json::array out;
  while (s.step()) {
    auto holder = staff_by_id(context.db, s.integer(1));
    auto state = !s.is_null(6) ? "revoked" : s.text(5) <= now ? "expired" : "active";
    out.push_back({{"id", s.integer(0)},
                   {"staff_id", holder ? holder->reference() : std::string()},
                   {"label", s.is_null(2) ? json::value(nullptr) : json::value(s.text(2))},
                   {"created_at", s.text(3)},
                   {"created_by", s.text(4)},
                   {"expires_at", s.text(5)},
                   {"revoked_at", s.is_null(6) ? json::value(nullptr) : json::value(s.text(6))},
                   {"state", state}});
  }
  return json::object{{"tokens", std::move(out)}};
}

// A TA and a pupil of the same school: a TA sees only the pupils assigned to them.
std::pair<StaffMember, std::int64_t> ta_and_pupil(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  auto upn = text_field(r, "upn");
  auto s = context.db.prepare("SELECT id, school_id FROM pupil WHERE upn = ?1");
  s.bind(1, upn);
  if (!s.step()) throw NotFound("no pupil with UPN " + upn);
  if (s.integer(1) != staff.school_id)
    throw InvalidRequest("upn", "the pupil is not at " + staff.reference() + "'s school");
  return {staff, s.integer(0)};
}

json::value assign(Context& context, const json::object& r) {
  auto [staff, pupil] = ta_and_pupil(context, r);
  if (staff.role != Role::ta)
    throw InvalidRequest(
        "staff_id", staff.reference() + " does not have the ta role (senmap staff role " + staff.reference() + " ta)");
  auto s = context.db.prepare(
      "INSERT OR IGNORE INTO ta_assignment (staff_id, pupil_id, assigned_on, assigned_by) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, staff.id).bind(2, pupil).bind(3, store::utc_timestamp()).bind(4, context.actor).run();
  return json::object{{"staff_id", staff.reference()}, {"upn", text_field(r, "upn")}, {"assigned", true}};
}

json::value unassign(Context& context, const json::object& r) {
  auto [staff, pupil] = ta_and_pupil(context, r);
  auto s = context.db.prepare("DELETE FROM ta_assignment WHERE staff_id = ?1 AND pupil_id = ?2");
  s.bind(1, staff.id).bind(2, pupil).run();
  return json::object{{"staff_id", staff.reference()}, {"upn", text_field(r, "upn")}, {"assigned", false}};
}

json::value list_assignments(Context& context, const json::object& r) {
  std::int64_t staff_id = 0;
  if (auto ref = text_field(r, "staff_id"); !ref.empty()) staff_id = find_staff(context.db, ref).id;
  auto s = context.db.prepare(
      "SELECT a.staff_id, p.upn, a.assigned_on, a.assigned_by FROM ta_assignment a JOIN pupil p ON p.id = a.pupil_id "
      "WHERE (?1 = 0 OR a.staff_id = ?1) ORDER BY a.staff_id, p.upn");
  s.bind(1, staff_id);
  json::array out;
  while (s.step()) {
    auto holder = staff_by_id(context.db, s.integer(0));
    out.push_back({{"staff_id", holder ? holder->reference() : std::string()},
                   {"upn", s.text(1)},
                   {"assigned_on", s.text(2)},
                   {"assigned_by", s.text(3)}});
  }
  return json::object{{"assignments", std::move(out)}};
}

json::value secret(Context& context, const json::object& r) {
  const auto* rotate = r.if_contains("rotate");
  auto value = launch_secret(context.db, true, rotate && rotate->is_bool() && rotate->as_bool());
  return json::object{
      {"secret", value},
      {"note", "give it to the MIS: it signs launch links with HMAC-SHA256 (launch.link shows the message)"}};
}

json::value link(Context& context, const json::object& r) {
  auto staff = find_staff(context.db, text_field(r, "staff_id"));
  std::int64_t seconds = 120;
  if (const auto* s = r.if_contains("seconds"); s && s->is_int64()) seconds = s->as_int64();
  if (seconds < 1 || seconds > kLaunchLifetimeMax)
    throw InvalidRequest("seconds", "must be from 1 to " + std::to_string(kLaunchLifetimeMax));
  auto class_id = text_field(r, "class_id"), page = text_field(r, "page");
  if (!page.empty() && page != "dashboard")
    throw InvalidRequest("page", "must be dashboard (or absent: the class's provision map)");
  if (page.empty() == class_id.empty())
    throw InvalidRequest("class_id", "name a class (its provision map) or page dashboard, not both");
  std::string path;
  try {
    path = make_launch_link(context.db, text_field(r, "staff_id"), class_id, static_cast<int>(seconds), page);
  } catch (const std::invalid_argument& e) {
    throw InvalidRequest("", e.what());
  }
  return json::object{
      {"staff_id", staff.reference()},
      {"path", path},
      {"signed",
       "hex HMAC-SHA256, keyed with the launch secret's bytes, of \"senmap-launch-v1\\nstaff=STAFF\\nclass=CLASS"
       "\\niat=ISSUED\\nexp=EXPIRES\\nnonce=NONCE\" then \"\\npage=PAGE\" when a page is named (CLASS empty) "
       "(Unix seconds; at most 5 minutes apart; the nonce once only)"}};
}

}  // namespace

void add_identity_operations(std::vector<Operation>& out) {
  using F = FieldType;
  const Field staff{"staff_id", F::string, true,
                    "the member of staff's MIS id (stf-0003), or LA-ESTAB/id where schools share ids"};
  out.push_back({"staff.list",
                 "Staff from the MIS with their senmap role",
                 false,
                 {{"school", F::string, false, "one school (LA-ESTAB)"}},
                 list_staff});
  out.push_back({"staff.role",
                 "Give a member of staff a senmap role (none: take it away, and with it their tokens)",
                 true,
                 {staff,
                  {"role", F::string, true, std::string(role_names()) + ", or none"},
                  {"schools", F::string_list, false, "a trust officer's schools besides their own (LA-ESTAB)"}},
                 set_role});
  out.push_back({"token.create",
                 "Create an API token for a member of staff with a role: shown once, kept only as a hash",
                 true,
                 {staff,
                  {"days", F::integer, false, "days until it expires (default 90, at most 366)"},
                  {"label", F::text, false, "what it is for (e.g. the MIS integration)"}},
                 new_token});
  out.push_back({"token.revoke",
                 "Revoke an API token at once",
                 true,
                 {{"id", F::integer, true, "the token's id (token.list)"}},
                 revoke_token});
  out.push_back({"token.list",
                 "API tokens (never the tokens themselves): who, when created, expiry, revoked",
                 false,
                 {{"staff_id", F::string, false, "one member of staff's tokens"}},
                 list_tokens});
  out.push_back({"ta.assign",
                 "Assign a pupil to a TA: a TA sees only the pupils assigned to them",
                 true,
                 {staff, {"upn", F::upn, true, "the pupil's UPN"}},
                 assign});
  out.push_back({"ta.unassign",
                 "End a TA's assignment to a pupil",
                 true,
                 {staff, {"upn", F::upn, true, "the pupil's UPN"}},
                 unassign});
  out.push_back({"ta.list",
                 "Which pupils each TA supports",
                 false,
                 {{"staff_id", F::string, false, "one TA"}},
                 list_assignments});
  out.push_back(
      {"launch.secret",
       "The secret the MIS signs launch links with (made on first use; rotate: a new one, old links stop working)",
       true,
       {{"rotate", F::boolean, false, "make a new secret"}},
       secret});
  out.push_back({"launch.link",
                 "A signed launch link opening a class provision map (or the SENCO's dashboard) for a member of staff, "
                 "as the MIS would make it",
                 false,
                 {staff,
                  {"class_id", F::string, false, "the class's MIS id: the link opens its provision map"},
                  {"page", F::string, false, "dashboard: the link opens the SENCO's dashboard instead (no class)"},
                  {"seconds", F::integer, false, "how long it may be used (default 120, at most 300)"}},
                 link});
}

}  // namespace sm::ops
