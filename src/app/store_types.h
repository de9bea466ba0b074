// The record types that more than one module's slice of the storage port
// (store.h) exchanges.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark::app {

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

// The kind of an impact map's records, which other tools read too.
inline constexpr char kImpactMapKind[] = "impact_map";

// A page of a list: items after `after` (an opaque id or key), at most `limit`.
struct PageRequest {
  std::string after;
  int limit = 50;
};

// Which accounts a staff list shows; empty fields match every account.
struct UserQuery {
  std::string text;                  // part of the name or email, any case
  std::optional<PlatformRole> role;  // only accounts with this platform role
  std::optional<bool> active;        // true: not deactivated; false: deactivated
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

}  // namespace valuemark::app
