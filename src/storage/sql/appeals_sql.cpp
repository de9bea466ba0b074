// Appeals against the certifying body's decisions.
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_APPEAL_COLUMNS                                                                \
  "organisation_id, id, subject, application_id, certificate_id, grounds, filed_by, "    \
  "filed_at, decision_on, deadline, took_part, state, decided_by, decided_at, reasons, " \
  "version"

constexpr char kInsertAppeal[] =
    "INSERT INTO appeals (" VM_APPEAL_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
    "ON CONFLICT DO NOTHING";
constexpr char kFindAppeal[] = "SELECT " VM_APPEAL_COLUMNS " FROM appeals WHERE id = ?1";
constexpr char kUpdateAppeal[] =
    "UPDATE appeals SET state = ?3, decided_by = ?4, decided_at = ?5, reasons = ?6, "
    "version = version + 1 WHERE organisation_id = ?1 AND id = ?2 AND version = ?7";
constexpr char kListAppeals[] = "SELECT " VM_APPEAL_COLUMNS
                                " FROM appeals WHERE organisation_id = ?1 "
                                "ORDER BY filed_at DESC, id DESC";
constexpr char kListOpen[] =
    "SELECT " VM_APPEAL_COLUMNS " FROM appeals WHERE state = 'open' ORDER BY filed_at, id";

#undef VM_APPEAL_COLUMNS

// Who took part, as stored: ids joined by commas (an id holds none).
std::string Joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    const size_t comma = text.find(',', start);
    out.push_back(
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<Appeal> AppealFromRow(const Statement& st) {
  auto subject = ParseAppealSubject(st.Text(2));
  if (!subject) return Fail(CorruptRow("appeals.subject", subject.error()));
  auto state = ParseAppealState(st.Text(11));
  if (!state) return Fail(CorruptRow("appeals.state", state.error()));
  Appeal a;
  a.organisation_id = st.Text(0);
  a.id = st.Text(1);
  a.subject = *subject;
  a.application_id = st.Text(3);
  a.certificate_id = st.Text(4);
  a.grounds = st.Text(5);
  a.filed_by = st.Text(6);
  a.filed_at = st.Int(7);
  a.decision_on = st.Text(8);
  a.deadline = st.Text(9);
  a.took_part = Split(st.Text(10));
  a.state = *state;
  a.decided_by = st.Text(12);
  a.decided_at = st.OptInt(13);
  a.reasons = st.Text(14);
  a.version = st.Int(15);
  return a;
}

}  // namespace

Result<void> SqlTransaction::InsertAppeal(const Appeal& a) {
  auto st = TRY(c_.Prepared(kInsertAppeal));
  const std::string took_part = Joined(a.took_part);  // bound by reference: kept to the run
  st.BindText(1, a.organisation_id).BindText(2, a.id).BindText(3, Name(a.subject));
  st.BindText(4, a.application_id).BindText(5, a.certificate_id).BindText(6, a.grounds);
  st.BindText(7, a.filed_by).BindInt(8, a.filed_at).BindText(9, a.decision_on);
  st.BindText(10, a.deadline).BindText(11, took_part).BindText(12, Name(a.state));
  st.BindText(13, a.decided_by).BindOptInt(14, a.decided_at).BindText(15, a.reasons);
  st.BindInt(16, a.version);
  return RunInsert(st, "an appeal of this decision");
}

Result<std::optional<Appeal>> SqlTransaction::FindAppeal(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindAppeal));
  st.BindText(1, id);
  return QueryOne(st, AppealFromRow);
}

Result<void> SqlTransaction::UpdateAppeal(const Appeal& a) {
  auto st = TRY(c_.Prepared(kUpdateAppeal));
  st.BindText(1, a.organisation_id).BindText(2, a.id).BindText(3, Name(a.state));
  st.BindText(4, a.decided_by).BindOptInt(5, a.decided_at).BindText(6, a.reasons);
  st.BindInt(7, a.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "the appeal was decided by someone else: reload it"));
}

Result<std::vector<Appeal>> SqlTransaction::ListAppeals(const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListAppeals));
  st.BindText(1, organisation_id);
  return QueryAll(st, AppealFromRow);
}

Result<std::vector<Appeal>> SqlTransaction::ListOpenAppeals() {
  auto st = TRY(c_.Prepared(kListOpen));
  return QueryAll(st, AppealFromRow);
}

}  // namespace valuemark::storage::sql
