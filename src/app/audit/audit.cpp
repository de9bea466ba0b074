// The audit module's use cases (audit.h): a record's history, the check of
// the whole trail, and the outbox for staff. Notifications are in
// notifications.cpp.
#include "app/audit/audit.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <regex>

#include "app/validate.h"

namespace valuemark::app {
namespace {

// A message's body with the secret of each link in it hidden.
std::string HideSecretLinks(const std::string& body) {
  static const std::regex kSecret(R"((token=|/invitations/)[A-Za-z0-9_\-]{8,})");
  return std::regex_replace(body, kSecret, "$1[hidden: sent only to the recipient]");
}

// Each entry with its actor's name and, for an entry about a person, theirs;
// each account looked up once (a name is left out when the account is gone
// or cannot be read).
std::vector<HistoryItem> Named(Transaction& tx, std::vector<AuditEntry> entries) {
  std::map<std::string, std::optional<std::string>> names;
  auto name = [&](const std::string& user_id) {
    auto [it, added] = names.try_emplace(user_id);
    if (added) {
      auto u = tx.FindUserById(user_id);
      if (u && *u) it->second = (*u)->name;
    }
    return it->second;
  };
  std::vector<HistoryItem> items;
  items.reserve(entries.size());
  for (AuditEntry& e : entries) {
    HistoryItem item{std::move(e), std::nullopt};
    const AuditEntry& entry = item.entry;
    if (!entry.actor_id.empty()) item.actor_name = name(entry.actor_id);
    if (entry.entity_type == "user") item.entity_name = name(entry.entity_id);
    // A member's entity id is "<organisation id>:<user id>".
    if (const size_t colon = entry.entity_id.find(':');
        entry.entity_type == "member" && colon != std::string::npos)
      item.entity_name = name(entry.entity_id.substr(colon + 1));
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

Result<Page<OutboxMessage>> AuditService::ListOutbox(const Caller& caller,
                                                     const PageRequest& page) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kReadOutbox)) return Fail(NotAllowed());
  std::vector<OutboxMessage> messages;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    messages = TRY(tx.ListMessages({page.after, page.limit + 1}));
    return {};
  }));
  // Staff see that a link was sent, never the secret in it: a reset,
  // confirmation (token=) or invitation link is for its recipient alone.
  for (OutboxMessage& m : messages) m.body = HideSecretLinks(m.body);
  return Paginate(std::move(messages), page.limit,
                  [](const OutboxMessage& m) { return std::to_string(m.id); });
}

Result<std::vector<HistoryItem>> AuditService::History(const Caller& caller,
                                                       const std::string& entity_type,
                                                       const std::string& entity_id) {
  std::vector<HistoryItem> items;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    static const char* kTypes[] = {
        "organisation", "member", "scope",           "invitation",  "user",
        "impact_map",   "proxy",  "pledge",          "decision",    "self_assessment",
        "plan",         "survey", "survey_response", "application", "certificate"};
    if (std::find(std::begin(kTypes), std::end(kTypes), entity_type) == std::end(kTypes))
      return Fail(InvalidField(
          "entity_type",
          fmt::format("must be one of organisation, member, scope, invitation, "
                      "user, impact_map, proxy, pledge, decision, self_assessment, "
                      "plan, survey, survey_response, application, certificate; got \"{}\"",
                      entity_type)));
    // An application's history: whoever may read the application (an
    // assessor only the ones allocated to them).
    if (entity_type == "application") {
      if (auto a = certification_.LoadApplication(tx, caller, entity_id, ApplicationAction::kRead);
          !a)
        return Fail(Error::Make(ErrorCode::kNotFound, "no such record"));
    }
    auto entries = TRY(tx.ListAuditForEntity(entity_type, entity_id));
    const Error not_found = Error::Make(ErrorCode::kNotFound, "no such record");
    if (entries.empty()) return Fail(not_found);
    // Who may read a record's history: whoever may read the record itself.
    const std::string& org_id = entries.front().organisation_id;
    if (org_id.empty()) {
      if (entity_id != caller.user.id &&
          !Allowed(caller.user.platform_role, PlatformAction::kManageUsers))
        return Fail(not_found);
    } else if (!Authorise(tx, caller, org_id, OrgAction::kRead)) {
      return Fail(not_found);
    }
    items = Named(tx, std::move(entries));
    return {};
  }));
  return items;
}

Result<Page<HistoryItem>> AuditService::ChainHistory(const Caller& caller, const std::string& chain,
                                                     const HistoryQuery& query,
                                                     const PageRequest& page) {
  const bool kind_ok = query.kind.size() <= 40 &&
                       std::all_of(query.kind.begin(), query.kind.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
  if (!kind_ok)
    return Fail(
        InvalidField("kind", "must be a kind of record, such as application or impact_map"));
  int64_t before = 0;
  if (!page.after.empty()) {
    const std::string& c = page.after;
    auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), before);
    if (ec != std::errc() || end != c.data() + c.size() || before < 1)
      return Fail(InvalidField(
          "cursor",
          "is not a cursor of this list: pass the next_cursor of the page before, or none"));
  }
  std::vector<HistoryItem> items;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    if (chain == kPlatformChain) {
      if (!Allowed(caller.user.platform_role, PlatformAction::kVerifyAudit))
        return Fail(NotAllowed());
    } else {
      TRY(Authorise(tx, caller, chain, OrgAction::kRead));
    }
    auto entries =
        TRY(tx.ListAuditHistory(chain, query.kind, query.actor_id, before, page.limit + 1));
    items = Named(tx, std::move(entries));
    return {};
  }));
  return Paginate(std::move(items), page.limit,
                  [](const HistoryItem& i) { return std::to_string(i.entry.seq); });
}

Result<AuditReport> AuditService::VerifyAudit(const Caller& caller) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kVerifyAudit)) return Fail(NotAllowed());
  return VerifyAuditLog(store_);
}

}  // namespace valuemark::app
