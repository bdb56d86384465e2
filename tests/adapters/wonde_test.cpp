// The Wonde adapter against recorded replies: Wonde's cloud cannot run here, so a test double
// serves the documented shapes (absolute next links, per_page as text or number, includes
// wrapped in {"data":...}, PHP date objects). Synthetic pupils only; the UPNs pass the check.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/upn.hpp"
#include "wonde/wonde_json.hpp"
#include "wonde/wonde_reader.hpp"
#include "wonde/wonde_records.hpp"

using namespace sm;

namespace {
const std::string kToken = "tok-5ecret-7e76896f9aca";
const std::string kBase = "https://api.wonde.com/v1.0/schools/A1930499544/";
const std::string kStudents = kBase + "students/?per_page=200&include=extended_details,education_details";
const std::string kEmployees = kBase + "employees/?per_page=200";
const std::string kClasses = kBase + "classes/?per_page=200&include=students,employees,subject";
const std::string kCodes = kBase + "attendance-codes/?per_page=200";
// A full read on 2025-03-20 asks for the register of 2024/25: marks recorded since 1 July 2024.
const std::string kAttendance = kBase + "attendance/session/?per_page=200&updated_after=2024-07-01%2000:00:00";

std::string page(const std::string& data, const std::string& next, const std::string& per_page = "\"200\"",
                 bool more = true) {
  return R"({"data":[)" + data + R"(],"meta":{"pagination":{"next":)" + (next.empty() ? "null" : "\"" + next + "\"") +
         R"(,"previous":null,"more":)" + (more && !next.empty() ? "true" : "false") + R"(,"per_page":)" + per_page +
         R"(,"current_page":1}}})";
}

// Serves recorded bodies by exact URL (or from `fallback`), and keeps every request it saw.
class RecordedFetcher final : public live::Fetcher {
 public:
  std::map<std::string, live::Response> replies;
  std::function<live::Response(const live::Request&)> fallback;
  std::vector<live::Request> seen;

  // A school whose register is empty, unless a test records one (a full read asks for it).
  RecordedFetcher() {
    reply(kCodes, page("", ""));
    reply(kAttendance, page("", ""));
  }
  void reply(const std::string& url, std::string body, int status = 200) {
    replies[url] = live::Response{status, {}, std::move(body), url};
  }
  live::Response send(const live::Request& request) override {
    seen.push_back(request);
    auto found = replies.find(request.url);
    if (found != replies.end()) return found->second;
    if (fallback) return fallback(request);
    throw std::logic_error("no recorded reply for " + request.url);
  }
  std::vector<live::Response> send_all(const std::vector<live::Request>& requests) override {
    std::vector<live::Response> out;
    out.reserve(requests.size());
    for (const auto& r : requests) out.push_back(send(r));
    return out;
  }
  std::size_t requests_made() const override { return seen.size(); }

