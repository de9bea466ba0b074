// Export of impact maps as workbooks (libxlsxwriter): one function per
// sheet, in workbook order, laid out as impact_map_xlsx_layout.h says.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <tuple>

#include "core/sroi.h"
#include "formats/cells.h"
#include "formats/impact_map_json.h"
#include "report/impact_map_xlsx.h"
#include "report/impact_map_xlsx_layout.h"

namespace valuemark::report {
using namespace impact_map_layout;

namespace {

constexpr lxw_color_t kHeaderFill = 0xDCE6F1;
constexpr lxw_color_t kCalculatedFill = 0xEDEDED;
constexpr lxw_color_t kStageFill = 0x1F4E79;

struct Formats {
  lxw_format* title;
  lxw_format* stage;
  lxw_format* header;
  lxw_format* calculated_header;
  lxw_format* text;
  lxw_format* percent;
  lxw_format* money;
  lxw_format* calculated_money;
  lxw_format* bold;
  lxw_format* ratio;
};

lxw_format* HeaderFormat(lxw_workbook* wb, lxw_color_t fill) {
  lxw_format* f = workbook_add_format(wb);
  format_set_bold(f);
  format_set_text_wrap(f);
  format_set_bg_color(f, fill);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
  return f;
}

Formats MakeFormats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.stage = workbook_add_format(wb);
  format_set_bold(f.stage);
  format_set_font_color(f.stage, LXW_COLOR_WHITE);
  format_set_bg_color(f.stage, kStageFill);
  format_set_align(f.stage, LXW_ALIGN_CENTER);
  f.header = HeaderFormat(wb, kHeaderFill);
  f.calculated_header = HeaderFormat(wb, kCalculatedFill);
  format_set_italic(f.calculated_header);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  f.percent = workbook_add_format(wb);
  format_set_num_format(f.percent, "0.0%");
  format_set_align(f.percent, LXW_ALIGN_VERTICAL_TOP);
  f.money = workbook_add_format(wb);
  format_set_num_format(f.money, "#,##0.00");
  format_set_align(f.money, LXW_ALIGN_VERTICAL_TOP);
  f.calculated_money = workbook_add_format(wb);
  format_set_num_format(f.calculated_money, "#,##0.00");
  format_set_bg_color(f.calculated_money, kCalculatedFill);
  format_set_align(f.calculated_money, LXW_ALIGN_VERTICAL_TOP);
  f.bold = workbook_add_format(wb);
  format_set_bold(f.bold);
  f.ratio = workbook_add_format(wb);
  format_set_num_format(f.ratio, "0.00");
  format_set_bold(f.ratio);
  return f;
}

// Writes cells and keeps the first error (a text over Excel's 32,767
// characters), so that the caller checks once.
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* ws, const Formats& f, lxw_error& error)
      : ws_(ws), f_(f), error_(error) {}
  void Text(size_t row, size_t col, const std::string& s, lxw_format* format = nullptr) {
    if (!s.empty())
      Keep(worksheet_write_string(ws_, row, col, s.c_str(), format ? format : f_.text));
  }
  // A number that is read back. libxlsxwriter writes 16 significant digits,
  // which is exact for anything typed in but not for every double (0.1 + 0.2):
  // those are written as text in their shortest exact form, which the reader
  // takes as a number too, so that export → import loses nothing.
  void Number(size_t row, size_t col, double v, lxw_format* format = nullptr) {
    if (!std::isfinite(v)) return;
    char written[32];
    std::snprintf(written, sizeof written, "%.16G", v);
    if (std::strtod(written, nullptr) == v) {
      Keep(worksheet_write_number(ws_, row, col, v, format));
    } else {
      Keep(worksheet_write_string(ws_, row, col, fmt::format("{}", v).c_str(), format));
    }
  }
  // A calculated number, shown but not read back.
  void Calculated(size_t row, size_t col, double v, lxw_format* format) {
    if (std::isfinite(v)) Keep(worksheet_write_number(ws_, row, col, v, format));
  }
  void Bool(size_t row, size_t col, bool b) {
    Keep(worksheet_write_boolean(ws_, row, col, b, nullptr));
  }
  void Header(size_t row, std::span<const Column> columns, size_t first_col = 0) {
    for (size_t i = 0; i < columns.size(); ++i) {
      const Column& c = columns[i];
      Keep(worksheet_write_string(ws_, row, first_col + i, std::string(c.label).c_str(),
                                  c.kind == Kind::kCalculated ? f_.calculated_header : f_.header));
      Keep(worksheet_set_column(ws_, first_col + i, first_col + i, c.width, nullptr));
    }
  }
  lxw_worksheet* sheet() const { return ws_; }

 private:
  void Keep(lxw_error e) {
    if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
  }
  lxw_worksheet* ws_;
  const Formats& f_;
  lxw_error& error_;
};

