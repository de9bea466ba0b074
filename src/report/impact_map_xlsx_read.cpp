// Import of impact-map workbooks: the cells into the JSON form, read by the
// strict reader of src/formats, with each problem reported at its cell.
#include <fmt/format.h>

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
#include "report/xlsx_reader.h"

namespace valuemark::report {
using namespace impact_map_layout;
namespace {

using formats::Json;

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
      if (!h.position[col]) continue;  // Mode is optional: without it the range is uniform
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
  auto workbook = TRY(ReadXlsx(bytes, path));
  std::vector<FieldError> errors;
  for (const XlsxSheet& s : workbook.sheets) {
    if (s.name != kMapSheet && s.name != kStakeholdersSheet && s.name != kInputsSheet &&
        s.name != kOutcomesSheet && s.name != kUncertaintySheet)
      errors.push_back(
          {s.name,
           "unknown sheet (the sheets are Map, Stakeholders, Inputs, Outcomes and Uncertainty)"});
  }
  const XlsxSheet* outcomes = workbook.Find(kOutcomesSheet);
  const XlsxSheet* inputs = workbook.Find(kInputsSheet);
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
  if (const XlsxSheet* s = workbook.Find(kStakeholdersSheet)) {
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
  if (const XlsxSheet* map = workbook.Find(kMapSheet)) ReadSettings(*map, doc, origin, cell_errors);
  if (const XlsxSheet* u = workbook.Find(kUncertaintySheet))
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
    return PositionOf(a.path, workbook) < PositionOf(b.path, workbook);
  });
  return Fail(Error::InvalidArgument(std::move(errors)));
}

}  // namespace valuemark::report
