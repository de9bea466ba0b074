#include "formats/impact_map_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>

#include "formats/cells.h"
#include "formats/csv_rows.h"
#include "formats/csv_writer.h"
#include "formats/impact_map_json.h"

namespace valuemark::formats {
namespace {

constexpr std::array<std::string_view, 25> kColumns = {"record",
                                                       "id",
                                                       "name",
                                                       "stakeholder",
                                                       "description",
                                                       "size",
                                                       "involvement",
                                                       "value",
                                                       "intended",
                                                       "indicator",
                                                       "quantity",
                                                       "duration_years",
                                                       "start_year",
                                                       "proxy_value",
                                                       "proxy_description",
                                                       "proxy_source",
                                                       "deadweight",
                                                       "displacement",
                                                       "attribution",
                                                       "drop_off",
                                                       "material",
                                                       "materiality_reason",
                                                       "kind",
                                                       "currency",
                                                       "discount_rate"};

enum class CellType { kText, kNumber, kBool };

struct Field {
  std::string_view column;
  CellType type;
};

// Which columns each record uses, in the order of the JSON keys.
const std::map<std::string_view, std::vector<Field>>& RecordFields() {
  static const std::map<std::string_view, std::vector<Field>> fields = {
      {"map",
       {{"name", CellType::kText},
        {"kind", CellType::kText},
        {"currency", CellType::kText},
        {"discount_rate", CellType::kNumber}}},
      {"stakeholder",
       {{"id", CellType::kText},
        {"name", CellType::kText},
        {"size", CellType::kNumber},
        {"involvement", CellType::kText}}},
      {"input",
       {{"stakeholder", CellType::kText},
        {"description", CellType::kText},
        {"value", CellType::kNumber}}},
      {"outcome",
       {{"id", CellType::kText},
        {"stakeholder", CellType::kText},
        {"description", CellType::kText},
        {"intended", CellType::kBool},
        {"indicator", CellType::kText},
        {"quantity", CellType::kNumber},
        {"duration_years", CellType::kNumber},
        {"start_year", CellType::kNumber},
        {"proxy_value", CellType::kNumber},
        {"proxy_description", CellType::kText},
        {"proxy_source", CellType::kText},
        {"deadweight", CellType::kNumber},
        {"displacement", CellType::kNumber},
        {"attribution", CellType::kNumber},
        {"drop_off", CellType::kNumber},
        {"material", CellType::kBool},
        {"materiality_reason", CellType::kText}}},
  };
  return fields;
}

// Where each JSON item came from, to translate reader paths into cells.
struct Origin {
  std::map<std::string, size_t> row_of_item;  // "outcomes[3]" → CSV row number
  size_t map_row = 0;
};

std::string ColumnOfKeyPath(std::string_view rest) {
  // rest is what follows the item, e.g. "proxy.value.high" or "deadweight.low".
  std::string column(rest.substr(0, rest.find('.')));
  if (column == "proxy") {
    if (rest.size() <= std::string_view("proxy.").size()) return "proxy_value";
    rest.remove_prefix(std::min(rest.size(), std::string_view("proxy.").size()));
    return "proxy_" + std::string(rest.substr(0, rest.find('.')));
  }
  return column;
}

FieldError Translate(const FieldError& e, const Origin& origin) {
  const std::string& p = e.path;
  if (p == "$") return {"csv", e.message};
  if (auto close = p.find(']'); close != std::string::npos) {
    const std::string item = p.substr(0, close + 1);
    auto it = origin.row_of_item.find(item);
    if (it != origin.row_of_item.end()) {
      std::string_view rest = std::string_view(p).substr(close + 1);
      if (rest.empty()) return {fmt::format("csv row {}", it->second), e.message};
      rest.remove_prefix(1);  // the '.'
      return {fmt::format("csv row {}, column {}", it->second, ColumnOfKeyPath(rest)), e.message};
    }
  }
  if (p == "outcomes" || p == "inputs")
    return {"csv", e.message + " (add " + p.substr(0, p.size() - 1) + " rows)"};
  if (origin.map_row != 0)
    return {fmt::format("csv row {}, column {}", origin.map_row, p), e.message};
  return {"csv, column " + p, e.message};
}

}  // namespace

Result<ImpactMap> ParseImpactMapCsv(std::string_view csv_text) {
  auto table = TRY(ParseCsvRows(csv_text));
  const std::vector<std::vector<std::string>>& rows = table;
  std::vector<FieldError> errors;
  if (rows.empty())
    return Fail(Error::InvalidArgument({{"csv", "is empty: expected a header row"}}));
  const std::vector<std::string>& header = rows[0];
  std::map<std::string, size_t> column_index;
  for (size_t c = 0; c < header.size(); ++c) {
    if (std::find(kColumns.begin(), kColumns.end(), header[c]) == kColumns.end()) {
      errors.push_back({fmt::format("csv row 1, column {}", header[c]), "unknown column"});
    } else if (!column_index.emplace(header[c], c).second) {
      errors.push_back({fmt::format("csv row 1, column {}", header[c]), "appears twice"});
    }
  }
  if (!column_index.contains("record"))
    errors.push_back({"csv row 1", "the header must have a \"record\" column"});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  Json doc = {{"inputs", Json::array()}, {"outcomes", Json::array()}};
  Origin origin;
  const auto& record_fields = RecordFields();
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::vector<std::string>& row = rows[r];
    const size_t row_number = r + 1;
    auto cell = [&](std::string_view column) -> std::string {
      auto it = column_index.find(std::string(column));
      return it != column_index.end() && it->second < row.size() ? row[it->second] : std::string();
    };
    if (std::all_of(row.begin(), row.end(), [](const std::string& s) { return s.empty(); }))
      continue;
    const std::string record = cell("record");
    auto fields_it = record_fields.find(record);
    if (fields_it == record_fields.end()) {
      errors.push_back(
          {fmt::format("csv row {}, column record", row_number),
           fmt::format("must be map, stakeholder, input or outcome, got \"{}\"", record)});
      continue;
    }
    const std::vector<Field>& fields = fields_it->second;
    for (const auto& [column, index] : column_index) {
      if (column == "record" || index >= row.size() || row[index].empty()) continue;
      if (std::none_of(fields.begin(), fields.end(),
                       [&](const Field& f) { return f.column == column; }))
        errors.push_back({fmt::format("csv row {}, column {}", row_number, column),
                          fmt::format("is not used by {} rows: leave it empty", record)});
    }
    Json item = Json::object();
    for (const Field& f : fields) {
      const std::string value = cell(f.column);
      if (value.empty()) continue;
      // Text cells may carry the apostrophe our CSV writer adds before a formula.
      Json v = f.type == CellType::kNumber ? NumberCell(value)
               : f.type == CellType::kBool ? BoolCell(value)
                                           : Json(RestoreCsvText(value));
      if (f.column.starts_with("proxy_")) {
        item["proxy"][std::string(f.column.substr(6))] = std::move(v);
      } else {
        item[std::string(f.column)] = std::move(v);
      }
    }
    if (record == "map") {
      if (origin.map_row != 0) {
        errors.push_back(
            {fmt::format("csv row {}, column record", row_number),
             fmt::format("only one map row is allowed (the first is row {})", origin.map_row)});
        continue;
      }
      origin.map_row = row_number;
      for (auto& [k, v] : item.items()) doc[k] = v;
      continue;
    }
    const std::string list = record == "stakeholder" ? "stakeholders" : record + "s";
    if (!doc.contains(list)) doc[list] = Json::array();
    origin.row_of_item[fmt::format("{}[{}]", list, doc[list].size())] = row_number;
    doc[list].push_back(std::move(item));
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  auto map = ParseImpactMap(doc.dump(-1, ' ', false, Json::error_handler_t::replace));
  if (!map) {
    std::vector<FieldError> translated;
    for (const FieldError& e : map.error().fields) translated.push_back(Translate(e, origin));
    return Fail(Error::InvalidArgument(std::move(translated)));
  }
  return map;
}

namespace {

std::string Number(double d) { return fmt::format("{}", d); }

// Columns that hold text in some record (neutralised against formulas when
// written); the others hold numbers, booleans or the record kind.
bool IsTextColumn(std::string_view column) {
  for (const auto& [record, fields] : RecordFields())
    for (const Field& f : fields)
      if (f.column == column && f.type == CellType::kText) return true;
  return false;
}

}  // namespace

std::string ImpactMapToCsv(const ImpactMap& map) {
  CsvWriter out;
  std::array<bool, kColumns.size()> text_column{};
  for (size_t c = 0; c < kColumns.size(); ++c) text_column[c] = IsTextColumn(kColumns[c]);
  auto write_row = [&](const std::map<std::string_view, std::string>& cells) {
    for (size_t c = 0; c < kColumns.size(); ++c) {
      auto it = cells.find(kColumns[c]);
      if (it == cells.end()) {
        out.Empty();
      } else if (text_column[c]) {
        out.Text(it->second);
      } else {
        out.Value(it->second);
      }
    }
    out.EndRow();
  };
  for (std::string_view column : kColumns) out.Value(column);
  out.EndRow();
  write_row({{"record", "map"},
             {"name", map.name},
             {"kind", MapKindName(map.kind)},
             {"currency", map.currency},
             {"discount_rate", Number(map.discount_rate)}});
  for (const Stakeholder& s : map.stakeholders) {
    std::map<std::string_view, std::string> cells = {
        {"record", "stakeholder"}, {"id", s.id}, {"name", s.name}};
    if (s.size) cells["size"] = Number(*s.size);
    if (s.involvement) cells["involvement"] = *s.involvement;
    write_row(cells);
  }
  for (const Input& in : map.inputs)
    write_row({{"record", "input"},
               {"stakeholder", in.stakeholder},
               {"description", in.description},
               {"value", UncertainCellText(in.value)}});
  for (const Outcome& o : map.outcomes) {
    std::map<std::string_view, std::string> cells = {
        {"record", "outcome"},
        {"id", o.id},
        {"stakeholder", o.stakeholder},
        {"description", o.description},
        {"intended", o.intended ? "true" : "false"},
        {"quantity", UncertainCellText(o.quantity)},
        {"duration_years", std::to_string(o.duration_years)},
        {"start_year", std::to_string(o.start_year)},
        {"proxy_value", UncertainCellText(o.proxy.value)},
        {"deadweight", UncertainCellText(o.deadweight)},
        {"displacement", UncertainCellText(o.displacement)},
        {"attribution", UncertainCellText(o.attribution)},
        {"drop_off", UncertainCellText(o.drop_off)},
        {"material", o.material ? "true" : "false"}};
    if (o.indicator) cells["indicator"] = *o.indicator;
    if (o.proxy.description) cells["proxy_description"] = *o.proxy.description;
    if (o.proxy.source) cells["proxy_source"] = *o.proxy.source;
    if (o.materiality_reason) cells["materiality_reason"] = *o.materiality_reason;
    write_row(cells);
  }
  return out.Take();
}

}  // namespace valuemark::formats
