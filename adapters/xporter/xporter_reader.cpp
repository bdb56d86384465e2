#include "xporter/xporter_reader.hpp"

#include <boost/json.hpp>
#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <chrono>
#include <ctime>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <stdexcept>

#include "live/session_marks.hpp"
#include "xporter/xporter_records.hpp"

namespace sm::xporter {
namespace json = boost::json;
namespace {

std::string encode(std::string_view text) {
  return boost::urls::encode(text, boost::urls::unreserved_chars);
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  return text;
}

class Session {
 public:
  Session(live::Fetcher& fetcher, const XporterSettings& settings) : fetcher_(fetcher), settings_(settings) {}

  // One token per school per run: Xporter's tokens last days, but a secret kept between runs
  // would have to live somewhere other than the owner-only file.
  void sign_in() {
    live::Request request;
    request.method = "POST";
    request.url = settings_.url + "/api/oauth/GetToken";
    request.idempotent = true;  // asking for a token twice does no harm
    request.body = json::serialize(json::object{{"estab", settings_.estab},
                                                {"relyingParty", settings_.relying_party},
                                                {"password", settings_.secret},
                                                {"thirdpartyid", "XporterOnDemand"}});
    auto response = fetcher_.send(request);
    auto reply = parse(response, "GetToken");
    auto token = reply.if_contains("token");
    if (response.status != 200 || !token || !token->is_string() || token->as_string().empty()) {
      auto message = text_of(reply, "ExceptionMessage");
      throw std::runtime_error("Xporter refused senmap's sign-in for estab " + settings_.estab + " (relying party " +
                               settings_.relying_party + "): " +
                               (message.empty() ? "HTTP " + std::to_string(response.status) : "\"" + message + "\"") +
                               ". Check secret_file and that the school has authorised senmap in Xporter");
    }
    std::lock_guard lock(token_mutex_);
    token_ = std::string(token->as_string());
  }

  // Every page of one endpoint. `changed_rows` ("*" to start a changeset, or the last one's
  // NextChangedRows) makes it a changeset read; the new NextChangedRows comes back in it.
  struct Dataset {
    Rows rows;
    std::vector<std::string> deleted;
    std::string next_changed_rows;
    std::size_t announced = 0;  // the first page's RowCount
  };
  std::map<std::string, Dataset> read(const std::string& endpoint, const std::vector<std::string>& datasets,
                                      const std::string& options, const std::string& changed_rows,
                                      const std::string& extra_query = {}, std::size_t max_pages = 0,
                                      const std::function<void(const json::object&)>& take = {}) {
    std::map<std::string, Dataset> all;
    const auto cap = max_pages ? max_pages : settings_.max_pages;
    for (std::size_t page = 1;; ++page) {
      if (page > cap)
        throw std::runtime_error("Xporter's " + endpoint + " list went past " + std::to_string(cap) +
                                 " pages (max_pages): stopped, nothing of this source stored");
      std::string url = settings_.url + "/api/v1/School/" + settings_.estab + "/" + endpoint +
                        "/?page=" + std::to_string(page) + "&pageSize=" + std::to_string(settings_.page_size);
      if (!options.empty()) url += "&options=" + encode(options);
      if (!extra_query.empty()) url += "&" + extra_query;
      // The changeset's parameters must be the same on every call, or deletions go wrong.
      if (!changed_rows.empty()) url += "&changedRows=" + encode(changed_rows);
      auto reply = get(url, endpoint);
      for (const auto& dataset : datasets) {
        auto& out = all[dataset];
        // Moved, not copied: a page's rows are most of what a full read allocates.
        // With `take`, each row is handed over as its page arrives and none is kept (a year's register).
        if (auto* rows = reply.if_contains(dataset); rows && rows->is_array()) {
          for (auto& row : rows->as_array()) {
            if (!row.is_object()) continue;
            if (take)
              take(row.as_object());
            else
              out.rows.push_back(std::move(row.as_object()));
          }
        }
        if (const auto* gone = reply.if_contains(dataset + "_deleted"); gone && gone->is_array())
          for (const auto& row : gone->as_array())
            if (row.is_object()) out.deleted.push_back(text_of(row.as_object(), "Id"));
        // The first page's NextChangedRows, not the last's: a change made while later pages
        // were read may sit on a page already read, and a later token would count it as seen.
        if (const auto* changes = reply.if_contains("__changedRows__"); changes && changes->is_array())
          for (const auto& c : changes->as_array())
            if (c.is_object())
              if (auto next = text_of(c.as_object(), "NextChangedRows"); !next.empty() && out.next_changed_rows.empty())
                out.next_changed_rows = next;
      }
      // NextPage is set even on the last page: the page count is what ends the list.
      std::size_t number = page, count = 1;
      if (const auto* pages = reply.if_contains("__pagination__");
          pages && pages->is_array() && !pages->as_array().empty() && pages->as_array()[0].is_object()) {
        const auto& p = pages->as_array()[0].as_object();
        number = static_cast<std::size_t>(std::atoll(text_of(p, "PageNumber").c_str()));
        count = static_cast<std::size_t>(std::atoll(text_of(p, "PageCount").c_str()));
        if (page == 1)
          for (const auto& dataset : datasets)
            all[dataset].announced = static_cast<std::size_t>(std::atoll(text_of(p, "RowCount").c_str()));
      }
      if (number >= count) return all;
    }
  }