  bool asked_for(const std::string& prefix) const {
    return std::any_of(seen.begin(), seen.end(), [&](const auto& r) { return r.url.starts_with(prefix); });
  }
};

std::string php_date(const std::string& text, const std::string& zone = "UTC") {
  return R"({"date":")" + text + R"(","timezone_type":3,"timezone":")" + zone + R"("})";
}

// One student as Wonde lists it with extended_details and education_details included.
std::string student(const std::string& id, const std::string& mis_id, const std::string& upn,
                    const std::string& sen_status,
                    const std::string& dob = php_date("2014-05-02 00:00:00.000000", "Europe/London"),
                    const std::string& gender = "\"FEMALE\"", const std::string& year = "\"4\"") {
  auto quoted = [](const std::string& s) { return s == "null" ? s : "\"" + s + "\""; };
  return R"({"id":")" + id + R"(","upi":"0f1e2d3c","mis_id":)" + quoted(mis_id) +
         R"(,"initials":"TP","title":null,"surname":"Pupil)" + id + R"(","forename":"Test","middle_names":null,)" +
         R"("legal_surname":"Pupil)" + id + R"(","legal_forename":"Testing","gender":)" + gender +
         R"(,"date_of_birth":)" + dob + R"(,"created_at":)" + php_date("2015-10-29 14:53:44.000000") +
         R"(,"updated_at":)" + php_date("2025-03-19 08:00:00") + R"(,"extended_details":{"data":{"sen_status":)" +
         quoted(sen_status) +
         R"(,"free_school_meals":false,"in_lea_care":false,"ethnicity":"WBRI","first_language":"ENG"}},)" +
         R"("education_details":{"data":{"upn":)" + quoted(upn) + R"(,"current_nc_year":)" + year + R"(}}})";
}

const std::string kEmployeesPage =
    page(R"({"id":"E100","mis_id":"501","title":"Ms","forename":"Staff","surname":"Member"},)"
         R"({"id":"E101","mis_id":"502","title":"Mr","forename":"Other","surname":"Teacher"})",
         "", "200");

const std::string kClassesPage =
    page(R"({"id":"C1","mis_id":"77","name":"4A","code":"4A","description":"Year 4 A",)"
         R"("subject":{"data":{"id":"S1","name":"English"}},)"
         R"("students":{"data":[{"id":"B1"},{"id":"B2"}]},"employees":{"data":[{"id":"E100"}]}})",
         "", "200");

const std::string kCodesPage =
    page(R"({"id":"AC1","code":"/","type":"present"},{"id":"AC2","code":"N","type":"unauthorised"},)"
         R"({"id":"AC3","code":"Late","type":"present"})",
         "", "200");

wonde::WondeSettings settings() {
  wonde::WondeSettings s;
  s.school_id = "A1930499544";
  s.token = kToken;
  s.clock = [] { return std::chrono::sys_days{std::chrono::year{2025} / 3 / 20} + std::chrono::hours{11}; };
  return s;
}

live::ReadRequest full_read() {
  live::ReadRequest r;
  r.today = "2025-03-20";
  return r;
}

// Two pages of students (the second found by the first's absolute next link), staff, a class.
RecordedFetcher school() {
  RecordedFetcher f;
  const std::string second = kBase + "students/?page=2&per_page=200&include=extended_details,education_details";
  f.reply(kStudents,
          page(student("B1", "1001", "W938412325008", "SEN Support") + "," +
                   student("B2", "1002", "null", "null", php_date("2013-11-30 00:00:00")) + "," +
                   student("B3", "null", "A938412325008", "Maybe", php_date("2014-01-15"), "\"MALE\"", "\"Year 5\""),
               second, "\"200\""));
  f.reply(second,
          page(student("B4", "1004", "K938412325009", "EHC Plan") + "," +
                   student("B5", "1005", "W938412325010", "N", php_date("2013-02-01 00:00:00.000000"), "\"MALE\""),
               "", "200", false));
  f.reply(kEmployees, kEmployeesPage);
  f.reply(kClasses, kClassesPage);
  f.reply(kCodes, kCodesPage);
  return f;
}

const model::PupilRecord& pupil(const live::LiveRead& read, const std::string& mis_id) {
  auto found = std::find_if(read.pupils.begin(), read.pupils.end(), [&](const auto& p) { return p.mis_id == mis_id; });
  REQUIRE(found != read.pupils.end());
  return *found;
}

std::string failure_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const std::exception& e) {
    return e.what();
  }
  FAIL("expected the read to fail");
  return {};
}
}  // namespace

