#include "http/pages/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include "http/pages/html.hpp"
#include "model/number_text.hpp"

namespace sm::http::pages {
namespace {

// The axis maximum: the largest value rounded up to a tidy step, so bars of small percentages fill the chart.
double axis_max(const Chart& chart) {
  double top = 0;
  for (const auto& s : chart.series)
    for (const auto& v : s.values)
      if (v) top = std::max(top, *v);
  if (top <= 0) return 1;
  double step = top <= 10 ? 2 : top <= 25 ? 5 : top <= 50 ? 10 : 20;
  return std::ceil(top / step) * step;
}

std::string open_svg(const Chart& chart, int width, int height) {
  return "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 " +
         std::to_string(width) + " " + std::to_string(height) + "\" width=\"100%\" aria-labelledby=\"" +
         escape(chart.id) + "-title " + escape(chart.id) +
         "-desc\">"
         "<title id=\"" +
         escape(chart.id) + "-title\">" + escape(chart.title) + "</title><desc id=\"" + escape(chart.id) + "-desc\">" +
         escape(chart.description) + "</desc>";
}

std::string legend(const Chart& chart, int x, int y) {
  std::string out;
  for (const auto& s : chart.series) {
    out += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y - 10) +
           "\" width=\"12\" height=\"12\" fill=\"" + escape(s.colour) + "\"/><text x=\"" + std::to_string(x + 18) +
           "\" y=\"" + std::to_string(y) + "\" font-size=\"13\" fill=\"#1b1b1b\">" + escape(s.name) + "</text>";
    x += 30 + static_cast<int>(s.name.size()) * 7;
  }
  return out;
}

std::string close_svg(const Chart& chart) {
  return "</svg><figcaption>" + escape(chart.title) + "</figcaption></figure>\n";
}

}  // namespace

std::string chart_figure(const Chart& chart, double v) {
  return chart.unit == ChartUnit::pounds ? model::money_text(v) : model::percent_text(v);
}

std::string bar_chart(const Chart& chart) {
  // Room for the longest category name at about 7 units a character (13-unit text), so none is cut off.
  std::size_t longest = 0;
  for (const auto& c : chart.categories) longest = std::max(longest, c.size());
  const int label_width = std::max(120, static_cast<int>(longest) * 7 + 16), plot_width = 420, bar = 16, gap = 14,
            top = 34, right = 70;
  const int group = static_cast<int>(chart.series.size()) * bar + gap;
  const int height = top + static_cast<int>(chart.categories.size()) * group + 24;
  const int width = label_width + plot_width + right;
  const double max = axis_max(chart);
  std::string out = open_svg(chart, width, height) + legend(chart, label_width, 16);
  // Gridlines at a fifth of the axis each, labelled under the plot.
  for (int i = 0; i <= 5; ++i) {
    int x = label_width + plot_width * i / 5;
    out += "<line x1=\"" + std::to_string(x) + "\" y1=\"" + std::to_string(top - 6) + "\" x2=\"" + std::to_string(x) +
           "\" y2=\"" + std::to_string(height - 20) + "\" stroke=\"#b1b4b6\" stroke-width=\"1\"/><text x=\"" +
           std::to_string(x) + "\" y=\"" + std::to_string(height - 6) +
           "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#505a5f\">" + escape(chart_figure(chart, max * i / 5)) +
           "</text>";
  }
  for (std::size_t c = 0; c < chart.categories.size(); ++c) {
    int y0 = top + static_cast<int>(c) * group;
    out += "<text x=\"" + std::to_string(label_width - 8) + "\" y=\"" + std::to_string(y0 + group / 2) +
           "\" font-size=\"13\" text-anchor=\"end\" fill=\"#1b1b1b\">" + escape(chart.categories[c]) + "</text>";
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      const auto& v = c < chart.series[s].values.size() ? chart.series[s].values[c] : std::nullopt;
      int y = y0 + static_cast<int>(s) * bar;
      int w = v ? static_cast<int>(std::lround(plot_width * std::clamp(*v / max, 0.0, 1.0))) : 0;
      out += "<rect x=\"" + std::to_string(label_width) + "\" y=\"" + std::to_string(y) + "\" width=\"" +
             std::to_string(w) + "\" height=\"" + std::to_string(bar - 3) + "\" fill=\"" +
             escape(chart.series[s].colour) + "\"/>";
      out += "<text x=\"" + std::to_string(label_width + w + 4) + "\" y=\"" + std::to_string(y + bar - 5) +
             "\" font-size=\"11\" fill=\"#1b1b1b\">" +
             (v ? escape(chart_figure(chart, *v)) : std::string("no figure")) + "</text>";
    }
  }
  return out + close_svg(chart);
}

std::string line_chart(const Chart& chart) {
  const int left = 50, plot_width = 520, plot_height = 200, top = 34, bottom = 40;
  const int width = left + plot_width + 40, height = top + plot_height + bottom;
  const double max = axis_max(chart);
  const std::size_t n = chart.categories.size();
  auto x_of = [&](std::size_t i) {
    return left + (n <= 1 ? plot_width / 2 : static_cast<int>(plot_width * i / (n - 1)));
  };
  auto y_of = [&](double v) {
    return top + plot_height - static_cast<int>(std::lround(plot_height * std::clamp(v / max, 0.0, 1.0)));
  };
  std::string out = open_svg(chart, width, height) + legend(chart, left, 16);
  for (int i = 0; i <= 4; ++i) {
    int y = top + plot_height - plot_height * i / 4;
    out += "<line x1=\"" + std::to_string(left) + "\" y1=\"" + std::to_string(y) + "\" x2=\"" +
           std::to_string(left + plot_width) + "\" y2=\"" + std::to_string(y) +
           "\" stroke=\"#b1b4b6\" stroke-width=\"1\"/><text x=\"" + std::to_string(left - 6) + "\" y=\"" +
           std::to_string(y + 4) + "\" font-size=\"11\" text-anchor=\"end\" fill=\"#505a5f\">" +
           escape(chart_figure(chart, max * i / 4)) + "</text>";
  }
  for (std::size_t i = 0; i < n; ++i)
    out += "<text x=\"" + std::to_string(x_of(i)) + "\" y=\"" + std::to_string(top + plot_height + 18) +
           "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1b1b\">" + escape(chart.categories[i]) + "</text>";
  for (const auto& s : chart.series) {
    std::string points;
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i)
      if (s.values[i]) points += std::to_string(x_of(i)) + "," + std::to_string(y_of(*s.values[i])) + " ";
    if (!points.empty())
      out +=
          "<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + escape(s.colour) + "\" stroke-width=\"3\"/>";
    for (std::size_t i = 0; i < n && i < s.values.size(); ++i) {
      if (!s.values[i]) continue;
      out += "<circle cx=\"" + std::to_string(x_of(i)) + "\" cy=\"" + std::to_string(y_of(*s.values[i])) +
             "\" r=\"4\" fill=\"" + escape(s.colour) + "\"/><text x=\"" + std::to_string(x_of(i)) + "\" y=\"" +
             std::to_string(y_of(*s.values[i]) - 8) + "\" font-size=\"11\" text-anchor=\"middle\" fill=\"#1b1b1b\">" +
             escape(chart_figure(chart, *s.values[i])) + "</text>";
    }
  }
  return out + close_svg(chart);
}

}  // namespace sm::http::pages