struct UncertaintyRow {
  std::string_view sheet;
  std::string id;
  std::string_view parameter;
  Distribution range;
};

// Writes the deterministic value in its cell and keeps any range for the
// Uncertainty sheet.
void WriteUncertain(SheetWriter& w, size_t row, size_t col, const Uncertain& u, lxw_format* format,
                    UncertaintyRow where, std::vector<UncertaintyRow>& ranges) {
  w.Number(row, col, u.value(), format);
  if (u.distribution()) {
    where.range = *u.distribution();
    ranges.push_back(std::move(where));
  }
}

// Creates the workbook at `out_path`, with fixed properties so that the same
// map gives the same bytes.
Result<lxw_workbook*> OpenWorkbook(const ImpactMap& map, const std::string& out_path) {
  // libxlsxwriter only finds out on closing, and then prints to stderr itself.
  if (std::FILE* f = std::fopen(out_path.c_str(), "wb")) {
    std::fclose(f);
  } else {
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write: {}", std::strerror(errno))}}));
  }
  lxw_workbook* wb = workbook_new(out_path.c_str());
  if (!wb) return Fail(Error::InvalidArgument({{out_path, "cannot create the file"}}));
  // A fixed creation time keeps the same map's workbook the same bytes.
  lxw_doc_properties properties{};
  std::string title = map.name;  // libxlsxwriter takes char*, but only reads it
  properties.title = title.data();
  properties.created = 1;
  workbook_set_properties(wb, &properties);
  return wb;
}

// What every sheet's writer shares: the workbook, its formats and the first
// error, and the ranges collected for the Uncertainty sheet.
struct Workbook {
  lxw_workbook* wb;
  const Formats& f;
  lxw_error& error;
  std::vector<UncertaintyRow>& ranges;

  SheetWriter AddSheet(std::string_view name) const {
    return SheetWriter(workbook_add_worksheet(wb, std::string(name).c_str()), f, error);
  }
};

// Map: one setting per row, its label in column A and its value in B.
void WriteMapSheet(const Workbook& book, const ImpactMap& map) {
  const Formats& f = book.f;
  SheetWriter settings = book.AddSheet(kMapSheet);
  settings.Text(0, 0, "Setting", f.header);
  settings.Text(0, 1, "Value", f.header);
  worksheet_set_column(settings.sheet(), 0, 0, 20, nullptr);
  worksheet_set_column(settings.sheet(), 1, 1, 50, nullptr);
  size_t row = 1;
  auto setting = [&](const Column& c, auto write) {
    settings.Text(row, 0, std::string(c.label), f.bold);
    write(row);
    ++row;
  };
  setting(kSettings[0], [&](size_t r) { settings.Text(r, 1, map.name); });
  setting(kSettings[1], [&](size_t r) { settings.Text(r, 1, MapKindName(map.kind)); });
  setting(kSettings[2], [&](size_t r) { settings.Text(r, 1, map.currency); });
  setting(kSettings[3], [&](size_t r) { settings.Number(r, 1, map.discount_rate, f.percent); });
  if (map.verification) {
    setting(kSettings[4], [&](size_t r) { settings.Text(r, 1, map.verification->by); });
    setting(kSettings[5], [&](size_t r) { settings.Text(r, 1, map.verification->date); });
  }
}

void WriteStakeholdersSheet(const Workbook& book, const ImpactMap& map) {
  SheetWriter stakeholders = book.AddSheet(kStakeholdersSheet);
  stakeholders.Header(0, kStakeholderColumns);
  worksheet_freeze_panes(stakeholders.sheet(), 1, 0);
  size_t row = 1;
  for (const Stakeholder& s : map.stakeholders) {
    stakeholders.Text(row, 0, s.id);
    stakeholders.Text(row, 1, s.name);
    if (s.size) stakeholders.Number(row, 2, *s.size);
    if (s.involvement) stakeholders.Text(row, 3, *s.involvement);
    ++row;
  }
}

void WriteInputsSheet(const Workbook& book, const ImpactMap& map) {
  SheetWriter inputs = book.AddSheet(kInputsSheet);
  inputs.Header(0, kInputColumns);
  worksheet_freeze_panes(inputs.sheet(), 1, 0);
  size_t row = 1;
  for (size_t i = 0; i < map.inputs.size(); ++i, ++row) {
    const Input& in = map.inputs[i];
    inputs.Calculated(row, 0, static_cast<double>(i + 1), nullptr);
    inputs.Text(row, 1, in.stakeholder);
    inputs.Text(row, 2, in.description);
    WriteUncertain(inputs, row, 3, in.value, book.f.money,
                   {kInputsSheet, std::to_string(i + 1), "value", {}}, book.ranges);
  }
}