TEST_CASE("Wonde students become pupils: mis_id, UPN, year, sex, SEN status", "[adapter]") {
  auto fetcher = school();
  auto read = wonde::read_wonde(fetcher, settings(), full_read());
  INFO((read.problems.empty() ? std::string() : read.problems[0].path + ": " + read.problems[0].rule));
  REQUIRE(read.problems.empty());
  CHECK(read.kind == "wonde");
  CHECK(read.full);
  CHECK(read.read_at == "2025-03-20T11:00:00");
  REQUIRE(read.pupils.size() == 5);  // the second page came from the first page's absolute next link

  const auto& b1 = pupil(read, "1001");
  CHECK(b1.upn == "W938412325008");
  CHECK(b1.surname == "PupilB1");
  CHECK(b1.forename == "Testing");  // the legal forename; the one the school uses is preferred
  CHECK(b1.preferred_forename == "Test");
  CHECK(b1.sex == "F");
  CHECK(b1.nc_year == "4");
  CHECK(b1.dob == std::chrono::year{2014} / 5 / 2);  // Europe/London: the date part, as written
  CHECK(b1.ethnicity == "WBRI");
  CHECK(b1.first_language == "ENG");
  REQUIRE(b1.sen_status.size() == 1);
  CHECK(b1.sen_status[0].provision == "K");
  CHECK(b1.sen_status[0].start == std::chrono::year{2025} / 3 / 20);
  CHECK(b1.carries.sen_status);
  CHECK_FALSE(b1.carries.needs);
  CHECK_FALSE(b1.carries.fsm);
  CHECK(b1.carries.attendance);  // a full read reads the register: no marks this year is a fact
  CHECK_FALSE(b1.carries.assessments);

  CHECK(pupil(read, "1004").sen_status.at(0).provision == "E");
  CHECK(pupil(read, "1005").sen_status.at(0).provision == "N");
  CHECK(pupil(read, "1005").sex == "M");
  CHECK(pupil(read, "1005").dob == std::chrono::year{2013} / 2 / 1);  // with microseconds

  SECTION("a missing UPN stays empty; a null SEN status changes nothing") {
    const auto& b2 = pupil(read, "1002");
    CHECK(b2.upn.empty());
    CHECK(b2.dob == std::chrono::year{2013} / 11 / 30);  // without microseconds
    CHECK(b2.sen_status.empty());
    CHECK_FALSE(b2.has_sen_history);
    CHECK_FALSE(b2.carries.sen_status);
  }
  SECTION("no mis_id: the Wonde id; a bad UPN is left out, not mended; an unknown status is not N") {
    const auto& b3 = pupil(read, "B3");
    CHECK(b3.upn.empty());
    CHECK(b3.nc_year == "5");
    CHECK(b3.dob == std::chrono::year{2014} / 1 / 15);
    CHECK(b3.sen_status.empty());
    CHECK_FALSE(b3.carries.sen_status);
    auto warned = [&](const std::string& path) {
      return std::any_of(read.warnings.begin(), read.warnings.end(),
                         [&](const auto& w) { return w.record == "B3" && w.path == path; });
    };
    CHECK(warned("education_details.upn"));
    CHECK(warned("extended_details.sen_status"));
    CHECK(read.details.at("sen_status_unknown") == 2);
  }
  SECTION("staff, classes and enrolments in OneRoster's shape, keyed by Wonde ids") {
    using model::RosterRole;
    const auto& users = read.roster.users;
    CHECK(std::count_if(users.begin(), users.end(), [](const auto& u) { return u.role == RosterRole::teacher; }) == 2);
    auto b1_user = std::find_if(users.begin(), users.end(), [](const auto& u) { return u.sourced_id == "B1"; });
    REQUIRE(b1_user != users.end());
    CHECK(b1_user->role == RosterRole::student);
    CHECK(b1_user->upn == "W938412325008");
    CHECK(b1_user->identifier == "1001");
    REQUIRE(read.roster.classes.size() == 1);
    CHECK(read.roster.classes[0].title == "4A");
    CHECK(read.roster.classes[0].subjects == "English");
    REQUIRE(read.roster.enrollments.size() == 3);
    CHECK(read.roster.enrollments[0].user_sourced_id == "B1");
    CHECK(read.roster.enrollments[2].role == RosterRole::teacher);
    CHECK(read.roster.mode("users") == model::RosterFileMode::bulk);
    CHECK(read.roster.mode("enrollments") == model::RosterFileMode::bulk);
  }
  SECTION("the token goes in a Bearer header, new cursors are when the read started, no deletions asked") {
    for (const auto& r : fetcher.seen) {
      CHECK(std::count(r.headers.begin(), r.headers.end(),
                       std::pair<std::string, std::string>{"Authorization", "Bearer " + kToken}) == 1);
      CHECK(r.url.find(kToken) == std::string::npos);
    }
    CHECK(fetcher.seen.size() == 6);  // two pages of students, staff, classes, codes, the register
    CHECK_FALSE(fetcher.asked_for(kBase + "deletions/"));
    CHECK(read.cursors.at("students") == "2025-03-20 11:00:00");
    CHECK(read.cursors.at("deletions") == "2025-03-20 11:00:00");
    CHECK(read.cursors.size() == 4);
    CHECK(read.left_mis_ids.empty());
  }
}

