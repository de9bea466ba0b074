// The SQLite schema, versions 1 to 40; migrations_41_on.cpp has the rest. A
// released migration is never edited: a change is a new migration appended
// to the list there. postgres/migrations.cpp holds the same
// tables in PostgreSQL's dialect; the contract tests hold both to the port.
//
// Tables are STRICT (types are enforced, SQLite 3.37+) and, where the key is
// text, WITHOUT ROWID, so that a point read is one B-tree descent.
//
// Tenant tables (those with an organisation_id column) carry organisation_id
// first in every primary and unique key, so that PostgreSQL can be distributed
// by organisation with the same schema. They reference organisations (same
// tenant, co-located) but never users: users is a global table, and a foreign
// key from tenant rows to it would tie every shard to it. Every table is placed
// (tenant, audit chain or global, with the reason) and held to this by
// tests/storage/distribution.cpp, on the migrated schema. Enums are stored as
// their names (core/organisation.h Name()).
#include "storage/sqlite/migrations.h"

#include <sodium.h>
#include <sqlite3.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "storage/migration_plan.h"

namespace valuemark::storage::sqlite {

namespace {

constexpr const char* kInitialSchema = R"sql(
CREATE TABLE users (
  id            TEXT NOT NULL PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  platform_role TEXT NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE sessions (
  id_hash    TEXT NOT NULL PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX sessions_user_id ON sessions(user_id);
CREATE INDEX sessions_expires_at ON sessions(expires_at);

CREATE TABLE password_resets (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX password_resets_user_id ON password_resets(user_id);

-- lead_user_id and senior_leader_user_id name users but have no foreign key:
-- organisations is distributed by id, users is global (see the file comment).
CREATE TABLE organisations (
  id                    TEXT NOT NULL PRIMARY KEY,
  name                  TEXT NOT NULL,
  legal_structure       TEXT NOT NULL,
  sector                TEXT NOT NULL,
  size_band             TEXT NOT NULL,
  area                  TEXT NOT NULL,
  membership_status     TEXT NOT NULL,
  membership_start      TEXT,
  membership_expiry     TEXT,
  lead_user_id          TEXT,
  senior_leader_user_id TEXT,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL,
  version               INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE members (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id         TEXT NOT NULL,
  role            TEXT NOT NULL,
  joined_at       INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, user_id)
) STRICT, WITHOUT ROWID;
-- "Which organisations is this user in?" on every /me.
CREATE INDEX members_user_id ON members(user_id);

CREATE TABLE scopes (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX scopes_name ON scopes(organisation_id, name);

CREATE TABLE invitations (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  email           TEXT NOT NULL,
  role            TEXT NOT NULL,
  invited_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  accepted_at     INTEGER,
  revoked_at      INTEGER,
  token_hash      TEXT NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, token_hash)
) STRICT, WITHOUT ROWID;
CREATE INDEX invitations_created_at ON invitations(organisation_id, created_at);

-- AUTOINCREMENT: an id is never reused, even after the newest row is deleted,
-- so a sent message's id stays unique in logs.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  to_address TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_unsent ON outbox(id) WHERE sent_at IS NULL;

-- One hash chain per organisation (chain = organisation id) plus "platform".
-- Append-only: the code has no UPDATE or DELETE for it, and the triggers below
-- refuse them from anywhere else (the sqlite3 shell included).
CREATE TABLE audit_log (
  chain           TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  at              INTEGER NOT NULL,
  actor_id        TEXT NOT NULL,
  action          TEXT NOT NULL,
  entity_type     TEXT NOT NULL,
  entity_id       TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  digest          TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL,
  PRIMARY KEY (chain, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
)sql";

// Measure-and-manage records: every version of an impact map, value-bank
// proxy, pledge or decision, as JSON the use cases check (app/store.h
// RecordVersion). A rowid table, not WITHOUT ROWID: an impact map's body runs
// to hundreds of kilobytes, far past the row size WITHOUT ROWID suits.
constexpr const char* kRecordsSchema = R"sql(
CREATE TABLE records (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL,
  id              TEXT NOT NULL,
  version         INTEGER NOT NULL,
  scope_id        TEXT NOT NULL,
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, kind, id, version)
) STRICT;
-- Routes such as /impact-maps/{id} name only the record.
CREATE INDEX records_by_id ON records(kind, id);
)sql";

// Surveys (issue 6). survey_links is global: the public page knows only the
// token. Response ids grow with time, so appends land at the end of the
// primary key and a survey's responses are one contiguous range to scan.
constexpr const char* kSurveysSchema = R"sql(
CREATE TABLE surveys (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  scope_id        TEXT,
  token           TEXT NOT NULL,
  design          TEXT NOT NULL,
  response_count  INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX surveys_created_at ON surveys(organisation_id, created_at);
-- /surveys/{id} names no organisation: find it from the id.
CREATE INDEX surveys_id ON surveys(id);

CREATE TABLE survey_links (
  token           TEXT NOT NULL PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  survey_id       TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE survey_responses (
  organisation_id TEXT NOT NULL,
  survey_id       TEXT NOT NULL,
  id              TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  respondent_code TEXT NOT NULL,
  answers         TEXT NOT NULL,
  source          TEXT NOT NULL,
  submitted_at    INTEGER NOT NULL,
  excluded_reason TEXT,
  excluded_by     TEXT NOT NULL DEFAULT '',
  excluded_at     INTEGER,
  PRIMARY KEY (organisation_id, survey_id, id),
  UNIQUE (organisation_id, survey_id, idempotency_key),
  FOREIGN KEY (organisation_id, survey_id) REFERENCES surveys(organisation_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
)sql";

constexpr const char* kCertification = R"sql(
-- The certifying body's rounds: global, like users.
CREATE TABLE rounds (
  id         TEXT NOT NULL PRIMARY KEY,
  name       TEXT NOT NULL,
  opens_on   TEXT NOT NULL,
  closes_on  TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX rounds_opens_on ON rounds(opens_on);

-- An application is read and written whole (evidence, sign-offs, verdicts):
-- `document` holds it (formats/application_json.h); the other columns are
-- copies of its fields that lists search and sort by, and its version.
CREATE TABLE applications (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  scheme_id       TEXT NOT NULL,
  level           INTEGER NOT NULL,
  state           TEXT NOT NULL,
  assessor_id     TEXT,
  submitted_at    INTEGER,
  created_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
-- /applications/{id} carries no organisation: ids are random and unique.
CREATE INDEX applications_id ON applications(id);
CREATE INDEX applications_submitted ON applications(submitted_at) WHERE state <> 'draft';
CREATE INDEX applications_assessor ON applications(assessor_id, submitted_at);
)sql";

constexpr const char* kCertificates = R"sql(
CREATE TABLE signing_keys (
  id         TEXT NOT NULL PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- `document` is the signed certificate, byte for byte as served and verified;
-- the other columns are copies that lookups and the register use.
CREATE TABLE certificates (
  organisation_id   TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT NOT NULL,
  verification_code TEXT NOT NULL,
  organisation_name TEXT NOT NULL,
  expires_on        TEXT NOT NULL,
  document          TEXT NOT NULL,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX certificates_id ON certificates(id);
CREATE INDEX certificates_code ON certificates(verification_code);
CREATE INDEX certificates_expires_on ON certificates(expires_on);
)sql";

constexpr const char* kEvidenceFiles = R"sql(
CREATE TABLE evidence_files (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  application_id  TEXT NOT NULL,
  media_type      TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL,
  sha256          TEXT NOT NULL,
  content_base64  TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
)sql";

constexpr const char* kSchemeVersions = R"sql(
-- Scheme versions published by administrators (beside data/schemes files).
CREATE TABLE scheme_versions (
  scheme_id    TEXT NOT NULL,
  version      INTEGER NOT NULL,
  document     TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (scheme_id, version)
) STRICT, WITHOUT ROWID;
)sql";

// In-app notifications: the outbox read by recipient, and how far each user
// has read theirs.
constexpr const char* kNotificationsSchema = R"sql(
CREATE INDEX outbox_by_recipient ON outbox(to_address, id);
CREATE TABLE notification_reads (
  user_id    TEXT NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  seen_up_to INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
)sql";

// Key rotation and signed audit checkpoints (app/audit/chain.h). A retired key
// stays, so that what it signed stays verifiable. Checkpoints are append-only
// like the log they sign.
constexpr const char* kKeysAndCheckpoints = R"sql(
ALTER TABLE signing_keys ADD COLUMN retired_at INTEGER;

CREATE TABLE audit_checkpoints (
  chain      TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  hash       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  heads      TEXT NOT NULL,
  key_id     TEXT NOT NULL,
  signature  TEXT NOT NULL,
  PRIMARY KEY (chain, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX audit_checkpoints_rosters ON audit_checkpoints(seq) WHERE heads <> '';

CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
BEGIN
  SELECT RAISE(ABORT, 'audit_checkpoints is append-only: DELETE is not allowed');
END;
)sql";

// Email verification: every user who existed before is taken as verified
// (they signed up when sign-up did not ask, or were made by staff).
constexpr const char* kEmailVerification = R"sql(
ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_verifications (
  token_hash TEXT NOT NULL PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) STRICT, WITHOUT ROWID;
CREATE INDEX email_verifications_user_id ON email_verifications(user_id);
)sql";

// Failed logins, counted per key and second, so that the lockout survives a
// restart; rows older than the window are pruned (by `at`).
constexpr const char* kLoginFailures = R"sql(
CREATE TABLE login_failures (
  key      TEXT NOT NULL,
  at       INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (key, at)
) STRICT, WITHOUT ROWID;
CREATE INDEX login_failures_at ON login_failures(at);
)sql";

// Evidence files as bytes (a BLOB) instead of base64 text: a third smaller,
// and no decoding on every download. Rows stored before are decoded here.
constexpr const char* kBinaryEvidenceFiles = R"sql(
ALTER TABLE evidence_files ADD COLUMN content BLOB NOT NULL DEFAULT x'';
UPDATE evidence_files SET content = vm_base64_decode(content_base64);
ALTER TABLE evidence_files DROP COLUMN content_base64;
)sql";

// Quotas (app/platform.h Quotas) add up the bytes an organisation stores
// without reading the bodies: each size is kept beside its body, and the
// indexes cover the sums.
// Surveys have a status (draft, published, closed); those made before it
// were live from the start, so they are published.
// A certificate's standing after issue: suspended or revoked by the
// certifying body, with the reason, when and by whom (core/certificate.h).
constexpr const char* kCertificateStanding = R"sql(
ALTER TABLE certificates ADD COLUMN standing TEXT NOT NULL DEFAULT 'active';
ALTER TABLE certificates ADD COLUMN standing_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN standing_since INTEGER;
ALTER TABLE certificates ADD COLUMN standing_by TEXT NOT NULL DEFAULT '';
CREATE INDEX certificates_standing ON certificates(standing) WHERE standing <> 'active';
)sql";

// Requests to join or renew membership, and the administrators' decisions
// (core/membership.h). At most one pending request per organisation.
constexpr const char* kMembershipRequests = R"sql(
CREATE TABLE membership_requests (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  kind            TEXT NOT NULL,
  state           TEXT NOT NULL,
  staff           INTEGER NOT NULL,
  turnover_pence  INTEGER NOT NULL,
  size_band       TEXT NOT NULL,
  fee_net_pence   INTEGER NOT NULL,
  fee_vat_percent INTEGER NOT NULL,
  requested_by    TEXT NOT NULL,
  requested_at    INTEGER NOT NULL,
  decided_by      TEXT NOT NULL DEFAULT '',
  decided_at      INTEGER,
  reason          TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX membership_requests_one_pending ON membership_requests(organisation_id)
  WHERE state = 'pending';
CREATE INDEX membership_requests_waiting ON membership_requests(requested_at)
  WHERE state = 'pending';
)sql";

// Appeals against rejections, suspensions and revocations (core/appeal.h).
// One appeal per decision.
constexpr const char* kAppeals = R"sql(
CREATE TABLE appeals (
  organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT NOT NULL,
  subject         TEXT NOT NULL,
  application_id  TEXT NOT NULL,
  certificate_id  TEXT NOT NULL DEFAULT '',
  grounds         TEXT NOT NULL,
  filed_by        TEXT NOT NULL,
  filed_at        INTEGER NOT NULL,
  decision_on     TEXT NOT NULL,
  deadline        TEXT NOT NULL,
  took_part       TEXT NOT NULL DEFAULT '',
  state           TEXT NOT NULL,
  decided_by      TEXT NOT NULL DEFAULT '',
  decided_at      INTEGER,
  reasons         TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, application_id, certificate_id, subject, decision_on)
) STRICT, WITHOUT ROWID;
CREATE INDEX appeals_open ON appeals(filed_at) WHERE state = 'open';
CREATE INDEX appeals_id ON appeals(id);
)sql";

// What each update changed, field by field (formats/record_changes.h), kept
// beside the digest and covered by the entry's hash.
constexpr const char* kAuditChanges = R"sql(
ALTER TABLE audit_log ADD COLUMN changes TEXT NOT NULL DEFAULT '';
)sql";

// Invoices for memberships and applications (core/invoice.h), one per
// request or application, and the yearly sequence that numbers them.
constexpr const char* kInvoices = R"sql(
CREATE TABLE invoices (
  organisation_id   TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT NOT NULL,
  number            TEXT NOT NULL,
  subject           TEXT NOT NULL,
  subject_id        TEXT NOT NULL,
  description       TEXT NOT NULL,
  currency          TEXT NOT NULL,
  size_band         TEXT NOT NULL,
  net_pence         INTEGER NOT NULL,
  vat_percent       INTEGER NOT NULL,
  vat_pence         INTEGER NOT NULL,
  gross_pence       INTEGER NOT NULL,
  issued_on         TEXT NOT NULL,
  due_on            TEXT NOT NULL,
  issued_at         INTEGER NOT NULL,
  state             TEXT NOT NULL,
  paid_on           TEXT NOT NULL DEFAULT '',
  payment_reference TEXT NOT NULL DEFAULT '',
  void_reason       TEXT NOT NULL DEFAULT '',
  decided_by        TEXT NOT NULL DEFAULT '',
  decided_at        INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, subject, subject_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX invoices_issued ON invoices(issued_at);
CREATE TABLE invoice_sequences (
  year INTEGER NOT NULL PRIMARY KEY,
  last INTEGER NOT NULL
) STRICT;
)sql";

// The responses table's "excluded" filter: a few rows among many, found by
// this partial index instead of a scan of the survey's responses.
constexpr const char* kExcludedResponses = R"sql(
CREATE INDEX survey_responses_excluded ON survey_responses (organisation_id, survey_id, id)
  WHERE excluded_reason IS NOT NULL;
)sql";

// Complaints about certified organisations (core/complaint.h).
constexpr const char* kComplaints = R"sql(
CREATE TABLE complaints (
  organisation_id   TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT NOT NULL,
  certificate_id    TEXT NOT NULL,
  complainant_name  TEXT NOT NULL,
  complainant_email TEXT NOT NULL,
  text              TEXT NOT NULL,
  received_at       INTEGER NOT NULL,
  state             TEXT NOT NULL,
  asked_at          INTEGER,
  respond_by        TEXT NOT NULL DEFAULT '',
  response          TEXT NOT NULL DEFAULT '',
  responded_by      TEXT NOT NULL DEFAULT '',
  responded_at      INTEGER,
  action            TEXT NOT NULL DEFAULT 'none',
  reasons           TEXT NOT NULL DEFAULT '',
  decided_by        TEXT NOT NULL DEFAULT '',
  decided_at        INTEGER,
  version           INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX complaints_open ON complaints(received_at) WHERE state NOT IN ('upheld', 'dismissed');
CREATE INDEX complaints_id ON complaints(id);
)sql";

// An account an administrator deactivated (core/organisation.h User).
constexpr const char* kUserDeactivation = R"sql(
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
)sql";

