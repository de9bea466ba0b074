#include "cli/platform_commands.h"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <thread>

#include "app/audit/chain.h"
#include "app/certification/schemes.h"
#include "app/crypto.h"
#include "app/demo.h"
#include "app/platform.h"
#include "app/signing.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "formats/certificate_json.h"
#include "formats/json_writer.h"
#include "formats/log_line.h"
#include "http/api.h"
#include "http/errors.h"
#include "http/heavy_work.h"
#include "http/server.h"
#include "http/site.h"
#include "http/static_files.h"
#include "notify/smtp_sender.h"
#include "storage/open_store.h"

namespace valuemark::cli {

int Report(const Error& e) {
  fmt::print(
      stderr, "error: {}\n",
      e.fields.empty() ? e.message : e.fields.front().path + ": " + e.fields.front().message);
  return e.code == ErrorCode::kInvalidArgument ? kExitInvalid : 1;
}

Result<std::unique_ptr<app::Store>> OpenMigrated(const std::string& db,
                                                 const storage::StoreOptions& options) {
  auto store = TRY(storage::OpenStore(db, options));
  TRY((store)->Migrate());
  return store;
}

// A folder of the source tree that the server reads: the option, the
// environment variable, ./RELATIVE, or RELATIVE seen from the binary in
// build/src/cli. `marker` is a file that must be inside.
std::string FindTreeFolder(const std::string& given, const char* env_name,
                           const std::string& relative, const std::string& marker) {
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  if (const char* env = std::getenv(env_name)) return env;
  std::error_code ec;
  if (fs::exists(fs::path(relative) / marker, ec)) return relative;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path dir = exe.parent_path(); !ec && !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path())
    if (fs::exists(dir / relative / marker, ec)) return (dir / relative).string();
  return "";
}

namespace {

// The built web app: --web-root, $VALUEMARK_WEB_ROOT, ./web/dist, or beside the binary.
std::string FindWebRoot(const std::string& given) {
  return FindTreeFolder(given, "VALUEMARK_WEB_ROOT", "web/dist", "index.html");
}

// The scheme definitions: a bad or missing file stops the start, with every
// problem printed, because applications must never run on a broken scheme.
Result<SchemeCatalogue> LoadSchemes(const std::string& given) {
  const std::string dir =
      FindTreeFolder(given, "VALUEMARK_SCHEMES", "data/schemes", "svmc-v2.json");
  if (dir.empty())
    return Fail(
        Error::Make(ErrorCode::kNotFound,
                    "cannot find the scheme definitions (data/schemes): pass --schemes DIR"));
  auto catalogue = app::LoadSchemeCatalogue(dir);
  if (!catalogue) {
    const std::vector<FieldError>& problems = catalogue.error().fields;
    for (const FieldError& f : problems)
      fmt::print(stderr, "error: scheme {}: {}\n", f.path, f.message);
    if (problems.empty()) return Fail(catalogue.error());
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument,
                    fmt::format("{} problem(s) in the scheme definitions in {}: fix them to start",
                                problems.size(), dir)));
  }
  return catalogue;
}

// Logs go to standard error, one JSON object a line; standard output
// carries only what a person or a script reads (the URL, demo logins).
void SetUpLogging(const std::string& level) {
  spdlog::set_default_logger(spdlog::stderr_logger_mt("valuemark"));
  spdlog::set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%fZ","level":"%l",%v})",
                      spdlog::pattern_time_type::utc);
  spdlog::set_level(spdlog::level::from_str(level));
}

// Where and how to listen: --listen (port 0 picks a free one), threads, TLS.
Result<http::ServerOptions> ServerOptionsFrom(const ServeOptions& options) {
  http::ServerOptions server;
  const auto colon = options.listen.rfind(':');
  int port = -1;
  if (colon != std::string::npos) {
    try {
      port = std::stoi(options.listen.substr(colon + 1));
    } catch (...) {
    }
  }
  if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535)
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument,
                    fmt::format("--listen: must be HOST:PORT such as 127.0.0.1:8080, got \"{}\"",
                                options.listen)));
  server.host = options.listen.substr(0, colon);
  server.port = static_cast<uint16_t>(port);
  if (server.port == 0) server.port = TRY(http::PickFreePort(server.host));
  server.threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  server.trust_forwarded = options.trust_forwarded;
  server.tls_cert = options.tls_cert;
  server.tls_key = options.tls_key;
  server.access_log = spdlog::should_log(spdlog::level::info);
  if (server.tls_cert.empty() != server.tls_key.empty())
    return Fail(Error::Make(ErrorCode::kInvalidArgument, "--tls-cert and --tls-key go together"));
  return server;
}

// Threads for heavy work: --heavy-threads, or one per core but one (0: none).
size_t HeavyThreads(const ServeOptions& options) {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return options.heavy_threads == 0  ? 0
         : options.heavy_threads > 0 ? static_cast<size_t>(options.heavy_threads)
                                     : std::max(1u, cores - 1);
}

