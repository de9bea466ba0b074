// Ed25519 signatures of certificates (libsodium): key pairs, signing the
// canonical certificate (formats/certificate_json.h) and checking a signed
// document, online or offline, against trusted keys only. Keys and signatures
// are standard base64.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/store.h"
#include "formats/certificate_json.h"
#include "formats/key_set_json.h"
#include "formats/revocation_list_json.h"

namespace valuemark::app {

Result<SigningKey> NewSigningKey(UnixTime now);
// 16 hex digits of the public key's SHA-256: short enough to compare by eye.
std::string KeyIdOf(const std::string& public_key);
// The signature of `message`, or Internal for an unusable key.
Result<std::string> SignMessage(const SigningKey& key, std::string_view message);
bool VerifyMessage(const std::string& public_key, std::string_view message,
                   const std::string& signature);

// The signed document of a certificate, ready to store and serve.
Result<std::string> SignCertificate(const Certificate& certificate, const SigningKey& key);

struct CertificateCheck {
  bool valid = false;
  std::string reason;  // why not, or which key vouched for it
  Certificate certificate;
  std::string key_id;
};

// The public halves of keys, as published (secrets dropped).
std::vector<formats::PublishedKey> PublishedKeysOf(const std::vector<SigningKey>& keys);
// The trusted key with this id, or nullptr.
const formats::PublishedKey* FindTrustedKey(std::span<const formats::PublishedKey> trusted,
                                            const std::string& key_id);

// Checks a signed document: canonical form, and the signature over the
// certificate by one of the `trusted` keys (the published key set), chosen by
// the key id the document names. The public key inside the document is never
// trusted: a document signed by any other key is "not signed by a trusted
// key". A key retired before the award date cannot vouch for it.
// InvalidArgument when the text is not a certificate document at all.
Result<CertificateCheck> CheckCertificateDocument(std::string_view text,
                                                  std::span<const formats::PublishedKey> trusted);

// The signed revocation list (formats/revocation_list_json.h), and its check
// against trusted keys only, as for a certificate.
Result<std::string> SignRevocationList(const formats::RevocationList& list, const SigningKey& key);
struct RevocationListCheck {
  bool valid = false;  // signed by a trusted key
  std::string reason;
  formats::RevocationList list;
};
Result<RevocationListCheck> CheckRevocationList(std::string_view text,
                                                std::span<const formats::PublishedKey> trusted);

// A new random verification code ("VM-XXXX-XXXX-XXXX").
std::string NewVerificationCode();

}  // namespace valuemark::app
