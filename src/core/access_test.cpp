// The access rules of docs/api.md "Who may do what", case by case.
#include "core/access.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

TEST(Access, OutsidersSeeNothing) {
  for (OrgAction a : {OrgAction::kRead, OrgAction::kEdit, OrgAction::kSetMembership})
    EXPECT_EQ(Decide(PlatformRole::kNone, std::nullopt, a), Access::kHidden);
}

TEST(Access, MembersReadAndOnlyTheLeadEdits) {
  for (MemberRole r : {MemberRole::kMember, MemberRole::kSeniorLeader, MemberRole::kLead})
    EXPECT_EQ(Decide(PlatformRole::kNone, r, OrgAction::kRead), Access::kAllow);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kMember, OrgAction::kEdit), Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kSeniorLeader, OrgAction::kEdit),
            Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kLead, OrgAction::kEdit), Access::kAllow);
}

TEST(Access, MembershipIsTheAdministratorsRecord) {
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kLead, OrgAction::kSetMembership),
            Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, OrgAction::kSetMembership, true),
            Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kAdministrator, std::nullopt, OrgAction::kSetMembership),
            Access::kAllow);
}

TEST(Access, AssessorsReadOnlyTheOrganisationsTheyAssessAndDoNotEdit) {
  EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, OrgAction::kRead, true), Access::kAllow);
  EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, OrgAction::kRead, false),
            Access::kHidden);
  EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, OrgAction::kEdit, true),
            Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, OrgAction::kCollectData, false),
            Access::kHidden);
  EXPECT_FALSE(Allowed(PlatformRole::kAssessor, PlatformAction::kListAllOrganisations));
  EXPECT_TRUE(Allowed(PlatformRole::kAdministrator, PlatformAction::kListAllOrganisations));
  EXPECT_TRUE(Allowed(PlatformRole::kAdministrator, PlatformAction::kManageCertificates));
  EXPECT_FALSE(Allowed(PlatformRole::kAssessor, PlatformAction::kManageCertificates));
  EXPECT_FALSE(Allowed(PlatformRole::kNone, PlatformAction::kManageCertificates));
  EXPECT_EQ(Decide(PlatformRole::kAdministrator, std::nullopt, OrgAction::kEdit), Access::kAllow);
}

TEST(Access, EveryMemberMeasuresAndTheRepresentativesDecide) {
  for (MemberRole r : {MemberRole::kMember, MemberRole::kSeniorLeader, MemberRole::kLead})
    EXPECT_EQ(Decide(PlatformRole::kNone, r, OrgAction::kContribute), Access::kAllow);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kMember, OrgAction::kDecide),
            Access::kForbidden);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kSeniorLeader, OrgAction::kDecide),
            Access::kAllow);
  EXPECT_EQ(Decide(PlatformRole::kNone, MemberRole::kLead, OrgAction::kDecide), Access::kAllow);
  for (OrgAction a : {OrgAction::kContribute, OrgAction::kDecide}) {
    EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, a, true), Access::kForbidden);
    EXPECT_EQ(Decide(PlatformRole::kAssessor, std::nullopt, a, false), Access::kHidden);
    EXPECT_EQ(Decide(PlatformRole::kAdministrator, std::nullopt, a), Access::kForbidden);
    EXPECT_EQ(Decide(PlatformRole::kNone, std::nullopt, a), Access::kHidden);
  }
}

TEST(Access, PlatformActions) {
  EXPECT_FALSE(Allowed(PlatformRole::kNone, PlatformAction::kListAllOrganisations));
  EXPECT_FALSE(Allowed(PlatformRole::kAssessor, PlatformAction::kListAllOrganisations));
  EXPECT_FALSE(Allowed(PlatformRole::kAssessor, PlatformAction::kManageUsers));
  EXPECT_TRUE(Allowed(PlatformRole::kAdministrator, PlatformAction::kManageUsers));
  EXPECT_TRUE(Allowed(PlatformRole::kAdministrator, PlatformAction::kVerifyAudit));
  EXPECT_FALSE(Allowed(PlatformRole::kNone, PlatformAction::kReadOutbox));
}

// Applications: members read, the Lead drafts, both representatives sign
// off, only the allocated assessor reviews and sees it, the administrator
// allocates and awards.
TEST(Access, ApplicationsByRole) {
  using A = ApplicationAction;
  const auto none = std::optional<MemberRole>();
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, none, false, A::kRead), Access::kHidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kAssessor, none, false, A::kRead), Access::kHidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kAssessor, none, true, A::kRead), Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kAssessor, none, true, A::kReview), Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kAssessor, none, true, A::kDraft), Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kMember, false, A::kRead),
            Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kMember, false, A::kDraft),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kLead, false, A::kDraft),
            Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kSeniorLeader, false, A::kDraft),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kSeniorLeader, false, A::kSignOff),
            Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kMember, false, A::kSignOff),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kLead, false, A::kReview),
            Access::kForbidden);
  // The conversation about the criteria: the assessor and the representatives.
  EXPECT_EQ(DecideApplication(PlatformRole::kAssessor, none, true, A::kConverse), Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kSeniorLeader, false, A::kConverse),
            Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kMember, false, A::kConverse),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kAdministrator, none, false, A::kConverse),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kAdministrator, none, false, A::kAdminister),
            Access::kAllow);
  EXPECT_EQ(DecideApplication(PlatformRole::kAdministrator, none, false, A::kReview),
            Access::kForbidden);
  EXPECT_EQ(DecideApplication(PlatformRole::kNone, MemberRole::kLead, false, A::kAdminister),
            Access::kForbidden);
}

}  // namespace
}  // namespace valuemark
