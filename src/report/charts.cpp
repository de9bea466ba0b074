#include "report/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace valuemark::report {
namespace {

constexpr Color kGrid{0.85, 0.85, 0.88};
constexpr Color kPositive{0.12, 0.38, 0.62};
constexpr Color kNegative{0.75, 0.3, 0.25};
constexpr Color kMarker{0.8, 0.1, 0.1};
constexpr double kFont = 9;

// A "nice" step (1, 2 or 5 × 10^k) that gives about `ticks` intervals.
double NiceStep(double span, int ticks) {
  if (span <= 0) return 1;
  const double raw = span / ticks;
  const double power = std::pow(10, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * power) return m * power;
  return 10 * power;
}

std::string Compact(double v, std::string_view prefix) {
  const double a = std::abs(v);
  const std::string sign = v < 0 ? "-" : "";
  if (a >= 1e6) return fmt::format("{}{}{:.3g}m", sign, prefix, a / 1e6);
  if (a >= 1e4) return fmt::format("{}{}{:.3g}k", sign, prefix, a / 1e3);
  return GroupedNumber(v, prefix, a < 10 && a != std::floor(a) ? 2 : 0);
}

struct Scale {
  double lo, hi, x0, x1;
  double operator()(double v) const {
    return hi == lo ? x0 : x0 + (v - lo) / (hi - lo) * (x1 - x0);
  }
};

// Vertical grid lines and their labels under the plot, for a horizontal axis.
void XAxis(Canvas& c, const Scale& s, double top, double bottom, std::string_view prefix,
           bool ratio) {
  const double step = NiceStep(s.hi - s.lo, 5);
  for (double v = std::ceil(s.lo / step) * step; v <= s.hi + step * 1e-9; v += step) {
    const double x = s(v);
    c.Line(x, top, x, bottom, kGrid, 0.5);
    c.Text(x, bottom + 10,
           ratio ? fmt::format("{:g}", std::round(v * 100) / 100) : Compact(v, prefix), kFont - 1,
           Align::kCenter, kInk);
  }
}

void HorizontalBars(const Chart& chart, Canvas& c, double w, double h) {
  constexpr double kLabelWidth = 150, kRight = 60, kTop = 4, kBottom = 16;
  double lo = 0, hi = 0;
  for (const Bar& b : chart.bars) lo = std::min(lo, b.value), hi = std::max(hi, b.value);
  const Scale s{lo, hi == lo ? lo + 1 : hi, kLabelWidth, w - kRight};
  XAxis(c, s, kTop, h - kBottom, chart.value_prefix, false);
  const double row = (h - kTop - kBottom) / std::max<size_t>(1, chart.bars.size());
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double y = kTop + row * static_cast<double>(i);
    const double x0 = s(0), x1 = s(b.value);
    c.Rect(std::min(x0, x1), y + row * 0.15, std::abs(x1 - x0), row * 0.7,
           b.value < 0 ? kNegative : kPositive);
    c.Text(kLabelWidth - 6, y + row / 2 + 3, Shorten(b.label, 26), kFont, Align::kRight, kInk);
    c.Text(std::max(x0, x1) + 4, y + row / 2 + 3, Compact(b.value, chart.value_prefix), kFont,
           Align::kLeft, kInk);
  }
  c.Line(s(0), kTop, s(0), h - kBottom, kInk, 0.8);
}

void Columns(const Chart& chart, Canvas& c, double w, double h) {
  constexpr double kLeft = 56, kRight = 8, kTop = 8, kBottom = 20;
  double lo = 0, hi = 0;
  for (const Bar& b : chart.bars) lo = std::min(lo, b.value), hi = std::max(hi, b.value);
  if (hi == lo) hi = lo + 1;
  const Scale y{lo, hi, h - kBottom, kTop};
  const double step = NiceStep(hi - lo, 4);
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    c.Line(kLeft, y(v), w - kRight, y(v), kGrid, 0.5);
    c.Text(kLeft - 4, y(v) + 3, Compact(v, chart.value_prefix), kFont - 1, Align::kRight, kInk);
  }
  const size_t n = std::max<size_t>(1, chart.bars.size());
  const double col = (w - kLeft - kRight) / static_cast<double>(n);
  const size_t label_every = std::max<size_t>(1, (n + 19) / 20);
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double x = kLeft + col * static_cast<double>(i);
    const double y0 = y(0), y1 = y(b.value);
    c.Rect(x + col * 0.15, std::min(y0, y1), col * 0.7, std::abs(y1 - y0),
           b.value < 0 ? kNegative : kPositive);
    if (i % label_every == 0)
      c.Text(x + col / 2, h - kBottom + 11, b.label, kFont - 1, Align::kCenter, kInk);
  }
  c.Line(kLeft, y(0), w - kRight, y(0), kInk, 0.8);
}

