// The outbox of messages and what each user has seen of it.
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends (dialect.h).
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_OUTBOX_COLUMNS "id, to_address, subject, body, created_at, sent_at, attempts, last_error"

constexpr char kEnqueueMessage[] =
    "INSERT INTO outbox (to_address, subject, body, created_at, sent_at, attempts, last_error) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";
constexpr char kListUnsentMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?1";
constexpr char kListMessages[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE id < ?1 ORDER BY id DESC LIMIT ?2";
constexpr char kListMessagesTo[] =
    "SELECT " VM_OUTBOX_COLUMNS " FROM outbox WHERE to_address = ?1 ORDER BY id DESC LIMIT ?2";
constexpr char kNotificationsSeen[] =
    "SELECT seen_up_to FROM notification_reads WHERE user_id = ?1";
constexpr char kSetNotificationsSeen[] =
    "INSERT INTO notification_reads (user_id, seen_up_to) VALUES (?1, ?2) "
    "ON CONFLICT (user_id) DO UPDATE SET seen_up_to = excluded.seen_up_to";
constexpr char kMarkMessageSent[] = "UPDATE outbox SET sent_at = ?2 WHERE id = ?1";
constexpr char kMarkMessageFailed[] =
    "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE id = ?1";

#undef VM_OUTBOX_COLUMNS

Result<app::OutboxMessage> MessageFromRow(const Statement& st) {
  return app::OutboxMessage{st.Int(0),
                            st.Text(1),
                            st.Text(2),
                            st.Text(3),
                            st.Int(4),
                            st.OptInt(5),
                            static_cast<int>(st.Int(6)),
                            st.Text(7)};
}

}  // namespace

Result<int64_t> SqlTransaction::EnqueueMessage(const app::OutboxMessage& message) {
  auto st = TRY(c_.Prepared(kEnqueueMessage));
  st.BindText(1, message.to).BindText(2, message.subject).BindText(3, message.body);
  st.BindInt(4, message.created_at).BindOptInt(5, message.sent_at).BindInt(6, message.attempts);
  st.BindText(7, message.last_error);
  const bool row = TRY(st.Step());
  if (!row) return Fail(Error::Make(ErrorCode::kInternal, "outbox insert returned no id"));
  const int64_t id = st.Int(0);
  TRY(st.Run());  // finishes the statement
  return id;
}

Result<std::vector<app::OutboxMessage>> SqlTransaction::ListUnsentMessages(int limit) {
  const int64_t checked = TRY(CheckLimit(limit));
  auto st = TRY(c_.Prepared(kListUnsentMessages));
  st.BindInt(1, checked);
  return QueryAll(st, MessageFromRow);
}

Result<std::vector<app::OutboxMessage>> SqlTransaction::ListMessagesTo(const std::string& to,
                                                                       int limit) {
  auto st = TRY(c_.Prepared(kListMessagesTo));
  st.BindText(1, to).BindInt(2, limit);
  return QueryAll(st, MessageFromRow);
}

Result<int64_t> SqlTransaction::NotificationsSeenUpTo(const std::string& user_id) {
  auto st = TRY(c_.Prepared(kNotificationsSeen));
  st.BindText(1, user_id);
  const bool row = TRY(st.Step());
  return row ? st.Int(0) : int64_t{0};
}

Result<void> SqlTransaction::SetNotificationsSeenUpTo(const std::string& user_id,
                                                      int64_t message_id) {
  auto st = TRY(c_.Prepared(kSetNotificationsSeen));
  st.BindText(1, user_id).BindInt(2, message_id);
  return st.Run();
}

Result<std::vector<app::OutboxMessage>> SqlTransaction::ListMessages(const app::PageRequest& page) {
  const int64_t limit = TRY(CheckLimit(page.limit));
  int64_t before = std::numeric_limits<int64_t>::max();
  if (!page.after.empty()) {
    const char* end = page.after.data() + page.after.size();
    auto [ptr, ec] = std::from_chars(page.after.data(), end, before);
    if (ec != std::errc() || ptr != end) {
      return Fail(Error::Make(ErrorCode::kInvalidArgument, "cursor is not a message id"));
    }
  }
  auto st = TRY(c_.Prepared(kListMessages));
  st.BindInt(1, before).BindInt(2, limit);
  return QueryAll(st, MessageFromRow);
}

Result<void> SqlTransaction::MarkMessageSent(int64_t id, UnixTime at) {
  auto st = TRY(c_.Prepared(kMarkMessageSent));
  st.BindInt(1, id).BindInt(2, at);
  return RunOnOne(st, "message");
}

Result<void> SqlTransaction::MarkMessageFailed(int64_t id, const std::string& error) {
  auto st = TRY(c_.Prepared(kMarkMessageFailed));
  st.BindInt(1, id).BindText(2, error);
  return RunOnOne(st, "message");
}

}  // namespace valuemark::storage::sql
