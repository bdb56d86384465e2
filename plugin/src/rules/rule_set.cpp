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
    add_access_rules(out);
    return out;
  }();
  return all;
}

// One meaning of "on the register on a day" across reports and rules (report/pupil_groups).
std::map<std::int64_t, std::string> register_today(store::Database& db, model::Date today) {
  return report::register_on(db, today);
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

const Rule* find_rule(std::string_view id) {
  for (const auto& r : all_rules())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace sm::rules
