#include "report/pdf_report.h"

#include <cairo-pdf.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

#include "report/document.h"

namespace valuemark::report {
namespace {

// A4 in points, and the margins.
constexpr double kPageWidth = 595.28, kPageHeight = 841.89;
constexpr double kLeft = 56, kRight = 56, kTop = 64, kBottom = 64;
constexpr double kContentWidth = kPageWidth - kLeft - kRight;
constexpr double kCellPad = 3;
constexpr Color kAccent{0.12, 0.31, 0.47};
constexpr Color kRule{0.8, 0.8, 0.85};
constexpr Color kHeaderFill{0.86, 0.9, 0.95};
constexpr Color kZebra{0.965, 0.97, 0.98};
constexpr Color kTileFill{0.93, 0.95, 0.97};
constexpr Color kRed{0.7, 0, 0};
constexpr Color kGreen{0.16, 0.48, 0.16};

struct FontDeleter {
  void operator()(PangoFontDescription* f) const { pango_font_description_free(f); }
};
using Font = std::unique_ptr<PangoFontDescription, FontDeleter>;
Font MakeFont(const char* description) {
  return Font(pango_font_description_from_string(description));
}

struct ObjectDeleter {
  void operator()(void* p) const { g_object_unref(p); }
};
using Layout = std::unique_ptr<PangoLayout, ObjectDeleter>;

void SetColor(cairo_t* cr, Color c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Charts drawn through cairo, with pango for the labels.
class CairoCanvas final : public Canvas {
 public:
  CairoCanvas(cairo_t* cr, PangoLayout* layout) : cr_(cr), layout_(layout) {}
  void Rect(double x, double y, double w, double h, Color fill) override {
    SetColor(cr_, fill);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
  }
  void Line(double x1, double y1, double x2, double y2, Color stroke, double width) override {
    SetColor(cr_, stroke);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x1, y1);
    cairo_line_to(cr_, x2, y2);
    cairo_stroke(cr_);
  }
  void Text(double x, double y, std::string_view text, double size, Align align, Color color,
            bool bold) override {
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout_, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout_, -1);
    pango_layout_set_text(layout_, text.data(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout_, &w, &h);
    const double baseline = pango_layout_get_baseline(layout_) / static_cast<double>(PANGO_SCALE);
    const double left = align == Align::kLeft ? x : align == Align::kCenter ? x - w / 2.0 : x - w;
    SetColor(cr_, color);
    cairo_move_to(cr_, left, y - baseline);
    pango_cairo_show_layout(cr_, layout_);
  }

 private:
  cairo_t* cr_;
  PangoLayout* layout_;
};

class Pdf {
 public:
  Pdf(cairo_surface_t* surface, std::string title)
      : surface_(surface), cr_(cairo_create(surface)), title_(std::move(title)) {
    body_ = MakeFont("DejaVu Sans 10.5");
    bold_ = MakeFont("DejaVu Sans Bold 10.5");
    small_ = MakeFont("DejaVu Sans 8.5");
    small_bold_ = MakeFont("DejaVu Sans Bold 8.5");
    tiny_ = MakeFont("DejaVu Sans 7.5");
    tiny_bold_ = MakeFont("DejaVu Sans Bold 7.5");
    h1_ = MakeFont("DejaVu Sans Bold 18");
    h2_ = MakeFont("DejaVu Sans Bold 12.5");
    title_font_ = MakeFont("DejaVu Sans Bold 32");
    subtitle_font_ = MakeFont("DejaVu Sans 17");
    figure_font_ = MakeFont("DejaVu Sans Bold 17");
    stamp_font_ = MakeFont("DejaVu Sans Bold 24");
    layout_ = NewLayout();
    y_ = kTop;
  }
  ~Pdf() {
    layout_.reset();
    cell_layouts_.clear();
    cairo_destroy(cr_);
  }

  // The first page: title, subtitle, facts and the cover blocks.
  void Cover(const ReportDocument& doc) {
    SetColor(cr_, kAccent);
    cairo_rectangle(cr_, 0, 0, kPageWidth, 18);
    cairo_fill(cr_);
    y_ = 150;
    y_ += Text(doc.title, title_font_.get(), kLeft, y_, kContentWidth, kAccent) + 10;
    y_ += Text(doc.subtitle, subtitle_font_.get(), kLeft, y_, kContentWidth, kInk) + 6;
    y_ += Text(doc.cover_facts, body_.get(), kLeft, y_, kContentWidth, kInk) + 30;
    for (const Block& b : doc.cover) Draw(b);
  }

