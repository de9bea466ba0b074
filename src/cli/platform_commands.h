// The platform's sub-commands of docs/cli.md: serve, migrate, seed-demo, backup
// (platform_commands.cpp); verify, keys and audit (key_commands.cpp). Each
// returns the process exit status.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/platform.h"
#include "app/rate_limits.h"
#include "app/store.h"
#include "storage/open_store.h"

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
  // Heavy work (Monte Carlo, reports, imports, password hashing) on its own
  // pool: -1 one thread per core but one (at least one); 0 in place, on the
  // request threads (no pool).
  int heavy_threads = -1;
  int heavy_per_user = 4;  // heavy requests of one user (or address) waiting or running
  std::string log_level = "info";
  bool fast_password_hashing = false;  // tests only
  std::string smtp_url;                // empty: emails stay in the outbox
  std::string smtp_user;               // password from $VALUEMARK_SMTP_PASSWORD
  std::string mail_from = "no-reply@valuemark.invalid";
  int mail_poll_ms = 2000;               // how often the outbox is looked at for mail to send
  double survey_limit_per_address = 60;  // responses a minute from one address (0: no limit)
  double survey_limit_per_link = 2000;   // responses a second to one survey link (0: no limit)
  int64_t quota_storage_mb = -1;         // -1: the default of app::Quotas
  // Sign-ups, reset requests, invitations, uploads (docs/operations.md "Limits").
  app::RateLimitOptions rate_limits;
  // Failed logins allowed in the window, per email and address and per address (0: no limit).
  int login_failures_per_email = 5, login_failures_per_address = 20;
  int64_t login_window_minutes = 15;
  app::Quotas quotas;       // per organisation (docs/operations.md "Limits and quotas")
  std::string schemes_dir;  // empty: data/schemes found like the web root
};

int RunServe(const ServeOptions& options);
int RunMigrate(const std::string& db);
int RunSeedDemo(const std::string& db, const std::string& schemes_dir);
int RunBackup(const std::string& db, const std::string& destination);

// Where `verify` and `audit verify` take the keys they trust from. The key
// inside a document is never trusted. With none of these given, `verify`
// reads the trust file $VALUEMARK_TRUST or data/keys/trusted-keys.json (the
// certifying body's published keys, shipped with the program).
struct TrustOptions {
  std::vector<std::string> keys;  // --key: a key set file, or one base64 key
  std::string keys_url;           // --keys-url: GET a key set (GET /api/v1/keys/certificates)
  std::string trust_file;         // --trust: a local trust file (a key set)
  bool Given() const { return !keys.empty() || !keys_url.empty() || !trust_file.empty(); }
};

// `verify --online`: also ask the certifying body whether the certificate is
// still in force (its signed revocation list, at --status-url or beside the
// certificate's verification page).
struct OnlineOptions {
  bool check = false;
  std::string status_url;
};

// Exit 0 when the certificate's signature verifies with a trusted key (and,
// online, it is neither suspended, revoked nor expired), 1 when it does not,
// 2 for a file that is not a certificate or unusable keys or list.
int RunVerify(const std::string& file, const TrustOptions& trust, bool json,
              const OnlineOptions& online);
// `keys rotate`: retire the current signing key and make a new one.
int RunKeysRotate(const std::string& db);
// `keys export`: the published key set (current and retired) as JSON.
int RunKeysExport(const std::string& db);
// `audit verify`: the chains and their signed checkpoints; exit 1 on any problem.
int RunAuditVerify(const std::string& db, const TrustOptions& trust,
                   const std::string& checkpoints_file, bool json);
// `audit checkpoint`: sign a roster of every chain's head now and print it, to keep elsewhere.
int RunAuditCheckpoint(const std::string& db);

// Shared by the platform's commands.
int Report(const Error& e);  // prints the error; the exit status for it
Result<std::unique_ptr<app::Store>> OpenMigrated(const std::string& db,
                                                 const storage::StoreOptions& options = {});
// A folder of the source tree the program reads (data/schemes, data/keys, web/dist):
// `given`, $env_name, ./relative, or relative seen from the binary; "" when
// none holds `marker`.
std::string FindTreeFolder(const std::string& given, const char* env_name,
                           const std::string& relative, const std::string& marker);

}  // namespace valuemark::cli
