// The PostgreSQL schema: the same tables and columns as sqlite/migrations.cpp,
// in PostgreSQL's dialect, plus audit_heads (below). A released migration is
// never edited: a change is a new migration appended to the list.
//
// Times are BIGINT Unix seconds, as on SQLite, so both back ends convert rows
// the same way. Key columns are COLLATE "C": ids then sort bytewise, as on
// SQLite, whatever the database's locale, and pagination (id > cursor) agrees
// with the primary key's order.
//
// Scale-out (Citus): tenant tables (those with an organisation_id column)
// carry organisation_id first in every primary and unique key, organisations
// is keyed by id, and the audit tables by chain (= organisation id, or
// "platform"), so they can be distributed by organisation and co-located with
// no schema change; the others are global (reference) tables. Every table's
// place, with the reason, is in tests/storage/distribution.cpp, which holds
// the migrated schema to this and docs/operations.md's Citus commands to it.
// Tenant tables reference organisations (same tenant, co-located) but
// never users: a foreign key from a distributed table to users would force
// users to be a reference table copied to every node, so there is none.
#include "storage/postgres/migrations.h"

#include <array>
#include <vector>

#include "storage/migration_plan.h"

namespace valuemark::storage::postgres {

namespace {

constexpr const char* kInitialSchema = R"sql(
CREATE TABLE users (
  id            TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  platform_role TEXT NOT NULL,
  created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
  id_hash    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user_id ON sessions(user_id);
CREATE INDEX sessions_expires_at ON sessions(expires_at);

CREATE TABLE password_resets (
  token_hash TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX password_resets_user_id ON password_resets(user_id);

-- lead_user_id and senior_leader_user_id name users but have no foreign key:
-- organisations is distributed, users is global (see the file comment).
CREATE TABLE organisations (
  id                    TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  name                  TEXT NOT NULL,
  legal_structure       TEXT NOT NULL,
  sector                TEXT NOT NULL,
  size_band             TEXT NOT NULL,
  area                  TEXT NOT NULL,
  membership_status     TEXT NOT NULL,
  membership_start      TEXT,
  membership_expiry     TEXT,
  lead_user_id          TEXT COLLATE "C",
  senior_leader_user_id TEXT COLLATE "C",
  created_at            BIGINT NOT NULL,
  updated_at            BIGINT NOT NULL,
  version               BIGINT NOT NULL
);

CREATE TABLE members (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id         TEXT COLLATE "C" NOT NULL,
  role            TEXT NOT NULL,
  joined_at       BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, user_id)
);
-- "Which organisations is this user in?" on every /me.
CREATE INDEX members_user_id ON members(user_id);

CREATE TABLE scopes (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  kind            TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX scopes_name ON scopes(organisation_id, name);

CREATE TABLE invitations (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  email           TEXT NOT NULL,
  role            TEXT NOT NULL,
  invited_by      TEXT COLLATE "C" NOT NULL,
  created_at      BIGINT NOT NULL,
  expires_at      BIGINT NOT NULL,
  accepted_at     BIGINT,
  revoked_at      BIGINT,
  token_hash      TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, token_hash)
);
CREATE INDEX invitations_created_at ON invitations(organisation_id, created_at);

CREATE TABLE outbox (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  sent_at    BIGINT,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_unsent ON outbox(id) WHERE sent_at IS NULL;

-- One hash chain per organisation (chain = organisation id) plus "platform".
-- Append-only: the code has no UPDATE or DELETE for it, and the triggers below
-- refuse them (and TRUNCATE) from anywhere else, psql included.
CREATE TABLE audit_log (
  chain           TEXT COLLATE "C" NOT NULL,
  seq             BIGINT NOT NULL,
  at              BIGINT NOT NULL,
  actor_id        TEXT NOT NULL,
  action          TEXT NOT NULL,
  entity_type     TEXT NOT NULL,
  entity_id       TEXT NOT NULL,
  organisation_id TEXT NOT NULL,
  digest          TEXT NOT NULL,
  prev_hash       TEXT NOT NULL,
  hash            TEXT NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- The head of each audit chain (PostgreSQL only). Writers run concurrently
-- here, so a transaction that appends to a chain first locks its row
-- (SELECT ... FOR UPDATE): appenders of one chain then take turns and the
-- sequence has no gaps and no forks. SQLite needs no such row: it has one
-- writer at a time.
CREATE TABLE audit_heads (
  chain TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  seq   BIGINT NOT NULL,
  hash  TEXT NOT NULL
);
)sql";

// Measure-and-manage records (sqlite/migrations.cpp says why one table).
// Distributed by organisation_id with the other tenant tables.
constexpr const char* kRecordsSchema = R"sql(
CREATE TABLE records (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  kind            TEXT COLLATE "C" NOT NULL,
  id              TEXT COLLATE "C" NOT NULL,
  version         BIGINT NOT NULL,
  scope_id        TEXT NOT NULL,
  title           TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, kind, id, version)
);
CREATE INDEX records_by_id ON records(kind, id);
)sql";

// Surveys (issue 6), as on SQLite. survey_links is a reference table: the
// public page knows only the token.
constexpr const char* kSurveysSchema = R"sql(
CREATE TABLE surveys (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  scope_id        TEXT,
  token           TEXT NOT NULL,
  design          TEXT NOT NULL,
  response_count  BIGINT NOT NULL DEFAULT 0,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  version         BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX surveys_created_at ON surveys(organisation_id, created_at);
-- /surveys/{id} names no organisation: find it from the id.
CREATE INDEX surveys_id ON surveys(id);

CREATE TABLE survey_links (
  token           TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  organisation_id TEXT COLLATE "C" NOT NULL,
  survey_id       TEXT COLLATE "C" NOT NULL
);

CREATE TABLE survey_responses (
  organisation_id TEXT COLLATE "C" NOT NULL,
  survey_id       TEXT COLLATE "C" NOT NULL,
  id              TEXT COLLATE "C" NOT NULL,
  idempotency_key TEXT COLLATE "C" NOT NULL,
  respondent_code TEXT NOT NULL,
  answers         TEXT NOT NULL,
  source          TEXT NOT NULL,
  submitted_at    BIGINT NOT NULL,
  excluded_reason TEXT,
  excluded_by     TEXT NOT NULL DEFAULT '',
  excluded_at     BIGINT,
  PRIMARY KEY (organisation_id, survey_id, id),
  UNIQUE (organisation_id, survey_id, idempotency_key),
  FOREIGN KEY (organisation_id, survey_id) REFERENCES surveys(organisation_id, id) ON DELETE CASCADE
);
)sql";

constexpr const char* kCertification = R"sql(
-- The certifying body's rounds: global, like users.
CREATE TABLE rounds (
  id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  name       TEXT NOT NULL,
  opens_on   TEXT NOT NULL,
  closes_on  TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX rounds_opens_on ON rounds(opens_on);

-- An application is read and written whole (evidence, sign-offs, verdicts):
-- `document` holds it (formats/application_json.h); the other columns are
-- copies of its fields that lists search and sort by, and its version.
CREATE TABLE applications (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  scheme_id       TEXT NOT NULL,
  level           BIGINT NOT NULL,
  state           TEXT NOT NULL,
  assessor_id     TEXT COLLATE "C",
  submitted_at    BIGINT,
  created_at      BIGINT NOT NULL,
  version         BIGINT NOT NULL,
  document        TEXT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
-- /applications/{id} carries no organisation: ids are random and unique.
CREATE INDEX applications_id ON applications(id);
CREATE INDEX applications_submitted ON applications(submitted_at) WHERE state <> 'draft';
CREATE INDEX applications_assessor ON applications(assessor_id, submitted_at);
)sql";

constexpr const char* kCertificates = R"sql(
CREATE TABLE signing_keys (
  id         TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  public_key TEXT NOT NULL,
  secret_key TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- `document` is the signed certificate, byte for byte as served and verified;
-- the other columns are copies that lookups and the register use.
CREATE TABLE certificates (
  organisation_id   TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT COLLATE "C" NOT NULL,
  verification_code TEXT COLLATE "C" NOT NULL,
  organisation_name TEXT NOT NULL,
  expires_on        TEXT NOT NULL,
  document          TEXT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX certificates_id ON certificates(id);
CREATE INDEX certificates_code ON certificates(verification_code);
CREATE INDEX certificates_expires_on ON certificates(expires_on);
)sql";

constexpr const char* kEvidenceFiles = R"sql(
CREATE TABLE evidence_files (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  application_id  TEXT NOT NULL,
  media_type      TEXT NOT NULL,
  size_bytes      BIGINT NOT NULL,
  sha256          TEXT NOT NULL,
  content_base64  TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
)sql";

constexpr const char* kSchemeVersions = R"sql(
-- Scheme versions published by administrators (beside data/schemes files).
CREATE TABLE scheme_versions (
  scheme_id    TEXT COLLATE "C" NOT NULL,
  version      BIGINT NOT NULL,
  document     TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at BIGINT NOT NULL,
  PRIMARY KEY (scheme_id, version)
);
)sql";

// In-app notifications, as on SQLite.
constexpr const char* kNotificationsSchema = R"sql(
CREATE INDEX outbox_by_recipient ON outbox(to_address, id);
CREATE TABLE notification_reads (
  user_id    TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  seen_up_to BIGINT NOT NULL
);
)sql";

// Key rotation and signed audit checkpoints, as on SQLite. Checkpoints are
// distributed by chain with the log.
constexpr const char* kKeysAndCheckpoints = R"sql(
ALTER TABLE signing_keys ADD COLUMN retired_at BIGINT;

CREATE TABLE audit_checkpoints (
  chain      TEXT COLLATE "C" NOT NULL,
  seq        BIGINT NOT NULL,
  hash       TEXT NOT NULL,
  at         BIGINT NOT NULL,
  heads      TEXT NOT NULL,
  key_id     TEXT NOT NULL,
  signature  TEXT NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_checkpoints_rosters ON audit_checkpoints(seq) WHERE heads <> '';

CREATE FUNCTION audit_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_checkpoints is append-only: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER audit_checkpoints_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoints_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoints_append_only();
)sql";

// Email verification, as on SQLite: existing users are taken as verified.
constexpr const char* kEmailVerification = R"sql(
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
UPDATE users SET email_verified_at = created_at;

CREATE TABLE email_verifications (
  token_hash TEXT COLLATE "C" NOT NULL PRIMARY KEY,
  user_id    TEXT COLLATE "C" NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at    BIGINT
);
CREATE INDEX email_verifications_user_id ON email_verifications(user_id);
)sql";

// Failed logins, as on SQLite (a global table).
constexpr const char* kLoginFailures = R"sql(
CREATE TABLE login_failures (
  key      TEXT COLLATE "C" NOT NULL,
  at       BIGINT NOT NULL,
  failures BIGINT NOT NULL,
  PRIMARY KEY (key, at)
);
CREATE INDEX login_failures_at ON login_failures(at);
)sql";

