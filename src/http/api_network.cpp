// The network routes (api_network.h).
#include "http/api_network.h"

#include "formats/directory_json.h"

namespace valuemark::http {
namespace {

constexpr Range kPeople{0, static_cast<double>(kMaxDirectoryPeople), true, true};

void WriteFacets(JsonWriter& w, const std::vector<app::DirectoryFacet>& facets) {
  w.BeginArray();
  for (const app::DirectoryFacet& f : facets)
    w.BeginObject()
        .Field("value", f.value)
        .Field("label", f.label)
        .Field("count", f.count)
        .EndObject();
  w.EndArray();
}

void WriteEntry(JsonWriter& w, const app::DirectoryEntryView& v) {
  const DirectoryEntry& e = v.entry;
  w.BeginObject().Field("id", e.id).Key("organisation_id");
  formats::WriteOptionalString(
      w, e.organisation_id.empty() ? std::nullopt : std::optional(e.organisation_id));
  w.Field("source", Name(e.source));
  formats::WriteDirectoryEntryFields(w, e);
  w.Key("certificates").BeginArray();
  for (const app::DirectoryCertificate& c : v.certificates)
    w.BeginObject()
        .Field("certificate_id", c.certificate_id)
        .Field("title", c.title)
        .Field("scheme_id", c.scheme_id)
        .Field("level", c.level)
        .Field("suspended", c.suspended)
        .EndObject();
  w.EndArray().Key("contact");
  if (v.contact_visible)
    w.BeginObject().Field("name", e.contact_name).Field("email", e.contact_email).EndObject();
  else
    w.Null();
  w.Field("may_edit", v.may_edit)
      .Field("taxonomy_version", e.taxonomy_version)
      .Field("updated_at", formats::FormatTime(e.updated_at))
      .Field("version", e.version)
      .EndObject();
}

Response EntryResponse(const Result<app::DirectoryEntryView>& r, int status = 200) {
  if (!r) return ErrorResponse(r.error());
  JsonWriter w(0);
  WriteEntry(w, *r);
  return Json(w.Take(), status);
}

std::vector<std::string> Codes(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Response SearchResponse(app::DirectoryService& p, const Request& request, const app::Caller* c) {
  app::DirectoryQuery q;
  q.text = QueryText(request, "q");
  q.themes = Codes(QueryText(request, "theme"));
  q.areas = Codes(QueryText(request, "area"));
  q.legal_forms = Codes(QueryText(request, "legal_form"));
  const std::string certified = QueryText(request, "certified");
  if (!certified.empty() && certified != "true" && certified != "false")
    return ErrorResponse(
        Error::Field(ErrorCode::kInvalidArgument, "certified", "must be true or false"));
  q.certified = certified == "true";
  q.scheme_id = QueryText(request, "scheme");
  auto level = QueryInt(request, "level", 1, 9);
  auto offset = QueryInt(request, "offset", 0, 100000);
  auto limit = QueryInt(request, "limit", 1, 100);
  for (const auto* r : {&level, &offset, &limit})
    if (!*r) return ErrorResponse(r->error());
  q.level = static_cast<int>(level->value_or(0));
  q.offset = static_cast<int>(offset->value_or(0));
  q.limit = static_cast<int>(limit->value_or(20));
  q.unlisted_too = c != nullptr;
  auto page = p.Search(c, q);
  if (!page) return ErrorResponse(page.error());
  JsonWriter w(0);
  w.BeginObject().Key("items").BeginArray();
  for (const app::DirectoryEntryView& v : page->items) WriteEntry(w, v);
  w.EndArray()
      .Field("total", page->total)
      .Field("offset", page->offset)
      .Field("limit", page->limit)
      .Key("facets")
      .BeginObject()
      .Key("themes");
  WriteFacets(w, page->themes);
  w.Key("areas");
  WriteFacets(w, page->areas);
  w.Key("legal_forms");
  WriteFacets(w, page->legal_forms);
  w.Key("certification");
  WriteFacets(w, page->certification);
  w.Field("certified", page->certified).EndObject().EndObject();
  return Json(w.Take());
}

Result<app::DirectoryEntryInput> ReadEntry(Request& request) {
  app::DirectoryEntryInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.name = r.String("name", true).value_or("");
    in.summary = r.String("summary", true).value_or("");
    in.legal_form = r.String("legal_form", true).value_or("");
    in.size_band = r.String("size_band", true).value_or("");
    in.people = r.Integer("people", kPeople).value_or(0);
    ReadTaxonomyCodes(r, "areas", in.areas);
    ReadTaxonomyCodes(r, "themes", in.themes);
    in.website = r.String("website").value_or("");
    in.contact_name = r.String("contact_name").value_or("");
    in.contact_email = r.String("contact_email").value_or("");
    in.listed = r.Bool("listed").value_or(false);
    in.not_a_duplicate = r.Bool("not_a_duplicate").value_or(false);
    in.version = r.Integer("version", kVersionFromOne);
  }));
  return in;
}

}  // namespace

