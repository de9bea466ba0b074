#include "core/directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "core/enum_names.h"
#include "core/utf8.h"

namespace valuemark {
namespace {

constexpr detail::NameTable<DirectorySource, 2> kSources{
    {{"organisation", DirectorySource::kOrganisation}, {"broker", DirectorySource::kBroker}}};

const char* KindName(TaxonomyKind kind) {
  switch (kind) {
    case TaxonomyKind::kTheme:
      return "themes";
    case TaxonomyKind::kArea:
      return "areas";
    case TaxonomyKind::kLegalForm:
      return "legal_forms";
  }
  return "?";
}

bool IsCode(std::string_view s) {
  if (s.empty() || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

Error Invalid(std::string field, std::string message) {
  return Error::Field(ErrorCode::kInvalidArgument, std::move(field), std::move(message));
}

}  // namespace

const char* Name(DirectorySource s) { return detail::NameFrom(kSources, s); }
Result<DirectorySource> ParseDirectorySource(const std::string& s) {
  return detail::ParseFrom(kSources, s);
}

const std::vector<TaxonomyTerm>& Terms(const Taxonomy& t, TaxonomyKind kind) {
  switch (kind) {
    case TaxonomyKind::kTheme:
      return t.themes;
    case TaxonomyKind::kArea:
      return t.areas;
    case TaxonomyKind::kLegalForm:
      break;
  }
  return t.legal_forms;
}

Result<void> CheckTaxonomy(const Taxonomy& t) {
  if (t.version < 1) return Fail(Invalid("version", "must be 1 or more"));
  for (TaxonomyKind kind : {TaxonomyKind::kTheme, TaxonomyKind::kArea, TaxonomyKind::kLegalForm}) {
    const auto& terms = Terms(t, kind);
    if (terms.empty()) return Fail(Invalid(KindName(kind), "needs at least one term"));
    std::set<std::string> codes;
    std::set<int> bits;
    for (size_t i = 0; i < terms.size(); ++i) {
      const TaxonomyTerm& term = terms[i];
      const std::string at = fmt::format("{}[{}]", KindName(kind), i);
      if (!IsCode(term.code))
        return Fail(Invalid(at + ".code", "must be 1 to 40 of a-z, 0-9 and _"));
      if (!codes.insert(term.code).second)
        return Fail(Invalid(at + ".code", fmt::format("\"{}\" is used twice", term.code)));
      if (term.bit < 0 || term.bit > 62) return Fail(Invalid(at + ".bit", "must be 0 to 62"));
      if (!bits.insert(term.bit).second)
        return Fail(Invalid(at + ".bit", fmt::format("bit {} is used twice", term.bit)));
      if (term.name.empty()) return Fail(Invalid(at + ".name", "is required"));
      for (int g : term.sdgs)
        if (g < 1 || g > 17) return Fail(Invalid(at + ".sdgs", "goals are numbered 1 to 17"));
    }
  }
  return {};
}

const TaxonomyTerm* FindTerm(const Taxonomy& t, TaxonomyKind kind, std::string_view code) {
  for (const TaxonomyTerm& term : Terms(t, kind))
    if (term.code == code) return &term;
  return nullptr;
}

Result<int64_t> MaskOf(const Taxonomy& t, TaxonomyKind kind, const std::vector<std::string>& codes,
                       bool allow_retired) {
  int64_t mask = 0;
  for (const std::string& code : codes) {
    const TaxonomyTerm* term = FindTerm(t, kind, code);
    if (term == nullptr || (term->retired && !allow_retired)) {
      std::string allowed;
      for (const TaxonomyTerm& x : Terms(t, kind))
        if (!x.retired) allowed += fmt::format("{}\"{}\"", allowed.empty() ? "" : ", ", x.code);
      return Fail(Error::Make(ErrorCode::kInvalidArgument,
                              fmt::format("\"{}\" is not one of the directory's {}: {}", code,
                                          kind == TaxonomyKind::kTheme  ? "outcome themes"
                                          : kind == TaxonomyKind::kArea ? "areas"
                                                                        : "legal forms",
                                          allowed)));
    }
    mask |= int64_t{1} << term->bit;
  }
  return mask;
}

std::vector<std::string> CodesOf(const Taxonomy& t, TaxonomyKind kind, int64_t mask) {
  std::vector<std::string> out;
  for (const TaxonomyTerm& term : Terms(t, kind))
    if ((mask >> term.bit) & 1) out.push_back(term.code);
  return out;
}

Result<void> NormaliseDirectoryEntry(const Taxonomy& t, DirectoryEntry& e) {
  std::vector<FieldError> errors;
  auto check = [&](const char* field, TaxonomyKind kind, std::vector<std::string>& codes,
                   int64_t& mask, size_t min, size_t max) {
    auto m = MaskOf(t, kind, codes, /*allow_retired=*/false);
    if (!m) {
      errors.push_back({field, m.error().message});
      return;
    }
    mask = *m;
    codes = CodesOf(t, kind, mask);
    if (codes.size() < min)
      errors.push_back({field, min == 1 ? "choose at least one" : "too few"});
    else if (codes.size() > max)
      errors.push_back({field, fmt::format("choose at most {}", max)});
  };
  check("themes", TaxonomyKind::kTheme, e.themes, e.theme_mask, 1, kMaxDirectoryThemes);
  check("areas", TaxonomyKind::kArea, e.areas, e.area_mask, 1, t.areas.size());
  std::vector<std::string> form{e.legal_form};
  if (e.legal_form.empty())
    errors.push_back({"legal_form", "choose the legal form"});
  else
    check("legal_form", TaxonomyKind::kLegalForm, form, e.legal_form_mask, 1, 1);
  if (e.people < 0 || e.people > kMaxDirectoryPeople)
    errors.push_back(
        {"people", fmt::format("must be a whole number from 0 to {}", kMaxDirectoryPeople)});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  e.taxonomy_version = t.version;
  std::string sort;
  for (char c : e.name) sort.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  if (sort.rfind("the ", 0) == 0) sort.erase(0, 4);
  e.sort_name = sort;
  return {};
}

std::string DuplicateKey(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '.' || c == '\'') continue;  // "C.I.C." is "cic", "St. Mary's" is "st marys"
    if (c == '&') {
      flush();
      words.emplace_back("and");
    } else if (IsWordByte(c)) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    } else {
      flush();
    }
  }
  flush();
  static const std::array<std::string_view, 8> kSuffixes{"ltd", "limited", "cic", "cio",
                                                         "plc", "llp",     "inc", "co"};
  while (!words.empty() &&
         std::find(kSuffixes.begin(), kSuffixes.end(), words.back()) != kSuffixes.end())
    words.pop_back();
  if (!words.empty() && words.front() == "the") words.erase(words.begin());
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> SearchWords(std::string_view text) {
  constexpr size_t kMaxWords = 8;
  constexpr size_t kMaxWordBytes = 40;
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty() && out.size() < kMaxWords) {
      // Cut at a character boundary, not inside a multi-byte character.
      if (word.size() > kMaxWordBytes) {
        size_t end = 0;
        while (end < word.size()) {
          const size_t n = Utf8SequenceLength(word, end);
          if (n == 0 || end + n > kMaxWordBytes) break;
          end += n;
        }
        word.resize(end);
      }
      if (!word.empty() && IsUtf8(word)) out.push_back(word);
    }
    word.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (IsWordByte(c))
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
    else
      flush();
  }
  flush();
  return out;
}

}  // namespace valuemark
