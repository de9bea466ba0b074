// Internal to src/storage: the storage port's transaction (app/store.h),
// written once over the driver interface (driver.h) and shared by both back
// ends. Its methods are split by capability, each file with its own SQL:
// accounts_sql.cpp, organisations_sql.cpp, certification_sql.cpp,
// notifications_sql.cpp, audit_sql.cpp, records_sql.cpp, surveys_sql.cpp.
// A back end subclasses it only where it truly differs (PostgreSQL's row
// locks for the audit chain and the quota check).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store.h"
#include "storage/sql/driver.h"

namespace valuemark::storage::sql {

using app::AuditCheckpoint;
using app::AuditEntry;
using app::EmailVerification;
using app::EvidenceFile;
using app::OrganisationUsage;
using app::OrganisationWithRole;
using app::OutboxMessage;
using app::PageRequest;
using app::PasswordReset;
using app::PublishedScheme;
using app::RecordVersion;
using app::ResponseRow;
using app::Session;
using app::SigningKey;
using app::StoredCertificate;
using app::SurveyRecord;
using app::SurveyResponse;
using app::UserQuery;

class SqlTransaction : public app::Transaction {
 public:
  explicit SqlTransaction(Connection& connection) : c_(connection) {}

  Result<void> InsertUser(const User& user, const std::string& password_hash) override;
  Result<std::optional<User>> FindUserById(const std::string& id) override;
  Result<std::optional<std::pair<User, std::string>>> FindUserByEmail(
      const std::string& email) override;
  Result<void> UpdatePasswordHash(const std::string& user_id,
                                  const std::string& password_hash) override;
  Result<void> UpdateUser(const User& user) override;
  Result<std::vector<User>> ListUsers(const PageRequest& page, const UserQuery& query) override;
  Result<void> InsertSession(const Session& session) override;
  Result<std::optional<Session>> FindSession(const std::string& id_hash) override;
  Result<void> DeleteSession(const std::string& id_hash) override;
  Result<void> DeleteSessionsOfUser(const std::string& user_id) override;
  Result<void> SetSessionExpiry(const std::string& id_hash, UnixTime expires_at) override;
  Result<int64_t> DeleteExpiredSessions(UnixTime now) override;
  Result<void> InsertPasswordReset(const PasswordReset& reset) override;
  Result<std::optional<PasswordReset>> FindPasswordReset(const std::string& token_hash) override;
  Result<void> MarkPasswordResetUsed(const std::string& token_hash, UnixTime at) override;
  Result<void> VoidPasswordResetsOfUser(const std::string& user_id, UnixTime at) override;
  Result<void> InsertEmailVerification(const EmailVerification& verification) override;
  Result<std::optional<EmailVerification>> FindEmailVerification(
      const std::string& token_hash) override;
  Result<void> MarkEmailVerified(const std::string& user_id, UnixTime at) override;
  Result<void> RecordLoginFailure(const std::string& key, UnixTime at) override;
  Result<int64_t> CountLoginFailures(const std::string& key, UnixTime since) override;
  Result<void> ClearLoginFailures(const std::string& key) override;
  Result<int64_t> PruneLoginFailures(UnixTime before) override;
  Result<void> InsertOrganisation(const Organisation& org) override;
  Result<std::optional<Organisation>> FindOrganisation(const std::string& id) override;
  Result<void> UpdateOrganisation(const Organisation& org) override;
  Result<std::vector<Organisation>> ListOrganisations(const PageRequest& page,
                                                      const std::string& name_part) override;
  Result<std::vector<OrganisationWithRole>> ListOrganisationsOfUser(
      const std::string& user_id) override;
  Result<void> UpsertMember(const Member& member) override;
  Result<std::optional<Member>> FindMember(const std::string& organisation_id,
                                           const std::string& user_id) override;
  Result<std::vector<Member>> ListMembers(const std::string& organisation_id) override;
  Result<void> DeleteMember(const std::string& organisation_id,
                            const std::string& user_id) override;
  Result<void> InsertScope(const Scope& scope) override;
  Result<std::optional<Scope>> FindScope(const std::string& organisation_id,
                                         const std::string& id) override;
  Result<void> UpdateScope(const Scope& scope) override;
  Result<void> DeleteScope(const std::string& organisation_id, const std::string& id) override;
  Result<std::vector<Scope>> ListScopes(const std::string& organisation_id) override;
  Result<void> InsertInvitation(const Invitation& invitation) override;
  Result<std::optional<Invitation>> FindInvitation(const std::string& organisation_id,
                                                   const std::string& id) override;
  Result<std::optional<Invitation>> FindInvitationByToken(const std::string& organisation_id,
                                                          const std::string& token_hash) override;
  Result<void> UpdateInvitation(const Invitation& invitation) override;
  Result<std::vector<Invitation>> ListInvitations(const std::string& organisation_id) override;
  Result<void> InsertMembershipRequest(const MembershipRequest& request) override;
  Result<std::optional<MembershipRequest>> FindMembershipRequest(const std::string& organisation_id,
                                                                 const std::string& id) override;
  Result<void> UpdateMembershipRequest(const MembershipRequest& request) override;
  Result<std::vector<MembershipRequest>> ListMembershipRequests(
      const std::string& organisation_id) override;
  Result<std::vector<MembershipRequest>> ListPendingMembershipRequests() override;
  Result<void> InsertInvoice(const Invoice& invoice) override;
  Result<std::optional<Invoice>> FindInvoice(const std::string& organisation_id,
                                             const std::string& id) override;
  Result<void> UpdateInvoice(const Invoice& invoice) override;
  Result<std::vector<Invoice>> ListInvoices(const std::string& organisation_id) override;
  Result<std::vector<Invoice>> ListAllInvoices(const std::string& state, int limit) override;
  Result<int64_t> NextInvoiceSequence(int year) override;
  Result<void> InsertComplaint(const Complaint& complaint) override;
  Result<std::optional<Complaint>> FindComplaint(const std::string& id) override;
  Result<void> UpdateComplaint(const Complaint& complaint) override;
  Result<std::vector<Complaint>> ListComplaints(const std::string& organisation_id) override;
  Result<std::vector<Complaint>> ListOpenComplaints() override;
  Result<void> UpsertBenchmarkContribution(const app::BenchmarkContribution& c) override;
  Result<void> DeleteBenchmarkContribution(const std::string& organisation_id) override;
  Result<std::optional<app::BenchmarkContribution>> FindBenchmarkContribution(
      const std::string& organisation_id) override;
  Result<void> ReplaceBenchmarkFigures(
      const std::string& organisation_id,
      const std::vector<std::pair<std::string, double>>& figures) override;
  Result<void> ScanBenchmarkFigures(
      const std::function<void(const app::BenchmarkRow&)>& fn) override;

