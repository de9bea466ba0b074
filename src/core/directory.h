// The directory of social enterprises (issue 16; SVQM overview: "an
// expansive and trusted network of over 800+ social and community
// enterprises ... We can act as an honest broker"). An entry is an
// organisation's public profile, listed only when it opts in, or an
// enterprise the broker added that is not (yet) on the platform. Its outcome
// themes, areas and legal form come from a versioned taxonomy kept as data
// (data/network/taxonomy.json), each theme crosswalked to the UN Sustainable
// Development Goals. Contact details are never published: people get in
// touch through the broker, who passes them on only with the entry's consent.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

// One term of the taxonomy. Its bit never changes meaning across versions
// (entries and searches keep sets of terms as bit masks).
struct TaxonomyTerm {
  std::string code;
  int bit = 0;  // 0..62
  std::string name;
  std::vector<int> sdgs;  // themes only: the UN goals it serves, 1..17
  bool retired = false;   // kept for old entries, not offered for new ones
};

struct Taxonomy {
  int version = 0;
  std::string published;  // YYYY-MM-DD
  std::vector<TaxonomyTerm> themes;
  std::vector<TaxonomyTerm> areas;
  std::vector<TaxonomyTerm> legal_forms;
};

enum class TaxonomyKind { kTheme, kArea, kLegalForm };

// Checks a taxonomy read from data: codes unique and of [a-z0-9_], bits
// unique and in 0..62, names present, SDGs in 1..17, at least one term of each.
Result<void> CheckTaxonomy(const Taxonomy& t);
const std::vector<TaxonomyTerm>& Terms(const Taxonomy& t, TaxonomyKind kind);
const TaxonomyTerm* FindTerm(const Taxonomy& t, TaxonomyKind kind, std::string_view code);
// The mask of a set of codes; InvalidArgument naming the first unknown (or
// retired, when `allow_retired` is false) code and the allowed ones.
Result<int64_t> MaskOf(const Taxonomy& t, TaxonomyKind kind, const std::vector<std::string>& codes,
                       bool allow_retired = false);
// The codes of a mask, in the taxonomy's order.
std::vector<std::string> CodesOf(const Taxonomy& t, TaxonomyKind kind, int64_t mask);

inline constexpr size_t kMaxDirectoryName = 200;
inline constexpr size_t kMaxDirectorySummary = 2000;
inline constexpr size_t kMaxDirectoryWebsite = 300;
inline constexpr size_t kMaxDirectoryThemes = 8;
inline constexpr int64_t kMaxDirectoryPeople = 1'000'000;  // staff and volunteers

enum class DirectorySource { kOrganisation, kBroker };
const char* Name(DirectorySource s);  // "organisation", "broker"
Result<DirectorySource> ParseDirectorySource(const std::string& s);

struct DirectoryEntry {
  std::string id;
  // The organisation on the platform whose profile this is; empty for an
  // enterprise the broker added.
  std::string organisation_id;
  DirectorySource source = DirectorySource::kOrganisation;
  std::string name;
  std::string summary;  // what it does, in its own words
  std::string legal_form;
  SizeBand size_band = SizeBand::kSmall;
  int64_t people = 0;  // staff and volunteers; 0: not said
  std::vector<std::string> areas;
  std::vector<std::string> themes;
  std::string website;  // public
  // Shared by the broker only when the entry agrees (never published).
  std::string contact_name;
  std::string contact_email;
  bool listed = false;  // shown in the public directory (the organisation opted in)
  int taxonomy_version = 0;
  UnixTime created_at = 0;
  UnixTime updated_at = 0;
  std::string updated_by;  // user id
  int64_t version = 1;
  // Kept in step with the lists for searching (set by Normalise()).
  int64_t theme_mask = 0;
  int64_t area_mask = 0;
  int64_t legal_form_mask = 0;
  std::string sort_name;  // lower-case name without leading "the"
};

// Checks an entry's fields against the taxonomy, naming each problem by its
// field (the API's field paths), and fills the masks and the sort name.
// Lists are put in the taxonomy's order without repeats.
Result<void> NormaliseDirectoryEntry(const Taxonomy& t, DirectoryEntry& e);

// The key two entries are taken for the same enterprise by: the name in
// lower case with punctuation, "the" and legal suffixes ("ltd", "limited",
// "cic", "cio", "plc", "llp", "c.i.c.") removed and spaces squeezed.
std::string DuplicateKey(std::string_view name);

// The words of a search, as the full-text index reads them: runs of letters
// and digits (any byte of a multi-byte UTF-8 character counts as a letter),
// lower-cased, at most 8 words of at most 40 bytes each; nothing else of the
// text (quotes, operators) reaches the index's query syntax.
std::vector<std::string> SearchWords(std::string_view text);

struct DirectorySearch {
  std::vector<std::string> words;  // SearchWords of the text; the last matches as a prefix
  int64_t theme_mask = 0;          // any of these themes (0: any)
  int64_t area_mask = 0;           // any of these areas, or UK-wide
  int64_t legal_form_mask = 0;     // any of these forms
};

}  // namespace valuemark