// Where the Outcomes sheet's calculated columns are: the impact, one column
// a year, then the present value.
struct CalculatedColumns {
  size_t impact;
  size_t first_year;
  size_t present_value;
};

// The title, the stages of the SROI guide above their columns (as on the
// Value Map) and the header row.
void WriteOutcomesHeading(SheetWriter& outcomes, const Formats& f, const ImpactMap& map, int years,
                          const CalculatedColumns& at) {
  lxw_worksheet* ws = outcomes.sheet();
  outcomes.Text(0, 0, "Value Map: " + (map.name.empty() ? std::string("impact map") : map.name),
                f.title);
  outcomes.Text(1, 0, "Stakeholders", f.stage);
  worksheet_merge_range(ws, 1, 1, 1, 6, "Outcomes (what changes)", f.stage);
  worksheet_merge_range(ws, 1, 7, 1, 9, "Quantity and duration", f.stage);
  worksheet_merge_range(ws, 1, 10, 1, 12, "Valuing the outcomes", f.stage);
  worksheet_merge_range(ws, 1, 13, 1, 16, "Establishing impact", f.stage);
  worksheet_merge_range(ws, 1, at.impact, 1, at.present_value, "Calculated (not read back)",
                        f.stage);
  outcomes.Header(2, kOutcomeColumns);
  outcomes.Text(2, at.impact, std::string(kImpactLabel), f.calculated_header);
  for (int y = 1; y <= years; ++y)
    outcomes.Text(2, at.first_year + y - 1, fmt::format("{}{}", kYearLabelPrefix, y),
                  f.calculated_header);
  outcomes.Text(2, at.present_value, std::string(kPresentValueLabel), f.calculated_header);
  worksheet_set_column(ws, at.impact, at.present_value, 13, nullptr);
  worksheet_freeze_panes(ws, 3, 2);
}

// One outcome's row: what is read back, then its calculated figures.
void WriteOutcomeRow(const Workbook& book, SheetWriter& outcomes, size_t row, const Outcome& o,
                     const OutcomeResult& result, const CalculatedColumns& at) {
  const Formats& f = book.f;
  outcomes.Text(row, 0, o.stakeholder);
  outcomes.Text(row, 1, o.id);
  outcomes.Text(row, 2, o.description);
  outcomes.Bool(row, 3, o.intended);
  outcomes.Bool(row, 4, o.material);
  if (o.materiality_reason) outcomes.Text(row, 5, *o.materiality_reason);
  if (o.indicator) outcomes.Text(row, 6, *o.indicator);
  WriteUncertain(outcomes, row, 7, o.quantity, nullptr, {kOutcomesSheet, o.id, "quantity", {}},
                 book.ranges);
  outcomes.Number(row, 8, o.duration_years);
  outcomes.Number(row, 9, o.start_year);
  if (o.proxy.description) outcomes.Text(row, 10, *o.proxy.description);
  WriteUncertain(outcomes, row, 11, o.proxy.value, f.money,
                 {kOutcomesSheet, o.id, "proxy_value", {}}, book.ranges);
  if (o.proxy.source) outcomes.Text(row, 12, *o.proxy.source);
  size_t col = 13;
  for (Parameter p : {Parameter::kDeadweight, Parameter::kDisplacement, Parameter::kAttribution,
                      Parameter::kDropOff})
    WriteUncertain(outcomes, row, col++, Get(o, p), f.percent,
                   {kOutcomesSheet, o.id, ParameterName(p), {}}, book.ranges);
  outcomes.Calculated(row, at.impact, result.impact, f.calculated_money);
  for (size_t y = 0; y < result.value_by_year.size(); ++y)
    outcomes.Calculated(row, at.first_year + y, result.value_by_year[y], f.calculated_money);
  outcomes.Calculated(row, at.present_value, result.present_value, f.calculated_money);
}

