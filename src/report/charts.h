// Charts of the report, drawn once against a small Canvas interface that the
// PDF (cairo) and HTML (SVG) renderers implement, so that both show the same
// chart. Layout never measures text: labels get fixed room and are shortened,
// which keeps the two renderings alike and the output deterministic.
#pragma once

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "core/number_format.h"

namespace valuemark::report {

struct Color {
  double r = 0, g = 0, b = 0;
};

// The colour of text and lines in charts and in the PDF report around them.
inline constexpr Color kInk{0.15, 0.15, 0.2};

enum class Align { kLeft, kCenter, kRight };

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void Rect(double x, double y, double w, double h, Color fill) = 0;
  virtual void Line(double x1, double y1, double x2, double y2, Color stroke, double width) = 0;
  // y is the text's baseline; size in points.
  virtual void Text(double x, double y, std::string_view text, double size, Align align,
                    Color color, bool bold = false) = 0;
};

struct Bar {
  std::string label;
  double value = 0;
};

struct TornadoRow {
  std::string label;
  double low = 0;   // the ratio with the estimate 20 % lower
  double high = 0;  // ... 20 % higher
};

struct Chart {
  enum class Kind { kHorizontalBars, kColumns, kTornado, kHistogram };
  Kind kind = Kind::kColumns;
  std::string title;
  std::string description;  // alternative text: what the chart shows, in words
  std::vector<Bar> bars;    // bars, columns, or or histogram bins (counts)
  std::vector<TornadoRow> tornado;
  double base = 0;       // tornado: the base ratio
  double bin_start = 0;  // histogram: the first bin's lower edge
  double bin_width = 0;
  double marker = NAN;       // histogram: a vertical line at this x (ratio 1)
  std::string value_prefix;  // "£" for money axes
  double height = 220;       // points, at a width of 480
};

inline constexpr double kChartWidth = 480;

void DrawChart(const Chart& chart, Canvas& canvas, double width, double height);

// At most max_chars characters (UTF-8 code points), with an ellipsis when cut.
std::string Shorten(std::string_view s, size_t max_chars);

// 1234567 → "1,234,567": the one number format (core/number_format.h).
using valuemark::GroupedNumber;

}  // namespace valuemark::report
