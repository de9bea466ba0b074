// Certification schemes as data (docs/architecture.md "Schemes are data"): a
// versioned definition of levels, stages, criteria with evidence guidance,
// fees, validity and the rules that differ between schemes. The files live in
// data/schemes/ (read by formats/scheme_json.h); this header holds the model,
// its validation and the fee quote. An application stays pinned to the
// (id, version) it started on, so versions are never edited, only added.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

struct Criterion {
  std::string id;  // unique within the scheme version, e.g. "svmc.2.plan.1"
  int level = 0;   // the level's number
  std::string stage;
  std::string text;
  std::string evidence_guidance;
};

struct SchemeLevel {
  int number = 0;  // 1, 2, ... in the order they must be achieved
  std::string name;
  // Independently verified by an assessor; SVQM level 1 (Pledges) is not:
  // "Requires Internal Commitment Only" (SVQM overview, Level 1).
  bool verified = true;
  // Pledge records an application must reference (SVQM Bronze: at least six).
  int min_pledges = 0;
  std::string evidence_guidance;  // what kind of evidence suits the level
  std::vector<Criterion> criteria;
};

struct Scheme {
  std::string id;  // "svmc", "svqm", ...
  std::string name;
  int version = 0;
  std::string published;  // YYYY-MM-DD
  std::string owner;
  std::string source;
  // What the scheme is for, in words a newcomer understands (at most 2,000
  // characters); the public scheme pages lead with it.
  std::string summary;
  std::string currency = "GBP";
  // Fee per level or renewal by membership size band, excluding VAT, in pence
  // (index: SizeBand). SVMC guidance "Cost of ... application".
  std::array<int64_t, 4> fees_pence{};
  int vat_percent = 20;
  int validity_months = 24;
  int results_due_days = 21;
  // Working days after a rejection, suspension or revocation within which the
  // organisation may appeal (core/appeal.h); 0: no appeal. The newer SVQM
  // form: "appeals within 10 working days to an oversight panel".
  int appeal_working_days = 0;
  // A preparation call with the Assurance Manager must have been held before
  // an application is submitted (SVMC: "a preparation call with the
  // Assurance Manager before applying"): scheme data, like its other rules.
  bool preparation_call = false;
  // The terms and conditions an applicant accepts: the id of a versioned
  // document (data/terms/<id>.md, e.g. "svmc-terms-v1"); "" for none.
  std::string terms;
  // Share of a level's criteria that must be met (SVMC: all; newer SVQM: 80 %).
  int pass_mark_percent = 100;
  // The representatives who must sign off the evidence (SVMC: both).
  std::vector<MemberRole> sign_off;
  std::vector<std::string> stages;  // in delivery order
  std::vector<SchemeLevel> levels;  // numbered 1..n in order

  const SchemeLevel* Level(int number) const;
  const Criterion* FindCriterion(int level, const std::string& criterion_id) const;
  // The level's stages in scheme order, each with its criteria (stages with
  // none are left out).
  struct StageView {
    std::string name;
    std::vector<const Criterion*> criteria;
  };
  std::vector<StageView> StagesOf(int level) const;
};

// Every problem in a scheme, each with its JSON path in the scheme file, e.g.
// {"levels[1].criteria[3].stage", "is not one of the scheme's stages"}.
// A scheme with any problem must not be loaded.
std::vector<FieldError> ValidateScheme(const Scheme& scheme);

// A criterion in words, by its stage and place in it: "Do, criterion 2".
std::string CriterionName(const Scheme& scheme, const Criterion& criterion);

// A set of loaded schemes: several versions of each id. Versions are only
// ever added (an administrator publishes a new one while the server runs),
// never changed or removed, so a pointer from Find stays valid for the
// catalogue's life. Thread-safe.

class SchemeCatalogue {
 public:
  SchemeCatalogue() = default;
  // Moving is for setting up, before other threads use the catalogue.
  SchemeCatalogue(SchemeCatalogue&& other) noexcept : schemes_(std::move(other.schemes_)) {}
  SchemeCatalogue& operator=(SchemeCatalogue&& other) noexcept {
    schemes_ = std::move(other.schemes_);
    return *this;
  }

  // AlreadyExists for a second scheme with the same id and version; every
  // problem of an invalid scheme as InvalidArgument.
  Result<void> Add(Scheme scheme);
  const Scheme* Find(const std::string& id, int version) const;
  // The highest version: what a new application starts on.
  const Scheme* Latest(const std::string& id) const;
  // Sorted by id, then version.
  std::vector<const Scheme*> all() const;

 private:
  mutable std::shared_mutex mu_;
  std::deque<Scheme> schemes_;  // a deque: adding never moves the others
};

// Money in pence: never floating point.
struct FeeQuote {
  std::string currency;
  SizeBand size_band = SizeBand::kSmall;
  int64_t net_pence = 0;
  int vat_percent = 0;
  int64_t vat_pence = 0;
  int64_t gross_pence = 0;
};

// The fee for one level (or a renewal) for an organisation of this size band,
// plus VAT. SVMC guidance "Cost of Social Value Management Certificate
// application": "£500.00 ... £1250.00", "All prices are in GBP and are
// exclusive of VAT"; VAT at the UK standard rate of 20 %, rounded to the
// nearest penny (half up).
FeeQuote QuoteFee(const Scheme& scheme, SizeBand band);

// "£1,250.00" style text of pence, for messages and documents.
std::string FormatPounds(int64_t pence);

}  // namespace valuemark
