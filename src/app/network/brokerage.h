// Honest brokerage (core/brokerage.h; issue 16 item 2). An organisation's
// Lead or Senior Leader posts a need; the broker (a staff role) reads the
// ranked candidates with every score explained, shortlists and proposes; the
// candidate's Lead or Senior Leader accepts, and only then does each side see
// the other's contact, or declines with a reason (the broker answers for an
// enterprise on no account, saying how it answered). Each step is audited on
// both organisations' trails. A collaboration records the outcomes created
// together and each partner's share, tied to the outcomes of their impact
// maps, and the principles check of either map says when one outcome is
// claimed more than once between them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/brokerage.h"
#include "core/lint.h"

namespace valuemark::app {

struct NeedInput {
  std::string title;
  std::string outcomes;
  std::vector<std::string> themes;
  std::vector<std::string> areas;
  std::optional<int64_t> budget_pence;
  std::string starts_on;
  std::string ends_on;
  std::string status;              // "" keeps it as it is (open for a new need)
  std::optional<int64_t> version;  // the version the caller saw (updates)
};

struct NeedView {
  Need need;
  std::string organisation_name;
  bool may_edit = false;
  int proposals = 0;    // its matches the organisation sees (proposed and on)
  int shortlisted = 0;  // on the broker's shortlist (0 for all but the broker)
};

struct Contact {
  std::string name;
  std::string email;
};

struct MatchView {
  Match match;
  Need need;
  std::string need_organisation_name;
  // The candidate as its entry says; its name is withheld from the need's
  // organisation until it accepts when it is not listed in the directory.
  std::string candidate_name;
  std::string candidate_summary;
  bool candidate_listed = false;
  // Shared from introduced on (core ContactShared): each side's contact.
  std::optional<Contact> candidate_contact;
  std::optional<Contact> need_contact;
  // "need", "candidate", "broker", or "" for a member who only reads.
  std::string party;
  std::vector<MatchStage> moves;  // the stages the caller may move it to
  bool may_edit_partnership = false;
  bool may_link_need_map = false;  // the caller links its own side's maps
  bool may_link_candidate_map = false;
};

struct NeedDetail {
  NeedView need;
  std::vector<MatchView> matches;  // those the caller may see, oldest first
};

struct CandidateView {
  RankedCandidate ranked;
  std::string summary;
  bool listed = false;
  std::string match_id;  // "" unless already on this need's shortlist or further
};

struct MoveInput {
  MatchStage stage = MatchStage::kProposed;
  std::string reason;        // declining: required
  std::string note;          // proposing: the broker's word to the candidate
  std::string answered_for;  // the broker answering for an enterprise on no account
  std::optional<int64_t> version;
};

class BrokerageService : public UseCases {
 public:
  using UseCases::UseCases;

  // The organisation's needs (its members and staff), newest first.
  Result<std::vector<NeedView>> NeedsOf(const Caller& caller, const std::string& org_id);
  // Posts one (the Lead or the Senior Leader).
  Result<NeedView> PostNeed(const Caller& caller, const std::string& org_id, const NeedInput& in);
  Result<NeedView> UpdateNeed(const Caller& caller, const std::string& need_id,
                              const NeedInput& in);
  // A need with the matches the caller may see: the broker all of them, the
  // organisation's members those proposed and on, the candidate's members
  // their own match.
  Result<NeedDetail> GetNeed(const Caller& caller, const std::string& need_id);

  // The broker's queue: every open need, newest first.
  Result<std::vector<NeedView>> OpenNeeds(const Caller& caller);
  // The broker's ranking of the directory against a need, best first (at
  // most `limit`): entries sharing at least one of its themes, the need's own
  // organisation left out.
  Result<std::vector<CandidateView>> Candidates(const Caller& caller, const std::string& need_id,
                                                int limit = 20);
  Result<MatchView> Shortlist(const Caller& caller, const std::string& need_id,
                              const std::string& entry_id);
  // Takes an entry off the shortlist before it is proposed (the broker).
  Result<void> RemoveFromShortlist(const Caller& caller, const std::string& match_id);

  Result<MatchView> GetMatch(const Caller& caller, const std::string& match_id);
  Result<MatchView> Move(const Caller& caller, const std::string& match_id, const MoveInput& in);
  // The collaboration's shared outcomes (either partner's Lead or Senior
  // Leader, or the broker), from agreed on. Each side links only its own
  // organisation's impact maps; a link must name an outcome the map has.
  Result<MatchView> SavePartnership(const Caller& caller, const std::string& match_id,
                                    std::vector<SharedOutcome> outcomes,
                                    std::optional<int64_t> version);
  // The organisation's matches: proposals to it and those of its needs (its
  // members and staff), newest first; shortlists are the broker's alone.
  Result<std::vector<MatchView>> MatchesOf(const Caller& caller, const std::string& org_id);

  // The principles check's findings about the outcomes a map shares with
  // partners (core PartnershipFindings), for the map `map_id` of `org_id`
  // whose content is `map`. The caller has been allowed to read the map.
  Result<std::vector<Finding>> PartnershipFindings(const std::string& org_id,
                                                   const std::string& map_id, const ImpactMap& map);
  // The same for a map named by an unsaved copy the caller is editing: none
  // when the caller may not read it or it is not saved.
  Result<std::vector<Finding>> PartnershipFindingsFor(const Caller& caller,
                                                      const std::string& map_id,
                                                      const ImpactMap& map);

 private:
  // The refusal of a need that is not there (brokerage.cpp).
  static Error NoSuchNeed();
  // An entry scored against a need as the ranking scores it now
  // (brokerage_candidates.cpp).
  Result<RankedCandidate> ScoreNow(Transaction& tx, const Need& need, const DirectoryEntry& entry);
};

// BrokerageService::PartnershipFindings inside a transaction the caller holds
// (the pre-audit's, which checks each map given as evidence).
Result<std::vector<Finding>> PartnershipFindingsIn(Transaction& tx, const std::string& org_id,
                                                   const std::string& map_id, const ImpactMap& map);

}  // namespace valuemark::app
