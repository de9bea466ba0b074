// Surveys and their responses (issue 6), and the usage of an organisation for its quotas.
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_RESPONSE_COLUMNS                                                             \
  "organisation_id, survey_id, id, idempotency_key, respondent_code, answers, source, " \
  "submitted_at, "                                                                      \
  "excluded_reason, excluded_by, excluded_at"

constexpr char kInsertSurvey[] =
    "INSERT INTO surveys (organisation_id, id, scope_id, token, design, response_count, "
    "created_at, updated_at, "
    "version, design_bytes, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT DO NOTHING";
constexpr char kInsertSurveyLink[] =
    "INSERT INTO survey_links (token, organisation_id, survey_id) VALUES (?1, ?2, ?3) ON CONFLICT "
    "DO NOTHING";
constexpr char kFindSurvey[] =
    "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
    "updated_at, version, status "
    "FROM surveys WHERE organisation_id = ?1 AND id = ?2";
constexpr char kFindSurveyByToken[] =
    "SELECT s.organisation_id, s.id, s.scope_id, s.token, s.design, s.response_count, "
    "s.created_at, s.updated_at, "
    "s.version, s.status FROM survey_links l JOIN surveys s ON s.organisation_id = "
    "l.organisation_id AND "
    "s.id = l.survey_id "
    "WHERE l.token = ?1";
constexpr char kFindSurveyOrganisation[] = "SELECT organisation_id FROM surveys WHERE id = ?1";
constexpr char kUpdateSurvey[] =
    "UPDATE surveys SET scope_id = ?3, design = ?4, design_bytes = ?7, "
    "updated_at = ?5, "
    "version = version + 1 WHERE organisation_id = ?1 AND id = ?2 AND version = ?6";
constexpr char kListSurveys[] =
    "SELECT organisation_id, id, scope_id, token, design, response_count, created_at, "
    "updated_at, version, status "
    "FROM surveys WHERE organisation_id = ?1 ORDER BY created_at DESC, id DESC";
// A change of status is a new version of the survey, as a change of design is.
constexpr char kSetSurveyStatus[] =
    "UPDATE surveys SET status = ?3, updated_at = ?4, version = version + 1 "
    "WHERE organisation_id = ?1 AND id = ?2";
// Its link no longer leads anywhere, and its responses go with it.
constexpr char kDeleteSurveyLink[] = "DELETE FROM survey_links WHERE token = ?1";
constexpr char kDeleteSurvey[] = "DELETE FROM surveys WHERE organisation_id = ?1 AND id = ?2";
constexpr char kDeleteSurveyResponses[] =
    "DELETE FROM survey_responses WHERE organisation_id = ?1 AND survey_id = ?2";
// ?5: the cap the new count may not pass (0: none); ?6: the version the
// survey must still have (0: any).
constexpr char kAddToResponseCount[] =
    "UPDATE surveys SET response_count = response_count + ?3, response_bytes = response_bytes + "
    "?4 WHERE organisation_id = ?1 AND id = ?2 "
    "AND (CAST(?5 AS BIGINT) <= 0 OR response_count + ?3 <= CAST(?5 AS BIGINT)) "
    "AND (CAST(?6 AS BIGINT) <= 0 OR version = CAST(?6 AS BIGINT))";
constexpr char kOrganisationUsage[] =
    "SELECT (SELECT COUNT(*) FROM evidence_files WHERE organisation_id = ?1), "
    "(SELECT COALESCE(SUM(size_bytes), 0) FROM evidence_files WHERE organisation_id = ?1), "
    "(SELECT COUNT(*) FROM records WHERE organisation_id = ?1), "
    "(SELECT COALESCE(SUM(body_bytes), 0) FROM records WHERE organisation_id = ?1), "
    "(SELECT COUNT(*) FROM surveys WHERE organisation_id = ?1), "
    "(SELECT COALESCE(SUM(design_bytes + response_bytes), 0) FROM surveys WHERE organisation_id "
    "= ?1), "
    "(SELECT COUNT(*) FROM members WHERE organisation_id = ?1), "
    "(SELECT COUNT(*) FROM invitations WHERE organisation_id = ?1), "
    "(SELECT COUNT(*) FROM scopes WHERE organisation_id = ?1), "
    "(SELECT COUNT(*) FROM applications WHERE organisation_id = ?1)";