  // support_sql.cpp
  Result<void> InsertPractitioner(const Practitioner& p) override;
  Result<void> UpdatePractitioner(const Practitioner& p) override;
  Result<void> DeletePractitioner(const std::string& id) override;
  Result<std::optional<Practitioner>> FindPractitioner(const std::string& id) override;
  Result<std::vector<Practitioner>> ListPractitioners() override;
  Result<void> InsertConsultant(const Consultant& k) override;
  Result<void> UpdateConsultant(const Consultant& k) override;
  Result<void> DeleteConsultant(const std::string& id) override;
  Result<std::optional<Consultant>> FindConsultant(const std::string& id) override;
  Result<std::vector<Consultant>> ListConsultants() override;
  Result<void> InsertResource(const Resource& r, const std::string& content) override;
  Result<void> UpdateResource(const Resource& r, const std::string& content) override;
  Result<void> DeleteResource(const std::string& id) override;
  Result<std::optional<Resource>> FindResource(const std::string& id) override;
  Result<std::vector<Resource>> ListResources() override;
  Result<std::optional<std::string>> ResourceContent(const std::string& id) override;
  Result<void> InsertEngagement(const Engagement& e) override;
  Result<void> UpdateEngagement(const Engagement& e) override;
  Result<std::optional<Engagement>> FindEngagement(const std::string& id) override;
  Result<std::vector<Engagement>> ListEngagementsOfOrganisation(
      const std::string& organisation_id) override;
  Result<std::vector<Engagement>> ListEngagementsOfConsultant(
      const std::string& consultant_id) override;

