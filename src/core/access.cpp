#include "core/access.h"

namespace valuemark {

Access Decide(PlatformRole platform, const std::optional<MemberRole>& member, OrgAction action,
              bool allocated) {
  const bool admin = platform == PlatformRole::kAdministrator;
  const bool staff = admin || (platform == PlatformRole::kAssessor && allocated);
  if (!member && !staff) return Access::kHidden;
  switch (action) {
    case OrgAction::kRead:
      return Access::kAllow;
    case OrgAction::kEdit:
      return admin || member == MemberRole::kLead ? Access::kAllow : Access::kForbidden;
    case OrgAction::kSetMembership:
      return admin ? Access::kAllow : Access::kForbidden;
    case OrgAction::kContribute:
      return member ? Access::kAllow : Access::kForbidden;
    case OrgAction::kDecide:
      return member == MemberRole::kLead || member == MemberRole::kSeniorLeader
                 ? Access::kAllow
                 : Access::kForbidden;
    case OrgAction::kCollectData:
      return admin || member ? Access::kAllow : Access::kForbidden;
  }
  return Access::kForbidden;
}

Access DecideApplication(PlatformRole platform, const std::optional<MemberRole>& member,
                         bool allocated, ApplicationAction action) {
  const bool admin = platform == PlatformRole::kAdministrator;
  const bool assessor = allocated && platform == PlatformRole::kAssessor;
  if (!member && !admin && !assessor) return Access::kHidden;
  auto allow_if = [](bool yes) { return yes ? Access::kAllow : Access::kForbidden; };
  switch (action) {
    case ApplicationAction::kRead:
      return Access::kAllow;
    case ApplicationAction::kDraft:
      return allow_if(member == MemberRole::kLead);
    case ApplicationAction::kSignOff:
      return allow_if(member == MemberRole::kLead || member == MemberRole::kSeniorLeader);
    case ApplicationAction::kReview:
      return allow_if(assessor);
    case ApplicationAction::kConverse:
      return allow_if(assessor || member == MemberRole::kLead ||
                      member == MemberRole::kSeniorLeader);
    case ApplicationAction::kAdminister:
      return allow_if(admin);
  }
  return Access::kForbidden;
}

bool Allowed(PlatformRole platform, PlatformAction action) {
  switch (action) {
    case PlatformAction::kListAllOrganisations:
      return platform == PlatformRole::kAdministrator;
    case PlatformAction::kManageUsers:
    case PlatformAction::kReadOutbox:
    case PlatformAction::kVerifyAudit:
    case PlatformAction::kManageRounds:
    case PlatformAction::kManageCertificates:
      return platform == PlatformRole::kAdministrator;
    case PlatformAction::kReviewQueue:
      return platform == PlatformRole::kAssessor || platform == PlatformRole::kAdministrator;
  }
  return false;
}

}  // namespace valuemark