constexpr char kInsertResponse[] =
    "INSERT INTO survey_responses (organisation_id, survey_id, id, idempotency_key, "
    "respondent_code, answers, "
    "source, submitted_at, excluded_reason, excluded_by, excluded_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT DO NOTHING";
// kInsertResponse for many rows in one statement: one text per chunk size (a
// statement is cached by its text's address, so the texts are made once and
// live as long as the program). It answers how many it stored, not which:
// RETURNING made SQLite gather the ids in a temporary table for each
// statement, and a taken key, which needs them, is the rare case.
constexpr int kResponseParams = 11;
constexpr std::array<int, 6> kResponseChunks = {32, 16, 8, 4, 2, 1};
const char* InsertResponsesSql(size_t chunk_index) {
  static const std::array<std::string, kResponseChunks.size()> texts = [] {
    std::array<std::string, kResponseChunks.size()> out;
    for (size_t c = 0; c < kResponseChunks.size(); ++c) {
      std::string sql =
          "INSERT INTO survey_responses (organisation_id, survey_id, id, idempotency_key, "
          "respondent_code, answers, source, submitted_at, excluded_reason, excluded_by, "
          "excluded_at) VALUES ";
      for (int row = 0; row < kResponseChunks[c]; ++row) {
        sql += row == 0 ? "(" : ", (";
        for (int p = 1; p <= kResponseParams; ++p)
          sql += fmt::format("{}?{}", p == 1 ? "" : ", ", row * kResponseParams + p);
        sql += ')';
      }
      out[c] = sql + " ON CONFLICT DO NOTHING";
    }
    return out;
  }();
  return texts[chunk_index].c_str();
}
constexpr char kFindResponse[] =
    "SELECT " VM_RESPONSE_COLUMNS
    " FROM survey_responses WHERE organisation_id = ?1 AND survey_id = ?2 AND id = ?3";
constexpr char kFindResponseByKey[] = "SELECT " VM_RESPONSE_COLUMNS
                                      " FROM survey_responses WHERE organisation_id = ?1 "
                                      "AND survey_id = ?2 AND idempotency_key = ?3";
// A range of the unique key (organisation, survey, key): from the prefix up
// to the same prefix with its last character one higher.
constexpr char kFindResponsesByKeyPrefix[] =
    "SELECT " VM_RESPONSE_COLUMNS
    " FROM survey_responses WHERE organisation_id = ?1 "
    "AND survey_id = ?2 AND idempotency_key >= ?3 AND idempotency_key < ?4 "
    "ORDER BY idempotency_key LIMIT 100";
// One statement per filter, so that each is planned on its own: "excluded"
// reads the partial index survey_responses_excluded (migration 40).
// SQLite's planner takes the primary key over the partial index unless told.
#define VM_LIST_RESPONSES(index, condition)                    \
  "SELECT " VM_RESPONSE_COLUMNS " FROM survey_responses" index \
  " WHERE organisation_id = ?1 AND survey_id = ?2 AND id > ?3" condition " ORDER BY id LIMIT ?4"
constexpr char kListResponses[] = VM_LIST_RESPONSES("", "");
constexpr char kListUsedResponses[] = VM_LIST_RESPONSES("", " AND excluded_reason IS NULL");
constexpr char kListExcludedResponses[] =
    VM_LIST_RESPONSES(" INDEXED BY survey_responses_excluded", " AND excluded_reason IS NOT NULL");