  Result<void> InsertNeed(const Need& need) override;
  Result<void> UpdateNeed(const Need& need) override;
  Result<std::optional<Need>> FindNeed(const std::string& id) override;
  Result<std::vector<Need>> ListNeedsOfOrganisation(const std::string& organisation_id) override;
  Result<std::vector<Need>> ListNeedsByStatus(NeedStatus status) override;
  Result<void> InsertMatch(const Match& match) override;
  Result<void> UpdateMatch(const Match& match) override;
  Result<void> DeleteMatch(const std::string& id) override;
  Result<std::optional<Match>> FindMatch(const std::string& id) override;
  Result<std::vector<Match>> ListMatchesOfNeed(const std::string& need_id) override;
  Result<std::vector<Match>> ListMatchesOfOrganisation(const std::string& organisation_id) override;
  Result<std::vector<std::pair<std::string, int64_t>>> CountActivePartnerships() override;
  Result<void> InsertDirectoryEntry(const DirectoryEntry& entry) override;
  Result<void> UpdateDirectoryEntry(const DirectoryEntry& entry) override;
  Result<void> DeleteDirectoryEntry(const std::string& id) override;
  Result<std::optional<DirectoryEntry>> FindDirectoryEntry(const std::string& id) override;
  Result<std::optional<DirectoryEntry>> FindDirectoryEntryBySeq(int64_t seq) override;
  Result<std::vector<DirectoryEntry>> FindDirectoryEntriesBySeq(
      const std::vector<int64_t>& seqs) override;
  Result<std::optional<DirectoryEntry>> FindDirectoryEntryOfOrganisation(
      const std::string& organisation_id) override;
  Result<std::vector<DirectoryEntry>> FindDirectoryEntriesByDuplicateKey(
      const std::string& key) override;
  Result<void> ScanDirectory(const DirectorySearch& search, bool unlisted_too,
                             const std::function<void(const app::DirectoryHit&)>& fn) override;
  Result<void> ScanDirectoryOf(const std::vector<std::string>& organisation_ids,
                               const DirectorySearch& search, bool unlisted_too,
                               const std::function<void(const app::DirectoryHit&)>& fn) override;
  Result<void> InsertAppeal(const Appeal& appeal) override;
  Result<std::optional<Appeal>> FindAppeal(const std::string& id) override;
  Result<void> UpdateAppeal(const Appeal& appeal) override;
  Result<std::vector<Appeal>> ListAppeals(const std::string& organisation_id) override;
  Result<std::vector<Appeal>> ListOpenAppeals() override;
  Result<void> InsertRecordVersion(const RecordVersion& record) override;
  Result<std::optional<RecordVersion>> FindRecord(const std::string& organisation_id,
                                                  const std::string& kind, const std::string& id,
                                                  int64_t version) override;
  Result<std::optional<std::string>> FindRecordOrganisation(const std::string& kind,
                                                            const std::string& id) override;
  Result<std::vector<RecordVersion>> ListRecords(const std::string& organisation_id,
                                                 const std::string& kind) override;
  Result<std::vector<RecordVersion>> ListRecordVersions(const std::string& organisation_id,
                                                        const std::string& kind,
                                                        const std::string& id) override;
  Result<void> InsertRound(const Round& round) override;
  Result<std::vector<Round>> ListRounds() override;
  Result<void> UpdateRound(const Round& round) override;
  Result<void> DeleteRound(const std::string& id) override;
  Result<void> InsertApplication(const Application& application) override;
  Result<std::optional<Application>> FindApplication(const std::string& id) override;
  Result<void> UpdateApplication(const Application& application, int64_t expected_version) override;
  Result<std::vector<Application>> ListApplicationsOfOrganisation(
      const std::string& organisation_id) override;
  Result<std::vector<Application>> ListSubmittedApplications(
      const std::optional<std::string>& assessor_id) override;
  Result<void> InsertSchemeVersion(const PublishedScheme& scheme) override;
  Result<std::vector<PublishedScheme>> ListSchemeVersions() override;
  Result<void> InsertEvidenceFile(const EvidenceFile& file) override;
  Result<std::optional<EvidenceFile>> FindEvidenceFile(const std::string& organisation_id,
                                                       const std::string& id) override;
  Result<void> InsertSigningKey(const SigningKey& key) override;
  Result<std::vector<SigningKey>> ListSigningKeys() override;
  Result<std::optional<SigningKey>> FindCurrentSigningKey() override;
  Result<void> RetireSigningKey(const std::string& id, UnixTime at) override;
  Result<void> InsertCertificate(const StoredCertificate& certificate) override;
  Result<std::optional<StoredCertificate>> FindCertificate(const std::string& id) override;
  Result<std::optional<StoredCertificate>> FindCertificateByCode(const std::string& code) override;
  Result<std::vector<StoredCertificate>> ListCertificatesInForce(const std::string& today) override;
  Result<void> InsertPreparationSlot(const PreparationSlot& slot) override;
  Result<void> UpdatePreparationSlot(const PreparationSlot& slot) override;
  Result<void> DeletePreparationSlot(const std::string& id) override;
  Result<std::optional<PreparationSlot>> FindPreparationSlot(const std::string& id) override;
  Result<std::vector<PreparationSlot>> ListPreparationSlots(UnixTime from) override;
  Result<std::vector<PreparationSlot>> ListPreparationSlotsOfOrganisation(
      const std::string& organisation_id) override;
  Result<void> SetCertificateStanding(const std::string& id, CertificateStanding from,
                                      const StoredCertificate& to) override;
  Result<std::vector<StoredCertificate>> ListWithdrawnCertificates() override;
  Result<int64_t> EnqueueMessage(const OutboxMessage& message) override;
  Result<std::vector<OutboxMessage>> ListUnsentMessages(int limit) override;
  Result<std::vector<OutboxMessage>> ListMessages(const PageRequest& page) override;
  Result<std::vector<OutboxMessage>> ListMessagesTo(const std::string& to, int limit) override;
  Result<int64_t> NotificationsSeenUpTo(const std::string& user_id) override;
  Result<void> SetNotificationsSeenUpTo(const std::string& user_id, int64_t message_id) override;
  Result<void> MarkMessageSent(int64_t id, UnixTime at) override;
  Result<void> MarkMessageFailed(int64_t id, const std::string& error) override;
  Result<void> InsertSurvey(const SurveyRecord& survey) override;
  Result<std::optional<SurveyRecord>> FindSurvey(const std::string& organisation_id,
                                                 const std::string& id) override;
  Result<std::optional<SurveyRecord>> FindSurveyByToken(const std::string& token) override;
  Result<std::optional<std::string>> FindSurveyOrganisation(const std::string& id) override;
  Result<void> UpdateSurvey(const SurveyRecord& survey) override;
  Result<void> SetSurveyStatus(const std::string& organisation_id, const std::string& id,
                               SurveyStatus status, UnixTime at) override;
  Result<void> DeleteSurvey(const SurveyRecord& survey) override;
  Result<std::vector<SurveyRecord>> ListSurveys(const std::string& organisation_id) override;
  Result<void> AddToResponseCount(const std::string& organisation_id, const std::string& survey_id,
                                  int64_t delta, int64_t answer_bytes, int64_t cap,
                                  int64_t version) override;
  Result<void> InsertResponse(const SurveyResponse& response) override;
  Result<std::vector<bool>> InsertResponses(
      const std::vector<const SurveyResponse*>& responses) override;
  Result<std::optional<SurveyResponse>> FindResponse(const std::string& organisation_id,
                                                     const std::string& survey_id,
                                                     const std::string& id) override;
  Result<std::optional<SurveyResponse>> FindResponseByKey(
      const std::string& organisation_id, const std::string& survey_id,
      const std::string& idempotency_key) override;
  Result<std::vector<SurveyResponse>> FindResponsesByKeyPrefix(const std::string& organisation_id,
                                                               const std::string& survey_id,
                                                               const std::string& prefix) override;
  Result<std::vector<SurveyResponse>> ListResponses(const std::string& organisation_id,
                                                    const std::string& survey_id,
                                                    const PageRequest& page,
                                                    app::ResponseFilter filter) override;
  Result<void> ScanResponses(const std::string& organisation_id, const std::string& survey_id,
                             const std::function<void(const ResponseRow&)>& fn) override;
  Result<int> ScanResponsesInRuns(const std::string& organisation_id, const std::string& survey_id,
                                  int parts, int64_t min_rows,
                                  const std::function<void(int, const ResponseRow&)>& fn) override;
  Result<int> ScanUsedAnswersInRuns(
      const std::string& organisation_id, const std::string& survey_id, int parts, int64_t min_rows,
      const std::function<void(int, const ResponseRow&)>& fn) override;
  Result<int64_t> CountExcludedResponses(const std::string& organisation_id,
                                         const std::string& survey_id) override;
  Result<void> UpdateResponseExclusion(const SurveyResponse& response) override;
  Result<OrganisationUsage> GetOrganisationUsage(const std::string& organisation_id) override;
  Result<int> SchemaVersion() override;
  Result<std::optional<AuditEntry>> AuditHead(const std::string& chain) override;
  Result<void> AppendAudit(const AuditEntry& entry) override;
  Result<void> AppendAuditOnHead(const AuditEntry& entry) override;
  // The head a new audit entry must extend. A back end whose writers run
  // side by side locks the head here until commit, and moves it on after
  // (AuditAppended).
  Result<app::AuditLink> AuditHeadForAppend(const std::string& chain) override;
  Result<std::pair<std::optional<SigningKey>, app::AuditLink>> SigningKeyAndAuditHead(
      const std::string& chain) override;
  Result<std::vector<AuditEntry>> ListAuditForEntity(const std::string& entity_type,
                                                     const std::string& entity_id) override;
  Result<std::vector<AuditEntry>> ListAuditChain(const std::string& chain, int64_t after_seq,
                                                 int limit) override;
  Result<std::vector<std::string>> ListAuditChains() override;
  Result<std::vector<AuditEntry>> ListAuditHistory(const std::string& chain,
                                                   const std::string& entity_type,
                                                   const std::string& actor_id, int64_t before_seq,
                                                   int limit) override;
  Result<void> InsertAuditCheckpoint(const AuditCheckpoint& checkpoint) override;
  Result<void> InsertAuditCheckpointByCurrentKey(const AuditCheckpoint& checkpoint) override;
  Result<std::vector<AuditCheckpoint>> ListAuditCheckpoints(const std::string& chain,
                                                            int64_t after_seq, int limit) override;
  Result<std::vector<AuditCheckpoint>> ListLatestAuditCheckpoints() override;
  Result<std::vector<AuditCheckpoint>> ListAuditRosters() override;

 protected:
  // Runs a directory search statement (its filters ?1..?3, its full-text
  // query ?4 when not empty) and hands each row to fn.
  Result<void> ScanDirectoryWith(const char* sql, const DirectorySearch& search,
                                 const std::string& query,
                                 const std::function<void(const app::DirectoryHit&)>& fn);
  using AuditLink = app::AuditLink;
  // What is done once an audit entry is appended (see AuditHeadForAppend).
  virtual Result<void> AuditAppended(const AuditEntry& entry);
  // The entry's INSERT alone, run later.
  Result<void> InsertAuditEntry(const AuditEntry& entry);

  // Before GetOrganisationUsage sums an organisation's rows in a write: a back
  // end whose writers run side by side locks the organisation here so that
  // quota checks take turns. SQLite has one writer at a time: nothing to do.
  virtual Result<void> LockOrganisation(const std::string& organisation_id);

  Connection& c_;

 private:
  static void BindOrganisation(Statement& st, const Organisation& org);
  Error UserTaken(const User& user);
};

}  // namespace valuemark::storage::sql
