// Server-rendered pages: what the store holds is escaped, the page has the structure assistive
// technology and printing rely on, and the read button appears only for a signed-in member of staff.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "http/pages/assets.hpp"
#include "http/pages/class_map_page.hpp"
#include "http/pages/dashboard_page.hpp"
#include "http/pages/forms.hpp"
#include "http/pages/pupil_page.hpp"
#include "http/pages/register_page.hpp"
#include "http/pages/svg_chart.hpp"

using namespace sm::http::pages;

namespace {

boost::json::object class_map(const std::string& title, boost::json::array pupils) {
  return {{"class", {{"id", "cls 7/ma"}, {"title", title}}}, {"pupils", std::move(pupils)}};
}

boost::json::object pupil(const std::string& forename, const std::string& status) {
  return {
      {"upn", "A938412323001"},
      {"surname", "O'Brien"},
      {"forename", forename},
      {"status", status},
      {"needs", boost::json::array{boost::json::object{{"code", "SLCN"}, {"rank", 1}},
                                   boost::json::object{{"code", "XYZ"}, {"rank", 2}}}},
      {"strategies", boost::json::array{"Say their name before instructions", "Use <b>visuals</b> & \"key words\""}},
      {"provisions",
       boost::json::array{boost::json::object{{"name", "Speech and language group"}, {"since", "2025-09-22"}}}},
      {"targets", boost::json::array{}},
      {"next_review", nullptr}};
}

}  // namespace

TEST_CASE("The class provision map page escapes what the store holds and is built for screen readers and print",
          "[unit]") {
  ClassMapView view;
  view.frame.signed_in = "Ravi Patel";
  view.frame.csrf_token = "tok\"en";
  auto html = class_map_page(class_map("7MA <Maths>", {pupil("Zoë<script>alert(1)</script>", "E")}), view);
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
  CHECK_THAT(html, Catch::Contains("<title>Class provision map: 7MA &lt;Maths&gt; - senmap</title>"));
  CHECK_THAT(html, Catch::Contains("<h1>Class provision map: 7MA &lt;Maths&gt;</h1>"));
  // Nothing from the store reaches the page as markup.
  CHECK_THAT(html, !Catch::Contains("<script>"));
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">Zoë&lt;script&gt;alert(1)&lt;/script&gt; O&#39;Brien</th>"));
  CHECK_THAT(html, Catch::Contains("<li>Use &lt;b&gt;visuals&lt;/b&gt; &amp; &quot;key words&quot;</li>"));
  // Names in the school's words: status and census needs spelled out; an unknown code kept as is.
  CHECK_THAT(html, Catch::Contains("<td class=\"status-E\">EHC plan</td>"));
  CHECK_THAT(html, Catch::Contains("<li>Speech, language and communication needs (SLCN)</li><li>XYZ</li>"));
  CHECK_THAT(html, Catch::Contains("<li>Speech and language group (since 2025-09-22)</li>"));
  // Table structure: a caption, column and row headers; empty cells say "none" to a screen reader.
  CHECK_THAT(html, Catch::Contains("<caption>Pupils with SEN in 7MA &lt;Maths&gt;</caption>"));
  CHECK_THAT(html, Catch::Contains("<th scope=\"col\">Strategies for class</th>"));
  CHECK_THAT(
      html, Catch::Contains("<td><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\">none</span></td>"));
  CHECK_THAT(html, Catch::Contains("<main id=\"main\">"));
  CHECK_THAT(html, Catch::Contains("<a class=\"skip\" href=\"#main\">"));
  // Not read yet, and not a session: no button. The links are built from the id, encoded.
  CHECK_THAT(html, Catch::Contains("You have not yet recorded reading this map."));
  CHECK_THAT(html, !Catch::Contains("I have read this class provision map"));
  CHECK_THAT(html, Catch::Contains("href=\"/classes/cls%207%2Fma/map.xlsx\""));

  view.can_record_read = true;
  view.read_on = "2026-11-29";
  html = class_map_page(class_map("7MA", {pupil("Zoë", "K")}), view);
  CHECK_THAT(html, Catch::Contains("<form method=\"post\" action=\"/classes/cls%207%2Fma/map/read\">"
                                   "<input type=\"hidden\" name=\"csrf_token\" value=\"tok&quot;en\">"));
  CHECK_THAT(html, Catch::Contains("You recorded reading this map on 2026-11-29."));
  CHECK_THAT(html, Catch::Contains("<td class=\"status-K\">SEN support</td>"));

  html = class_map_page(class_map("7MA", {}), view);
  CHECK_THAT(html, Catch::Contains("0 pupils in this class on the SEN register."));
  CHECK_THAT(html, Catch::Contains("<p>No pupil in this class is on the SEN register.</p>"));
  CHECK_THAT(html, !Catch::Contains("<table"));
}