// The platform's settings from the flags: its public address, password
// cost, quotas and login limits.
app::PlatformOptions PlatformOptionsFrom(const ServeOptions& options,
                                         const http::ServerOptions& server,
                                         SchemeCatalogue schemes) {
  app::PlatformOptions platform_options;
  platform_options.schemes = std::move(schemes);
  platform_options.public_url =
      !options.public_url.empty()
          ? options.public_url
          : fmt::format("{}://{}:{}", server.tls_cert.empty() ? "http" : "https", server.host,
                        server.port);
  while (platform_options.public_url.ends_with('/')) platform_options.public_url.pop_back();
  if (options.fast_password_hashing) platform_options.password_cost = app::PasswordCost::kMinimum;
  platform_options.quotas = options.quotas;
  if (options.quota_storage_mb >= 0)
    platform_options.quotas.storage_bytes = options.quota_storage_mb * 1'000'000;
  platform_options.login_failures_per_email = options.login_failures_per_email;
  platform_options.login_failures_per_address = options.login_failures_per_address;
  platform_options.login_window_seconds = options.login_window_minutes * 60;
  return platform_options;
}

// Sleeps an hour, waking each second to see whether it should stop.
void SleepAnHour(const std::stop_token& stop) {
  for (int i = 0; i < 3600 && !stop.stop_requested(); ++i)
    std::this_thread::sleep_for(std::chrono::seconds(1));
}

// Audit checkpoints: chains from before checkpoints are signed once, then a
// roster of every chain's signed head at start and hourly when anything
// changed (app/audit/chain.h; docs/operations.md "Auditing").
void WriteAuditCheckpoint(app::Store& store) {
  const UnixTime now = static_cast<UnixTime>(std::time(nullptr));
  auto legacy = app::SignUncheckpointedChains(store, now);
  auto roster = legacy ? app::WriteAuditRoster(store, now, false) : Fail(legacy.error());
  if (!roster)
    spdlog::warn(R"("msg":"audit checkpoint failed","error":"{}")", roster.error().message);
}

// Renewal reminders of certificates and of memberships: each goes out once.
void SendRenewalReminders(app::Platform& platform) {
  for (auto [what, sent] :
       {std::pair{"renewal reminders", platform.certificates.SendRenewalReminders()},
        std::pair{"membership reminders", platform.membership.SendExpiryReminders()}}) {
    if (!sent) {
      spdlog::warn("{}", formats::LogLine(fmt::format("{} failed", what))
                             .Add("error", sent.error().message)
                             .Fields());
    } else if (*sent > 0) {
      spdlog::info("{}",
                   formats::LogLine(fmt::format("{} queued", what)).Add("count", *sent).Fields());
    }
  }
}

// The hourly jobs, running while the server does; they stop and are joined
// when this goes out of scope.
struct HourlyJobs {
  std::jthread checkpoints;
  std::jthread reminders;
};

// The audit checkpoint now and hourly; renewal reminders at start, then hourly.
HourlyJobs StartHourlyJobs(app::Store& store, app::Platform& platform) {
  WriteAuditCheckpoint(store);
  HourlyJobs jobs;
  jobs.checkpoints = std::jthread([&store](std::stop_token stop) {
    for (;;) {
      SleepAnHour(stop);
      if (stop.stop_requested()) return;
      WriteAuditCheckpoint(store);
    }
  });
  jobs.reminders = std::jthread([&platform](std::stop_token stop) {
    while (!stop.stop_requested()) {
      SendRenewalReminders(platform);
      SleepAnHour(stop);
    }
  });
  return jobs;
}

// The public survey links' limits: per address a minute, per link a second.
void ConfigureSurveys(const ServeOptions& options, app::Platform& platform) {
  app::SurveyOptions surveys;
  surveys.per_address_rate = options.survey_limit_per_address / 60;
  surveys.per_address_burst = std::max(1.0, options.survey_limit_per_address);
  surveys.per_link_rate = options.survey_limit_per_link;
  surveys.per_link_burst = std::max(1.0, options.survey_limit_per_link * 2);
  platform.surveys.ConfigureSurveys(surveys);
}

// --demo: the demo organisations, people and survey, with their logins printed.
Result<void> SeedDemoData(app::Platform& platform) {
  const app::DemoSeed seed = TRY(app::SeedDemo(platform));
  fmt::print("Demo data {}. Sign in as (password \"{}\" for all):\n",
             seed.created ? "created" : "already present", seed.logins.front().password);
  for (const app::DemoLogin& login : seed.logins)
    fmt::print("  {:<34} {}\n", login.email, login.role);
  const std::string survey = TRY(app::SeedDemoSurvey(platform));
  fmt::print("Demo survey (public link, no account needed): {}\n", survey);
  return {};
}

