#include "http/pages/register_page.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "model/reference_data.hpp"

namespace sm::http::pages {
namespace {
namespace json = boost::json;

// The table's sortable columns: the sort's name and the heading.
const std::vector<Choice> kSortable{{"name", "Pupil"},
                                    {"year", "Year"},
                                    {"status", "Status"},
                                    {"need", "Needs"},
                                    {"next_review", "Next review"},
                                    {"flags", "Open flags"},
                                    {"provisions", "Provision"}};

std::string asked(const RegisterView& view, const std::string& name) {
  for (const auto& [field, value] : view.query)
    if (field == name) return value;
  return {};
}

// The list's address with the query as asked, the fields in `set` replaced (a "" value drops one).
std::string link_with(const RegisterView& view, const std::string& path,
                      const std::vector<std::pair<std::string, std::string>>& set = {}) {
  std::string query;
  auto add = [&](const std::string& field, const std::string& text) {
    if (text.empty()) return;
    query += (query.empty() ? "?" : "&") + url_part(field) + "=" + url_part(text);
  };
  for (const auto& asked : view.query) {
    const auto& name = asked.first;  // a structured binding cannot be captured by clang 14's lambdas
    if (std::none_of(set.begin(), set.end(), [&](const auto& s) { return s.first == name; })) add(name, asked.second);
  }
  for (const auto& [field, text] : set) add(field, text);
  return path + query;
}

std::string select(const RegisterView& view, const std::string& name, const std::string& label,
                   const std::vector<Choice>& choices) {
  return filter_select(name, label, choices, asked(view, name));
}

std::vector<Choice> areas() {
  std::set<std::string> names;
  for (const auto& t : model::sen_type_codes())
    if (!t.area.empty()) names.emplace(t.area);
  std::vector<Choice> out;
  out.reserve(names.size());
  for (const auto& n : names) out.push_back({n, n});
  return out;
}

std::string filter_form(const RegisterView& view) {
  const std::vector<Choice> yes_no{{"true", "Yes"}, {"false", "No"}};
  std::string out =
      "<form method=\"get\" action=\"/register\" class=\"filters\" role=\"search\" aria-label=\"Search and filter "
      "the register\">\n<div class=\"filter wide\"><label for=\"f-search\">Find a pupil</label><span class=\"hint\" "
      "id=\"f-search-hint\">Part of a name or the start of a UPN: pupils not on the register are found too</span>"
      "<input type=\"search\" id=\"f-search\" name=\"search\" aria-describedby=\"f-search-hint\" value=\"" +
      escape(asked(view, "search")) + "\"></div>\n";
  out += select(view, "year", "Year", view.years);
  out += select(view, "area", "Area of need", areas());
  out += select(view, "status", "Status", {{"K", "SEN support"}, {"E", "EHC plan"}});
  out += select(view, "wave", "Provision",
                {{"1", "Wave 1 (universal)"}, {"2", "Wave 2 (targeted)"}, {"3", "Wave 3 (specialist)"}, {"0", "None"}});
  out += select(view, "pupil_premium", "Pupil premium", yes_no);
  out += select(view, "eal", "EAL", yes_no);
  out += select(view, "looked_after", "Looked after", yes_no);
  std::vector<Choice> flags{{"any", "Any open flag"}};
  flags.insert(flags.end(), view.flags.begin(), view.flags.end());
  out += select(view, "flag", "Flag", flags);
  for (const auto* keep : {"sort", "order"})
    if (auto v = asked(view, keep); !v.empty())
      out += "<input type=\"hidden\" name=\"" + std::string(keep) + "\" value=\"" + escape(v) + "\">";
  return out + "<div class=\"filter\"><button type=\"submit\">Show</button> <a href=\"/register\">Clear</a></div>\n" +
         "</form>\n";
}

// A heading that sorts the list by its column; pressed again, the other way round.
std::string sort_heading(const RegisterView& view, const Choice& column) {
  auto sort = asked(view, "sort");
  if (sort.empty()) sort = "name";
  const bool current = sort == column.value;
  const bool descending = asked(view, "order") == "desc";
  std::string aria = current ? (descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : "";
  auto href = link_with(view, "/register", {{"sort", column.value}, {"order", current && !descending ? "desc" : ""}});
  auto label = escape(column.label) + (current ? (descending ? " <span aria-hidden=\"true\">&#9660;</span>"
                                                             : " <span aria-hidden=\"true\">&#9650;</span>")
                                               : "");
  return "<th scope=\"col\"" + aria + "><a href=\"" + escape(href) + "\">" + label + "</a></th>";
}

std::string list_cell(const json::value& list, const char* key = nullptr) {
  const auto& items = list.as_array();
  if (items.empty()) return none();
  std::string out;
  for (const auto& v : items) out += (out.empty() ? "" : ", ") + escape(text_of(key ? v.at(key) : v));
  return out;
}

std::string row(const json::object& p, const std::string& today) {
  const auto upn = text_of(p.at("upn"));
  std::string out = "<tr><th scope=\"row\"><a href=\"/pupils/" + url_part(upn) + "\">" +
                    escape(text_of(p.at("surname")) + ", " + text_of(p.at("forename"))) + "</a><span class=\"hint\">" +
                    escape(upn) + "</span>";
  std::vector<std::string> marks;
  if (p.at("pupil_premium").as_bool()) marks.emplace_back("PP");
  if (p.at("eal").as_bool()) marks.emplace_back("EAL");
  if (p.at("looked_after").as_bool()) marks.emplace_back("LAC");
  if (!marks.empty()) {
    std::string m;
    for (const auto& x : marks) m += (m.empty() ? "" : " ") + x;
    out += "<span class=\"hint\">" + m + "</span>";
  }
  out += "</th><td>" + escape(text_of(p.at("year"))) + "</td>";
  const auto status = text_of(p.at("status"));
  out += "<td class=\"status-" + escape(status) + "\">" + escape(status_name(status)) + "</td>";
  std::string needs;
  for (const auto& n : p.at("needs").as_array())
    needs += (needs.empty() ? "" : ", ") + std::string("<abbr title=\"") + escape(need_name(text_of(n))) + "\">" +
             escape(text_of(n)) + "</abbr>";
  out += "<td>" + (needs.empty() ? none() : needs) + "</td>";
  std::string classes;
  for (const auto& c : p.at("classes").as_array())
    classes += (classes.empty() ? "" : ", ") + std::string("<a href=\"/classes/") +
               url_part(text_of(c.at("class_id"))) + "/map\">" + escape(text_of(c.at("title"))) + "</a>";
  out += "<td>" + (classes.empty() ? none() : classes) + "</td>";
  out += "<td>" + list_cell(p.at("key_workers")) + "</td>";
  const auto& review = p.at("next_review");
  if (review.is_null()) {
    out += "<td>" + none() + "</td>";
  } else {
    auto date = text_of(review.at("date"));
    const bool overdue = date < today;
    out += "<td><span class=\"date\">" + escape(date) + "</span>" +
           (overdue ? " <strong class=\"warning\">overdue</strong>" : "") + "<span class=\"hint\">" +
           escape(text_of(review.at("what"))) + "</span></td>";
  }
  auto flags = p.at("open_flags").to_number<std::int64_t>();
  out += "<td>" + (flags == 0 ? none()
                              : "<a href=\"/pupils/" + url_part(upn) + "#flags\"" +
                                    (p.at("high_flag").as_bool() ? " class=\"severity-high\"" : "") + ">" +
                                    std::to_string(flags) + (p.at("high_flag").as_bool() ? " (high)" : "") + "</a>");
  out += "</td>";
  auto placed = p.at("provisions").to_number<std::int64_t>();
  out += "<td>" +
         (placed == 0
              ? none()
              : std::to_string(placed) + "<span class=\"hint\">highest wave " + text_of(p.at("wave")) + "</span>") +
         "</td></tr>\n";
  return out;
}

std::string error_block(const json::value& errors) {
  const auto* list = errors.is_object() ? errors.as_object().if_contains("errors") : nullptr;
  if (!list || !list->is_array() || list->as_array().empty()) return {};
  std::string out =
      "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus aria-labelledby=\"error-heading\">\n"
      "<h2 id=\"error-heading\">The list could not be filtered that way</h2>\n<ul>\n";
  for (const auto& e : list->as_array()) {
    auto field = text_of(e.at("field"));
    out += "<li><a href=\"#f-" + escape(field) + "\">" + escape(field + ": " + text_of(e.at("rule"))) + "</a></li>\n";
  }
  return out + "</ul>\n</div>\n";
}

}  // namespace

std::string register_page(const RegisterView& view) {
  std::string main = "<h1>SEN register</h1>\n";
  main += error_block(view.errors);
  main += filter_form(view);
  if (view.list.empty()) return page(view.frame, main);
  const auto today = text_of(view.list.at("as_of"));
  const auto count = view.list.at("count").to_number<std::int64_t>();
  // The viewer's own school is always a filter: it narrows nothing they would see.
  auto filters = view.list.at("filters").as_object();
  filters.erase("school");
  const bool filtered = !filters.empty();
  main += "<p class=\"lede\" role=\"status\">" + std::to_string(count) + (count == 1 ? " pupil" : " pupils") +
          (filtered ? " match" + std::string(count == 1 ? "es" : "") + " the filters" : " on the register") +
          " on <span class=\"date\">" + escape(today) + "</span>.</p>\n";
  main += "<p class=\"exports\"><a href=\"" + escape(link_with(view, "/register.xlsx")) +
          "\">Download this list for Excel (.xlsx)</a><a href=\"" + escape(link_with(view, "/register.csv")) +
          "\">Download as CSV</a></p>\n";
  if (count > 0) {
    main +=
        "<table class=\"register\"><caption class=\"visually-hidden\">Pupils on the SEN register; the column "
        "headings sort the list</caption>\n<thead><tr>";
    for (const auto& c : kSortable) {
      if (c.value == "need") {
        main += sort_heading(view, c) + "<th scope=\"col\">Classes</th><th scope=\"col\">Key worker</th>";
        continue;
      }
      main += sort_heading(view, c);
    }
    main += "</tr></thead>\n<tbody>\n";
    for (const auto& p : view.list.at("pupils").as_array()) main += row(p.as_object(), today);
    main += "</tbody>\n</table>\n";
  }
  if (const auto* others = view.list.if_contains("not_on_register")) {
    main += "<h2>Found off the register</h2>\n";
    const auto& list = others->as_array();
    if (list.empty()) {
      main += "<p>No pupil off the register matches &ldquo;" + escape(asked(view, "search")) + "&rdquo;.</p>\n";
    } else {
      main += "<p>Open a pupil to start assessing them (assess, plan, do, review).</p>\n<ul>\n";
      for (const auto& p : list)
        main += "<li><a href=\"/pupils/" + url_part(text_of(p.at("upn"))) + "\">" + escape(text_of(p.at("name"))) +
                "</a> (" + escape(text_of(p.at("upn"))) + ", year " + escape(text_of(p.at("year"))) + ")</li>\n";
      main += "</ul>\n";
    }
  }
  return page(view.frame, main);
}

}  // namespace sm::http::pages
