// The support registers' routes (api_network.h; docs/api.md "Support"):
// practitioners, consultants and the resource library. Anyone reads them;
// administrators keep them.
#include "app/crypto.h"
#include "formats/records_json.h"
#include "formats/support_json.h"
#include "http/api_network.h"

namespace valuemark::http {
namespace {

// A resource's file in a JSON body: base64 of at most 10 MB.
constexpr size_t kMaxResourceBody = kMaxResourceFileBytes / 3 * 4 + 64 * 1024;

void WriteNamed(JsonWriter& w, const char* key, const std::vector<app::NamedCode>& codes) {
  w.Key(key).BeginArray();
  for (const app::NamedCode& c : codes)
    w.BeginObject().Field("code", c.code).Field("name", c.name).EndObject();
  w.EndArray();
}

void WriteCriterion(JsonWriter& w, const app::CriterionRef& c) {
  w.BeginObject()
      .Field("id", c.id)
      .Field("scheme_id", c.scheme_id)
      .Field("scheme_name", c.scheme_name)
      .Field("level", c.level)
      .Field("level_name", c.level_name)
      .Field("stage", c.stage)
      .Field("text", c.text)
      .EndObject();
}

// The criteria in words, beside their ids in "criteria".
void WriteCriterionDetails(JsonWriter& w, const std::vector<app::CriterionRef>& criteria) {
  w.Key("criterion_details").BeginArray();
  for (const app::CriterionRef& c : criteria) WriteCriterion(w, c);
  w.EndArray();
}

void WriteStamp(JsonWriter& w, UnixTime updated_at, int64_t version) {
  w.Key("updated_at");
  formats::WriteOptionalString(
      w, updated_at ? std::optional(formats::FormatTime(updated_at)) : std::nullopt);
  w.Field("version", version);
}

void WritePractitioner(JsonWriter& w, const app::PractitionerView& v) {
  const Practitioner& p = v.practitioner;
  w.BeginObject().Field("id", p.id);
  formats::WritePractitionerFields(w, p);
  w.Field("standing", Name(v.standing));
  WriteNamed(w, "area_names", v.areas);
  WriteStamp(w, p.updated_at, p.version);
  w.EndObject();
}

void WriteConsultant(JsonWriter& w, const app::ConsultantView& v) {
  const Consultant& k = v.consultant;
  w.BeginObject().Field("id", k.id);
  formats::WriteConsultantFields(w, k);
  WriteNamed(w, "area_names", v.areas);
  WriteNamed(w, "scheme_names", v.schemes);
  WriteNamed(w, "language_names", v.languages);
  WriteCriterionDetails(w, v.criteria);
  WriteStamp(w, k.updated_at, k.version);
  w.EndObject();
}

void WriteResource(JsonWriter& w, const app::ResourceView& v) {
  const Resource& r = v.resource;
  w.BeginObject().Field("id", r.id);
  formats::WriteResourceFields(w, r);
  w.Field("kind_name", Describe(r.kind)).Field("built_in", r.built_in);
  WriteNamed(w, "scheme_names", v.schemes);
  WriteCriterionDetails(w, v.criteria);
  WriteStamp(w, r.updated_at, r.version);
  w.EndObject();
}

template <typename T, typename WriteFn>
Response PageResponse(const Result<app::SupportPage<T>>& page, WriteFn write) {
  if (!page) return ErrorResponse(page.error());
  JsonWriter w(0);
  w.BeginObject().Key("items").BeginArray();
  for (const T& v : page->items) write(w, v);
  w.EndArray()
      .Field("total", page->total)
      .Field("offset", page->offset)
      .Field("limit", page->limit)
      .EndObject();
  return Json(w.Take());
}

template <typename T, typename WriteFn>
Response OneResponse(const Result<T>& r, WriteFn write, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  write(w, *r);
  return Json(w.Take(), status);
}

Result<app::SupportQuery> ReadQuery(const Request& request) {
  app::SupportQuery q;
  q.text = QueryText(request, "q");
  if (q.text.size() > 200)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "q", "use at most 200 characters"));
  q.filters.area = QueryText(request, "area");
  q.filters.scheme = QueryText(request, "scheme");
  q.filters.criterion = QueryText(request, "criterion");
  q.filters.language = QueryText(request, "language");
  q.filters.kind = QueryText(request, "kind");
  const std::string expired = QueryText(request, "include_expired");
  if (!expired.empty() && expired != "true" && expired != "false")
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "include_expired", "must be true or false"));
  q.filters.include_expired = expired == "true";
  auto level = TRY(QueryInt(request, "level", 1, kPractitionerLevels));
  auto offset = TRY(QueryInt(request, "offset", 0, 100000));
  auto limit = TRY(QueryInt(request, "limit", 1, 100));
  q.filters.level = static_cast<int>(level.value_or(0));
  q.offset = static_cast<int>(offset.value_or(0));
  q.limit = static_cast<int>(limit.value_or(20));
  return q;
}

