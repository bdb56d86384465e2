// Suspensions and permanent exclusions the school records: one at a time or from its exclusion log,
// every rule named; counted by report.exclusions in place of the register's E marks, and a
// permanent exclusion counted though the pupil has left the roll.
#include <fstream>

#include "ops_fixture.hpp"

namespace {

std::int64_t exclusions(store::Database& db) {
  auto s = db.prepare("SELECT COUNT(*) FROM exclusion");
  s.step();
  return s.integer(0);
}

std::map<std::string, json::object> groups_of(const json::value& report) {
  std::map<std::string, json::object> out;
  for (const auto& g : report.at("groups").as_array()) out[std::string(g.at("group").as_string())] = g.as_object();
  return out;
}

}  // namespace

TEST_CASE("Recording an exclusion: each rule named, and the same one again corrects it", "[unit]") {
  School school("exclusion-record.db");
  auto refused = school.call(
      "exclusion.record",
      R"({"upn":"A938412323001","kind":"holiday","start_date":"2025-01-13","end_date":"2025-01-10","sessions":200})");
  CHECK(school.refused_fields(refused) == std::vector<std::string>{"kind"});
  refused = school.call("exclusion.record",
                        R"({"upn":"A938412323001","kind":"fixed-term","start_date":"2025-01-13","end_date":"2025-01-10",
                            "sessions":200})");
  CHECK(school.refused_fields(refused) == std::vector<std::string>{"end_date", "sessions"});
  CHECK(school.refused_fields(school.call(
            "exclusion.record", R"({"upn":"A938412323001","kind":"suspension","start_date":"2025-01-13"})")) ==
        std::vector<std::string>{"sessions"});
  CHECK(school.refused_fields(school.call("exclusion.record",
                                          R"({"upn":"A938412323001","kind":"permanent","start_date":"2025-07-01"})")) ==
        std::vector<std::string>{"start_date"});  // after today (2 June 2025)
  CHECK(exclusions(school.db) == 0);

  auto first = school.call("exclusion.record", R"({"upn":"A938412323001","kind":"Fixed-term",
      "start_date":"2025-01-13","end_date":"2025-01-14","sessions":4,"reason":"PD"})");
  REQUIRE(first.status == Status::ok);
  CHECK(first.response.at("kind") == "suspension");
  CHECK(first.response.at("recorded") == "new");
  auto again = school.call("exclusion.record", R"({"upn":"A938412323001","kind":"suspension",
      "start_date":"2025-01-13","end_date":"2025-01-13","sessions":2,"reason":"PD"})");
  CHECK(again.response.at("recorded") == "corrected");
  auto list = school.call("exclusion.list", R"({"upn":"A938412323001"})").response;
  REQUIRE(list.at("exclusions").as_array().size() == 1);
  CHECK(list.at("exclusions").at(0).at("sessions") == 2);
  CHECK(list.at("exclusions").at(0).at("reason") == "PD");
}