#undef VM_LIST_RESPONSES
constexpr char kScanResponses[] =
    "SELECT id, answers, respondent_code, submitted_at, CASE WHEN excluded_reason IS NULL THEN 0 "
    "ELSE 1 END, COALESCE(excluded_at, 0) FROM "
    "survey_responses "
    "WHERE organisation_id = ?1 AND survey_id = ?2 ORDER BY id";
// The answers of the responses used, for results: a third fewer columns than
// kScanResponses (1,000,000 responses from PostgreSQL: 570-650 ms, against
// 700-900 ms with the six).
constexpr char kScanUsedAnswers[] =
    "SELECT id, answers, respondent_code FROM survey_responses "
    "WHERE organisation_id = ?1 AND survey_id = ?2 AND excluded_reason IS NULL ORDER BY id";
constexpr char kCountExcludedResponses[] =
    "SELECT COUNT(*) FROM survey_responses INDEXED BY survey_responses_excluded "
    "WHERE organisation_id = ?1 AND survey_id = ?2 AND excluded_reason IS NOT NULL";
constexpr char kUpdateResponseExclusion[] =
    "UPDATE survey_responses SET excluded_reason = ?4, excluded_by = ?5, excluded_at = ?6 "
    "WHERE organisation_id = ?1 AND survey_id = ?2 AND id = ?3";

#undef VM_RESPONSE_COLUMNS

Result<app::SurveyRecord> SurveyFromRow(const Statement& st) {
  return app::SurveyRecord{
      st.Text(0), st.Text(1), st.OptText(2), st.Text(3), st.Text(4),
      st.Int(5),  st.Int(6),  st.Int(7),     st.Int(8),  TRY(ParseSurveyStatus(st.Text(9)))};
}

Result<app::SurveyResponse> ResponseFromRow(const Statement& st) {
  return app::SurveyResponse{st.Text(0),    st.Text(1), st.Text(2),   st.Text(3),
                             st.Text(4),    st.Text(5), st.Text(6),   st.Int(7),
                             st.OptText(8), st.Text(9), st.OptInt(10)};
}

}  // namespace

Result<void> SqlTransaction::InsertSurvey(const app::SurveyRecord& s) {
  {
    auto st = TRY(c_.Prepared(kInsertSurvey));
    st.BindText(1, s.organisation_id)
        .BindText(2, s.id)
        .BindOptText(3, s.scope_id)
        .BindText(4, s.token);
    st.BindText(5, s.design)
        .BindInt(6, s.response_count)
        .BindInt(7, s.created_at)
        .BindInt(8, s.updated_at);
    // The design's size in bytes, for the quotas.
    st.BindInt(9, s.version).BindInt(10, static_cast<int64_t>(s.design.size()));
    st.BindText(11, Name(s.status));
    TRY(RunInsert(st, "survey"));
  }
  auto st = TRY(c_.Prepared(kInsertSurveyLink));
  st.BindText(1, s.token).BindText(2, s.organisation_id).BindText(3, s.id);
  return RunInsert(st, "survey link");
}

Result<std::optional<app::SurveyRecord>> SqlTransaction::FindSurvey(const std::string& org,
                                                                    const std::string& id) {
  auto st = TRY(c_.Prepared(kFindSurvey));
  st.BindText(1, org).BindText(2, id);
  return QueryOne(st, SurveyFromRow);
}

Result<std::optional<app::SurveyRecord>> SqlTransaction::FindSurveyByToken(
    const std::string& token) {
  auto st = TRY(c_.Prepared(kFindSurveyByToken));
  st.BindText(1, token);
  return QueryOne(st, SurveyFromRow);
}

Result<void> SqlTransaction::SetSurveyStatus(const std::string& org, const std::string& id,
                                             SurveyStatus status, UnixTime at) {
  auto st = TRY(c_.Prepared(kSetSurveyStatus));
  return st.BindText(1, org).BindText(2, id).BindText(3, Name(status)).BindInt(4, at).Run();
}

