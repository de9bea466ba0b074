#include "report/invoice_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "report/pdf_page.h"

namespace valuemark::report {
namespace {

// Words of `text` in lines of at most `width` points at `size`.
std::vector<std::string> Wrap(cairo_t* cr, const std::string& text, double size, double width,
                              bool bold = false) {
  cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  std::vector<std::string> lines;
  std::string line;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    const std::string candidate = line.empty() ? word : line + " " + word;
    cairo_text_extents_t extents;
    cairo_text_extents(cr, candidate.c_str(), &extents);
    if (!line.empty() && extents.x_advance > width) {
      lines.push_back(line);
      line = word;
    } else {
      line = candidate;
    }
    if (end < text.size() && text[end] == '\n') {
      lines.push_back(line);
      line.clear();
    }
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// At most max_lines of Wrap's lines, the last ending "…" when text was left out.
std::vector<std::string> Lines(cairo_t* cr, const std::string& text, double size, double width,
                               size_t max_lines, bool bold = false) {
  std::vector<std::string> lines = Wrap(cr, text, size, width, bold);
  if (lines.empty()) lines.push_back("");
  if (lines.size() > max_lines) {
    lines.resize(max_lines);
    lines.back() += " …";
  }
  // A single word wider than the column (no space to break at) is cut.
  cairo_text_extents_t extents;
  for (std::string& line : lines) {
    cairo_text_extents(cr, line.c_str(), &extents);
    while (extents.x_advance > width && line.size() > 4) {
      size_t cut = line.size() - 4;
      while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
      line = line.substr(0, cut) + "…";
      cairo_text_extents(cr, line.c_str(), &extents);
    }
  }
  return lines;
}

}  // namespace

Result<std::string> InvoicePdf(const Invoice& i, const InvoiceParties& p) {
  constexpr double kWidth = 595, kHeight = 842;  // A4 portrait, points
  constexpr double kLeft = 56, kRight = kWidth - 56;
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(&AppendToString, &out, kWidth, kHeight);
  cairo_t* cr = cairo_create(surface);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                 fmt::format("Invoice {}", i.number).c_str());
  cairo_set_source_rgb(cr, 0.07, 0.36, 0.31);
  DrawText(cr, kLeft, 80, 24, true, "Invoice");
  DrawText(cr, kRight, 80, 12, true, p.issuer, Align::kRight);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  DrawText(cr, kRight, 98, 10, false, p.contact, Align::kRight);

  const double col = 360;
  DrawText(cr, kLeft, 140, 10, false, "Billed to");
  // The name in the column left of the invoice's details, on up to three lines.
  double name_y = 158;
  for (const std::string& line : Lines(cr, p.customer, 13, col - kLeft - 20, 3, true)) {
    DrawText(cr, kLeft, name_y, 13, true, line);
    name_y += 16;
  }
  if (!p.customer_area.empty())
    DrawText(cr, kLeft, name_y + 1, 10, false,
             Lines(cr, p.customer_area, 10, col - kLeft - 20, 1)[0]);
  DrawText(cr, col, 140, 10, false, "Invoice number");
  DrawText(cr, kRight, 140, 10, true, i.number, Align::kRight);
  DrawText(cr, col, 158, 10, false, "Issued");
  DrawText(cr, kRight, 158, 10, false, ReadableDate(i.issued_on), Align::kRight);
  DrawText(cr, col, 176, 10, false, "Payment due");
  DrawText(cr, kRight, 176, 10, false, ReadableDate(i.due_on), Align::kRight);

  // The line and its amounts.
  double y = 230;
  cairo_set_line_width(cr, 0.8);
  cairo_move_to(cr, kLeft, y);
  cairo_line_to(cr, kRight, y);
  cairo_stroke(cr);
  DrawText(cr, kLeft, y + 18, 10, true, "Description");
  DrawText(cr, kRight, y + 18, 10, true, "Amount", Align::kRight);
  y += 40;
  for (const std::string& line : Lines(cr, i.description, 11, 360, 4)) {
    DrawText(cr, kLeft, y, 11, false, line);
    y += 16;
  }
  DrawText(cr, kRight, 270, 11, false, FormatPounds(i.amount.net_pence), Align::kRight);
  y += 10;
  cairo_move_to(cr, col, y);
  cairo_line_to(cr, kRight, y);
  cairo_stroke(cr);
  auto row = [&](const std::string& label, int64_t pence, bool bold) {
    y += 20;
    DrawText(cr, col, y, 11, bold, label);
    DrawText(cr, kRight, y, 11, bold, FormatPounds(pence), Align::kRight);
  };
  row("Before VAT", i.amount.net_pence, false);
  row(fmt::format("VAT at {}%", i.amount.vat_percent), i.amount.vat_pence, false);
  row("Total due", i.amount.gross_pence, true);

  // How to pay, then the state.
  y += 50;
  DrawText(cr, kLeft, y, 11, true, "How to pay");
  y += 18;
  for (const std::string& line : Lines(cr, p.payment, 10, kRight - kLeft, 8)) {
    DrawText(cr, kLeft, y, 10, false, line);
    y += 14;
  }
  if (i.state != InvoiceState::kIssued) {
    const bool paid = i.state == InvoiceState::kPaid;
    y += 30;
    cairo_set_source_rgb(cr, paid ? 0.07 : 0.6, paid ? 0.36 : 0.1, paid ? 0.31 : 0.1);
    DrawText(cr, kLeft, y, 20, true, paid ? "PAID" : "VOID");
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    y += 18;
    const std::string note =
        paid ? fmt::format("Payment received on {}{}.", ReadableDate(i.paid_on),
                           i.payment_reference.empty() ? "" : ", reference " + i.payment_reference)
             : "Nothing is owed on this invoice. " + i.void_reason;
    // Down to the footer, however long the reason.
    const auto room = static_cast<size_t>(std::max(1.0, (kHeight - 90 - y) / 14));
    for (const std::string& line : Lines(cr, note, 10, kRight - kLeft, room)) {
      DrawText(cr, kLeft, y, 10, false, line);
      y += 14;
    }
  }
  DrawText(cr, kLeft, kHeight - 56, 8, false,
           "Issued through ValueMark. Prices are in pounds sterling; VAT is charged at the rate "
           "shown.");
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Fail(Error::Make(ErrorCode::kInternal, std::string("could not draw the invoice: ") +
                                                      cairo_status_to_string(status)));
  return out;
}

}  // namespace valuemark::report
