#include "formats/certificate_json.h"

#include <fmt/format.h>

#include "formats/json_reader.h"

namespace valuemark::formats {

void WriteCertificateFields(JsonWriter& w, const Certificate& c) {
  // Byte order of the keys: the canonical form depends on it.
  w.Field("application_id", c.application_id)
      .Field("area", c.area)
      .Field("awarded_on", c.awarded_on)
      .Field("expires_on", c.expires_on)
      .Field("id", c.id)
      .Field("issuer", c.issuer)
      .Field("level", c.level)
      .Field("level_name", c.level_name)
      .Field("organisation_id", c.organisation_id)
      .Field("organisation_name", c.organisation_name)
      .Field("scheme_id", c.scheme_id)
      .Field("scheme_name", c.scheme_name)
      .Field("scheme_version", c.scheme_version)
      .Field("scope", c.scope)
      .Field("verification_code", c.verification_code)
      .Field("verify_url", c.verify_url);
}

std::string CanonicalCertificate(const Certificate& c) {
  JsonWriter w(0);
  w.BeginObject();
  WriteCertificateFields(w, c);
  w.EndObject();
  return w.Take();
}

void WriteSignature(JsonWriter& w, const CertificateSignature& s) {
  w.BeginObject()
      .Field("algorithm", s.algorithm)
      .Field("key_id", s.key_id)
      .Field("public_key", s.public_key)
      .Field("value", s.value)
      .EndObject();
}

CertificateSignature ReadSignature(ObjectReader& s) {
  CertificateSignature out;
  out.algorithm = s.String("algorithm", true).value_or("");
  out.key_id = s.String("key_id", true).value_or("");
  out.public_key = s.String("public_key", true).value_or("");
  out.value = s.String("value", true).value_or("");
  return out;
}

std::string SignedCertificateDocument(const Certificate& c, const CertificateSignature& s) {
  JsonWriter w(0);
  w.BeginObject().Key("certificate").BeginObject();
  WriteCertificateFields(w, c);
  w.EndObject().Key("signature");
  WriteSignature(w, s);
  w.EndObject();
  return w.Take();
}

Result<void> CheckCanonical(std::string_view text, const std::string& canonical, const char* what) {
  std::string_view body = text;
  while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
  if (body != canonical)
    return Fail(Error::InvalidArgument(
        {{"$", fmt::format("{} is not in its canonical form: it was edited", what)}}));
  return {};
}

Result<ParsedCertificate> ParseSignedCertificate(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  ParsedCertificate out;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    static constexpr Range kIntRange{0, 1e6, true, true};
    r.Object("certificate", true, [&](ObjectReader& c) {
      Certificate& k = out.certificate;
      auto text = [&](const char* key, std::string& field) {
        field = c.String(key, true).value_or("");
      };
      text("application_id", k.application_id);
      text("area", k.area);
      text("awarded_on", k.awarded_on);
      text("expires_on", k.expires_on);
      text("id", k.id);
      text("issuer", k.issuer);
      k.level = c.Integer("level", kIntRange, true).value_or(0);
      text("level_name", k.level_name);
      text("organisation_id", k.organisation_id);
      text("organisation_name", k.organisation_name);
      text("scheme_id", k.scheme_id);
      text("scheme_name", k.scheme_name);
      k.scheme_version = c.Integer("scheme_version", kIntRange, true).value_or(0);
      text("scope", k.scope);
      text("verification_code", k.verification_code);
      text("verify_url", k.verify_url);
    });
    r.Object("signature", true, [&](ObjectReader& s) { out.signature = ReadSignature(s); });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  TRY(CheckCanonical(text, SignedCertificateDocument(out.certificate, out.signature),
                     "the document"));
  out.signed_bytes = CanonicalCertificate(out.certificate);
  return out;
}

}  // namespace valuemark::formats
