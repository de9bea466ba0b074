// UTF-8 as JSON and the web need it: text from CSV and XLSX files is bytes in
// whatever encoding the program that saved it chose (Windows-1252 from Excel,
// often), so it is checked before it is kept.
#pragma once

#include <cstddef>
#include <string_view>

namespace valuemark {

// The length of the well-formed UTF-8 sequence at s[i] (1 to 4), or 0 when
// the bytes there are not one: a stray continuation byte, a truncated or
// overlong sequence, a surrogate, or a code point above U+10FFFF.
size_t Utf8SequenceLength(std::string_view s, size_t i);

// True when all of s is well-formed UTF-8.
bool IsUtf8(std::string_view s);

// Characters (code points), not bytes: what a limit "at most N characters"
// counts, as a browser's maxlength does. UTF-8 continuation bytes do not count.
size_t CountCharacters(std::string_view s);

}  // namespace valuemark
