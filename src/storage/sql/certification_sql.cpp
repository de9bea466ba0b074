// Certification: rounds, applications, published schemes, evidence files, signing keys and
// certificates. The storage port's methods over the driver (transaction.h), one SQL text for both
// back ends (dialect.h).
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "formats/application_json.h"
#include "formats/certificate_json.h"
#include "formats/records_json.h"
#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

#define VM_FILE_COLUMNS \
  "organisation_id, id, application_id, media_type, size_bytes, sha256, content, created_at"

constexpr char kInsertRound[] =
    "INSERT INTO rounds (id, name, opens_on, closes_on, created_by, created_at) VALUES (?1, ?2, "
    "?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
constexpr char kListRounds[] =
    "SELECT id, name, opens_on, closes_on, created_by, created_at FROM rounds ORDER BY opens_on, "
    "id";
constexpr char kUpdateRound[] =
    "UPDATE rounds SET name = ?2, opens_on = ?3, closes_on = ?4 WHERE id = ?1";
constexpr char kDeleteRound[] = "DELETE FROM rounds WHERE id = ?1";
constexpr char kInsertApplication[] =
    "INSERT INTO applications (organisation_id, id, scheme_id, level, state, assessor_id, "
    "submitted_at, created_at, "
    "version, document) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT DO NOTHING";
constexpr char kFindApplication[] = "SELECT document FROM applications WHERE id = ?1";
constexpr char kUpdateApplication[] =
    "UPDATE applications SET state = ?3, assessor_id = ?4, submitted_at = ?5, version = ?6, "
    "document = ?7 "
    "WHERE organisation_id = ?1 AND id = ?2 AND version = ?8";
constexpr char kApplicationExists[] =
    "SELECT 1 FROM applications WHERE organisation_id = ?1 AND id = ?2";
constexpr char kListApplicationsOfOrganisation[] =
    "SELECT document FROM applications WHERE organisation_id = ?1 ORDER BY created_at DESC, id";
constexpr char kListSubmittedApplications[] =
    "SELECT document FROM applications WHERE state <> 'draft' ORDER BY submitted_at, id";
constexpr char kListApplicationsOfAssessor[] =
    "SELECT document FROM applications WHERE assessor_id = ?1 ORDER BY submitted_at, id";
constexpr char kInsertSigningKey[] =
    "INSERT INTO signing_keys (id, public_key, secret_key, created_at, retired_at) VALUES (?1, ?2, "
    "?3, ?4, ?5) ON CONFLICT DO NOTHING";
constexpr char kListSigningKeys[] =
    "SELECT id, public_key, secret_key, created_at, retired_at FROM signing_keys "
    "ORDER BY created_at DESC, retired_at IS NOT NULL, id";
constexpr char kCurrentSigningKey[] =
    "SELECT id, public_key, secret_key, created_at, retired_at FROM signing_keys "
    "WHERE retired_at IS NULL ORDER BY created_at DESC, id LIMIT 1";
constexpr char kRetireSigningKey[] =
    "UPDATE signing_keys SET retired_at = ?2 WHERE id = ?1 AND retired_at IS NULL";
constexpr char kInsertCertificate[] =
    "INSERT INTO certificates (organisation_id, id, verification_code, organisation_name, "
    "expires_on, document) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING";
#define VM_CERTIFICATE_COLUMNS "document, standing, standing_reason, standing_since, standing_by"
constexpr char kFindCertificate[] =
    "SELECT " VM_CERTIFICATE_COLUMNS " FROM certificates WHERE id = ?1";
constexpr char kFindCertificateByCode[] =
    "SELECT " VM_CERTIFICATE_COLUMNS " FROM certificates WHERE verification_code = ?1";
constexpr char kListCertificatesInForce[] = "SELECT " VM_CERTIFICATE_COLUMNS
                                            " FROM certificates WHERE expires_on > ?1 ORDER BY "
                                            "organisation_name, id";
