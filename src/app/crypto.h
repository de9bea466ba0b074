// Secrets and hashes, all from libsodium: argon2id password hashes, random
// tokens and ids, SHA-256 digests. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace valuemark::app {

// Must be called once before anything else here (idempotent).
Result<void> InitCrypto();

// How much work a password hash costs. kInteractive is libsodium's
// recommendation for logins; kMinimum is for tests only.
enum class PasswordCost { kInteractive, kMinimum };

Result<std::string> HashPassword(std::string_view password, PasswordCost cost);
bool VerifyPassword(std::string_view password, const std::string& hash);

// `bytes` random bytes, URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);
// A new opaque id: 20 lower-case hex digits.
std::string NewId();
// Standard base64 (with padding), and back; nullopt for text that is not base64.
std::string Base64(std::string_view data);
std::optional<std::string> FromBase64Text(std::string_view text);
// Lower-case hex SHA-256.
std::string Sha256Hex(std::string_view data);

}  // namespace valuemark::app
