// Who may do what (docs/api.md "Who may do what"). A pure decision from the
// caller's platform role and their role in the organisation, if any; the use
// cases in src/app ask it before every read and write.
#pragma once

#include <optional>

#include "core/organisation.h"

namespace valuemark {

enum class OrgAction {
  kRead,              // profile, dashboard, members, scopes, history
  kEdit,              // profile, scopes, invitations, members, representatives
  kSetMembership,     // membership status and dates: the certifying body's record
  // Measuring and managing: impact maps, the value bank, pledges, the
  // self-assessment. The organisation's own work, so any member does it;
  // staff read it but do not write an organisation's figures for it.
  kContribute,
  kDecide,            // record a change / stop / scale-up decision: lead or senior leader
  kCollectData,       // design surveys, import responses: any member
};

enum class PlatformAction {
  kListAllOrganisations,
  kManageUsers,   // list users, set platform roles
  kReadOutbox,
  kVerifyAudit,
};

enum class Access {
  kAllow,
  kForbidden,  // 403: they can see the organisation but not do this
  kHidden,     // 404: not theirs; its existence is not revealed
};

Access Decide(PlatformRole platform, const std::optional<MemberRole>& member, OrgAction action);
bool Allowed(PlatformRole platform, PlatformAction action);

}  // namespace valuemark