 private:
  json::object get(const std::string& url, const std::string& endpoint) {
    for (int attempt = 0;; ++attempt) {
      live::Request request;
      request.url = url;
      {
        std::lock_guard lock(token_mutex_);  // the endpoints are read side by side
        request.headers.emplace_back("Authorization", "Idaas " + token_);
      }
      auto response = fetcher_.send(request);
      // A token that expired during the run: one new sign-in, then the same call again.
      if (response.status == 401 && attempt == 0) {
        sign_in();
        continue;
      }
      auto reply = parse(response, endpoint);
      if (response.status == 401 || response.status == 403)
        throw std::runtime_error("Xporter refused senmap's access to " + endpoint + " for estab " + settings_.estab +
                                 " (HTTP " + std::to_string(response.status) +
                                 "): ask the school to grant senmap's scopes");
      if (response.status != 200)
        throw std::runtime_error("Xporter answered HTTP " + std::to_string(response.status) + " for " + endpoint);
      return reply;
    }
  }

  // Xporter reports some failures as HTTP 200 with ExceptionMessage set: quote it.
  json::object parse(const live::Response& response, const std::string& endpoint) {
    boost::system::error_code ec;
    auto value = json::parse(response.body, ec);
    if (ec || !value.is_object()) {
      if (response.status != 200) return {};
      throw std::runtime_error("Xporter's reply for " + endpoint + " is not JSON");
    }
    auto& reply = value.as_object();
    if (auto message = text_of(reply, "ExceptionMessage"); !message.empty() && endpoint != "GetToken")
      throw std::runtime_error("Xporter reported an error for " + endpoint + " (estab " + settings_.estab + "): \"" +
                               message + "\"");
    return std::move(reply);
  }

  live::Fetcher& fetcher_;
  const XporterSettings& settings_;
  std::mutex token_mutex_;
  std::string token_;
};

}  // namespace

live::LiveRead read_xporter(live::Fetcher& fetcher, const XporterSettings& settings, const live::ReadRequest& request) {
  live::LiveRead out;
  out.kind = "xporter";
  out.read_at = utc_now();
  auto held = request.cursors.find("Students");
  out.full = request.full || held == request.cursors.end();
  Session session(fetcher, settings);
  session.sign_in();
  // Students by changeset: a full read starts a new one ("*"), a delta continues the last.
  // Pages are offsets: a pupil who leaves while later pages are read shifts the rest, and one is
  // skipped. A whole read must hold as many rows as its first page announced; else read again.
  // The endpoints are independent: read them side by side (a few requests in flight, as the
  // client's max_in_flight allows), the Students changeset on this thread.
  auto read_one = [&session](const char* endpoint, std::initializer_list<std::string> datasets,
                             std::string extra = {}) {
    return std::async(std::launch::async,
                      [&session, endpoint, datasets = std::vector<std::string>(datasets), extra = std::move(extra)] {
                        return session.read(endpoint, datasets, "", "", extra);
                      });
  };
  auto sen_reading = read_one("SEN", {"StudentSENTypeHistory", "StudentSENProvisionHistory"});
  auto staff_reading = read_one("Staff", {"Staff"});
  auto groups_reading = read_one("Groups", {"Groups"});
  Session::Dataset students;
  for (int attempt = 1;; ++attempt) {
    students = std::move(session.read("Students", {"Students"}, "", out.full ? "*" : held->second)["Students"]);
    if (!out.full || students.announced == 0 || students.rows.size() == students.announced) break;
    if (attempt == 3)
      throw std::runtime_error("Xporter's student list changed while senmap read it, three times (" +
                               std::to_string(students.announced) + " rows announced, " +
                               std::to_string(students.rows.size()) +
                               " read): nothing stored; the next sync tries again");
  }
  // SEN history, staff and groups are small: read whole every time, so a need that changed
  // without its student's row changing is still seen.
  auto sen = sen_reading.get();
  auto staff = std::move(staff_reading.get()["Staff"]);
  auto groups = std::move(groups_reading.get()["Groups"]);
  if (!students.next_changed_rows.empty()) out.cursors["Students"] = students.next_changed_rows;
  for (auto& id : students.deleted) out.left_mis_ids.push_back(id);
  add_pupils(students.rows, sen["StudentSENTypeHistory"].rows, sen["StudentSENProvisionHistory"].rows, out);
  add_roster(students.rows, staff.rows, groups.rows, out);
  auto held_roster = request.cursors.find("roster");
  keep_roster_only_if_changed(out, held_roster == request.cursors.end() ? std::string() : held_roster->second);
  if (out.full) {
    // A year of marks and the results are read whole on a full read (weekly, `sync --full`):
    // each replaces what is held, so a delta's few rows could not stand in for them.
    auto today = model::parse_date(request.today.empty() ? out.read_at.substr(0, 10) : request.today);
    if (today) {
      int year = live::register_year(*today);
      auto options = "dateFrom=" + std::to_string(year) + "-09-01&dateTo=" + model::format_date(*today);
      auto cap = live::register_page_cap(model::Date{std::chrono::year{year} / std::chrono::September / 1}, *today,
                                         students.rows.size(), settings.page_size, settings.max_pages);
      std::vector<live::SessionMark> marks;
      session.read("AttendanceMarks", {"AttendanceMarks"}, "", "", options, cap, [&marks](const json::object& row) {
        if (auto mark = session_mark(row)) marks.push_back(std::move(*mark));
      });
      out.details["attendance_marks"] = live::add_session_marks(marks, year, out);
    }
    auto results = std::move(session.read("AssessmentResults", {"AssessmentResults"}, "", "")["AssessmentResults"]);
    add_assessments(results.rows, out);
    out.details["assessment_results"] = results.rows.size();
  }
  out.details["students"] = students.rows.size();
  out.details["students_deleted"] = students.deleted.size();
  out.details["requests"] = fetcher.requests_made();
  return out;
}

}  // namespace sm::xporter
