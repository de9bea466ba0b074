// Appeals against the certifying body's decisions: a rejected application, a
// suspended or revoked certificate. The organisation appeals within the
// scheme's window of working days (the newer SVQM form: "appeals within 10
// working days to an oversight panel"); staff who took no part in the
// decision decide it, with reasons.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/certification.h"
#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

enum class AppealSubject { kRejection, kSuspension, kRevocation };
enum class AppealState { kOpen, kUpheld, kDismissed };
const char* Name(AppealSubject s);  // "rejection", "suspension", "revocation"
const char* Name(AppealState s);    // "open", "upheld", "dismissed"
Result<AppealSubject> ParseAppealSubject(const std::string& s);
Result<AppealState> ParseAppealState(const std::string& s);

inline constexpr size_t kMaxAppealTextLength = 8000;

struct Appeal {
  std::string organisation_id;
  std::string id;
  AppealSubject subject = AppealSubject::kRejection;
  std::string application_id;  // the rejected application, or the certificate's award
  std::string certificate_id;  // a suspension or revocation: the certificate; "" otherwise
  std::string grounds;         // the organisation's case
  std::string filed_by;        // user id
  UnixTime filed_at = 0;
  std::string decision_on;  // YYYY-MM-DD: the day of the decision appealed against
  std::string deadline;     // YYYY-MM-DD: the last day it could be filed
  // Who took part in the decision (the assessor, the administrator who
  // decided): none of them may decide the appeal.
  std::vector<std::string> took_part;
  AppealState state = AppealState::kOpen;
  std::string decided_by;  // "" while open
  std::optional<UnixTime> decided_at;
  std::string reasons;  // the panel's, always given
  int64_t version = 1;
};

// The last day to appeal a decision made on `decided_on`: that many working
// days (Monday to Friday) after it. 0 working days: no appeal is possible.
std::optional<Days> AppealDeadline(Days decided_on, int working_days);

// Whether an appeal may be filed on `today`: FailedPrecondition in words when
// the scheme allows none or the window has closed.
Result<Days> CheckAppealWindow(Days decided_on, int working_days, Days today);

// An upheld appeal against a rejection: the application is reviewed afresh.
// It is submitted again, waiting for an assessor, with results due
// results_due_days from today; the reviews, the recommendation and the
// rejection's reasons are set aside (the evidence and the sign-offs stay).
// FailedPrecondition unless it is rejected.
Result<void> ReopenAfterUpheldAppeal(Application& app, const Scheme& scheme, Days today);

}  // namespace valuemark
