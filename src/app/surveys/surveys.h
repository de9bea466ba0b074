// The surveys module's use cases (docs/api.md "Surveys"): designing a
// survey (any member), its public link and the group-commit writer of
// submissions (surveys.cpp), excluding a response (the lead), import and
// export as CSV (survey_csv.h), the results (survey_results.cpp), and
// applying them to an impact map with the provenance of each figure
// (survey_apply.cpp). Answering is public.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/use_cases.h"
#include "core/survey.h"
#include "core/survey_results.h"
#include "core/survey_waves.h"

namespace valuemark::app {

struct SurveyOptions {
  // Submissions allowed per second per public link and per client address
  // (token buckets holding `burst` at most). 0 turns a limit off.
  double per_link_rate = 2000, per_link_burst = 4000;
  double per_address_rate = 2, per_address_burst = 60;
  std::function<double()> now;  // the limits' clock in seconds (empty: the steady clock)
  size_t max_batch = 4096;      // responses committed in one transaction at most
  // From PlatformOptions::quotas when the writer starts (0: no limit).
  int64_t responses_per_survey = 0, storage_bytes = 0;
};

struct SurveyView {
  SurveyRecord record;
  SurveyDesign design;
  SurveyState state = SurveyState::kOpen;
  std::string public_url;
};

struct PublicSurvey {
  std::string organisation_name;
  std::string survey_id;
  SurveyDesign design;
  SurveyState state = SurveyState::kOpen;
};

struct Submission {
  std::string token;
  std::string body;  // {"answers": {...}, "respondent_code": "..."}
  std::string idempotency_key;
  std::string client_address;
};

struct SubmittedResponse {
  SurveyResponse response;
  bool replayed = false;  // the key was already stored: nothing new was written
};

struct ImportReport {
  // updated: submissions edited in KoboToolbox or ODK since an earlier
  // import, whose edited answers replace (exclude) the earlier ones.
  int64_t imported = 0, updated = 0, already_present = 0;
  std::vector<std::string> ignored_columns;  // an export's columns that are not questions
};

// Applying survey results to an impact map (docs/api.md "Surveys"): the map
// applied to is never changed; the figures go into a new, evaluative map
// linked to it.
enum class QuantityScale {
  kMap,     // the share who changed × the number in the map outcome's stakeholder group
  kSurvey,  // the survey's own figure (its outcome's population, or the count)
};
struct ApplyResultsInput {
  std::string impact_map_id;
  std::vector<std::pair<std::string, std::string>> outcomes;  // survey outcome id -> map outcome id
  std::optional<int64_t> version;  // the version of the map applied to (the latest by default)
  QuantityScale scale = QuantityScale::kMap;
  std::optional<std::string>
      name;  // the evaluation's name (by default from the map's and survey's)
};

// One figure of one outcome as the application changes it.
struct AppliedFigure {
  std::string outcome_id, outcome;  // the map outcome and its description
  std::string field;  // "quantity", "deadweight", "attribution", "drop_off", "duration_years"
  double before = 0, after = 0;  // the map's figure (a range's most likely value) and the survey's
  int64_t answered = 0;          // the answers behind it
  std::optional<double> low, high;  // the quantity's 95 % interval
};

// Something a person should know before saving: in words, naming the outcome.
struct ApplyWarning {
  std::string outcome_id;  // empty: about the whole map
  std::string message;
};

// What applying would do, computed without saving anything.
struct ApplyPreview {
  std::string map_id, map_name;
  int64_t map_version = 0;
  std::string evaluation_name;
  QuantityScale scale = QuantityScale::kMap;
  std::optional<double> ratio_before, ratio_after;  // SROI ratios; null when inputs are 0
  std::vector<AppliedFigure> figures;
  std::vector<ApplyWarning> warnings;
};

struct AppliedSurvey {
  RecordVersion evaluation;  // the new evaluative map (version 1)
  ApplyPreview preview;      // what was applied, with its warnings
};

// Where one figure of one outcome of a map came from.
struct FigureSource {
  std::string survey_id, survey_title;
  std::vector<std::string> response_ids;
  UnixTime applied_at = 0;
  std::string applied_by;
};

struct MapProvenance {
  std::string map_id;
  int64_t version = 0;
  // The map a survey application made this evaluation from, when it was one.
  std::optional<std::string> evaluation_of;
  int64_t evaluation_of_version = 0;
  // map outcome id -> field ("quantity", "deadweight", ...) -> source
  std::map<std::string, std::map<std::string, FigureSource>> outcomes;
};

struct SurveyResultsView {
  SurveyRecord record;
  SurveyDesign design;
  SurveyResults results;
};

// Two waves side by side (GET /surveys/{id}/waves?baseline=).
struct WavesView {
  SurveyRecord first_record;
  SurveyDesign first;
  SurveyRecord second_record;
  SurveyDesign second;
  WaveComparison comparison;
};

struct SurveyContext {
  SurveyRecord record;
  SurveyDesign design;
  std::optional<MemberRole> role;
};

// The answers to one free-text question, read in full (GET
// /surveys/{id}/questions/{question_id}/answers).
struct TextAnswer {
  std::string response_id;
  UnixTime submitted_at = 0;
  std::string text;
  bool excluded = false;  // the response is excluded from the results
};
struct TextAnswers {
  std::vector<TextAnswer> items;  // a page, in response order
  std::optional<std::string> next_cursor;
  int64_t answered = 0;  // responses that answered the question
  int64_t matching = 0;  // of those, the ones whose answer contains the search
};

class SurveyService : public UseCases {
 public:
  using UseCases::UseCases;