Result<void> SqlTransaction::DeleteSurvey(const app::SurveyRecord& s) {
  {
    auto st = TRY(c_.Prepared(kDeleteSurveyLink));
    TRY(st.BindText(1, s.token).Run());
  }
  // The survey's row first: on PostgreSQL a writer adding responses to it
  // either committed before (its responses are seen and deleted next) or
  // waits on this row and then finds no survey to count them in, which fails
  // its transaction (AddToResponseCount). Responses have no foreign key
  // (migration 48), so this is what keeps none without its survey.
  {
    auto st = TRY(c_.Prepared(kDeleteSurvey));
    TRY(st.BindText(1, s.organisation_id).BindText(2, s.id).Run());
  }
  auto st = TRY(c_.Prepared(kDeleteSurveyResponses));
  return st.BindText(1, s.organisation_id).BindText(2, s.id).Run();
}

Result<std::optional<std::string>> SqlTransaction::FindSurveyOrganisation(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindSurveyOrganisation));
  st.BindText(1, id);
  return QueryOne(st, TextFromRow);
}

Result<void> SqlTransaction::UpdateSurvey(const app::SurveyRecord& s) {
  auto st = TRY(c_.Prepared(kUpdateSurvey));
  st.BindText(1, s.organisation_id)
      .BindText(2, s.id)
      .BindOptText(3, s.scope_id)
      .BindText(4, s.design);
  st.BindInt(5, s.updated_at).BindInt(6, s.version);
  st.BindInt(7, static_cast<int64_t>(s.design.size()));
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(
      Error::Make(ErrorCode::kFailedPrecondition, "the survey was changed or deleted meanwhile"));
}

Result<std::vector<app::SurveyRecord>> SqlTransaction::ListSurveys(const std::string& org) {
  auto st = TRY(c_.Prepared(kListSurveys));
  st.BindText(1, org);
  return QueryAll(st, SurveyFromRow);
}

// No row changed: the survey is gone, the count would pass the cap, or the
// survey is no longer the version expected.
Result<void> SqlTransaction::AddToResponseCount(const std::string& org, const std::string& survey,
                                                int64_t delta, int64_t answer_bytes, int64_t cap,
                                                int64_t version) {
  auto st = TRY(c_.Prepared(kAddToResponseCount));
  st.BindText(1, org).BindText(2, survey).BindInt(3, delta).BindInt(4, answer_bytes);
  st.BindInt(5, cap).BindInt(6, version);
  if (cap > 0 || version > 0) return st.RunLater(app::SurveyFilledMeanwhile());
  return RunOnOneLater(st, "survey");
}

Result<app::OrganisationUsage> SqlTransaction::GetOrganisationUsage(const std::string& org) {
  TRY(LockOrganisation(org));
  auto st = TRY(c_.Prepared(kOrganisationUsage));
  st.BindText(1, org);
  const bool row = TRY(st.Step());
  app::OrganisationUsage u;
  if (!row) return u;
  u.evidence_files = st.Int(0);
  u.evidence_bytes = st.Int(1);
  u.record_versions = st.Int(2);
  u.record_bytes = st.Int(3);
  u.surveys = st.Int(4);
  u.survey_bytes = st.Int(5);
  u.members = st.Int(6);
  u.invitations = st.Int(7);
  u.scopes = st.Int(8);
  u.applications = st.Int(9);
  return u;
}

namespace {
// Binds a response's columns in kInsertResponse's order, from parameter
// first + 1.
void BindResponse(Statement& st, int first, const app::SurveyResponse& r) {
  st.BindText(first + 1, r.organisation_id)
      .BindText(first + 2, r.survey_id)
      .BindText(first + 3, r.id)
      .BindText(first + 4, r.idempotency_key);
  st.BindText(first + 5, r.respondent_code)
      .BindText(first + 6, r.answers)
      .BindText(first + 7, r.source)
      .BindInt(first + 8, r.submitted_at);
  st.BindOptText(first + 9, r.excluded_reason)
      .BindText(first + 10, r.excluded_by)
      .BindOptInt(first + 11, r.excluded_at);
}
}  // namespace

