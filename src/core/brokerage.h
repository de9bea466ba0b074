// Honest brokerage (issue 16 item 2; SVQM overview: "We can act as an honest
// broker to help identify and engage the most relevant organisations to
// collaborate with in order to increase your impact in society"). An
// organisation posts a need; the platform ranks the directory's entries
// against it and explains every score; the broker shortlists and proposes;
// the candidate accepts (only then are contact details shared) or declines
// with a reason; the match then moves through its stages, each audited; and
// a collaboration records the outcomes the partners create together and the
// share of each that each partner claims, so that no outcome is claimed more
// than once across their impact maps. Pure functions; no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/directory.h"
#include "core/impact_map.h"
#include "core/lint.h"
#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

inline constexpr size_t kMaxNeedTitle = 200;
inline constexpr size_t kMaxNeedText = 4000;
inline constexpr int64_t kMaxNeedBudgetPence = 100'000'000'000;  // £1bn

enum class NeedStatus { kOpen, kClosed };
const char* Name(NeedStatus s);  // "open", "closed"
Result<NeedStatus> ParseNeedStatus(const std::string& s);

struct Need {
  std::string id;
  std::string organisation_id;
  std::string title;
  std::string outcomes;  // the outcomes wanted, in the organisation's words
  std::vector<std::string> themes;
  std::vector<std::string> areas;
  std::optional<int64_t> budget_pence;
  std::string starts_on;  // YYYY-MM-DD or ""
  std::string ends_on;    // YYYY-MM-DD or ""
  NeedStatus status = NeedStatus::kOpen;
  std::string created_by;  // user id: the contact the candidate meets once it accepts
  UnixTime created_at = 0;
  UnixTime updated_at = 0;
  int64_t version = 1;
  int64_t theme_mask = 0;  // set by NormaliseNeed
  int64_t area_mask = 0;
};

// Checks a need's fields against the taxonomy, each problem named by its
// field (at least one theme and one area; the timeline's end not before its
// start), and fills the masks.
Result<void> NormaliseNeed(const Taxonomy& t, Need& n);

// A match of a need with a directory entry. Shortlisted is the broker's own
// working list, which nobody else sees; from proposed on, the candidate sees
// the need; from introduced on, each side sees the other's contact.
enum class MatchStage {
  kShortlisted,
  kProposed,
  kIntroduced,
  kAgreed,
  kActive,
  kCompleted,
  kDeclined,
};
const char* Name(MatchStage s);  // "shortlisted", "proposed", ...
Result<MatchStage> ParseMatchStage(const std::string& s);
// "Proposed to the candidate", "Introduced", ...: the stage in words.
const char* Describe(MatchStage s);

// Who moves a match: the broker (or an administrator), the organisation whose
// need it is, the candidate (its organisation's Lead or Senior Leader; the
// broker answers for an enterprise on no account, saying how it answered).
enum class MatchParty { kBroker, kNeed, kCandidate };

// Whether `party` may move a match from `from` to `to`; an error in words
// saying who may, or which stage comes next, otherwise. Declining takes a
// reason (checked by the caller), and is open to every party until the match
// is completed, except that only the candidate or the broker answers a
// proposal.
Result<void> CheckMatchMove(MatchStage from, MatchStage to, MatchParty party);
// Contact details are shared from introduced on (and not after a decline
// that came before it).
bool ContactShared(MatchStage stage, bool was_introduced);

// What the ranking knows of one entry.
struct CandidateFacts {
  std::string entry_id;
  std::string organisation_id;  // "" for an enterprise on no account
  std::string name;
  int64_t theme_mask = 0;
  int64_t area_mask = 0;
  SizeBand size_band = SizeBand::kSmall;
  int active_partnerships = 0;  // matches agreed or active now
  // Its best certificate in force (not suspended), if any.
  std::string certificate_title;
  int certificate_level = 0;
  int certificate_levels = 0;  // the scheme's number of levels
};

struct ScorePart {
  std::string name;  // "Themes", "Area", "Certification", "Capacity"
  double points = 0;
  double out_of = 0;
  std::string reason;  // one sentence in words
};

