// Complaints about a certified organisation (core/complaint.h). Anyone files
// one from the organisation's register entry; the administrators are told
// and investigate. The organisation is heard first: an administrator asks it
// to answer, and its Lead or Senior Leader does within ten working days. Then
// an administrator who is not a member of the organisation upholds the
// complaint (which may suspend or revoke the certificate, in the same step)
// or dismisses it, with reasons the complainant and the organisation read.
#pragma once

#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/complaint.h"

namespace valuemark::app {

struct ComplaintInput {
  std::string name;
  std::string email;
  std::string text;
};

struct ComplaintDecision {
  bool uphold = false;
  ComplaintAction action = ComplaintAction::kNone;  // upheld only
  std::string reasons;
  int64_t version = 0;  // 0: not checked
};

struct ComplaintView {
  Complaint complaint;
  std::string organisation_name;
  std::string certificate_title;  // "Social Value Quality Mark, level 2: Forecast"
  std::string responded_by_name;
  std::string decided_by_name;
  bool may_decide = false;    // the caller may decide it now
  std::string cannot_decide;  // why not, in words
};

class ComplaintService : public UseCases {
 public:
  using UseCases::UseCases;

  // Anyone (no account) about a current or suspended certificate; the
  // complainant is sent a receipt and the administrators are told.
  Result<ComplaintView> File(const std::string& certificate_id, const ComplaintInput& input);
  // Every open complaint, oldest first (administrators).
  Result<std::vector<ComplaintView>> Open(const Caller& caller);
  // The organisation's complaints, newest first, without the complainant's
  // address (its members and staff).
  Result<std::vector<ComplaintView>> OfOrganisation(const Caller& caller,
                                                    const std::string& org_id);
  // An administrator asks the organisation to answer; its representatives are emailed.
  Result<ComplaintView> Ask(const Caller& caller, const std::string& id);
  // The Lead or the Senior Leader answers.
  Result<ComplaintView> Respond(const Caller& caller, const std::string& org_id,
                                const std::string& id, const std::string& response);
  Result<ComplaintView> Decide(const Caller& caller, const std::string& id,
                               const ComplaintDecision& decision);

 private:
  Result<ComplaintView> View(Transaction& tx, const Caller* caller, Complaint c);
  Result<Complaint> Staffed(Transaction& tx, const Caller& caller, const std::string& id);
};

}  // namespace valuemark::app
