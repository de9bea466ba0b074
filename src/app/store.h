// The storage port: what the use cases need from a database, and nothing of
// how. Implemented by src/storage/sqlite (the default) and
// src/storage/postgres, each with its own SQL and migrations; one contract
// test suite (tests/storage) runs against both.
//
// Every read and write happens inside a transaction that the store owns:
// Write() commits only when the function returns success, and returns only
// after the commit is durable, so a write the caller acknowledges is never
// lost. A function that fails (or a commit that fails) leaves nothing behind.
//
// Scale-out: every tenant record carries organisation_id, which is part of its
// primary and unique keys, so that a PostgreSQL deployment can be distributed
// by organisation (Citus) without schema changes. Users, sessions, password
// resets, email verifications, failed logins and the outbox are global (reference) tables.
//
// Thread-safety: a Store may be used from many threads at once; a Transaction
// only from the thread that runs the function it was passed to.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/certificate.h"
#include "core/certification.h"
#include "core/organisation.h"
#include "core/result.h"
#include "formats/audit_checkpoint_json.h"

namespace valuemark::app {

struct Session {
  std::string id_hash;  // hex SHA-256 of the cookie's secret; the secret is never stored
  std::string user_id;
  std::string csrf_token;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
};

struct PasswordReset {
  std::string token_hash;  // hex SHA-256 of the secret in the emailed link
  std::string user_id;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> used_at;
};

// A link that confirms a user's email address (sent at sign-up, and again on
// request); like a reset link, only its hash is stored.
struct EmailVerification {
  std::string token_hash;  // hex SHA-256 of the secret in the emailed link
  std::string user_id;
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> used_at;
};

// A notification waiting to be sent (always stored; sent by SMTP when configured).
struct OutboxMessage {
  int64_t id = 0;  // assigned by the store
  std::string to;
  std::string subject;
  std::string body;
  UnixTime created_at = 0;
  std::optional<UnixTime> sent_at;
  int attempts = 0;
  std::string last_error;
};

// One entry of the append-only, hash-chained audit log. Entries form one chain
// per organisation (chain = organisation id) plus the chain "platform" for
// accounts and staff actions; seq counts from 1 within a chain.
struct AuditEntry {
  std::string chain;
  int64_t seq = 0;
  UnixTime at = 0;
  std::string actor_id;     // user id, or "" for the system
  std::string action;       // e.g. "organisation.create"
  std::string entity_type;  // e.g. "organisation", "member", "scope"
  std::string entity_id;
  std::string organisation_id;  // "" for platform entries
  std::string digest;           // hex SHA-256 of the canonical JSON of the change
  std::string prev_hash;        // hash of entry seq − 1 ("" for seq 1)
  std::string hash;             // hex SHA-256 over prev_hash and this entry's fields
};

// An Ed25519 key pair that signs certificates (standard base64). Kept in the
// database so that every server of a deployment signs with the same key and
// a backup restores it; whoever can read the database can sign.
// Rotation retires a key (retired_at) and makes a new one: retired keys stay
// published so that what they signed stays verifiable, but never sign again.
struct SigningKey {
  std::string id;  // 16 hex digits of the public key's SHA-256
  std::string public_key;
  std::string secret_key;
  UnixTime created_at = 0;
  std::optional<UnixTime> retired_at = std::nullopt;  // nullopt: the current key
};

// A signature by the platform's key over one audit chain's head (app/audit.h),
// written in the same transaction as every entry. A roster is the checkpoint of
// a platform-chain entry ("audit.checkpoint") that also signs the latest
// checkpointed head of every chain (`heads`), so that a chain deleted whole or
// cut short is found. Append-only, like the log.
using AuditCheckpoint = formats::SignedCheckpoint;

// A certificate and its signed document (formats/certificate_json.h), the
// exact bytes served and verified.
struct StoredCertificate {
  Certificate certificate;
  std::string document;
};

// An uploaded evidence file, its content stored as the bytes uploaded (a BLOB
// on SQLite, BYTEA on PostgreSQL; migration 30 turned the base64 text that
// earlier versions kept into bytes).
struct EvidenceFile {
  std::string organisation_id;
  std::string id;
  std::string application_id;
  std::string media_type;  // judged from the content (core/file_type.h)
  int64_t size_bytes = 0;
  std::string sha256;   // hex, of the content
  std::string content;  // the file's bytes, any byte values
  UnixTime created_at = 0;
};

// A scheme version an administrator published (its file, as sent).
struct PublishedScheme {
  std::string scheme_id;
  int version = 0;
  std::string document;  // the scheme file's JSON (formats/scheme_json.h)
  std::string published_by;
  UnixTime published_at = 0;
};

// One version of a measure-and-manage record (impact map, value-bank proxy,
// pledge, decision): the body is the record's JSON, checked by the use case
// that writes it, so that every tool keeps its history in one table. A change
// is a new version; versions are never rewritten.
struct RecordVersion {
  std::string organisation_id;
  std::string kind;  // "impact_map", "proxy", "pledge", "decision"
  std::string id;
  int64_t version = 1;
  std::string scope_id;  // "" when the record covers no particular scope
  std::string title;     // what lists show and search matches
  std::string body;      // JSON; empty in ListRecordVersions
  std::string created_by;
  UnixTime created_at = 0;
};

// A page of a list: items after `after` (an opaque id or key), at most `limit`.
struct PageRequest {
  std::string after;
  int limit = 50;
};

// What an organisation holds, measured for its quotas (app/platform.h
// Quotas). Bytes are of what is stored: evidence files, the JSON body of
// every record version, survey designs and the answers of their responses.
struct OrganisationUsage {
  int64_t evidence_files = 0, evidence_bytes = 0;
  int64_t record_versions = 0, record_bytes = 0;
  int64_t surveys = 0, survey_bytes = 0;  // designs and answers
  int64_t members = 0;
  int64_t invitations = 0;  // every one sent, in any state
  int64_t scopes = 0;
  int64_t applications = 0;
  int64_t stored_bytes() const { return evidence_bytes + record_bytes + survey_bytes; }
};

struct OrganisationWithRole {
  Organisation organisation;
  MemberRole role = MemberRole::kMember;
};

// Surveys (tenant: key organisation_id, id). The design is the JSON of
// formats/survey_json.h, read and checked by the use cases. The public link's
// token is looked up globally (a reference table maps it to its survey).
struct SurveyRecord {
  std::string organisation_id, id;
  std::optional<std::string> scope_id;
  std::string token;
  std::string design;
  int64_t response_count = 0;  // every stored response, excluded ones included
  UnixTime created_at = 0, updated_at = 0;
  int64_t version = 1;
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
};

// Errors: AlreadyExists for a unique key taken (e.g. a user's email),
// FailedPrecondition for a stale version, Unavailable when the database cannot
// be reached, Internal for anything else. "Find" returns nullopt when absent.
class Transaction {
 public:
  virtual ~Transaction() = default;

