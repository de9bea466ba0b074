#include "app/keys.h"

#include "app/certification/certificates.h"
#include "app/signing.h"

namespace valuemark::app {

Result<SigningKey> RotateSigningKey(Store& store, UnixTime now) {
  SigningKey key;
  auto r = store.Write([&](Transaction& tx) -> Result<void> {
    key = TRY(RotateSigningKey(tx, now));
    return {};
  });
  if (!r) return Fail(r.error());
  key.secret_key.clear();
  return key;
}

Result<std::vector<formats::PublishedKey>> PublishedKeys(Store& store) {
  std::vector<formats::PublishedKey> keys;
  auto r = store.Read([&](Transaction& tx) -> Result<void> {
    auto stored = TRY(tx.ListSigningKeys());
    keys = PublishedKeysOf(stored);
    return {};
  });
  if (!r) return Fail(r.error());
  return keys;
}

}  // namespace valuemark::app
