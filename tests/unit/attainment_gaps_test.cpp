// Attainment gaps over time, known answers on the small school: each term's means with and
// without SEN, a pupil in the group of their status on the term's last day, their latest result
// in the term, the gap in points and in standard deviations, and the trend.
#include "ops_fixture.hpp"
#include "report/table.hpp"

namespace {

// Another pupil like `from` (no SEN history copied: not on the register).
void add_pupil_like(store::Database& db, const std::string& from, const std::string& upn) {
  auto info = db.prepare("SELECT name FROM pragma_table_info('pupil') WHERE name NOT IN ('id', 'upn')");
  std::string columns;
  while (info.step()) columns += ", " + info.text(0);
  db.exec("INSERT INTO pupil (upn" + columns + ") SELECT '" + upn + "'" + columns + " FROM pupil WHERE upn = '" + from +
          "'");
}

void result(store::Database& db, const std::string& upn, const std::string& subject, const std::string& value,
            const std::string& date) {
  static int seq = 0;
  auto s = db.prepare(
      "INSERT INTO assessment_result (pupil_id, source, seq, subject, result, result_date) SELECT id, 'test', ?2, ?3, "
      "?4, ?5 FROM pupil WHERE upn = ?1");
  s.bind(1, upn).bind(2, ++seq).bind(3, subject).bind(4, value).bind(5, date).run();
}

const std::vector<std::string> kSen{"A938412323001", "T938412323004", "P938412323002"};  // Zoë, Amara, Siân
const std::vector<std::string> kNoSen{"D938412323003", "G938412323005", "N1", "N2"};     // Łukasz, Tom, two more

}  // namespace

TEST_CASE("Attainment gaps by term: means with and without SEN, the gap in SDs, and whether it is closing", "[unit]") {
  School school("gaps.db");
  add_pupil_like(school.db, "D938412323003", "N1");
  add_pupil_like(school.db, "D938412323003", "N2");
  // Reading: the SEN group's mean rises 90, 94, 97 against 101 throughout: the gap closes 11, 7, 4
  // (Zoë's 84 of 4 December, the fixture's, is before her result of the 10th: not her latest).
  const std::vector<std::pair<std::string, std::vector<std::string>>> reading{
      {"2024-12-10", {"90", "92", "88"}}, {"2025-03-10", {"94", "96", "92"}}, {"2025-05-20", {"97", "99", "95"}}};
  for (const auto& [date, sen] : reading) {
    for (std::size_t i = 0; i < kSen.size(); ++i) result(school.db, kSen[i], "RDG", sen[i], date);
    for (std::size_t i = 0; i < kNoSen.size(); ++i)
      result(school.db, kNoSen[i], "RDG", std::vector<std::string>{"100", "104", "102", "98"}[i], date);
  }
  result(school.db, kSen[0], "RDG", "60", "2025-04-10");  // earlier in the summer term: her latest counts
  result(school.db, kSen[1], "RDG", "A", "2025-05-21");   // absent: no score
  // Maths in spring 2024, when Tom was on SEN support and Zoë not yet: status on the term's last day.
  for (const auto& [upn, score] : std::vector<std::pair<std::string, std::string>>{{"G938412323005", "80"},
                                                                                   {"P938412323002", "82"},
                                                                                   {"T938412323004", "84"},
                                                                                   {"A938412323001", "100"},
                                                                                   {"D938412323003", "100"},
                                                                                   {"N1", "100"},
                                                                                   {"N2", "104"}})
    result(school.db, upn, "MAT", score, "2024-03-01");

  auto r = school.call("report.attainment_gaps", "{}");
  REQUIRE(r.status == Status::ok);
  const auto& subjects = r.response.at("subjects").as_array();
  REQUIRE(subjects.size() == 2);
  const auto& maths = subjects[0].as_object();
  CHECK(maths.at("subject") == "MAT");
  const auto& spring = maths.at("terms").at(0);
  CHECK(spring.at("term") == "Spring 2024");
  CHECK(spring.at("sen_pupils") == 3);
  CHECK(spring.at("sen_mean").to_number<double>() == Approx(82.0));
  CHECK(spring.at("no_sen_mean").to_number<double>() == Approx(101.0));
  CHECK(spring.at("gap").to_number<double>() == Approx(19.0));
  CHECK(maths.at("trend").is_null());  // one term: too few to say

  const auto& rdg = subjects[1].as_object();
  const auto& terms = rdg.at("terms").as_array();
  REQUIRE(terms.size() == 3);
  CHECK(terms[0].at("term") == "Autumn 2024");
  CHECK(terms[0].at("from") == "2024-08-01");
  CHECK(terms[0].at("to") == "2024-12-31");
  std::vector<double> gaps, sds;
  for (const auto& t : terms) {
    CHECK(t.at("sen_pupils") == 3);
    CHECK(t.at("no_sen_pupils") == 4);
    gaps.push_back(t.at("gap").to_number<double>());
    sds.push_back(t.at("gap_sd").to_number<double>());
  }
  CHECK(gaps == std::vector<double>{11.0, 7.0, 4.0});
  CHECK(terms[2].at("sen_mean").to_number<double>() == Approx(97.0));  // Zoë's 60 earlier in the term left out
  // In standard deviations of the term's seven results (sample SD): 11 / 6.26, 7 / 4.32, 4 / 3.04.
  CHECK(sds[0] == Approx(1.76));
  CHECK(sds[1] == Approx(1.62));
  CHECK(sds[2] == Approx(1.32));
  CHECK(rdg.at("trend") == "closing");
  CHECK(rdg.at("fitted_change_sd").to_number<double>() == Approx(-0.44));
  CHECK(rdg.at("change").to_number<double>() == Approx(-7.0));

  // Fewer than three in a group: no gap. Only the last term shown: no trend either.
  auto last = school.call("report.attainment_gaps", R"({"terms":1})").response;
  CHECK(last.at("subjects").at(1).at("terms").as_array().size() == 1);
  CHECK(last.at("subjects").at(1).at("trend").is_null());
  auto year7 = school.call("report.attainment_gaps", R"({"year":"7"})").response;
  CHECK(year7.at("subjects").at(1).at("terms").at(0).at("gap").is_null());

  // The same in the analytics, and as a table with the trend on each row.
  auto analytics = school.call("report.register_analytics", "{}").response;
  CHECK(analytics.at("attainment_gaps").at("subjects").at(1).at("trend") == "closing");
  auto table = ops::report_table("report.attainment_gaps", r.response);
  REQUIRE(table);
  REQUIRE(table->rows.size() == 4);
  CHECK(table->rows[1][1] == report::Cell{std::string("Autumn 2024")});
  CHECK(table->rows[1][6] == report::Cell{11.0});
  CHECK(std::get<std::string>(table->rows[3][8]).starts_with("closing"));
}
