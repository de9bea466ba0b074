#include "formats/json_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

namespace valuemark::formats {

namespace {

Result<JsonValue> Parse(simdjson::dom::parser& parser, std::string_view text, bool padded) {
  JsonValue doc;
  if (parser.parse(text.data(), text.size(), /*realloc_if_needed=*/!padded).get(doc) ==
      simdjson::SUCCESS)
    return doc;
  // simdjson says what is wrong but not where: nlohmann finds the line and
  // column (the slow path runs only for a broken file).
  try {
    [[maybe_unused]] auto checked = nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at ..."
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    return Fail(Error::InvalidArgument({{"$", "invalid JSON: " + what}}));
  } catch (const nlohmann::json::exception&) {
    // out_of_range.406: a number such as 1e400 that no double can hold.
    return Fail(Error::InvalidArgument(
        {{"$",
          "invalid JSON: a number is too large to be represented (numbers must be below 1e308)"}}));
  }
  return Fail(
      Error::InvalidArgument({{"$", "invalid JSON: the document is not valid UTF-8 JSON"}}));
}

}  // namespace

Result<JsonValue> ParseJsonText(simdjson::dom::parser& parser, std::string_view text) {
  return Parse(parser, text, false);
}

Result<JsonValue> ParseJsonText(simdjson::dom::parser& parser, const std::string& text) {
  return Parse(parser, text, text.capacity() - text.size() >= simdjson::SIMDJSON_PADDING);
}

std::string DescribeJsonType(const JsonValue& value) {
  switch (value.type()) {
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
    case simdjson::dom::element_type::BOOL:
      return bool(value) ? "true" : "false";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    default:
      return "a number";
  }
}

std::string Child(const std::string& path, std::string_view key) {
  if (path.empty() || path == "$") return std::string(key);
  std::string out;
  out.reserve(path.size() + 1 + key.size());
  out += path;
  out += '.';
  out += key;
  return out;
}

std::string Child(const std::string& path, size_t index) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, index).ptr;
  std::string out;
  out.reserve(path.size() + (end - digits) + 2);
  out += path;
  out += '[';
  out.append(digits, end);
  out += ']';
  return out;
}

Error DamagedRecord(std::string_view what, const std::vector<FieldError>& problems) {
  std::string detail = "it is not JSON";
  if (!problems.empty()) {
    const FieldError& first = problems.front();
    detail = first.path == "$" ? "it " + first.message
                               : fmt::format("its {} {}", first.path, first.message);
  }
  return Error::Make(ErrorCode::kInternal,
                     fmt::format("a stored {} cannot be read because it is damaged ({}); nothing "
                                 "was changed. Please tell the platform's administrators",
                                 what, detail));
}

ObjectReader::ObjectReader(const JsonValue& value, std::string path,
                           std::vector<FieldError>& errors)
    : path_(std::move(path)), errors_(errors) {
  simdjson::dom::object object;
  ok_ = value.get_object().get(object) == simdjson::SUCCESS;
  if (!ok_) {
    Report(path_.empty() ? "$" : path_, "must be an object, got " + DescribeJsonType(value));
    return;
  }
  const size_t n = object.size();
  if (n > kInlineFields) heap_.resize(n);
  Entry* out = n > kInlineFields ? heap_.data() : inline_.data();
  for (auto field : object) out[count_++] = {field.key, field.value, false};
}

void ObjectReader::Report(const std::string& path, std::string message) {
  errors_.push_back({path, std::move(message)});
}

bool ObjectReader::Has(std::string_view key) const {
  auto fields = Fields();
  return std::any_of(fields.begin(), fields.end(), [&](const Entry& e) { return e.key == key; });
}

bool ObjectReader::IsNull(std::string_view key) {
  for (Entry& e : Fields()) {
    if (e.key == key && e.value.is_null()) {
      e.claimed = true;
      return true;
    }
  }
  return false;
}

std::optional<JsonValue> ObjectReader::Find(std::string_view key, bool required) {
  if (!ok_) return std::nullopt;
  // Files usually list keys in the order they are asked for, so the scan
  // starts just after the previous hit.
  auto fields = Fields();
  const size_t n = fields.size();
  for (size_t step = 0; step < n; ++step) {
    const size_t i = (next_ + step) % n;
    if (fields[i].key == key) {
      fields[i].claimed = true;
      next_ = i + 1;
      return fields[i].value;
    }
  }
  if (required) Report(Child(path_, key), "is required");
  return std::nullopt;
}

size_t ObjectReader::ArrayLength(std::string_view key) const {
  for (const Entry& field : Fields()) {
    simdjson::dom::array array;
    if (field.key == key && field.value.get_array().get(array) == simdjson::SUCCESS)
      return array.size();
  }
  return 0;
}

std::optional<std::string> ObjectReader::String(std::string_view key, bool required) {
  auto v = Find(key, required);
  if (!v) return std::nullopt;
  std::string_view s;
  if (v->get_string().get(s) != simdjson::SUCCESS) {
    Report(Child(path_, key), "must be a string, got " + DescribeJsonType(*v));
    return std::nullopt;
  }
  return std::string(s);
}

