// Appeals against the certifying body's decisions (core/appeal.h): the Lead or
// the Senior Leader appeals a rejection, a suspension or a revocation within
// the scheme's window of working days; an administrator who took no part in
// the decision (and is not a member of the organisation) upholds or dismisses
// it with reasons. An upheld appeal reopens the application for a fresh
// review, or reinstates the certificate. Every step is audited and emailed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/certification/certification.h"
#include "core/appeal.h"

namespace valuemark::app {

struct NamedAppeal {
  Appeal appeal;
  std::string organisation_name;
  std::string title;  // what was decided, e.g. "Social Value Quality Mark: Forecast"
  std::string filed_by_name, decided_by_name;
  bool may_decide = false;  // the caller may decide it (open, and they took no part)
};

// Whether a decision can be appealed, until when, and the appeal if filed.
struct AppealOption {
  std::optional<AppealSubject> subject;  // none: nothing here can be appealed
  std::string decision_on, deadline;     // YYYY-MM-DD, when there is a decision
  bool may_appeal = false;  // the caller may file it now (a representative, in time, not yet filed)
  std::string cannot;       // why not, in words, when it cannot be filed now
  std::optional<NamedAppeal> appeal;
};

class AppealService : public UseCases {
 public:
  AppealService(Store& store, const PlatformOptions& options, CertificationService& certification)
      : UseCases(store, options), certification_(certification) {}

  Result<AppealOption> ForApplication(const Caller& caller, const std::string& application_id);
  Result<AppealOption> ForCertificate(const Caller& caller, const std::string& certificate_id);
  Result<NamedAppeal> AppealRejection(const Caller& caller, const std::string& application_id,
                                      const std::string& grounds);
  Result<NamedAppeal> AppealStanding(const Caller& caller, const std::string& certificate_id,
                                     const std::string& grounds);
  Result<NamedAppeal> Decide(const Caller& caller, const std::string& appeal_id, bool upheld,
                             const std::string& reasons);
  // Every open appeal, oldest first (administrators).
  Result<std::vector<NamedAppeal>> Open(const Caller& caller);

 private:
  CertificationService& certification_;
  struct Subject;
  Result<Subject> RejectionOf(Transaction& tx, const Caller& caller, const std::string& id);
  Result<Subject> StandingOf(Transaction& tx, const Caller& caller, const std::string& id);
  Result<AppealOption> OptionOf(Transaction& tx, const Caller& caller, const Subject& s);
  Result<NamedAppeal> File(const Caller& caller, const std::string& grounds, bool rejection,
                           const std::string& id);
  Result<NamedAppeal> Named(Transaction& tx, const Caller& caller, Appeal appeal);
};

}  // namespace valuemark::app