void ReadCodeList(ObjectReader& r, const char* key, std::vector<std::string>& out) {
  r.Array(key, false, [&](const formats::JsonValue& v, const std::string& path) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS || s.empty() || s.size() > 100) {
      r.Report(path, "must be one of the choices offered");
      return;
    }
    out.emplace_back(s);
  });
}

constexpr Range kLevel{0, 100, true, true};

Result<app::PractitionerInput> ReadPractitioner(Request& request) {
  app::PractitionerInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.name = r.String("name", true).value_or("");
    in.level = static_cast<int>(r.Integer("level", kLevel, true).value_or(0));
    in.organisation = r.String("organisation").value_or("");
    in.contact = r.String("contact").value_or("");
    ReadCodeList(r, "areas", in.areas);
    in.awarded_on = r.String("awarded_on", true).value_or("");
    in.expires_on = r.String("expires_on", true).value_or("");
    in.version = r.Integer("version", kVersionFromOne);
  }));
  return in;
}

Result<app::ConsultantInput> ReadConsultant(Request& request) {
  app::ConsultantInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.name = r.String("name", true).value_or("");
    in.organisation = r.String("organisation").value_or("");
    in.summary = r.String("summary", true).value_or("");
    in.website = r.String("website").value_or("");
    in.email = r.String("email").value_or("");
    ReadCodeList(r, "areas", in.areas);
    ReadCodeList(r, "schemes", in.schemes);
    ReadCodeList(r, "languages", in.languages);
    ReadCodeList(r, "criteria", in.criteria);
    in.version = r.Integer("version", kVersionFromOne);
  }));
  return in;
}

struct ResourceBody {
  app::ResourceInput input;
  std::optional<app::ResourceUpload> upload;
};

Result<ResourceBody> ReadResource(Request& request) {
  ResourceBody b;
  app::ResourceInput& in = b.input;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.title = r.String("title", true).value_or("");
    in.kind = r.String("kind", true).value_or("");
    in.summary = r.String("summary", true).value_or("");
    in.link = r.String("link").value_or("");
    ReadCodeList(r, "schemes", in.schemes);
    ReadCodeList(r, "criteria", in.criteria);
    in.version = r.Integer("version", kVersionFromOne);
    r.Object("file", false, [&](ObjectReader& f) {
      app::ResourceUpload u;
      u.file_name = f.String("name", true).value_or("");
      const std::string text = f.String("base64", true).value_or("");
      if (auto bytes = app::FromBase64Text(text))
        u.content = std::move(*bytes);
      else
        f.Report(f.path() + ".base64", "must be the file's content in base64");
      u.file_name = u.file_name.substr(0, 200);
      b.upload = std::move(u);
    });
  }));
  return b;
}

RouteDoc ResourceWriteDoc(std::string summary, std::string response, int status) {
  RouteDoc doc{std::move(summary), "support",           Auth::kSession,
               "ResourceInput",    std::move(response), status};
  doc.max_body_bytes = kMaxResourceBody;
  return doc;
}

RouteDoc SearchDoc(std::string summary, std::string schema, std::vector<std::string> filters) {
  RouteDoc doc{std::move(summary), "support", Auth::kPublic, "", std::move(schema)};
  doc.optional_query = std::move(filters);
  return doc;
}

}  // namespace

