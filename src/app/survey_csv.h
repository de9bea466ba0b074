// Responses as CSV (docs/api.md "Surveys"): the export, and the import of
// responses gathered elsewhere or on paper, in the same layout so that an
// export can be imported again. One column per question; a before/now
// question has two (<id>.before, <id>.now), a valuation question one per
// outcome (<id>.<outcome id>); multiple choices are joined by "|". Empty
// cells are unanswered questions. Unknown columns are refused, except the
// export's own (id, submitted_at, source, excluded_reason).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/store.h"
#include "core/survey.h"

namespace valuemark::app {

struct CsvResponse {
  std::string respondent_code;
  Answers answers;
};

// Every row, checked against the design; InvalidArgument naming each
// problem as "row N, column C" when any row is wrong (nothing is imported).
Result<std::vector<CsvResponse>> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv);
Result<std::string> WriteResponsesCsv(const SurveyDesign& design, const std::vector<SurveyResponse>& responses);

}  // namespace valuemark::app