struct RankedCandidate {
  CandidateFacts facts;
  double score = 0;  // 0..100, the sum of the parts
  std::vector<ScorePart> parts;
};

inline constexpr double kThemePoints = 40;
inline constexpr double kAreaPoints = 25;
inline constexpr double kCertificationPoints = 20;
inline constexpr double kCapacityPoints = 15;

// The partnerships an enterprise of this size takes on at once.
int PartnershipSlots(SizeBand b);  // small 1, medium 2, large 4, very large 8

// The score of one entry against a need:
// - themes: 40 × (the need's themes it works on) / (the need's themes);
// - area: 25 when it serves one of the need's areas, the whole UK, or the
//   need is UK-wide; 0 otherwise;
// - certification: 20 × level / the scheme's levels, for its best
//   certificate in force;
// - capacity: 15 × (free slots) / slots, slots by size band, less the
//   partnerships it is in now.
RankedCandidate ScoreCandidate(const Taxonomy& t, const Need& need, const CandidateFacts& facts);
// The highest score an entry could have before its capacity is known: for
// ranking many entries while reading only the few that could make the list.
double ScoreWithoutCapacity(const Need& need, int64_t theme_mask, int64_t area_mask,
                            const Taxonomy& t, int certificate_level, int certificate_levels);
// Best first; ties by name, then entry id.
void SortRanked(std::vector<RankedCandidate>& ranked);

// The partnership: the outcomes created together and the share of each that
// each partner claims (a fraction, 0..1), each claim optionally tied to the
// outcome in that partner's impact map that counts it.
enum class PartnerSide { kNeed, kCandidate };
const char* Name(PartnerSide s);  // "need", "candidate"
Result<PartnerSide> ParsePartnerSide(const std::string& s);

struct PartnerClaim {
  PartnerSide side = PartnerSide::kNeed;
  double share = 0;
  std::string map_id;      // "" until linked
  std::string outcome_id;  // the outcome's id within that map
};

struct SharedOutcome {
  std::string id;
  std::string description;
  std::vector<PartnerClaim> claims;  // at most one per side
};

inline constexpr size_t kMaxSharedOutcomes = 50;
inline constexpr size_t kMaxSharedOutcomeText = 500;

// A match of a need with a directory entry, as stored.
struct Match {
  std::string id;
  std::string need_id;
  std::string entry_id;
  std::string need_organisation_id;
  std::string candidate_organisation_id;  // "" for an enterprise on no account
  MatchStage stage = MatchStage::kShortlisted;
  bool introduced = false;  // it reached introduced (contacts were shared)
  double score = 0;         // the ranking when shortlisted, with its parts
  std::vector<ScorePart> parts;
  std::string note;            // the broker's word to the candidate with the proposal
  std::string answered_for;    // how an enterprise on no account answered the broker
  std::string decline_reason;  // "" unless declined
  std::vector<SharedOutcome> partnership;
  std::string created_by;
  UnixTime created_at = 0;
  UnixTime updated_at = 0;
  int64_t version = 1;
};

// Field errors at "outcomes[i]...": a description, shares in 0..1 (finite),
// one claim per side, a map and outcome given together, and the shares of
// one outcome adding up to no more than 1 (in percent in the message).
Result<void> CheckPartnership(const std::vector<SharedOutcome>& outcomes);

// One shared outcome as an impact map meets it: the map's own outcome
// `outcome_id`, the share this partner agreed, and what the other partner
// claims of it (from the other's map when it is linked, its agreed share
// otherwise).
struct ClaimOnMap {
  std::string outcome_id;
  std::string shared_description;
  double agreed_share = 0;
  std::string partner_name;
  double partner_agreed_share = 0;
  std::optional<double> partner_claimed;  // 1 − attribution in the partner's map
};

// The principles check's findings about shared outcomes (principle 5, do not
// over-claim): an error when this map's and the partner's claims together
// exceed the whole outcome; a warning when this map claims more than its
// agreed share; a warning when the linked outcome is no longer in the map.
// What a map claims of an outcome is 1 − its attribution.
std::vector<Finding> PartnershipFindings(const ImpactMap& map,
                                         const std::vector<ClaimOnMap>& claims);

}  // namespace valuemark