void RegisterSupportRoutes(const Routes& routes, app::SupportService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;

  add(Method::kGet, "/practitioners",
      SearchDoc("The register of practitioners (anyone): words in q (name, organisation); "
                "filters level (this level or above), area (those serving it or the whole UK) "
                "and include_expired=true; by name",
                "PractitionerPage", {"q", "level", "area", "include_expired", "offset", "limit"}),
      [&p](Request& request) {
        auto q = ReadQuery(request);
        if (!q) return ErrorResponse(q.error());
        return PageResponse(p.Practitioners(*q), WritePractitioner);
      });
  add(Method::kPost, "/practitioners",
      {"Add a practitioner to the register (administrators)", "support", Auth::kSession,
       "PractitionerInput", "Practitioner", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadPractitioner(request);
        if (!in) return ErrorResponse(in.error());
        return OneResponse(p.AddPractitioner(c, *in), WritePractitioner, 201);
      }));
  add(Method::kPut, "/practitioners/{id}",
      {"Change a practitioner's entry, e.g. a renewed accreditation (administrators; the "
       "version read)",
       "support", Auth::kSession, "PractitionerInput", "Practitioner"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadPractitioner(request);
        if (!in) return ErrorResponse(in.error());
        return OneResponse(p.UpdatePractitioner(c, request.params["id"], *in), WritePractitioner);
      }));
  add(Method::kDelete, "/practitioners/{id}",
      {"Take a practitioner off the register (administrators)", "support", Auth::kSession, "", "",
       204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.RemovePractitioner(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));

  add(Method::kGet, "/consultants",
      SearchDoc("The directory of consultants (anyone): words in q (name, organisation, what "
                "they help with); filters area, scheme, language and criterion (a criterion "
                "they help with); by name",
                "ConsultantPage",
                {"q", "area", "scheme", "language", "criterion", "offset", "limit"}),
      [&p](Request& request) {
        auto q = ReadQuery(request);
        if (!q) return ErrorResponse(q.error());
        return PageResponse(p.Consultants(*q), WriteConsultant);
      });
  add(Method::kPost, "/consultants",
      {"Add a consultant to the directory (administrators)", "support", Auth::kSession,
       "ConsultantInput", "Consultant", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadConsultant(request);
        if (!in) return ErrorResponse(in.error());
        return OneResponse(p.AddConsultant(c, *in), WriteConsultant, 201);
      }));
  add(Method::kPut, "/consultants/{id}",
      {"Change a consultant's entry (administrators; the version read)", "support", Auth::kSession,
       "ConsultantInput", "Consultant"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadConsultant(request);
        if (!in) return ErrorResponse(in.error());
        return OneResponse(p.UpdateConsultant(c, request.params["id"], *in), WriteConsultant);
      }));
  add(Method::kDelete, "/consultants/{id}",
      {"Take a consultant out of the directory (administrators)", "support", Auth::kSession, "", "",
       204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.RemoveConsultant(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));

  add(Method::kGet, "/resources",
      SearchDoc("The resource library (anyone): templates, guidance, webinars and case studies; "
                "words in q (title, summary); filters kind, scheme and criterion; the built-in "
                "templates first, then by title",
                "ResourcePage", {"q", "kind", "scheme", "criterion", "offset", "limit"}),
      [&p](Request& request) {
        auto q = ReadQuery(request);
        if (!q) return ErrorResponse(q.error());
        return PageResponse(p.Resources(*q), WriteResource);
      });
  add(Method::kGet, "/resources/{id}",
      {"One resource of the library (anyone)", "support", Auth::kPublic, "", "Resource"},
      [&p](Request& request) {
        return OneResponse(p.GetResource(request.params["id"]), WriteResource);
      });
  add(
      Method::kGet, "/resources/{id}/file",
      [] {
        RouteDoc doc{"Download a resource's file (anyone)", "support", Auth::kPublic, "", ""};
        doc.file_types = {"*/*"};
        return doc;
      }(),
      [&p](Request& request) {
        auto file = p.File(request.params["id"]);
        if (!file) return ErrorResponse(file.error());
        Response r;
        r.content_type = file->media_type;
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("attachment; filename=\"{}\"", file->file_name));
        r.body = std::move(file->content);
        return r;
      });
  add(Method::kPost, "/resources",
      ResourceWriteDoc("Publish a resource (administrators): a link, or a file in base64 (at "
                       "most 10 MB; PDF, office documents, images or CSV, judged by content), "
                       "attached to the schemes and criteria it serves",
                       "Resource", 201),
      authed([&p](Request& request, const app::Caller& c) {
        auto body = ReadResource(request);
        if (!body) return ErrorResponse(body.error());
        return OneResponse(p.AddResource(c, body->input, body->upload), WriteResource, 201);
      }));
  add(Method::kPut, "/resources/{id}",
      ResourceWriteDoc("Change a resource (administrators; the version read): without a file "
                       "the one it has stays, unless a link replaces it; the built-in templates "
                       "cannot be changed",
                       "Resource", 200),
      authed([&p](Request& request, const app::Caller& c) {
        auto body = ReadResource(request);
        if (!body) return ErrorResponse(body.error());
        return OneResponse(p.UpdateResource(c, request.params["id"], body->input, body->upload),
                           WriteResource);
      }));
  add(Method::kDelete, "/resources/{id}",
      {"Remove a resource from the library (administrators)", "support", Auth::kSession, "", "",
       204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.RemoveResource(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));

  add(Method::kGet, "/criteria/{id}/help",
      {"What helps with one criterion (anyone): the criterion in words, and the consultants "
       "and resources that name it",
       "support", Auth::kPublic, "", "CriterionHelp"},
      [&p](Request& request) {
        auto help = p.HelpWith(request.params["id"]);
        if (!help) return ErrorResponse(help.error());
        JsonWriter w(0);
        w.BeginObject().Key("criterion");
        WriteCriterion(w, help->criterion);
        w.Key("consultants").BeginArray();
        for (const app::ConsultantView& v : help->consultants) WriteConsultant(w, v);
        w.EndArray().Key("resources").BeginArray();
        for (const app::ResourceView& v : help->resources) WriteResource(w, v);
        w.EndArray().EndObject();
        return Json(w.Take());
      });
}

}  // namespace valuemark::http
