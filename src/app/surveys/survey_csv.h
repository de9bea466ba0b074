// Responses as CSV (docs/api.md "Surveys"): the export, and the import of
// responses gathered elsewhere or on paper, in the same layout so that an
// export can be imported again. One column per question; a before/now
// question has two (<id>.before, <id>.now), a valuation question one per
// outcome (<id>.<outcome id>); multiple choices are joined by "|". Empty
// cells are unanswered questions. Unknown columns are refused, except the
// export's own (id, submitted_at, source, excluded_reason).
//
// The import also reads the CSV exports of KoboToolbox and ODK Central for a
// survey made from their XLSForm: ';' or ',' between fields, columns named by
// the question's path in its groups ("lunches/lonely", "lunches-lonely"),
// choices by their XLSForm names (option_values), several separated by
// spaces, Kobo's one-column-per-choice copies and both tools' metadata
// skipped. Such a file is known by its metadata (_uuid, KEY, instanceID…);
// its other unknown columns (calculations, say) are listed, not refused, and
// its instance id makes importing a later, longer export add only the new rows.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/store.h"
#include "core/survey.h"

namespace valuemark::app {

struct CsvResponse {
  std::string respondent_code;
  Answers answers;
  std::string instance_id;  // KoboToolbox's or ODK's id of the submission; "" in our own CSV
  // When the tool received it (Kobo's _submission_time, ODK Central's
  // SubmissionDate), so that results as of a moment and waves see it then.
  std::optional<UnixTime> submitted_at;
};

struct CsvResponses {
  std::vector<CsvResponse> rows;
  std::vector<std::string> ignored_columns;  // columns of an export that were not read
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
// A respondent code against the survey's rules, as the public form and an
// import both apply them: none on an anonymous survey, one on a survey that
// requires it, at most 64 characters, and where codes were given out one of
// them, which `code` becomes as it was given out. Problems go to `field`.
void CheckRespondentCode(const SurveyDesign& design, const std::string& field, std::string& code,
                         std::vector<FieldError>& errors);
// Every design text a respondent will read or a CSV export will hold: the
// title, names and options single-line, the description and questions
// multi-line.
void CheckDesignText(const SurveyDesign& design, std::vector<FieldError>& errors);

Result<CsvResponses> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv);
Result<std::string> WriteResponsesCsv(const SurveyDesign& design,
                                      const std::vector<SurveyResponse>& responses);

}  // namespace valuemark::app
