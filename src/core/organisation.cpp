#include "core/organisation.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/enum_names.h"

namespace valuemark {
namespace {

using detail::NameFrom;
using detail::ParseFrom;

constexpr std::array<std::pair<const char*, PlatformRole>, 4> kPlatformRoles = {
    {{"none", PlatformRole::kNone},
     {"assessor", PlatformRole::kAssessor},
     {"administrator", PlatformRole::kAdministrator},
     {"broker", PlatformRole::kBroker}}};
constexpr std::array<std::pair<const char*, MemberRole>, 3> kMemberRoles = {
    {{"member", MemberRole::kMember},
     {"lead", MemberRole::kLead},
     {"senior_leader", MemberRole::kSeniorLeader}}};
constexpr std::array<std::pair<const char*, SizeBand>, 4> kSizeBands = {
    {{"small", SizeBand::kSmall},
     {"medium", SizeBand::kMedium},
     {"large", SizeBand::kLarge},
     {"very_large", SizeBand::kVeryLarge}}};
constexpr std::array<std::pair<const char*, MembershipStatus>, 3> kStatuses = {
    {{"none", MembershipStatus::kNone},
     {"active", MembershipStatus::kActive},
     {"lapsed", MembershipStatus::kLapsed}}};
constexpr std::array<std::pair<const char*, ScopeKind>, 4> kScopeKinds = {
    {{"programme", ScopeKind::kProgramme},
     {"service", ScopeKind::kService},
     {"department", ScopeKind::kDepartment},
     {"project", ScopeKind::kProject}}};

}  // namespace

const char* Name(PlatformRole r) { return NameFrom(kPlatformRoles, r); }
const char* Name(MemberRole r) { return NameFrom(kMemberRoles, r); }
const char* Label(MemberRole r) {
  switch (r) {
    case MemberRole::kLead:
      return "the Social Value Lead";
    case MemberRole::kSeniorLeader:
      return "the Senior Leader";
    case MemberRole::kMember:
      return "a member";
  }
  return "a member";
}
const char* Name(SizeBand b) { return NameFrom(kSizeBands, b); }
const char* Name(MembershipStatus s) { return NameFrom(kStatuses, s); }
const char* Name(ScopeKind k) { return NameFrom(kScopeKinds, k); }

Result<PlatformRole> ParsePlatformRole(const std::string& s) {
  return ParseFrom(kPlatformRoles, s);
}
Result<MemberRole> ParseMemberRole(const std::string& s) { return ParseFrom(kMemberRoles, s); }
Result<SizeBand> ParseSizeBand(const std::string& s) { return ParseFrom(kSizeBands, s); }
Result<MembershipStatus> ParseMembershipStatus(const std::string& s) {
  return ParseFrom(kStatuses, s);
}
Result<ScopeKind> ParseScopeKind(const std::string& s) { return ParseFrom(kScopeKinds, s); }

InvitationState StateOf(const Invitation& inv, UnixTime now) {
  if (inv.accepted_at) return InvitationState::kAccepted;
  if (inv.revoked_at) return InvitationState::kRevoked;
  if (now >= inv.expires_at) return InvitationState::kExpired;
  return InvitationState::kPending;
}

const char* Name(InvitationState s) {
  switch (s) {
    case InvitationState::kPending:
      return "pending";
    case InvitationState::kAccepted:
      return "accepted";
    case InvitationState::kRevoked:
      return "revoked";
    case InvitationState::kExpired:
      return "expired";
  }
  return "?";
}

}  // namespace valuemark
