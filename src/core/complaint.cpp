#include "core/complaint.h"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "core/appeal.h"
#include "core/enum_names.h"

namespace valuemark {
namespace {

constexpr std::array<std::pair<const char*, ComplaintState>, 5> kComplaintStates = {
    {{"received", ComplaintState::kReceived},
     {"awaiting_response", ComplaintState::kAwaitingResponse},
     {"responded", ComplaintState::kResponded},
     {"upheld", ComplaintState::kUpheld},
     {"dismissed", ComplaintState::kDismissed}}};
constexpr std::array<std::pair<const char*, ComplaintAction>, 3> kActions = {
    {{"none", ComplaintAction::kNone},
     {"suspend", ComplaintAction::kSuspend},
     {"revoke", ComplaintAction::kRevoke}}};

Error Precondition(std::string message) {
  return Error::Make(ErrorCode::kFailedPrecondition, std::move(message));
}

}  // namespace

const char* Name(ComplaintState s) { return detail::NameFrom(kComplaintStates, s); }
const char* Name(ComplaintAction a) { return detail::NameFrom(kActions, a); }
Result<ComplaintState> ParseComplaintState(const std::string& s) {
  return detail::ParseFrom(kComplaintStates, s);
}
Result<ComplaintAction> ParseComplaintAction(const std::string& s) {
  return detail::ParseFrom(kActions, s);
}

bool IsOpen(const Complaint& c) {
  return c.state != ComplaintState::kUpheld && c.state != ComplaintState::kDismissed;
}

Result<Complaint> AskOrganisation(Complaint c, Days today, UnixTime now) {
  if (c.state != ComplaintState::kReceived)
    return Fail(Precondition("the organisation was already asked to answer this complaint"));
  c.state = ComplaintState::kAwaitingResponse;
  c.asked_at = now;
  c.respond_by = FormatDay(*AppealDeadline(today, kComplaintResponseWorkingDays));
  return c;
}

Result<Complaint> RecordResponse(Complaint c, const std::string& response,
                                 const std::string& user_id, UnixTime now) {
  if (c.state != ComplaintState::kAwaitingResponse)
    return Fail(Precondition(c.state == ComplaintState::kResponded
                                 ? "the organisation has already answered this complaint"
                                 : "this complaint is not waiting for the organisation's answer"));
  c.state = ComplaintState::kResponded;
  c.response = response;
  c.responded_by = user_id;
  c.responded_at = now;
  return c;
}

Result<void> CheckMayDecide(const Complaint& c, Days today) {
  switch (c.state) {
    case ComplaintState::kReceived:
      return Fail(Precondition(
          "the organisation is heard first: ask it to answer the complaint before deciding"));
    case ComplaintState::kAwaitingResponse:
      if (auto by = ParseDate(c.respond_by); by && today <= DaysFromCivil(*by))
        return Fail(Precondition(fmt::format(
            "the organisation has until {} to answer: it is heard first, so decide once it has "
            "answered or that day has passed",
            ReadableDate(c.respond_by))));
      return {};
    case ComplaintState::kResponded:
      return {};
    default:
      return Fail(Precondition("this complaint is already decided"));
  }
}

}  // namespace valuemark
