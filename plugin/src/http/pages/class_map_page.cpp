#include "http/pages/class_map_page.hpp"

#include <boost/json.hpp>

namespace sm::http::pages {
namespace {

// A list cell: one item a line, or a dash a screen reader reads as "none".
std::string list_cell(const boost::json::array& items, auto item_text) {
  if (items.empty()) return "<td>" + none() + "</td>";
  std::string out = "<td><ul>";
  for (const auto& i : items) out += "<li>" + escape(item_text(i)) + "</li>";
  return out + "</ul></td>";
}

// The teacher's part in the graduated approach: their views for a pupil's next review, or that a
// strategy on the map worked or did not. The SENCO reads it in the pupil's cycle.
std::string contribute_form(const std::string& class_id, const boost::json::array& pupils, const ClassMapView& view) {
  std::vector<Choice> who;
  for (const auto& value : pupils) {
    const auto& p = value.as_object();
    who.push_back({text_of(p.at("upn")), text_of(p.at("forename")) + " " + text_of(p.at("surname"))});
  }
  FormBuilder form("/classes/" + url_part(class_id) + "/map/contribute", view.frame.csrf_token, view.submitted,
                   "f-add-");
  form.select("upn", "Pupil", who)
      .radios("kind", "What you are adding",
              {{"views", "My views for their next review"},
               {"strategy_worked", "A strategy that worked"},
               {"strategy_did_not_work", "A strategy that did not work"}})
      .text("strategy", "Which strategy", "For a strategy: as the map words it")
      .textarea("note", "What you saw", "In class, in their work; the SENCO reads it at the review");
  std::string out =
      "<section class=\"panel\" aria-labelledby=\"add-heading\"><h2 id=\"add-heading\">Add to a pupil's next "
      "review</h2>\n";
  if (!view.errors.is_null()) out += error_summary(view.errors, "Your note", form.labels(), "f-add-");
  return out + form.finish("Add it") + "</section>\n";
}

}  // namespace

std::string class_map_page(const boost::json::object& map, ClassMapView view) {
  const auto& klass = map.at("class").as_object();
  const auto id = text_of(klass.at("id"));
  const auto title = text_of(klass.at("title"));
  const auto& pupils = map.at("pupils").as_array();
  view.frame.title = "Class provision map: " + title;

  std::string main = "<h1>Class provision map: " + escape(title) + "</h1>\n";
  if (!view.notice.empty()) main += notice(view.notice);
  main +=
      "<p class=\"lede\">" +
      (view.as_of.empty() ? std::string() : "As of <span class=\"date\">" + escape(view.as_of) + "</span>: ") +
      std::to_string(pupils.size()) + (pupils.size() == 1 ? " pupil" : " pupils") +
      " in this class on the SEN register. Use the strategies in every lesson; the SENCO keeps this up to date.</p>\n";
  if (pupils.empty()) {
    main += "<p>No pupil in this class is on the SEN register.</p>\n";
  } else {
    main += "<table class=\"class-map\">\n<caption>Pupils with SEN in " + escape(title) +
            "</caption>\n<thead><tr>"
            "<th scope=\"col\">Pupil</th><th scope=\"col\">SEN status</th><th scope=\"col\">Needs</th>"
            "<th scope=\"col\">Strategies for class</th><th scope=\"col\">Provision</th><th scope=\"col\">Targets</th>"
            "<th scope=\"col\">Next review</th></tr></thead>\n<tbody>\n";
    for (const auto& value : pupils) {
      const auto& p = value.as_object();
      auto status = text_of(p.at("status"));
      main += "<tr><th scope=\"row\">" + escape(text_of(p.at("forename")) + " " + text_of(p.at("surname"))) + "</th>";
      main += "<td class=\"status-" + escape(status) + "\">" + escape(status_name(status)) + "</td>";
      main += list_cell(p.at("needs").as_array(), [](const auto& n) { return need_name(text_of(n.at("code"))); });
      // The strategies, then any exam access arrangement in force (for class tests as in the exams).
      boost::json::array strategies = p.at("strategies").as_array();
      if (const auto* access = p.if_contains("access_arrangements"))
        for (const auto& kind : access->as_array())
          strategies.push_back(boost::json::value("Exam access: " + access_kind_name(text_of(kind))));
      main += list_cell(strategies, [](const auto& s) { return text_of(s); });
      main += list_cell(p.at("provisions").as_array(), [](const auto& pr) {
        return text_of(pr.at("name")) + " (since " + text_of(pr.at("since")) + ")";
      });
      main += list_cell(p.at("targets").as_array(), [](const auto& t) { return text_of(t); });
      auto review = p.at("next_review");
      main += "<td>" + (review.is_null() ? none() : escape(text_of(review))) + "</td></tr>\n";
    }
    main += "</tbody>\n</table>\n";
  }

  if (view.can_contribute && !pupils.empty()) main += contribute_form(id, pupils, view);
  main +=
      "<section class=\"panel\" aria-labelledby=\"read-heading\"><h2 id=\"read-heading\">Read and understood</h2>\n";
  if (view.read_on)
    main += "<p>You recorded reading this map on " + escape(*view.read_on) + ".</p>\n";
  else
    main += "<p>You have not yet recorded reading this map.</p>\n";
  if (view.can_record_read)
    main += "<form method=\"post\" action=\"/classes/" + url_part(id) +
            "/map/read\"><input type=\"hidden\" name=\"csrf_token\" value=\"" + escape(view.frame.csrf_token) +
            "\"><button type=\"submit\">I have read this class provision map</button></form>\n";
  main += "</section>\n";
  main += "<p class=\"exports\"><a href=\"/classes/" + url_part(id) +
          "/map.xlsx\">Download for Excel (.xlsx)</a>"
          "<a href=\"/classes/" +
          url_part(id) + "/map.csv\">Download as CSV</a></p>\n";
  return page(view.frame, main);
}

}  // namespace sm::http::pages
