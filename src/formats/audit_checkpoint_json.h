// JSON forms of signed audit checkpoints (app/audit/chain.h):
//
// - a roster's heads, the text a roster checkpoint signs (compact, chains in
//   byte order):  {"chains":[{"chain":"…","hash":"…","seq":N}]}
// - the export that `valuemark audit checkpoint` prints and `audit verify
//   --checkpoints FILE` reads back, so that a copy kept away from the database
//   vouches for what the database held:
//   {"checkpoints":[{"at":"…","chain":"…","hash":"…","heads":"…","key_id":"…","seq":N,"signature":"…"}]}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark::formats {

// One signed checkpoint (SignedCheckpoint, app/store.h, says what it is).
struct SignedCheckpoint {
  std::string chain;
  int64_t seq = 0;
  std::string hash;  // the entry's hash
  UnixTime at = 0;
  std::string heads;  // a roster's heads (RosterHeadsJson); "" otherwise
  std::string key_id;
  std::string signature;  // standard base64 Ed25519 over app::CheckpointMessage
};

struct ChainHead {
  std::string chain;
  int64_t seq = 0;
  std::string hash;
};

std::string RosterHeadsJson(const std::vector<ChainHead>& heads);
Result<std::vector<ChainHead>> ParseRosterHeads(std::string_view text);

std::string CheckpointsJson(const std::vector<SignedCheckpoint>& checkpoints);
Result<std::vector<SignedCheckpoint>> ParseCheckpoints(std::string_view text);

}  // namespace valuemark::formats
