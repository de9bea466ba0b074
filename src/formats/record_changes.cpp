#include "formats/record_changes.h"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>

#include "core/calendar.h"
#include "core/scheme.h"
#include "formats/json_writer.h"

namespace valuemark::formats {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::string_view kSeparator = " › ";

// Keys whose values are identifiers, bookkeeping or secrets: never shown.
bool Hidden(std::string_view key) {
  static constexpr std::array<std::string_view, 5> kExact = {"id", "version", "created_at",
                                                             "updated_at", "organisation_id"};
  static constexpr std::array<std::string_view, 6> kParts = {"password", "token",  "secret",
                                                             "hash",     "digest", "signature"};
  if (std::ranges::find(kExact, key) != kExact.end()) return true;
  if (key.ends_with("_id") || key.ends_with("_ids")) return true;
  // The terms' document code ("svmc-terms-v1"): the entry is "accepted the terms".
  if (key == "terms_version") return true;
  return std::ranges::any_of(kParts,
                             [&](std::string_view part) { return key.find(part) != key.npos; });
}

// Keys whose values are enum names ("senior_leader"), shown in words.
bool EnumKey(std::string_view key) {
  static constexpr std::array<std::string_view, 17> kKeys = {
      "status", "role",    "kind",     "state",    "size_band", "platform_role",
      "type",   "level",   "decision", "priority", "frequency", "recommendation",
      "action", "outcome", "subject",  "verdict",  "standing"};
  return std::ranges::find(kKeys, key) != kKeys.end();
}

// "senior_leader" → "Senior leader".
std::string Words(std::string_view name) {
  std::string out(name);
  std::ranges::replace(out, '_', ' ');
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

bool LooksLikeEnum(std::string_view s) {
  if (s.empty() || s.find('_') == s.npos) return false;
  return std::ranges::all_of(s, [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

// The label of a key: "fee_pence" → "Fee", "legal_structure" → "Legal structure".
std::string Label(std::string_view key) {
  if (key.ends_with("_pence")) key.remove_suffix(6);
  return Words(key);
}

// At most kMaxValueChars characters (UTF-8), then "…".
std::string Cut(std::string s) {
  size_t chars = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (chars++ == kMaxValueChars) {
      s.resize(i);
      s += "…";
      break;
    }
  }
  return s;
}

// "2026-12-04" or "2026-12-04T10:00:00Z" → "4 Dec 2026"; nullopt for
// anything else, text that only starts with a date included.
std::optional<std::string> AsDate(std::string_view s) {
  if (s.size() == 10) {
    auto d = ParseDate(s);
    if (d) return ReadableDate(*d);
    return std::nullopt;
  }
  if (s.size() < 20 || s[10] != 'T' || !ParseTimestamp(s)) return std::nullopt;
  return ReadableDate(*ParseDate(s.substr(0, 10)));
}

// Keys whose values people typed: shown as typed, never read as a date or a name.
bool FreeText(std::string_view key) {
  static constexpr std::array<std::string_view, 15> kKeys = {
      "name",     "title",   "text", "description", "reason", "reasons",     "response", "body",
      "feedback", "grounds", "note", "notes",       "help",   "declaration", "complaint"};
  return std::ranges::find(kKeys, key) != kKeys.end() || key.ends_with("reference");
}

std::string Scalar(const element& v, std::string_view key) {
  switch (v.type()) {
    case element_type::STRING: {
      const std::string_view s = v.get_string().value_unsafe();
      if (FreeText(key)) return Cut(std::string(s));
      if (auto date = AsDate(s)) return *date;
      if (EnumKey(key) || LooksLikeEnum(s)) return Words(s);
      return Cut(std::string(s));
    }
    case element_type::INT64:
      if (key.ends_with("_pence")) return FormatPounds(v.get_int64().value_unsafe());
      return std::to_string(v.get_int64().value_unsafe());
    case element_type::UINT64:
      return std::to_string(v.get_uint64().value_unsafe());
    case element_type::DOUBLE:
      return fmt::format("{}", v.get_double().value_unsafe());
    case element_type::BOOL:
      return v.get_bool().value_unsafe() ? "yes" : "no";
    case element_type::NULL_VALUE:
      return "";
    default:
      return Cut(simdjson::minify(v));
  }
}

bool IsContainer(const element& v) {
  return v.type() == element_type::OBJECT || v.type() == element_type::ARRAY;
}

// The name of a list element: its name, title, label or text, else "item N".
std::string ElementName(const element& v, size_t index) {
  if (v.type() == element_type::OBJECT) {
    for (const char* key : {"name", "title", "label", "text", "description", "role", "body"}) {
      auto field = v[key];
      std::string_view s;
      if (!field.error() && field.get_string().get(s) == simdjson::SUCCESS && !s.empty())
        return EnumKey(key) ? Words(s) : Cut(std::string(s));
    }
    return fmt::format("item {}", index + 1);
  }
  return Scalar(v, "");
}

// What matches an element across the two versions: its id, else its name,
// else its place.
std::string ElementKey(const element& v, size_t index) {
  if (v.type() == element_type::OBJECT) {
    for (const char* key : {"id", "name", "title", "label", "text"}) {
      auto field = v[key];
      std::string_view s;
      if (!field.error() && field.get_string().get(s) == simdjson::SUCCESS && !s.empty())
        return std::string(key) + ":" + std::string(s);
    }
  }
  return fmt::format("#{}", index);
}

class Differ {
 public:
  RecordChanges Take() { return std::move(out_); }

  void Object(const std::string& path, const element* before, const element* after) {
    // Keys in the order of the later version, then those it no longer has.
    std::vector<std::string_view> keys;
    auto collect = [&](const element* side) {
      if (side == nullptr || side->type() != element_type::OBJECT) return;
      const simdjson::dom::object object = side->get_object().value_unsafe();
      for (auto [key, value] : object)
        if (std::ranges::find(keys, key) == keys.end()) keys.push_back(key);
    };
    collect(after);
    collect(before);
    for (std::string_view key : keys) {
      if (Hidden(key)) continue;
      const std::optional<element> b = Field(before, key);
      const std::optional<element> a = Field(after, key);
      // Who did something (terms_accepted_by: an account id) is the entry's
      // actor; a day to do it by (respond_by) is shown.
      if (key.ends_with("_by") && !IsDate(b) && !IsDate(a)) continue;
      Value(Join(path, Label(key)), key, b ? &*b : nullptr, a ? &*a : nullptr);
    }
  }

 private:
  static bool IsDate(const std::optional<element>& v) {
    std::string_view s;
    return v && v->get_string().get(s) == simdjson::SUCCESS && AsDate(s).has_value();
  }

  static std::optional<element> Field(const element* side, std::string_view key) {
    if (side == nullptr || side->type() != element_type::OBJECT) return std::nullopt;
    auto v = (*side)[key];
    if (v.error()) return std::nullopt;
    return v.value_unsafe();
  }

  static std::string Join(const std::string& path, std::string_view label) {
    return path.empty() ? std::string(label) : path + std::string(kSeparator) + std::string(label);
  }

  void Add(const std::string& field, std::string before, std::string after) {
    if (before == after) return;
    if (static_cast<int>(out_.items.size()) >= kMaxChanges) {
      ++out_.more;
      return;
    }
    out_.items.push_back({field, std::move(before), std::move(after)});
  }

  void Value(const std::string& field, std::string_view key, const element* before,
             const element* after) {
    // A null beside an object or a list is its absence: what was added or
    // removed is then listed field by field, never as JSON.
    auto is_null = [](const element* v) {
      return v != nullptr && v->type() == element_type::NULL_VALUE;
    };
    auto is_container = [](const element* v) {
      return v != nullptr &&
             (v->type() == element_type::OBJECT || v->type() == element_type::ARRAY);
    };
    if (is_null(before) && is_container(after)) before = nullptr;
    if (is_null(after) && is_container(before)) after = nullptr;
    const bool b_object = before != nullptr && before->type() == element_type::OBJECT;
    const bool a_object = after != nullptr && after->type() == element_type::OBJECT;
    const bool b_array = before != nullptr && before->type() == element_type::ARRAY;
    const bool a_array = after != nullptr && after->type() == element_type::ARRAY;
    if ((b_object || before == nullptr) && (a_object || after == nullptr) && (b_object || a_object))
      return Object(field, before, after);
    if ((b_array || before == nullptr) && (a_array || after == nullptr) && (b_array || a_array))
      return Array(field, before, after);
    Add(field, Text(before, key), Text(after, key));
  }

  static std::string Text(const element* v, std::string_view key) {
    return v == nullptr ? "" : Scalar(*v, key);
  }

  void Array(const std::string& field, const element* before, const element* after) {
    auto elements = [](const element* side) {
      std::vector<element> out;
      if (side == nullptr || side->type() != element_type::ARRAY) return out;
      const simdjson::dom::array array = side->get_array().value_unsafe();
      for (element e : array) out.push_back(e);
      return out;
    };
    const std::vector<element> b = elements(before);
    const std::vector<element> a = elements(after);
    const bool scalars =
        std::ranges::none_of(b, IsContainer) && std::ranges::none_of(a, IsContainer);
    if (scalars) {
      // A list of values (tags, areas) is shown whole: "Leeds, York → Leeds".
      auto joined = [&](const std::vector<element>& list) {
        std::string s;
        for (const element& e : list) s += (s.empty() ? "" : ", ") + Scalar(e, "");
        return Cut(std::move(s));
      };
      return Add(field, joined(b), joined(a));
    }
    std::map<std::string, size_t> earlier;
    for (size_t i = 0; i < b.size(); ++i) earlier.emplace(ElementKey(b[i], i), i);
    std::vector<bool> matched(b.size(), false);
    for (size_t i = 0; i < a.size(); ++i) {
      auto it = earlier.find(ElementKey(a[i], i));
      if (it == earlier.end() || matched[it->second]) {
        Add(field, "", ElementName(a[i], i));
        continue;
      }
      matched[it->second] = true;
      const std::string name = Join(field, ElementName(a[i], i));
      if (simdjson::minify(b[it->second]) == simdjson::minify(a[i])) continue;
      Value(name, "", &b[it->second], &a[i]);
    }
    for (size_t i = 0; i < b.size(); ++i)
      if (!matched[i]) Add(field, ElementName(b[i], i), "");
  }

  RecordChanges out_;
};

}  // namespace

RecordChanges DiffRecords(std::string_view before, std::string_view after) {
  if (before == after) return {};
  simdjson::dom::parser pb;
  simdjson::dom::parser pa;
  element b;
  element a;
  if (pb.parse(before.data(), before.size()).get(b) != simdjson::SUCCESS ||
      pa.parse(after.data(), after.size()).get(a) != simdjson::SUCCESS)
    return {};
  if (b.type() != element_type::OBJECT || a.type() != element_type::OBJECT) return {};
  Differ d;
  d.Object("", &b, &a);
  return d.Take();
}

std::string WriteRecordChanges(const RecordChanges& changes) {
  if (changes.items.empty() && changes.more == 0) return "";
  JsonWriter w(0);
  w.BeginObject().Key("items").BeginArray();
  for (const FieldChange& c : changes.items)
    w.BeginObject()
        .Field("field", c.field)
        .Field("before", c.before)
        .Field("after", c.after)
        .EndObject();
  w.EndArray().Field("more", changes.more).EndObject();
  return w.Take();
}

RecordChanges ReadRecordChanges(std::string_view json) {
  RecordChanges out;
  if (json.empty()) return out;
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS) return out;
  simdjson::dom::array items;
  if (doc["items"].get(items) != simdjson::SUCCESS) return out;
  for (element item : items) {
    std::string_view field;
    std::string_view before;
    std::string_view after;
    if (item["field"].get(field) || item["before"].get(before) || item["after"].get(after))
      return {};
    out.items.push_back({std::string(field), std::string(before), std::string(after)});
  }
  int64_t more = 0;
  if (doc["more"].get(more) == simdjson::SUCCESS) out.more = static_cast<int>(more);
  return out;
}

}  // namespace valuemark::formats