void ReadTaxonomyCodes(ObjectReader& r, const char* key, std::vector<std::string>& out) {
  r.Array(key, true, [&](const formats::JsonValue& v, const std::string& path) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) {
      r.Report(path, "must be a code from the directory's taxonomy");
      return;
    }
    out.emplace_back(s);
  });
}

void RegisterNetworkRoutes(const Routes& routes, app::DirectoryService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/directory/taxonomy",
      {"The directory's outcome themes (each with the UN Sustainable Development Goals it "
       "serves), areas and legal forms, and the taxonomy's version",
       "network", Auth::kPublic, "", "DirectoryTaxonomy"},
      [](Request&) {
        JsonWriter w(0);
        formats::WriteTaxonomy(w, app::DirectoryTaxonomy());
        return Json(w.Take());
      });
  add(Method::kGet, "/directory",
      {"Search the directory of social enterprises (anyone): words in q (the last may be the "
       "start of a word), and filters theme, area, legal_form (codes, comma-separated: any of "
       "them), certified=true, scheme and level; best matches first, with the facet counts of "
       "every match",
       "network", Auth::kPublic, "", "DirectoryPage"},
      // A search may read every entry: it runs on the heavy-work pool, where
      // one client address cannot take more than its share.
      routes.heavy.Public([&p](Request& request) { return SearchResponse(p, request, nullptr); }));
  add(Method::kGet, "/directory/{id}",
      {"A listed entry of the directory (anyone), with its certificates from the register; "
       "never its contact details",
       "network", Auth::kPublic, "", "DirectoryEntry"},
      [&p](Request& request) { return EntryResponse(p.Get(nullptr, request.params["id"])); });
  add(Method::kPost, "/directory/{id}/contact",
      {"Ask the broker to put you in touch with a listed entry: the brokers are emailed your "
       "message; the entry's contact details are shared only with its consent",
       "network", Auth::kSession, "DirectoryContactInput", "DirectoryContactReceipt", 202},
      authed(RateLimited(
          routes.limits, app::Limited::kContactRequest,
          [&p](Request& request, const app::Caller& c) {
            std::string message;
            auto body = ReadBody(request, [&](ObjectReader& r) {
              message = r.String("message", true).value_or("");
            });
            if (!body) return ErrorResponse(body.error());
            if (auto sent = p.RequestContact(c, request.params["id"], message); !sent)
              return ErrorResponse(sent.error());
            JsonWriter w(0);
            w.BeginObject()
                .Field("message",
                       "The broker has your request and will ask them whether they agree to be "
                       "put in touch.")
                .EndObject();
            return Json(w.Take(), 202);
          })));
  add(Method::kGet, "/organisations/{id}/directory-profile",
      {"The organisation's profile in the directory (its members), or null before it has one",
       "network", Auth::kSession, "", "DirectoryProfile"},
      authed([&p](Request& request, const app::Caller& c) {
        auto profile = p.Profile(c, request.params["id"]);
        if (!profile) return ErrorResponse(profile.error());
        JsonWriter w(0);
        w.BeginObject().Key("entry");
        if (*profile)
          WriteEntry(w, **profile);
        else
          w.Null();
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kPut, "/organisations/{id}/directory-profile",
      {"Write the organisation's profile in the directory, and whether it is listed (the "
       "Lead)",
       "network", Auth::kSession, "DirectoryEntryInput", "DirectoryEntry"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadEntry(request);
        if (!in) return ErrorResponse(in.error());
        return EntryResponse(p.SaveProfile(c, request.params["id"], *in));
      }));
  add(Method::kGet, "/broker/directory",
      {"The broker's search of the directory: listed and unlisted entries, with their contact "
       "details (broker)",
       "network", Auth::kSession, "", "DirectoryPage"},
      authed(routes.heavy([&p](Request& request, const app::Caller& c) {
        if (!app::IsBroker(c)) return ErrorResponse(app::NotAllowed());
        return SearchResponse(p, request, &c);
      })));
  add(Method::kPost, "/broker/directory",
      {"Add an enterprise that is not on the platform to the directory (broker); a name the "
       "directory already has is refused unless not_a_duplicate says it is another enterprise",
       "network", Auth::kSession, "DirectoryEntryInput", "DirectoryEntry", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadEntry(request);
        if (!in) return ErrorResponse(in.error());
        return EntryResponse(p.AddEntry(c, *in), 201);
      }));
  add(
      Method::kPost, "/broker/directory/import",
      [] {
        RouteDoc doc{
            "Import the existing network from CSV (broker; text/csv body): columns name, summary, "
            "legal_form, size_band, people, areas, themes (lists separated by ';', codes or "
            "names), website, contact_name, contact_email, listed. All or nothing, every problem "
            "named by row and column; enterprises already in the directory are left out and "
            "reported",
            "network", Auth::kSession, "", "DirectoryImportReport"};
        doc.body_type = "text/csv";
        return doc;
      }(),
      authed(RateLimited(
          routes.limits, app::Limited::kUpload, [&p](Request& request, const app::Caller& c) {
            if (auto csv = RequireCsv(request); !csv) return ErrorResponse(csv.error());
            auto report = p.ImportCsv(c, request.body);
            if (!report) return ErrorResponse(report.error());
            JsonWriter w(0);
            w.BeginObject().Field("added", report->added).Key("duplicates").BeginArray();
            for (const auto& d : report->duplicates) {
              w.BeginObject()
                  .Field("row", static_cast<int64_t>(d.row))
                  .Field("name", d.name)
                  .Key("existing_id");
              formats::WriteOptionalString(
                  w, d.existing_id.empty() ? std::nullopt : std::optional(d.existing_id));
              w.Field("existing_name", d.existing_name).EndObject();
            }
            w.EndArray().EndObject();
            return Json(w.Take());
          })));
  add(Method::kGet, "/broker/directory/{id}",
      {"Any entry of the directory with its contact details (broker)", "network", Auth::kSession,
       "", "DirectoryEntry"},
      authed([&p](Request& request, const app::Caller& c) {
        if (!app::IsBroker(c)) return ErrorResponse(app::NotAllowed());
        return EntryResponse(p.Get(&c, request.params["id"]));
      }));
  add(Method::kPut, "/broker/directory/{id}",
      {"Change an entry the broker added (broker)", "network", Auth::kSession,
       "DirectoryEntryInput", "DirectoryEntry"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadEntry(request);
        if (!in) return ErrorResponse(in.error());
        return EntryResponse(p.UpdateEntry(c, request.params["id"], *in));
      }));
  add(Method::kDelete, "/broker/directory/{id}",
      {"Remove an entry the broker added (broker)", "network", Auth::kSession, "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        if (auto done = p.DeleteEntry(c, request.params["id"]); !done)
          return ErrorResponse(done.error());
        return NoContent();
      }));
}

}  // namespace valuemark::http
