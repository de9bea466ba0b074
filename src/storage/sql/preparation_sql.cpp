// The Assurance Manager's preparation-call times (core/preparation_call.h).
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends.
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_SLOT_COLUMNS                                                                 \
  "id, starts_at, minutes, scheme_id, organisation_id, booked_by, booked_at, held_at, " \
  "published_by, published_at, version"

constexpr char kInsertSlot[] = "INSERT INTO preparation_slots (" VM_SLOT_COLUMNS
                               ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                               "ON CONFLICT DO NOTHING";
constexpr char kUpdateSlot[] =
    "UPDATE preparation_slots SET organisation_id = ?2, booked_by = ?3, booked_at = ?4, "
    "held_at = ?5, version = version + 1 WHERE id = ?1 AND version = ?6";
constexpr char kDeleteSlot[] = "DELETE FROM preparation_slots WHERE id = ?1";
constexpr char kFindSlot[] = "SELECT " VM_SLOT_COLUMNS " FROM preparation_slots WHERE id = ?1";
constexpr char kSlotsFrom[] = "SELECT " VM_SLOT_COLUMNS
                              " FROM preparation_slots WHERE starts_at >= ?1 "
                              "ORDER BY starts_at, id";
constexpr char kSlotsOfOrganisation[] = "SELECT " VM_SLOT_COLUMNS
                                        " FROM preparation_slots WHERE organisation_id = ?1 "
                                        "ORDER BY starts_at, id";
#undef VM_SLOT_COLUMNS

Result<PreparationSlot> SlotFromRow(const Statement& st) {
  PreparationSlot s;
  s.id = st.Text(0);
  s.starts_at = st.Int(1);
  s.minutes = static_cast<int>(st.Int(2));
  s.scheme_id = st.Text(3);
  s.organisation_id = st.IsNull(4) ? std::string() : st.Text(4);
  s.booked_by = st.Text(5);
  s.booked_at = st.Int(6);
  if (!st.IsNull(7)) s.held_at = st.Int(7);
  s.published_by = st.Text(8);
  s.published_at = st.Int(9);
  s.version = st.Int(10);
  return s;
}

void BindOptional(Statement& st, int index, const std::string& text) {
  if (text.empty())
    st.BindNull(index);
  else
    st.BindText(index, text);
}

void BindHeld(Statement& st, int index, const std::optional<UnixTime>& held) {
  if (held)
    st.BindInt(index, *held);
  else
    st.BindNull(index);
}

}  // namespace

Result<void> SqlTransaction::InsertPreparationSlot(const PreparationSlot& s) {
  auto st = TRY(c_.Prepared(kInsertSlot));
  st.BindText(1, s.id).BindInt(2, s.starts_at).BindInt(3, s.minutes).BindText(4, s.scheme_id);
  BindOptional(st, 5, s.organisation_id);
  st.BindText(6, s.booked_by).BindInt(7, s.booked_at);
  BindHeld(st, 8, s.held_at);
  st.BindText(9, s.published_by).BindInt(10, s.published_at).BindInt(11, s.version);
  return RunInsert(st, "a preparation call time with this id");
}

Result<void> SqlTransaction::UpdatePreparationSlot(const PreparationSlot& s) {
  auto st = TRY(c_.Prepared(kUpdateSlot));
  st.BindText(1, s.id);
  BindOptional(st, 2, s.organisation_id);
  st.BindText(3, s.booked_by).BindInt(4, s.booked_at);
  BindHeld(st, 5, s.held_at);
  st.BindInt(6, s.version);
  TRY(st.Run());
  if (st.Changes() == 1) return {};
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "someone else changed this time first: reload the times"));
}

Result<void> SqlTransaction::DeletePreparationSlot(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteSlot));
  st.BindText(1, id);
  return RunOnOne(st, "preparation call time");
}

Result<std::optional<PreparationSlot>> SqlTransaction::FindPreparationSlot(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindSlot));
  st.BindText(1, id);
  return QueryOne(st, SlotFromRow);
}

Result<std::vector<PreparationSlot>> SqlTransaction::ListPreparationSlots(UnixTime from) {
  auto st = TRY(c_.Prepared(kSlotsFrom));
  st.BindInt(1, from);
  return QueryAll(st, SlotFromRow);
}

Result<std::vector<PreparationSlot>> SqlTransaction::ListPreparationSlotsOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kSlotsOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryAll(st, SlotFromRow);
}

}  // namespace valuemark::storage::sql
