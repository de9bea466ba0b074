#include "report/impact_map_xlsx.h"

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
#include "report/xlsx_reader.h"

namespace valuemark::report {
namespace {

using formats::Json;

// ---------------------------------------------------------------------------
// The layout, shared by the writer and the reader so that they cannot drift.

enum class Kind { kText, kNumber, kInteger, kBool, kDate, kCalculated };

struct Column {
  std::string_view label;  // the header cell
  std::string_view key;    // JSON key inside the item ("proxy.value" is nested)
  Kind kind = Kind::kText;
  bool required = false;
  bool uncertain = false;  // may have a range on the Uncertainty sheet
  bool percent = false;    // shown as a percentage; the cell holds the fraction
  double width = 14;
};

// Map sheet: one setting per row, its label in column A and its value in B.
constexpr Column kSettings[] = {
    {"Name", "name", Kind::kText, false, false, false, 0},
    {"Kind", "kind"},
    {"Currency", "currency"},
    {"Discount rate", "discount_rate", Kind::kNumber, false, false, true},
    {"Verified by", "verification.by"},
    {"Verification date", "verification.date", Kind::kDate},
};

constexpr Column kStakeholderColumns[] = {
    {"Id", "id", Kind::kText, true, false, false, 16},
    {"Name", "name", Kind::kText, false, false, false, 40},
    {"Number in group", "size", Kind::kNumber, false, false, false, 12},
    {"Involvement", "involvement", Kind::kText, false, false, false, 60},
};

constexpr Column kInputColumns[] = {
    {"No.", "", Kind::kCalculated, false, false, false, 6},
    {"Stakeholder", "stakeholder", Kind::kText, false, false, false, 16},
    {"Description", "description", Kind::kText, false, false, false, 60},
    {"Value", "value", Kind::kNumber, true, true, false, 14},
};

// The Value Map's order (docs/file-formats.md "`Outcomes` (the Value Map)"): stakeholders, outcomes
// with their indicators, quantity, duration, proxies, the four impact adjustments, then the
// calculated impact and value per year.
constexpr Column kOutcomeColumns[] = {
    {"Stakeholder", "stakeholder", Kind::kText, true, false, false, 16},
    {"Outcome id", "id", Kind::kText, true, false, false, 16},
    {"Outcome (what changes)", "description", Kind::kText, false, false, false, 36},
    {"Intended", "intended", Kind::kBool, false, false, false, 9},
    {"Material", "material", Kind::kBool, false, false, false, 9},
    {"Materiality reason", "materiality_reason", Kind::kText, false, false, false, 30},
    {"Indicator", "indicator", Kind::kText, false, false, false, 30},
    {"Quantity", "quantity", Kind::kNumber, true, true, false, 10},
    {"Duration (years)", "duration_years", Kind::kInteger, true, false, false, 9},
    {"Outcomes start (year)", "start_year", Kind::kInteger, false, false, false, 9},
    {"Financial proxy", "proxy.description", Kind::kText, false, false, false, 30},
    {"Proxy value", "proxy.value", Kind::kNumber, true, true, false, 12},
    {"Proxy source", "proxy.source", Kind::kText, false, false, false, 30},
    {"Deadweight", "deadweight", Kind::kNumber, false, true, true, 11},
    {"Displacement", "displacement", Kind::kNumber, false, true, true, 11},
    {"Attribution", "attribution", Kind::kNumber, false, true, true, 11},
    {"Drop-off", "drop_off", Kind::kNumber, false, true, true, 11},
};
constexpr std::string_view kImpactLabel = "Impact";
constexpr std::string_view kPresentValueLabel = "Present value";
constexpr std::string_view kYearLabelPrefix = "Year ";
// Rows from the one whose first cell says this are calculated, not read back.
constexpr std::string_view kTotalsLabel = "Totals";

constexpr Column kUncertaintyColumns[] = {
    {"Sheet", "", Kind::kText, true, false, false, 14},
    {"Id", "", Kind::kText, true, false, false, 16},
    {"Parameter", "", Kind::kText, true, false, false, 14},
    {"Low", "", Kind::kNumber, true, false, false, 12},
    {"Mode", "", Kind::kNumber, false, false, false, 12},
    {"High", "", Kind::kNumber, true, false, false, 12},
};
enum UncertaintyColumn { kUSheet, kUId, kUParameter, kULow, kUMode, kUHigh };

// The Parameter cell of the Uncertainty sheet → the JSON key it refines.
struct UncertainParameter {
  std::string_view sheet;
  std::string_view name;
  std::string_view key;
};
constexpr UncertainParameter kUncertainParameters[] = {
    {kOutcomesSheet, "quantity", "quantity"},
    {kOutcomesSheet, "proxy_value", "proxy.value"},
    {kOutcomesSheet, "deadweight", "deadweight"},
    {kOutcomesSheet, "displacement", "displacement"},
    {kOutcomesSheet, "attribution", "attribution"},
    {kOutcomesSheet, "drop_off", "drop_off"},
    {kInputsSheet, "value", "value"},
};

bool SameLabel(std::string_view a, std::string_view b) {
  while (!a.empty() && std::isspace(static_cast<unsigned char>(a.back()))) a.remove_suffix(1);
  while (!a.empty() && std::isspace(static_cast<unsigned char>(a.front()))) a.remove_prefix(1);
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool IsCalculatedOutcomeLabel(std::string_view label) {
  if (SameLabel(label, kImpactLabel) || SameLabel(label, kPresentValueLabel)) return true;
  if (label.size() <= kYearLabelPrefix.size() ||
      !SameLabel(label.substr(0, kYearLabelPrefix.size() - 1), "Year"))
    return false;
  return std::all_of(label.begin() + kYearLabelPrefix.size(), label.end(),
                     [](char c) { return std::isdigit(c); });
}

// ---------------------------------------------------------------------------
// Import.

// Where each JSON value came from, to translate the reader's paths to cells.
struct Origin {
  std::map<std::string, std::string> cell_of;  // "outcomes[3].deadweight" → "Outcomes!N7"
};

std::string CellText(const XlsxCell& c) {
  switch (c.kind) {
    case XlsxCell::Kind::kText:
      return c.text;
    case XlsxCell::Kind::kNumber:
      return fmt::format("{}", c.number);
    case XlsxCell::Kind::kBool:
      return c.number != 0 ? "TRUE" : "FALSE";
    case XlsxCell::Kind::kEmpty:
      return "";
  }
  return "";
}

// Excel's serial day number → "YYYY-MM-DD" (day 60 is the 1900 leap-year bug,
// so day 61 onwards counts from 1899-12-30).
std::string SerialDate(double serial) {
  using namespace std::chrono;
  const year_month_day d{sys_days{1899y / December / 30} +
                         days{static_cast<long>(std::floor(serial))}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

void SetKey(Json& item, std::string_view key, Json value) {
  if (auto dot = key.find('.'); dot != std::string_view::npos) {
    item[std::string(key.substr(0, dot))][std::string(key.substr(dot + 1))] = std::move(value);
  } else {
    item[std::string(key)] = std::move(value);
  }
}

// The JSON value of a cell, or nullopt when it is empty (the key's default
// applies) or cannot be a value of its column (reported).
std::optional<Json> CellValue(const XlsxCell& c, const Column& col, const std::string& ref,
                              std::vector<FieldError>& errors) {
  if (c.empty()) return std::nullopt;
  switch (col.kind) {
    case Kind::kText:
    case Kind::kCalculated:
      return CellText(c);
    case Kind::kDate:
      return c.kind == XlsxCell::Kind::kNumber ? SerialDate(c.number) : CellText(c);
    case Kind::kBool:
      if (c.kind == XlsxCell::Kind::kBool) return c.number != 0;
      if (c.kind == XlsxCell::Kind::kText) return formats::BoolCell(c.text);
      return c.number;  // the reader says "must be true or false, got a number"
    case Kind::kNumber:
    case Kind::kInteger: {
      if (c.kind == XlsxCell::Kind::kNumber) return c.number;
      Json v = c.kind == XlsxCell::Kind::kText ? formats::NumberCell(c.text) : Json(CellText(c));
      if (!v.is_string() && (col.uncertain || v.is_number())) return v;
      const std::string name = col.key.empty() ? std::string(col.label) : std::string(col.key);
      errors.push_back(
          {ref, fmt::format("{} must be a number{}, got \"{}\"", name,
                            col.uncertain ? " (or a range such as 40..60..80)" : "", CellText(c))});
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// Column positions found in a header row: position[i] is where kColumns[i] is.
struct Header {
  size_t row = 0;
  std::vector<std::optional<size_t>> position;
};

Header ReadHeader(const XlsxSheet& sheet, size_t row, std::span<const Column> columns,
                  bool (*is_calculated)(std::string_view), std::vector<FieldError>& errors) {
  Header h{row, std::vector<std::optional<size_t>>(columns.size())};
  const size_t width = row <= sheet.rows.size() ? sheet.rows[row - 1].size() : 0;
  for (size_t c = 0; c < width; ++c) {
    const XlsxCell& cell = sheet.At(row, c);
    if (cell.empty()) continue;
    const std::string label = CellText(cell);
    auto it = std::find_if(columns.begin(), columns.end(),
                           [&](const Column& col) { return SameLabel(label, col.label); });
    if (it == columns.end()) {
      if (!is_calculated || !is_calculated(label))
        errors.push_back(
            {CellRef(sheet.name, row, c), fmt::format("unknown column \"{}\"", label)});
      continue;
    }
    auto& pos = h.position[it - columns.begin()];
    if (pos) {
      errors.push_back(
          {CellRef(sheet.name, row, c), fmt::format("column \"{}\" appears twice (first in {})",
                                                    it->label, CellRef(sheet.name, row, *pos))});
    } else {
      pos = c;
    }
  }
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].required && !h.position[i])
      errors.push_back({fmt::format("{}!{}:{}", sheet.name, row, row),
                        fmt::format("missing column \"{}\" (required)", columns[i].label)});
  return h;
}

bool RowIsEmpty(const XlsxSheet& sheet, size_t row) {
  if (row > sheet.rows.size()) return true;
  const auto& cells = sheet.rows[row - 1];
  return std::all_of(cells.begin(), cells.end(), [](const XlsxCell& c) { return c.empty(); });
}

// One row of a table sheet as a JSON object; records every column's cell
// (also empty ones, where "is required" points).
Json ReadItem(const XlsxSheet& sheet, size_t row, std::span<const Column> columns, const Header& h,
              const std::string& item_path, Origin& origin, std::vector<FieldError>& errors) {
  Json item = Json::object();
  origin.cell_of[item_path] = CellRef(sheet.name, row, 0);
  for (size_t i = 0; i < columns.size(); ++i) {
    const Column& col = columns[i];
    if (col.kind == Kind::kCalculated || !h.position[i]) continue;
    const std::string ref = CellRef(sheet.name, row, *h.position[i]);
    origin.cell_of[item_path + "." + std::string(col.key)] = ref;
    if (col.key.starts_with("proxy.")) origin.cell_of.try_emplace(item_path + ".proxy", ref);
    if (auto v = CellValue(sheet.At(row, *h.position[i]), col, ref, errors))
      SetKey(item, col.key, std::move(*v));
  }
  return item;
}

// Reads a table sheet's rows (after the header, up to a "Totals" row) into doc[list].
void ReadTable(const XlsxSheet& sheet, const Header& h, std::span<const Column> columns,
               const std::string& list, Json& doc, Origin& origin, std::vector<FieldError>& errors,
               std::vector<size_t>* rows = nullptr) {
  Json& items = doc[list] = Json::array();
  for (size_t r = h.row + 1; r <= sheet.rows.size(); ++r) {
    if (SameLabel(CellText(sheet.At(r, 0)), kTotalsLabel)) break;
    if (RowIsEmpty(sheet, r)) continue;
    items.push_back(
        ReadItem(sheet, r, columns, h, fmt::format("{}[{}]", list, items.size()), origin, errors));
    if (rows) rows->push_back(r);
  }
}

void ReadSettings(const XlsxSheet& sheet, Json& doc, Origin& origin,
                  std::vector<FieldError>& errors) {
  std::map<std::string_view, size_t> row_of;
  for (size_t r = 1; r <= sheet.rows.size(); ++r) {
    if (RowIsEmpty(sheet, r)) continue;
    const std::string label = CellText(sheet.At(r, 0));
    if (r == 1 && SameLabel(label, "Setting")) continue;  // the header
    auto it = std::find_if(std::begin(kSettings), std::end(kSettings),
                           [&](const Column& c) { return SameLabel(label, c.label); });
    if (it == std::end(kSettings)) {
      errors.push_back(
          {CellRef(sheet.name, r, 0),
           fmt::format(
               "unknown setting \"{}\" (the settings are Name, Kind, Currency, Discount rate, "
               "Verified by, Verification date)",
               label)});
      continue;
    }
    if (auto [first, added] = row_of.emplace(it->key, r); !added) {
      errors.push_back({CellRef(sheet.name, r, 0),
                        fmt::format("setting \"{}\" appears twice (first in {})", it->label,
                                    CellRef(sheet.name, first->second, 0))});
      continue;
    }
    const std::string ref = CellRef(sheet.name, r, 1);
    origin.cell_of[std::string(it->key)] = ref;
    if (it->key.starts_with("verification.")) origin.cell_of.try_emplace("verification", ref);
    if (auto v = CellValue(sheet.At(r, 1), *it, ref, errors)) SetKey(doc, it->key, std::move(*v));
  }
}

// Replaces doc values with the ranges of the Uncertainty sheet.
void ReadUncertainty(const XlsxSheet& sheet, Json& doc, Origin& origin,
                     std::vector<FieldError>& errors) {
  std::vector<FieldError> header_errors;
  const Header h = ReadHeader(sheet, 1, kUncertaintyColumns, nullptr, header_errors);
  if (!header_errors.empty()) {
    errors.insert(errors.end(), header_errors.begin(), header_errors.end());
    return;
  }
  std::map<std::string, size_t> outcome_index;
  for (size_t i = 0; i < doc["outcomes"].size(); ++i) {
    const Json& id = doc["outcomes"][i]["id"];
    if (id.is_string()) outcome_index.try_emplace(id.get<std::string>(), i);
  }
  std::map<std::string, size_t> done;  // "outcomes[2].quantity" → its Uncertainty row
  auto ref = [&](size_t row, int col) { return CellRef(sheet.name, row, *h.position[col]); };
  auto text = [&](size_t row, int col) { return CellText(sheet.At(row, *h.position[col])); };
  for (size_t r = 2; r <= sheet.rows.size(); ++r) {
    if (RowIsEmpty(sheet, r)) continue;
    const std::string sheet_name = text(r, kUSheet);
    const std::string id = text(r, kUId);
    const std::string parameter = text(r, kUParameter);
    auto p =
        std::find_if(std::begin(kUncertainParameters), std::end(kUncertainParameters),
                     [&](const UncertainParameter& u) { return SameLabel(sheet_name, u.sheet); });
    if (p == std::end(kUncertainParameters)) {
      errors.push_back({ref(r, kUSheet),
                        fmt::format("sheet must be Outcomes or Inputs, got \"{}\"", sheet_name)});
      continue;
    }
    std::string item_path;
    if (p->sheet == kOutcomesSheet) {
      auto it = outcome_index.find(id);
      if (it == outcome_index.end()) {
        errors.push_back(
            {ref(r, kUId), fmt::format("no outcome has the id \"{}\" on the Outcomes sheet", id)});
        continue;
      }
      item_path = fmt::format("outcomes[{}]", it->second);
    } else {
      auto n = formats::ParseCellNumber(id);
      if (!n || *n != std::floor(*n) || *n < 1 || *n > static_cast<double>(doc["inputs"].size())) {
        errors.push_back(
            {ref(r, kUId), fmt::format("must be the number of an input, 1 to {}, got \"{}\"",
                                       doc["inputs"].size(), id)});
        continue;
      }
      item_path = fmt::format("inputs[{}]", static_cast<size_t>(*n) - 1);
    }
    p = std::find_if(std::begin(kUncertainParameters), std::end(kUncertainParameters),
                     [&](const UncertainParameter& u) {
                       return u.sheet == p->sheet && SameLabel(parameter, u.name);
                     });
    if (p == std::end(kUncertainParameters)) {
      errors.push_back(
          {ref(r, kUParameter),
           fmt::format(
               "must be {}, got \"{}\"",
               sheet_name == kInputsSheet
                   ? "value"
                   : "quantity, proxy_value, deadweight, displacement, attribution or drop_off",
               parameter)});
      continue;
    }
    const std::string key_path = item_path + "." + std::string(p->key);
    if (auto [first, added] = done.emplace(key_path, r); !added) {
      errors.push_back(
          {ref(r, kUParameter),
           fmt::format("{} of {} \"{}\" already has a range on row {}", p->name,
                       p->sheet == kOutcomesSheet ? "outcome" : "input", id, first->second)});
      continue;
    }
    Json range = Json::object();
    std::optional<double> low, mode, high;
    for (int col : {kULow, kUMode, kUHigh}) {
      const std::string part = col == kULow ? "low" : col == kUMode ? "mode" : "high";
      origin.cell_of[key_path + "." + part] = ref(r, col);
      if (auto v = CellValue(sheet.At(r, *h.position[col]), kUncertaintyColumns[col], ref(r, col),
                             errors)) {
        if (v->is_number()) (col == kULow ? low : col == kUMode ? mode : high) = v->get<double>();
        range[part] = std::move(*v);
      }
    }
    const std::string main_ref =
        origin.cell_of.contains(key_path) ? origin.cell_of[key_path] : ref(r, kULow);
    origin.cell_of[key_path] = ref(r, kULow);
    // The main cell shows the value the deterministic calculations use; it must
    // agree with the range, or an edit of one of them would be silently lost.
    Json& item = doc[item_path.substr(0, item_path.find('['))]
                    [std::stoul(item_path.substr(item_path.find('[') + 1))];
    const Json* main = &item;
    for (std::string_view k = p->key;;) {
      const auto dot = k.find('.');
      const std::string part(k.substr(0, dot));
      main = main->contains(part) ? &(*main)[part] : nullptr;
      if (!main || dot == std::string_view::npos) break;
      k.remove_prefix(dot + 1);
    }
    if (main && main->is_number() && low && high) {
      const double used = mode ? *mode : (*low + *high) / 2;
      const double shown = main->get<double>();
      if (std::abs(shown - used) > 1e-9 * std::max(1.0, std::abs(used)))
        errors.push_back(
            {main_ref,
             fmt::format("{} {} does not match its range on {} row {} ({} {}): change one of "
                         "them",
                         p->name, shown, sheet.name, r, mode ? "mode" : "midpoint", used)});
    } else if (main && main->is_object()) {
      errors.push_back(
          {ref(r, kULow),
           fmt::format("{} is already given as a range in its own cell: keep one", p->name)});
    }
    SetKey(item, p->key, std::move(range));
  }
}

// "outcomes[3].proxy.value.low" → the cell it came from, and the key words
// for the message ("proxy value low").
FieldError Translate(const FieldError& e, const Origin& origin, const std::string& file) {
  static const std::map<std::string, std::string_view> kSheetOfList = {
      {"outcomes", kOutcomesSheet}, {"inputs", kInputsSheet}, {"stakeholders", kStakeholdersSheet}};
  auto translate_path = [&](const std::string& path) -> std::pair<std::string, std::string> {
    if (path == "$") return {file, ""};
    if (auto it = kSheetOfList.find(path); it != kSheetOfList.end())
      return {std::string(it->second), ""};
    const size_t close = path.find(']');
    const size_t key_start = close == std::string::npos ? 0 : std::min(path.size(), close + 2);
    std::string key = path.substr(key_start);
    std::replace(key.begin(), key.end(), '.', ' ');
    for (std::string p = path;;) {
      if (auto it = origin.cell_of.find(p); it != origin.cell_of.end()) return {it->second, key};
      const size_t cut = p.find_last_of(".[");
      if (cut == std::string::npos || cut == 0) break;
      p.resize(cut);
    }
    const bool top = close == std::string::npos;
    return {top ? std::string(kMapSheet) : file, top ? key : path};
  };
  auto [where, key] = translate_path(e.path);
  // "deadweight must be between 0 and 1", but not "id duplicate id ...".
  std::string message =
      key.empty() || e.message.find(key) != std::string::npos ? e.message : key + " " + e.message;
  // "duplicate id "x" (first used at outcomes[0].id)" names a JSON path too.
  constexpr std::string_view kFirstUsed = "(first used at ";
  if (auto at = message.find(kFirstUsed); at != std::string::npos) {
    const size_t start = at + kFirstUsed.size();
    const size_t end = message.find(')', start);
    if (end != std::string::npos)
      message.replace(start, end - start, translate_path(message.substr(start, end - start)).first);
  }
  return {where, message};
}

// Where a translated path points, for sorting: (sheet, row, column); the
// file as a whole and whole sheets come before their cells.
std::tuple<size_t, size_t, size_t> PositionOf(std::string_view path, const XlsxWorkbook& workbook) {
  const size_t bang = path.rfind('!');
  std::string_view sheet = path.substr(0, bang);
  if (sheet.size() >= 2 && sheet.front() == '\'') sheet = sheet.substr(1, sheet.size() - 2);
  size_t index = 0;
  while (index < workbook.sheets.size() && workbook.sheets[index].name != sheet) ++index;
  if (index == workbook.sheets.size()) return {0, 0, 0};  // the file
  size_t row = 0, col = 0;
  if (bang != std::string_view::npos) {
    size_t i = bang + 1;
    for (; i < path.size() && std::isupper(static_cast<unsigned char>(path[i])); ++i)
      col = col * 26 + (path[i] - 'A' + 1);
    for (; i < path.size() && std::isdigit(static_cast<unsigned char>(path[i])); ++i)
      row = row * 10 + (path[i] - '0');
  }
  return {index + 1, row, col};
}

size_t FindOutcomeHeaderRow(const XlsxSheet& sheet) {
  constexpr size_t kSearchRows = 10;  // below the title and the stage labels
  for (size_t r = 1; r <= std::min(kSearchRows, sheet.rows.size()); ++r)
    if (SameLabel(CellText(sheet.At(r, 0)), kOutcomeColumns[0].label)) return r;
  return 0;
}

}  // namespace

Result<ImpactMap> ParseImpactMapXlsx(std::string_view bytes, const std::string& path) {
  auto workbook = ReadXlsx(bytes, path);
  if (!workbook) return Fail(workbook.error());
  std::vector<FieldError> errors;
  for (const XlsxSheet& s : workbook->sheets) {
    if (s.name != kMapSheet && s.name != kStakeholdersSheet && s.name != kInputsSheet &&
        s.name != kOutcomesSheet && s.name != kUncertaintySheet)
      errors.push_back(
          {s.name,
           "unknown sheet (the sheets are Map, Stakeholders, Inputs, Outcomes and Uncertainty)"});
  }
  const XlsxSheet* outcomes = workbook->Find(kOutcomesSheet);
  const XlsxSheet* inputs = workbook->Find(kInputsSheet);
  if (!outcomes)
    errors.push_back({std::string(kOutcomesSheet), "sheet is missing (it holds the Value Map)"});
  if (!inputs)
    errors.push_back({std::string(kInputsSheet),
                      "sheet is missing (leave it with only its header if there are no inputs)"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  // Problems with the layout (unknown columns, missing headers) stop here;
  // problems with single cells are listed together with the reader's.
  Json doc = Json::object();
  Origin origin;
  std::vector<FieldError> cell_errors;
  if (const XlsxSheet* s = workbook->Find(kStakeholdersSheet)) {
    const Header h = ReadHeader(*s, 1, kStakeholderColumns, nullptr, errors);
    ReadTable(*s, h, kStakeholderColumns, "stakeholders", doc, origin, cell_errors);
  }
  const Header input_header = ReadHeader(*inputs, 1, kInputColumns, nullptr, errors);
  ReadTable(*inputs, input_header, kInputColumns, "inputs", doc, origin, cell_errors);
  if (const size_t header_row = FindOutcomeHeaderRow(*outcomes)) {
    const Header h =
        ReadHeader(*outcomes, header_row, kOutcomeColumns, IsCalculatedOutcomeLabel, errors);
    ReadTable(*outcomes, h, kOutcomeColumns, "outcomes", doc, origin, cell_errors);
  } else {
    errors.push_back({std::string(kOutcomesSheet),
                      "no header row (a row whose first cell is \"Stakeholder\", "
                      "in the first 10 rows)"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  if (const XlsxSheet* map = workbook->Find(kMapSheet))
    ReadSettings(*map, doc, origin, cell_errors);
  if (const XlsxSheet* u = workbook->Find(kUncertaintySheet))
    ReadUncertainty(*u, doc, origin, cell_errors);

  auto map = formats::ParseImpactMap(doc.dump(-1, ' ', false, Json::error_handler_t::replace));
  if (map && cell_errors.empty()) return map;
  errors = std::move(cell_errors);
  if (!map) {
    for (const FieldError& e : map.error().fields) {
      FieldError t = Translate(e, origin, path);
      // A cell that could not be read is also missing to the reader: say it once.
      if (std::none_of(errors.begin(), errors.end(),
                       [&](const FieldError& x) { return x.path == t.path; }))
        errors.push_back(std::move(t));
    }
  }
  // In the order of the workbook: sheet by sheet, row by row, cell by cell.
  std::stable_sort(errors.begin(), errors.end(), [&](const FieldError& a, const FieldError& b) {
    return PositionOf(a.path, *workbook) < PositionOf(b.path, *workbook);
  });
  return Fail(Error::InvalidArgument(std::move(errors)));
}

// ---------------------------------------------------------------------------
// Export.

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

}  // namespace

Result<void> WriteImpactMapXlsx(const ImpactMap& map, const std::string& out_path) {
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
  const Formats f = MakeFormats(wb);
  lxw_error error = LXW_NO_ERROR;
  std::vector<UncertaintyRow> ranges;
  const SroiResult sroi = ComputeSroi(map);

  SheetWriter settings(workbook_add_worksheet(wb, std::string(kMapSheet).c_str()), f, error);
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

  SheetWriter stakeholders(workbook_add_worksheet(wb, std::string(kStakeholdersSheet).c_str()), f,
                           error);
  stakeholders.Header(0, kStakeholderColumns);
  worksheet_freeze_panes(stakeholders.sheet(), 1, 0);
  row = 1;
  for (const Stakeholder& s : map.stakeholders) {
    stakeholders.Text(row, 0, s.id);
    stakeholders.Text(row, 1, s.name);
    if (s.size) stakeholders.Number(row, 2, *s.size);
    if (s.involvement) stakeholders.Text(row, 3, *s.involvement);
    ++row;
  }

  SheetWriter inputs(workbook_add_worksheet(wb, std::string(kInputsSheet).c_str()), f, error);
  inputs.Header(0, kInputColumns);
  worksheet_freeze_panes(inputs.sheet(), 1, 0);
  row = 1;
  for (size_t i = 0; i < map.inputs.size(); ++i, ++row) {
    const Input& in = map.inputs[i];
    inputs.Calculated(row, 0, static_cast<double>(i + 1), nullptr);
    inputs.Text(row, 1, in.stakeholder);
    inputs.Text(row, 2, in.description);
    WriteUncertain(inputs, row, 3, in.value, f.money,
                   {kInputsSheet, std::to_string(i + 1), "value", {}}, ranges);
  }

  SheetWriter outcomes(workbook_add_worksheet(wb, std::string(kOutcomesSheet).c_str()), f, error);
  lxw_worksheet* ws = outcomes.sheet();
  outcomes.Text(0, 0, "Value Map: " + (map.name.empty() ? std::string("impact map") : map.name),
                f.title);
  // The stages of the SROI guide above their columns, as on the Value Map.
  const size_t impact_col = std::size(kOutcomeColumns);
  const size_t first_year_col = impact_col + 1;
  const size_t pv_col = first_year_col + static_cast<size_t>(sroi.years);
  outcomes.Text(1, 0, "Stakeholders", f.stage);
  worksheet_merge_range(ws, 1, 1, 1, 6, "Outcomes (what changes)", f.stage);
  worksheet_merge_range(ws, 1, 7, 1, 9, "Quantity and duration", f.stage);
  worksheet_merge_range(ws, 1, 10, 1, 12, "Valuing the outcomes", f.stage);
  worksheet_merge_range(ws, 1, 13, 1, 16, "Establishing impact", f.stage);
  worksheet_merge_range(ws, 1, impact_col, 1, pv_col, "Calculated (not read back)", f.stage);
  outcomes.Header(2, kOutcomeColumns);
  outcomes.Text(2, impact_col, std::string(kImpactLabel), f.calculated_header);
  for (int y = 1; y <= sroi.years; ++y)
    outcomes.Text(2, first_year_col + y - 1, fmt::format("{}{}", kYearLabelPrefix, y),
                  f.calculated_header);
  outcomes.Text(2, pv_col, std::string(kPresentValueLabel), f.calculated_header);
  worksheet_set_column(ws, impact_col, pv_col, 13, nullptr);
  worksheet_freeze_panes(ws, 3, 2);
  row = 3;
  for (size_t i = 0; i < map.outcomes.size(); ++i, ++row) {
    const Outcome& o = map.outcomes[i];
    const OutcomeResult& result = sroi.outcomes[i];
    outcomes.Text(row, 0, o.stakeholder);
    outcomes.Text(row, 1, o.id);
    outcomes.Text(row, 2, o.description);
    outcomes.Bool(row, 3, o.intended);
    outcomes.Bool(row, 4, o.material);
    if (o.materiality_reason) outcomes.Text(row, 5, *o.materiality_reason);
    if (o.indicator) outcomes.Text(row, 6, *o.indicator);
    WriteUncertain(outcomes, row, 7, o.quantity, nullptr, {kOutcomesSheet, o.id, "quantity", {}},
                   ranges);
    outcomes.Number(row, 8, o.duration_years);
    outcomes.Number(row, 9, o.start_year);
    if (o.proxy.description) outcomes.Text(row, 10, *o.proxy.description);
    WriteUncertain(outcomes, row, 11, o.proxy.value, f.money,
                   {kOutcomesSheet, o.id, "proxy_value", {}}, ranges);
    if (o.proxy.source) outcomes.Text(row, 12, *o.proxy.source);
    size_t col = 13;
    for (Parameter p : {Parameter::kDeadweight, Parameter::kDisplacement, Parameter::kAttribution,
                        Parameter::kDropOff})
      WriteUncertain(outcomes, row, col++, Get(o, p), f.percent,
                     {kOutcomesSheet, o.id, ParameterName(p), {}}, ranges);
    outcomes.Calculated(row, impact_col, result.impact, f.calculated_money);
    for (size_t y = 0; y < result.value_by_year.size(); ++y)
      outcomes.Calculated(row, first_year_col + y, result.value_by_year[y], f.calculated_money);
    outcomes.Calculated(row, pv_col, result.present_value, f.calculated_money);
  }
  // The Value Map's totals: value per year, discounted, and the headline figures.
  row += 1;
  outcomes.Text(row, 0, std::string(kTotalsLabel), f.bold);
  outcomes.Text(row, impact_col - 1, "Value by year", f.bold);
  for (size_t y = 0; y < sroi.value_by_year.size(); ++y)
    outcomes.Calculated(row, first_year_col + y, sroi.value_by_year[y], f.calculated_money);
  ++row;
  outcomes.Text(row, impact_col - 1, "Discounted", f.bold);
  for (size_t y = 0; y < sroi.discounted_by_year.size(); ++y)
    outcomes.Calculated(row, first_year_col + y, sroi.discounted_by_year[y], f.calculated_money);
  outcomes.Calculated(row, pv_col, sroi.present_value, f.calculated_money);
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

  SheetWriter uncertainty(workbook_add_worksheet(wb, std::string(kUncertaintySheet).c_str()), f,
                          error);
  uncertainty.Header(0, kUncertaintyColumns);
  worksheet_freeze_panes(uncertainty.sheet(), 1, 0);
  row = 1;
  for (const UncertaintyRow& u : ranges) {
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

  const lxw_error closed = workbook_close(wb);
  if (error != LXW_NO_ERROR)
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write the workbook: {}", lxw_strerror(error))}}));
  if (closed != LXW_NO_ERROR)
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write the workbook: {}", lxw_strerror(closed))}}));
  return {};
}

}  // namespace valuemark::report
