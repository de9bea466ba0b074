#include "core/support.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

#include "core/enum_names.h"

namespace valuemark {
namespace {

constexpr detail::NameTable<ResourceKind, 4> kResourceKinds = {{
    {"template", ResourceKind::kTemplate},
    {"guidance", ResourceKind::kGuidance},
    {"webinar", ResourceKind::kWebinar},
    {"case_study", ResourceKind::kCaseStudy},
}};

constexpr std::string_view kUkWide = "uk_wide";

// Sorted, without repeats; a problem for any code not in `allowed` (when
// `allowed` is given) or beyond `max`.
void CheckCodes(std::vector<FieldError>& errors, const char* field, std::vector<std::string>& codes,
                const std::vector<std::string>* allowed, std::string_view what, size_t max,
                bool required) {
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  if (required && codes.empty()) {
    errors.push_back({field, "choose at least one"});
    return;
  }
  if (codes.size() > max) {
    errors.push_back({field, fmt::format("choose at most {}", max)});
    return;
  }
  if (allowed == nullptr) return;
  for (const std::string& c : codes)
    if (std::find(allowed->begin(), allowed->end(), c) == allowed->end()) {
      errors.push_back({field, fmt::format("\"{}\" is not {}: choose from the list", c, what)});
      return;
    }
}

void CheckAreas(std::vector<FieldError>& errors, const SupportCatalogue& c,
                std::vector<std::string>& areas) {
  if (c.taxonomy == nullptr) return;
  auto mask = MaskOf(*c.taxonomy, TaxonomyKind::kArea, areas);
  if (!mask) {
    errors.push_back({"areas", mask.error().message});
    return;
  }
  areas = CodesOf(*c.taxonomy, TaxonomyKind::kArea, *mask);
  if (areas.empty()) errors.push_back({"areas", "choose at least one area, or the whole UK"});
}

bool IsWebAddress(std::string_view s) {
  return s.starts_with("https://") || s.starts_with("http://");
}

bool HasAll(const std::vector<std::string>& words, std::initializer_list<std::string_view> texts) {
  for (const std::string& w : words) {
    bool found = false;
    for (std::string_view t : texts) {
      // ASCII case folding: the words are folded the same way.
      auto it = std::search(t.begin(), t.end(), w.begin(), w.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
      });
      if (it != t.end()) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool Has(const std::vector<std::string>& codes, const std::string& code) {
  return code.empty() || std::find(codes.begin(), codes.end(), code) != codes.end();
}

bool ServesArea(const std::vector<std::string>& areas, const std::string& area) {
  return area.empty() || Has(areas, area) ||
         std::find(areas.begin(), areas.end(), kUkWide) != areas.end();
}

}  // namespace

const char* Name(AccreditationStanding s) {
  switch (s) {
    case AccreditationStanding::kCurrent:
      return "current";
    case AccreditationStanding::kEndingSoon:
      return "ending_soon";
    case AccreditationStanding::kExpired:
      return "expired";
  }
  return "current";
}

AccreditationStanding StandingOn(const Practitioner& p, Days today) {
  auto ends = ParseDate(p.expires_on);
  if (!ends) return AccreditationStanding::kExpired;
  const Days last = DaysFromCivil(*ends);
  if (last < today) return AccreditationStanding::kExpired;
  return last - today <= kExpiringSoonDays ? AccreditationStanding::kEndingSoon
                                           : AccreditationStanding::kCurrent;
}

const char* Name(ResourceKind k) { return detail::NameFrom(kResourceKinds, k); }

const char* Describe(ResourceKind k) {
  switch (k) {
    case ResourceKind::kTemplate:
      return "Template";
    case ResourceKind::kGuidance:
      return "Guidance";
    case ResourceKind::kWebinar:
      return "Webinar";
    case ResourceKind::kCaseStudy:
      return "Case study";
  }
  return "Guidance";
}

Result<ResourceKind> ParseResourceKind(const std::string& s) {
  return detail::ParseFrom(kResourceKinds, s);
}

const std::vector<Language>& Languages() {
  static const std::vector<Language> kAll = {
      {"en", "English"},   {"cy", "Welsh"},      {"gd", "Scottish Gaelic"}, {"ga", "Irish"},
      {"ar", "Arabic"},    {"bn", "Bengali"},    {"zh", "Chinese"},         {"fr", "French"},
      {"de", "German"},    {"gu", "Gujarati"},   {"hi", "Hindi"},           {"it", "Italian"},
      {"pl", "Polish"},    {"pt", "Portuguese"}, {"pa", "Punjabi"},         {"ro", "Romanian"},
      {"so", "Somali"},    {"es", "Spanish"},    {"ta", "Tamil"},           {"tr", "Turkish"},
      {"uk", "Ukrainian"}, {"ur", "Urdu"},
  };
  return kAll;
}

std::string_view LanguageName(std::string_view code) {
  for (const Language& l : Languages())
    if (code == l.code) return l.name;
  return "";
}

Result<void> NormalisePractitioner(const SupportCatalogue& c, Days today, Practitioner& p) {
  std::vector<FieldError> errors;
  if (p.level < 1 || p.level > kPractitionerLevels)
    errors.push_back({"level", fmt::format("choose level 1, 2 or {}", kPractitionerLevels)});
  if (!p.contact.empty() && !IsWebAddress(p.contact) && p.contact.find('@') == std::string::npos)
    errors.push_back(
        {"contact", "give an email address or a web address starting https://, or leave it empty"});
  CheckAreas(errors, c, p.areas);
  auto awarded = ParseDate(p.awarded_on);
  auto expires = ParseDate(p.expires_on);
  if (!awarded)
    errors.push_back({"awarded_on", "must be a date such as 2026-04-01"});
  else if (DaysFromCivil(*awarded) > today)
    errors.push_back({"awarded_on", "cannot be after today"});
  if (!expires)
    errors.push_back({"expires_on", "must be a date such as 2029-03-31"});
  else if (awarded && DaysFromCivil(*expires) <= DaysFromCivil(*awarded))
    errors.push_back(
        {"expires_on", fmt::format("must be after the award, {}", ReadableDate(p.awarded_on))});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<void> NormaliseConsultant(const SupportCatalogue& c, Consultant& k) {
  std::vector<FieldError> errors;
  if (!k.website.empty() && !IsWebAddress(k.website))
    errors.push_back({"website", "must start with https:// (or http://), or be left empty"});
  if (k.website.empty() && k.email.empty())
    errors.push_back(
        {"email", "give an email address or a website, so that people can reach them"});
  CheckAreas(errors, c, k.areas);
  CheckCodes(errors, "schemes", k.schemes, &c.scheme_ids, "a scheme", kMaxSupportSchemes, false);
  std::vector<std::string> language_codes;
  for (const Language& l : Languages()) language_codes.push_back(l.code);
  CheckCodes(errors, "languages", k.languages, &language_codes, "a language", kMaxSupportLanguages,
             true);
  CheckCodes(errors, "criteria", k.criteria, &c.criterion_ids, "a criterion of a scheme",
             kMaxSupportCriteria, false);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<void> NormaliseResource(const SupportCatalogue& c, bool has_file, Resource& r) {
  std::vector<FieldError> errors;
  if (!r.link.empty() && !IsWebAddress(r.link))
    errors.push_back({"link", "must start with https:// (or http://)"});
  if (!r.link.empty() && has_file)
    errors.push_back({"link", "a resource is a link or a file, not both: remove one"});
  if (r.link.empty() && !has_file)
    errors.push_back({"link", "give the web address of the resource, or upload its file"});
  CheckCodes(errors, "schemes", r.schemes, &c.scheme_ids, "a scheme", kMaxSupportSchemes, false);
  CheckCodes(errors, "criteria", r.criteria, &c.criterion_ids, "a criterion of a scheme",
             kMaxSupportCriteria, false);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

std::vector<std::string> SupportWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text) {
    const auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || u >= 0x80) {
      word += static_cast<char>(std::tolower(u));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.size() > 10) words.resize(10);
  return words;
}

bool Matches(const SupportSearch& s, const Practitioner& p, Days today) {
  if (!s.include_expired && StandingOn(p, today) == AccreditationStanding::kExpired) return false;
  return p.level >= s.level && ServesArea(p.areas, s.area) &&
         HasAll(s.words, {p.name, p.organisation});
}

bool Matches(const SupportSearch& s, const Consultant& k) {
  return ServesArea(k.areas, s.area) && Has(k.schemes, s.scheme) && Has(k.criteria, s.criterion) &&
         Has(k.languages, s.language) && HasAll(s.words, {k.name, k.organisation, k.summary});
}

bool Matches(const SupportSearch& s, const Resource& r) {
  return (s.kind.empty() || s.kind == Name(r.kind)) && Has(r.schemes, s.scheme) &&
         Has(r.criteria, s.criterion) && HasAll(s.words, {r.title, r.summary});
}

}  // namespace valuemark