  // A new survey is a draft (its link shows a page saying so) or published at once.
  Result<SurveyView> CreateSurvey(const Caller& caller, const std::string& org_id,
                                  const SurveyDesign& design,
                                  SurveyStatus status = SurveyStatus::kPublished);
  Result<std::vector<SurveyView>> ListSurveys(const Caller& caller, const std::string& org_id);
  Result<SurveyView> GetSurvey(const Caller& caller, const std::string& survey_id);
  // Codes already given out are kept: `design`'s issued_codes can only add to them.
  Result<SurveyView> UpdateSurvey(const Caller& caller, const std::string& survey_id,
                                  int64_t version, const SurveyDesign& design);
  // Gives out `count` (1 to 1000) new respondent codes ("K7MQ-3XPA": eight of
  // 32 letters and digits that are not mistaken for one another, 40 random
  // bits), up to kMaxIssuedCodes a survey; a survey without respondent codes
  // is refused (409). A member who collects data; audited as survey.codes.
  Result<SurveyView> IssueCodes(const Caller& caller, const std::string& survey_id, int64_t count);
  // Publishes a draft (from kDraft to kPublished), closes a published survey
  // (kPublished to kClosed) or reopens a closed one (kClosed to kPublished);
  // a member who collects data. A survey already at `to` is answered as it
  // is; one in another status is refused in words (409).
  Result<SurveyView> SetSurveyStatus(const Caller& caller, const std::string& survey_id,
                                     SurveyStatus from, SurveyStatus to);
  // A new draft with the same design, for the next wave of the same
  // questions: its own link, no responses, no dates (the team sets the new
  // wave's), named `title` or "<title> (copy)". Reading the survey and
  // designing one in its organisation are both needed.
  Result<SurveyView> DuplicateSurvey(const Caller& caller, const std::string& survey_id,
                                     const std::optional<std::string>& title);
  // Deletes a draft with its link (and any responses imported into it); a
  // published or closed survey is closed instead, never deleted (409).
  Result<void> DeleteSurvey(const Caller& caller, const std::string& survey_id);
  // The survey behind a public link, as respondents see it.
  Result<PublicSurvey> GetPublicSurvey(const std::string& token);
  // Validates and records one submission (POST /s/{token}/responses). `done`
  // is called exactly once: at once for a refusal, otherwise from the
  // group-commit writer after the batch holding this response has committed.
  void SubmitResponse(const Submission& submission,
                      std::function<void(Result<SubmittedResponse>)> done);
  // `filter`: all responses, those used in the results, or those excluded.
  Result<Page<SurveyResponse>> ListSurveyResponses(const Caller& caller,
                                                   const std::string& survey_id,
                                                   const PageRequest& page,
                                                   ResponseFilter filter = ResponseFilter::kAll);
  // reason set: exclude with it; nullopt: restore.
  Result<SurveyResponse> SetResponseExclusion(const Caller& caller, const std::string& survey_id,
                                              const std::string& response_id,
                                              const std::optional<std::string>& reason);
  Result<ImportReport> ImportResponses(const Caller& caller, const std::string& survey_id,
                                       std::string_view csv);
  Result<std::string> ExportResponses(const Caller& caller, const std::string& survey_id);  // CSV
  // as_of: only the responses received by then (what a decision that cited
  // the survey at that moment used), excluded as they are now.
  Result<SurveyResultsView> GetSurveyResults(const Caller& caller, const std::string& survey_id,
                                             bool provenance,
                                             std::optional<UnixTime> as_of = std::nullopt);
  // This survey (the follow-up) beside the survey of an earlier wave of the
  // same organisation (the baseline), over the responses not excluded: the
  // questions both ask the same way, and the people in both by their
  // respondent codes (core/survey_waves.h).
  Result<WavesView> CompareWaves(const Caller& caller, const std::string& survey_id,
                                 const std::string& baseline_id);
  // The answers to a free-text question that contain `query` (any case;
  // "" for all), excluded responses included and marked, a page at a time.
  Result<TextAnswers> ReadTextAnswers(const Caller& caller, const std::string& survey_id,
                                      const std::string& question_id, const std::string& query,
                                      const PageRequest& page);
  // What applying the results to a map would change, and the warnings, with
  // nothing saved.
  Result<ApplyPreview> PreviewSurveyApplication(const Caller& caller, const std::string& survey_id,
                                                const ApplyResultsInput& input);
  // Copies the results' figures into the mapped outcomes of a copy of an
  // impact map of the same organisation, saved as a new evaluative map linked
  // to it, and records which responses each figure came from. The map applied
  // to is left as it is, so a forecast can always be compared with its
  // evaluation.
  Result<AppliedSurvey> ApplySurveyResults(const Caller& caller, const std::string& survey_id,
                                           const ApplyResultsInput& input);
  // version 0: the latest. Only figures still equal to what was applied.
  Result<MapProvenance> GetImpactMapProvenance(const Caller& caller, const std::string& map_id,
                                               int64_t version);
  // Before the first survey use case only (the limits are read once).
  void ConfigureSurveys(const SurveyOptions& options);

 private:
  struct SurveyRuntime;  // link cache, rate limits and the group-commit writer
  SurveyRuntime& Runtime();
  Result<SurveyContext> LoadSurvey(Transaction& tx, const Caller& caller,
                                   const std::string& survey_id, OrgAction action);
  std::once_flag runtime_once_;
  std::shared_ptr<SurveyRuntime> runtime_;
  SurveyOptions survey_options_;

  struct Application;  // survey_apply.cpp
  Result<Application> PrepareApplication(Transaction& tx, const Caller& caller,
                                         const std::string& survey_id,
                                         const ApplyResultsInput& input);
};

// A survey's results from its stored responses, those excluded left out (as
// of a moment: what was submitted by then, excluded only if excluded by then).
Result<SurveyResults> ComputeSurveyResults(Transaction& tx, const SurveyRecord& record,
                                           const SurveyDesign& design, bool provenance,
                                           std::optional<UnixTime> as_of = std::nullopt);

}  // namespace valuemark::app