constexpr const char* kSurveyStatus = R"sql(
ALTER TABLE surveys ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
)sql";

constexpr const char* kStoredSizes = R"sql(
ALTER TABLE records ADD COLUMN body_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE records SET body_bytes = length(CAST(body AS BLOB));
CREATE INDEX records_bytes ON records(organisation_id, body_bytes);
ALTER TABLE surveys ADD COLUMN design_bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE surveys ADD COLUMN response_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE surveys SET design_bytes = length(CAST(design AS BLOB)),
  response_bytes = (SELECT COALESCE(SUM(length(CAST(r.answers AS BLOB))), 0) FROM survey_responses r
                    WHERE r.organisation_id = surveys.organisation_id AND r.survey_id = surveys.id);
CREATE INDEX surveys_bytes ON surveys(organisation_id, design_bytes, response_bytes);
CREATE INDEX evidence_files_bytes ON evidence_files(organisation_id, size_bytes);
)sql";

// Standard base64 with padding, as app::Base64 wrote it (libsodium's
// decoder); false otherwise.
bool DecodeBase64(std::string_view text, std::string& out) {
  out.resize(text.size() / 4 * 3 + 3);
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return false;
  out.resize(length);
  return true;
}

void Base64DecodeFunction(sqlite3_context* context, int, sqlite3_value** argv) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  const int n = sqlite3_value_bytes(argv[0]);
  std::string out;
  if (text == nullptr || !DecodeBase64(std::string_view(text, static_cast<size_t>(n)), out)) {
    sqlite3_result_error(context, "vm_base64_decode: not standard base64", -1);
    return;
  }
  sqlite3_result_blob64(context, out.data(), out.size(), SQLITE_TRANSIENT);
}

