// The preparation call with the Assurance Manager (core/preparation_call.h;
// issue 16 item 4). The scheme administrator, as Assurance Manager,
// publishes times and records each call held; an organisation's Lead or
// Senior Leader books a time for a scheme, or cancels it before it begins.
// A scheme whose data asks for a call refuses submission until one is held
// (CertificationService::Submit).
#pragma once

#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/preparation_call.h"

namespace valuemark::app {

struct SlotInput {
  std::string starts_at;  // RFC 3339
  int minutes = 30;
  std::string scheme_id;
};

struct SlotView {
  PreparationSlot slot;
  SlotState state = SlotState::kOpen;
  std::string scheme_name;
  std::string organisation_name;  // the Assurance Manager's view, and the organisation's own
  std::string booked_by_name;
};

struct OrganisationCalls {
  std::vector<SlotView> booked;                // its calls, booked or held, soonest first
  std::vector<SlotView> open;                  // the times it may book
  std::vector<std::string> schemes_requiring;  // names of the schemes that ask for a held call
  bool may_book = false;
};

class PreparationCallService : public UseCases {
 public:
  using UseCases::UseCases;

  // The Assurance Manager (administrators).
  Result<SlotView> Publish(const Caller& caller, const SlotInput& in);
  Result<void> Remove(const Caller& caller, const std::string& id);  // an open time
  // Every time from 30 days ago on.
  Result<std::vector<SlotView>> Calendar(const Caller& caller);
  Result<SlotView> RecordHeld(const Caller& caller, const std::string& id);

  // An organisation (its members read; the Lead or the Senior Leader books).
  Result<OrganisationCalls> ForOrganisation(const Caller& caller, const std::string& org_id);
  Result<SlotView> Book(const Caller& caller, const std::string& org_id, const std::string& id);
  // By the organisation's Lead or Senior Leader, or the Assurance Manager.
  Result<SlotView> Cancel(const Caller& caller, const std::string& org_id, const std::string& id);
};

}  // namespace valuemark::app