TEST_CASE("Wonde per_page is read as a string or a number", "[adapter]") {
  for (std::string per_page : {"\"2\"", "2", "\"x\""}) {
    RecordedFetcher f;
    f.reply(kStudents, page(student("B1", "1001", "W938412325008", "K"), kBase + "students/?page=2", per_page));
    // Wonde's next link may drop the include: later pages must still carry it.
    f.reply(kBase + "students/?page=2&include=extended_details,education_details",
            page(student("B2", "1002", "K938412325009", "K"), "", per_page, false));
    f.reply(kEmployees, page("", "", per_page));
    f.reply(kClasses, page("", "", per_page));
    auto read = wonde::read_wonde(f, settings(), full_read());
    CHECK(read.pupils.size() == 2);
    CHECK(pupil(read, "1002").sen_status.at(0).provision == "K");
  }
}

TEST_CASE("Wonde record errors become problems naming list, record, field and rule", "[adapter]") {
  RecordedFetcher f;
  f.reply(kStudents, page(student("B1", "1001", "W938412325008", "K", php_date("2014-02-30 00:00:00")) + "," +
                              student("B2", "1002", "K938412325009", "K", php_date("2014-02-03"), "\"UNKNOWN\"") + "," +
                              student("B3", "1003", "W938412325010", "K", php_date("2031-01-01")) + "," +
                              student("B4", "1001", "null", "K"),
                          ""));
  f.reply(kEmployees, page("", ""));
  f.reply(kClasses, page(R"({"name":"no id"})", ""));
  auto read = wonde::read_wonde(f, settings(), full_read());
  auto has = [&](const std::string& file, const std::string& record, const std::string& path) {
    return std::any_of(read.problems.begin(), read.problems.end(), [&](const model::Problem& p) {
      return p.file == file && p.record == record && p.path == path && !p.rule.empty();
    });
  };
  CHECK(has("Wonde students/", "B1", "date_of_birth.date"));
  CHECK(has("Wonde students/", "B2", "gender"));
  CHECK(has("Wonde students/", "B3", "date_of_birth.date"));
  CHECK(has("Wonde students/", "B4", "mis_id"));
  CHECK(has("Wonde classes/", "", "id"));
  CHECK(read.problems.size() == 5);
  auto b1 = std::find_if(read.problems.begin(), read.problems.end(), [](const auto& p) { return p.record == "B1"; });
  CHECK(b1->upn == "W938412325008");
  CHECK(b1->value == "2014-02-30 00:00:00");
  CHECK(read.pupils.empty());  // B4 is refused too: its mis_id is B1's, refused or not
}