Result<void> SqlTransaction::InsertResponse(const app::SurveyResponse& r) {
  auto st = TRY(c_.Prepared(kInsertResponse));
  BindResponse(st, 0, r);
  return RunInsert(st, "response");
}

Result<std::vector<bool>> SqlTransaction::InsertResponses(
    const std::vector<const app::SurveyResponse*>& responses) {
  std::vector<bool> stored(responses.size(), false);
  size_t next = 0;
  for (size_t c = 0; c < kResponseChunks.size(); ++c) {
    const auto rows = static_cast<size_t>(kResponseChunks[c]);
    while (responses.size() - next >= rows) {
      auto st = TRY(c_.Prepared(InsertResponsesSql(c)));
      for (size_t row = 0; row < rows; ++row)
        BindResponse(st, static_cast<int>(row) * kResponseParams, *responses[next + row]);
      TRY(st.Run());
      if (st.Changes() == static_cast<int64_t>(rows)) {
        std::fill_n(stored.begin() + static_cast<std::ptrdiff_t>(next), rows, true);
      } else {
        // Some key was taken: a row is stored when its key now holds its id.
        for (size_t row = next; row < next + rows; ++row) {
          const app::SurveyResponse& r = *responses[row];
          auto found = TRY(FindResponseByKey(r.organisation_id, r.survey_id, r.idempotency_key));
          stored[row] = found && found->id == r.id;
        }
      }
      next += rows;
    }
  }
  return stored;
}

Result<std::optional<app::SurveyResponse>> SqlTransaction::FindResponse(const std::string& org,
                                                                        const std::string& survey,
                                                                        const std::string& id) {
  auto st = TRY(c_.Prepared(kFindResponse));
  st.BindText(1, org).BindText(2, survey).BindText(3, id);
  return QueryOne(st, ResponseFromRow);
}

Result<std::optional<app::SurveyResponse>> SqlTransaction::FindResponseByKey(
    const std::string& org, const std::string& survey, const std::string& key) {
  auto st = TRY(c_.Prepared(kFindResponseByKey));
  st.BindText(1, org).BindText(2, survey).BindText(3, key);
  return QueryOne(st, ResponseFromRow);
}

Result<std::vector<app::SurveyResponse>> SqlTransaction::FindResponsesByKeyPrefix(
    const std::string& org, const std::string& survey, const std::string& prefix) {
  if (prefix.empty() || static_cast<unsigned char>(prefix.back()) == 0xff)
    return Fail(Error::Make(ErrorCode::kInternal, "a key prefix must end below 0xff"));
  std::string end = prefix;
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  auto st = TRY(c_.Prepared(kFindResponsesByKeyPrefix));
  st.BindText(1, org).BindText(2, survey).BindText(3, prefix).BindText(4, end);
  return QueryAll(st, ResponseFromRow);
}

Result<std::vector<app::SurveyResponse>> SqlTransaction::ListResponses(const std::string& org,
                                                                       const std::string& survey,
                                                                       const app::PageRequest& page,
                                                                       app::ResponseFilter filter) {
  const int64_t limit = TRY(CheckLimit(page.limit));
  const char* sql = filter == app::ResponseFilter::kUsed       ? kListUsedResponses
                    : filter == app::ResponseFilter::kExcluded ? kListExcludedResponses
                                                               : kListResponses;
  auto st = TRY(c_.Prepared(sql));
  st.BindText(1, org).BindText(2, survey).BindText(3, page.after).BindInt(4, limit);
  return QueryAll(st, ResponseFromRow);
}

Result<void> SqlTransaction::ScanResponses(const std::string& org, const std::string& survey,
                                           const std::function<void(const app::ResponseRow&)>& fn) {
  TRY(ScanResponsesInRuns(org, survey, 1, 0, [&](int, const app::ResponseRow& row) { fn(row); }));
  return {};
}

