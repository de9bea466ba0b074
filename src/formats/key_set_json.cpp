#include "formats/key_set_json.h"

#include "core/calendar.h"
#include "formats/json_reader.h"
#include "formats/records_json.h"

namespace valuemark::formats {

void WritePublishedKey(JsonWriter& w, const PublishedKey& key) {
  w.BeginObject()
      .Field("algorithm", "Ed25519")
      .Field("created_at", FormatTime(key.created_at))
      .Field("key_id", key.key_id)
      .Field("public_key", key.public_key)
      .Key("retired_at");
  if (key.retired_at) {
    w.String(FormatTime(*key.retired_at));
  } else {
    w.Null();
  }
  w.Field("status", key.retired_at ? "retired" : "current").EndObject();
}

std::string KeySetJson(const std::vector<PublishedKey>& keys, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("keys").BeginArray();
  for (const PublishedKey& k : keys) WritePublishedKey(w, k);
  w.EndArray().EndObject();
  std::string out = w.Take();
  if (indent > 0) out += '\n';
  return out;
}

namespace {

std::optional<UnixTime> ReadTime(ObjectReader& r, std::string_view key) {
  if (!r.Has(key) || r.IsNull(key)) return std::nullopt;
  auto text = r.String(key);
  if (!text) return std::nullopt;
  auto t = ParseTimestamp(*text);
  if (!t) {
    r.Report(Child(r.path(), key), t.error().message);
    return std::nullopt;
  }
  return *t;
}

}  // namespace

Result<std::vector<PublishedKey>> ParseKeySet(std::string_view text) {
  simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  std::vector<PublishedKey> keys;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    r.Array("keys", true, [&](const JsonValue& element, const std::string& path) {
      ObjectReader k(element, path, errors);
      if (!k.ok()) return;
      PublishedKey key;
      if (auto algorithm = k.String("algorithm", true); algorithm && *algorithm != "Ed25519")
        k.Report(Child(path, "algorithm"), "must be \"Ed25519\", got \"" + *algorithm + "\"");
      key.key_id = k.String("key_id", true).value_or("");
      key.public_key = k.String("public_key", true).value_or("");
      key.created_at = ReadTime(k, "created_at").value_or(0);
      key.retired_at = ReadTime(k, "retired_at");
      if (auto status = k.String("status"); status && *status != "current" && *status != "retired")
        k.Report(Child(path, "status"),
                 "must be \"current\" or \"retired\", got \"" + *status + "\"");
      k.RejectUnknownFields();
      keys.push_back(std::move(key));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return keys;
}

}  // namespace valuemark::formats
