// Who may do what (docs/api.md "Who may do what"). A pure decision from the
// caller's platform role and their role in the organisation, if any; the use
// cases in src/app ask it before every read and write.
#pragma once

#include <optional>

#include "core/organisation.h"

namespace valuemark {

enum class OrgAction {
  kRead,           // profile, dashboard, members, scopes, history
  kEdit,           // profile, scopes, invitations, members, representatives
  kSetMembership,  // membership status and dates: the certifying body's record
  // Measuring and managing: impact maps, the value bank, pledges, the
  // self-assessment. The organisation's own work, so any member does it;
  // staff read it but do not write an organisation's figures for it.
  kContribute,
  kDecide,       // record a change / stop / scale-up decision: lead or senior leader
  kCollectData,  // design surveys, import responses: any member
};

enum class PlatformAction {
  kListAllOrganisations,
  kManageUsers,  // list users, set platform roles
  kReadOutbox,
  kVerifyAudit,
  kManageRounds,        // open and close certification rounds
  kManageCertificates,  // suspend, reinstate and revoke certificates
  kReviewQueue,         // see submitted applications (assessors: only their own)
};

enum class Access {
  kAllow,
  kForbidden,  // 403: they can see the organisation but not do this
  kHidden,     // 404: not theirs; its existence is not revealed
};

// `allocated` says whether the caller, an assessor, assesses (or assessed)
// an application of the organisation: assessors see only those
// organisations; every other is hidden (404) from them.
Access Decide(PlatformRole platform, const std::optional<MemberRole>& member, OrgAction action,
              bool allocated = false);

// Certification applications (docs/api.md "Who may do what").
enum class ApplicationAction {
  kRead,     // members of the organisation, the allocated assessor, administrators
  kDraft,    // create, evidence, terms, submit: the Social Value Lead drives the pathway
  kSignOff,  // the Lead and the Senior Leader (core/certification.h checks they are the named ones)
  kReview,   // verdicts, amendments, recommendation: the allocated assessor alone
  kConverse,    // the conversation about the criteria: the allocated assessor, the Lead and the
                // Senior Leader
  kAdminister,  // allocate an assessor, award, reject: the scheme administrator
};

// `allocated` says whether the caller is the assessor allocated to the
// application. Assessors see only the applications allocated to them: any
// other is hidden (404), as another organisation's records are.
Access DecideApplication(PlatformRole platform, const std::optional<MemberRole>& member,
                         bool allocated, ApplicationAction action);
bool Allowed(PlatformRole platform, PlatformAction action);

}  // namespace valuemark
