#include "app/validate.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "app/common_passwords.h"
#include "core/calendar.h"
#include "core/utf8.h"

namespace valuemark::app {
namespace {

std::string Trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

// The code point starting at s[i] (valid UTF-8 is checked before), and its length.
std::pair<char32_t, size_t> Decode(std::string_view s, size_t i) {
  const auto b = [&](size_t k) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]));
  };
  const char32_t c = b(0);
  if (c < 0x80) return {c, 1};
  if (c < 0xE0) return {((c & 0x1F) << 6) | (b(1) & 0x3F), 2};
  if (c < 0xF0) return {((c & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F), 3};
  return {((c & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F), 4};
}

}  // namespace

std::string ForbiddenCharacter(std::string_view text, Lines lines) {
  if (!simdjson::validate_utf8(text.data(), text.size()))
    return "must be UTF-8 text: save or paste it again as UTF-8";
  size_t position = 0;
  for (size_t i = 0; i < text.size();) {
    const auto [c, n] = Decode(text, i);
    i += n;
    ++position;
    if (lines == Lines::kMulti && (c == '\n' || c == '\t')) continue;
    if (c == '\r' || c == '\n') return "must be on one line: remove the line break";
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
      return fmt::format(
          "must not contain control characters (U+{:04X} at character {}): remove it",
          static_cast<uint32_t>(c), position);
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
      return fmt::format(
          "must not contain Unicode direction overrides (U+{:04X} at character {}), which make "
          "text read "
          "differently from what it is: remove it",
          static_cast<uint32_t>(c), position);
  }
  return "";
}

std::string OneLine(std::string_view text) {
  const bool utf8 = simdjson::validate_utf8(text.data(), text.size());
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto [c, n] = utf8 ? Decode(text, i)
                             : std::pair<char32_t, size_t>{static_cast<unsigned char>(text[i]), 1};
    const bool control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
                         (c >= 0x2066 && c <= 0x2069);
    if (!utf8 && c >= 0x80) {
      out += '?';
    } else if (control || c == ' ') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(text.substr(i, n));
    }
    i += n;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

void CheckCharacters(const std::string& path, std::string_view text, Lines lines,
                     std::vector<FieldError>& errors) {
  if (std::string problem = ForbiddenCharacter(text, lines); !problem.empty())
    errors.push_back({path, std::move(problem)});
}

Result<std::string> CleanEmail(const std::string& field, const std::string& email) {
  std::string e = Trim(email);
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto at = e.find('@');
  const bool ok = e.size() >= 3 && e.size() <= 254 && at != std::string::npos && at > 0 &&
                  e.find('@', at + 1) == std::string::npos &&
                  e.find('.', at + 2) != std::string::npos && e.back() != '.' &&
                  std::none_of(e.begin(), e.end(), [](unsigned char c) {
                    return std::isspace(c) || c < 0x20 || c == 0x7F ||
                           std::strchr("<>\"(),;:[]\\", c) != nullptr;
                  });
  if (!ok) return Fail(InvalidField(field, "must be an email address such as name@example.org"));
  return e;
}

Result<std::string> CleanText(const std::string& field, const std::string& text, size_t min,
                              size_t max, Lines lines) {
  std::string t = Trim(text);
  if (lines == Lines::kMulti) {  // a browser's or Windows' line ends, read as line feeds
    for (size_t at = t.find("\r\n"); at != std::string::npos; at = t.find("\r\n", at))
      t.erase(at, 1);
  }
  if (std::string problem = ForbiddenCharacter(t, lines); !problem.empty())
    return Fail(InvalidField(field, std::move(problem)));
  const size_t n = CountCharacters(t);
  if (n < min || n > max) {
    if (min == 1 && n == 0) return Fail(InvalidField(field, "must not be empty"));
    return Fail(InvalidField(
        field, fmt::format("must be between {} and {} characters, got {}", min, max, n)));
  }
  return t;
}

Result<std::string> CheckPassword(const std::string& field, const std::string& password,
                                  const std::string& email) {
  const size_t n = CountCharacters(password);
  if (n < 10)
    return Fail(InvalidField(field, fmt::format("must be at least 10 characters, got {}", n)));
  if (n > 200)
    return Fail(InvalidField(field, fmt::format("must be at most 200 characters, got {}", n)));
  auto lower = [](std::string s) {
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  if (!email.empty() && lower(password) == lower(email))
    return Fail(InvalidField(
        field, "must not be your email address: choose a phrase only you would think of"));
  if (IsCommonPassword(password))
    return Fail(
        InvalidField(field,
                     "is one of the most common passwords, which are tried first: choose a phrase "
                     "only you would think of, such as three or four unrelated words"));
  return password;
}

Result<std::string> CheckDate(const std::string& field, const std::string& date) {
  if (auto day = ParseDate(date); !day) return Fail(InvalidField(field, day.error().message));
  return date;
}

Result<void> CheckVersionSeen(std::string_view what, std::optional<int64_t> seen, int64_t now) {
  if (!seen || *seen == now) return {};
  return Fail(
      Error::Field(ErrorCode::kFailedPrecondition, "version",
                   fmt::format("someone else {} first (version {} is now {}): reload and try again",
                               what, *seen, now)));
}

std::string AsciiLower(std::string text) {
  for (char& ch : text)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return text;
}

bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle) {
  return needle.empty() ||
         AsciiLower(std::string(haystack)).find(AsciiLower(std::string(needle))) !=
             std::string::npos;
}

}  // namespace valuemark::app
