#include "core/complaint.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

// Tue 12 Mar 2030.
const Days kTuesday = DaysFromCivil({2030, 3, 12});

TEST(Complaint, TheOrganisationIsHeardBeforeAnyDecision) {
  Complaint c;
  auto early = CheckMayDecide(c, kTuesday);
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message.find("heard first"), std::string::npos);

  auto asked = AskOrganisation(c, kTuesday, 1);
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->state, ComplaintState::kAwaitingResponse);
  // Ten working days after Tue 12 Mar: Tue 26 Mar.
  EXPECT_EQ(asked->respond_by, "2030-03-26");
  EXPECT_FALSE(AskOrganisation(*asked, kTuesday, 2));
  EXPECT_FALSE(CheckMayDecide(*asked, kTuesday));
  EXPECT_FALSE(CheckMayDecide(*asked, DaysFromCivil({2030, 3, 26})));
  // Its time has passed without an answer: the body may decide.
  EXPECT_TRUE(CheckMayDecide(*asked, DaysFromCivil({2030, 3, 27})));

  auto answered = RecordResponse(*asked, "We fixed it", "u1", 3);
  ASSERT_TRUE(answered);
  EXPECT_EQ(answered->state, ComplaintState::kResponded);
  EXPECT_TRUE(CheckMayDecide(*answered, kTuesday));
  EXPECT_FALSE(RecordResponse(*answered, "Again", "u1", 4));
  EXPECT_FALSE(RecordResponse(c, "Unasked", "u1", 4));

  Complaint decided = *answered;
  decided.state = ComplaintState::kUpheld;
  EXPECT_FALSE(IsOpen(decided));
  EXPECT_FALSE(CheckMayDecide(decided, kTuesday));
  EXPECT_EQ(ParseComplaintAction("revoke").value(), ComplaintAction::kRevoke);
  EXPECT_FALSE(ParseComplaintState("closed"));
}

}  // namespace
}  // namespace valuemark