constexpr char kSetCertificateStanding[] =
    "UPDATE certificates SET standing = ?3, standing_reason = ?4, standing_since = ?5, "
    "standing_by = ?6 WHERE id = ?1 AND standing = ?2";
constexpr char kListWithdrawnCertificates[] = "SELECT " VM_CERTIFICATE_COLUMNS
                                              " FROM certificates WHERE standing <> 'active' "
                                              "ORDER BY id";
#undef VM_CERTIFICATE_COLUMNS
constexpr char kInsertEvidenceFile[] =
    "INSERT INTO evidence_files (" VM_FILE_COLUMNS
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING";
constexpr char kFindEvidenceFile[] =
    "SELECT " VM_FILE_COLUMNS " FROM evidence_files WHERE organisation_id = ?1 AND id = ?2";
constexpr char kInsertSchemeVersion[] =
    "INSERT INTO scheme_versions (scheme_id, version, document, published_by, published_at) VALUES "
    "(?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
constexpr char kListSchemeVersions[] =
    "SELECT scheme_id, version, document, published_by, published_at FROM scheme_versions ORDER BY "
    "scheme_id, version";

#undef VM_FILE_COLUMNS

Result<Round> RoundFromRow(const Statement& st) {
  return Round{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Int(5)};
}

Result<Application> ApplicationFromRow(const Statement& st) {
  auto a = formats::ParseApplication(st.Text(0));
  if (!a) return Fail(CorruptRow("applications.document", a.error()));
  return a;
}

Result<app::SigningKey> SigningKeyFromRow(const Statement& st) {
  return app::SigningKey{st.Text(0), st.Text(1), st.Text(2), st.Int(3), st.OptInt(4)};
}

Result<app::StoredCertificate> CertificateFromRow(const Statement& st) {
  std::string document = st.Text(0);
  auto parsed = formats::ParseSignedCertificate(document);
  if (!parsed) return Fail(CorruptRow("certificates.document", parsed.error()));
  auto standing = ParseCertificateStanding(st.Text(1));
  if (!standing) return Fail(CorruptRow("certificates.standing", standing.error()));
  app::StoredCertificate out;
  out.certificate = std::move(parsed->certificate);
  out.document = std::move(document);
  out.standing = *standing;
  out.standing_reason = st.Text(2);
  out.standing_since = st.OptInt(3);
  out.standing_by = st.Text(4);
  return out;
}

Result<app::EvidenceFile> EvidenceFileFromRow(const Statement& st) {
  return app::EvidenceFile{st.Text(0), st.Text(1), st.Text(2), st.Text(3),
                           st.Int(4),  st.Text(5), st.Blob(6), st.Int(7)};
}

Result<app::PublishedScheme> SchemeVersionFromRow(const Statement& st) {
  return app::PublishedScheme{st.Text(0), static_cast<int>(st.Int(1)), st.Text(2), st.Text(3),
                              st.Int(4)};
}

}  // namespace

Result<void> SqlTransaction::InsertRound(const Round& r) {
  auto st = TRY(c_.Prepared(kInsertRound));
  st.BindText(1, r.id).BindText(2, r.name).BindText(3, r.opens_on).BindText(4, r.closes_on);
  st.BindText(5, r.created_by).BindInt(6, r.created_at);
  return RunInsert(st, "round");
}

Result<std::vector<Round>> SqlTransaction::ListRounds() {
  auto st = TRY(c_.Prepared(kListRounds));
  return QueryAll(st, RoundFromRow);
}

Result<void> SqlTransaction::UpdateRound(const Round& r) {
  auto st = TRY(c_.Prepared(kUpdateRound));
  st.BindText(1, r.id).BindText(2, r.name).BindText(3, r.opens_on).BindText(4, r.closes_on);
  return RunOnOne(st, "round");
}

