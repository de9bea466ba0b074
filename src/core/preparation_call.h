// The preparation call (issue 16 item 4; SVMC: "a preparation call with the
// Assurance Manager before applying"). The Assurance Manager (the scheme
// administrator) publishes times; an organisation's Lead or Senior Leader
// books one for a scheme; after the call the Assurance Manager records that
// it was held. A scheme whose data says `preparation_call` refuses an
// application's submission until the organisation has held one for it.
// Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

inline constexpr int kMinCallMinutes = 15;
inline constexpr int kMaxCallMinutes = 180;
inline constexpr int64_t kMaxCallNoticeDays = 366;

struct PreparationSlot {
  std::string id;
  UnixTime starts_at = 0;
  int minutes = 30;
  std::string scheme_id;        // the scheme the call prepares for
  std::string organisation_id;  // "" while open
  std::string booked_by;
  UnixTime booked_at = 0;
  std::optional<UnixTime> held_at;
  std::string published_by;
  UnixTime published_at = 0;
  int64_t version = 1;
};

enum class SlotState { kOpen, kBooked, kHeld, kPast };  // kPast: open and gone by
SlotState StateOf(const PreparationSlot& s, UnixTime now);

// A time to publish: from now to a year ahead, 15 to 180 minutes; field errors.
Result<void> CheckNewSlot(const PreparationSlot& s, UnixTime now);
// Booking: the slot is open and ahead; FailedPrecondition in words otherwise.
Result<void> CheckBooking(const PreparationSlot& s, UnixTime now);
// Cancelling a booking: booked, not held, not yet begun.
Result<void> CheckCancel(const PreparationSlot& s, UnixTime now);
// Recording the call as held: booked, not held, and begun.
Result<void> CheckHeld(const PreparationSlot& s, UnixTime now);

// Whether the organisation has held a call for the scheme.
bool HeldCallFor(const std::vector<PreparationSlot>& of_organisation, const std::string& scheme_id);

}  // namespace valuemark
