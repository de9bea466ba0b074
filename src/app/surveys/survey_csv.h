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
// The text a respondent gave (text answers, choices, the respondent code),
// checked like every other text input (validate.h: no control characters or
// direction overrides, valid UTF-8); problems are added to `errors` at
// `prefix` + the answer's path ("answers.q1" on the web, "row 3, answers.q1"
// in an import).
void CheckRespondentText(const Answers& answers, const std::string& respondent_code,
                         const std::string& prefix, std::vector<FieldError>& errors);
// Every design text a respondent will read or a CSV export will hold: the
// title, names and options single-line, the description and questions
// multi-line.
void CheckDesignText(const SurveyDesign& design, std::vector<FieldError>& errors);

Result<std::vector<CsvResponse>> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv);
Result<std::string> WriteResponsesCsv(const SurveyDesign& design,
                                      const std::vector<SurveyResponse>& responses);

}  // namespace valuemark::app