// Evidence files as bytes (BYTEA) instead of base64 text, as on SQLite; rows
// stored before are decoded here.
constexpr const char* kBinaryEvidenceFiles = R"sql(
ALTER TABLE evidence_files ADD COLUMN content BYTEA;
UPDATE evidence_files SET content = decode(content_base64, 'base64');
ALTER TABLE evidence_files ALTER COLUMN content SET NOT NULL;
ALTER TABLE evidence_files DROP COLUMN content_base64;
)sql";

// Sizes kept beside their bodies for the quotas, as on SQLite.
// Surveys have a status (draft, published, closed); those made before it
// were live from the start, so they are published.
// A certificate's standing after issue: suspended or revoked by the
// certifying body, with the reason, when and by whom (core/certificate.h).
constexpr const char* kCertificateStanding = R"sql(
ALTER TABLE certificates ADD COLUMN standing TEXT NOT NULL DEFAULT 'active';
ALTER TABLE certificates ADD COLUMN standing_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE certificates ADD COLUMN standing_since BIGINT;
ALTER TABLE certificates ADD COLUMN standing_by TEXT NOT NULL DEFAULT '';
CREATE INDEX certificates_standing ON certificates(standing) WHERE standing <> 'active';
)sql";

// Requests to join or renew membership, and the administrators' decisions
// (core/membership.h). At most one pending request per organisation.
constexpr const char* kMembershipRequests = R"sql(
CREATE TABLE membership_requests (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  kind            TEXT NOT NULL,
  state           TEXT NOT NULL,
  staff           BIGINT NOT NULL,
  turnover_pence  BIGINT NOT NULL,
  size_band       TEXT NOT NULL,
  fee_net_pence   BIGINT NOT NULL,
  fee_vat_percent BIGINT NOT NULL,
  requested_by    TEXT COLLATE "C" NOT NULL,
  requested_at    BIGINT NOT NULL,
  decided_by      TEXT COLLATE "C" NOT NULL DEFAULT '',
  decided_at      BIGINT,
  reason          TEXT NOT NULL DEFAULT '',
  version         BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id)
);
CREATE UNIQUE INDEX membership_requests_one_pending ON membership_requests(organisation_id)
  WHERE state = 'pending';
