// Input rules shared by the use cases. Each returns the cleaned value or an
// InvalidArgument error naming the field and the rule.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace valuemark::app {

// Whether a text field may hold line breaks. Names, titles, codes and
// anything that may end up in an email header are single-line.
enum class Lines { kSingle, kMulti };

// Trimmed, lower-cased; "must be an email address such as name@example.org".
Result<std::string> CleanEmail(const std::string& field, const std::string& email);
// The one check of free text: trimmed, of min..max characters, valid UTF-8,
// and without control characters (C0 and C1; a multi-line field may hold
// line feeds and tabs, and CRLF is read as a line feed) or the Unicode
// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), which
// can make text read differently from what it is.
Result<std::string> CleanText(const std::string& field, const std::string& text, size_t min,
                              size_t max, Lines lines = Lines::kSingle);
// The first character CleanText refuses, as a message ("must not contain ..."),
// or "" when the text is acceptable. For values checked where a length rule
// does not apply (e.g. survey answers read from a file).
std::string ForbiddenCharacter(std::string_view text, Lines lines);
// Stored text made safe for one line (a mail header, the first line of a
// greeting): what ForbiddenCharacter refuses in single-line text (line breaks,
// C0/C1 controls, direction overrides) becomes a space, runs of spaces one,
// and bytes that are not UTF-8 "?". For names and titles stored before their
// input was checked, which may still hold CR or LF.
std::string OneLine(std::string_view text);
// Searches in people's words: ASCII letters folded to lower case, as the
// database's lower() does on both back ends; an empty needle is in everything.
std::string AsciiLower(std::string text);
bool ContainsIgnoringCase(std::string_view haystack, std::string_view needle);
// Adds {path, that message} to errors when the text has such a character.
void CheckCharacters(const std::string& path, std::string_view text, Lines lines,
                     std::vector<FieldError>& errors);
// 10 to 200 characters, not one of the most common passwords
// (data/passwords/common.txt), and not the account's email address.
Result<std::string> CheckPassword(const std::string& field, const std::string& password,
                                  const std::string& email = "");
// YYYY-MM-DD of a real calendar day.
Result<std::string> CheckDate(const std::string& field, const std::string& date);

// 409 on "version" when someone else changed the record since the caller
// read it (`seen`; nullopt: the caller did not say). `what` says what they
// did: "saved this pledge".
Result<void> CheckVersionSeen(std::string_view what, std::optional<int64_t> seen, int64_t now);

inline Error InvalidField(const std::string& field, std::string message) {
  return Error::Field(ErrorCode::kInvalidArgument, field, std::move(message));
}

}  // namespace valuemark::app