TEST_CASE("senmap serves its own stylesheet, with print styles", "[unit]") {
  auto css = asset("senmap.css");
  REQUIRE(css);
  CHECK(css->content_type == "text/css; charset=utf-8");
  CHECK(css->body.find("@media print") != std::string_view::npos);
  CHECK_FALSE(asset("../senmap.css"));
  CHECK_FALSE(asset("missing.js"));
}

#include "ops_fixture.hpp"

TEST_CASE("A teacher's read of the class provision map is recorded, and shows as out of date once the map changes",
          "[unit]") {
  School school("class-map-read.db");
  school.db.exec(
      "INSERT INTO staff (id, school_id, sourced_id, given_name, family_name, role) VALUES "
      "(1, 1, 'stf-01', 'Ravi', 'Patel', 'teacher'), (2, 1, 'stf-02', 'Hannah', 'Jones', 'aide'), (3, 1, 'stf-03', "
      "'Sam', 'Ahmed', 'teacher');"
      "INSERT INTO school_class (id, school_id, sourced_id, title) VALUES (1, 1, 'cls-7ma', '7MA Maths');"
      "INSERT INTO class_member (class_id, sourced_id, pupil_id, role) SELECT 1, 'e-' || upn, id, 'student' FROM pupil;"
      "INSERT INTO class_member (class_id, sourced_id, staff_id, role) VALUES (1, 'e-t', 1, 'teacher'), (1, 'e-a', 2, "
      "'aide');");
  auto reads = [&] {
    return boost::json::serialize(
        school.call("report.class_map_reads", R"({"class_id":"cls-7ma"})").response.at("staff"));
  };
  CHECK(reads() == R"([{"staff_id":"stf-02","name":"Hannah Jones","role":"aide","read_on":null,"current":false},)"
                   R"({"staff_id":"stf-01","name":"Ravi Patel","role":"teacher","read_on":null,"current":false}])");
  auto read = school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"stf-01"})");
  REQUIRE(read.status == Status::ok);
  CHECK(read.response.at("read_on").as_string() == "2025-06-02");
  CHECK(read.response.at("pupils").to_number<int>() == 3);  // Zoë, Siân and Amara are on the register
  // Someone who does not teach the class may read it too (a head of year): listed after reading.
  REQUIRE(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"stf-03"})").status == Status::ok);
  CHECK(reads() ==
        R"([{"staff_id":"stf-03","name":"Sam Ahmed","role":null,"read_on":"2025-06-02","current":true},)"
        R"({"staff_id":"stf-02","name":"Hannah Jones","role":"aide","read_on":null,"current":false},)"
        R"({"staff_id":"stf-01","name":"Ravi Patel","role":"teacher","read_on":"2025-06-02","current":true}])");
  // The SENCO adds a strategy: the reads are now of an older map.
  REQUIRE(
      school.call("passport.set", R"({"upn":"A938412323001","support_strategies":["Seat near the front"]})").status ==
      Status::ok);
  CHECK_THAT(
      reads(),
      Catch::Contains(
          R"({"staff_id":"stf-01","name":"Ravi Patel","role":"teacher","read_on":"2025-06-02","current":false})"));
  // Refusals name the field, or say what is missing.
  CHECK(school.refused_fields(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"stf-99"})")) ==
        std::vector<std::string>{"staff_id"});
  CHECK(school.call("class_map.read", R"({"class_id":"cls-none","staff_id":"stf-01"})").status == Status::not_found);
  // Signed in as a member of staff, only one's own read.
  school.context.actor = "staff:938-4123/stf-02";
  CHECK(school.refused_fields(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"stf-01"})")) ==
        std::vector<std::string>{"staff_id"});
  REQUIRE(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"stf-02"})").status == Status::ok);
  REQUIRE(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"938-4123/stf-02"})").status == Status::ok);
  CHECK(
      school.refused_fields(school.call("class_map.read", R"({"class_id":"cls-7ma","staff_id":"999-9999/stf-02"})")) ==
      std::vector<std::string>{"staff_id"});
  school.context.actor = "senco:test";
  auto count = school.db.prepare("SELECT COUNT(*) FROM class_map_read");
  count.step();
  CHECK(count.integer(0) == 4);
}