// The built web app, or nothing (the API only) when it is not built.
Result<std::optional<http::StaticFiles>> LoadWebApp(const std::string& given) {
  const std::string web_root = FindWebRoot(given);
  if (web_root.empty()) {
    spdlog::warn("{}",
                 formats::LogLine("the web app is not built (run make build): serving the API only")
                     .Fields());
    return std::nullopt;
  }
  return TRY(http::StaticFiles::Load(web_root));
}

}  // namespace

int RunServe(const ServeOptions& options) {
  SetUpLogging(options.log_level);
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  auto server = ServerOptionsFrom(options);
  if (!server) return Report(server.error());

  // On PostgreSQL, a connection for every thread that runs transactions (the
  // request threads, the heavy-work threads, the mail sender and the two
  // survey writers): none waits for another's connection, and the database
  // serves no more than that.
  const size_t heavy_threads = HeavyThreads(options);
  storage::StoreOptions store_options;
  store_options.connections = static_cast<size_t>(server->threads) + heavy_threads + 1 + 2;
  auto store = OpenMigrated(options.db, store_options);
  if (!store) return Report(store.error());
  auto schemes = LoadSchemes(options.schemes_dir);
  if (!schemes) return Report(schemes.error());

  app::Platform platform(**store, PlatformOptionsFrom(options, *server, std::move(*schemes)));
  if (auto published = platform.certification.LoadPublishedSchemes(); !published)
    return Report(published.error());
  // The certificate key exists from the first start, so that it can be
  // published before anything is signed with it.
  if (auto key = platform.certificates.EnsureSigningKey(); !key) return Report(key.error());
  const HourlyJobs hourly = StartHourlyJobs(**store, platform);
  ConfigureSurveys(options, platform);
  if (options.demo)
    if (auto seeded = SeedDemoData(platform); !seeded) return Report(seeded.error());
  auto files = LoadWebApp(options.web_root);
  if (!files) return Report(files.error());

  // Heavy work gets its own threads, shared fairly between users (heavy_work.h).
  std::optional<http::HeavyWork> heavy;
  if (options.heavy_threads != 0) {
    http::HeavyWorkOptions heavy_options;
    heavy_options.threads = heavy_threads;
    heavy_options.per_key = static_cast<size_t>(options.heavy_per_user);
    heavy.emplace(heavy_options);
  }
  http::ApiOptions api_options{
      VALUEMARK_VERSION, !options.tls_cert.empty() || options.public_url.starts_with("https:")};
  api_options.heavy = heavy ? &*heavy : nullptr;
  api_options.rate_limits = options.rate_limits;
  http::Api api(platform, std::move(api_options));
  const http::RequestHandler handler = http::SiteHandler(api, *files ? &**files : nullptr);
  server->on_ready = [&](const std::string& url) {
    spdlog::info(
        "{}", formats::LogLine("listening").Add("url", url).Add("db", (*store)->Kind()).Fields());
    fmt::print("ValueMark listening on {}\n", url);
    std::fflush(stdout);
  };
  std::optional<notify::SmtpSender> mailer;
  if (!options.smtp_url.empty()) {
    const char* password = std::getenv("VALUEMARK_SMTP_PASSWORD");
    mailer.emplace(
        **store, notify::SmtpOptions{options.smtp_url, options.smtp_user, password ? password : "",
                                     options.mail_from, options.mail_poll_ms});
    mailer->Start();
  }
  auto served = http::Serve(*server, handler);
  heavy.reset();  // finishes the heavy work already accepted, while the API is still there
  if (mailer) mailer->Stop();
  if (!served) return Report(served.error());
  spdlog::info("{}", formats::LogLine("stopped").Fields());
  return kExitOk;
}

int RunMigrate(const std::string& db) {
  auto store = storage::OpenStore(db);
  if (!store) return Report(store.error());
  auto version = (*store)->Migrate();
  if (!version) return Report(version.error());
  fmt::print("{} database at schema version {}\n", (*store)->Kind(), *version);
  return kExitOk;
}

int RunSeedDemo(const std::string& db, const std::string& schemes_dir) {
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  auto schemes = LoadSchemes(schemes_dir);
  if (!schemes) return Report(schemes.error());
  auto store = OpenMigrated(db);
  if (!store) return Report(store.error());
  app::PlatformOptions platform_options;
  platform_options.schemes = std::move(*schemes);
  app::Platform platform(**store, std::move(platform_options));
  if (auto published = platform.certification.LoadPublishedSchemes(); !published)
    return Report(published.error());
  auto seed = app::SeedDemo(platform);
  if (!seed) return Report(seed.error());
  fmt::print("Demo data {}.\n", seed->created ? "created" : "already present");
  for (const app::DemoLogin& login : seed->logins)
    fmt::print("  {:<34} {:<16} {}\n", login.email, login.password, login.role);
  return kExitOk;
}

int RunBackup(const std::string& db, const std::string& destination) {
  auto store = storage::OpenStore(db);
  if (!store) return Report(store.error());
  if (auto b = (*store)->Backup(destination); !b) return Report(b.error());
  fmt::print("backed up to {}\n", destination);
  return kExitOk;
}

}  // namespace valuemark::cli