// Versions need not be consecutive; each is applied once, in order of its
// number, whenever the database has not recorded it yet (SqliteStore::Migrate).
// The directory of social enterprises (issue 16): one row per entry, its sets
// of themes, areas and legal form also kept as bit masks for the filters and
// facet counts, and an FTS5 index over its words kept in step by triggers.
constexpr std::array<Migration, 22> kMigrations = {{
    {1, "initial schema", kInitialSchema},
    {2, "certification rounds and applications", kCertification},
    {3, "certificates and their signing keys", kCertificates},
    {4, "measure-and-manage records", kRecordsSchema},
    {6, "evidence files", kEvidenceFiles},
    {7, "published scheme versions", kSchemeVersions},
    {10, "surveys", kSurveysSchema},
    {11, "in-app notifications", kNotificationsSchema},
    {20, "signing key rotation and signed audit checkpoints", kKeysAndCheckpoints},
    {21, "email verification", kEmailVerification},
    {22, "failed logins kept across restarts", kLoginFailures},
    {30, "evidence files as bytes", kBinaryEvidenceFiles},
    {31, "stored sizes for quotas", kStoredSizes},
    {32, "survey status", kSurveyStatus},
    {33, "certificate suspension and revocation", kCertificateStanding},
    {34, "deactivated accounts", kUserDeactivation},
    {35, "membership requests", kMembershipRequests},
    {36, "appeals", kAppeals},
    {37, "what each audited update changed", kAuditChanges},
    {38, "invoices", kInvoices},
    {39, "complaints", kComplaints},
    {40, "an index of excluded survey responses", kExcludedResponses},
}};

}  // namespace

std::span<const Migration> Migrations() {
  static const std::vector<Migration> all =
      Joined(std::span<const Migration>(kMigrations), MigrationsFrom41());
  return all;
}

int RegisterMigrationFunctions(sqlite3* db) {
  return sqlite3_create_function_v2(db, "vm_base64_decode", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                                    nullptr, &Base64DecodeFunction, nullptr, nullptr, nullptr);
}

}  // namespace valuemark::storage::sqlite
