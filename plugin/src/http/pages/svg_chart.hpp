// Charts drawn by senmap as inline SVG: no script, no external asset, nothing the page's
// Content-Security-Policy must allow (presentation attributes, not style). Each chart is an image
// with a title and a description for screen readers, and the page shows its figures as a table too.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace sm::http::pages {

struct ChartSeries {
  std::string name;
  std::string colour;                         // a fill or stroke with 3:1 contrast on white (WCAG 1.4.11)
  std::vector<std::optional<double>> values;  // one per category; nullopt: no figure
};

// What the figures are, so each is shown by the one rule for people (model/number_text.hpp): 15.1%, £1,016.00.
enum class ChartUnit { percent, pounds };

struct Chart {
  std::string id;  // unique in the page: the title's and description's ids derive from it
  std::string title, description;
  ChartUnit unit = ChartUnit::percent;
  std::vector<std::string> categories;
  std::vector<ChartSeries> series;
};

// One figure as the chart and its table of figures show it: 15.1%, £1,016.00.
std::string chart_figure(const Chart& chart, double v);

// Horizontal bars, one group per category, one bar per series, each labelled with its value.
std::string bar_chart(const Chart& chart);
// One line per series across the categories (in order, e.g. census days), points labelled.
std::string line_chart(const Chart& chart);

}  // namespace sm::http::pages
