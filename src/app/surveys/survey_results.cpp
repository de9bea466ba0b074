// A survey's results and its export (docs/api.md "Surveys"): the figures an
// evaluative impact map takes, computed in one pass over the stored answers
// of the responses not excluded, every response as CSV, and two waves side by
// side.
#include <simdjson.h>

#include <algorithm>
#include <thread>
#include <vector>

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

// A survey of many responses is folded in runs side by side where the back
// end holds the rows in memory (PostgreSQL), one builder and parser per run:
// up to four runs of at least this many responses.
constexpr int kMostRuns = 4;
constexpr int64_t kFewestPerRun = 50'000;

Result<SurveyResults> ComputeSurveyResults(Transaction& tx, const SurveyRecord& record,
                                           const SurveyDesign& design, bool provenance,
                                           std::optional<UnixTime> as_of) {
  const int most = std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 1, kMostRuns);
  struct Run {
    Run(const SurveyDesign& design, bool provenance) : builder(design, provenance) {}
    ResultsBuilder builder;
    simdjson::dom::parser parser;
    Result<void> fed;
  };
  std::vector<Run> runs;
  runs.reserve(static_cast<size_t>(most));
  for (int i = 0; i < most; ++i) runs.emplace_back(design, provenance);
  auto fold = [&](int run_index, const ResponseRow& row) {
    Run& run = runs[static_cast<size_t>(run_index)];
    if (as_of && row.submitted_at > *as_of) return;
    // As of a moment, a response excluded only later was still used then.
    if (row.excluded && !(as_of && row.excluded_at > *as_of)) {
      run.builder.CountExcluded();
      return;
    }
    run.builder.BeginResponse(row.id, row.respondent_code);
    if (auto f = formats::FeedAnswers(run.parser, row.answers, design, run.builder); !f && run.fed)
      run.fed = f;
    run.builder.EndResponse();
  };
  int used = 0;
  if (as_of) {
    used =
        TRY(tx.ScanResponsesInRuns(record.organisation_id, record.id, most, kFewestPerRun, fold));
  } else {
    // Today's results: the excluded are only counted, so only the answers of
    // the others are read.
    runs[0].builder.CountExcluded(
        TRY(tx.CountExcludedResponses(record.organisation_id, record.id)));
    used =
        TRY(tx.ScanUsedAnswersInRuns(record.organisation_id, record.id, most, kFewestPerRun, fold));
  }
  for (int i = 0; i < used; ++i) TRY(runs[static_cast<size_t>(i)].fed);
  for (int i = 1; i < used; ++i)
    runs[0].builder.Absorb(std::move(runs[static_cast<size_t>(i)].builder));
  return runs[0].builder.Finish();
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