  // `next` is the block after this one: a heading stays on the page of
  // the chart or the start of the table it introduces.
  void Draw(const Block& block, const Block* next = nullptr) {
    keep_with_heading_ = 80;
    if (next) {
      if (const Chart* c = std::get_if<Chart>(next))
        keep_with_heading_ = c->height * kContentWidth / kChartWidth + 10;
    }
    std::visit([this](const auto& b) { Draw_(b); }, block);
  }

  void Finish() { EndPage(); }

  // The page each section (level-1 heading) starts on: what a first pass
  // learns, and what the second pass's notices point to.
  using SectionPages = std::map<std::string, int, std::less<>>;
  const SectionPages& section_pages() const { return section_pages_; }
  void PointTo(SectionPages pages) { known_pages_ = std::move(pages); }

 private:
  Layout NewLayout() {
    Layout l(pango_cairo_create_layout(cr_));
    // Pango assumes 96 dpi; a PDF's unit is the point, so that a 10-point
    // font would come out at 13.3 points and charts larger than in the HTML.
    pango_cairo_context_set_resolution(pango_layout_get_context(l.get()), 72);
    pango_layout_context_changed(l.get());
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    return l;
  }

  // Lays out text in `width` at (x, y); returns its height. Draws unless measure_only.
  double Text(std::string_view text, const PangoFontDescription* font, double x, double y,
              double width, Color color, PangoAlignment align = PANGO_ALIGN_LEFT,
              bool measure_only = false) {
    PangoLayout* l = layout_.get();
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(l, &w, &h);
    if (!measure_only) {
      SetColor(cr_, color);
      cairo_move_to(cr_, x, y);
      pango_cairo_show_layout(cr_, l);
    }
    return h;
  }

  double Remaining() const { return kPageHeight - kBottom - y_; }

  void EndPage() {
    // Footer: the report's name and the page number.
    const std::string left = title_;
    Text(left, small_.get(), kLeft, kPageHeight - kBottom + 24, kContentWidth * 0.7, kInk);
    Text(fmt::format("Page {}", page_), small_.get(), kLeft, kPageHeight - kBottom + 24,
         kContentWidth, kInk, PANGO_ALIGN_RIGHT);
    SetColor(cr_, kRule);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kLeft, kPageHeight - kBottom + 18);
    cairo_line_to(cr_, kPageWidth - kRight, kPageHeight - kBottom + 18);
    cairo_stroke(cr_);
    cairo_show_page(cr_);
  }

  void NewPage() {
    EndPage();
    ++page_;
    y_ = kTop;
  }

  void NeedRoom(double height) {
    if (height > Remaining() && y_ > kTop) NewPage();
  }

  void Draw_(const Heading& h) {
    const PangoFontDescription* font = h.level == 1 ? h1_.get() : h2_.get();
    const double gap = h.level == 1 ? 16 : 8;
    const double height =
        Text(h.text, font, kLeft, 0, kContentWidth, kAccent, PANGO_ALIGN_LEFT, true);
    // Keep a heading with the start of what follows it.
    NeedRoom(gap + height + keep_with_heading_);
    if (y_ > kTop) y_ += gap;
    if (h.level == 1) section_pages_.emplace(h.text, page_);
    y_ += Text(h.text, font, kLeft, y_, kContentWidth, kAccent) + 2;
    if (h.level == 1) {
      SetColor(cr_, kRule);
      cairo_set_line_width(cr_, 0.8);
      cairo_move_to(cr_, kLeft, y_ + 1);
      cairo_line_to(cr_, kPageWidth - kRight, y_ + 1);
      cairo_stroke(cr_);
      y_ += 6;
    } else {
      y_ += 2;
    }
  }

  void Draw_(const Paragraph& p) {
    const double height =
        Text(p.text, body_.get(), kLeft, 0, kContentWidth, kInk, PANGO_ALIGN_LEFT, true);
    NeedRoom(height);
    y_ += Text(p.text, body_.get(), kLeft, y_, kContentWidth, kInk) + 6;
  }

