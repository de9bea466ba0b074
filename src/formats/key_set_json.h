// The published key set: the public halves of the platform's signing keys,
// current and retired, as GET /api/v1/keys/certificates serves them,
// `valuemark keys export` prints them and a trust file holds them
// (data/keys/trusted-keys.json, `valuemark verify --trust FILE`):
//
//   {"keys":[{"algorithm":"Ed25519","created_at":"…","key_id":"…","public_key":"…",
//             "retired_at":null|"…","status":"current"|"retired"}]}
//
// A retired key signs nothing new; what it signed before retired_at stays valid.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"
#include "formats/json_writer.h"

namespace valuemark::formats {

struct PublishedKey {
  std::string key_id;      // 16 hex digits of the public key's SHA-256
  std::string public_key;  // standard base64 of the 32-byte Ed25519 key
  UnixTime created_at = 0;
  std::optional<UnixTime> retired_at;
};

void WritePublishedKey(JsonWriter& w, const PublishedKey& key);
// The whole document, newest key first as given.
std::string KeySetJson(const std::vector<PublishedKey>& keys, int indent = 2);

// InvalidArgument naming the path for a document that is not a key set.
// "created_at", "retired_at" and "status" may be absent (a hand-written
// trust file); "algorithm" must be "Ed25519".
Result<std::vector<PublishedKey>> ParseKeySet(std::string_view text);

}  // namespace valuemark::formats
