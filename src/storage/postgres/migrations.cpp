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
constexpr const char* kDirectory = R"sql(
CREATE TABLE directory_entries (
  seq             BIGSERIAL PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  organisation_id TEXT,
  source          TEXT NOT NULL,
  name            TEXT NOT NULL,
  sort_name       TEXT COLLATE "C" NOT NULL,
  duplicate_key   TEXT NOT NULL,
  summary         TEXT NOT NULL,
  legal_form      TEXT NOT NULL,
  size_band       TEXT NOT NULL,
  people          BIGINT NOT NULL,
  areas           TEXT NOT NULL,
  themes          TEXT NOT NULL,
  website         TEXT NOT NULL,
  contact_name    TEXT NOT NULL,
  contact_email   TEXT NOT NULL,
  listed          BIGINT NOT NULL,
  taxonomy_version BIGINT NOT NULL,
  theme_mask      BIGINT NOT NULL,
  area_mask       BIGINT NOT NULL,
  legal_form_mask BIGINT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  updated_by      TEXT NOT NULL,
  version         BIGINT NOT NULL,
  words           tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A') ||
    setweight(to_tsvector('english', summary), 'B') ||
    setweight(to_tsvector('english', themes || ' ' || areas), 'C')) STORED
);
CREATE UNIQUE INDEX directory_organisation ON directory_entries(organisation_id)
  WHERE organisation_id IS NOT NULL;
CREATE INDEX directory_duplicate_key ON directory_entries(duplicate_key);
CREATE INDEX directory_listed ON directory_entries(listed, sort_name, seq)
  INCLUDE (theme_mask, area_mask, legal_form_mask, organisation_id);
CREATE INDEX directory_words ON directory_entries USING GIN (words);
)sql";

// Brokerage (issue 16 item 2): needs posted by organisations, and the
// broker's matches of each need with directory entries, which move through
// their stages; a match's explained score and its partnership are JSON.
constexpr const char* kBrokerage = R"sql(
CREATE TABLE brokerage_needs (
  id              TEXT PRIMARY KEY,
  organisation_id TEXT NOT NULL,
  title           TEXT NOT NULL,
  outcomes        TEXT NOT NULL,
  themes          TEXT NOT NULL,
  areas           TEXT NOT NULL,
  theme_mask      BIGINT NOT NULL,
  area_mask       BIGINT NOT NULL,
  budget_pence    BIGINT,
  starts_on       TEXT NOT NULL,
  ends_on         TEXT NOT NULL,
  status          TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      BIGINT NOT NULL,
  updated_at      BIGINT NOT NULL,
  version         BIGINT NOT NULL
);
CREATE INDEX brokerage_needs_organisation ON brokerage_needs(organisation_id, created_at);
CREATE INDEX brokerage_needs_status ON brokerage_needs(status, created_at);
CREATE TABLE brokerage_matches (
  id                        TEXT PRIMARY KEY,
  need_id                   TEXT NOT NULL,
  entry_id                  TEXT NOT NULL,
  need_organisation_id      TEXT NOT NULL,
  candidate_organisation_id TEXT,
  stage                     TEXT NOT NULL,
  introduced                BIGINT NOT NULL,
  score                     DOUBLE PRECISION NOT NULL,
  parts                     TEXT NOT NULL,
  note                      TEXT NOT NULL,
  answered_for              TEXT NOT NULL,
  decline_reason            TEXT NOT NULL,
  partnership               TEXT NOT NULL,
  created_by                TEXT NOT NULL,
  created_at                BIGINT NOT NULL,
  updated_at                BIGINT NOT NULL,
  version                   BIGINT NOT NULL,
  UNIQUE (need_id, entry_id)
);
CREATE INDEX brokerage_matches_need_organisation ON brokerage_matches(need_organisation_id);
CREATE INDEX brokerage_matches_candidate ON brokerage_matches(candidate_organisation_id);
CREATE INDEX brokerage_matches_entry ON brokerage_matches(entry_id, stage);
)sql";

// Benchmarking (issue 16 item 3): the organisations that opted in, with the
// peer group they fall in, and each one's figures by metric.
constexpr const char* kBenchmarks = R"sql(
CREATE TABLE benchmark_contributions (
  organisation_id TEXT PRIMARY KEY,
  sector          TEXT NOT NULL,
  region          TEXT NOT NULL,
  size_band       TEXT NOT NULL,
  opted_in_by     TEXT NOT NULL,
  opted_in_at     BIGINT NOT NULL,
  refreshed_at    BIGINT NOT NULL
);
CREATE TABLE benchmark_figures (
  organisation_id TEXT NOT NULL,
  metric          TEXT NOT NULL,
  value           DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (organisation_id, metric)
);
)sql";

// The preparation call (issue 16 item 4): the Assurance Manager's times,
// each booked by one organisation and then recorded as held.
constexpr const char* kPreparationCalls = R"sql(
CREATE TABLE preparation_slots (
  id              TEXT PRIMARY KEY,
  starts_at       BIGINT NOT NULL,
  minutes         BIGINT NOT NULL,
  scheme_id       TEXT NOT NULL,
  organisation_id TEXT,
  booked_by       TEXT NOT NULL,
  booked_at       BIGINT NOT NULL,
  held_at         BIGINT,
  published_by    TEXT NOT NULL,
  published_at    BIGINT NOT NULL,
  version         BIGINT NOT NULL
);
CREATE INDEX preparation_slots_time ON preparation_slots(starts_at);
CREATE INDEX preparation_slots_organisation ON preparation_slots(organisation_id);
)sql";