std::optional<bool> ObjectReader::Bool(std::string_view key) {
  auto v = Find(key, false);
  if (!v) return std::nullopt;
  bool b = false;
  if (v->get_bool().get(b) != simdjson::SUCCESS) {
    Report(Child(path_, key), "must be true or false, got " + DescribeJsonType(*v));
    return std::nullopt;
  }
  return b;
}

namespace {

// The path is built only when there is something to report: most fields are fine.
template <typename PathFn>
std::optional<double> ReadNumber(const JsonValue& v, const PathFn& path, const Range& range,
                                 std::vector<FieldError>& errors) {
  double d = 0;
  if (v.get_double().get(d) != simdjson::SUCCESS) {
    errors.push_back({path(), "must be a number, got " + DescribeJsonType(v)});
    return std::nullopt;
  }
  if (auto problem = range.Check(d)) {
    errors.push_back({path(), *problem});
    return std::nullopt;
  }
  return d;
}

template <typename PathFn>
std::optional<Uncertain> ReadUncertainAt(const JsonValue& value, const PathFn& path,
                                         const Range& range, std::vector<FieldError>& errors) {
  double d = 0;
  if (value.get_double().get(d) == simdjson::SUCCESS) {
    if (auto problem = range.Check(d)) {
      errors.push_back({path(), *problem});
      return std::nullopt;
    }
    return Uncertain(d);
  }
  return ReadUncertain(value, path(), range, errors);
}

}  // namespace

std::optional<double> ObjectReader::Number(std::string_view key, const Range& range,
                                           bool required) {
  auto v = Find(key, required);
  if (!v) return std::nullopt;
  return ReadNumber(
      *v, [&] { return Child(path_, key); }, range, errors_);
}

std::optional<int64_t> ObjectReader::Integer(std::string_view key, const Range& range,
                                             bool required) {
  auto d = Number(key, range, required);
  if (!d) return std::nullopt;
  // The range has been checked; a range wider than int64_t is still no licence
  // to convert out of range (undefined behaviour, found by fuzz/survey_design
  // when this returned int and a survey's response_limit was 50,022,222,222).
  if (!(*d >= -9.2e18 && *d <= 9.2e18)) {
    Report(Child(path_, key), "is too large");
    return std::nullopt;
  }
  return static_cast<int64_t>(*d);
}

std::optional<Uncertain> ReadUncertain(const JsonValue& value, const std::string& path,
                                       const Range& range, std::vector<FieldError>& errors) {
  double d = 0;
  if (value.get_double().get(d) == simdjson::SUCCESS) {
    if (auto problem = range.Check(d)) {
      errors.push_back({path, *problem});
      return std::nullopt;
    }
    return Uncertain(d);
  }
  if (!value.is_object()) {
    errors.push_back({path,
                      "must be a number or an uncertainty such as {\"low\": 1, \"mode\": 2, "
                      "\"high\": 3}, got " +
                          DescribeJsonType(value)});
    return std::nullopt;
  }
  const size_t before = errors.size();
  ObjectReader r(value, path, errors);
  auto low = r.Number("low", range, true);
  const bool has_mode = r.Has("mode");
  auto mode = r.Number("mode", range, false);
  auto high = r.Number("high", range, true);
  r.RejectUnknownFields();
  if (errors.size() != before || !low || !high || (has_mode && !mode)) return std::nullopt;
  Distribution dist;
  dist.low = *low;
  dist.high = *high;
  if (has_mode) {
    dist.kind = DistributionKind::kTriangular;
    dist.mode = *mode;
    if (!(dist.low <= dist.mode && dist.mode <= dist.high)) {
      errors.push_back(
          {path, fmt::format("must have low <= mode <= high, got low {}, mode {}, high {}",
                             dist.low, dist.mode, dist.high)});
      return std::nullopt;
    }
  } else if (!(dist.low <= dist.high)) {
    errors.push_back(
        {path, fmt::format("must have low <= high, got low {}, high {}", dist.low, dist.high)});
    return std::nullopt;
  }
  return Uncertain(dist);
}

std::optional<Uncertain> ObjectReader::UncertainNumber(std::string_view key, const Range& range,
                                                       bool required) {
  auto v = Find(key, required);
  if (!v) return std::nullopt;
  return ReadUncertainAt(
      *v, [&] { return Child(path_, key); }, range, errors_);
}

void ObjectReader::RejectUnknownFields() {
  auto fields = Fields();
  for (const Entry& e : fields) {
    if (e.claimed) continue;
    const bool repeated = std::any_of(fields.begin(), fields.end(), [&](const Entry& other) {
      return other.claimed && other.key == e.key;
    });
    Report(Child(path_, e.key), repeated ? "appears more than once" : "unknown field");
  }
}

}  // namespace valuemark::formats
