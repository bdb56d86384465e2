// TA deployment on the small fixture with one TA: the hours she led (named by run_by, or by her
// name as the MIS holds it), sessions no one is credited with, each pupil's share of support from
// TAs, and progress by that share.
#include "ops_fixture.hpp"

namespace {

std::string id_of(const ops::CallResult& r) {
  REQUIRE(r.status == Status::ok);
  return std::to_string(r.response.at("id").as_int64());
}

}  // namespace

TEST_CASE("TA deployment: a TA's hours, each pupil's share of support from TAs, progress by share", "[unit]") {
  School school("ta-deployment.db");
  school.db.exec(R"sql(
INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES (3, 1, 'stf-3', 'Cath', 'Carter', 'aide');
INSERT INTO school_class (id, school_id, sourced_id, title) VALUES (1, 1, 'cls-7a', '7A');
INSERT INTO class_member (class_id, sourced_id, staff_id, role) VALUES (1, 'stf-3', 3, 'aide');
INSERT INTO ta_assignment (staff_id, pupil_id, assigned_on, assigned_by)
  SELECT 3, id, '2024-09-02', 'test' FROM pupil WHERE upn = 'A938412323001';
)sql");
  const auto reading = id_of(school.call("provision.create", R"({"name":"Reading catch-up","areas":["SPLD"],"wave":2,
      "delivered_by":"ta","group_size":4,"sessions_per_week":3,"minutes_per_session":30,"weeks":12,
      "staff_hourly_cost":15})"));
  const auto maths = id_of(school.call("provision.create", R"({"name":"Maths group","areas":["MLD"],"wave":2,
      "delivered_by":"teacher","group_size":6,"sessions_per_week":1,"minutes_per_session":60,"weeks":12,
      "staff_hourly_cost":32})"));
  auto place = [&](const std::string& upn, const std::string& provision, const std::string& baseline) {
    return id_of(school.call("placement.start",
                             R"({"upn":")" + upn + R"(","provision_id":)" + provision + R"(,"start":"2025-01-06")" +
                                 (baseline.empty() ? "" : R"(,"baseline":")" + baseline + "\"") + "}"));
  };
  const auto zoe_reading = place("A938412323001", reading, "80");
  const auto amara_reading = place("T938412323004", reading, "85");
  place("A938412323001", maths, "");
  auto session = [&](const std::string& provision, const char* date, const std::string& present,
                     const std::string& who) {
    return school.call("session.record", R"({"provision_id":)" + provision + R"(,"date":")" + date +
                                             R"(","status":"delivered","present":[)" + present + "]" + who + "}");
  };
  CHECK(session(reading, "2025-01-07", R"("A938412323001")", R"(,"run_by":"stf-9")").status == Status::not_found);
  REQUIRE(session(reading, "2025-01-07", R"("A938412323001","T938412323004")", R"(,"run_by":"stf-3")").status ==
          Status::ok);
  REQUIRE(session(reading, "2025-01-08", R"("A938412323001")", R"(,"staff":"Cath Carter")").status == Status::ok);
  REQUIRE(session(reading, "2025-01-10", R"("T938412323004")", R"(,"staff":"Intervention TA")").status == Status::ok);
  REQUIRE(session(maths, "2025-01-09", R"("A938412323001")", "").status == Status::ok);
  REQUIRE(session(maths, "2025-01-16", R"("A938412323001")", "").status == Status::ok);
  REQUIRE(school.call("placement.end", R"({"placement_id":)" + zoe_reading + R"(,"end":"2025-03-28","exit":"88"})")
              .status == Status::ok);
  REQUIRE(school.call("placement.end", R"({"placement_id":)" + amara_reading + R"(,"end":"2025-03-28","exit":"90"})")
              .status == Status::ok);

  auto d = school.call("report.ta_deployment", R"({"from":"2025-01-01","to":"2025-06-02"})").response;
  REQUIRE(d.at("tas").as_array().size() == 1);
  const auto& ta = d.at("tas").at(0);
  CHECK(ta.at("name") == "Cath Carter");
  CHECK(ta.at("sessions_led") == 2);  // run_by, and her name as typed
  CHECK(ta.at("hours_on_provisions").as_double() == 1.0);
  CHECK(ta.at("pupils_assigned") == 1);
  CHECK(ta.at("classes_supported") == 1);
  CHECK(d.at("sessions_without_staff").at("sessions") == 1);  // "Intervention TA" is no one's name
  CHECK(d.at("sessions_without_staff").at("hours").as_double() == 0.5);
  std::map<std::string, json::object> pupils;
  for (const auto& p : d.at("pupils").as_array()) pupils[std::string(p.at("upn").as_string())] = p.as_object();
  REQUIRE(pupils.size() == 2);
  CHECK(pupils["A938412323001"].at("support_hours").as_double() == 3.0);  // 2 x 30 min reading, 2 x 60 maths
  CHECK(pupils["A938412323001"].at("ta_share_percent").as_double() == 33.3);
  CHECK(pupils["A938412323001"].at("mean_gain").as_double() == 8.0);
  CHECK(pupils["T938412323004"].at("ta_share_percent").as_double() == 100.0);
  CHECK(pupils["T938412323004"].at("mean_gain").as_double() == 5.0);
  const auto& bands = d.at("by_ta_share").as_array();
  CHECK(bands.at(0).at("pupils") == 1);  // Amara: all from TAs
  CHECK(bands.at(0).at("mean_gain").as_double() == 5.0);
  CHECK(bands.at(1).at("pupils") == 1);  // Zoë: mostly from her teacher
  CHECK(bands.at(1).at("mean_gain").as_double() == 8.0);
  auto table = ops::report_table("report.ta_deployment", d);
  REQUIRE(table);
  CHECK(table->rows.size() == 5);  // one TA, two pupils, two bands
  CHECK(school.refused_fields(school.call("report.ta_deployment", R"({"from":"2025-06-01","to":"2025-01-01"})")) ==
        std::vector<std::string>{"to"});
}