TEST_CASE("Exclusion records count in place of E marks; a permanent exclusion counts after the pupil left", "[unit]") {
  School school("exclusion-count.db");
  // Zoë (SEN support) has E marks that read as two suspensions; her record says one, of 3 sessions.
  school.db.exec("UPDATE attendance_year SET marks = '//EE#EE//E/', marks_start = '2024-09-02' WHERE year = 2024");
  REQUIRE(school
              .call("exclusion.record", R"({"upn":"A938412323001","kind":"suspension","start_date":"2024-09-04",
      "sessions":3,"reason":"VA"})")
              .status == Status::ok);
  // Łukasz (no SEN) was permanently excluded in March and has left the roll since.
  REQUIRE(school
              .call("exclusion.record",
                    R"({"upn":"D938412323003","kind":"permanent","start_date":"2025-03-10","reason":"PA"})")
              .status == Status::ok);
  school.db.exec("UPDATE pupil SET left_on = '2025-03-20' WHERE upn = 'D938412323003'");
  // A record from last year is not this year's.
  REQUIRE(school
              .call("exclusion.record",
                    R"({"upn":"T938412323004","kind":"suspension","start_date":"2024-06-10","sessions":2})")
              .status == Status::ok);

  auto x = school.call("report.exclusions", R"({"academic_year":2024})");
  REQUIRE(x.status == Status::ok);
  auto groups = groups_of(x.response);
  CHECK(groups["all"].at("pupils").to_number<int>() == 5);  // Łukasz still counted
  CHECK(groups["all"].at("suspensions").to_number<int>() == 1);
  CHECK(groups["all"].at("sessions_lost").to_number<int>() == 3);
  CHECK(groups["all"].at("permanent_exclusions").to_number<int>() == 1);
  CHECK(groups["all"].at("permanent_exclusion_rate").to_number<double>() == Approx(20.0));
  CHECK(groups["no_sen"].at("permanent_exclusions").to_number<int>() == 1);
  CHECK(groups["sen_support"].at("suspensions").to_number<int>() == 1);
  CHECK(groups["sen_support"].at("permanent_exclusions").to_number<int>() == 0);
  CHECK(x.response.at("pupils_counted_from_records").to_number<int>() == 1);
  // Why, from the records' reason codes: Amara's was last year, so not among them.
  const auto& why = x.response.at("by_reason").as_array();
  REQUIRE(why.size() == 2);
  CHECK(why[0].at("reason") == "PA");
  CHECK(why[0].at("permanent_exclusions") == 1);
  CHECK(why[1].at("reason") == "VA");
  CHECK(why[1].at("suspensions") == 1);
  // The year before: Amara's record, and Łukasz not yet excluded (he is off the roll today, so
  // he is not counted in a year he has no exclusion in).
  auto before = groups_of(school.call("report.exclusions", R"({"academic_year":2023})").response);
  CHECK(before["all"].at("suspensions").to_number<int>() == 1);
  CHECK(before["all"].at("permanent_exclusions").to_number<int>() == 0);
  CHECK(before["all"].at("pupils").to_number<int>() == 4);
}

TEST_CASE("The exclusion log from a CSV: all rows or none, each problem named; importing it again never doubles",
          "[unit]") {
  School school("exclusion-import.db");
  const auto file = fresh("exclusions.csv");
  std::ofstream(file) << "UPN,Type,Start date,End date,Sessions lost,Reason code\n"
                      << "A938412323001,Fixed term,13/01/2025,14/01/2025,4,PD\n"
                      << "P938412323002,Fixed term,2025-02-03,,four,PD\n"      // line 3: sessions not a number
                      << "T938412323004,expelled,2025-02-03,,,\n"              // line 4: no such kind
                      << "Z999999999999,Permanent,2025-02-03,,,PA\n"           // line 5: no such pupil
                      << "G938412323005,Permanent,2025-02-03,2025-02-04,,\n";  // line 6: a last day
  auto refused = import_exclusions(school.context, file.string());
  CHECK(refused.at("recorded") == 0);
  std::vector<std::string> named;
  for (const auto& p : refused.at("problems").as_array())
    named.push_back(std::to_string(p.at("line").to_number<int>()) + " " + std::string(p.at("upn").as_string()) + " " +
                    std::string(p.at("field").as_string()));
  CHECK(named == std::vector<std::string>{"3 P938412323002 sessions", "4 T938412323004 kind", "5 Z999999999999 upn",
                                          "6 G938412323005 end_date"});
  CHECK(exclusions(school.db) == 0);

  std::ofstream(file) << "upn,kind,start_date,end_date,sessions,reason\n"
                      << "A938412323001,Fixed term,13/01/2025,14/01/2025,4,PD\n"
                      << "P938412323002,suspension,2025-02-03,,2,VA\n";
  for (int round = 0; round < 2; ++round) {
    auto recorded = import_exclusions(school.context, file.string());
    REQUIRE(recorded.at("problems").as_array().empty());
    CHECK(recorded.at("recorded") == 2);
  }
  CHECK(exclusions(school.db) == 2);
  auto groups = groups_of(school.call("report.exclusions", R"({"academic_year":2024})").response);
  CHECK(groups["all"].at("suspensions").to_number<int>() == 2);
  CHECK(groups["ehc_plan"].at("suspension_rate").to_number<double>() == Approx(100.0));
}