Result<void> SqlTransaction::DeleteRound(const std::string& id) {
  auto st = TRY(c_.Prepared(kDeleteRound));
  st.BindText(1, id);
  return RunOnOne(st, "round");
}

Result<void> SqlTransaction::InsertApplication(const Application& a) {
  auto st = TRY(c_.Prepared(kInsertApplication));
  const std::string document = formats::CompactJson(&formats::WriteApplication, a);
  st.BindText(1, a.organisation_id).BindText(2, a.id).BindText(3, a.scheme_id).BindInt(4, a.level);
  st.BindText(5, Name(a.state)).BindOptText(6, a.assessor_id).BindOptInt(7, a.submitted_at);
  st.BindInt(8, a.created_at).BindInt(9, a.version).BindText(10, document);
  return RunInsert(st, "application");
}

Result<std::optional<Application>> SqlTransaction::FindApplication(const std::string& id) {
  auto st = TRY(c_.Prepared(kFindApplication));
  st.BindText(1, id);
  return QueryOne(st, ApplicationFromRow);
}

Result<void> SqlTransaction::UpdateApplication(const Application& a, int64_t expected_version) {
  {
    auto st = TRY(c_.Prepared(kUpdateApplication));
    const std::string document = formats::CompactJson(&formats::WriteApplication, a);
    st.BindText(1, a.organisation_id)
        .BindText(2, a.id)
        .BindText(3, Name(a.state))
        .BindOptText(4, a.assessor_id);
    st.BindOptInt(5, a.submitted_at)
        .BindInt(6, a.version)
        .BindText(7, document)
        .BindInt(8, expected_version);
    TRY(st.Run());
    if (st.Changes() == 1) return {};
  }
  auto st = TRY(c_.Prepared(kApplicationExists));
  st.BindText(1, a.organisation_id).BindText(2, a.id);
  const bool exists = TRY(Exists(st));
  if (!exists) return Fail(Error::Make(ErrorCode::kNotFound, "application not found"));
  return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                          "the application was changed by someone else: reload it and try again"));
}

Result<std::vector<Application>> SqlTransaction::ListApplicationsOfOrganisation(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kListApplicationsOfOrganisation));
  st.BindText(1, organisation_id);
  return QueryAll(st, ApplicationFromRow);
}

Result<std::vector<Application>> SqlTransaction::ListSubmittedApplications(
    const std::optional<std::string>& assessor_id) {
  auto st =
      TRY(c_.Prepared(assessor_id ? kListApplicationsOfAssessor : kListSubmittedApplications));
  if (assessor_id) st.BindText(1, *assessor_id);
  return QueryAll(st, ApplicationFromRow);
}

Result<void> SqlTransaction::InsertSchemeVersion(const app::PublishedScheme& s) {
  auto st = TRY(c_.Prepared(kInsertSchemeVersion));
  st.BindText(1, s.scheme_id)
      .BindInt(2, s.version)
      .BindText(3, s.document)
      .BindText(4, s.published_by);
  st.BindInt(5, s.published_at);
  return RunInsert(st, "scheme version");
}

Result<std::vector<app::PublishedScheme>> SqlTransaction::ListSchemeVersions() {
  auto st = TRY(c_.Prepared(kListSchemeVersions));
  return QueryAll(st, SchemeVersionFromRow);
}

Result<void> SqlTransaction::InsertEvidenceFile(const app::EvidenceFile& f) {
  auto st = TRY(c_.Prepared(kInsertEvidenceFile));
  st.BindText(1, f.organisation_id)
      .BindText(2, f.id)
      .BindText(3, f.application_id)
      .BindText(4, f.media_type);
  st.BindInt(5, f.size_bytes).BindText(6, f.sha256).BindBlob(7, f.content).BindInt(8, f.created_at);
  return RunInsert(st, "evidence file");
}

