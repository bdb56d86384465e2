// The governors' SEND report on the small fixture and on it with six more pupils on SEN support:
// no count of fewer than 5 pupils is ever shown (a group of 2 reads "fewer than 5", and so does the
// percentage worked from it), a need hidden alone hides the next smallest, and the figures that
// are shown are the known ones.
#include "ops_fixture.hpp"

namespace {

// Pupils on SEN support since September with `need` as their primary need (UPNs need not pass
// the check digit for this: the report reads the store).
void add_pupils(store::Database& db, int first, int count, const std::string& need) {
  for (int i = first; i < first + count; ++i) {
    const auto upn = "Z9384123230" + std::to_string(10 + i);
    db.prepare(
          "INSERT INTO pupil (upn, school_id, surname, forename, dob, sex, nc_year, source_datetime, fingerprint) "
          "VALUES (?1, 1, 'Pupil', 'Extra', '2013-01-01', 'F', '7', '2024-09-01T00:00:00', 'x')")
        .bind(1, upn)
        .run();
    db.prepare(
          "INSERT INTO sen_status_period (pupil_id, start_date, provision) SELECT id, '2024-09-04', 'K' FROM "
          "pupil WHERE upn = ?1")
        .bind(1, upn)
        .run();
    db.prepare(
          "INSERT INTO sen_need (pupil_id, need_type, rank, start_date) SELECT id, ?2, 1, '2024-09-04' FROM pupil "
          "WHERE upn = ?1")
        .bind(1, upn)
        .bind(2, need)
        .run();
  }
}

const json::object& need_row(const json::value& report, std::string_view need) {
  for (const auto& n : report.at("sections").at("register").at("by_need").as_array())
    if (n.at("need").as_string() == need) return n.as_object();
  FAIL("no need " << need);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("The governors' report never shows a group of fewer than 5 pupils", "[unit]") {
  School school("governors-small.db");
  // Two suspensions, of two pupils: a group of 2.
  REQUIRE(school
              .call("exclusion.record", R"({"upn":"A938412323001","kind":"suspension","start_date":"2025-01-13",
      "sessions":2})")
              .status == Status::ok);
  REQUIRE(school
              .call("exclusion.record", R"({"upn":"P938412323002","kind":"suspension","start_date":"2025-02-03",
      "sessions":2})")
              .status == Status::ok);
  auto governors = school.call("report.governors", R"({"academic_year":2024})");
  REQUIRE(governors.status == Status::ok);
  const auto& r = governors.response;
  CHECK(r.at("suppression").at("threshold") == 5);
  const auto& reg = r.at("sections").at("register");
  CHECK(reg.at("roll") == 5);
  CHECK(reg.at("sen_support").is_null());  // Zoë and Amara: 2
  CHECK(reg.at("sen_support_percent").is_null());
  CHECK(reg.at("ehc_plan").is_null());  // Siân: 1
  CHECK(reg.at("national_sen_support_percent").is_number());
  CHECK(need_row(r, "SLCN").at("sen_support").is_null());
  const auto& all = r.at("sections").at("exclusions").at("groups").at(0);
  CHECK(all.at("pupils") == 5);
  CHECK(all.at("pupils_suspended").is_null());
  CHECK(all.at("suspensions").is_null());
  CHECK(all.at("suspension_rate").is_null());  // 40 per 100 would give the 2 back
  CHECK(all.at("national_suspension_rate").as_double() == 11.31);
  // The commentary says nothing that rests on a hidden group.
  for (const auto& line : r.at("commentary").as_array()) {
    CHECK(std::string(line.as_string()).find("Suspensions") == std::string::npos);
    CHECK(std::string(line.as_string()).find("register") == std::string::npos);
  }
  // In words: "fewer than 5", never the 2.
  auto document = ops::report_document("report.governors", r);
  REQUIRE(document);
  const auto html = report::document_file(*document);
  CHECK(html.find("fewer than 5") != std::string::npos);
  CHECK(html.find("<td>2</td>") == std::string::npos);
  CHECK(html.find("<td>40</td>") == std::string::npos);
  CHECK(html.find("Zo") == std::string::npos);  // no pupil named
}

TEST_CASE("The governors' report: known figures, and a need hidden alone hides the next smallest", "[unit]") {
  School school("governors-known.db");
  add_pupils(school.db, 0, 6, "SEMH");
  REQUIRE(school
              .call("budget.set", R"({"academic_year":2024,"notional_sen_budget":40000,
      "other_income":[{"description":"Inclusion fund","amount":2000}]})")
              .status == Status::ok);
  REQUIRE(school.call("senco.set", R"({"hours_per_week":4})").status == Status::ok);
  auto r = school.call("report.governors", R"({"academic_year":2024})").response;
  const auto& reg = r.at("sections").at("register");
  // SEN support: Zoë (SLCN), Amara (NSA) and the six SEMH pupils: 8 of 11 on roll.
  CHECK(reg.at("roll") == 11);
  CHECK(reg.at("sen_support") == 8);
  CHECK(reg.at("sen_support_percent").as_double() == 72.7);
  CHECK(need_row(r, "SEMH").at("sen_support") == 6);
  CHECK(need_row(r, "SEMH").at("sen_support_percent").as_double() == 75.0);
  CHECK(need_row(r, "SLCN").at("sen_support").is_null());
  CHECK(need_row(r, "NSA").at("sen_support").is_null());
  // Money is not about a pupil: shown as entered.
  const auto& funding = r.at("sections").at("funding");
  CHECK(funding.at("income_total").as_double() == 42000);
  CHECK(r.at("sections").at("senco").at("hours_per_week").as_double() == 4);
  CHECK(r.at("sections").at("senco").at("register_pupils_per_hour").as_double() == 2.3);  // 9 / 4

  // One need alone under 5 (Zoë's SLCN, once Amara's NSA has four more): the next smallest (NSA, 5)
  // is hidden too, so SLCN cannot be found by taking the others from the total of 12.
  add_pupils(school.db, 6, 4, "NSA");
  r = school.call("report.governors", R"({"academic_year":2024})").response;
  CHECK(r.at("sections").at("register").at("sen_support") == 12);
  CHECK(need_row(r, "SLCN").at("sen_support").is_null());
  CHECK(need_row(r, "NSA").at("sen_support").is_null());
  CHECK(need_row(r, "NSA").at("sen_support_percent").is_null());
  CHECK(need_row(r, "SEMH").at("sen_support") == 6);
  auto document = ops::report_document("report.governors", r);
  REQUIRE(document);
  CHECK(report::document_file(*document).find("£42,000.00") != std::string::npos);
}

