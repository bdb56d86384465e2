#include <cstdio>

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

std::map<std::int64_t, std::string> register_today(store::Database& db, model::Date today) {
  std::map<std::int64_t, std::string> out;
  auto s = db.prepare(
      "SELECT p.id, (SELECT provision FROM sen_status_period sp WHERE sp.pupil_id = p.id AND sp.start_date <= ?1 "
      "ORDER BY sp.start_date DESC LIMIT 1) FROM pupil p WHERE p.left_on IS NULL");
  s.bind(1, model::format_date(today));
  while (s.step()) {
    if (s.is_null(1)) continue;
    auto status = s.text(1);
    if (status == "K" || status == "E") out.emplace(s.integer(0), status);
  }
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
