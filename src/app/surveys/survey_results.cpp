// A survey's results and its export (docs/api.md "Surveys"): the figures an
// evaluative impact map takes, computed in one pass over the stored answers
// of the responses not excluded, and every response as CSV.
#include <simdjson.h>

#include "app/surveys/survey_csv.h"
#include "app/surveys/surveys.h"
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

Result<SurveyResults> SurveyService::ComputeSurveyResults(Transaction& tx,
                                                          const SurveyRecord& record,
                                                          const SurveyDesign& design,
                                                          bool provenance) {
  ResultsBuilder builder(design, provenance);
  thread_local simdjson::dom::parser parser;
  Result<void> fed;
  TRY(tx.ScanResponses(record.organisation_id, record.id, [&](const ResponseRow& row) {
    if (row.excluded) {
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
                                                          bool provenance) {
  return store_.ReadValue([&](Transaction& tx) -> Result<SurveyResultsView> {
    SurveyContext c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    SurveyResults results = TRY(ComputeSurveyResults(tx, c.record, c.design, provenance));
    return SurveyResultsView{std::move(c.record), std::move(c.design), std::move(results)};
  });
}

}  // namespace valuemark::app
