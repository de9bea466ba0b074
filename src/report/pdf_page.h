// What the one-page PDFs (the certificate, an invoice) share: cairo's output
// gathered into a string, and a line of text in DejaVu Sans.
#pragma once

#include <cairo.h>

#include <string>

#include "report/charts.h"

namespace valuemark::report {

// A cairo write function that appends to the std::string at `closure`.
inline cairo_status_t AppendToString(void* closure, const unsigned char* data,
                                     unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// One line of text whose baseline starts (kLeft), is centred on (kCenter) or
// ends (kRight) at x.
inline void DrawText(cairo_t* cr, double x, double y, double size, bool bold,
                     const std::string& text, Align align = Align::kLeft) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  double left = x;
  if (align == Align::kCenter) left = x - extents.width / 2 - extents.x_bearing;
  if (align == Align::kRight) left = x - extents.x_advance;
  cairo_move_to(cr, left, y);
  cairo_show_text(cr, text.c_str());
}

}  // namespace valuemark::report
