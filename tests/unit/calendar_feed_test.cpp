// Calendar feeds: the secret URL finds its member of staff only while it is their live feed, and
// the feed lists only the review dates of pupils they may see, named by first name and initial.
#include "http/calendar_feed.hpp"

#include "ops/calendar_feeds.hpp"
#include "ops_fixture.hpp"

namespace {

// "/calendar/<selector>.<secret>.ics" -> "<selector>.<secret>"
std::string feed_of(const boost::json::value& response) {
  std::string path(response.at("path").as_string());
  REQUIRE(path.starts_with("/calendar/"));
  REQUIRE(path.ends_with(".ics"));
  return path.substr(10, path.size() - 14);
}

struct Staffed : School {
  explicit Staffed(const std::string& name) : School(name) {
    db.exec(
        "INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES "
        "(1, 1, 'stf-01', 'Ravi', 'Patel', 'teacher'), (2, 1, 'stf-02', 'Hannah', 'Jones', 'aide'), "
        "(3, 1, 'stf-03', 'Sam', 'Ahmed', 'other'), (4, 1, 'stf-04', 'Jo', 'Lee', 'administrator');"
        "INSERT INTO staff_role (staff_id, role, set_at, set_by) VALUES (1, 'teacher', 'x', 'x'), (2, 'ta', 'x', 'x'), "
        "(3, 'governor', 'x', 'x'), (4, 'senco', 'x', 'x');"
        "INSERT INTO school_class (id, school_id, sourced_id, title) VALUES (1, 1, 'cls-7ma', '7MA Maths');"
        "INSERT INTO class_member (class_id, sourced_id, pupil_id, role) SELECT 1, 'e-' || upn, id, 'student' FROM "
        "pupil "
        "WHERE upn IN ('A938412323001', 'P938412323002');"
        "INSERT INTO class_member (class_id, sourced_id, staff_id, role) VALUES (1, 'e-t', 1, 'teacher');"
        "INSERT INTO ta_assignment (staff_id, pupil_id, assigned_on, assigned_by) SELECT 2, id, 'x', 'x' FROM pupil "
        "WHERE upn = 'D938412323003';");
  }
  boost::json::value feed(const std::string& request) {
    auto r = call("calendar.feed", request);
    REQUIRE(r.status == Status::ok);
    return r.response;
  }
  // A planned cycle whose review falls due on `due`.
  void plan_review(const std::string& upn, const std::string& due) {
    auto assessed = call("cycle.assess", R"({"upn":")" + upn + R"(","date":"2025-05-01"})");
    REQUIRE(assessed.status == Status::ok);
    auto id = std::to_string(assessed.response.at("id").to_number<std::int64_t>());
    auto planned =
        call("cycle.plan",
             R"({"cycle_id":)" + id + R"(,"date":"2025-05-02","review_due":")" + due +
                 R"(","targets":[{"target":"Reads 20 key words","success_criteria":"in two weeks running"}]})");
    REQUIRE(planned.status == Status::ok);
  }
};

}  // namespace

TEST_CASE("calendar feed: made once, rotated, revoked; a wrong or old secret finds nobody", "[unit]") {
  Staffed school("calendar-feed-secrets.db");
  auto first = feed_of(school.feed(R"({"staff_id":"stf-01"})"));
  auto holder = ops::calendar_feed_actor(school.db, first);
  REQUIRE(holder);
  CHECK(holder->staff.sourced_id == "stf-01");
  CHECK(holder->role == ops::Role::teacher);

  // Wrong: the last character of the secret, the selector, the shape; an API token's shape.
  auto flipped = first;
  flipped.back() = flipped.back() == '0' ? '1' : '0';
  auto other_selector = first;
  other_selector.front() = other_selector.front() == '0' ? '1' : '0';
  for (const auto& wrong : {flipped, other_selector, first.substr(1), first + "0", std::string(), std::string("x.y"),
                            first.substr(0, 24) + "_" + first.substr(25), std::string(first.size(), 'G')})
    CHECK_FALSE(ops::calendar_feed_actor(school.db, wrong));

  // Shown once: a second address only when asked to replace the first, which then stops working.
  CHECK(school.refused_fields(school.call("calendar.feed", R"({"staff_id":"stf-01"})")) ==
        std::vector<std::string>{"rotate"});
  auto second_response = school.feed(R"({"staff_id":"stf-01","rotate":true})");
  CHECK(second_response.at("replaced").as_bool());
  auto second = feed_of(second_response);
  CHECK(second != first);
  CHECK_FALSE(ops::calendar_feed_actor(school.db, first));
  CHECK(ops::calendar_feed_actor(school.db, second));
  auto live = school.db.prepare("SELECT COUNT(*) FROM calendar_feed WHERE staff_id = 1 AND revoked_at IS NULL");
  REQUIRE(live.step());
  CHECK(live.integer(0) == 1);

  // Only the secret's hash is stored.
  auto stored = school.db.prepare("SELECT selector || secret_hash FROM calendar_feed");
  while (stored.step()) CHECK(stored.text(0).find(second.substr(25)) == std::string::npos);

  // Revoked: nothing works until a new one is made.
  CHECK(school.feed(R"({"staff_id":"stf-01","revoke":true})").at("revoked").as_bool());
  CHECK_FALSE(ops::calendar_feed_actor(school.db, second));
  CHECK_FALSE(school.feed(R"({"staff_id":"stf-01","revoke":true})").at("revoked").as_bool());
  auto third = feed_of(school.feed(R"({"staff_id":"stf-01"})"));
  CHECK(ops::calendar_feed_actor(school.db, third));

  // A member of staff who has left, or whose role was taken away, has no feed any more.
  school.db.exec("UPDATE staff SET left_on = '2025-06-01' WHERE id = 1");
  CHECK_FALSE(ops::calendar_feed_actor(school.db, third));
  school.db.exec("UPDATE staff SET left_on = NULL WHERE id = 1; DELETE FROM staff_role WHERE staff_id = 1");
  CHECK_FALSE(ops::calendar_feed_actor(school.db, third));

  // Governors see no named pupil: no feed to make. Nor for someone without a role.
  CHECK(school.refused_fields(school.call("calendar.feed", R"({"staff_id":"stf-03"})")) ==
        std::vector<std::string>{"staff_id"});
  CHECK(school.refused_fields(school.call("calendar.feed", R"({"staff_id":"stf-01","rotate":true})")) ==
        std::vector<std::string>{"staff_id"});
  CHECK(school.call("calendar.feed", R"({"staff_id":"stf-99"})").status == Status::not_found);
}

