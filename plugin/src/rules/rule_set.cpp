#include <cstdio>

#include "report/pupil_groups.hpp"
#include "rules/rule.hpp"

namespace sm::rules {

const std::vector<Rule>& all_rules() {
  static const std::vector<Rule> all = [] {
    std::vector<Rule> out;
    add_review_rules(out);
    add_ehc_rules(out);
    add_attendance_rules(out);
    add_provision_rules(out);
    add_register_rules(out);
    return out;
  }();
  return all;
}

// The same facts every whole-school report uses (report/pupil_groups): one meaning of "on the
// register on a day" across reports and rules.
std::map<std::int64_t, std::string> register_today(store::Database& db, model::Date today) {
  std::map<std::int64_t, std::string> out;
  for (const auto& [id, pupil] : report::SchoolHistory(db, true).facts_at(today))
    if (pupil.on_roll && pupil.status != "N") out.emplace(id, pupil.status);
  return out;
}

const std::map<std::int64_t, std::string>& RuleContext::on_register() {
  if (!on_register_) on_register_ = register_today(db, today);
  return *on_register_;
}

std::string one_decimal(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

}  // namespace sm::rules
