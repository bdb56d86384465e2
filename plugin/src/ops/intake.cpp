// The intake view: the pupils a previous school's CTF says are coming, most urgent first, so the
// SENCO reads the EHC plans before September and not in the first week of term. Nothing in the file
// is stored: the pupils arrive through the MIS like every other. Each pupil listed is an audited
// read (who, when, the UPN: never what the file says about them), as on every page that names one.
#include "ops/intake.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "ctf/ctf_reader.hpp"
#include "model/attendance_tally.hpp"
#include "model/number_text.hpp"
#include "report/problem_json.hpp"
#include "store/audit.hpp"

namespace sm::ops {
namespace json = boost::json;
namespace {

// How soon the SENCO must act: a plan is statutory from the first day; SEN support means provision
// to carry on; the previous school's other flags mean a conversation; the rest can wait.
enum class Urgency { ehc_plan = 1, sen_support = 2, flags_sent = 3, nothing_sent = 4 };

struct Incoming {
  model::PupilRecord record;
  std::string surname, forename;  // as the school uses them (preferred names first)
  Urgency urgency = Urgency::nothing_sent;
  std::string status, status_since;  // the current SEN status and the day it began
  json::array flags;                 // what else the previous school's file says
  std::optional<double> attendance;  // the latest year's, percent
};

// Former SEN (a status other than N before the current one), looked after, a medical flag, and
// persistent absence in the latest year the file carries (below 90%, the DfE's line).
void read_flags(Incoming& in) {
  const auto& r = in.record;
  for (const auto& p : r.sen_status)
    if (p.provision != "N" && p.provision != in.status) {
      in.flags.push_back(
          {{"flag", "former_sen"},
           {"text", "was on the SEN register (" + p.provision + " from " + model::format_date(p.start) + ")"}});
      break;
    }
  if (r.looked_after)
    in.flags.push_back({{"flag", "looked_after"},
                        {"text", "looked after" + (r.care_authority.empty() ? "" : " by LA " + r.care_authority)}});
  if (r.medical_flag.value_or(false))
    in.flags.push_back({{"flag", "medical"}, {"text", "a medical condition recorded"}});
  const model::AttendanceYear* latest = nullptr;
  for (const auto& y : r.attendance)
    if (!latest || y.year > latest->year) latest = &y;
  if (latest && latest->sessions_possible && latest->sessions_attended && *latest->sessions_possible > 0) {
    model::AttendanceTally tally;
    tally.possible = *latest->sessions_possible;
    tally.attended = *latest->sessions_attended;
    if (auto percent = tally.percent()) in.attendance = model::round1(*percent);
    if (tally.persistent_absence())
      in.flags.push_back({{"flag", "persistent_absence"},
                          {"text", "attended " + std::to_string(tally.attended) + " of " +
                                       std::to_string(tally.possible) + " sessions in " + std::to_string(latest->year) +
                                       "/" + std::to_string((latest->year + 1) % 100)}});
  }
}

Incoming classify(model::PupilRecord&& record) {
  Incoming in;
  in.record = std::move(record);
  in.surname = in.record.preferred_surname.empty() ? in.record.surname : in.record.preferred_surname;
  in.forename = in.record.preferred_forename.empty() ? in.record.forename : in.record.preferred_forename;
  const model::SenStatusPeriod* current = nullptr;
  for (const auto& p : in.record.sen_status)
    if (!current || current->start < p.start) current = &p;
  if (current) {
    in.status = current->provision;
    in.status_since = model::format_date(current->start);
  }
  read_flags(in);
  in.urgency = in.status == "E"    ? Urgency::ehc_plan
               : in.status == "K"  ? Urgency::sen_support
               : !in.flags.empty() ? Urgency::flags_sent
                                   : Urgency::nothing_sent;
  return in;
}

std::string why(const Incoming& in) {
  switch (in.urgency) {
    case Urgency::ehc_plan:
      return "EHC plan since " + in.status_since;
    case Urgency::sen_support:
      return "SEN support since " + in.status_since;
    case Urgency::flags_sent:
      return "the previous school's flags";
    case Urgency::nothing_sent:
      break;
  }
  return "no SEN or flags in the file";
}

// EHC plans first; SEN support with the most recent provision first (what the pupil is getting now
// is what must not stop); then the most flags; surname, forename and UPN within each.
bool sooner(const Incoming& a, const Incoming& b) {
  if (a.urgency != b.urgency) return a.urgency < b.urgency;
  if (a.urgency == Urgency::sen_support && a.status_since != b.status_since) return a.status_since > b.status_since;
  if (a.flags.size() != b.flags.size()) return a.flags.size() > b.flags.size();
  return std::tie(a.surname, a.forename, a.record.upn) < std::tie(b.surname, b.forename, b.record.upn);
}

json::object school_json(const model::SchoolRef& s) {
  return {{"la", s.la}, {"estab", s.estab}, {"name", s.name}};
}

// `to`: the school the file is for (in a trust's database, a sister school's roll is not "here").
json::object pupil_json(const Incoming& in, store::Database& db, const model::SchoolRef& to) {
  const auto& r = in.record;
  json::array needs;
  for (const auto& n : r.needs)
    if (!n.end) needs.push_back({{"code", n.type}, {"rank", n.rank}});
  auto& held = db.cached(
      "SELECT 1 FROM pupil p JOIN school s ON s.id = p.school_id WHERE p.upn = ?1 AND p.left_on IS NULL AND s.la = ?2 "
      "AND s.estab = ?3");
  held.bind(1, r.upn).bind(2, to.la).bind(3, to.estab);
  bool on_roll = held.step();
  held.reset();
  return {{"upn", r.upn},
          {"forename", in.forename},
          {"surname", in.surname},
          {"dob", model::format_date(r.dob)},
          {"nc_year", r.nc_year},
          {"urgency", static_cast<int>(in.urgency)},
          {"why", why(in)},
          {"sen_status", in.status.empty() ? json::value(nullptr) : json::value(in.status)},
          {"sen_since", in.status_since.empty() ? json::value(nullptr) : json::value(in.status_since)},
          {"needs", std::move(needs)},
          {"flags", in.flags},
          {"attendance_percent", in.attendance ? json::value(*in.attendance) : json::value(nullptr)},
          {"on_roll_here", on_roll}};
}

}  // namespace

json::value read_intake(Context& context, const std::string& path) {
  std::vector<Incoming> incoming;
  ctf::ReadHooks hooks;
  hooks.on_pupil = [&](model::PupilRecord&& r) { incoming.push_back(classify(std::move(r))); };
  auto read = ctf::read_ctf(path, hooks);
  json::object out{{"file", path}, {"problems", report::problems_json(read.problems)}};
  if (read.file_rejected || !read.header) {
    out["pupils"] = json::array();
    return out;
  }
  // A pupil the file gets wrong is named in the problems (UPN and the value found): a read too.
  std::set<std::string> named;
  for (const auto& p : read.problems)
    if (!p.upn.empty() && named.insert(p.upn).second) store::audit(context.db, context.actor, "intake.read", p.upn);
  std::sort(incoming.begin(), incoming.end(), sooner);
  json::array pupils;
  json::object counts{{"ehc_plan", 0}, {"sen_support", 0}, {"flags_sent", 0}, {"nothing_sent", 0}};
  for (const auto& in : incoming) {
    store::audit(context.db, context.actor, "intake.read", in.record.upn);
    pupils.push_back(pupil_json(in, context.db, read.header->dest));
    const char* key = in.urgency == Urgency::ehc_plan      ? "ehc_plan"
                      : in.urgency == Urgency::sen_support ? "sen_support"
                      : in.urgency == Urgency::flags_sent  ? "flags_sent"
                                                           : "nothing_sent";
    counts[key] = counts[key].as_int64() + 1;
  }
  out["from_school"] = school_json(read.header->source);
  out["to_school"] = school_json(read.header->dest);
  out["file_date"] = model::format_date(read.header->date);
  out["counts"] = std::move(counts);
  out["pupils"] = std::move(pupils);
  return out;
}

}  // namespace sm::ops
