// The SVQM's allocated consultant (issue 16 item 4; SVQM overview: "A social
// value consultant will be allocated to you: they will review your needs and
// current progress to compliance …, set out recommendations and options …,
// carry out a pre-audit …, recommend and provide training, mentoring and
// consultancy …, [and] when ready … carry out the verification process").
// An engagement joins one organisation and one consultant (a user whose
// platform role is assessor, never a member of the organisation) for a
// scheme; the consultant writes it, the organisation reads it. Pure
// functions; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/result.h"

namespace valuemark {

inline constexpr size_t kMaxEngagementText = 8000;
inline constexpr size_t kMaxEngagementTitle = 200;
inline constexpr size_t kMaxEngagementItems = 100;
inline constexpr int kMaxSessionMinutes = 8 * 60;

enum class EngagementStatus { kActive, kClosed };
const char* Name(EngagementStatus s);  // "active", "closed"
Result<EngagementStatus> ParseEngagementStatus(const std::string& s);

// What a line of the training and mentoring plan offers.
enum class SupportKind { kTraining, kMentoring, kConsultancy };
const char* Name(SupportKind k);      // "training", "mentoring", "consultancy"
const char* Describe(SupportKind k);  // "Training", "Mentoring", "Consultancy"
Result<SupportKind> ParseSupportKind(const std::string& s);

struct Recommendation {
  std::string title;
  std::string detail;  // the options, and what each would take
};

struct PlanItem {
  std::string topic;
  SupportKind kind = SupportKind::kTraining;
  std::string due_on;  // YYYY-MM-DD, or ""
  bool done = false;
};

struct SessionLog {
  std::string held_on;  // YYYY-MM-DD, not after today
  int minutes = 60;     // 1..480
  std::string summary;
};

// A pre-audit (of the organisation's systems for capturing and evaluating
// social value) or the on-site audit (the verification). `positive`: ready
// to apply (pre-audit); the mark recommended in principle (on-site audit).
struct AuditVisit {
  std::string done_on;  // YYYY-MM-DD, not after today
  std::string findings;
  bool positive = false;
};

struct EngagementContent {
  std::string needs_review;  // the organisation's needs and progress to compliance
  std::vector<Recommendation> recommendations;
  std::vector<PlanItem> plan;
  std::vector<SessionLog> sessions;
  std::optional<AuditVisit> pre_audit;
  std::optional<AuditVisit> site_audit;
};

struct Engagement {
  std::string id;
  std::string organisation_id;
  std::string scheme_id;
  std::string consultant_id;  // user id
  EngagementStatus status = EngagementStatus::kActive;
  EngagementContent content;
  std::string allocated_by;
  UnixTime allocated_at = 0;
  std::string updated_by;
  UnixTime updated_at = 0;
  int64_t version = 1;
};

// Every problem of the content, each named by its path (e.g.
// "sessions[2].held_on"): texts within their limits, dates real and, for what
// has happened, not after today; the on-site audit only after a pre-audit.
// Sessions are put in date order, newest first.
Result<void> CheckEngagementContent(EngagementContent& c, Days today);

}  // namespace valuemark
