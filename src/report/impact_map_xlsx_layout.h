// The layout of the impact-map workbook (docs/file-formats.md "Impact map
// (XLSX)"), shared by the writer (impact_map_xlsx_write.cpp) and the reader
// (impact_map_xlsx_read.cpp) so that they cannot drift. Internal to src/report.
#pragma once

#include <string_view>

#include "report/impact_map_xlsx.h"

namespace valuemark::report::impact_map_layout {

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
inline constexpr Column kSettings[] = {
    {"Name", "name", Kind::kText, false, false, false, 0},
    {"Kind", "kind"},
    {"Currency", "currency"},
    {"Discount rate", "discount_rate", Kind::kNumber, false, false, true},
    {"Verified by", "verification.by"},
    {"Verification date", "verification.date", Kind::kDate},
};

inline constexpr Column kStakeholderColumns[] = {
    {"Id", "id", Kind::kText, true, false, false, 16},
    {"Name", "name", Kind::kText, false, false, false, 40},
    {"Number in group", "size", Kind::kNumber, false, false, false, 12},
    {"Involvement", "involvement", Kind::kText, false, false, false, 60},
};

inline constexpr Column kInputColumns[] = {
    {"No.", "", Kind::kCalculated, false, false, false, 6},
    {"Stakeholder", "stakeholder", Kind::kText, false, false, false, 16},
    {"Description", "description", Kind::kText, false, false, false, 60},
    {"Value", "value", Kind::kNumber, true, true, false, 14},
};

// The Value Map's order (docs/file-formats.md "`Outcomes` (the Value Map)"): stakeholders, outcomes
// with their indicators, quantity, duration, proxies, the four impact adjustments, then the
// calculated impact and value per year.
inline constexpr Column kOutcomeColumns[] = {
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
inline constexpr std::string_view kImpactLabel = "Impact";
inline constexpr std::string_view kPresentValueLabel = "Present value";
inline constexpr std::string_view kYearLabelPrefix = "Year ";
// Rows from the one whose first cell says this are calculated, not read back.
inline constexpr std::string_view kTotalsLabel = "Totals";

inline constexpr Column kUncertaintyColumns[] = {
    {"Sheet", "", Kind::kText, true, false, false, 14},
    {"Id", "", Kind::kText, true, false, false, 16},
    {"Parameter", "", Kind::kText, true, false, false, 14},
    {"Low", "", Kind::kNumber, true, false, false, 12},
    {"Mode", "", Kind::kNumber, false, false, false, 12},
    {"High", "", Kind::kNumber, true, false, false, 12},
};
enum UncertaintyColumn { kUSheet, kUId, kUParameter, kULow, kUMode, kUHigh };

}  // namespace valuemark::report::impact_map_layout
