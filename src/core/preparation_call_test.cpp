#include "core/preparation_call.h"

#include <gtest/gtest.h>

namespace valuemark {
namespace {

constexpr UnixTime kNow = 1'796'000'000;

TEST(PreparationCall, ATimeIsPublishedAheadAndBookedOnceThenHeld) {
  PreparationSlot s;
  s.scheme_id = "svmc";
  s.starts_at = kNow - 1;
  s.minutes = 5;
  auto bad = CheckNewSlot(s, kNow);
  ASSERT_FALSE(bad.has_value());
  ASSERT_EQ(bad.error().fields.size(), 2U);
  EXPECT_EQ(bad.error().fields[0].path, "starts_at");
  EXPECT_EQ(bad.error().fields[1].path, "minutes");
  s.starts_at = kNow + 400 * 86400;
  s.minutes = 30;
  EXPECT_FALSE(CheckNewSlot(s, kNow).has_value());  // more than a year ahead
  s.starts_at = kNow + 86400;
  EXPECT_TRUE(CheckNewSlot(s, kNow).has_value());

  EXPECT_EQ(StateOf(s, kNow), SlotState::kOpen);
  EXPECT_TRUE(CheckBooking(s, kNow).has_value());
  EXPECT_FALSE(CheckHeld(s, kNow + 2 * 86400).has_value());  // nobody booked it
  s.organisation_id = "org";
  EXPECT_EQ(StateOf(s, kNow), SlotState::kBooked);
  EXPECT_EQ(CheckBooking(s, kNow).error().code, ErrorCode::kFailedPrecondition);
  EXPECT_TRUE(CheckCancel(s, kNow).has_value());
  auto early = CheckHeld(s, kNow);  // not begun
  ASSERT_FALSE(early.has_value());
  EXPECT_NE(early.error().message.find("once it has begun"), std::string::npos)
      << early.error().message;
  EXPECT_FALSE(CheckCancel(s, kNow + 86400).has_value());  // begun
  EXPECT_TRUE(CheckHeld(s, kNow + 86400 + 60).has_value());
  EXPECT_FALSE(HeldCallFor({s}, "svmc"));
  s.held_at = kNow + 86400 + 1800;
  EXPECT_EQ(StateOf(s, kNow), SlotState::kHeld);
  EXPECT_TRUE(HeldCallFor({s}, "svmc"));
  EXPECT_FALSE(HeldCallFor({s}, "svqm"));
  EXPECT_FALSE(CheckHeld(s, kNow + 2 * 86400).has_value());  // once

  PreparationSlot gone;
  gone.starts_at = kNow - 60;
  EXPECT_EQ(StateOf(gone, kNow), SlotState::kPast);
  EXPECT_NE(CheckBooking(gone, kNow).error().message.find("gone by"), std::string::npos);
}

}  // namespace
}  // namespace valuemark
