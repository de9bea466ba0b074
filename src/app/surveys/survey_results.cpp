// A survey's results and its export (docs/api.md "Surveys"): the figures an
// evaluative impact map takes, computed in one pass over the stored answers
// of the responses not excluded, every response as CSV, and two waves side by
// side.
#include <simdjson.h>

#include <algorithm>

#include "app/surveys/survey_csv.h"
#include "app/surveys/surveys.h"
#include "app/validate.h"
#include "formats/survey_json.h"

namespace valuemark::app {

Result<std::string> SurveyService::ExportResponses(const Caller& caller,
                                                   const std::string& survey_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<std::string> {
    const SurveyContext c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    const auto responses = TRY(
        tx.ListResponses(c.record.organisation_id, survey_id, {"", 1 << 30}, ResponseFilter::kAll));
    return WriteResponsesCsv(c.design, responses);
  });
}

Result<SurveyResults> ComputeSurveyResults(Transaction& tx, const SurveyRecord& record,
                                           const SurveyDesign& design, bool provenance,
                                           std::optional<UnixTime> as_of) {
  ResultsBuilder builder(design, provenance);
  thread_local simdjson::dom::parser parser;
  Result<void> fed;
  TRY(tx.ScanResponses(record.organisation_id, record.id, [&](const ResponseRow& row) {
    if (as_of && row.submitted_at > *as_of) return;
    // As of a moment, a response excluded only later was still used then.
    if (row.excluded && !(as_of && row.excluded_at > *as_of)) {
      builder.CountExcluded();
      return;
    }
    builder.BeginResponse(row.id, row.respondent_code);
    if (auto f = formats::FeedAnswers(parser, row.answers, design, builder); !f && fed) fed = f;
    builder.EndResponse();
  }));
  TRY(fed);
  return builder.Finish();
}

Result<SurveyResultsView> SurveyService::GetSurveyResults(const Caller& caller,
                                                          const std::string& survey_id,
                                                          bool provenance,
                                                          std::optional<UnixTime> as_of) {
  return store_.ReadValue([&](Transaction& tx) -> Result<SurveyResultsView> {
    SurveyContext c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    SurveyResults results = TRY(ComputeSurveyResults(tx, c.record, c.design, provenance, as_of));
    return SurveyResultsView{std::move(c.record), std::move(c.design), std::move(results)};
  });
}

Result<TextAnswers> SurveyService::ReadTextAnswers(const Caller& caller,
                                                   const std::string& survey_id,
                                                   const std::string& question_id,
                                                   const std::string& query_in,
                                                   const PageRequest& page) {
  const std::string query = TRY(CleanText("q", query_in, 0, 200));
  if (page.limit < 1 || page.limit > 200)
    return Fail(InvalidField("limit", "must be a whole number from 1 to 200"));
  return store_.ReadValue([&](Transaction& tx) -> Result<TextAnswers> {
    const SurveyContext c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    const auto q = std::find_if(c.design.questions.begin(), c.design.questions.end(),
                                [&](const Question& x) { return x.id == question_id; });
    if (q == c.design.questions.end())
      return Fail(Error::Make(ErrorCode::kNotFound, "no such question in this survey"));
    if (q->type != QuestionType::kText)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "question_id",
                               "is not a free-text question: its answers are counted in the "
                               "results"));
    TextAnswers out;
    thread_local simdjson::dom::parser parser;
    TRY(tx.ScanResponses(c.record.organisation_id, c.record.id, [&](const ResponseRow& row) {
      simdjson::dom::element doc;
      std::string_view text;
      if (parser.parse(row.answers.data(), row.answers.size()).get(doc) != simdjson::SUCCESS ||
          doc[question_id].get_string().get(text) != simdjson::SUCCESS || text.empty())
        return;
      ++out.answered;
      if (!ContainsIgnoringCase(text, query)) return;
      ++out.matching;
      if (!page.after.empty() && row.id <= page.after) return;
      if (static_cast<int>(out.items.size()) < page.limit) {
        out.items.push_back(
            {std::string(row.id), row.submitted_at, std::string(text), row.excluded});
      } else if (!out.next_cursor) {
        out.next_cursor = out.items.back().response_id;
      }
    }));
    return out;
  });
}

Result<WavesView> SurveyService::CompareWaves(const Caller& caller, const std::string& survey_id,
                                              const std::string& baseline_id) {
  if (baseline_id.empty())
    return Fail(InvalidField("baseline", "name the survey of the earlier wave to compare with"));
  if (baseline_id == survey_id)
    return Fail(InvalidField("baseline", "is this survey: choose the survey of an earlier wave"));
  return store_.ReadValue([&](Transaction& tx) -> Result<WavesView> {
    SurveyContext second = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    auto first = LoadSurvey(tx, caller, baseline_id, OrgAction::kRead);
    if (!first && first.error().code != ErrorCode::kNotFound &&
        first.error().code != ErrorCode::kPermissionDenied)
      return Fail(first.error());
    // Waves are compared within one organisation; another's survey is not named.
    if (!first || first->record.organisation_id != second.record.organisation_id)
      return Fail(InvalidField("baseline", "is not a survey of this organisation"));
    WaveComparer comparer(first->design, second.design);
    thread_local simdjson::dom::parser parser;
    bool readable = true;
    int wave = 0;
    for (const SurveyContext* c : {&*first, &second}) {
      TRY(tx.ScanResponses(c->record.organisation_id, c->record.id, [&](const ResponseRow& row) {
        if (row.excluded) return;
        auto doc = formats::ParseJsonText(parser, row.answers);
        if (!doc) {
          readable = false;
          return;
        }
        std::vector<FieldError> errors;
        comparer.Add(wave, row.respondent_code,
                     formats::ReadAnswers(*doc, "answers", c->design, errors));
      }));
      ++wave;
    }
    if (!readable) return Fail(Error::Make(ErrorCode::kInternal, "unreadable stored answers"));
    return WavesView{std::move(first->record), std::move(first->design), std::move(second.record),
                     std::move(second.design), comparer.Finish()};
  });
}

}  // namespace valuemark::app