CREATE INDEX membership_requests_waiting ON membership_requests(requested_at)
  WHERE state = 'pending';
)sql";

// Appeals against rejections, suspensions and revocations (core/appeal.h).
// One appeal per decision.
constexpr const char* kAppeals = R"sql(
CREATE TABLE appeals (
  organisation_id TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id              TEXT COLLATE "C" NOT NULL,
  subject         TEXT NOT NULL,
  application_id  TEXT COLLATE "C" NOT NULL,
  certificate_id  TEXT COLLATE "C" NOT NULL DEFAULT '',
  grounds         TEXT NOT NULL,
  filed_by        TEXT COLLATE "C" NOT NULL,
  filed_at        BIGINT NOT NULL,
  decision_on     TEXT NOT NULL,
  deadline        TEXT NOT NULL,
  took_part       TEXT NOT NULL DEFAULT '',
  state           TEXT NOT NULL,
  decided_by      TEXT COLLATE "C" NOT NULL DEFAULT '',
  decided_at      BIGINT,
  reasons         TEXT NOT NULL DEFAULT '',
  version         BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, application_id, certificate_id, subject, decision_on)
);
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
  organisation_id   TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT COLLATE "C" NOT NULL,
  number            TEXT NOT NULL,
  subject           TEXT NOT NULL,
  subject_id        TEXT COLLATE "C" NOT NULL,
  description       TEXT NOT NULL,
  currency          TEXT NOT NULL,
  size_band         TEXT NOT NULL,
  net_pence         BIGINT NOT NULL,
  vat_percent       BIGINT NOT NULL,
  vat_pence         BIGINT NOT NULL,
  gross_pence       BIGINT NOT NULL,
  issued_on         TEXT NOT NULL,
  due_on            TEXT NOT NULL,
  issued_at         BIGINT NOT NULL,
  state             TEXT NOT NULL,
  paid_on           TEXT NOT NULL DEFAULT '',
  payment_reference TEXT NOT NULL DEFAULT '',
  void_reason       TEXT NOT NULL DEFAULT '',
  decided_by        TEXT COLLATE "C" NOT NULL DEFAULT '',
  decided_at        BIGINT,
  version           BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id),
  UNIQUE (organisation_id, subject, subject_id)
);
CREATE INDEX invoices_issued ON invoices(issued_at);
CREATE TABLE invoice_sequences (
  year BIGINT NOT NULL PRIMARY KEY,
  last BIGINT NOT NULL
);
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
  organisation_id   TEXT COLLATE "C" NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  id                TEXT COLLATE "C" NOT NULL,
  certificate_id    TEXT COLLATE "C" NOT NULL,
  complainant_name  TEXT NOT NULL,
  complainant_email TEXT NOT NULL,
  text              TEXT NOT NULL,
  received_at       BIGINT NOT NULL,
  state             TEXT NOT NULL,
  asked_at          BIGINT,
  respond_by        TEXT NOT NULL DEFAULT '',
  response          TEXT NOT NULL DEFAULT '',
  responded_by      TEXT COLLATE "C" NOT NULL DEFAULT '',
  responded_at      BIGINT,
  action            TEXT NOT NULL DEFAULT 'none',
  reasons           TEXT NOT NULL DEFAULT '',
  decided_by        TEXT COLLATE "C" NOT NULL DEFAULT '',
  decided_at        BIGINT,
  version           BIGINT NOT NULL DEFAULT 1,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX complaints_open ON complaints(received_at) WHERE state NOT IN ('upheld', 'dismissed');
