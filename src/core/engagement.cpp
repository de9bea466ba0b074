#include "core/engagement.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/enum_names.h"

namespace valuemark {
namespace {

constexpr detail::NameTable<EngagementStatus, 2> kEngagementStatuses = {{
    {"active", EngagementStatus::kActive},
    {"closed", EngagementStatus::kClosed},
}};

constexpr detail::NameTable<SupportKind, 3> kSupportKinds = {{
    {"training", SupportKind::kTraining},
    {"mentoring", SupportKind::kMentoring},
    {"consultancy", SupportKind::kConsultancy},
}};

void CheckText(std::vector<FieldError>& errors, const std::string& path, const std::string& text,
               size_t min, size_t max) {
  if (text.size() < min)
    errors.push_back(
        {path, min == 1 ? "is required" : fmt::format("write at least {} characters", min)});
  else if (text.size() > max)
    errors.push_back({path, fmt::format("use at most {} characters", max)});
}

// A date that has happened: real, and not after today.
void CheckPastDate(std::vector<FieldError>& errors, const std::string& path,
                   const std::string& date, Days today) {
  auto d = ParseDate(date);
  if (!d)
    errors.push_back({path, "must be a date such as 2026-11-30"});
  else if (DaysFromCivil(*d) > today)
    errors.push_back({path, "cannot be after today: record it once it has taken place"});
}

void CheckCount(std::vector<FieldError>& errors, const char* path, size_t n) {
  if (n > kMaxEngagementItems)
    errors.push_back({path, fmt::format("keep at most {} entries", kMaxEngagementItems)});
}

}  // namespace

const char* Name(EngagementStatus s) { return detail::NameFrom(kEngagementStatuses, s); }
Result<EngagementStatus> ParseEngagementStatus(const std::string& s) {
  return detail::ParseFrom(kEngagementStatuses, s);
}

const char* Name(SupportKind k) { return detail::NameFrom(kSupportKinds, k); }
const char* Describe(SupportKind k) {
  switch (k) {
    case SupportKind::kTraining:
      return "Training";
    case SupportKind::kMentoring:
      return "Mentoring";
    case SupportKind::kConsultancy:
      return "Consultancy";
  }
  return "Training";
}
Result<SupportKind> ParseSupportKind(const std::string& s) {
  return detail::ParseFrom(kSupportKinds, s);
}

Result<void> CheckEngagementContent(EngagementContent& c, Days today) {
  std::vector<FieldError> errors;
  CheckText(errors, "needs_review", c.needs_review, 0, kMaxEngagementText);
  CheckCount(errors, "recommendations", c.recommendations.size());
  for (size_t i = 0; i < c.recommendations.size(); ++i) {
    const std::string at = fmt::format("recommendations[{}]", i);
    CheckText(errors, at + ".title", c.recommendations[i].title, 1, kMaxEngagementTitle);
    CheckText(errors, at + ".detail", c.recommendations[i].detail, 0, kMaxEngagementText);
  }
  CheckCount(errors, "plan", c.plan.size());
  for (size_t i = 0; i < c.plan.size(); ++i) {
    const std::string at = fmt::format("plan[{}]", i);
    CheckText(errors, at + ".topic", c.plan[i].topic, 1, kMaxEngagementTitle);
    if (!c.plan[i].due_on.empty() && !ParseDate(c.plan[i].due_on))
      errors.push_back({at + ".due_on", "must be a date such as 2027-03-31, or be left empty"});
  }
  CheckCount(errors, "sessions", c.sessions.size());
  for (size_t i = 0; i < c.sessions.size(); ++i) {
    const std::string at = fmt::format("sessions[{}]", i);
    CheckPastDate(errors, at + ".held_on", c.sessions[i].held_on, today);
    if (c.sessions[i].minutes < 1 || c.sessions[i].minutes > kMaxSessionMinutes)
      errors.push_back(
          {at + ".minutes", fmt::format("must be from 1 to {} minutes", kMaxSessionMinutes)});
    CheckText(errors, at + ".summary", c.sessions[i].summary, 1, kMaxEngagementText);
  }
  for (auto [name, visit] :
       {std::pair{"pre_audit", &c.pre_audit}, std::pair{"site_audit", &c.site_audit}}) {
    if (!*visit) continue;
    CheckPastDate(errors, std::string(name) + ".done_on", (*visit)->done_on, today);
    CheckText(errors, std::string(name) + ".findings", (*visit)->findings, 1, kMaxEngagementText);
  }
  if (c.site_audit && !c.pre_audit)
    errors.push_back({"site_audit", "record the pre-audit first: the on-site audit follows it"});
  else if (c.site_audit && c.pre_audit && c.site_audit->done_on < c.pre_audit->done_on)
    errors.push_back({"site_audit.done_on", fmt::format("must be on or after the pre-audit, {}",
                                                        ReadableDate(c.pre_audit->done_on))});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  std::stable_sort(c.sessions.begin(), c.sessions.end(),
                   [](const SessionLog& a, const SessionLog& b) { return a.held_on > b.held_on; });
  return {};
}

}  // namespace valuemark
