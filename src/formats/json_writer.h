// A streaming JSON writer for large result documents: the engines' results
// for a 10,000-outcome map are written in a few milliseconds, where building
// a DOM first took several times longer. Numbers are written in their
// shortest round-trip form; NaN and infinities, which JSON cannot hold, as null.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace valuemark::formats {

class JsonWriter {
 public:
  // indent 0 writes one compact line; otherwise nested values are indented.
  explicit JsonWriter(int indent = 2) : indent_(indent) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view s);
  JsonWriter& Number(double d);
  JsonWriter& Int(int64_t i);
  JsonWriter& Uint(uint64_t u);
  JsonWriter& Bool(bool b);
  JsonWriter& Null();
  JsonWriter& Number(const std::optional<double>& d) { return d ? Number(*d) : Null(); }
  JsonWriter& Numbers(const std::vector<double>& values);
  JsonWriter& Strings(const std::vector<std::string>& values);

  // Key and value together: w.Field("years", 3).
  template <typename T>
  JsonWriter& Field(std::string_view key, const T& value) {
    Key(key);
    if constexpr (std::is_same_v<T, bool>)
      return Bool(value);
    else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
      return Int(value);
    else if constexpr (std::is_integral_v<T>)
      return Uint(value);
    else if constexpr (std::is_same_v<T, std::vector<double>>)
      return Numbers(value);
    else if constexpr (std::is_same_v<T, std::vector<std::string>>)
      return Strings(value);
    else if constexpr (std::is_convertible_v<T, std::string_view>)
      return String(value);
    else
      return Number(value);
  }

  // The document, ending with a newline when indented.
  std::string Take();
  // A value that is already JSON text (e.g. stored compact JSON), as it is.
  JsonWriter& Raw(std::string_view json) {
    BeforeValue();
    out_.append(json);
    return *this;
  }
  // Room for about `bytes` of output, so that a large document is not regrown.
  void Reserve(size_t bytes) { out_.reserve(bytes); }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void BeforeValue();
  void NewLine();

  fmt::memory_buffer out_;
  std::vector<bool> empty_;  // per open container: nothing written in it yet
  int indent_;
  bool after_key_ = false;
};

}  // namespace valuemark::formats