// The Value Map's totals from `row`: value per year, discounted, and the
// headline figures.
void WriteOutcomeTotals(SheetWriter& outcomes, const Formats& f, size_t row, const ImpactMap& map,
                        const SroiResult& sroi, const CalculatedColumns& at) {
  outcomes.Text(row, 0, std::string(kTotalsLabel), f.bold);
  outcomes.Text(row, at.impact - 1, "Value by year", f.bold);
  for (size_t y = 0; y < sroi.value_by_year.size(); ++y)
    outcomes.Calculated(row, at.first_year + y, sroi.value_by_year[y], f.calculated_money);
  ++row;
  outcomes.Text(row, at.impact - 1, "Discounted", f.bold);
  for (size_t y = 0; y < sroi.discounted_by_year.size(); ++y)
    outcomes.Calculated(row, at.first_year + y, sroi.discounted_by_year[y], f.calculated_money);
  outcomes.Calculated(row, at.present_value, sroi.present_value, f.calculated_money);
  row += 2;
  auto figure = [&](const std::string& label, std::optional<double> v, lxw_format* format) {
    outcomes.Text(row, 0, label, f.bold);
    if (v)
      outcomes.Calculated(row, 2, *v, format);
    else
      outcomes.Text(row, 2, "not defined (no inputs)");
    ++row;
  };
  figure(fmt::format("Total present value ({})", map.currency), sroi.present_value, f.money);
  figure(fmt::format("Total inputs ({})", map.currency), sroi.total_inputs, f.money);
  figure(fmt::format("Net present value ({})", map.currency), sroi.net_present_value, f.money);
  figure("Social return (value per 1 invested)", sroi.sroi_ratio, f.ratio);
  figure("Net social return", sroi.net_sroi_ratio, f.ratio);
  figure("Payback (months)", sroi.payback_months, f.ratio);
  figure("Discount rate", map.discount_rate, f.percent);
}

// Outcomes: the SROI Value Map, one outcome a row, then the totals.
void WriteOutcomesSheet(const Workbook& book, const ImpactMap& map, const SroiResult& sroi) {
  SheetWriter outcomes = book.AddSheet(kOutcomesSheet);
  CalculatedColumns at;
  at.impact = std::size(kOutcomeColumns);
  at.first_year = at.impact + 1;
  at.present_value = at.first_year + static_cast<size_t>(sroi.years);
  WriteOutcomesHeading(outcomes, book.f, map, sroi.years, at);
  size_t row = 3;
  for (size_t i = 0; i < map.outcomes.size(); ++i, ++row)
    WriteOutcomeRow(book, outcomes, row, map.outcomes[i], sroi.outcomes[i], at);
  WriteOutcomeTotals(outcomes, book.f, row + 1, map, sroi, at);
}

// Uncertainty: the ranges the Inputs and Outcomes sheets collected, in order.
void WriteUncertaintySheet(const Workbook& book) {
  SheetWriter uncertainty = book.AddSheet(kUncertaintySheet);
  uncertainty.Header(0, kUncertaintyColumns);
  worksheet_freeze_panes(uncertainty.sheet(), 1, 0);
  size_t row = 1;
  for (const UncertaintyRow& u : book.ranges) {
    uncertainty.Text(row, 0, std::string(u.sheet));
    if (u.sheet == kInputsSheet)
      uncertainty.Number(row, 1, std::stod(u.id));
    else
      uncertainty.Text(row, 1, u.id);
    uncertainty.Text(row, 2, std::string(u.parameter));
    uncertainty.Number(row, 3, u.range.low);
    if (u.range.kind == DistributionKind::kTriangular) uncertainty.Number(row, 4, u.range.mode);
    uncertainty.Number(row, 5, u.range.high);
    ++row;
  }
}

// Closes (and so writes) the workbook; the first error of any cell, or of closing.
Result<void> CloseWorkbook(lxw_workbook* wb, lxw_error error, const std::string& out_path) {
  const lxw_error closed = workbook_close(wb);
  if (error != LXW_NO_ERROR)
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write the workbook: {}", lxw_strerror(error))}}));
  if (closed != LXW_NO_ERROR)
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write the workbook: {}", lxw_strerror(closed))}}));
  return {};
}

}  // namespace

Result<void> WriteImpactMapXlsx(const ImpactMap& map, const std::string& out_path) {
  lxw_workbook* wb = TRY(OpenWorkbook(map, out_path));
  const Formats f = MakeFormats(wb);
  lxw_error error = LXW_NO_ERROR;
  std::vector<UncertaintyRow> ranges;
  const SroiResult sroi = ComputeSroi(map);
  const Workbook book{wb, f, error, ranges};
  WriteMapSheet(book, map);
  WriteStakeholdersSheet(book, map);
  WriteInputsSheet(book, map);
  WriteOutcomesSheet(book, map, sroi);
  WriteUncertaintySheet(book);
  return CloseWorkbook(wb, error, out_path);
}

}  // namespace valuemark::report