  void Draw_(const Figures& f) {
    if (f.items.empty()) return;
    constexpr double kGap = 8, kPad = 6;
    const double w = (kContentWidth - kGap * static_cast<double>(f.items.size() - 1)) /
                     static_cast<double>(f.items.size());
    // Every tile as tall as the tallest, its value under its label.
    double label_h = 0, value_h = 0;
    auto value_font = [&](const std::string& v) {
      return v.size() > 14 ? bold_.get() : figure_font_.get();
    };
    for (const auto& [label, value] : f.items) {
      label_h = std::max(
          label_h, Text(label, small_.get(), 0, 0, w - 2 * kPad, kInk, PANGO_ALIGN_LEFT, true));
      value_h = std::max(value_h, Text(value, value_font(value), 0, 0, w - 2 * kPad, kInk,
                                       PANGO_ALIGN_LEFT, true));
    }
    const double height = kPad + label_h + 3 + value_h + kPad;
    NeedRoom(height + 8);
    for (size_t i = 0; i < f.items.size(); ++i) {
      const double x = kLeft + static_cast<double>(i) * (w + kGap);
      SetColor(cr_, kTileFill);
      cairo_rectangle(cr_, x, y_, w, height);
      cairo_fill(cr_);
      Text(f.items[i].first, small_.get(), x + kPad, y_ + kPad, w - 2 * kPad, kInk);
      Text(f.items[i].second, value_font(f.items[i].second), x + kPad, y_ + kPad + label_h + 3,
           w - 2 * kPad, kAccent);
    }
    y_ += height + 10;
  }

  void Draw_(const Notice& n) {
    const Color color = n.kind == Notice::Kind::kNotVerified || n.kind == Notice::Kind::kErrors
                            ? kRed
                        : n.kind == Notice::Kind::kVerified ? kGreen
                                                            : kInk;
    const double inner = kContentWidth - 24;
    std::string text = n.text;
    if (!n.page_of.empty()) {
      auto page = known_pages_.find(n.page_of);
      // The first pass does not know the page yet: it leaves room for one.
      text += fmt::format(": page {}", page == known_pages_.end() ? 99 : page->second);
    }
    const double title_h =
        Text(n.title, stamp_font_.get(), 0, 0, inner, color, PANGO_ALIGN_LEFT, true);
    const double text_h = Text(text, body_.get(), 0, 0, inner, color, PANGO_ALIGN_LEFT, true);
    const double height = title_h + text_h + 24;
    NeedRoom(height + 8);
    SetColor(cr_, color);
    cairo_set_line_width(cr_, 2.5);
    cairo_rectangle(cr_, kLeft, y_, kContentWidth, height);
    cairo_stroke(cr_);
    Text(n.title, stamp_font_.get(), kLeft + 12, y_ + 9, inner, color);
    Text(text, body_.get(), kLeft + 12, y_ + 12 + title_h, inner, color);
    y_ += height + 12;
  }

  void Draw_(const Chart& c) {
    const double scale = kContentWidth / kChartWidth;
    const double height = c.height * scale;
    NeedRoom(height + 8);
    cairo_save(cr_);
    cairo_translate(cr_, kLeft, y_);
    cairo_scale(cr_, scale, scale);
    Layout chart_layout = NewLayout();
    CairoCanvas canvas(cr_, chart_layout.get());
    DrawChart(c, canvas, kChartWidth, c.height);
    cairo_restore(cr_);
    y_ += height + 10;
  }

  void Draw_(const PageBreak&) { NewPage(); }

  // One row of a table: every cell is laid out once (in its column's layout),
  // measured, then drawn, so that long tables stay fast.
  double LayRow(const std::vector<std::string>& cells, const std::vector<double>& widths,
                const std::vector<bool>& numeric, const PangoFontDescription* font) {
    double height = 0;
    while (cell_layouts_.size() < cells.size()) cell_layouts_.push_back(NewLayout());
    for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
      PangoLayout* l = cell_layouts_[c].get();
      pango_layout_set_font_description(l, font);
      pango_layout_set_width(l, static_cast<int>((widths[c] - 2 * kCellPad) * PANGO_SCALE));
      pango_layout_set_alignment(
          l, c < numeric.size() && numeric[c] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_set_text(l, cells[c].data(), static_cast<int>(cells[c].size()));
      int w = 0, h = 0;
      pango_layout_get_pixel_size(l, &w, &h);
      height = std::max(height, static_cast<double>(h));
    }
    return height + 2 * kCellPad;
  }

  void DrawRow(size_t cells, const std::vector<double>& widths, double height, const Color* fill) {
    double x = kLeft;
    const double total = kContentWidth;
    if (fill) {
      SetColor(cr_, *fill);
      cairo_rectangle(cr_, kLeft, y_, total, height);
      cairo_fill(cr_);
    }
    SetColor(cr_, kInk);
    for (size_t c = 0; c < cells && c < widths.size(); ++c) {
      cairo_move_to(cr_, x + kCellPad, y_ + kCellPad);
      pango_cairo_show_layout(cr_, cell_layouts_[c].get());
      x += widths[c];
    }
    SetColor(cr_, kRule);
    cairo_set_line_width(cr_, 0.4);
    cairo_move_to(cr_, kLeft, y_ + height);
    cairo_line_to(cr_, kLeft + total, y_ + height);
    cairo_stroke(cr_);
    y_ += height;
  }

