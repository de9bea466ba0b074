// JSON forms of surveys (docs/api.md "Surveys"): the design as the designer
// API takes and returns it (and as the store keeps it), respondents' answers,
// and the results. Answers are kept as canonical compact JSON: the same
// answers always give the same text, so that a retried submission can be told
// from a different one under the same Idempotency-Key.
#pragma once

#include <string>
#include <string_view>

#include "core/survey.h"
#include "core/survey_results.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

// Reads the design's fields from an object (title, description, scope_id,
// outcomes, questions, opens_on, closes_on, response_limit,
// respondent_codes). Problems go to the reader's errors with their paths.
void ReadSurveyDesign(ObjectReader& r, SurveyDesign& design);
// The stored form: a JSON object of the design; Internal when unreadable.
Result<SurveyDesign> ParseStoredDesign(std::string_view json);
// The same with the caller's parser: a long-lived thread keeps its own, so
// that its buffers belong to an object rather than to the thread.
Result<SurveyDesign> ParseStoredDesign(simdjson::dom::parser& parser, std::string_view json);
void WriteSurveyDesignFields(JsonWriter& w, const SurveyDesign& design);
std::string StoredDesignJson(const SurveyDesign& design);

// Reads {question_id: value} at `path` against the design's question types;
// unknown questions and wrong shapes are reported with their paths.
Answers ReadAnswers(const JsonValue& value, const std::string& path, const SurveyDesign& design,
                    std::vector<FieldError>& errors);
// Canonical compact JSON (keys in question order).
std::string AnswersJson(const SurveyDesign& design, const Answers& answers);
// Feeds stored answers (AnswersJson text) of one response to a builder.
Result<void> FeedAnswers(simdjson::dom::parser& parser, std::string_view answers_json,
                         const SurveyDesign& design, ResultsBuilder& builder);

// The results object of GET /surveys/{id}/results.
void WriteSurveyResults(JsonWriter& w, const SurveyDesign& design, const SurveyResults& results,
                        bool provenance);

}  // namespace valuemark::formats