TEST_CASE("A Wonde next link to another host is refused before the token is sent there", "[adapter]") {
  RecordedFetcher f;
  f.reply(kStudents, page(student("B1", "1001", "W938412325008", "K"),
                          "https://evil.example/v1.0/schools/A1930499544/students/?page=2"));
  f.reply(kEmployees, page("", ""));
  f.reply(kClasses, page("", ""));
  auto message = failure_of([&] { wonde::read_wonde(f, settings(), full_read()); });
  CHECK_THAT(message, Catch::Contains("another host") && Catch::Contains("evil.example"));
  CHECK(message.find(kToken) == std::string::npos);
  CHECK_FALSE(f.asked_for("https://evil.example"));

  SECTION("plain http on the same host is another origin too") {
    RecordedFetcher g;
    g.reply(kStudents, page("", "http://api.wonde.com/v1.0/schools/A1930499544/students/?page=2"));
    g.reply(kEmployees, page("", ""));
    g.reply(kClasses, page("", ""));
    CHECK_THAT(failure_of([&] { wonde::read_wonde(g, settings(), full_read()); }), Catch::Contains("another host"));
  }
}

TEST_CASE("A Wonde list that never ends stops at max_pages", "[adapter]") {
  RecordedFetcher f;
  f.reply(kEmployees, page("", ""));
  f.reply(kClasses, page("", ""));
  int n = 0;
  f.fallback = [&](const live::Request&) {
    ++n;
    return live::Response{200, {}, page("", kBase + "students/?page=" + std::to_string(n + 1)), ""};
  };
  auto s = settings();
  s.max_pages = 5;
  auto message = failure_of([&] { wonde::read_wonde(f, s, full_read()); });
  CHECK_THAT(message, Catch::Contains("students") && Catch::Contains("after 5 pages"));
  CHECK(n == 5);

  SECTION("a next link that comes round again stops at once") {
    RecordedFetcher g;
    g.reply(kStudents, page("", kBase + "students/?page=2"));
    g.reply(kBase + "students/?page=2&include=extended_details,education_details", page("", kStudents));
    g.reply(kEmployees, page("", ""));
    g.reply(kClasses, page("", ""));
    CHECK_THAT(failure_of([&] { wonde::read_wonde(g, settings(), full_read()); }), Catch::Contains("already given"));
  }
}

TEST_CASE("A Wonde delta asks for changes since the cursor less the overlap, and reads deletions", "[adapter]") {
  const std::string since = "&updated_after=2025-03-20%2009:50:00";
  RecordedFetcher f;
  f.reply(kStudents + since, page(student("B1", "1001", "W938412325008", "E"), ""));
  f.reply(kEmployees + since, page("", ""));
  f.reply(kClasses + since, page("", ""));
  f.reply(kBase + "deletions/?per_page=200&type=student&updated_after=2025-03-20%2008:50:00",
          page(R"({"id":"B7","type":"student","mis_id":"1007","restored":false},)"
               R"({"id":"B8","type":"student"},)"
               R"({"id":"B9","type":"student","mis_id":"1009","restored":true},)"
               R"({"id":"E5","type":"employee","mis_id":"505"},)"
               R"({"id":"B1","type":"student","mis_id":"1001"})",
               ""));
  auto request = full_read();
  request.full = false;
  request.cursors = {{"students", "2025-03-20 10:00:00"},
                     {"classes", "2025-03-20 10:00:00"},
                     {"employees", "2025-03-20 10:00:00"},
                     {"deletions", "2025-03-20 09:00:00"}};
  auto read = wonde::read_wonde(f, settings(), request);
  CHECK_FALSE(read.full);
  REQUIRE(read.pupils.size() == 1);
  // Deleted and not restored; a deletion without a mis_id by its Wonde id; a pupil listed in
  // this very read is on roll whatever an older deletion says.
  CHECK(read.left_mis_ids == std::vector<std::string>{"1007", "B8"});
  CHECK(read.roster.mode("users") == model::RosterFileMode::delta);
  CHECK(read.roster.mode("classes") == model::RosterFileMode::delta);
  CHECK(read.roster.mode("enrollments") == model::RosterFileMode::delta);
  CHECK(read.cursors.at("deletions") == "2025-03-20 11:00:00");

  SECTION("request.full reads everything whatever cursors are held") {
    auto again = school();
    request.full = true;
    auto full = wonde::read_wonde(again, settings(), request);
    CHECK(full.full);
    CHECK_FALSE(again.asked_for(kBase + "deletions/"));
  }
  SECTION("a cursor that is not a time reads that list in full, with a warning") {
    RecordedFetcher g;
    g.reply(kStudents, page("", ""));
    g.reply(kEmployees + since, page("", ""));
    g.reply(kClasses + since, page("", ""));
    request.cursors["students"] = "yesterday";
    auto read2 = wonde::read_wonde(g, settings(), request);
    CHECK(read2.full);
    CHECK(read2.warnings.size() == 1);
    CHECK(read2.roster.mode("users") == model::RosterFileMode::delta);  // the staff list was a delta
    CHECK(read2.roster.mode("classes") == model::RosterFileMode::delta);
  }
}

