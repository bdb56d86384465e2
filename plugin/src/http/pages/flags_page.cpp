#include "http/pages/flags_page.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <map>

#include "http/pages/json_fields.hpp"

namespace sm::http::pages {
namespace {
namespace json = boost::json;

int severity_rank(const std::string& severity) {
  return severity == "high" ? 0 : severity == "medium" ? 1 : 2;
}

std::string severity_html(const json::object& flag) {
  auto severity = text_of(at(flag, "severity"));
  auto shown =
      severity.empty() ? severity : std::string(1, static_cast<char>(std::toupper(severity[0]))) + severity.substr(1);
  return "<strong class=\"severity-" + escape(severity) + "\">" + escape(shown) + "</strong>";
}

// One flag as a list item: severity, what it is (linked to its page), the evidence, its state.
std::string flag_item(const json::object& flag) {
  return "<li>" + severity_html(flag) + " <a href=\"/flags/" + text_of(at(flag, "id")) + "\">" +
         escape(text_of(at(flag, "title"))) + "</a>: " + value_html(at(flag, "explanation")) +
         " <span class=\"hint\">Raised " + date_html(at(flag, "raised_on")) + "; " + flag_state_html(flag, false) +
         "</span></li>\n";
}

// "placement 17" -> "placement": what several flags share.
std::string kind_of(const std::string& about) {
  return about.substr(0, about.find(' '));
}

struct PupilFlags {
  std::string upn, name, year;
  int worst = 3;
  std::vector<const json::object*> flags;
};

std::string pupil_section(const PupilFlags& p) {
  auto id = "pupil-" + url_part(p.upn);
  std::string out = "<section class=\"pupil-flags\" aria-labelledby=\"" + id + "\"><h2 id=\"" + id +
                    "\"><a href=\"/pupils/" + url_part(p.upn) + "\">" + escape(p.name) +
                    "</a> <span class=\"hint\">Year " + escape(p.year) + ", " + std::to_string(p.flags.size()) +
                    (p.flags.size() == 1 ? " flag" : " flags") + "</span></h2>\n<ul>\n";
  // Flags about one thing (a placement, a cycle) side by side under it; the rest one by one.
  std::map<std::string, std::vector<const json::object*>> about;
  for (const auto* f : p.flags) about[text_of(at(*f, "about"))].push_back(f);
  std::vector<std::string> done;
  for (const auto* f : p.flags) {
    auto subject = text_of(at(*f, "about"));
    const auto& same = about[subject];
    if (subject.empty() || same.size() == 1) {
      out += flag_item(*f);
      continue;
    }
    if (std::find(done.begin(), done.end(), subject) != done.end()) continue;
    done.push_back(subject);
    out += "<li>" + std::to_string(same.size()) + " flags about the same " + escape(kind_of(subject)) + "<ul>\n";
    for (const auto* g : same) out += flag_item(*g);
    out += "</ul></li>\n";
  }
  return out + "</ul>\n</section>\n";
}

std::string state_link(const FlagsView& v, const std::string& state, bool mine, const std::string& label) {
  std::string href =
      "/flags?state=" + state + (mine ? "&mine=1" : "") + (v.rule.empty() ? "" : "&rule=" + url_part(v.rule));
  const bool current = v.state == state && v.mine == mine;
  return "<li><a href=\"" + escape(href) + "\"" + (current ? " aria-current=\"page\"" : "") + ">" + escape(label) +
         "</a></li>";
}

std::string rule_filter(const FlagsView& v) {
  std::string out =
      "<form method=\"get\" action=\"/flags\" class=\"filters\"><input type=\"hidden\" name=\"state\" value=\"" +
      escape(v.state) + "\">" + (v.mine ? "<input type=\"hidden\" name=\"mine\" value=\"1\">" : "") +
      filter_select("rule", "Rule", v.rules, v.rule, "Every rule");
  return out + "<div class=\"filter\"><button type=\"submit\">Show</button></div></form>\n";
}

std::string history(const json::object& flag) {
  const auto& actions = array_at(flag, "actions");
  if (actions.empty()) return "<p>Nobody has acted on this flag yet.</p>\n";
  std::string out =
      "<table><caption>What staff have done with it, oldest first</caption>\n<thead><tr><th scope=\"col\">On</th>"
      "<th scope=\"col\">Who</th><th scope=\"col\">Did</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n";
  for (const auto& a : actions) {
    const auto& action = a.as_object();
    auto did = text_of(at(action, "action"));
    if (did == "snooze") did += " until " + text_of(at(action, "until"));
    if (did == "assign") did += " to " + text_of(at(object_at(action, "staff"), "name"));
    out += "<tr><td>" + date_html(at(action, "on")) + "</td><td>" + value_html(at(action, "by_name")) + "</td><td>" +
           escape(did) + "</td><td>" + value_html(at(action, "note")) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

}  // namespace

std::string flag_state_html(const json::object& flag, bool with_notes) {
  auto state = text_of(at(flag, "state"));
  std::string shown = escape(state);
  if (state == "snoozed") shown += " until " + date_html(at(flag, "snoozed_until"));
  if (state == "active" && !at(flag, "acknowledged_on").is_null())
    shown = "acknowledged " + date_html(at(flag, "acknowledged_on"));
  if (state == "resolved") shown += ": " + value_html(at(flag, "resolved_why"));
  if (at(flag, "assigned_to").is_object())
    shown += "; assigned to " + value_html(at(object_at(flag, "assigned_to"), "name"));
  if (with_notes)
    for (const auto& a : array_at(flag, "actions")) {
      const auto& action = a.as_object();
      if (text_of(at(action, "note")).empty()) continue;
      shown += "<br>" + escape(text_of(at(action, "by_name"))) + ", " + date_html(at(action, "on")) + ": " +
               value_html(at(action, "note"));
    }
  return shown;
}

std::string flags_page(const FlagsView& v) {
  std::string main = "<h1>Flags</h1>\n";
  if (!v.notice.empty()) main += notice(v.notice);
  main += "<nav aria-label=\"Which flags\" class=\"contents\"><ul>" + state_link(v, "active", false, "Active") +
          state_link(v, "active", true, "Assigned to me") + state_link(v, "snoozed", false, "Snoozed") +
          state_link(v, "resolved", false, "Resolved") + "</ul></nav>\n";
  main += rule_filter(v);
  std::vector<PupilFlags> pupils;
  std::map<std::string, std::size_t> index;
  for (const auto& f : v.flags) {
    const auto& flag = f.as_object();
    auto upn = text_of(at(flag, "upn"));
    auto [it, added] = index.emplace(upn, pupils.size());
    if (added) pupils.push_back({upn, text_of(at(flag, "pupil")), text_of(at(flag, "year")), 3, {}});
    auto& p = pupils[it->second];
    p.flags.push_back(&flag);
    p.worst = std::min(p.worst, severity_rank(text_of(at(flag, "severity"))));
  }
  // The pupils whose flags are most severe first; then by how many, then by name.
  std::stable_sort(pupils.begin(), pupils.end(), [](const PupilFlags& a, const PupilFlags& b) {
    if (a.worst != b.worst) return a.worst < b.worst;
    if (a.flags.size() != b.flags.size()) return a.flags.size() > b.flags.size();
    return a.name < b.name;
  });
  const auto count = v.flags.size();
  main += "<p class=\"lede\" role=\"status\">" + std::to_string(count) + (count == 1 ? " flag" : " flags") + " for " +
          std::to_string(pupils.size()) + (pupils.size() == 1 ? " pupil" : " pupils") +
          ", the pupils with the most severe first. Open a flag to acknowledge, snooze, assign or resolve it.</p>\n";
  if (pupils.empty()) main += "<p>No flags here.</p>\n";
  for (const auto& p : pupils) main += pupil_section(p);
  return page(v.frame, main);
}

std::string flag_page(const FlagView& v) {
  const auto& flag = v.flag;
  const auto id = text_of(at(flag, "id"));
  const auto upn = text_of(at(flag, "upn"));
  std::string main = "<p><a href=\"/flags\">All flags</a></p>\n<h1>" + escape(text_of(at(flag, "title"))) + "</h1>\n";
  if (!v.notice.empty()) main += notice(v.notice);
  main += "<dl class=\"summary\"><dt>Pupil</dt><dd><a href=\"/pupils/" + url_part(upn) + "\">" +
          escape(text_of(at(flag, "pupil"))) + "</a> (year " + escape(text_of(at(flag, "year"))) + ")</dd>" +
          "<dt>Severity</dt><dd>" + severity_html(flag) + "</dd><dt>Evidence</dt><dd>" +
          value_html(at(flag, "explanation")) + "</dd><dt>Raised</dt><dd>" + date_html(at(flag, "raised_on")) +
          "</dd><dt>Last seen by the rules</dt><dd>" + date_html(at(flag, "last_seen_on")) + "</dd><dt>State</dt><dd>" +
          flag_state_html(flag, false) + "</dd></dl>\n";
  main += "<section aria-labelledby=\"history-heading\"><h2 id=\"history-heading\">What has been done</h2>\n" +
          history(flag) + "</section>\n";
  const auto state = text_of(at(flag, "state"));
  if (state == "cleared") {
    main += "<p>The rules cleared this flag on " + date_html(at(flag, "cleared_on")) + ": " +
            value_html(at(flag, "cleared_why")) + ".</p>\n";
    return page(v.frame, main);
  }
  main += "<section aria-labelledby=\"act-heading\"><h2 id=\"act-heading\">Act on it</h2>\n";
  static const Submitted kFresh;
  // Each form its own id prefix: all four have a note.
  auto form = [&](const std::string& action, const std::string& heading, auto fill, const std::string& button) {
    const bool failed = v.failed_form == action;
    const auto prefix = "f-" + action + "-";
    FormBuilder b("/flags/" + id + "/" + action, v.frame.csrf_token, failed ? v.submitted : kFresh, prefix);
    fill(b);
    auto body = b.finish(button);
    std::string out = "<h3 id=\"" + action + "-heading\">" + escape(heading) + "</h3>\n";
    if (failed) out += error_summary(v.errors, heading, b.labels(), prefix);
    return out + body;
  };
  if (state != "resolved") {
    main += form(
        "acknowledge", "Acknowledge it",
        [](FormBuilder& b) { b.textarea("note", "What is being done", "Shown to the next person who reads the flag"); },
        "Acknowledge");
    main += form(
        "snooze", "Snooze it until a day",
        [&](FormBuilder& b) {
          b.date("until", "Until", "");
          b.textarea("note", "Why it can wait");
        },
        "Snooze");
  }
  main += form(
      "assign", "Assign it to a member of staff",
      [&](FormBuilder& b) {
        b.select("staff_id", "Member of staff", v.staff);
        b.textarea("note", "What they are asked to do");
      },
      "Assign");
  if (state != "resolved")
    main += form(
        "resolve", "Resolve it",
        [](FormBuilder& b) {
          b.textarea("reason", "Why no more is needed",
                     "It leaves the list and is not raised again while what raised it still holds");
        },
        "Resolve");
  return page(v.frame, main + "</section>\n");
}

}  // namespace sm::http::pages