namespace {

// A row of a statement being stepped, and a row of the rows a driver holds:
// the same two readers, for one conversion into a ResponseRow.
struct SteppedRow {
  const Statement& st;
  std::string_view Text(int column) const { return st.TextView(column); }
  int64_t Int(int column) const { return st.Int(column); }
};
struct HeldRow {
  const HeldRows& rows;
  int64_t row;
  std::string_view Text(int column) const { return rows.TextView(row, column); }
  int64_t Int(int column) const { return rows.Int(row, column); }
};

// Runs `st` and hands each row, as to_row makes it, to fn in up to `parts`
// runs of at least `min_rows` (SurveysPort::ScanResponsesInRuns): in one run
// as it steps, or, when the driver holds every row, each run on a thread.
template <typename ToRow>
Result<int> ScanInRuns(Statement& st, int parts, int64_t min_rows, const ToRow& to_row,
                       const std::function<void(int, const app::ResponseRow&)>& fn) {
  if (!TRY(st.Step())) return 1;
  const HeldRows* held = st.Held();
  const int64_t count = held != nullptr ? held->Count() : 0;
  const int runs = static_cast<int>(
      std::clamp<int64_t>(count / std::max<int64_t>(min_rows, 1), 1, std::max(parts, 1)));
  if (runs == 1) {
    do {
      fn(0, to_row(SteppedRow{st}));
    } while (TRY(st.Step()));
    return 1;
  }
  auto read = [&](int run) {
    const int64_t end = count * (run + 1) / runs;
    for (int64_t r = count * run / runs; r < end; ++r) fn(run, to_row(HeldRow{*held, r}));
  };
  std::vector<std::jthread> others;  // joined before the statement is reset
  for (int run = 1; run < runs; ++run) {
    try {
      others.emplace_back(read, run);
    } catch (const std::system_error&) {  // no thread to be had: read it here
      read(run);
    }
  }
  read(0);
  return runs;
}

}  // namespace

Result<int> SqlTransaction::ScanResponsesInRuns(
    const std::string& org, const std::string& survey, int parts, int64_t min_rows,
    const std::function<void(int, const app::ResponseRow&)>& fn) {
  auto st = TRY(c_.Prepared(kScanResponses));
  st.BindText(1, org).BindText(2, survey);
  return ScanInRuns(
      st, parts, min_rows,
      [](const auto& c) {
        return app::ResponseRow{c.Text(0), c.Text(1), c.Text(2), c.Int(3), c.Int(4) != 0, c.Int(5)};
      },
      fn);
}

Result<int> SqlTransaction::ScanUsedAnswersInRuns(
    const std::string& org, const std::string& survey, int parts, int64_t min_rows,
    const std::function<void(int, const app::ResponseRow&)>& fn) {
  auto st = TRY(c_.Prepared(kScanUsedAnswers));
  st.BindText(1, org).BindText(2, survey);
  return ScanInRuns(
      st, parts, min_rows,
      [](const auto& c) {
        return app::ResponseRow{c.Text(0), c.Text(1), c.Text(2)};
      },
      fn);
}

Result<int64_t> SqlTransaction::CountExcludedResponses(const std::string& org,
                                                       const std::string& survey) {
  auto st = TRY(c_.Prepared(kCountExcludedResponses));
  st.BindText(1, org).BindText(2, survey);
  TRY(st.Step());
  return st.Int(0);
}

Result<void> SqlTransaction::UpdateResponseExclusion(const app::SurveyResponse& r) {
  auto st = TRY(c_.Prepared(kUpdateResponseExclusion));
  st.BindText(1, r.organisation_id).BindText(2, r.survey_id).BindText(3, r.id);
  st.BindOptText(4, r.excluded_reason).BindText(5, r.excluded_by).BindOptInt(6, r.excluded_at);
  return RunOnOne(st, "response");
}

Result<void> SqlTransaction::LockOrganisation(const std::string&) { return {}; }
}  // namespace valuemark::storage::sql
