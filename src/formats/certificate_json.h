// The signed certificate document (docs/api.md "Certificates"), the bytes
// that GET /certificates/{id} serves and `valuemark verify` checks offline:
//
//   {"certificate":{…},"signature":{"algorithm":"Ed25519","key_id":…,"public_key":…,"value":…}}
//
// Canonical form: keys in byte order, no whitespace, strings escaped as
// JsonWriter does, integers only (no floating point). The signature is over
// the canonical bytes of the "certificate" object alone. A document that is
// not exactly in canonical form (ignoring a final newline) is refused, so
// that changing any byte of it fails verification.
#pragma once

#include <string>
#include <string_view>

#include "core/certificate.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

struct CertificateSignature {
  std::string algorithm = "Ed25519";
  std::string key_id;
  std::string public_key;  // standard base64 of the 32-byte key
  std::string value;       // standard base64 of the 64-byte signature
};

// The canonical JSON of the certificate object: what is signed.
std::string CanonicalCertificate(const Certificate& c);
// The whole signed document, canonical.
std::string SignedCertificateDocument(const Certificate& c, const CertificateSignature& signature);

struct ParsedCertificate {
  Certificate certificate;
  CertificateSignature signature;
  std::string signed_bytes;  // CanonicalCertificate(certificate)
};

// InvalidArgument naming the path for a document that is not a certificate,
// or not in canonical form. Line ends (LF or CR) after the closing brace are
// ignored, however many: the signature covers the certificate, not the file.
Result<ParsedCertificate> ParseSignedCertificate(std::string_view text);

// {"algorithm","key_id","public_key","value"}, canonical; and its reading
// (inside an ObjectReader, formats/json_reader.h).
void WriteSignature(JsonWriter& w, const CertificateSignature& s);
class ObjectReader;
CertificateSignature ReadSignature(ObjectReader& s);

// Whether `text`, without final line ends, is exactly `canonical`;
// InvalidArgument saying the document was edited otherwise.
Result<void> CheckCanonical(std::string_view text, const std::string& canonical, const char* what);

// The certificate's fields without braces (sorted), for API responses.
void WriteCertificateFields(JsonWriter& w, const Certificate& c);

}  // namespace valuemark::formats
