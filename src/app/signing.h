// Ed25519 signatures of certificates (libsodium): key pairs, signing the
// canonical certificate (formats/certificate_json.h) and checking a signed
// document, online or offline. Keys and signatures are standard base64.
#pragma once

#include <string>
#include <string_view>

#include "app/store.h"
#include "formats/certificate_json.h"

namespace valuemark::app {

Result<SigningKey> NewSigningKey(UnixTime now);
// 16 hex digits of the public key's SHA-256: short enough to compare by eye.
std::string KeyIdOf(const std::string& public_key);
// The signature of `message`, or Internal for an unusable key.
Result<std::string> SignMessage(const SigningKey& key, std::string_view message);
bool VerifyMessage(const std::string& public_key, std::string_view message, const std::string& signature);

// The signed document of a certificate, ready to store and serve.
Result<std::string> SignCertificate(const Certificate& certificate, const SigningKey& key);

struct CertificateCheck {
  bool valid = false;
  std::string reason;  // why not, or which key vouched for it
  Certificate certificate;
  std::string key_id;
};

// Checks a signed document: canonical form, and the signature over the
// certificate with `trusted_public_key` (the published key). With no trusted
// key the document's own key is used and the reason says so: compare its key
// id with the published one. InvalidArgument when the text is not a
// certificate document at all.
Result<CertificateCheck> CheckCertificateDocument(std::string_view text, const std::string& trusted_public_key);

// A new random verification code ("VM-XXXX-XXXX-XXXX").
std::string NewVerificationCode();

}  // namespace valuemark::app
