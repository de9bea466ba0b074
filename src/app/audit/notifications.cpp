// In-app notifications (issue: certification, "notifications in the app and
// through the outbox"): every message the platform sends a person is also
// shown to them when they sign in, read or unread.
#include <algorithm>

#include "app/accounts/accounts.h"
#include "app/audit/audit.h"
#include "app/audit/chain.h"
#include "app/outbox.h"
#include "app/validate.h"

namespace valuemark::app {

Result<int64_t> QueueEmail(Transaction& tx, const OutboxMessage& message) {
  if (std::string problem = ForbiddenCharacter(message.to, Lines::kSingle); !problem.empty())
    return Fail(InvalidField("to", "cannot be an email header: " + problem));
  // A subject names people, organisations and pledges, some stored before
  // their input was checked: made one line, it cannot add a header.
  OutboxMessage one_line = message;
  one_line.subject = OneLine(message.subject);
  return tx.EnqueueMessage(one_line);
}

Result<NotificationList> AuditService::ListNotifications(const Caller& caller, int limit) {
  // The API pages by reading the newest ones again: up to 10,000 back, plus a page.
  if (limit < 1 || limit > 10'201)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "limit", "must be a whole number from 1 to 200"));
  NotificationList list;
  // Until its owner confirms the address, an account cannot read what was
  // sent to it: whoever signed up with someone else's address sees nothing.
  if (!caller.user.email_verified_at) return list;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto seen = TRY(tx.NotificationsSeenUpTo(caller.user.id));
    // More than asked, in case password resets or confirmation links are among them.
    auto messages = TRY(tx.ListMessagesTo(caller.user.email, limit + 10));
    for (const OutboxMessage& m : messages) {
      if (m.subject == kPasswordResetSubject || m.subject == kEmailVerificationSubject) continue;
      if (static_cast<int>(list.items.size()) == limit) break;
      const bool unread = m.id > seen;
      list.items.push_back({m.id, m.subject, m.body, m.created_at, unread});
      list.unread += unread ? 1 : 0;
    }
    return {};
  }));
  return list;
}

Result<void> AuditService::MarkNotificationsRead(const Caller& caller, int64_t up_to) {
  if (up_to < 0)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "up_to", "must be a message id, 0 or more"));
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto seen = TRY(tx.NotificationsSeenUpTo(caller.user.id));
    if (up_to <= seen) return {};  // already read: nothing changes, nothing to audit
    TRY(tx.SetNotificationsSeenUpTo(caller.user.id, up_to));
    return AppendAuditEvent(tx,
                            {caller.user.id, "user.notifications_read", "user", caller.user.id, "",
                             "{\"up_to\":" + std::to_string(up_to) + "}"},
                            Now());
  });
}

}  // namespace valuemark::app
