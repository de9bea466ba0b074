// The SVQM's allocated consultant (core/engagement.h; issue 16 item 4). An
// administrator allocates a consultant (a user whose platform role is
// assessor, never a member of the organisation) to an organisation for a
// scheme; the consultant then writes the engagement: the review of needs,
// recommendations and options, the training and mentoring plan, the sessions
// held, the pre-audit and the on-site audit. The organisation's members read
// it; while it lasts the consultant reads the organisation as an allocated
// assessor does. Each change is in the organisation's history.
#pragma once

#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/engagement.h"

namespace valuemark::app {

struct EngagementView {
  Engagement engagement;
  std::string organisation_name;
  std::string scheme_name;
  std::string consultant_name;
  std::string consultant_email;
  bool may_write = false;  // the caller is its consultant and it is active
};

struct AllocationInput {
  std::string scheme_id;
  std::string consultant_id;
};

class EngagementService : public UseCases {
 public:
  using UseCases::UseCases;

  // Administrators. 409 when the consultant is a member of the organisation
  // (conflict of interest) or the organisation already has an active
  // engagement for the scheme.
  Result<EngagementView> Allocate(const Caller& caller, const std::string& org_id,
                                  const AllocationInput& in);
  // Its members, its consultant and administrators; newest first.
  Result<std::vector<EngagementView>> ForOrganisation(const Caller& caller,
                                                      const std::string& org_id);
  Result<EngagementView> Get(const Caller& caller, const std::string& id);
  // The allocated consultant, while it is active; `version` as read.
  Result<EngagementView> Write(const Caller& caller, const std::string& id,
                               EngagementContent content, std::optional<int64_t> version);
  // The consultant or an administrator ends it.
  Result<EngagementView> Close(const Caller& caller, const std::string& id);
  // The signed-in consultant's engagements, newest first.
  Result<std::vector<EngagementView>> Mine(const Caller& caller);

 private:
  Result<EngagementView> View(Transaction& tx, const Caller& caller, Engagement e);
  // NotFound for anyone who may not read it.
  Result<Engagement> Readable(Transaction& tx, const Caller& caller, const std::string& id);
};

}  // namespace valuemark::app
