#include "formats/revocation_list_json.h"

#include "formats/json_reader.h"
#include "formats/records_json.h"

namespace valuemark::formats {
namespace {

void WriteList(JsonWriter& w, const RevocationList& list) {
  // Keys in byte order: the canonical form depends on it.
  w.BeginObject().Key("entries").BeginArray();
  for (const RevocationEntry& e : list.entries)
    w.BeginObject()
        .Field("certificate_id", e.certificate_id)
        .Field("reason", e.reason)
        .Field("since", e.since)
        .Field("status", e.status)
        .Field("verification_code", e.verification_code)
        .EndObject();
  w.EndArray()
      .Field("issued_at", FormatTime(list.issued_at))
      .Field("issuer", list.issuer)
      .EndObject();
}

}  // namespace

std::string CanonicalRevocationList(const RevocationList& list) {
  JsonWriter w(0);
  WriteList(w, list);
  return w.Take();
}

std::string SignedRevocationListDocument(const RevocationList& list,
                                         const CertificateSignature& signature) {
  JsonWriter w(0);
  w.BeginObject().Key("list");
  WriteList(w, list);
  w.Key("signature");
  WriteSignature(w, signature);
  w.EndObject();
  return w.Take();
}

Result<ParsedRevocationList> ParseSignedRevocationList(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  ParsedRevocationList out;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    r.Object("list", true, [&](ObjectReader& l) {
      l.Array("entries", true, [&](const JsonValue& element, const std::string& path) {
        ObjectReader e(element, path, errors);
        if (!e.ok()) return;
        RevocationEntry entry;
        entry.certificate_id = e.String("certificate_id", true).value_or("");
        entry.reason = e.String("reason", true).value_or("");
        entry.since = e.String("since", true).value_or("");
        entry.status = e.String("status", true).value_or("");
        if (!entry.status.empty() && entry.status != "suspended" && entry.status != "revoked")
          e.Report(Child(path, "status"),
                   "must be \"suspended\" or \"revoked\", got \"" + entry.status + "\"");
        entry.verification_code = e.String("verification_code", true).value_or("");
        e.RejectUnknownFields();
        out.list.entries.push_back(std::move(entry));
      });
      if (auto issued = l.String("issued_at", true)) {
        auto t = ParseTimestamp(*issued);
        if (t)
          out.list.issued_at = *t;
        else
          l.Report(Child(l.path(), "issued_at"), t.error().message);
      }
      out.list.issuer = l.String("issuer", true).value_or("");
      l.RejectUnknownFields();
    });
    r.Object("signature", true, [&](ObjectReader& s) { out.signature = ReadSignature(s); });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  TRY(CheckCanonical(text, SignedRevocationListDocument(out.list, out.signature),
                     "the revocation list"));
  out.signed_bytes = CanonicalRevocationList(out.list);
  return out;
}

}  // namespace valuemark::formats