TEST_CASE("The handover pack: plans without dates, reviews due this term, agencies and their contacts", "[unit]") {
  School school("handover.db");
  school.db.exec(
      "INSERT INTO school_term (school_id, name, start_date, end_date) VALUES (1, 'summer', '2025-04-22', "
      "'2025-07-18')");
  auto cycle = school.call("cycle.assess", R"({"upn":"A938412323001","date":"2025-05-06"})");
  REQUIRE(cycle.status == Status::ok);
  REQUIRE(school
              .call("cycle.plan",
                    R"({"cycle_id":)" + std::to_string(cycle.response.at("id").as_int64()) +
                        R"(,"date":"2025-05-12","review_due":"2025-07-07","targets":[{"target":"Reads a page aloud",
      "success_criteria":"3 of 4 sessions"}]})")
              .status == Status::ok);
  REQUIRE(school
              .call("agency.save", R"({"name":"County EPS","service":"educational_psychology",
      "phone":"01632 960123","referral_route":"Planning meeting"})")
              .status == Status::ok);
  auto pack = school.call("report.handover", "{}");
  REQUIRE(pack.status == Status::ok);
  const auto& r = pack.response;
  CHECK(r.at("term_ends") == "2025-07-18");
  REQUIRE(r.at("ehc_plans_without_dates").as_array().size() == 1);  // Siân: E in the MIS, no plan's dates
  CHECK(r.at("ehc_plans_without_dates").at(0).at("upn") == "P938412323002");
  REQUIRE(r.at("reviews_due_this_term").as_array().size() == 1);
  CHECK(r.at("reviews_due_this_term").at(0).at("review_due") == "2025-07-07");
  CHECK(r.at("reviews_due_this_term").at(0).at("overdue") == false);
  REQUIRE(r.at("agencies").as_array().size() == 1);
  auto document = ops::report_document("report.handover", r);
  REQUIRE(document);
  const auto html = report::document_file(*document);
  for (const char* shown : {"SENCO handover pack", "2025-07-07", "01632 960123", "Planning meeting", "P938412323002"})
    CHECK(html.find(shown) != std::string::npos);
}

TEST_CASE("The SEN Information Report: drafted from the figures, small counts unpublished, edits kept per year",
          "[unit]") {
  School school("sen-information.db");
  REQUIRE(school.call("agency.save", R"({"name":"County EPS","service":"educational_psychology"})").status ==
          Status::ok);
  auto report = school.call("report.sen_information", R"({"academic_year":2024})");
  REQUIRE(report.status == Status::ok);
  const auto& sections = report.response.at("sections").as_array();
  REQUIRE(sections.size() == 15);  // every section Schedule 1 asks for
  CHECK(sections.at(0).at("section") == "kinds_of_sen");
  const std::string kinds(sections.at(0).at("text").as_string());
  // 5 on roll, 3 on the register (2 SEN support, 1 EHC plan): all fewer than 5, so none published.
  CHECK(kinds.find("Of our 5 pupils, fewer than 5 have special educational needs") != std::string::npos);
  CHECK(kinds.find(" 2 ") == std::string::npos);
  CHECK(std::string(sections.at(12).at("text").as_string()).find("County EPS") != std::string::npos);
  CHECK(report.response.at("sections_edited") == 0);

  CHECK(school.refused_fields(school.call("sen_information.edit", R"({"academic_year":2024,"section":"jokes",
      "text":"x"})")) == std::vector<std::string>{"section"});
  auto edited = school.call("sen_information.edit", R"({"academic_year":2024,"section":"inclusion_in_activities",
      "text":"Every club is open to every pupil.\nWe adapt trips so that all can go."})");
  REQUIRE(edited.status == Status::ok);
  CHECK(edited.response.at("edited") == true);
  report = school.call("report.sen_information", R"({"academic_year":2024})");
  CHECK(report.response.at("sections_edited") == 1);
  CHECK(report.response.at("sections").at(10).at("text") ==
        "Every club is open to every pupil.\nWe adapt trips so that all can go.");
  // Kept for that year only: the next year starts from the draft.
  auto next = school.call("report.sen_information", R"({"academic_year":2025})").response;
  CHECK(next.at("sections").at(10).at("edited") == false);
  // In the document each line is a paragraph.
  auto document = ops::report_document("report.sen_information", report.response);
  REQUIRE(document);
  CHECK(document->sections.at(10).paragraphs.size() == 2);
  // No text: back to senmap's draft.
  REQUIRE(school.call("sen_information.edit", R"({"academic_year":2024,"section":"inclusion_in_activities"})").status ==
          Status::ok);
  CHECK(school.call("report.sen_information", R"({"academic_year":2024})").response.at("sections_edited") == 0);
}
