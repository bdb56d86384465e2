#include "http/pages/provision_page.hpp"

#include <boost/json.hpp>

#include "model/number_text.hpp"

namespace sm::http::pages {
namespace json = boost::json;
namespace {

std::string field(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v ? text_of(*v) : std::string();
}
std::string row(const std::string& label, const std::string& html) {
  return "<dt>" + escape(label) + "</dt><dd>" + html + "</dd>\n";
}

std::string delivered_by(const std::string& who) {
  if (who == "ta") return "Teaching assistant";
  if (who == "teacher") return "Teacher";
  if (who == "specialist") return "Specialist";
  if (who == "external") return "Outside agency";
  return who;
}

std::string about(const json::object& p) {
  std::string areas;
  if (const auto* list = p.if_contains("areas"); list && list->is_array())
    for (const auto& a : list->as_array()) areas += (areas.empty() ? "" : ", ") + text_of(a);
  std::string out = "<dl class=\"summary\">\n";
  out += row("What it is", value_html(field(p, "description")));
  out += row("Areas of need", value_html(areas));
  out += row("Wave", value_html(field(p, "wave")));
  out += row("Delivered by", value_html(delivered_by(field(p, "delivered_by"))));
  out += row("Group size", value_html(field(p, "group_size")));
  out += row("Sessions", escape(field(p, "sessions_per_week")) + " a week, " + escape(field(p, "minutes_per_session")) +
                             " minutes, for " + escape(field(p, "weeks")) + " weeks");
  const auto* cost = p.if_contains("cost_per_pupil");
  out +=
      row("Cost per pupil", cost && cost->is_number() ? escape(model::money_text(cost->to_number<double>())) : none());
  out += row("Entry criteria", value_html(field(p, "entry_criteria")));
  out += row("Exit criteria", value_html(field(p, "exit_criteria")));
  out += row("Measure", value_html(field(p, "measure")));
  out += row("Evidence base", value_html(field(p, "evidence_rating")));
  return out + "</dl>\n";
}

}  // namespace

// Who is on it now: the pupils the viewer works with, and how many others.
std::string pupils_section(const ProvisionView& v) {
  std::string main;
  const auto name = field(v.provision, "name");
  main += "<section aria-labelledby=\"pupils-heading\"><h2 id=\"pupils-heading\">Pupils on it now</h2>\n";
  if (v.pupils.empty()) {
    main += "<p>No pupil you work with is placed on this provision now.</p>\n";
  } else {
    main +=
        "<table><caption>Pupils placed on " + escape(name) +
        "</caption>\n<thead><tr><th scope=\"col\">Pupil</th>"
        "<th scope=\"col\">Year</th><th scope=\"col\">Since</th><th scope=\"col\">Sessions delivered of planned</th>"
        "<th scope=\"col\">Attended</th></tr></thead>\n<tbody>\n";
    for (const auto& p : v.pupils) {
      const auto& sessions = p.placement.contains("sessions") ? p.placement.at("sessions").as_object() : json::object{};
      main += "<tr><th scope=\"row\">" + pupil_link(p.upn, p.name) + "</th><td>" + value_html(p.year) + "</td><td>" +
              escape(field(p.placement, "start")) + "</td><td>" + escape(field(sessions, "delivered")) + " of " +
              escape(field(sessions, "planned")) + "</td><td>" + escape(field(sessions, "attended")) + "</td></tr>\n";
    }
    main += "</tbody>\n</table>\n";
  }
  if (v.hidden_pupils > 0)
    main += "<p class=\"lede\">" + std::to_string(v.hidden_pupils) +
            (v.hidden_pupils == 1 ? " other pupil is" : " other pupils are") +
            " on it whom you do not work with.</p>\n";
  main += "</section>\n";

  return main;
}

// The form recording a session, for those who may.
std::string session_form(const ProvisionView& v) {
  std::string main;
  if (v.can_record_session && !v.pupils.empty()) {
    std::vector<Choice> who;
    for (const auto& p : v.pupils) who.push_back({p.upn, p.name});
    FormBuilder form("/provisions/" + url_part(field(v.provision, "id")) + "/sessions", v.frame.csrf_token,
                     v.submitted);
    form.date("date", "Date of the session", v.today)
        .text("time", "Start time as HH:MM, when it meets more than once that day")
        .radios("status", "Was it delivered?", {{"delivered", "Delivered"}, {"cancelled", "Cancelled"}})
        .checkboxes("present", "Who was present (untick anyone absent)", who)
        .text("staff", "Who ran it")
        .textarea("notes", "Running record", "What was covered, anything to pass on");
    main +=
        "<section class=\"panel\" aria-labelledby=\"session-heading\"><h2 id=\"session-heading\">Record a "
        "session</h2>\n";
    main += error_summary(v.errors, "The session", form.labels());
    main += form.finish("Record the session") + "</section>\n";
  }

  return main;
}

std::string sessions_section(const ProvisionView& v) {
  std::string main;
  main += "<section aria-labelledby=\"sessions-heading\"><h2 id=\"sessions-heading\">Latest sessions</h2>\n";
  if (v.sessions.empty()) {
    main += "<p>No session is recorded yet.</p>\n";
  } else {
    main +=
        "<table><caption>The latest sessions, newest first</caption>\n<thead><tr><th scope=\"col\">Date</th>"
        "<th scope=\"col\">Delivered</th><th scope=\"col\">Present</th><th scope=\"col\">Run "
        "by</th></tr></thead>\n<tbody>\n";
    for (const auto& s : v.sessions)
      main += "<tr><th scope=\"row\">" + escape(s.date) + "</th><td>" +
              (s.status == "delivered" ? "Delivered" : "Cancelled") + "</td><td>" +
              (s.status == "delivered" ? std::to_string(s.present) + " of " + std::to_string(s.placed) : none()) +
              "</td><td>" + value_html(s.staff) + "</td></tr>\n";
    main += "</tbody>\n</table>\n";
  }
  main += "</section>\n";
  return main;
}

std::string provision_page(const ProvisionView& v) {
  auto name = field(v.provision, "name");
  Frame frame = v.frame;
  frame.title = name;
  std::string main = "<h1>" + escape(name) + "</h1>\n";
  if (!v.notice.empty()) main += notice(v.notice);
  main += about(v.provision);

  main += pupils_section(v) + session_form(v) + sessions_section(v);
  return page(frame, main);
}

}  // namespace sm::http::pages