CREATE INDEX complaints_id ON complaints(id);
)sql";

// An account an administrator deactivated (core/organisation.h User).
constexpr const char* kUserDeactivation = R"sql(
ALTER TABLE users ADD COLUMN deactivated_at BIGINT;
)sql";

constexpr const char* kSurveyStatus = R"sql(
ALTER TABLE surveys ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
)sql";

constexpr const char* kStoredSizes = R"sql(
ALTER TABLE records ADD COLUMN body_bytes BIGINT NOT NULL DEFAULT 0;
UPDATE records SET body_bytes = octet_length(body);
CREATE INDEX records_bytes ON records(organisation_id, body_bytes);
ALTER TABLE surveys ADD COLUMN design_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE surveys ADD COLUMN response_bytes BIGINT NOT NULL DEFAULT 0;
UPDATE surveys SET design_bytes = octet_length(design),
  response_bytes = (SELECT COALESCE(SUM(octet_length(r.answers)), 0) FROM survey_responses r
                    WHERE r.organisation_id = surveys.organisation_id AND r.survey_id = surveys.id);
CREATE INDEX surveys_bytes ON surveys(organisation_id, design_bytes, response_bytes);
CREATE INDEX evidence_files_bytes ON evidence_files(organisation_id, size_bytes);
)sql";

// Versions need not be consecutive; each is applied once, in order of its
// number, whenever the database has not recorded it yet (PostgresStore::Migrate).
// The directory of social enterprises (issue 16): one row per entry, its sets
// of themes, areas and legal form also kept as bit masks for the filters and
// facet counts, and PostgreSQL's own full-text search over its words (a
// generated tsvector and its GIN index).
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

}  // namespace valuemark::storage::postgres
