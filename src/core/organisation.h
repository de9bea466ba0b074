// Accounts, organisations and their people: the platform's domain records
// (docs/api.md "Organisations"). Plain data with named parsers; the
// rules of who may do what are in access.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace valuemark {

// Seconds since the Unix epoch, UTC. Core has no clock: callers pass "now".
using UnixTime = int64_t;

// A role in the certifying body, held by platform staff.
// The broker runs the directory and brokerage of the network (issue 16).
enum class PlatformRole { kNone, kAssessor, kAdministrator, kBroker };
// A role inside one organisation (SVMC: the Social Value Lead drives the
// pathway, the Senior Leader signs off as governance).
enum class MemberRole { kMember, kLead, kSeniorLeader };
enum class SizeBand { kSmall, kMedium, kLarge, kVeryLarge };
enum class MembershipStatus { kNone, kActive, kLapsed };
enum class ScopeKind { kProgramme, kService, kDepartment, kProject };

const char* Name(PlatformRole r);      // "none", "assessor", "administrator", "broker"
const char* Name(MemberRole r);        // "member", "lead", "senior_leader"
const char* Name(SizeBand b);          // "small", "medium", "large", "very_large"
const char* Name(MembershipStatus s);  // "none", "active", "lapsed"
const char* Name(ScopeKind k);         // "programme", "service", "department", "project"
// The role in words, for emails and documents: "a member", "the Social Value
// Lead", "the Senior Leader".
const char* Label(MemberRole r);

// Each returns InvalidArgument with a message listing the allowed values.
Result<PlatformRole> ParsePlatformRole(const std::string& s);
Result<MemberRole> ParseMemberRole(const std::string& s);
Result<SizeBand> ParseSizeBand(const std::string& s);
Result<MembershipStatus> ParseMembershipStatus(const std::string& s);
Result<ScopeKind> ParseScopeKind(const std::string& s);

struct User {
  std::string id;
  std::string email;  // stored lower-case; unique
  std::string name;
  PlatformRole platform_role = PlatformRole::kNone;
  UnixTime created_at = 0;
  // When the owner proved the address theirs (the link in the sign-up email);
  // nullopt until then. Unverified accounts may not join an organisation or
  // sign off evidence.
  std::optional<UnixTime> email_verified_at = std::nullopt;
  // When an administrator deactivated the account: it can no longer sign in,
  // and its sessions ended then. nullopt: active.
  std::optional<UnixTime> deactivated_at = std::nullopt;
};

struct Organisation {
  std::string id;
  std::string name;
  std::string legal_structure;  // e.g. "charity", "community interest company", "sole trader"
  std::string sector;
  SizeBand size_band = SizeBand::kSmall;
  std::string area;
  MembershipStatus membership_status = MembershipStatus::kNone;
  std::optional<std::string> membership_start;   // YYYY-MM-DD
  std::optional<std::string> membership_expiry;  // YYYY-MM-DD
  // The two named representatives (SVMC: both sign off all evidence).
  std::optional<std::string> lead_user_id;
  std::optional<std::string> senior_leader_user_id;
  UnixTime created_at = 0;
  UnixTime updated_at = 0;
  int64_t version = 1;  // optimistic concurrency for edits
};

struct Member {
  std::string organisation_id;
  std::string user_id;
  MemberRole role = MemberRole::kMember;
  UnixTime joined_at = 0;
  // Filled in by reads for display; not stored with the membership.
  std::string name;
  std::string email;
};

struct Scope {
  std::string organisation_id;
  std::string id;
  ScopeKind kind = ScopeKind::kProject;
  std::string name;
  std::string description;
  UnixTime created_at = 0;
};

struct Invitation {
  std::string organisation_id;
  std::string id;
  std::string email;
  MemberRole role = MemberRole::kMember;
  std::string invited_by;  // user id
  UnixTime created_at = 0;
  UnixTime expires_at = 0;
  std::optional<UnixTime> accepted_at;
  std::optional<UnixTime> revoked_at;
  std::string token_hash;  // hex SHA-256 of the secret in the link; the secret is never stored
};

enum class InvitationState { kPending, kAccepted, kRevoked, kExpired };
InvitationState StateOf(const Invitation& inv, UnixTime now);
const char* Name(InvitationState s);  // "pending", "accepted", "revoked", "expired"

}  // namespace valuemark
