// Strict reading of JSON documents into domain values (internal to
// src/formats). Every problem is collected with its JSON path (e.g.
// "outcomes[3].deadweight") instead of stopping at the first, so that a user
// can fix a file in one pass. Parsing is simdjson's: a 10,000-outcome map must
// be read, valued and printed in under 50 ms.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/impact_map.h"
#include "core/result.h"

namespace valuemark::formats {

using JsonValue = simdjson::dom::element;

// Parses text; a syntax error becomes one FieldError at "$" naming the line
// and column. The returned element lives as long as `parser`.
Result<JsonValue> ParseJsonText(simdjson::dom::parser& parser, std::string_view text);
// The same for text whose buffer already has simdjson's padding after it
// (capacity() - size() >= SIMDJSON_PADDING): parsed in place, without the
// copy that a large file would otherwise cost.
Result<JsonValue> ParseJsonText(simdjson::dom::parser& parser, const std::string& text);

// "a string", "true", "null", ... for messages such as "must be a number, got a string".
std::string DescribeJsonType(const JsonValue& value);

// Child("outcomes", 3) → "outcomes[3]"; Child("$", "name") → "name";
// Child("outcomes[3]", "proxy") → "outcomes[3].proxy".
std::string Child(const std::string& path, std::string_view key);
std::string Child(const std::string& path, size_t index);

// Reads the fields of one JSON object. Each field is claimed by a call below;
// RejectUnknownFields() then reports every key nobody claimed, and each
// required key that is absent is reported as "is required".
class ObjectReader {
 public:
  // Reports "must be an object" and reads nothing when value is not an object.
  ObjectReader(const JsonValue& value, std::string path, std::vector<FieldError>& errors);

  bool ok() const { return ok_; }
  const std::string& path() const { return path_; }
  std::vector<FieldError>& errors() { return errors_; }
  bool Has(std::string_view key) const;
  // True when the key is present with the value null (and claims it).
  bool IsNull(std::string_view key);

  // Each returns nullopt (after reporting) when the key is absent and
  // required, or present but invalid; nullopt silently when absent and optional.
  std::optional<std::string> String(std::string_view key, bool required = false);
  std::optional<bool> Bool(std::string_view key);
  std::optional<double> Number(std::string_view key, const Range& range, bool required = false);
  // A whole number (the range should say integer) as int64_t: counts, versions
  // and populations go beyond int (survey populations up to 10^12).
  std::optional<int64_t> Integer(std::string_view key, const Range& range, bool required = false);
  // A number or an uncertainty {"low","high"} / {"low","mode","high"} (docs/methodology.md §3).
  std::optional<Uncertain> UncertainNumber(std::string_view key, const Range& range,
                                           bool required = false);

  // Calls read(element, element_path) for each element of an array; returns
  // the number of elements, or nullopt when absent or not an array.
  template <typename Fn>
  std::optional<size_t> Array(std::string_view key, bool required, Fn&& read) {
    auto v = Find(key, required);
    if (!v) return std::nullopt;
    const std::string path = Child(path_, key);
    simdjson::dom::array array;
    if (v->get_array().get(array) != simdjson::SUCCESS) {
      Report(path, "must be an array, got " + DescribeJsonType(*v));
      return std::nullopt;
    }
    size_t i = 0;
    for (JsonValue element : array) read(element, Child(path, i++));
    return i;
  }

  // The number of elements of an array field, without claiming it (0 when
  // absent or not an array): lets a caller reserve before Array().
  size_t ArrayLength(std::string_view key) const;

  // Calls read(member_key, element, element_path) for each field of a nested
  // object whose keys are data (ids); returns the number of fields, or
  // nullopt when absent or not an object.
  template <typename Fn>
  std::optional<size_t> Members(std::string_view key, bool required, Fn&& read);

  // Calls read(reader) for a nested object, then rejects its unknown fields.
  template <typename Fn>
  bool Object(std::string_view key, bool required, Fn&& read) {
    auto v = Find(key, required);
    if (!v) return false;
    ObjectReader nested(*v, Child(path_, key), errors_);
    if (!nested.ok()) return false;
    read(nested);
    nested.RejectUnknownFields();
    return true;
  }

  void RejectUnknownFields();
  void Report(const std::string& path, std::string message);

 private:
  std::optional<JsonValue> Find(std::string_view key, bool required);

  struct Entry {
    std::string_view key;
    JsonValue value;
    bool claimed = false;
  };
  // The object's fields in file order; objects are small, so a linear scan
  // beats hashing, and they live on the stack unless there are many.
  static constexpr size_t kInlineFields = 24;
  std::span<Entry> Fields() { return {heap_.empty() ? inline_.data() : heap_.data(), count_}; }
  std::span<const Entry> Fields() const {
    return {heap_.empty() ? inline_.data() : heap_.data(), count_};
  }
  std::array<Entry, kInlineFields> inline_;
  std::vector<Entry> heap_;
  size_t count_ = 0;
  size_t next_ = 0;
  bool ok_ = false;
  std::string path_;
  std::vector<FieldError>& errors_;
};

// Reads what the platform stored itself (a record's body) with
// read(ObjectReader&): a body that does not parse, is not an object, or has a
// field that `read` finds wrong is an Internal error saying which stored
// `what` ("pledge", "value-bank entry") is damaged and its first problem, so
// that a corrupt record answers with an error, never an exception. Fields
// `read` does not claim are let be: older records may carry more.
inline constexpr Range kAnyNumber{-1e300, 1e300};
inline constexpr Range kAnyInteger{-1e15, 1e15, true, true};
Error DamagedRecord(std::string_view what, const std::vector<FieldError>& problems);
template <typename Fn>
Result<void> ReadStoredObject(std::string_view body, std::string_view what, Fn&& read) {
  simdjson::dom::parser parser;
  auto doc = ParseJsonText(parser, body);
  if (!doc) return Fail(DamagedRecord(what, doc.error().fields));
  std::vector<FieldError> problems;
  ObjectReader reader(*doc, "$", problems);
  if (reader.ok()) read(reader);
  if (!problems.empty()) return Fail(DamagedRecord(what, problems));
  return {};
}

// Calls read(member_key, element, element_path) for each field of the object
// `value` at `path`; returns the number of fields, or nullopt (after
// reporting) when it is not an object.
template <typename Fn>
std::optional<size_t> ReadMembers(const JsonValue& value, const std::string& path,
                                  std::vector<FieldError>& errors, Fn&& read) {
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    errors.push_back({path, "must be an object, got " + DescribeJsonType(value)});
    return std::nullopt;
  }
  size_t n = 0;
  for (auto field : object) {
    read(field.key, field.value, Child(path, field.key));
    ++n;
  }
  return n;
}

template <typename Fn>
std::optional<size_t> ObjectReader::Members(std::string_view key, bool required, Fn&& read) {
  auto v = Find(key, required);
  if (!v) return std::nullopt;
  return ReadMembers(*v, Child(path_, key), errors_, read);
}

// Reads a number or an uncertainty at `path`.
std::optional<Uncertain> ReadUncertain(const JsonValue& value, const std::string& path,
                                       const Range& range, std::vector<FieldError>& errors);

}  // namespace valuemark::formats
