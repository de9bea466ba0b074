// The certification module's slice of the storage port (store.h): rounds,
// applications, published scheme versions, evidence files, signing keys and
// certificates.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/store_types.h"
#include "core/appeal.h"
#include "core/certificate.h"
#include "core/certification.h"
#include "core/complaint.h"
#include "core/invoice.h"
#include "core/membership.h"
#include "core/preparation_call.h"

namespace valuemark::app {

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

// A certificate and its signed document (formats/certificate_json.h), the
// exact bytes served and verified.
// `standing` and the fields after it are the certifying body's decisions
// since (core/certificate.h CertificateStanding), never part of the document.
struct StoredCertificate {
  Certificate certificate;
  std::string document;
  CertificateStanding standing = CertificateStanding::kActive;
  std::string standing_reason;
  std::optional<UnixTime> standing_since = std::nullopt;
  std::string standing_by;  // the user who decided it
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

// Inside a transaction of the store (store.h), like every slice.
class CertificationPort {
 public:
  virtual ~CertificationPort() = default;

  // Certification rounds (global: the certifying body's calendar)
  virtual Result<void> InsertRound(const Round& round) = 0;
  virtual Result<std::vector<Round>> ListRounds() = 0;  // by opens_on
  // Name and dates of the round `round.id`; NotFound when there is none.
  virtual Result<void> UpdateRound(const Round& round) = 0;
  virtual Result<void> DeleteRound(const std::string& id) = 0;  // NotFound when there is none

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
  // The key that signs now: the newest not retired; nullopt when there is none.
  virtual Result<std::optional<SigningKey>> FindCurrentSigningKey() = 0;
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
  // Sets the standing (and its reason, time and user) of the certificate `id`
  // while it still has the standing `from`; NotFound when it has not (changed
  // meanwhile) or does not exist.
  virtual Result<void> SetCertificateStanding(const std::string& id, CertificateStanding from,
                                              const StoredCertificate& to) = 0;
  // Every suspended or revoked certificate, by id.
  virtual Result<std::vector<StoredCertificate>> ListWithdrawnCertificates() = 0;

  // Membership requests (tenant: key organisation_id, id). An insert while the
  // organisation has a pending request is AlreadyExists.
  virtual Result<void> InsertMembershipRequest(const MembershipRequest& request) = 0;
  virtual Result<std::optional<MembershipRequest>> FindMembershipRequest(
      const std::string& organisation_id, const std::string& id) = 0;
  // Saves state, decided_by, decided_at and reason if the stored version equals
  // request.version, and stores version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateMembershipRequest(const MembershipRequest& request) = 0;
  virtual Result<std::vector<MembershipRequest>> ListMembershipRequests(
      const std::string& organisation_id) = 0;  // newest first
  // Every organisation's pending request, oldest first: the administrators' queue.
  virtual Result<std::vector<MembershipRequest>> ListPendingMembershipRequests() = 0;

  // Invoices (tenant: key organisation_id, id). A second invoice for the same
  // membership request or application is AlreadyExists.
  virtual Result<void> InsertInvoice(const Invoice& invoice) = 0;
  virtual Result<std::optional<Invoice>> FindInvoice(const std::string& organisation_id,
                                                     const std::string& id) = 0;
  // Saves state, paid_on, payment_reference, void_reason, decided_by and
  // decided_at if the stored version equals invoice.version, and stores
  // version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateInvoice(const Invoice& invoice) = 0;
  virtual Result<std::vector<Invoice>> ListInvoices(
      const std::string& organisation_id) = 0;  // newest first
  // Every organisation's invoices in a state ("" for all), newest first, at
  // most limit: the administrators' list.
  virtual Result<std::vector<Invoice>> ListAllInvoices(const std::string& state, int limit) = 0;
  // The next number of the year's sequence (1, 2, ...), taken for good: a
  // concurrent writer waits and takes the one after.
  virtual Result<int64_t> NextInvoiceSequence(int year) = 0;

  // Complaints about certified organisations (tenant: key organisation_id, id).
  virtual Result<void> InsertComplaint(const Complaint& complaint) = 0;
  virtual Result<std::optional<Complaint>> FindComplaint(const std::string& id) = 0;  // by id alone
  // Saves the state and everything after received_at if the stored version
  // equals complaint.version, and stores version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateComplaint(const Complaint& complaint) = 0;
  virtual Result<std::vector<Complaint>> ListComplaints(
      const std::string& organisation_id) = 0;  // newest first
  // Every organisation's open complaints, oldest first: the administrators' queue.
  virtual Result<std::vector<Complaint>> ListOpenComplaints() = 0;

  // Appeals (tenant: key organisation_id, id). A second appeal of the same
  // decision is AlreadyExists.
  virtual Result<void> InsertAppeal(const Appeal& appeal) = 0;
  virtual Result<std::optional<Appeal>> FindAppeal(const std::string& id) = 0;  // by id alone
  // Saves state, decided_by, decided_at and reasons if the stored version
  // equals appeal.version, and stores version + 1; FailedPrecondition otherwise.
  virtual Result<void> UpdateAppeal(const Appeal& appeal) = 0;
  virtual Result<std::vector<Appeal>> ListAppeals(
      const std::string& organisation_id) = 0;                // newest first
  virtual Result<std::vector<Appeal>> ListOpenAppeals() = 0;  // oldest first

  // Preparation calls (global: the Assurance Manager's calendar, which any
  // organisation books from; key id). An update saves if the stored version
  // equals slot.version and stores version + 1; FailedPrecondition otherwise.
  virtual Result<void> InsertPreparationSlot(const PreparationSlot& slot) = 0;
  virtual Result<void> UpdatePreparationSlot(const PreparationSlot& slot) = 0;
  virtual Result<void> DeletePreparationSlot(const std::string& id) = 0;
  virtual Result<std::optional<PreparationSlot>> FindPreparationSlot(const std::string& id) = 0;
  // Those starting from `from` on, soonest first.
  virtual Result<std::vector<PreparationSlot>> ListPreparationSlots(UnixTime from) = 0;
  virtual Result<std::vector<PreparationSlot>> ListPreparationSlotsOfOrganisation(
      const std::string& organisation_id) = 0;
};

}  // namespace valuemark::app