TEST_CASE("Wonde refusals name the school and the fix, never the token", "[adapter]") {
  for (int status : {401, 403}) {
    RecordedFetcher f;
    f.reply(kStudents, R"({"error":"Unauthenticated. token )" + kToken + R"("})", status);
    f.reply(kEmployees, page("", ""));
    f.reply(kClasses, page("", ""));
    auto message = failure_of([&] { wonde::read_wonde(f, settings(), full_read()); });
    CHECK_THAT(message, Catch::Contains("Wonde refused the token for school A1930499544") &&
                            Catch::Contains("token_file") && Catch::Contains("approved senmap's access"));
    CHECK(message.find(kToken) == std::string::npos);
  }
  SECTION("a 422 quotes Wonde's message, with the token struck out if echoed") {
    RecordedFetcher f;
    f.reply(kStudents, R"({"message":"The updated after must be a date before )" + kToken + R"("})", 422);
    f.reply(kEmployees, page("", ""));
    f.reply(kClasses, page("", ""));
    auto message = failure_of([&] { wonde::read_wonde(f, settings(), full_read()); });
    CHECK_THAT(message, Catch::Contains("HTTP 422") && Catch::Contains("The updated after must be a date before"));
    CHECK(message.find(kToken) == std::string::npos);
  }
  SECTION("a 422 whose body is not JSON is quoted as text") {
    RecordedFetcher f;
    f.reply(kStudents, "Invalid include", 422);
    f.reply(kEmployees, page("", ""));
    f.reply(kClasses, page("", ""));
    CHECK_THAT(failure_of([&] { wonde::read_wonde(f, settings(), full_read()); }),
               Catch::Contains("\"Invalid include\""));
  }
  SECTION("a token file with more than the token is refused before any request") {
    RecordedFetcher f;
    auto s = settings();
    s.token = kToken + "\nX-Other: 1";
    auto message = failure_of([&] { wonde::read_wonde(f, s, full_read()); });
    CHECK_THAT(message, Catch::Contains("token_file"));
    CHECK(message.find(kToken) == std::string::npos);
    CHECK(f.seen.empty());
  }
  SECTION("a school id that would change the path is refused before any request") {
    RecordedFetcher f;
    auto s = settings();
    s.school_id = "A1/../../other";
    CHECK_THAT(failure_of([&] { wonde::read_wonde(f, s, full_read()); }), Catch::Contains("not a Wonde school id"));
    CHECK(f.seen.empty());
  }
}

TEST_CASE("Wonde marksheet results are read only when asked for", "[adapter]") {
  auto f = school();
  f.reply(kBase + "assessment/results/?per_page=200&include=aspect,result_set",
          page(R"({"id":"R1","student":"B1","result":"3b","aspect":{"data":{"name":"Reading"}},)"
               R"("result_set":{"data":{"name":"Autumn 2"}},"collection_date":)" +
                   php_date("2024-12-10 00:00:00") + "}," + R"({"id":"R2","student":"B1","result":"4c"})",
               ""));
  auto s = settings();
  s.read_assessments = true;
  auto read = wonde::read_wonde(f, s, full_read());
  const auto& b1 = pupil(read, "1001");
  REQUIRE(b1.assessments.size() == 1);
  CHECK(b1.carries.assessments);
  CHECK(b1.assessments[0].subject == "Reading");
  CHECK(b1.assessments[0].component == "Autumn 2");
  CHECK(b1.assessments[0].result == "3b");
  CHECK(b1.assessments[0].year == 2024);
  CHECK_FALSE(pupil(read, "1002").carries.assessments);
  CHECK(read.warnings.back().record == "R2");
}