TEST_CASE("A refused form comes back with its reasons linked to labelled fields and what was typed, escaped",
          "[unit]") {
  Submitted sent{{"notes", "Read <b>well</b>"}, {"present", "A938412323001\nA938412323003"}};
  FormBuilder form("/provisions/4/sessions", "c\"srf", sent);
  form.date("date", "Date of the session", "2026-11-29")
      .checkboxes("present", "Who was present",
                  {{"A938412323001", "Ann"}, {"A938412323002", "Ben"}, {"A938412323003", "Cy"}})
      .textarea("notes", "Running record");
  auto html = form.finish("Record the session");
  CHECK_THAT(html, Catch::Contains("<input type=\"hidden\" name=\"csrf_token\" value=\"c&quot;srf\">"));
  CHECK_THAT(html,
             Catch::Contains("<label for=\"f-date\">Date of the session</label><input type=\"date\" id=\"f-date\""));
  CHECK_THAT(html, Catch::Contains(
                       "<textarea rows=\"3\" id=\"f-notes\" name=\"notes\">Read &lt;b&gt;well&lt;/b&gt;</textarea>"));
  // Only the pupils ticked when it was sent are ticked again.
  CHECK_THAT(html, Catch::Contains("value=\"A938412323001\" checked>"));
  CHECK_THAT(html, Catch::Contains("value=\"A938412323002\">"));
  CHECK_THAT(html, Catch::Contains("value=\"A938412323003\" checked>"));
  auto errors = boost::json::parse(
      R"j({"errors":[{"field":"date","rule":"must not be in the future"},{"field":"","rule":"a <rule>"}]})j");
  auto summary = error_summary(errors, "The session", form.labels());
  CHECK_THAT(summary, Catch::Contains("role=\"alert\""));
  CHECK_THAT(summary,
             Catch::Contains("<li><a href=\"#f-date\">Date of the session: must not be in the future</a></li>"));
  CHECK_THAT(summary, Catch::Contains("<li>a &lt;rule&gt;</li>"));
  // A reason about something the form has no field for (the page's pupil) is not a broken link.
  auto about_pupil =
      error_summary(boost::json::parse(R"j({"errors":[{"field":"upn","rule":"no plan is open"}]})j"), "The plan");
  CHECK_THAT(about_pupil, Catch::Contains("<li>no plan is open</li>"));
  CHECK_THAT(about_pupil, !Catch::Contains("href"));
  CHECK(error_summary(boost::json::parse("{}"), "The session").empty());
  // A fresh form (nothing sent) ticks everyone: most sessions, everyone came.
  Submitted fresh;
  FormBuilder again("/x", "", fresh);
  again.checkboxes("present", "Who was present", {{"A938412323002", "Ben"}});
  CHECK_THAT(again.finish("Go"), Catch::Contains("value=\"A938412323002\" checked>"));
  // Unless the form asks for nothing ticked (the placements delivering a Section F line).
  FormBuilder unticked("/x", "", fresh);
  unticked.checkboxes("placement_ids", "Delivered by", {{"7", "Reading catch-up"}}, false)
      .number("hours_per_week", "Hours a week", "", true);
  auto plain = unticked.finish("Go");
  CHECK_THAT(plain, Catch::Contains("value=\"7\">"));
  CHECK_THAT(plain, Catch::Contains("step=\"any\""));
}

