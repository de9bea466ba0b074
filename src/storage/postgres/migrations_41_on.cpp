// The PostgreSQL schema from version 41 on: the network (directory, brokerage,
// benchmarks, preparation calls, registers, engagements) and what came after
// it. A new migration is appended here; migrations.cpp has versions 1 to 40
// and the rules every table keeps. sqlite/migrations_41_on.cpp holds the same
// versions in the other back end's dialect.
#include <array>

#include "storage/postgres/migrations.h"

namespace valuemark::storage::postgres {

namespace {

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

// A statement that must change a row fails by itself when it changes none,
// so that it can go in one round trip with COMMIT (PgConnection::Guarded
// wraps it as `WITH changed AS (... RETURNING 1) SELECT
// valuemark_changed(COUNT(*)) FROM changed`; the driver knows VM000).
constexpr const char* kChangedGuard = R"sql(
CREATE FUNCTION valuemark_changed(n BIGINT) RETURNS BIGINT LANGUAGE plpgsql AS $body$
BEGIN
  IF n = 0 THEN
    RAISE EXCEPTION 'the statement changed no row' USING ERRCODE = 'VM000';
  END IF;
  RETURN n;
END
$body$;
)sql";

constexpr std::array<Migration, 9> kLaterMigrations = {{
    {41, "the directory of social enterprises", kDirectory},
    {42, "brokerage: needs and matches", kBrokerage},
    {43, "benchmarking among peers", kBenchmarks},
    {44, "preparation calls", kPreparationCalls},
    {45, "the support registers", kSupportRegisters},
    {46, "consultant engagements", kEngagements},
    {47, "the directory's search in a table of its own", kDirectorySearch},
    {48, "survey responses without a foreign key", kResponsesWithoutForeignKey},
    {49, "statements that fail by themselves when they change no row", kChangedGuard},
}};

}  // namespace

std::span<const Migration> MigrationsFrom41() { return kLaterMigrations; }

}  // namespace valuemark::storage::postgres
