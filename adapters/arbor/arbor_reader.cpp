#include "arbor/arbor_reader.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <set>

#include "arbor/arbor_codes.hpp"
#include "arbor/arbor_json.hpp"
#include "arbor/arbor_pupil.hpp"
#include "arbor/arbor_roster.hpp"
#include "model/upn.hpp"

namespace sm::arbor {
namespace json = boost::json;
namespace {

// The resources whose cursors a delta needs; their paths are the cursor keys.
constexpr std::string_view kPupilResources[] = {resource::students, resource::upn_assignments,
                                                resource::sen_status_assignments, resource::sen_needs};
constexpr std::string_view kRosterResources[] = {resource::staff, resource::academic_units,
                                                 resource::academic_unit_enrolments, resource::academic_unit_leads};

class PupilReader {
 public:
  PupilReader(ArborApi& api, const live::ReadRequest& request, model::Date today, bool delta, live::LiveRead& out)
      : api_(api), request_(request), today_(today), delta_(delta), out_(out) {}

  void read() {
    auto students = read(resource::students);
    auto upns = read(resource::upn_assignments);
    auto statuses = read_sen(resource::sen_status_assignments);
    auto needs = read_sen(resource::sen_needs);
    if (!out_.problems.empty()) return;

    std::vector<json::object> records = std::move(students.records);
    if (delta_) {
      for (const auto& c : students.deleted) left_.insert(id_of_href(c.href));
      std::set<std::string> have;
      for (const auto& r : records) have.insert(id_of_href(text_of(r, "href")));
      for (const auto& r : upns.records) touched_.insert(id_of_href(href_of(r.if_contains("student"))));
      for (const auto& c : upns.deleted) touched_.insert(id_of_href(href_of(c.object.if_contains("student"))));
      std::vector<std::string> more;
      for (const auto& id : touched_)
        if (!id.empty() && !have.contains(id) && !left_.contains(id)) more.push_back("/rest-v2/students/" + id);
      auto fetched = api_.fetch_all(more, "read students");
      records.insert(records.end(), fetched.begin(), fetched.end());
      out_.left_mis_ids.assign(left_.begin(), left_.end());
    }

    CodeTable status_codes(api_, resource::sen_statuses, "d00229");
    CodeTable need_types(api_, resource::sen_need_types, "d00237");
    std::vector<std::string> refs;
    for (const auto& a : statuses.records) refs.push_back(href_of(a.if_contains("senStatus")));
    status_codes.learn(refs);
    refs.clear();
    for (const auto& n : needs.records) refs.push_back(href_of(n.if_contains("senNeedType")));
    need_types.learn(refs);

    auto upn_by = by_student(upns.records);
    auto status_by = by_student(statuses.records);
    auto need_by = by_student(needs.records);
    auto persons = persons_of(api_, records);
    std::size_t missing_upn = 0;
    for (const auto& s : records) {
      auto href = text_of(s, "href");
      model::PupilRecord p;
      p.mis_id = id_of_href(href);
      if (p.mis_id.empty() || left_.contains(p.mis_id)) continue;
      auto assigned = upn_by.find(p.mis_id);
      const auto* upn = assigned == upn_by.end() ? nullptr : current_upn(assigned->second, today_);
      if (upn) {
        p.upn = text_of(*upn, "upn");
        if (!model::upn_is_valid(p.upn)) {
          out_.problems.push_back(
              arbor_problem(api_.settings().url, text_of(*upn, "href"),
                            "Arbor student " + p.mis_id + " (" + href + ") has a UPN that fails the DfE check", p.upn));
          continue;
        }
      } else if (!delta_ || assigned != upn_by.end()) {
        // On a delta a student whose assignment did not change keeps the UPN senmap holds.
        ++missing_upn;
        out_.problems.push_back(
            arbor_problem(api_.settings().url, href,
                          "Arbor student " + p.mis_id + " (" + href +
                              ") has no current UPN assignment (UkDfe_UpnAssignment): record the pupil's UPN in "
                              "Arbor, or senmap cannot tell who the pupil is"));
        continue;
      }
      const auto& person = persons[href];
      p.forename = person.first;
      p.surname = person.last;
      p.preferred_forename = person.preferred_first;
      p.preferred_surname = person.preferred_last;
      p.middle_names = person.middle;
      p.sex = person.sex;
      if (person.dob) p.dob = *person.dob;
      p.carries = {.sen_status = sen_status_read_,
                   .needs = needs_read_,
                   .attendance = false,
                   .assessments = false,
                   .fsm = false};
      if (sen_status_read_)
        add_sen_status(p, status_by[p.mis_id], status_codes, today_, api_.settings().url, out_.warnings);
      if (needs_read_) add_needs(p, need_by[p.mis_id], need_types, api_.settings().url, out_.warnings);
      out_.pupils.push_back(std::move(p));
    }
    out_.details["pupils"] = out_.pupils.size();
    out_.details["left"] = out_.left_mis_ids.size();
    out_.details["upn_missing"] = missing_upn;
    out_.details["sen_status_assignments"] = statuses.records.size();
    out_.details["sen_needs"] = needs.records.size();
  }

