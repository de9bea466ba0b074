#include "formats/support_json.h"

#include <algorithm>
#include <set>

#include "formats/json_reader.h"

namespace valuemark::formats {

namespace {

void ReadCodes(ObjectReader& r, const char* key, std::vector<std::string>& out,
               std::vector<FieldError>& errors) {
  r.Array(key, true, [&](const JsonValue& v, const std::string& path) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS || s.empty()) {
      errors.push_back({path, "must be a code (text)"});
      return;
    }
    out.emplace_back(s);
  });
}

}  // namespace

void WritePractitionerFields(JsonWriter& w, const Practitioner& p) {
  w.Field("name", p.name)
      .Field("level", p.level)
      .Field("organisation", p.organisation)
      .Field("contact", p.contact)
      .Field("areas", p.areas)
      .Field("awarded_on", p.awarded_on)
      .Field("expires_on", p.expires_on);
}

void WriteConsultantFields(JsonWriter& w, const Consultant& k) {
  w.Field("name", k.name)
      .Field("organisation", k.organisation)
      .Field("summary", k.summary)
      .Field("website", k.website)
      .Field("email", k.email)
      .Field("areas", k.areas)
      .Field("schemes", k.schemes)
      .Field("languages", k.languages)
      .Field("criteria", k.criteria);
}

void WriteResourceFields(JsonWriter& w, const Resource& r) {
  w.Field("title", r.title)
      .Field("kind", Name(r.kind))
      .Field("summary", r.summary)
      .Field("link", r.link)
      .Field("file_name", r.file_name)
      .Field("media_type", r.media_type)
      .Field("file_bytes", r.file_bytes)
      .Field("schemes", r.schemes)
      .Field("criteria", r.criteria);
}

Result<std::vector<BuiltInResource>> ParseResourceLibrary(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  std::vector<BuiltInResource> out;
  std::set<std::string> ids;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    r.Array("resources", true, [&](const JsonValue& v, const std::string& path) {
      ObjectReader e(v, path, errors);
      if (!e.ok()) return;
      BuiltInResource b;
      Resource& res = b.resource;
      res.id = e.String("id", true).value_or("");
      if (!res.id.empty() && !ids.insert(res.id).second)
        errors.push_back({path + ".id", "is the id of an earlier resource"});
      res.title = e.String("title", true).value_or("");
      const std::string kind = e.String("kind", true).value_or("");
      if (auto k = ParseResourceKind(kind))
        res.kind = *k;
      else
        errors.push_back({path + ".kind", "must be template, guidance, webinar or case_study"});
      res.summary = e.String("summary", true).value_or("");
      b.file = e.String("file", true).value_or("");
      if (b.file.empty() || b.file.find('/') != std::string::npos || b.file.starts_with("."))
        errors.push_back({path + ".file", "must be a file name in data/resources"});
      ReadCodes(e, "schemes", res.schemes, errors);
      ReadCodes(e, "criteria", res.criteria, errors);
      e.RejectUnknownFields();
      res.built_in = true;
      out.push_back(std::move(b));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return out;
}

}  // namespace valuemark::formats