TEST_CASE(
    "The pupil page shows the APDR history and offers the review form only for an open cycle the viewer may review",
    "[unit]") {
  PupilView view;
  view.record =
      boost::json::parse(R"j({"upn":"A938412323001","forename":"Zoë","surname":"O'Brien <x>","nc_year":"7","status":"K",
      "status_since":"2026-03-09","needs":[{"code":"SLCN","current":true},{"code":"ASD","current":false}],
      "attendance":{"years":[{"year":2025,"attendance_percent":9.84E1}]}})j")
          .as_object();
  view.cycles = boost::json::parse(R"j([
      {"id":3,"stage":"reviewed","assess":{"date":"2025-09-15","pupil_views":"Keen"},"plan":{"date":"2025-09-19","targets":[
        {"id":7,"target":"Use the <strategy>","success_criteria":"4 of 5 lessons","result":"achieved","evidence":"record"}]},
        "review":{"date":"2025-12-12","views":{"pupil":"It helps"},"next_step":"continue"}},
      {"id":4,"stage":"do","assess":{"date":"2026-01-08"},"plan":{"date":"2026-01-12","review_due":"2026-03-27","targets":[
        {"id":9,"target":"Two subjects","success_criteria":"seen","result":null,"evidence":null}]},"review":{}}])j")
                    .as_array();
  view.today = "2026-03-20";
  auto html = pupil_page(view);
  CHECK_THAT(html, Catch::Contains("<h1>Zoë O&#39;Brien &lt;x&gt;</h1>"));
  CHECK_THAT(html, Catch::Contains("<dd>98.4% in 2025/26</dd>"));
  CHECK_THAT(html, Catch::Contains("<li>Speech, language and communication needs (SLCN)</li>"));
  CHECK_THAT(html, !Catch::Contains("(ASD)"));  // an ended need is history, not a current need
  CHECK_THAT(html, Catch::Contains("<h3>Cycle 1: assessed 2025-09-15, reviewed 2025-12-12</h3>"));
  CHECK_THAT(
      html, Catch::Contains("<th scope=\"row\">Use the &lt;strategy&gt;</th><td>4 of 5 lessons</td><td>Achieved</td>"));
  CHECK_THAT(html, Catch::Contains("<dt>Next step</dt><dd>Continue at this level</dd>"));
  CHECK_THAT(html, Catch::Contains("<h3>Cycle 2: assessed 2026-01-08, review due 2026-03-27</h3>"));
  CHECK_THAT(html, Catch::Contains("No passport is recorded yet."));
  CHECK_THAT(html, !Catch::Contains("Record a review"));  // a teacher: no forms
  CHECK_THAT(html, !Catch::Contains("Place on a provision"));

  view.can_review = true;
  view.frame.csrf_token = "abc";
  html = pupil_page(view);
  CHECK_THAT(html, Catch::Contains("<form method=\"post\" action=\"/pupils/A938412323001/review\">"));
  CHECK_THAT(html, Catch::Contains("<input type=\"hidden\" name=\"cycle_id\" value=\"4\">"));
  CHECK_THAT(html, Catch::Contains("<legend>Target: Two subjects</legend>"));
  CHECK_THAT(html, Catch::Contains("name=\"result_9\""));
  CHECK_THAT(html, !Catch::Contains("name=\"result_7\""));  // the reviewed cycle's target is not asked again
  CHECK_THAT(html, Catch::Contains("value=\"2026-03-20\" required>"));
}

TEST_CASE("Charts are SVG images with a title and a description, bars and points in proportion, labels escaped",
          "[unit]") {
  Chart chart{"c1",
              "The register <against> England",
              "SEN support and EHC plans",
              ChartUnit::percent,
              {"SEN support", "EHC plan"},
              {{"This school", "#1d4f91", {15.0, 3.5}}, {"England", "#6f777b", {14.8, std::nullopt}}}};
  auto svg = bar_chart(chart);
  CHECK_THAT(svg, Catch::Contains("role=\"img\""));
  CHECK_THAT(svg, Catch::Contains("aria-labelledby=\"c1-title c1-desc\""));
  CHECK_THAT(svg, Catch::Contains("<title id=\"c1-title\">The register &lt;against&gt; England</title>"));
  // The axis runs to the largest figure rounded up to a tidy step (15% here): 3.5% is 420 * 3.5/15 = 98 of 420 units.
  CHECK_THAT(svg, Catch::Contains("<rect x=\"120\" y=\"34\" width=\"420\""));  // labels need 120 units
  CHECK_THAT(svg, Catch::Contains("width=\"98\""));
  CHECK_THAT(svg, Catch::Contains(">15.0%</text>"));
  CHECK_THAT(svg, Catch::Contains(">no figure</text>"));  // a missing figure is said, not drawn as zero
  CHECK_THAT(svg, !Catch::Contains("style="));            // the pages' CSP allows no inline style
  auto line = line_chart({"c2",
                          "Trend",
                          "Over census days",
                          ChartUnit::percent,
                          {"Spring 2025", "Autumn 2025"},
                          {{"SEN support", "#1d4f91", {14.0, 16.0}}}});
  CHECK_THAT(line,
             Catch::Contains("<polyline points=\"50,94 570,74 \""));  // 14 and 16 of an axis to 20, 200 high from y=34
  // Money is shown as money: £ and thousands separated on the bars and the axis, never 1016.0.
  auto costs = bar_chart({"c3",
                          "Cost by area",
                          "In pounds",
                          ChartUnit::pounds,
                          {"SEMH", "Cognition and learning"},
                          {{"Cost", "#1d4f91", {2540.0, 1287.5}}}});
  CHECK_THAT(costs, Catch::Contains(">£2,540.00</text>"));
  CHECK_THAT(costs, Catch::Contains(">£1,287.50</text>"));
  CHECK_THAT(costs, Catch::Contains(">£1,016.00</text>"));  // the axis at two fifths of £2,540
  CHECK_THAT(costs, !Catch::Contains("1016.0<"));
}

