#include "core/preparation_call.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/calendar.h"

namespace valuemark {
namespace {

Error Refuse(std::string message) {
  return Error::Make(ErrorCode::kFailedPrecondition, std::move(message));
}

}  // namespace

SlotState StateOf(const PreparationSlot& s, UnixTime now) {
  if (s.held_at) return SlotState::kHeld;
  if (!s.organisation_id.empty()) return SlotState::kBooked;
  return s.starts_at <= now ? SlotState::kPast : SlotState::kOpen;
}

Result<void> CheckNewSlot(const PreparationSlot& s, UnixTime now) {
  std::vector<FieldError> errors;
  if (s.starts_at <= now)
    errors.push_back({"starts_at", "must be later than now"});
  else if (s.starts_at > now + kMaxCallNoticeDays * 86400)
    errors.push_back({"starts_at", "must be within a year from today"});
  if (s.minutes < kMinCallMinutes || s.minutes > kMaxCallMinutes)
    errors.push_back({"minutes", fmt::format("must be from {} to {} minutes", kMinCallMinutes,
                                             kMaxCallMinutes)});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<void> CheckBooking(const PreparationSlot& s, UnixTime now) {
  switch (StateOf(s, now)) {
    case SlotState::kOpen:
      return {};
    case SlotState::kPast:
      return Fail(Refuse("this time has gone by: choose a later one"));
    default:
      return Fail(Refuse("this time is already booked: choose another"));
  }
}

Result<void> CheckCancel(const PreparationSlot& s, UnixTime now) {
  if (StateOf(s, now) != SlotState::kBooked) return Fail(Refuse("this time is not booked"));
  if (s.starts_at <= now)
    return Fail(Refuse("the call has begun: the Assurance Manager records whether it was held"));
  return {};
}

Result<void> CheckHeld(const PreparationSlot& s, UnixTime now) {
  const SlotState state = StateOf(s, now);
  if (state == SlotState::kHeld) return Fail(Refuse("this call is already recorded as held"));
  if (state != SlotState::kBooked) return Fail(Refuse("nobody booked this time"));
  if (s.starts_at > now) {
    const UnixTime seconds = s.starts_at - DayOf(s.starts_at) * 86400;
    return Fail(Refuse(fmt::format(
        "the call is booked for {} at {:02}:{:02} UTC: record it as held once it has begun",
        ReadableDate(FormatDay(DayOf(s.starts_at))), seconds / 3600, (seconds % 3600) / 60)));
  }
  return {};
}

bool HeldCallFor(const std::vector<PreparationSlot>& of_organisation,
                 const std::string& scheme_id) {
  return std::any_of(of_organisation.begin(), of_organisation.end(), [&](const PreparationSlot& s) {
    return s.held_at.has_value() && s.scheme_id == scheme_id;
  });
}

}  // namespace valuemark