  void Draw_(const Table& t) {
    std::vector<double> widths = t.widths;
    if (widths.size() != t.header.size()) widths.assign(t.header.size(), 1);
    double sum = 0;
    for (double w : widths) sum += w;
    for (double& w : widths) w = w / sum * kContentWidth;
    const PangoFontDescription* font = t.size == Table::Size::kTiny    ? tiny_.get()
                                       : t.size == Table::Size::kSmall ? small_.get()
                                                                       : body_.get();
    const PangoFontDescription* header_font = t.size == Table::Size::kTiny    ? tiny_bold_.get()
                                              : t.size == Table::Size::kSmall ? small_bold_.get()
                                                                              : bold_.get();
    auto header = [&] {
      const double h = LayRow(t.header, widths, t.numeric, header_font);
      DrawRow(t.header.size(), widths, h, &kHeaderFill);
    };
    const double header_h = LayRow(t.header, widths, t.numeric, header_font);
    const double first_h = t.rows.empty() ? 0 : LayRow(t.rows[0], widths, t.numeric, font);
    NeedRoom(header_h + first_h);
    header();
    for (size_t r = 0; r < t.rows.size(); ++r) {
      const double h = LayRow(t.rows[r], widths, t.numeric, font);
      if (h > Remaining()) {
        // Continue on a new page under the same header.
        NewPage();
        header();
        LayRow(t.rows[r], widths, t.numeric, font);
      }
      DrawRow(t.rows[r].size(), widths, h, r % 2 == 1 ? &kZebra : nullptr);
    }
    y_ += 10;
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  std::string title_;
  Font body_, bold_, small_, small_bold_, tiny_, tiny_bold_, h1_, h2_, title_font_, subtitle_font_,
      figure_font_, stamp_font_;
  Layout layout_;
  std::vector<Layout> cell_layouts_;
  double y_ = 0;
  double keep_with_heading_ = 0;
  int page_ = 1;
  SectionPages section_pages_, known_pages_;
};

// Lays the whole report out on `surface`; returns the page of each section.
Pdf::SectionPages Render(cairo_surface_t* surface, const ReportDocument& doc,
                         Pdf::SectionPages known_pages) {
  Pdf pdf(surface, doc.title);
  pdf.PointTo(std::move(known_pages));
  pdf.Cover(doc);
  pdf.Draw(PageBreak{});
  for (size_t i = 0; i < doc.body.size(); ++i)
    pdf.Draw(doc.body[i], i + 1 < doc.body.size() ? &doc.body[i + 1] : nullptr);
  pdf.Finish();
  return pdf.section_pages();
}

// Whether a cover notice points to a page, which only a first pass can tell.
bool PointsToPages(const ReportDocument& doc) {
  return std::any_of(doc.cover.begin(), doc.cover.end(), [](const Block& b) {
    const Notice* n = std::get_if<Notice>(&b);
    return n && !n->page_of.empty();
  });
}

}  // namespace

Result<void> WritePdfReport(const ReportDocument& doc, const std::string& out_path) {
  cairo_surface_t* surface = cairo_pdf_surface_create(out_path.c_str(), kPageWidth, kPageHeight);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return Fail(Error::InvalidArgument({{out_path, "cannot write the PDF: " + why}}));
  }
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, doc.subtitle.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "ValueMark");
  Pdf::SectionPages pages;
  if (PointsToPages(doc)) {
    // A first pass to nowhere finds the pages; the cover comes first, so
    // what it says cannot move them.
    cairo_surface_t* scratch =
        cairo_pdf_surface_create_for_stream(nullptr, nullptr, kPageWidth, kPageHeight);
    pages = Render(scratch, doc, {});
    cairo_surface_finish(scratch);
    cairo_surface_destroy(scratch);
  }
  Render(surface, doc, std::move(pages));
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return Fail(Error::InvalidArgument(
        {{out_path, std::string("cannot write the PDF: ") + cairo_status_to_string(status)}}));
  return {};
}

}  // namespace valuemark::report

extern "C" __attribute__((visibility("default"))) bool ValuemarkWritePdfReport(
    const valuemark::report::ReportDocument* doc, const char* out_path, std::string* error) {
  auto written = valuemark::report::WritePdfReport(*doc, out_path);
  if (written) return true;
  *error = written.error().fields.empty() ? written.error().message
                                          : written.error().fields.front().message;
  return false;
}