 private:
  std::string held(std::string_view res) const {
    auto it = request_.cursors.find(std::string(res));
    return it == request_.cursors.end() ? std::string() : it->second;
  }

  ResourceRead read(std::string_view res) {
    auto r = read_resource(api_, res, delta_, held(res));
    if (r.capped)
      out_.problems.push_back(
          arbor_problem(api_.settings().url, "/rest-v2/" + std::string(res),
                        "the list did not end within " + std::to_string(api_.settings().max_pages) + " pages of " +
                            std::to_string(api_.settings().page_size) +
                            ": refusing a read that may be incomplete (raise max_pages for a school this large)"));
    out_.cursors[std::string(res)] = r.cursor;
    return r;
  }

  // A pupil's SEN is sent whole or not at all: on a delta that names any change, the resource is
  // read again in full (its changelog's revision stays the cursor) and the pupils it touched are sent.
  ResourceRead read_sen(std::string_view res) {
    auto r = read(res);
    bool& read_whole = res == resource::sen_needs ? needs_read_ : sen_status_read_;
    if (!delta_) {
      read_whole = true;
      return r;
    }
    if (r.changes == 0) return r;
    for (const auto& c : r.records) touched_.insert(id_of_href(href_of(c.if_contains("student"))));
    for (const auto& c : r.deleted) {
      auto student = id_of_href(href_of(c.object.if_contains("student")));
      if (student.empty())
        out_.warnings.push_back(arbor_problem(
            api_.settings().url, c.href, "a deleted record does not say whose it was: the next full sync applies it"));
      else
        touched_.insert(student);
    }
    auto whole = read_resource(api_, res, false, {});
    if (whole.capped) {
      out_.problems.push_back(arbor_problem(api_.settings().url, "/rest-v2/" + std::string(res),
                                            "the list did not end within the page cap"));
      return r;
    }
    read_whole = true;
    whole.cursor = r.cursor;
    return whole;
  }

  ArborApi& api_;
  const live::ReadRequest& request_;
  model::Date today_;
  bool delta_;
  live::LiveRead& out_;
  bool sen_status_read_ = false, needs_read_ = false;
  std::set<std::string> touched_, left_;
};

std::string utc_now() {
  auto text = model::format_utc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
  if (!text.empty() && text.back() == 'Z') text.pop_back();
  return text;
}

}  // namespace

live::LiveRead read_arbor(live::Fetcher& fetcher, const ArborSettings& settings, const live::ReadRequest& request) {
  live::LiveRead out;
  out.kind = "arbor";
  out.read_at = utc_now();
  auto today = model::parse_date(request.today);
  if (!today) today = model::parse_date(out.read_at.substr(0, 10));
  bool delta = !request.full;
  for (auto res : kPupilResources) delta = delta && request.cursors.contains(std::string(res));
  if (settings.read_roster)
    for (auto res : kRosterResources) delta = delta && request.cursors.contains(std::string(res));
  out.full = !delta;
  ArborApi api(fetcher, settings);
  try {
    PupilReader(api, request, *today, delta, out).read();
    if (out.problems.empty() && settings.read_roster) {
      read_roster(api, delta, request.cursors, out);
      add_student_users(out);
    }
  } catch (const ArborFailure& e) {
    out.problems.push_back(arbor_problem(settings.url, {}, e.what()));
  } catch (const live::LiveError& e) {
    out.problems.push_back(arbor_problem(settings.url, {}, std::string("Arbor could not be read: ") + e.what()));
  }
  if (!out.problems.empty()) out.cursors.clear();  // a refused read moves no cursor
  return out;
}

}  // namespace sm::arbor