TEST_CASE("Wonde SEN statuses, NC years and PHP dates are read leniently, unknowns left unknown", "[adapter]") {
  using wonde::sen_provision_of;
  CHECK(sen_provision_of("K") == "K");
  CHECK(sen_provision_of("SEN Support") == "K");
  CHECK(sen_provision_of("sen_support") == "K");
  CHECK(sen_provision_of("E") == "E");
  CHECK(sen_provision_of("EHC Plan") == "E");
  CHECK(sen_provision_of("Statement") == "E");
  CHECK(sen_provision_of("N") == "N");
  CHECK(sen_provision_of("No SEN") == "N");
  CHECK_FALSE(sen_provision_of(""));
  CHECK_FALSE(sen_provision_of("Unknown"));
  CHECK_FALSE(sen_provision_of("Q"));

  CHECK(wonde::nc_year_of("Year 10") == "10");
  CHECK(wonde::nc_year_of("R") == "R");
  CHECK(wonde::nc_year_of("Reception") == "R");
  CHECK(wonde::nc_year_of("Y7") == "7");
  CHECK_FALSE(wonde::nc_year_of("Year 15"));

  auto date = [](const std::string& json) { return wonde::parse_php_date(boost::json::parse(json)); };
  auto a = date(php_date("2015-10-29 14:53:44.000000"));
  REQUIRE(a);
  CHECK(a->date == std::chrono::year{2015} / 10 / 29);
  CHECK(wonde::format_wonde_time(a->moment) == "2015-10-29 14:53:44");
  CHECK(a->timezone == "UTC");
  CHECK(date(php_date("2015-10-29 14:53:44")));
  CHECK(date(php_date("2015-10-29 00:00:00.000000", "Europe/London"))->date == std::chrono::year{2015} / 10 / 29);
  CHECK_FALSE(date(php_date("2015-10-29 14:53:44.0000x0")));
  CHECK_FALSE(date(php_date("29/10/2015")));
  CHECK_FALSE(date(R"({"timezone":"UTC"})"));
  CHECK(wonde::parse_wonde_time("2025-03-20 10:00:00"));
  CHECK_FALSE(wonde::parse_wonde_time("2025-03-20T10:00:00Z"));
}

