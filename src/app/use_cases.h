// The shared kernel of the use-case services, one per capability module
// (src/app/README.md): the platform's options, the signed-in caller, paging
// and quotas, and what every service does the same way: the clock, deciding
// a caller's access to an organisation or to one of its records, saving a
// record version with its audit entry, and checking a quota inside the write
// that would pass it.
//
// Every service is thread-safe: one of each serves every request.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/crypto.h"
#include "app/store.h"
#include "core/access.h"
#include "core/organisation.h"
#include "core/scheme.h"

namespace valuemark::app {

// What one organisation may hold (docs/operations.md "Limits and quotas"), so
// that one account cannot grow the database without bound; 0 turns a limit
// off. Checked in the write that would go over, which then changes nothing.
struct Quotas {
  // Evidence files, every saved record version's JSON, survey designs and
  // the answers of survey responses.
  int64_t storage_bytes = 100'000'000;
  int64_t evidence_files = 500;
  // Every saved version of impact maps, proxies, pledges, decisions, impact
  // management plans and self-assessments.
  int64_t record_versions = 10'000;
  int64_t surveys = 100;
  int64_t responses_per_survey = 50'000;
  int64_t members = 500;        // checked when inviting
  int64_t invitations = 2'000;  // every invitation sent, whatever became of it
  int64_t scopes = 200;
  int64_t applications = 50;
  int64_t evidence_items_per_application = 300;
  int64_t organisations_per_user = 20;  // an account creates no more once it belongs to this many
};

// QuotaExceeded when the application already holds its quota of evidence
// items (its document grows with each).
Result<void> CheckEvidenceItems(const Quotas& quotas, const Application& application);

// What a write adds to an organisation, checked against its Quotas.
struct QuotaNeed {
  int64_t bytes = 0;
  int64_t evidence_files = 0, record_versions = 0, surveys = 0, members = 0, invitations = 0,
          scopes = 0, applications = 0;
};

struct PlatformOptions {
  // Links in emails start with this, e.g. "https://valuemark.example.org".
  std::string public_url = "http://127.0.0.1:8080";
  PasswordCost password_cost = PasswordCost::kInteractive;
  int64_t session_seconds = 14 * 24 * 3600;  // a session ends this long after sign-in at the latest
  int64_t session_idle_seconds = 12 * 3600;  // or this long after its last use
  int64_t invitation_seconds = 14 * 24 * 3600;
  int64_t password_reset_seconds = 3600;
  int64_t email_verification_seconds = 48 * 3600;
  // Login throttling: failures allowed per window, per email and per address
  // (counted in the database: a restart does not reset them); 0 turns one off.
  int login_failures_per_email = 5;
  int login_failures_per_address = 20;
  int64_t login_window_seconds = 15 * 60;
  std::function<UnixTime()> clock;  // empty: the system clock
  // The certification schemes, loaded at start-up (app/certification/schemes.h).
  SchemeCatalogue schemes;
  Quotas quotas;
};

// The signed-in user behind a request.
struct Caller {
  User user;
  std::string session_hash;
  std::string csrf_token;
  // Set by Authenticate when the idle timeout should slide (at most every
  // few minutes): the new expiry, written by TouchSession after the request.
  std::optional<UnixTime> extend_session_to;
};

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;
};

// PermissionDenied: the caller's platform role does not allow this.
Error NotAllowed();
// The certifying body's staff who keep its schemes and registers.
inline bool IsAdministrator(const Caller& c) {
  return c.user.platform_role == PlatformRole::kAdministrator;
}
// NotFound "no such impact map" (the kind's words) for a record of `kind`.
Error RecordNotFound(const std::string& kind);

// The first `limit` items, with the cursor of the next page when there are more.
template <typename T, typename IdOf>
Page<T> Paginate(std::vector<T> items, int limit, IdOf id_of) {
  Page<T> page;
  if (static_cast<int>(items.size()) > limit) {
    items.resize(limit);
    page.next_cursor = id_of(items.back());
  }
  page.items = std::move(items);
  return page;
}

// What an unverified account is told when it tries something that needs a
// confirmed address (FailedPrecondition, field "email_verified").
Error ConfirmEmailFirst(const User& user, std::string_view to_do);

// Runs fn so that every use case it calls reads from one snapshot (one read
// transaction): a page sees one consistent state, and pays for one
// transaction instead of one per use case. fn must only read.
Result<void> InOneSnapshot(Store& store, const std::function<Result<void>()>& fn);

// The base of every module's service: the store, the options and the checks
// they share.
class UseCases {
 public:
  UseCases(Store& store, const PlatformOptions& options) : store_(store), options_(options) {}
  UseCases(const UseCases&) = delete;
  UseCases& operator=(const UseCases&) = delete;

  UnixTime Now() const;

 protected:
  // Loads the caller's role in org_id and decides; NotFound for those who may
  // not know it exists, PermissionDenied for those who may not act.
  Result<std::optional<MemberRole>> Authorise(Transaction& tx, const Caller& caller,
                                              const std::string& org_id, OrgAction action);
  // A read transaction that first checks the caller may `action` org_id, then
  // returns what read(tx) returns.
  template <typename T, typename Read>
  Result<T> ReadInOrganisation(const Caller& caller, const std::string& org_id, OrgAction action,
                               Read&& read) {
    return store_.ReadValue([&](Transaction& tx) -> Result<T> {
      TRY(Authorise(tx, caller, org_id, action));
      return read(tx);
    });
  }
  // Records (impact maps, plans, pledges, ...): the organisation of a record
  // named only by its id, authorised for action; NotFound for those who may
  // not know it exists.
  Result<std::string> AuthoriseRecord(Transaction& tx, const Caller& caller,
                                      const std::string& kind, const std::string& id,
                                      OrgAction action);
  // A version of an impact map the caller may read (0: the latest); NotFound
  // naming "version" when the map has no such version.
  Result<RecordVersion> ReadMapVersion(Transaction& tx, const Caller& caller,
                                       const std::string& map_id, int64_t version);
  // Inserts a version with its audit entry ("<kind>.create" or ".update").
  Result<void> SaveRecordVersion(Transaction& tx, const Caller& caller, const RecordVersion& record,
                                 const std::string& audit_json);
  // QuotaExceeded, naming the limit, when `need` would take org_id past one
  // of its quotas (quotas.cpp). Call inside the write that adds it.
  Result<void> CheckQuota(Transaction& tx, const std::string& org_id, const QuotaNeed& need);
  // The caller proves it is them before a declaration (a sign-off): their
  // password again. A wrong one is InvalidArgument on `password` and counts
  // like a failed login of the account; after as many as a login may fail
  // in the window, ResourceExhausted until the window has passed. Outside
  // any transaction: hashing is slow.
  Result<void> ConfirmPassword(const Caller& caller, const std::string& password);

  Store& store_;
  const PlatformOptions& options_;
};

}  // namespace valuemark::app
