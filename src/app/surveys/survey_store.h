// The surveys module's slice of the storage port (store.h): surveys and
// their responses.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store_types.h"
#include "core/survey.h"

namespace valuemark::app {

// Surveys (tenant: key organisation_id, id). The design is the JSON of
// formats/survey_json.h, read and checked by the use cases. The public link's
// token is looked up globally (a reference table maps it to its survey).
// Which responses a list shows: all, those used in the results, or those excluded.
enum class ResponseFilter { kAll = 0, kUsed = 1, kExcluded = 2 };

struct SurveyRecord {
  std::string organisation_id, id;
  std::optional<std::string> scope_id;
  std::string token;
  std::string design;
  int64_t response_count = 0;  // every stored response, excluded ones included
  UnixTime created_at = 0, updated_at = 0;
  int64_t version = 1;
  SurveyStatus status = SurveyStatus::kPublished;
};

// One response (tenant: key organisation_id, survey_id, id; unique
// organisation_id, survey_id, idempotency_key). Ids grow with time, so that
// listing and scanning in id order is submission order.
struct SurveyResponse {
  std::string organisation_id, survey_id, id;
  std::string idempotency_key;
  std::string respondent_code;  // "" when none
  std::string answers;          // canonical JSON (formats/survey_json.h)
  std::string source;           // "web" or "import"
  UnixTime submitted_at = 0;
  std::optional<std::string> excluded_reason;  // set while excluded
  std::string excluded_by;
  std::optional<UnixTime> excluded_at;
};

// What a scan of responses sees; the views live only during the call.
struct ResponseRow {
  std::string_view id;
  std::string_view answers;
  std::string_view respondent_code;
  UnixTime submitted_at = 0;
  bool excluded = false;
  UnixTime excluded_at = 0;  // when it was excluded (0: not excluded, or not known)
};

// The refusal of AddToResponseCount past its cap or of another version: a
// retry reads the survey afresh (Unavailable, with a wait of a second,
// should it reach a client).
inline Error SurveyFilledMeanwhile() {
  return Error::RetryLater(ErrorCode::kUnavailable,
                           "the survey took other responses or changed meanwhile: try again", 1);
}
inline bool IsSurveyFilledMeanwhile(const Error& e) {
  return e.code == ErrorCode::kUnavailable && e.message == SurveyFilledMeanwhile().message;
}

// Inside a transaction of the store (store.h), like every slice.
class SurveysPort {
 public:
  virtual ~SurveysPort() = default;

  // Surveys and their responses
  virtual Result<void> InsertSurvey(const SurveyRecord& survey) = 0;  // with its token
  virtual Result<std::optional<SurveyRecord>> FindSurvey(const std::string& organisation_id,
                                                         const std::string& id) = 0;
  virtual Result<std::optional<SurveyRecord>> FindSurveyByToken(const std::string& token) = 0;
  // The organisation of a survey id, for paths that name only the survey.
  virtual Result<std::optional<std::string>> FindSurveyOrganisation(const std::string& id) = 0;
  // Saves scope_id, design and updated_at if the stored version equals
  // survey.version, and stores version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateSurvey(const SurveyRecord& survey) = 0;
  // Sets the status, updated_at, and version + 1.
  virtual Result<void> SetSurveyStatus(const std::string& organisation_id, const std::string& id,
                                       SurveyStatus status, UnixTime at) = 0;
  // Deletes a survey, its link and its responses.
  virtual Result<void> DeleteSurvey(const SurveyRecord& survey) = 0;
  virtual Result<std::vector<SurveyRecord>> ListSurveys(
      const std::string& organisation_id) = 0;  // newest first
  // Adds responses to a survey's count, and the bytes of their answers to
  // its stored size (OrganisationUsage::survey_bytes). With a `cap` above 0,
  // a count that would pass it fails the transaction with
  // SurveyFilledMeanwhile(): another writer's responses, committed since
  // this one read the count, took the room it counted on. With a `version`
  // above 0, a survey of another version (its design or status changed since
  // it was read) fails it the same way. (On PostgreSQL the failure may show
  // at a later statement of the transaction, or at COMMIT.)
  virtual Result<void> AddToResponseCount(const std::string& organisation_id,
                                          const std::string& survey_id, int64_t delta,
                                          int64_t answer_bytes, int64_t cap = 0,
                                          int64_t version = 0) = 0;
  virtual Result<void> InsertResponse(const SurveyResponse& response) = 0;
  // Inserts many responses in a few statements (a round trip each on
  // PostgreSQL, where one per response would set the pace of a batch). For
  // each, in the order given: true if stored, false if its idempotency key
  // (or id) was taken; a taken key does not spoil the transaction.
  virtual Result<std::vector<bool>> InsertResponses(
      const std::vector<const SurveyResponse*>& responses) = 0;
  virtual Result<std::optional<SurveyResponse>> FindResponse(const std::string& organisation_id,
                                                             const std::string& survey_id,
                                                             const std::string& id) = 0;
  virtual Result<std::optional<SurveyResponse>> FindResponseByKey(
      const std::string& organisation_id, const std::string& survey_id,
      const std::string& idempotency_key) = 0;
  // The responses whose Idempotency-Key starts with `prefix` (at most 100,
  // in key order): the versions of an imported submission edited since.
  virtual Result<std::vector<SurveyResponse>> FindResponsesByKeyPrefix(
      const std::string& organisation_id, const std::string& survey_id,
      const std::string& prefix) = 0;
  // Responses with id > page.after in id order, at most page.limit, of
  // those `filter` shows.
  virtual Result<std::vector<SurveyResponse>> ListResponses(const std::string& organisation_id,
                                                            const std::string& survey_id,
                                                            const PageRequest& page,
                                                            ResponseFilter filter) = 0;
  // Calls fn for every response in id order, without copying them.
  virtual Result<void> ScanResponses(const std::string& organisation_id,
                                     const std::string& survey_id,
                                     const std::function<void(const ResponseRow&)>& fn) = 0;
  // As ScanResponses, in up to `parts` consecutive runs of at least
  // `min_rows` responses: fn(run, row) for every row, in id order within a
  // run, and every row of run k before those of run k + 1. A back end that
  // holds every row in memory once read (PostgreSQL) reads the runs on
  // threads of their own at once, so fn must allow calls for different runs
  // side by side; the others read one run. Returns the number of runs.
  virtual Result<int> ScanResponsesInRuns(
      const std::string& organisation_id, const std::string& survey_id, int parts, int64_t min_rows,
      const std::function<void(int, const ResponseRow&)>& fn) = 0;
  // As ScanResponsesInRuns, over the responses not excluded, for their
  // answers only: each row's id, answers and respondent_code (its times are
  // not read, and 0). A third fewer columns: the results of a large survey.
  virtual Result<int> ScanUsedAnswersInRuns(
      const std::string& organisation_id, const std::string& survey_id, int parts, int64_t min_rows,
      const std::function<void(int, const ResponseRow&)>& fn) = 0;
  // How many of a survey's responses are excluded.
  virtual Result<int64_t> CountExcludedResponses(const std::string& organisation_id,
                                                 const std::string& survey_id) = 0;
  // Saves excluded_reason, excluded_by and excluded_at.
  virtual Result<void> UpdateResponseExclusion(const SurveyResponse& response) = 0;
};

}  // namespace valuemark::app
