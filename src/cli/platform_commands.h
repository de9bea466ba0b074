// The platform's sub-commands of cli.md: serve, migrate, seed-demo, backup,
// audit verify. Each returns the process exit status.
#pragma once

#include <cstdint>
#include <string>

namespace valuemark::cli {

inline constexpr char kDefaultDatabase[] = "sqlite:valuemark.db";

struct ServeOptions {
  std::string db = kDefaultDatabase;
  std::string listen = "127.0.0.1:8080";
  bool demo = false;
  std::string web_root;    // empty: found next to the binary or in ./web/dist
  std::string public_url;  // empty: http(s)://listen
  bool trust_forwarded = false;
  std::string tls_cert, tls_key;
  int threads = 0;  // 0: one per core
  std::string log_level = "info";
  bool fast_password_hashing = false;  // tests only
  std::string smtp_url;   // empty: emails stay in the outbox
  std::string smtp_user;  // password from $VALUEMARK_SMTP_PASSWORD
  std::string mail_from = "no-reply@valuemark.invalid";
  double survey_limit_per_address = 60;  // responses a minute from one address (0: no limit)
  double survey_limit_per_link = 2000;   // responses a second to one survey link (0: no limit)
  std::string schemes_dir;  // empty: data/schemes found like the web root
};

int RunServe(const ServeOptions& options);
int RunMigrate(const std::string& db);
int RunSeedDemo(const std::string& db, const std::string& schemes_dir);
int RunBackup(const std::string& db, const std::string& destination);
int RunAuditVerify(const std::string& db, bool json);
// Exit 0 when the certificate's signature verifies, 1 when it does not, 2 for
// a file that is not a certificate.
int RunVerify(const std::string& file, const std::string& key, bool json);

}  // namespace valuemark::cli
