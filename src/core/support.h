// The support around certification (issue 16 item 4; SVMC guidance: "SVI
// have a community of Practitioners of 3 levels … A register of SVI
// Practitioners is available", "a directory of consultants … who can assist
// with embedding best practice and in achieving the next level", and
// templates for Level 1). Three registers the certifying body keeps: the
// practitioners (levels 1 to 3, each accreditation with an expiry), the
// consultants (the areas they serve, the schemes and languages they work in)
// and the resource library (templates, guidance, webinars and case studies,
// as a link or a file). A consultant and a resource name the criteria they
// help with, so that a criterion's page can point to them. Pure functions;
// no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/directory.h"
#include "core/result.h"

namespace valuemark {

inline constexpr size_t kMaxSupportName = 200;
inline constexpr size_t kMaxSupportSummary = 2000;
inline constexpr size_t kMaxSupportLink = 500;
inline constexpr size_t kMaxSupportCriteria = 60;
inline constexpr size_t kMaxSupportSchemes = 10;
inline constexpr size_t kMaxSupportLanguages = 10;
inline constexpr int kPractitionerLevels = 3;
// An accreditation that ends within this many days is shown as ending soon.
inline constexpr int kExpiringSoonDays = 60;
// A resource's file: at most 10 MiB (templates and guidance are documents).
inline constexpr int64_t kMaxResourceFileBytes = 10 * 1024 * 1024;

struct Practitioner {
  std::string id;
  std::string name;
  int level = 1;                   // 1..3
  std::string organisation;        // where they work, or ""
  std::string contact;             // an email or web address they agreed to show, or ""
  std::vector<std::string> areas;  // taxonomy area codes
  std::string awarded_on;          // YYYY-MM-DD
  std::string expires_on;          // YYYY-MM-DD, after awarded_on
  std::string updated_by;
  UnixTime updated_at = 0;
  int64_t version = 1;
};

// Where an accreditation stands on a day.
enum class AccreditationStanding { kCurrent, kEndingSoon, kExpired };
const char* Name(AccreditationStanding s);  // "current", "ending_soon", "expired"
AccreditationStanding StandingOn(const Practitioner& p, Days today);

struct Consultant {
  std::string id;
  std::string name;
  std::string organisation;
  std::string summary;                 // what they help with, in their words
  std::string website;                 // https://…, or ""
  std::string email;                   // or ""
  std::vector<std::string> areas;      // taxonomy area codes
  std::vector<std::string> schemes;    // scheme ids
  std::vector<std::string> languages;  // codes of kLanguages
  std::vector<std::string> criteria;   // criterion ids
  std::string updated_by;
  UnixTime updated_at = 0;
  int64_t version = 1;
};

enum class ResourceKind { kTemplate, kGuidance, kWebinar, kCaseStudy };
const char* Name(ResourceKind k);      // "template", "guidance", "webinar", "case_study"
const char* Describe(ResourceKind k);  // "Template", "Guidance", "Webinar", "Case study"
Result<ResourceKind> ParseResourceKind(const std::string& s);

struct Resource {
  std::string id;
  std::string title;
  ResourceKind kind = ResourceKind::kGuidance;
  std::string summary;
  std::string link;  // https://…, or "" when it is a file
  // Its file, when it has one (the bytes are stored apart).
  std::string file_name;
  std::string media_type;
  int64_t file_bytes = 0;
  std::vector<std::string> schemes;   // scheme ids
  std::vector<std::string> criteria;  // criterion ids
  bool built_in = false;              // shipped with the product (data/resources): read only
  std::string updated_by;
  UnixTime updated_at = 0;
  int64_t version = 1;
};

// The languages a consultant may name: ISO 639-1 codes and their names in
// English, the languages of the UK first.
struct Language {
  const char* code;
  const char* name;
};
const std::vector<Language>& Languages();
// A language's name; "" for a code not in the list.
std::string_view LanguageName(std::string_view code);

// What the registers are checked against: the taxonomy's areas, and the
// schemes and criteria in force.
struct SupportCatalogue {
  const Taxonomy* taxonomy = nullptr;
  std::vector<std::string> scheme_ids;
  std::vector<std::string> criterion_ids;
};

// Each entry's fields checked, each problem named by its field; lists are
// put in a stable order without repeats. `today` bounds the dates (an
// accreditation is awarded on or before today).
Result<void> NormalisePractitioner(const SupportCatalogue& c, Days today, Practitioner& p);
Result<void> NormaliseConsultant(const SupportCatalogue& c, Consultant& k);
// A resource is a link or a file (has_file), not both and not neither.
Result<void> NormaliseResource(const SupportCatalogue& c, bool has_file, Resource& r);

// A search of a register: words (every one must appear, in any case, in the
// entry's names or summary) and filters; an empty filter matches all.
struct SupportSearch {
  std::vector<std::string> words;  // lower case
  std::string area;                // entries serving it, or the whole UK
  std::string scheme;
  std::string criterion;
  std::string language;
  int level = 0;                 // practitioners at this level or above
  bool include_expired = false;  // practitioners
  std::string kind;              // resources
};
// The words of a query: letters and digits, lower case (ASCII folding).
std::vector<std::string> SupportWords(std::string_view text);
bool Matches(const SupportSearch& s, const Practitioner& p, Days today);
bool Matches(const SupportSearch& s, const Consultant& k);
bool Matches(const SupportSearch& s, const Resource& r);

}  // namespace valuemark