TEST_CASE("Wonde session marks on a full read become this year's marks, codes resolved", "[adapter]") {
  auto f = school();
  auto mark = [](const std::string& id, const std::string& student, const std::string& date, const std::string& session,
                 const std::string& code) {
    return R"({"id":")" + id + R"(","student":")" + student + R"(","date":)" + php_date(date, "Europe/London") +
           R"(,"session":")" + session + R"(",)" + code + "}";
  };
  // Friday 14 and Monday 17 March 2025: the weekend is not in the string.
  f.reply(kAttendance,
          page(mark("M1", "B1", "2025-03-14 00:00:00.000000", "AM", R"("attendance_code":"AC1")") + "," +
                   mark("M2", "B1", "2025-03-14 00:00:00.000000", "pm",
                        R"("attendance_code":{"data":{"id":"AC7","code":"L"}})") +
                   "," + mark("M3", "B1", "2025-03-17 00:00:00.000000", "AM", R"("attendance_code_id":"AC2")") + "," +
                   mark("M4", "B1", "2024-06-20 00:00:00.000000", "AM", R"("attendance_code":"AC1")") + "," +
                   mark("M5", "B2", "2025-03-14 00:00:00.000000", "AM", R"("attendance_code":"AC9")") + "," +
                   mark("M6", "B2", "2025-03-17 00:00:00.000000", "AM", R"("attendance_code":"AC9")") + "," +
                   mark("M7", "B2", "2025-03-17 00:00:00.000000", "AM", R"("attendance_code":"AC3")") + "," +
                   mark("M8", "B4", "2025-03-17 00:00:00.000000", "EVE", R"("attendance_code":"AC1")") + "," +
                   mark("M9", "B99", "2025-03-17 00:00:00.000000", "AM", R"("attendance_code":"AC1")"),
               ""));
  auto read = wonde::read_wonde(f, settings(), full_read());
  const auto& b1 = pupil(read, "1001");
  REQUIRE(b1.attendance.size() == 1);
  CHECK(b1.carries.attendance);
  CHECK(b1.attendance[0].year == 2024);
  CHECK(b1.attendance[0].marks == "/LN-");
  CHECK(b1.attendance[0].sessions_possible == 3);
  CHECK(b1.attendance[0].sessions_attended == 2);
  // Last year's mark (M4) is left out; so are a leaver's (B99) and those that cannot be read.
  CHECK(read.details.at("attendance_marks") == 3);
  CHECK(read.details.at("attendance_marks_unmatched") == 1);
  // A pupil the register has nothing usable for carries attendance with no year: nothing replaced.
  CHECK(pupil(read, "1002").attendance.empty());
  CHECK(pupil(read, "1002").carries.attendance);
  // One warning per kind of fault, counted: an unknown code id (twice), a code that is not one
  // character, a session that is neither AM nor PM.
  std::vector<std::string> rules;
  for (const auto& w : read.warnings)
    if (w.file == "Wonde attendance/session/") rules.push_back(w.path + ": " + w.value + ": " + w.rule);
  REQUIRE(rules.size() == 3);
  CHECK_THAT(rules[0], Catch::Contains("AC9") && Catch::Contains("(2 marks like it)"));
  CHECK_THAT(rules[1], Catch::Contains("Late") && Catch::Contains("one-character"));
  CHECK_THAT(rules[2], Catch::Contains("EVE") && Catch::Contains("AM or PM"));
  CHECK(f.asked_for(kCodes));

  SECTION("a delta does not read the register: the marks held stand") {
    RecordedFetcher g;
    const std::string since = "&updated_after=2025-03-20%2009:50:00";
    g.reply(kStudents + since, page(student("B1", "1001", "W938412325008", "E"), ""));
    g.reply(kEmployees + since, page("", ""));
    g.reply(kClasses + since, page("", ""));
    g.reply(kBase + "deletions/?per_page=200&type=student&updated_after=2025-03-20%2009:50:00", page("", ""));
    auto request = full_read();
    request.full = false;
    request.cursors = {
        {"students", "2025-03-20 10:00:00"}, {"classes", "2025-03-20 10:00:00"}, {"employees", "2025-03-20 10:00:00"}};
    auto delta = wonde::read_wonde(g, settings(), request);
    CHECK_FALSE(g.asked_for(kBase + "attendance"));
    CHECK_FALSE(delta.pupils.at(0).carries.attendance);
  }
}

TEST_CASE("A Wonde register that never ends stops at a cap sized to the school", "[adapter]") {
  auto f = school();
  int n = 0;
  f.replies.erase(kAttendance);
  f.fallback = [&](const live::Request& r) {
    if (!r.url.starts_with(kBase + "attendance/session/")) throw std::logic_error("unexpected " + r.url);
    ++n;
    return live::Response{200, {}, page("", kBase + "attendance/session/?page=" + std::to_string(n + 1)), ""};
  };
  auto s = settings();
  s.max_pages = 5;
  auto message = failure_of([&] { wonde::read_wonde(f, s, full_read()); });
  CHECK_THAT(message, Catch::Contains("attendance") && Catch::Contains("pages"));
  // 5 pupils, two marks a weekday since 1 July 2024 (~187 weekdays), twice over, 200 a page: the
  // cap is above max_pages (a year of marks is longer than any other list) but still finite.
  CHECK(n > 5);
  CHECK(n < 40);
}