TEST_CASE("The dashboard says why a part is not shown, and names no pupil where it may not", "[unit]") {
  DashboardView view;
  view.school = "Coldharbour <End>";
  view.today = "2026-11-29";
  view.month = "November 2026";
  view.analytics.why_not = "this report covers every school in the database";
  view.flags.why_not = "a governor may not read whole-school reports that name pupils";
  view.reviews.data = std::vector<ReviewDue>{{"2026-11-20", "A938412323001", "Zoë <O'Brien>", "SEN support review"}};
  view.ehc.data = std::vector<EhcClockRow>{
      {"P938412323002", "Ann Lee", "6", "plan issued", "Annual review meeting", "2026-11-25", "12 months", -4}};
  view.costs.why_not = view.impact.why_not = "not available";
  auto html = dashboard_page(view);
  CHECK_THAT(html, Catch::Contains("<h1>SEN dashboard: Coldharbour &lt;End&gt;</h1>"));
  CHECK_THAT(html, Catch::Contains("Not shown: this report covers every school in the database."));
  CHECK_THAT(html, Catch::Contains("<a href=\"/pupils/A938412323001\">Zoë &lt;O&#39;Brien&gt;</a>"));
  CHECK_THAT(html, Catch::Contains("2026-11-20 <strong class=\"warning\">overdue</strong>"));
  CHECK_THAT(html, Catch::Contains("<strong class=\"warning\">4 days overdue</strong>"));
  CHECK_THAT(html, Catch::Contains("<h2 id=\"reviews-heading\">Reviews due in November 2026, and overdue</h2>"));
  CHECK_THAT(html, !Catch::Contains("Term dates:"));
  // Every configured term over: the SENCO is told, with what to do, at the top of the dashboard.
  view.term_warning = model::no_current_term({*model::parse_date("2026-07-22")}, *model::parse_date("2026-11-29"));
  CHECK_THAT(dashboard_page(view),
             Catch::Contains("<strong>Term dates:</strong> every configured term has ended (the last on "
                             "2026-07-22): add this school year&#39;s terms"));
  CHECK(model::no_current_term({*model::parse_date("2026-12-18")}, *model::parse_date("2026-11-29")).empty());
  CHECK_THAT(model::no_current_term({}, *model::parse_date("2026-11-29")),
             Catch::Contains("no term dates are configured"));
}