// The support around certification (issue 16 item 4): the register of
// practitioners, the directory of consultants and the resource library, kept
// by the certifying body (global). Lists of codes are joined by spaces; a
// resource's file is its content, read only when downloaded.
constexpr const char* kSupportRegisters = R"sql(
CREATE TABLE support_practitioners (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  level        BIGINT NOT NULL,
  organisation TEXT NOT NULL,
  contact      TEXT NOT NULL,
  areas        TEXT NOT NULL,
  awarded_on   TEXT NOT NULL,
  expires_on   TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  version      BIGINT NOT NULL
);
CREATE TABLE support_consultants (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  organisation TEXT NOT NULL,
  summary      TEXT NOT NULL,
  website      TEXT NOT NULL,
  email        TEXT NOT NULL,
  areas        TEXT NOT NULL,
  schemes      TEXT NOT NULL,
  languages    TEXT NOT NULL,
  criteria     TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  version      BIGINT NOT NULL
);
CREATE TABLE support_resources (
  id           TEXT PRIMARY KEY,
  title        TEXT NOT NULL,
  kind         TEXT NOT NULL,
  summary      TEXT NOT NULL,
  link         TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  media_type   TEXT NOT NULL,
  file_bytes   BIGINT NOT NULL,
  schemes      TEXT NOT NULL,
  criteria     TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  updated_at   BIGINT NOT NULL,
  version      BIGINT NOT NULL,
  content      BYTEA
);
)sql";

// The SVQM's allocated consultant (issue 16 item 4): one engagement per
// organisation and scheme, written by its consultant (content: JSON).
constexpr const char* kEngagements = R"sql(
CREATE TABLE engagements (
  organisation_id TEXT NOT NULL,
  id              TEXT NOT NULL,
  scheme_id       TEXT NOT NULL,
  consultant_id   TEXT NOT NULL,
  status          TEXT NOT NULL,
  content         TEXT NOT NULL,
  allocated_by    TEXT NOT NULL,
  allocated_at    BIGINT NOT NULL,
  updated_by      TEXT NOT NULL,
  updated_at      BIGINT NOT NULL,
  version         BIGINT NOT NULL,
  PRIMARY KEY (organisation_id, id)
);
CREATE INDEX engagements_consultant ON engagements(consultant_id);
)sql";

// The directory's search in a narrow table of its own, as SQLite keeps its
// FTS5 table: each entry's words and what the filters and counts read, kept
// in step by a trigger. A search reads the rows of its matches for their
// rank and sets; in the full table those rows carry every other field too
// (60 MB for 100,000 entries, 29 MB here): a common word's 27,657 matches
// took 20 ms to read there, 10 ms here.
constexpr const char* kDirectorySearch = R"sql(
CREATE TABLE directory_search (
  seq             BIGINT PRIMARY KEY,
  organisation_id TEXT,
  listed          BIGINT NOT NULL,
  theme_mask      BIGINT NOT NULL,
  area_mask       BIGINT NOT NULL,
  legal_form_mask BIGINT NOT NULL,
  words           tsvector NOT NULL
);
INSERT INTO directory_search
  SELECT seq, organisation_id, listed, theme_mask, area_mask, legal_form_mask, words
  FROM directory_entries;
ALTER TABLE directory_entries DROP COLUMN words;
CREATE INDEX directory_search_words ON directory_search USING GIN (words);
CREATE FUNCTION directory_search_sync() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM directory_search WHERE seq = OLD.seq;
    RETURN NULL;
  END IF;
  INSERT INTO directory_search
    VALUES (NEW.seq, NEW.organisation_id, NEW.listed, NEW.theme_mask, NEW.area_mask,
            NEW.legal_form_mask,
            setweight(to_tsvector('english', NEW.name), 'A') ||
            setweight(to_tsvector('english', NEW.summary), 'B') ||
            setweight(to_tsvector('english', NEW.themes || ' ' || NEW.areas), 'C'))
    ON CONFLICT (seq) DO UPDATE SET organisation_id = EXCLUDED.organisation_id,
      listed = EXCLUDED.listed, theme_mask = EXCLUDED.theme_mask,
      area_mask = EXCLUDED.area_mask, legal_form_mask = EXCLUDED.legal_form_mask,
      words = EXCLUDED.words;
  RETURN NULL;
END
$body$;
CREATE TRIGGER directory_search_sync AFTER INSERT OR UPDATE OR DELETE ON directory_entries
  FOR EACH ROW EXECUTE FUNCTION directory_search_sync();
)sql";

// Survey responses without a foreign key to their survey: PostgreSQL checks
// one row by row, each check a query that also locks the survey's row, and
// two batches written side by side then share that lock through a
// MultiXact. It was a fifth of the database's work in a stream of durable
// responses (19,000/s without it against 14,000-16,900/s with it, two runs
// each). A response is written only in a transaction that has read its
// survey, and DeleteSurvey deletes the responses itself.
constexpr const char* kResponsesWithoutForeignKey = R"sql(
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'survey_responses'::regclass AND contype = 'f' LOOP
    EXECUTE format('ALTER TABLE survey_responses DROP CONSTRAINT %I', c.conname);
  END LOOP;
END $$;
)sql";

constexpr std::array<Migration, 30> kMigrations = {{
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
    {41, "the directory of social enterprises", kDirectory},
    {42, "brokerage: needs and matches", kBrokerage},
    {43, "benchmarking among peers", kBenchmarks},
    {44, "preparation calls", kPreparationCalls},
    {45, "the support registers", kSupportRegisters},
    {46, "consultant engagements", kEngagements},
    {47, "the directory's search in a table of its own", kDirectorySearch},
    {48, "survey responses without a foreign key", kResponsesWithoutForeignKey},
}};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace valuemark::storage::postgres
