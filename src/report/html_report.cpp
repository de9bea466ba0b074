#include "report/html_report.h"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <string_view>

#include "report/document.h"

namespace valuemark::report {
namespace {

std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Rgb(Color c) {
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(c.r * 255 + 0.5),
                     static_cast<int>(c.g * 255 + 0.5), static_cast<int>(c.b * 255 + 0.5));
}

class SvgCanvas final : public Canvas {
 public:
  explicit SvgCanvas(std::string& out) : out_(out) {}
  void Rect(double x, double y, double w, double h, Color fill) override {
    fmt::format_to(
        std::back_inserter(out_),
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>", x, y, w,
        h, Rgb(fill));
  }
  void Line(double x1, double y1, double x2, double y2, Color stroke, double width) override {
    fmt::format_to(std::back_inserter(out_),
                   "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                   "stroke-width=\"{}\"/>",
                   x1, y1, x2, y2, Rgb(stroke), width);
  }
  void Text(double x, double y, std::string_view text, double size, Align align, Color color,
            bool bold) override {
    const char* anchor = align == Align::kLeft     ? "start"
                         : align == Align::kCenter ? "middle"
                                                   : "end";
    fmt::format_to(std::back_inserter(out_),
                   "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{}\" text-anchor=\"{}\" "
                   "fill=\"{}\"{}>{}</text>",
                   x, y, size, anchor, Rgb(color), bold ? " font-weight=\"bold\"" : "",
                   Escape(text));
  }

