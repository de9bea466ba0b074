// The signed list of withdrawn certificates (docs/api.md "Certificates"),
// GET /certificates/revocations, which `valuemark verify --online` checks:
//
//   {"list":{"entries":[{"certificate_id":…,"reason":…,"since":"YYYY-MM-DD",
//            "status":"suspended"|"revoked","verification_code":…}],
//            "issued_at":"…Z","issuer":…},
//    "signature":{"algorithm":"Ed25519","key_id":…,"public_key":…,"value":…}}
//
// Canonical like a certificate (formats/certificate_json.h): keys in byte
// order, no whitespace; the signature is over the canonical bytes of "list".
// The list is signed when it is served, so `issued_at` says how fresh it is
// and an old copy cannot pass for today's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "formats/certificate_json.h"

namespace valuemark::formats {

struct RevocationEntry {
  std::string certificate_id, verification_code;
  std::string status;  // "suspended" or "revoked"
  std::string reason;
  std::string since;  // YYYY-MM-DD
};

struct RevocationList {
  std::string issuer;
  UnixTime issued_at = 0;
  std::vector<RevocationEntry> entries;
};

// What is signed: the canonical JSON of the list object.
std::string CanonicalRevocationList(const RevocationList& list);
std::string SignedRevocationListDocument(const RevocationList& list,
                                         const CertificateSignature& signature);

struct ParsedRevocationList {
  RevocationList list;
  CertificateSignature signature;
  std::string signed_bytes;  // CanonicalRevocationList(list)
};

// InvalidArgument naming the path for a document that is not a revocation
// list, or not in canonical form (final line ends ignored).
Result<ParsedRevocationList> ParseSignedRevocationList(std::string_view text);

}  // namespace valuemark::formats