  // Users (global)
  // With email_verified_at as given (set for staff, demo and migrated users).
  virtual Result<void> InsertUser(const User& user, const std::string& password_hash) = 0;
  virtual Result<std::optional<User>> FindUserById(const std::string& id) = 0;
  // With the user's password hash, for login.
  virtual Result<std::optional<std::pair<User, std::string>>> FindUserByEmail(
      const std::string& email) = 0;
  virtual Result<void> UpdatePasswordHash(const std::string& user_id,
                                          const std::string& password_hash) = 0;
  virtual Result<void> UpdateUser(const User& user) = 0;  // name and platform role
  virtual Result<std::vector<User>> ListUsers(const PageRequest& page) = 0;  // ordered by id

  // Sessions (global)
  virtual Result<void> InsertSession(const Session& session) = 0;
  virtual Result<std::optional<Session>> FindSession(const std::string& id_hash) = 0;
  virtual Result<void> DeleteSession(const std::string& id_hash) = 0;
  virtual Result<void> DeleteSessionsOfUser(const std::string& user_id) = 0;
  // Moves a session's expiry (the idle timeout slides on use); no error when it is gone.
  virtual Result<void> SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) = 0;
  virtual Result<int64_t> DeleteExpiredSessions(UnixTime now) = 0;

  // Password resets (global)
  virtual Result<void> InsertPasswordReset(const PasswordReset& reset) = 0;
  virtual Result<std::optional<PasswordReset>> FindPasswordReset(const std::string& token_hash) = 0;
  virtual Result<void> MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) = 0;
  // Marks every unused reset link of the user used: one successful reset voids the others.
  virtual Result<void> VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) = 0;

  // Email verification (global)
  virtual Result<void> InsertEmailVerification(const EmailVerification& verification) = 0;
  virtual Result<std::optional<EmailVerification>> FindEmailVerification(
      const std::string& token_hash) = 0;
  // Marks the user's address verified at `at` (an earlier time is kept) and
  // every unused link of theirs used; NotFound when there is no such user.
  virtual Result<void> MarkEmailVerified(const std::string& user_id, UnixTime at) = 0;

  // Failed logins (global), per throttle key (e.g. "email:…|address",
  // "address:…"), kept in the database so that a restart, or another server
  // of the deployment, does not forget them.
  virtual Result<void> RecordLoginFailure(const std::string& key, UnixTime at) = 0;
  // How many failures of the key happened after `since`.
  virtual Result<int64_t> CountLoginFailures(const std::string& key, UnixTime since) = 0;
  virtual Result<void> ClearLoginFailures(const std::string& key) = 0;
  // Forgets every failure at or before `before` (of any key); returns how many.
  virtual Result<int64_t> PruneLoginFailures(UnixTime before) = 0;

  // Organisations
  virtual Result<void> InsertOrganisation(const Organisation& org) = 0;
  virtual Result<std::optional<Organisation>> FindOrganisation(const std::string& id) = 0;
  // Saves org if the stored version equals org.version, and stores version + 1;
  // FailedPrecondition when someone else saved first.
  virtual Result<void> UpdateOrganisation(const Organisation& org) = 0;
  virtual Result<std::vector<Organisation>> ListOrganisations(
      const PageRequest& page) = 0;  // ordered by id
  virtual Result<std::vector<OrganisationWithRole>> ListOrganisationsOfUser(
      const std::string& user_id) = 0;

  // Members (tenant: key organisation_id, user_id)
  virtual Result<void> UpsertMember(const Member& member) = 0;
  virtual Result<std::optional<Member>> FindMember(const std::string& organisation_id,
                                                   const std::string& user_id) = 0;
  virtual Result<std::vector<Member>> ListMembers(
      const std::string& organisation_id) = 0;  // with name and email
  virtual Result<void> DeleteMember(const std::string& organisation_id,
                                    const std::string& user_id) = 0;

  // Scopes (tenant: key organisation_id, id)
  virtual Result<void> InsertScope(const Scope& scope) = 0;
  virtual Result<std::optional<Scope>> FindScope(const std::string& organisation_id,
                                                 const std::string& id) = 0;
  virtual Result<void> UpdateScope(const Scope& scope) = 0;
  virtual Result<void> DeleteScope(const std::string& organisation_id, const std::string& id) = 0;
  virtual Result<std::vector<Scope>> ListScopes(const std::string& organisation_id) = 0;  // by name

  // Invitations (tenant: key organisation_id, id; unique organisation_id, token_hash)
  virtual Result<void> InsertInvitation(const Invitation& invitation) = 0;
  virtual Result<std::optional<Invitation>> FindInvitation(const std::string& organisation_id,
                                                           const std::string& id) = 0;
  virtual Result<std::optional<Invitation>> FindInvitationByToken(
      const std::string& organisation_id, const std::string& token_hash) = 0;
  virtual Result<void> UpdateInvitation(
      const Invitation& invitation) = 0;  // accepted_at, revoked_at
  virtual Result<std::vector<Invitation>> ListInvitations(
      const std::string& organisation_id) = 0;  // newest first

  // Measure-and-manage records (tenant: key organisation_id, kind, id, version)
  // AlreadyExists when that version is taken: two editors saving the same
  // version conflict instead of one silently replacing the other.
  virtual Result<void> InsertRecordVersion(const RecordVersion& record) = 0;
  // version 0: the latest.
  virtual Result<std::optional<RecordVersion>> FindRecord(const std::string& organisation_id,
                                                          const std::string& kind,
                                                          const std::string& id,
                                                          int64_t version) = 0;
  // The organisation a record belongs to, for routes that name only the record.
  virtual Result<std::optional<std::string>> FindRecordOrganisation(const std::string& kind,
                                                                    const std::string& id) = 0;
  // The latest version of each record of a kind, by title then id.
  virtual Result<std::vector<RecordVersion>> ListRecords(const std::string& organisation_id,
                                                         const std::string& kind) = 0;
  // Every version of one record without its body, newest first.
  virtual Result<std::vector<RecordVersion>> ListRecordVersions(const std::string& organisation_id,
                                                                const std::string& kind,
                                                                const std::string& id) = 0;

  // Certification rounds (global: the certifying body's calendar)
  virtual Result<void> InsertRound(const Round& round) = 0;
  virtual Result<std::vector<Round>> ListRounds() = 0;  // by opens_on

  // Applications (tenant: key organisation_id, id). Each is kept whole, as the
  // document of formats/application_json.h, beside the columns that are
  // searched; ids are unique across organisations, so an application is found
  // by its id alone (the URL /applications/{id} carries no organisation).
  virtual Result<void> InsertApplication(const Application& application) = 0;
  virtual Result<std::optional<Application>> FindApplication(const std::string& id) = 0;
  // Saves the application if the stored version is expected_version
  // (application.version is the new one); FailedPrecondition when someone
  // else saved first, NotFound when there is no such application.
  virtual Result<void> UpdateApplication(const Application& application,
                                         int64_t expected_version) = 0;
  virtual Result<std::vector<Application>> ListApplicationsOfOrganisation(
      const std::string& organisation_id) = 0;  // newest first
  // Applications past the draft state, oldest submission first; only those
  // allocated to assessor_id when it is given.
  virtual Result<std::vector<Application>> ListSubmittedApplications(
      const std::optional<std::string>& assessor_id) = 0;

  // Published scheme versions (global), by id then version. Never updated
  // or deleted: applications stay pinned to them.
  virtual Result<void> InsertSchemeVersion(const PublishedScheme& scheme) = 0;
  virtual Result<std::vector<PublishedScheme>> ListSchemeVersions() = 0;

  // Evidence files (tenant: key organisation_id, id).
  virtual Result<void> InsertEvidenceFile(const EvidenceFile& file) = 0;
  virtual Result<std::optional<EvidenceFile>> FindEvidenceFile(const std::string& organisation_id,
                                                               const std::string& id) = 0;

  // Certificate signing keys (global), newest first; the newest key not
  // retired signs.
  virtual Result<void> InsertSigningKey(const SigningKey& key) = 0;
  virtual Result<std::vector<SigningKey>> ListSigningKeys() = 0;
  // Sets retired_at of a key not yet retired; NotFound otherwise.
  virtual Result<void> RetireSigningKey(const std::string& id, UnixTime at) = 0;

  // Certificates (tenant: key organisation_id, id; found by id or by
  // verification code alone, both random).
  virtual Result<void> InsertCertificate(const StoredCertificate& certificate) = 0;
  virtual Result<std::optional<StoredCertificate>> FindCertificate(const std::string& id) = 0;
  virtual Result<std::optional<StoredCertificate>> FindCertificateByCode(
      const std::string& code) = 0;
  // Certificates whose expires_on is after `today` (YYYY-MM-DD), by organisation name.
  virtual Result<std::vector<StoredCertificate>> ListCertificatesInForce(
      const std::string& today) = 0;

  // Outbox (global)
  virtual Result<int64_t> EnqueueMessage(const OutboxMessage& message) = 0;
  virtual Result<std::vector<OutboxMessage>> ListUnsentMessages(int limit) = 0;  // oldest first
  virtual Result<std::vector<OutboxMessage>> ListMessages(
      const PageRequest& page) = 0;  // newest first
  // In-app notifications: the messages to one address, newest first, and how
  // far (a message id) a user has read them.
  virtual Result<std::vector<OutboxMessage>> ListMessagesTo(const std::string& to, int limit) = 0;
  virtual Result<int64_t> NotificationsSeenUpTo(const std::string& user_id) = 0;  // 0: none read
  virtual Result<void> SetNotificationsSeenUpTo(const std::string& user_id, int64_t message_id) = 0;
  virtual Result<void> MarkMessageSent(int64_t id, UnixTime at) = 0;
  virtual Result<void> MarkMessageFailed(int64_t id, const std::string& error) = 0;  // attempts + 1

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
  virtual Result<std::vector<SurveyRecord>> ListSurveys(
      const std::string& organisation_id) = 0;  // newest first
  // Adds responses to a survey's count, and the bytes of their answers to
  // its stored size (OrganisationUsage::survey_bytes).
  virtual Result<void> AddToResponseCount(const std::string& organisation_id,
                                          const std::string& survey_id, int64_t delta,
                                          int64_t answer_bytes) = 0;
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
  // Responses with id > page.after in id order, at most page.limit.
  virtual Result<std::vector<SurveyResponse>> ListResponses(const std::string& organisation_id,
                                                            const std::string& survey_id,
                                                            const PageRequest& page) = 0;
  // Calls fn for every response in id order, without copying them.
  virtual Result<void> ScanResponses(const std::string& organisation_id,
                                     const std::string& survey_id,
                                     const std::function<void(const ResponseRow&)>& fn) = 0;
  // Saves excluded_reason, excluded_by and excluded_at.
  virtual Result<void> UpdateResponseExclusion(const SurveyResponse& response) = 0;

  // What the organisation holds, for its quotas. In a write transaction this
  // first locks the organisation (on PostgreSQL its row, FOR UPDATE; SQLite
  // has one writer), so that writers that check a quota and then add take
  // turns and cannot both pass it.
  virtual Result<OrganisationUsage> GetOrganisationUsage(const std::string& organisation_id) = 0;

  // Audit log (append-only: there is no update or delete)
  // The last entry of a chain, or nullopt for an empty chain. In a write
  // transaction this also locks the chain until commit, so that concurrent
  // writers append one after the other.
  virtual Result<std::optional<AuditEntry>> AuditHead(const std::string& chain) = 0;
  virtual Result<void> AppendAudit(const AuditEntry& entry) = 0;
  // Entries about one record, oldest first.
  virtual Result<std::vector<AuditEntry>> ListAuditForEntity(const std::string& entity_type,
                                                             const std::string& entity_id) = 0;
  // A chain's entries with seq > after_seq, in order, at most limit.
  virtual Result<std::vector<AuditEntry>> ListAuditChain(const std::string& chain,
                                                         int64_t after_seq, int limit) = 0;
  virtual Result<std::vector<std::string>> ListAuditChains() = 0;
  // Signed checkpoints of the chains (append-only; AlreadyExists for a
  // (chain, seq) taken).
  virtual Result<void> InsertAuditCheckpoint(const AuditCheckpoint& checkpoint) = 0;
  // A chain's checkpoints with seq > after_seq, in order, at most limit.
  virtual Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints(const std::string& chain,
                                                                    int64_t after_seq,
                                                                    int limit) = 0;
  // The checkpoint with the highest seq of each chain that has one, by chain.
  virtual Result<std::vector<AuditCheckpoint>> ListLatestAuditCheckpoints() = 0;
  // Every roster (a checkpoint with heads), oldest first.
  virtual Result<std::vector<AuditCheckpoint>> ListAuditRosters() = 0;
};

