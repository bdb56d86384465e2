// The annual review's report for the LA: what the meeting looked at and decided, laid out as a
// document (A4 portrait in print) the SENCO prints or saves as PDF from the browser and sends
// within two weeks of the meeting (SEND Regulations 2014, reg. 20(7)-(8)).
#include <boost/json.hpp>

#include "http/pages/annual_review_page.hpp"
#include "http/pages/json_fields.hpp"
#include "http/pages/pupil_sections.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

std::string dated(const json::value& d) {
  return d.is_null() ? none() : "<span class=\"date\">" + escape(text_of(d)) + "</span>";
}

std::string table(const std::string& caption, const std::vector<std::string>& heads, const std::string& rows) {
  std::string out = "<table><caption>" + escape(caption) + "</caption>\n<thead><tr>";
  for (const auto& h : heads) out += "<th scope=\"col\">" + escape(h) + "</th>";
  return out + "</tr></thead>\n<tbody>\n" + rows + "</tbody>\n</table>\n";
}

std::string people(const json::object& record) {
  std::string rows;
  for (const auto& i : array_at(record, "invitations")) {
    const auto& invitation = i.as_object();
    const auto& came = at(invitation, "attended");
    rows += "<tr><th scope=\"row\">" + escape(text_of(at(invitation, "name"))) + "</th><td>" +
            escape(invitee_role_name(text_of(at(invitation, "role")))) + "</td><td>" +
            dated(at(invitation, "invited_on")) + "</td><td>" +
            (came.is_null()   ? none()
             : came.as_bool() ? "Came"
                              : "Did not come") +
            "</td></tr>\n";
  }
  if (rows.empty()) return "<p>Nobody is recorded as invited.</p>\n";
  return table("Invited, and who came", {"Who", "As", "Invited on", "At the meeting"}, rows);
}

std::string advice(const json::object& record) {
  std::string rows;
  for (const auto& a : array_at(record, "advice")) {
    const auto& item = a.as_object();
    rows += "<tr><th scope=\"row\">" + escape(text_of(at(item, "author"))) + "</th><td>" +
            dated(at(item, "requested_on")) + "</td><td>" +
            (at(item, "received_on").is_null() ? "Not received" : dated(at(item, "received_on"))) + "</td></tr>\n";
  }
  if (rows.empty()) return "<p>No advice is recorded as asked for.</p>\n";
  return table("Advice", {"From", "Asked for", "Received"}, rows);
}

std::string views(const json::object& record, const char* whose, const std::string& heading) {
  static const std::pair<const char*, const char*> kQuestions[] = {
      {"important_now", "What is important now"},
      {"important_future", "What is important for the future"},
      {"working", "What is working"},
      {"not_working", "What is not working"}};
  std::string out = "<h3>" + escape(heading) + "</h3>\n";
  const auto& said = at(object_at(record, "views"), whose);
  if (!said.is_object()) return out + "<p>Not recorded.</p>\n";
  out += "<dl>\n";
  for (const auto& [key, question] : kQuestions) out += definition(question, value_html(at(said.as_object(), key)));
  return out + "</dl>\n";
}

std::string outcomes(const json::object& record) {
  std::string rows;
  for (const auto& o : array_at(record, "outcomes")) {
    const auto& item = o.as_object();
    rows += "<tr><th scope=\"row\">" + escape(text_of(at(item, "outcome"))) + "</th><td>" +
            escape(progress_name(text_of(at(item, "progress")))) + "</td><td>" + value_html(at(item, "note")) +
            "</td></tr>\n";
  }
  if (rows.empty()) return "<p>No outcome is recorded as reviewed.</p>\n";
  return table("Progress towards each outcome", {"Outcome", "Progress", "What the meeting said"}, rows);
}

std::string section_f(const json::object& plan) {
  std::string rows;
  for (const auto& l : array_at(plan, "section_f")) {
    const auto& line = l.as_object();
    rows += "<tr><th scope=\"row\">" + escape(text_of(at(line, "description"))) + "</th><td>" +
            value_html(at(line, "hours_per_week")) + "</td><td>" + value_html(at(line, "specified_hours")) +
            "</td><td>" + value_html(at(line, "delivered_hours")) + "</td></tr>\n";
  }
  if (rows.empty()) return "<p>No Section F provision is recorded.</p>\n";
  return table("Section F provision delivered, hour for hour",
               {"Provision", "Hours a week", "Hours specified", "Hours delivered"}, rows);
}

}  // namespace

std::string review_report_page(const PupilView& v) {
  auto name = text_of(at(v.record, "forename")) + " " + text_of(at(v.record, "surname"));
  Frame frame = v.frame;
  frame.title = "Annual review report: " + name;
  const auto& last = v.ehcp ? at(*v.ehcp, "last_review") : json::value();
  if (!last.is_object() || !at(last.as_object(), "record").is_object())
    return page(frame,
                "<h1>Annual review report: " + escape(name) +
                    "</h1>\n<p>No annual review meeting is recorded as held through senmap for this pupil.</p>\n");
  const auto& plan = *v.ehcp;
  const auto& review = last.as_object();
  const auto& record = object_at(review, "record");
  std::string main = "<article class=\"review-report\">\n<h1>Annual review report: " + escape(name) + "</h1>\n";
  main += "<p class=\"screen-only\"><a href=\"" + pupil_form_action(v, "/annual-review") +
          "\">Back to the annual review</a></p>\n<dl>\n";
  main += definition("Date of birth", dated(at(v.record, "dob")));
  main += definition("UPN", escape(text_of(at(v.record, "upn"))));
  main += definition("Year group", value_html(at(v.record, "nc_year")));
  main += definition("Local authority", escape(text_of(at(plan, "la"))));
  main += definition("EHC plan issued", dated(at(plan, "issue_date")));
  main += definition("Review meeting", dated(at(review, "date")));
  const auto& deadlines = object_at(plan, "deadlines");
  main += definition("Report due with the LA by", dated(at(deadlines, "review_report")));
  main += definition("Sent to the LA",
                     at(review, "report_sent_on").is_null() ? "not yet" : dated(at(review, "report_sent_on")));
  const auto& attendance = at(v.record, "attendance");
  if (attendance.is_object() && at(attendance.as_object(), "this_year").is_object())
    main += definition("Attendance this year",
                       value_html(at(object_at(attendance.as_object(), "this_year"), "attendance_percent")) + "%");
  main += "</dl>\n";
  main += "<h2>Who was invited and who came</h2>\n" + people(record);
  main += "<h2>Advice</h2>\n" + advice(record);
  main +=
      "<h2>Views</h2>\n" + views(record, "pupil", "The pupil's views") + views(record, "parent", "The parents' views");
  main += "<h2>Outcomes (Section E)</h2>\n" + outcomes(record);
  main += "<h2>Provision (Section F)</h2>\n" + section_f(plan);
  main += "<h2>Amendments proposed</h2>\n" +
          std::string(at(record, "amendments").is_null()
                          ? "<p>None.</p>\n"
                          : "<p class=\"amendments\">" + value_html(at(record, "amendments")) + "</p>\n");
  main +=
      "<h2>The meeting's recommendation to the LA</h2>\n<p>" +
      (at(record, "recommendation").is_null() ? std::string("Not recorded yet.")
                                              : escape(recommendation_name(text_of(at(record, "recommendation"))))) +
      "</p>\n";
  main += "<p class=\"small\">Prepared from the school's records on <span class=\"date\">" + escape(v.today) +
          "</span>.</p>\n</article>\n";
  return page(frame, main);
}

}  // namespace sm::http::pages
