#include "wonde/wonde_reader.hpp"

#include <algorithm>
#include <optional>
#include <set>

#include "wonde/wonde_json.hpp"
#include "wonde/wonde_pages.hpp"
#include "wonde/wonde_records.hpp"

namespace sm::wonde {
namespace {
using model::RosterFileMode;

class Reader {
 public:
  Reader(live::Fetcher& fetcher, const WondeSettings& settings, const live::ReadRequest& request)
      : fetcher_(fetcher), settings_(settings), request_(request) {
    auto now = settings.clock ? settings.clock() : std::chrono::system_clock::now();
    started_ = std::chrono::floor<std::chrono::seconds>(now);
  }

  live::LiveRead read() {
    out_.kind = "wonde";
    auto iso = model::format_utc(started_);
    out_.read_at = iso.substr(0, iso.size() - 1);  // no Z: LiveRead's YYYY-MM-DDTHH:MM:SS
    auto today = model::parse_date(request_.today);
    auto day = today ? *today : model::Date{std::chrono::floor<std::chrono::days>(started_)};

    auto students_since = since("students");
    auto classes_since = since("classes");
    auto employees_since = since("employees");
    out_.full = !students_since;

    std::vector<ListSpec> lists;
    lists.push_back({"students", "students/", {{"include", "extended_details,education_details"}}});
    with_since(lists.back(), students_since);
    lists.push_back({"employees", "employees/", {}});
    with_since(lists.back(), employees_since);
    lists.push_back({"classes", "classes/", {{"include", "students,employees,subject"}}});
    with_since(lists.back(), classes_since);
    // A full read lists the whole roll (the unlisted have left); a delta asks who was deleted.
    std::optional<std::size_t> deletions, results;
    if (!out_.full) {
      auto deletions_since = since("deletions");
      if (!deletions_since) deletions_since = students_since;
      deletions = lists.size();
      lists.push_back({"deletions", "deletions/", {{"type", "student"}}});
      with_since(lists.back(), deletions_since);
    }
    // Session attendance is read on a full read only (weekly, `sync --full`), as Xporter's is: a
    // year of marks replaces what is held, which a delta's few sessions could not.
    std::optional<std::size_t> codes;
    if (out_.full) {
      codes = lists.size();
      lists.push_back({"attendance codes", "attendance-codes/", {}});
    }
    if (settings_.read_assessments) {
      results = lists.size();
      lists.push_back({"assessment results", "assessment/results/", {{"include", "aspect,result_set"}}});
      with_since(lists.back(), students_since);
    }

    auto pages = read_lists(fetcher_, settings_, lists);
    for (const auto& p : pages) out_.details["pages"] += p.pages;

    auto pupils = read_students(pages[0].items, settings_.school_id, day, out_);
    read_employees(pages[1].items, settings_.school_id, out_);
    read_classes(pages[2].items, settings_.school_id, out_);
    if (results) read_results(pages[*results].items, pupils, out_);
    if (deletions) read_deletions(pages[*deletions].items, out_);
    if (codes) read_attendance(pages[*codes].items, pupils, day);
    keep_listed_pupils_on_roll();

    bool users_bulk = !students_since && !employees_since;
    out_.roster.system_name = "Wonde";
    out_.roster.modes["users"] = users_bulk ? RosterFileMode::bulk : RosterFileMode::delta;
    out_.roster.modes["classes"] = classes_since ? RosterFileMode::delta : RosterFileMode::bulk;
    // A class lists all its members, but a delta lists only the classes that changed, and a
    // member who left an unchanged class shows nowhere: the next full read ends that enrolment.
    out_.roster.modes["enrollments"] = out_.roster.modes["classes"];

    // The cursors say "everything up to when this read started": changes made while it ran are
    // newer than the cursor and come again next time (plus the overlap).
    auto cursor = format_wonde_time(started_);
    for (auto key : {"students", "classes", "employees", "deletions"}) out_.cursors[key] = cursor;
    return std::move(out_);
  }

 private:
  // updated_after for one list: the cursor held, less the overlap; nullopt for a full read.
  // Wonde's timestamps are UTC; were `updated_after` read as UK time, a UTC value would only
  // reach further back, never skip a change.
  std::optional<std::string> since(const std::string& key) {
    if (request_.full) return std::nullopt;
    auto held = request_.cursors.find(key);
    if (held == request_.cursors.end() || held->second.empty()) return std::nullopt;
    auto at = parse_wonde_time(held->second);
    if (!at) {
      out_.warnings.push_back(record_problem(key + "/", "", "cursor", held->second,
                                             "the stored cursor is not a Y-m-d H:i:s time: this list is read in full"));
      return std::nullopt;
    }
    return format_wonde_time(*at - std::chrono::minutes{settings_.overlap_minutes});
  }

  // This school year's register: every session mark recorded since 1 July (marks entered ahead
  // for September, and no earlier year's whole register), streamed page by page, never kept as
  // JSON, under a page cap sized to the school.
  void read_attendance(const std::vector<boost::json::object>& codes, const PupilIndex& pupils, model::Date today) {
    const int year = live::register_year(today);
    AttendanceReader marks(codes, pupils, out_);
    ListSpec list{"attendance", "attendance/session/", {{"updated_after", std::to_string(year) + "-07-01 00:00:00"}}};
    list.max_pages = live::register_page_cap(model::Date{std::chrono::year{year} / std::chrono::July / 1}, today,
                                             pupils.size(), settings_.per_page, settings_.max_pages);
    list.take = [&marks](const boost::json::object& record) { marks.take(record); };
    auto pages = read_lists(fetcher_, settings_, {list});
    out_.details["pages"] += pages[0].pages;
    out_.details["attendance_marks"] = marks.finish(year, out_);
  }

  static void with_since(ListSpec& list, const std::optional<std::string>& since) {
    if (since) list.params.emplace_back("updated_after", *since);
  }

  // A student in this read is on roll whatever an older deletion says (a record can come back).
  void keep_listed_pupils_on_roll() {
    std::set<std::string> listed;
    for (const auto& p : out_.pupils) listed.insert(p.mis_id);
    std::erase_if(out_.left_mis_ids, [&](const std::string& id) { return listed.contains(id); });
    if (!out_.left_mis_ids.empty() || out_.details.contains("left")) out_.details["left"] = out_.left_mis_ids.size();
  }

  live::Fetcher& fetcher_;
  const WondeSettings& settings_;
  const live::ReadRequest& request_;
  std::chrono::sys_seconds started_;
  live::LiveRead out_;
};
}  // namespace

live::LiveRead read_wonde(live::Fetcher& fetcher, const WondeSettings& settings, const live::ReadRequest& request) {
  return Reader(fetcher, settings, request).read();
}

}  // namespace sm::wonde
