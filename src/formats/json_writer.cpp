#include "formats/json_writer.h"

#include <fmt/compile.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "core/utf8.h"

namespace valuemark::formats {

void JsonWriter::NewLine() {
  if (indent_ == 0) return;
  static constexpr std::string_view kSpaces =
      "                                                                ";
  out_.push_back('\n');
  for (size_t n = empty_.size() * indent_; n > 0;) {
    const size_t chunk = std::min(n, kSpaces.size());
    out_.append(kSpaces.substr(0, chunk));
    n -= chunk;
  }
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_.push_back(',');
  empty_.back() = false;
  NewLine();
}

JsonWriter& JsonWriter::Open(char c) {
  BeforeValue();
  out_.push_back(c);
  empty_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::Close(char c) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  if (!was_empty) NewLine();
  out_.push_back(c);
  return *this;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  String(key);
  out_.push_back(':');
  if (indent_ != 0) out_.push_back(' ');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view s) {
  BeforeValue();
  out_.push_back('"');
  // Plain runs are copied whole; only the characters JSON escapes are looked at
  // one by one (most strings have none). Bytes that are not UTF-8 (a CSV saved
  // as Windows-1252, say) are written as U+FFFD, so that what the platform
  // writes is always JSON that a client, or simdjson reading it back, accepts.
  size_t plain = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      if (const size_t n = Utf8SequenceLength(s, i); n != 0) {
        i += n - 1;
        continue;
      }
      out_.append(s.substr(plain, i - plain));
      out_.append(std::string_view("\xEF\xBF\xBD"));
      plain = i + 1;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.append(s.substr(plain, i - plain));
    plain = i + 1;
    switch (c) {
      case '"':
        out_.append(std::string_view("\\\""));
        break;
      case '\\':
        out_.append(std::string_view("\\\\"));
        break;
      case '\n':
        out_.append(std::string_view("\\n"));
        break;
      case '\r':
        out_.append(std::string_view("\\r"));
        break;
      case '\t':
        out_.append(std::string_view("\\t"));
        break;
      case '\b':
        out_.append(std::string_view("\\b"));
        break;
      case '\f':
        out_.append(std::string_view("\\f"));
        break;
      default:
        fmt::format_to(std::back_inserter(out_), "\\u{:04x}", c);
    }
  }
  out_.append(s.substr(plain));
  out_.push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Number(double d) {
  if (!std::isfinite(d)) return Null();
  BeforeValue();
  if (d == 0) d = 0;  // no "-0"
  fmt::format_to(std::back_inserter(out_), FMT_COMPILE("{}"), d);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t i) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), FMT_COMPILE("{}"), i);
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t u) {
  BeforeValue();
  fmt::format_to(std::back_inserter(out_), FMT_COMPILE("{}"), u);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool b) {
  BeforeValue();
  out_.append(std::string_view(b ? "true" : "false"));
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_.append(std::string_view("null"));
  return *this;
}

JsonWriter& JsonWriter::Numbers(const std::vector<double>& values) {
  BeginArray();
  for (double v : values) Number(v);
  return EndArray();
}

JsonWriter& JsonWriter::Strings(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& v : values) String(v);
  return EndArray();
}

std::string JsonWriter::Take() {
  if (indent_ != 0) out_.push_back('\n');
  return fmt::to_string(out_);
}

}  // namespace valuemark::formats
