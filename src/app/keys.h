// The platform's signing keys for operators (`valuemark keys`): rotation and
// the published key set. One key signs certificates and audit checkpoints at
// a time; rotation retires it (it stays published, so that everything it
// signed stays verifiable) and makes the next.
#pragma once

#include <vector>

#include "app/store.h"
#include "formats/key_set_json.h"

namespace valuemark::app {

// The new current key, its secret half cleared.
Result<SigningKey> RotateSigningKey(Store& store, UnixTime now);
// Current and retired keys, newest first: what GET /api/v1/keys/certificates
// serves and a trust file holds.
Result<std::vector<formats::PublishedKey>> PublishedKeys(Store& store);

}  // namespace valuemark::app
