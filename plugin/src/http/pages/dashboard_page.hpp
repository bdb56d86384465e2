// The SENCO's dashboard: first what needs doing now (reviews overdue or due this week, EHC
// deadlines within four weeks, high flags nobody has acted on, class maps never read), side by side
// on a laptop's first screen; then the flags by rule, the reviews due this month, the EHC clocks,
// the register against England (charts drawn by senmap, with their figures as tables), and what
// provision costs and achieves. A part the viewer may not see says why instead; a governor sees
// the aggregate parts only, never a pupil's name.
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
  bool dates_missing = false;  // status E in the MIS, no plan recorded: no clock runs
};

// A part of the dashboard: its data, or why the viewer cannot see it.
template <class T>
struct Part {
  std::optional<T> data;
  std::string why_not;
};

// What needs doing now, at the top of the dashboard: one panel a kind of work, the most pressing
// few named and a link to the rest.
struct ActionItem {
  std::string href, text, when;  // when: a date, "3 days overdue"
  bool overdue = false;
};
struct ActionPanel {
  std::string id, heading;          // heading: "Reviews overdue or due this week"
  std::string all_href, all_label;  // where the whole list is
  std::string empty;                // said when there is nothing to do
  std::vector<ActionItem> items;    // every one; the page shows the first few
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
  std::vector<ActionPanel> actions;  // for whole-school staff; empty for a governor
};

std::string dashboard_page(const DashboardView& view);

}  // namespace sm::http::pages
