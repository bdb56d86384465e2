// The SENCO's dashboard: the register against England (charts drawn by senmap, with their figures
// as tables), the flags raised with their evidence, the reviews due this month, the EHC clocks,
// and what provision costs and what it achieves. A part the viewer may not see says why instead;
// a governor sees the aggregate parts only, never a pupil's name.
#pragma once
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "http/pages/html.hpp"

namespace sm::http::pages {

struct ReviewDue {
  std::string date, upn, name, what;
};

struct EhcClockRow {
  std::string upn, name, year, stage, what, due, rule;
  int days_left = 0;
};

// A part of the dashboard: its data, or why the viewer cannot see it.
template <class T>
struct Part {
  std::optional<T> data;
  std::string why_not;
};

struct DashboardView {
  Frame frame;
  std::string school, today, month;      // month: "November 2026"
  std::string term_warning;              // the config has no current term: why it matters
  Part<boost::json::object> analytics;   // report.register_analytics
  Part<boost::json::object> flags;       // flags.list
  Part<std::vector<ReviewDue>> reviews;  // due this month
  Part<std::vector<EhcClockRow>> ehc;
  Part<boost::json::object> costs;   // report.costs (this academic year)
  Part<boost::json::object> impact;  // report.impact
};

std::string dashboard_page(const DashboardView& view);

}  // namespace sm::http::pages
