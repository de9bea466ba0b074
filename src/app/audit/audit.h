// The audit and notifications module's use cases (docs/api.md "Audit",
// "Notifications", "Staff"): a record's history, the check of the whole
// audit trail (chain.h keeps it), the outbox for staff, and each user's
// in-app notifications (notifications.cpp).
#pragma once

#include <string>
#include <vector>

#include "app/audit/chain.h"
#include "app/certification/certification.h"
#include "app/use_cases.h"

namespace valuemark::app {

// In-app notifications: the messages the outbox holds for a user's address.
struct Notification {
  int64_t id = 0;
  std::string subject;
  std::string body;
  UnixTime created_at = 0;
  bool unread = false;
};
struct NotificationList {
  std::vector<Notification> items;  // newest first
  int unread = 0;
};

struct HistoryItem {
  AuditEntry entry;
  std::optional<std::string> actor_name;
  // The name of the person the entry is about (a user or a member), when
  // the account can still be read.
  std::optional<std::string> entity_name = {};
};

// Which entries of a History to list; empty fields match every entry.
struct HistoryQuery {
  std::string kind;      // the kind of record, e.g. "application", "impact_map"
  std::string actor_id;  // who acted
};

class AuditService : public UseCases {
 public:
  // An application's history is for those who may read the application.
  AuditService(Store& store, const PlatformOptions& options, CertificationService& certification)
      : UseCases(store, options), certification_(certification) {}

  Result<Page<OutboxMessage>> ListOutbox(const Caller& caller, const PageRequest& page);
  // The caller's own notifications (notifications.cpp), at most `limit`.
  Result<NotificationList> ListNotifications(const Caller& caller, int limit);
  // Marks the caller's notifications up to message id `up_to` as read.
  Result<void> MarkNotificationsRead(const Caller& caller, int64_t up_to);

  Result<std::vector<HistoryItem>> History(const Caller& caller, const std::string& entity_type,
                                           const std::string& entity_id);
  // Everything that happened in an organisation (its audit chain), newest
  // first, for its members; the platform's own chain ("platform") for
  // administrators. Paged by position in the chain: the cursor is the seq
  // of the last entry given. InvalidArgument on `kind` or `cursor`.
  Result<Page<HistoryItem>> ChainHistory(const Caller& caller, const std::string& chain,
                                         const HistoryQuery& query, const PageRequest& page);
  Result<AuditReport> VerifyAudit(const Caller& caller);

 private:
  CertificationService& certification_;
};

}  // namespace valuemark::app