Result<std::optional<app::EvidenceFile>> SqlTransaction::FindEvidenceFile(
    const std::string& organisation_id, const std::string& id) {
  auto st = TRY(c_.Prepared(kFindEvidenceFile));
  st.BindText(1, organisation_id).BindText(2, id);
  return QueryOne(st, EvidenceFileFromRow);
}

Result<void> SqlTransaction::InsertSigningKey(const app::SigningKey& key) {
  auto st = TRY(c_.Prepared(kInsertSigningKey));
  st.BindText(1, key.id)
      .BindText(2, key.public_key)
      .BindText(3, key.secret_key)
      .BindInt(4, key.created_at);
  st.BindOptInt(5, key.retired_at);
  return RunInsert(st, "signing key");
}

Result<void> SqlTransaction::RetireSigningKey(const std::string& id, UnixTime at) {
  auto st = TRY(c_.Prepared(kRetireSigningKey));
  st.BindText(1, id).BindInt(2, at);
  return RunOnOne(st, "unretired signing key");
}

Result<std::vector<app::SigningKey>> SqlTransaction::ListSigningKeys() {
  auto st = TRY(c_.Prepared(kListSigningKeys));
  return QueryAll(st, SigningKeyFromRow);
}

Result<std::optional<app::SigningKey>> SqlTransaction::FindCurrentSigningKey() {
  auto st = TRY(c_.Prepared(kCurrentSigningKey));
  return QueryOne(st, SigningKeyFromRow);
}

Result<std::pair<std::optional<app::SigningKey>, app::AuditLink>>
SqlTransaction::SigningKeyAndAuditHead(const std::string& chain) {
  auto key = TRY(c_.Prepared(kCurrentSigningKey));
  TRY(key.SendAhead());
  app::AuditLink head = TRY(AuditHeadForAppend(chain));
  auto found = TRY(QueryOne(key, SigningKeyFromRow));
  return std::pair{std::move(found), std::move(head)};
}

Result<void> SqlTransaction::InsertCertificate(const app::StoredCertificate& c) {
  auto st = TRY(c_.Prepared(kInsertCertificate));
  const Certificate& k = c.certificate;
  st.BindText(1, k.organisation_id).BindText(2, k.id).BindText(3, k.verification_code);
  st.BindText(4, k.organisation_name).BindText(5, k.expires_on).BindText(6, c.document);
  return RunInsert(st, "certificate");
}

Result<std::optional<app::StoredCertificate>> SqlTransaction::FindCertificate(
    const std::string& id) {
  auto st = TRY(c_.Prepared(kFindCertificate));
  st.BindText(1, id);
  return QueryOne(st, CertificateFromRow);
}

Result<std::optional<app::StoredCertificate>> SqlTransaction::FindCertificateByCode(
    const std::string& code) {
  auto st = TRY(c_.Prepared(kFindCertificateByCode));
  st.BindText(1, code);
  return QueryOne(st, CertificateFromRow);
}

Result<std::vector<app::StoredCertificate>> SqlTransaction::ListCertificatesInForce(
    const std::string& today) {
  auto st = TRY(c_.Prepared(kListCertificatesInForce));
  st.BindText(1, today);
  return QueryAll(st, CertificateFromRow);
}

Result<void> SqlTransaction::SetCertificateStanding(const std::string& id, CertificateStanding from,
                                                    const app::StoredCertificate& to) {
  auto st = TRY(c_.Prepared(kSetCertificateStanding));
  st.BindText(1, id).BindText(2, Name(from)).BindText(3, Name(to.standing));
  st.BindText(4, to.standing_reason).BindOptInt(5, to.standing_since).BindText(6, to.standing_by);
  return RunOnOne(st, "certificate with that standing");
}

Result<std::vector<app::StoredCertificate>> SqlTransaction::ListWithdrawnCertificates() {
  auto st = TRY(c_.Prepared(kListWithdrawnCertificates));
  return QueryAll(st, CertificateFromRow);
}

}  // namespace valuemark::storage::sql
