#include "arbor/arbor_pupil.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>

#include "arbor/arbor_json.hpp"
#include "model/reference_data.hpp"

namespace sm::arbor {
namespace json = boost::json;
namespace {

bool names_inline(const json::object& o) {
  return o.contains("legalLastName") || o.contains("legalFirstName");
}

// Gender is a reference (/rest-v2/genders/FEMALE) or, leniently, text or an embedded code.
std::string sex_of(const json::object& o) {
  const auto* g = o.if_contains("gender");
  if (!g) return {};
  std::string text = g->is_string() ? std::string(g->as_string()) : id_of_href(href_of(g));
  if (text.empty() && g->is_object()) text = text_of(g->as_object(), "code");
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (text == "F" || text == "FEMALE") return "F";
  if (text == "M" || text == "MALE") return "M";
  return {};
}

Person person_from(const json::object& o) {
  Person p;
  p.first = text_of(o, "legalFirstName");
  p.last = text_of(o, "legalLastName");
  p.preferred_first = text_of(o, "preferredFirstName");
  p.preferred_last = text_of(o, "preferredLastName");
  p.middle = text_of(o, "legalMiddleNames");
  p.sex = sex_of(o);
  p.dob = date_of(o.if_contains("dateOfBirth"));
  return p;
}

bool before(model::Date a, model::Date b) {
  return std::chrono::sys_days{a} < std::chrono::sys_days{b};
}

}  // namespace

model::Problem arbor_problem(const std::string& url, const std::string& href, const std::string& rule,
                             const std::string& value) {
  model::Problem p;
  p.file = url;
  p.path = href;
  p.record = id_of_href(href);
  p.rule = rule;
  p.value = value;
  return p;
}

std::map<std::string, Person> persons_of(ArborApi& api, const std::vector<json::object>& records) {
  std::map<std::string, Person> out;
  std::vector<std::string> to_fetch;
  std::map<std::string, std::vector<std::string>> owners;  // person href -> record hrefs
  for (const auto& r : records) {
    auto href = text_of(r, "href");
    const auto* person = r.if_contains("person");
    if (names_inline(r)) {
      out[href] = person_from(r);
    } else if (person && person->is_object() && names_inline(person->as_object())) {
      out[href] = person_from(person->as_object());
    } else if (auto p = href_of(person); !p.empty()) {
      if (!owners.contains(p)) to_fetch.push_back(p);
      owners[p].push_back(href);
    }
  }
  if (!to_fetch.empty())
    for (const auto& person : api.fetch_all(to_fetch, "read people's names"))
      for (const auto& owner : owners[text_of(person, "href")]) out[owner] = person_from(person);
  return out;
}

ByStudent by_student(const std::vector<json::object>& records) {
  ByStudent out;
  for (const auto& r : records)
    if (auto id = id_of_href(href_of(r.if_contains("student"))); !id.empty()) out[id].push_back(r);
  return out;
}

const json::object* current_upn(const std::vector<json::object>& assignments, model::Date today) {
  const json::object* best = nullptr;
  std::optional<model::Date> best_start;
  bool best_temporary = true;
  for (const auto& a : assignments) {
    if (text_of(a, "upn").empty()) continue;
    auto end = date_of(a.if_contains("endDatetime"));
    if (!end) end = date_of(a.if_contains("endDate"));
    if (end && before(*end, today)) continue;
    auto start = date_of(a.if_contains("startDatetime"));
    if (!start) start = date_of(a.if_contains("startDate"));
    bool temporary = bool_of(a, "isTemporary").value_or(false);
    bool better = !best || (best_temporary && !temporary) ||
                  (best_temporary == temporary && start && (!best_start || before(*best_start, *start)));
    if (better) {
      best = &a;
      best_start = start;
      best_temporary = temporary;
    }
  }
  return best;
}

void add_sen_status(model::PupilRecord& pupil, const std::vector<json::object>& assignments, const CodeTable& statuses,
                    model::Date today, const std::string& url, std::vector<model::Problem>& warnings) {
  struct Period {
    model::Date start;
    std::optional<model::Date> end;
    std::string code;
  };
  std::vector<Period> periods;
  for (const auto& a : assignments) {
    auto href = text_of(a, "href");
    auto start = date_of(a.if_contains("startDate"));
    auto code = statuses.code_of(href_of(a.if_contains("senStatus")));
    if (!start) {
      warnings.push_back(arbor_problem(url, href, "SEN status assignment without a start date: left out"));
      continue;
    }
    if (!model::find_sen_provision(code)) {
      warnings.push_back(
          arbor_problem(url, href, "SEN status is not a census SEN provision code (N, K, E): left out", code));
      continue;
    }
    periods.push_back({*start, date_of(a.if_contains("endDate")), code});
  }
  std::sort(periods.begin(), periods.end(), [](const Period& x, const Period& y) { return before(x.start, y.start); });
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (!pupil.sen_status.empty() && pupil.sen_status.back().start == periods[i].start) pupil.sen_status.pop_back();
    pupil.sen_status.push_back({periods[i].start, periods[i].code});
    // An ended assignment with nothing after it: off the register from the next day.
    const auto& end = periods[i].end;
    bool last = i + 1 == periods.size();
    if (last && end && before(*end, today) && periods[i].code != "N")
      pupil.sen_status.push_back({model::add_days(*end, 1), "N"});
  }
  if (!assignments.empty()) pupil.has_sen_history = true;
}

void add_needs(model::PupilRecord& pupil, const std::vector<json::object>& needs, const CodeTable& types,
               const std::string& url, std::vector<model::Problem>& warnings) {
  for (const auto& n : needs) {
    model::SenNeed need;
    need.type = types.code_of(href_of(n.if_contains("senNeedType")));
    auto rank = integer_of(n, "ranking");
    if (!model::find_sen_type(need.type)) {
      warnings.push_back(
          arbor_problem(url, text_of(n, "href"), "SEN need type is not a census SENtype code: left out", need.type));
      continue;
    }
    if (!rank || *rank < 1 || *rank > 99) {
      warnings.push_back(arbor_problem(url, text_of(n, "href"), "SEN need without a ranking from 1 to 99: left out",
                                       rank ? std::to_string(*rank) : std::string()));
      continue;
    }
    need.rank = static_cast<int>(*rank);
    need.start = date_of(n.if_contains("effectiveDate"));
    if (!need.start) need.start = date_of(n.if_contains("startDate"));
    need.end = date_of(n.if_contains("endDate"));
    pupil.needs.push_back(std::move(need));
  }
  std::sort(pupil.needs.begin(), pupil.needs.end(), [](const auto& a, const auto& b) { return a.rank < b.rank; });
  if (!needs.empty()) pupil.has_sen_history = true;
}

}  // namespace sm::arbor