TEST_CASE("The pupil page shows the pupil's open flags; the notes staff left on them to whole-school staff only",
          "[unit]") {
  PupilView view;
  view.record = boost::json::parse(R"j({"upn":"A938412323001","forename":"Zoë","surname":"Hart","nc_year":"7",
      "status":"K","status_since":"2026-03-09","needs":[],"attendance":{"years":[]}})j")
                    .as_object();
  auto html = pupil_page(view);
  CHECK_THAT(html, Catch::Contains("<h2 id=\"flags-heading\">Flags</h2>\n<p>No open flags.</p>"));
  view.flags = boost::json::parse(R"j([
      {"id":5,"title":"Pupil with SEN persistently absent","severity":"medium","state":"active",
       "explanation":"attendance 86.4% <since September>","raised_on":"2026-10-02","acknowledged_on":"2026-10-05",
       "snoozed_until":null,"resolved_on":null,"resolved_why":null,
       "assigned_to":{"staff_id":"701-4001/stf-0001","name":"Priya Shah"},
       "actions":[{"action":"acknowledge","on":"2026-10-05","by_name":"Sam Jones","note":"Meeting with the family booked"}]},
      {"id":6,"title":"NSA held for more than a term","severity":"low","state":"snoozed","explanation":"NSA since 2026-01-05",
       "raised_on":"2026-05-01","acknowledged_on":null,"snoozed_until":"2026-12-01","resolved_on":null,"resolved_why":null,
       "assigned_to":null,"actions":[]}])j")
                   .as_array();
  html = pupil_page(view);
  CHECK_THAT(html, Catch::Contains("<th scope=\"row\">Pupil with SEN persistently absent</th><td>medium</td>"
                                   "<td>attendance 86.4% &lt;since September&gt;</td>"));
  CHECK_THAT(html, Catch::Contains("acknowledged <span class=\"date\">2026-10-05</span>; assigned to Priya Shah"));
  CHECK_THAT(html, Catch::Contains("snoozed until <span class=\"date\">2026-12-01</span>"));
  CHECK_THAT(html, !Catch::Contains("Meeting with the family booked"));  // a teacher
  view.can_read_audit = true;                                            // the SENCO
  CHECK_THAT(pupil_page(view),
             Catch::Contains("<br>Sam Jones, <span class=\"date\">2026-10-05</span>: Meeting with the family booked"));
}

TEST_CASE("The register page keeps the filters in its sort links and downloads, and escapes what the store holds",
          "[unit]") {
  RegisterView view;
  view.frame.title = "SEN register";
  view.query = {{"status", "K"}, {"search", "o'b & co"}, {"sort", "year"}};
  view.years = {{"6", "Year 6"}, {"7", "Year 7"}};
  view.flags = {{"review_overdue", "Review overdue"}};
  view.list = {
      {"as_of", "2025-06-02"},
      {"filters", {{"status", "K"}, {"search", "o'b & co"}}},
      {"count", 1},
      {"pupils", boost::json::array{boost::json::object{
                     {"upn", "A938412323001"},
                     {"forename", "Zoë"},
                     {"surname", "O'Brien<script>"},
                     {"year", "6"},
                     {"status", "K"},
                     {"needs", boost::json::array{"SLCN"}},
                     {"classes", boost::json::array{boost::json::object{{"class_id", "cls 6/b"}, {"title", "6B"}}}},
                     {"key_workers", boost::json::array{}},
                     {"next_review", {{"date", "2025-05-30"}, {"what", "SEN support review"}, {"overdue", true}}},
                     {"open_flags", 2},
                     {"high_flag", true},
                     {"provisions", 1},
                     {"wave", 2},
                     {"pupil_premium", true},
                     {"eal", false},
                     {"looked_after", false}}}},
      {"not_on_register", boost::json::array{}}};
  auto html = register_page(view);
  CHECK(html.find("O&#39;Brien&lt;script&gt;") != std::string::npos);
  CHECK(html.find("<script>") == std::string::npos);
  // The search form keeps what was asked; the year asked for is not among the choices, status K is.
  CHECK(html.find("value=\"o&#39;b &amp; co\"") != std::string::npos);
  CHECK(html.find("<option value=\"K\" selected>") != std::string::npos);
  // Downloads carry the same filters and sort.
  CHECK(html.find("href=\"/register.xlsx?status=K&amp;search=o%27b%20%26%20co&amp;sort=year\"") != std::string::npos);
  // The current sort says so to a screen reader; pressed again it sorts the other way round.
  CHECK(html.find("<th scope=\"col\" aria-sort=\"ascending\"><a href=\"/register?status=K&amp;search=o%27b%20%26%"
                  "20co&amp;sort=year&amp;order=desc\">") != std::string::npos);
  CHECK(html.find("<a href=\"/classes/cls%206%2Fb/map\">6B</a>") != std::string::npos);
  CHECK(html.find("overdue") != std::string::npos);
  CHECK(html.find("<span class=\"date\">2025-05-30</span>") != std::string::npos);
  CHECK(html.find("2 (high)") != std::string::npos);
  CHECK(html.find("No pupil off the register matches") != std::string::npos);
}
