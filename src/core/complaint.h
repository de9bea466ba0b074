// Complaints about a certified organisation, from anyone, filed from its
// register entry. The certifying body investigates: it first asks the
// organisation to answer (the organisation is heard before anything is
// decided), then upholds the complaint, which may suspend or revoke the
// certificate, or dismisses it, with reasons the complainant and the
// organisation read. (SVQM form: "complaints and appeals ... to an oversight
// panel"; docs/api.md "Complaints".)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/result.h"

namespace valuemark {

enum class ComplaintState { kReceived, kAwaitingResponse, kResponded, kUpheld, kDismissed };
// What an upheld complaint does to the certificate.
enum class ComplaintAction { kNone, kSuspend, kRevoke };
const char* Name(ComplaintState s);   // "received", "awaiting_response", "responded", ...
const char* Name(ComplaintAction a);  // "none", "suspend", "revoke"
Result<ComplaintState> ParseComplaintState(const std::string& s);
Result<ComplaintAction> ParseComplaintAction(const std::string& s);

// The organisation has this many working days to answer once asked.
inline constexpr int kComplaintResponseWorkingDays = 10;
inline constexpr size_t kMaxComplaintLength = 8000;

struct Complaint {
  std::string organisation_id;
  std::string id;
  std::string certificate_id;
  std::string complainant_name;
  std::string complainant_email;  // for the outcome; never shown to the organisation
  std::string text;
  UnixTime received_at = 0;
  ComplaintState state = ComplaintState::kReceived;
  std::optional<UnixTime> asked_at;  // when the organisation was asked to answer
  std::string respond_by;            // YYYY-MM-DD, once asked
  std::string response;              // the organisation's answer
  std::string responded_by;          // user id
  std::optional<UnixTime> responded_at;
  ComplaintAction action = ComplaintAction::kNone;
  std::string reasons;     // the certifying body's, with the outcome
  std::string decided_by;  // user id
  std::optional<UnixTime> decided_at;
  int64_t version = 1;
};

bool IsOpen(const Complaint& c);

// The complaint once the organisation is asked to answer on `today`: only a
// received complaint; it answers within kComplaintResponseWorkingDays.
Result<Complaint> AskOrganisation(Complaint c, Days today, UnixTime now);
// The organisation's answer: only while it is asked.
Result<Complaint> RecordResponse(Complaint c, const std::string& response,
                                 const std::string& user_id, UnixTime now);
// Whether the certifying body may decide now: the organisation has answered,
// or its time to answer has passed. Before it is asked, or while it still has
// time, FailedPrecondition in words.
Result<void> CheckMayDecide(const Complaint& c, Days today);

}  // namespace valuemark