TEST_CASE("calendar feed: a teacher's classes, a TA's pupils, the SENCO's school; first name and initial only",
          "[unit]") {
  Staffed school("calendar-feed-content.db");
  school.plan_review("A938412323001", "2025-07-10");  // Zoë O'Brien: in the teacher's class
  school.plan_review("D938412323003", "2025-07-11");  // Łukasz Nowak: assigned to the TA
  auto content_for = [&](const char* staff) {
    auto feed = feed_of(school.feed(std::string(R"({"staff_id":")") + staff + R"(","rotate":true})"));
    auto actor = ops::calendar_feed_actor(school.db, feed);
    REQUIRE(actor);
    return http::calendar_feed_content(school.db, *actor, school.context.today, school.context.clock);
  };
  auto teacher = content_for("stf-01");
  CHECK_THAT(teacher.ics, Catch::Contains("SUMMARY:SEN support review due: Zoë O."));
  CHECK_THAT(teacher.ics, Catch::Contains("DTSTART;VALUE=DATE:20250710"));
  CHECK_THAT(teacher.ics, !Catch::Contains("Łukasz"));
  CHECK(teacher.upns == std::vector<std::string>{"A938412323001"});
  auto ta = content_for("stf-02");
  CHECK_THAT(ta.ics, Catch::Contains("SUMMARY:SEN support review due: Łukasz N."));
  CHECK_THAT(ta.ics, !Catch::Contains("Zoë"));
  auto senco = content_for("stf-04");
  CHECK(senco.upns.size() == 2);
  for (const auto& ics : {teacher.ics, ta.ics, senco.ics}) {
    CHECK_THAT(ics, !Catch::Contains("O'Brien"));
    CHECK_THAT(ics, !Catch::Contains("Nowak"));
    CHECK_THAT(ics, !Catch::Contains("938412323"));           // no UPN
    CHECK_THAT(ics, !Catch::Contains("Reads 20 key words"));  // no target
  }
  // The same review keeps its UID from one fetch to the next; a class change shows at the next fetch.
  auto uid = [](const std::string& ics) {
    return ics.substr(ics.find("UID:"), ics.find("\r\n", ics.find("UID:")) - ics.find("UID:"));
  };
  CHECK(uid(content_for("stf-01").ics) == uid(teacher.ics));
  school.db.exec("UPDATE class_member SET end_date = '2025-05-31' WHERE staff_id = 1");
  CHECK(content_for("stf-01").upns.empty());
}

#include "http/pages/calendar_page.hpp"

TEST_CASE("calendar page: the address shown once, escaped; forms only with a session; none for a governor", "[unit]") {
  using http::pages::CalendarView;
  CalendarView view;
  view.frame = {"", "Ravi <Patel>", "", {}};
  auto page = http::pages::calendar_page(view);
  CHECK_THAT(page, Catch::Contains("Ravi &lt;Patel&gt;"));
  CHECK_THAT(page, !Catch::Contains(
                       "<form method=\"post\" action=\"/calendar/feed\""));  // an API token: no CSRF token, no form
  view.frame.csrf_token = "c0ffee";
  view.can_make = true;
  page = http::pages::calendar_page(view);
  CHECK_THAT(page, Catch::Contains("name=\"csrf_token\" value=\"c0ffee\""));
  CHECK_THAT(page, Catch::Contains("Make my calendar address"));
  CHECK_THAT(page, !Catch::Contains("Stop my calendar address"));
  view.made_at = "2026-11-29T23:00:00Z";
  page = http::pages::calendar_page(view);
  CHECK_THAT(page, Catch::Contains("You made a calendar address on 2026-11-29."));
  CHECK_THAT(page, Catch::Contains("Stop my calendar address"));
  view.new_address = "https://senmap.example\"><script>/calendar/a.b.ics";
  page = http::pages::calendar_page(view);
  CHECK_THAT(page, Catch::Contains("value=\"https://senmap.example&quot;&gt;&lt;script&gt;/calendar/a.b.ics\""));
  CHECK_THAT(page, Catch::Contains("Anyone who has this address"));
  CHECK_THAT(page, !Catch::Contains("<script"));
  CalendarView governor;
  governor.sees_pupils = false;
  governor.can_make = true;
  CHECK_THAT(http::pages::calendar_page(governor), !Catch::Contains("<form method=\"post\" action=\"/calendar/feed\""));
}