void Tornado(const Chart& chart, Canvas& c, double w, double h) {
  constexpr double kLabelWidth = 190, kRight = 12, kTop = 4, kBottom = 16;
  double lo = chart.base, hi = chart.base;
  for (const TornadoRow& r : chart.tornado)
    lo = std::min({lo, r.low, r.high}), hi = std::max({hi, r.low, r.high});
  if (hi == lo) hi = lo + 1;
  const double pad = (hi - lo) * 0.05;
  const Scale s{std::max(0.0, lo - pad), hi + pad, kLabelWidth, w - kRight};
  XAxis(c, s, kTop, h - kBottom, "", true);
  const double row = (h - kTop - kBottom) / std::max<size_t>(1, chart.tornado.size());
  for (size_t i = 0; i < chart.tornado.size(); ++i) {
    const TornadoRow& r = chart.tornado[i];
    const double y = kTop + row * static_cast<double>(i);
    const double a = s(std::min(r.low, r.high)), b = s(std::max(r.low, r.high));
    // The half below the base ratio is the risk side.
    const double base = s(chart.base);
    if (a < base) c.Rect(a, y + row * 0.15, std::min(b, base) - a, row * 0.7, kNegative);
    if (b > base)
      c.Rect(std::max(a, base), y + row * 0.15, b - std::max(a, base), row * 0.7, kPositive);
    c.Text(kLabelWidth - 6, y + row / 2 + 3, Shorten(r.label, 38), kFont, Align::kRight, kInk);
  }
  c.Line(s(chart.base), kTop, s(chart.base), h - kBottom, kInk, 1);
}

void Histogram(const Chart& chart, Canvas& c, double w, double h) {
  constexpr double kLeft = 40, kRight = 8, kTop = 14, kBottom = 18;
  if (chart.bars.empty()) return;
  const double first = chart.bin_start;
  const double last = first + chart.bin_width * static_cast<double>(chart.bars.size());
  double most = 1;
  for (const Bar& b : chart.bars) most = std::max(most, b.value);
  const Scale x{first, last, kLeft, w - kRight};
  const Scale y{0, most, h - kBottom, kTop};
  XAxis(c, x, kTop, h - kBottom, "", true);
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const double from = first + chart.bin_width * static_cast<double>(i);
    const bool below = !std::isnan(chart.marker) && from + chart.bin_width / 2 < chart.marker;
    c.Rect(x(from), y(chart.bars[i].value), x(from + chart.bin_width) - x(from),
           y(0) - y(chart.bars[i].value), below ? kNegative : kPositive);
  }
  c.Line(kLeft, y(0), w - kRight, y(0), kInk, 0.8);
  c.Text(kLeft - 4, kTop + 6, "draws", kFont - 1, Align::kRight, kInk);
  if (!std::isnan(chart.marker) && chart.marker >= first && chart.marker <= last) {
    c.Line(x(chart.marker), kTop - 4, x(chart.marker), h - kBottom, kMarker, 1.2);
    c.Text(x(chart.marker) + 3, kTop + 2, "1 : 1", kFont, Align::kLeft, kMarker, true);
  }
}

}  // namespace

std::string Shorten(std::string_view s, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++chars == max_chars) {
      size_t end = i;
      // Does more text follow this character?
      size_t next = i + 1;
      while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
      if (next >= s.size()) return std::string(s);
      return std::string(s.substr(0, end)) + "\u2026";
    }
  }
  return std::string(s);
}

void DrawChart(const Chart& chart, Canvas& canvas, double width, double height) {
  switch (chart.kind) {
    case Chart::Kind::kHorizontalBars:
      HorizontalBars(chart, canvas, width, height);
      break;
    case Chart::Kind::kColumns:
      Columns(chart, canvas, width, height);
      break;
    case Chart::Kind::kTornado:
      Tornado(chart, canvas, width, height);
      break;
    case Chart::Kind::kHistogram:
      Histogram(chart, canvas, width, height);
      break;
  }
}

}  // namespace valuemark::report
