#include "formats/directory_json.h"

#include "formats/json_reader.h"

namespace valuemark::formats {

namespace {

constexpr Range kTaxonomyVersionRange{1, 1e6, true, true};
constexpr Range kBitRange{0, 62, true, true};

void ReadTerms(ObjectReader& r, std::string_view key, bool with_goals,
               std::vector<TaxonomyTerm>& out, std::vector<FieldError>& errors) {
  r.Array(key, true, [&](const JsonValue& v, const std::string& path) {
    ObjectReader t(v, path, errors);
    if (!t.ok()) return;
    TaxonomyTerm term;
    term.code = t.String("code", true).value_or("");
    term.bit = static_cast<int>(t.Integer("bit", kBitRange, true).value_or(0));
    term.name = t.String("name", true).value_or("");
    term.retired = t.Bool("retired").value_or(false);
    if (with_goals) {
      t.Array("sdgs", true, [&](const JsonValue& g, const std::string& at) {
        int64_t goal = 0;
        if (g.get_int64().get(goal) != simdjson::SUCCESS || goal < 1 || goal > 17) {
          errors.push_back({at, "must be a goal's number, 1 to 17"});
          return;
        }
        term.sdgs.push_back(static_cast<int>(goal));
      });
    }
    t.RejectUnknownFields();
    out.push_back(std::move(term));
  });
}

void WriteTerms(JsonWriter& w, const std::vector<TaxonomyTerm>& terms, bool with_goals) {
  w.BeginArray();
  for (const TaxonomyTerm& t : terms) {
    if (t.retired) continue;
    w.BeginObject().Field("code", t.code).Field("name", t.name);
    if (with_goals) {
      w.Key("sdgs").BeginArray();
      for (int g : t.sdgs) w.Int(g);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

Result<Taxonomy> ParseTaxonomy(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  Taxonomy t;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    t.version = static_cast<int>(r.Integer("version", kTaxonomyVersionRange, true).value_or(0));
    t.published = r.String("published", true).value_or("");
    r.String("note");
    ReadTerms(r, "themes", true, t.themes, errors);
    ReadTerms(r, "areas", false, t.areas, errors);
    ReadTerms(r, "legal_forms", false, t.legal_forms, errors);
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  TRY(CheckTaxonomy(t));
  return t;
}

void WriteDirectoryEntryFields(JsonWriter& w, const DirectoryEntry& e) {
  w.Field("name", e.name)
      .Field("summary", e.summary)
      .Field("legal_form", e.legal_form)
      .Field("size_band", Name(e.size_band))
      .Field("people", e.people)
      .Field("areas", e.areas)
      .Field("themes", e.themes)
      .Field("website", e.website)
      .Field("listed", e.listed);
}

void WriteTaxonomy(JsonWriter& w, const Taxonomy& t) {
  w.BeginObject().Field("version", t.version).Field("published", t.published);
  w.Key("themes");
  WriteTerms(w, t.themes, true);
  w.Key("areas");
  WriteTerms(w, t.areas, false);
  w.Key("legal_forms");
  WriteTerms(w, t.legal_forms, false);
  w.EndObject();
}

}  // namespace valuemark::formats