 private:
  std::string& out_;
};

constexpr std::string_view kStyle = R"css(
body{font-family:"DejaVu Sans",Verdana,sans-serif;color:#262633;max-width:60rem;margin:0 auto;padding:1.5rem;line-height:1.45}
header.cover{border-bottom:4px solid #1f4e79;margin-bottom:2rem;padding-bottom:1rem}
h1{color:#1f4e79;font-size:2rem;margin:0 0 .3rem}
.subtitle{font-size:1.2rem;margin:0}.facts{color:#555;margin:.3rem 0 1rem}
h2{color:#1f4e79;border-bottom:1px solid #ccd;padding-bottom:.2rem;margin-top:2.2rem}
h3{font-size:1rem;margin:1.4rem 0 .4rem}
.figures{display:flex;flex-wrap:wrap;gap:.8rem;margin:1rem 0}
.figure{background:#eef3f8;border-radius:6px;padding:.7rem 1rem;min-width:11rem}
.figure .label{font-size:.8rem;color:#444}.figure .value{font-size:1.25rem;font-weight:bold;color:#1f4e79}
.notice{border:3px solid;border-radius:6px;padding:.7rem 1rem;margin:1rem 0}
.notice strong{display:block;font-size:1.2rem;letter-spacing:.05em}
.not-verified{border-color:#b00;color:#800}.verified{border-color:#2a7a2a;color:#1d5a1d}.info{border-color:#888}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}
table.small{font-size:.78rem}
th,td{border:1px solid #ccd;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#dce6f1}td.num,th.num{text-align:right}
.table-wrap{overflow-x:auto}
figure{margin:.6rem 0}svg{max-width:100%;height:auto;font-family:"DejaVu Sans",Verdana,sans-serif}
@media print{h2{break-after:avoid}tr{break-inside:avoid}}
)css";

class Renderer {
 public:
  std::string Render(const ReportDocument& doc) {
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += fmt::format("<title>{} \u2014 {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                        Escape(doc.title), Escape(doc.subtitle), kStyle);
    out_ += fmt::format(
        "<header class=\"cover\">\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n<p "
        "class=\"facts\">{}</p>\n",
        Escape(doc.title), Escape(doc.subtitle), Escape(doc.cover_facts));
    for (const Block& b : doc.cover) std::visit([this](const auto& x) { Block_(x); }, b);
    out_ += "</header>\n<main>\n";
    for (const Block& b : doc.body) std::visit([this](const auto& x) { Block_(x); }, b);
    if (in_section_) out_ += "</section>\n";
    out_ += "</main>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void Block_(const Heading& h) {
    if (h.level == 1) {
      if (in_section_) out_ += "</section>\n";
      in_section_ = true;
      out_ += fmt::format("<section>\n<h2 id=\"{}\">{}</h2>\n", SectionId(h.text), Escape(h.text));
    } else {
      out_ += fmt::format("<h3>{}</h3>\n", Escape(h.text));
    }
  }
  void Block_(const Paragraph& p) { out_ += fmt::format("<p>{}</p>\n", Escape(p.text)); }
  void Block_(const Figures& f) {
    out_ += "<div class=\"figures\">\n";
    for (const auto& [label, value] : f.items)
      out_ += fmt::format(
          "<div class=\"figure\"><div class=\"label\">{}</div><div "
          "class=\"value\">{}</div></div>\n",
          Escape(label), Escape(value));
    out_ += "</div>\n";
  }
  void Block_(const Notice& n) {
    const char* cls = n.kind == Notice::Kind::kNotVerified || n.kind == Notice::Kind::kErrors
                          ? "not-verified"
                      : n.kind == Notice::Kind::kVerified ? "verified"
                                                          : "info";
    std::string text = Escape(n.text);
    if (!n.page_of.empty())
      text += fmt::format(": see <a href=\"#{}\">{}</a> below", SectionId(n.page_of),
                          Escape(n.page_of));
    out_ += fmt::format("<div class=\"notice {}\" role=\"note\"><strong>{}</strong>{}</div>\n", cls,
                        Escape(n.title), text);
  }
  // The id of a section's heading, from its words: "Principles check" → "principles-check".
  static std::string SectionId(std::string_view title) {
    std::string id;
    for (unsigned char c : title) {
      if (std::isalnum(c))
        id += static_cast<char>(std::tolower(c));
      else if (!id.empty() && id.back() != '-')
        id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    return id;
  }
  void Block_(const Table& t) {
    // A wide table scrolls on a narrow screen instead of widening the page.
    out_ += fmt::format("<div class=\"table-wrap\"><table{}>\n",
                        t.size != Table::Size::kNormal ? " class=\"small\"" : "");
    if (!t.caption.empty()) out_ += fmt::format("<caption>{}</caption>\n", Escape(t.caption));
    auto numeric = [&](size_t c) { return c < t.numeric.size() && t.numeric[c]; };
    out_ += "<thead><tr>";
    for (size_t c = 0; c < t.header.size(); ++c)
      out_ += fmt::format("<th scope=\"col\"{}>{}</th>", numeric(c) ? " class=\"num\"" : "",
                          Escape(t.header[c]));
    out_ += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
      out_ += "<tr>";
      for (size_t c = 0; c < row.size(); ++c) {
        // The first cell names the row.
        if (c == 0)
          out_ += fmt::format("<th scope=\"row\">{}</th>", Escape(row[c]));
        else
          out_ += fmt::format("<td{}>{}</td>", numeric(c) ? " class=\"num\"" : "", Escape(row[c]));
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table></div>\n";
  }
  void Block_(const Chart& c) {
    const int id = ++charts_;
    out_ += fmt::format(
        "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" "
        "height=\"{}\" "
        "role=\"img\" aria-labelledby=\"chart{}-title chart{}-desc\">\n<title "
        "id=\"chart{}-title\">{}</title>\n"
        "<desc id=\"chart{}-desc\">{}</desc>\n",
        kChartWidth, c.height, kChartWidth * 1.5, c.height * 1.5, id, id, id, Escape(c.title), id,
        Escape(c.description));
    SvgCanvas canvas(out_);
    DrawChart(c, canvas, kChartWidth, c.height);
    out_ += "\n</svg>\n</figure>\n";
  }
  void Block_(const PageBreak&) {}

  std::string out_;
  bool in_section_ = false;
  int charts_ = 0;
};

}  // namespace

std::string RenderHtmlReport(const ReportInput& input) {
  return Renderer().Render(BuildReportDocument(input));
}

}  // namespace valuemark::report