// What the last writes found: GET /health reports it, so that a store that
// can no longer write (a full disk, a lost server, a read-only file) is seen
// at once rather than by each user's failed save.
struct StoreHealth {
  bool writable = true;
  std::string problem;  // the database's own words for the last failure
};

class Store {
 public:
  virtual ~Store() = default;
  StoreHealth Health() const {
    std::lock_guard lock(health_mu_);
    return health_;
  }
  // "sqlite" or "postgresql", as /api/v1/health reports it.
  virtual const char* Kind() const = 0;
  // A read-only transaction over a consistent snapshot. A Read() called
  // inside another Read() of the same store on the same thread runs in the
  // outer transaction and sees its snapshot.
  virtual Result<void> Read(const std::function<Result<void>(Transaction&)>& fn) = 0;
  // A read-write transaction, committed durably when fn succeeds, rolled back otherwise.
  virtual Result<void> Write(const std::function<Result<void>(Transaction&)>& fn) = 0;
  // Read() and Write() for a value: fn returns a Result<T>, which is what
  // they return (the store's own error when the transaction fails).
  //   return store_.ReadValue([&](Transaction& tx) { return tx.FindUserById(id); });
  template <typename Fn>
  std::invoke_result_t<Fn&, Transaction&> ReadValue(Fn&& fn) {
    return Transact<false>(fn);
  }
  template <typename Fn>
  std::invoke_result_t<Fn&, Transaction&> WriteValue(Fn&& fn) {
    return Transact<true>(fn);
  }
  // A number that differs from every value this thread got before whenever
  // anything has been committed to the database since, by this process or any
  // other; nullopt when the back end cannot tell cheaply. Values are
  // comparable only on the thread that got them. It lets a reader know that
  // what it read earlier is still current (http/response_cache.h).
  virtual std::optional<uint64_t> ChangeTag() { return std::nullopt; }
  // Applies the migrations not yet applied; returns the schema version.
  virtual Result<int> Migrate() = 0;
  // A consistent copy of the database in a new file (SQLite's online backup);
  // FailedPrecondition with pg_dump guidance for PostgreSQL.
  virtual Result<void> Backup(const std::string& destination) = 0;

 protected:
  // Back ends call this with the outcome of every Write: a failure of the
  // database itself (Unavailable) marks the store unwritable until a write
  // succeeds again; a refusal by the use case changes nothing.
  void NoteWrite(const Result<void>& result) {
    if (result || result.error().code == ErrorCode::kUnavailable) {
      std::lock_guard lock(health_mu_);
      health_ = result ? StoreHealth{} : StoreHealth{false, result.error().message};
    }
  }

 private:
  template <bool kWrite, typename Fn>
  std::invoke_result_t<Fn&, Transaction&> Transact(Fn& fn) {
    std::optional<std::invoke_result_t<Fn&, Transaction&>> out;
    auto body = [&](Transaction& tx) -> Result<void> {
      out.emplace(fn(tx));
      if (!*out) return Fail(out->error());
      return {};
    };
    auto done = kWrite ? Write(body) : Read(body);
    if (!done) return Fail(done.error());
    return std::move(*out);
  }

  mutable std::mutex health_mu_;
  StoreHealth health_;
};

}  // namespace valuemark::app
