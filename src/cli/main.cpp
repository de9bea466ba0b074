// `valuemark`: parses the command line (docs/cli.md) and dispatches; nothing else.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/platform_commands.h"

namespace {

using valuemark::cli::OutputFormat;

constexpr const char* kMapFile =
    "Impact map (JSON; CSV ending .csv; XLSX ending .xlsx; - for standard input)";

void AddFormat(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "Output: a readable table (text) or one JSON object (json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ValueMark: measure, manage and prove social value (SROI, LM3, principles check)",
               "valuemark"};
  app.set_version_flag("--version", std::string(VALUEMARK_VERSION));
  app.require_subcommand(1);

  std::string file;
  std::string format = "text";
  double delta = 0.2;
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  auto add_file = [&](CLI::App* cmd, const char* what) {
    cmd->add_option("FILE", file, what)->required();
    AddFormat(cmd, format);
  };
  CLI::App* sroi = app.add_subcommand("sroi", "SROI ratio, NPV and payback of an impact map");
  add_file(sroi, kMapFile);
  CLI::App* sensitivity =
      app.add_subcommand("sensitivity", "Break-even and one-way (tornado) sensitivity");
  add_file(sensitivity, kMapFile);
  sensitivity
      ->add_option("--delta", delta, "Relative change of each estimate for the one-way ranges")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            char* end = nullptr;
            const double d = std::strtod(value.c_str(), &end);
            const bool number = !value.empty() && end == value.c_str() + value.size();
            return number && d > 0 && d <= 1
                       ? ""
                       : "must be a number greater than 0 and at most 1, got " + value;
          },
          "(0, 1]"))
      ->default_val(0.2);
  CLI::App* montecarlo =
      app.add_subcommand("montecarlo", "Probabilistic SROI over uncertain estimates");
  add_file(montecarlo, kMapFile);
  montecarlo->add_option("--draws", draws, "Number of draws")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}))
      ->default_val(10000);
  montecarlo->add_option("--seed", seed, "Seed: the same seed gives the same result")
      ->default_val(1);
  montecarlo
      ->add_option("--threads", threads, "Worker threads (the result does not depend on them)")
      ->check(CLI::Range(1, 256));
  CLI::App* lm3 =
      app.add_subcommand("lm3", "Local Multiplier 3 of an organisation's income and spend");
  add_file(lm3, "LM3 file (JSON; - for standard input)");
  CLI::App* lint =
      app.add_subcommand("lint", "Check an impact map against the Principles of Social Value");
  add_file(lint, kMapFile);
  valuemark::cli::ReportTargets report_to;
  CLI::App* report =
      app.add_subcommand("report", "A social value report of an impact map, as PDF or HTML");
  report->add_option("FILE", file, kMapFile)->required();
  report->add_option("--pdf", report_to.pdf, "Write the report as an A4 PDF");
  report->add_option("--html", report_to.html,
                     "Write the report as one self-contained HTML page (- for standard output)");
  valuemark::cli::ExportTargets export_to;
  CLI::App* export_cmd = app.add_subcommand("export", "Write an impact map as XLSX, CSV or JSON");
  export_cmd->add_option("FILE", file, kMapFile)->required();
  export_cmd->add_option("--xlsx", export_to.xlsx,
                         "Write an XLSX workbook (the SROI Value Map layout)");
  export_cmd->add_option("--csv", export_to.csv, "Write a CSV file (- for standard output)");
  export_cmd->add_option("--json", export_to.json, "Write a JSON file (- for standard output)");

  valuemark::cli::ServeOptions serve_options;
  CLI::App* serve =
      app.add_subcommand("serve", "Run the web app and its API (one process, one port)");
  serve->add_option("--db", serve_options.db,
                    "sqlite:PATH (default sqlite:valuemark.db) or postgresql://…");
  serve
      ->add_option("--listen", serve_options.listen,
                   "HOST:PORT to listen on (port 0: any free port)")
      ->default_val("127.0.0.1:8080");
  serve->add_flag("--demo", serve_options.demo,
                  "Add demo organisations and people, and print their logins");
  serve->add_option("--web-root", serve_options.web_root, "The built web app (default: web/dist)");
  serve->add_option("--schemes", serve_options.schemes_dir,
                    "The scheme definitions (default: data/schemes)");
  serve->add_option("--public-url", serve_options.public_url,
                    "The address users reach, for links in emails");
  serve->add_flag("--trust-forwarded", serve_options.trust_forwarded,
                  "Trust X-Forwarded-For/-Proto (only behind your own reverse proxy)");
  serve->add_option("--tls-cert", serve_options.tls_cert,
                    "PEM certificate chain: serve HTTPS directly");
  serve->add_option("--tls-key", serve_options.tls_key, "PEM private key for --tls-cert");
  serve->add_option("--threads", serve_options.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--heavy-threads", serve_options.heavy_threads,
                   "Threads for calculations, reports, imports and password hashing (default: one "
                   "per core but one; "
                   "0: on the request threads)")
      ->check(CLI::Range(0, 256));
  serve
      ->add_option("--heavy-per-user", serve_options.heavy_per_user,
                   "Heavy requests one user (or address) may have waiting or running; more get 429 "
                   "(default 4)")
      ->check(CLI::Range(1, 1000));
  serve
      ->add_option("--log-level", serve_options.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serve->add_option("--smtp-url", serve_options.smtp_url,
                    "Send emails through smtp://HOST:PORT or smtps://HOST:PORT (password: "
                    "$VALUEMARK_SMTP_PASSWORD)");
  serve->add_option("--smtp-user", serve_options.smtp_user, "SMTP user name");
  serve->add_option("--mail-from", serve_options.mail_from, "The sender address of emails");
  serve
      ->add_option("--mail-poll-ms", serve_options.mail_poll_ms,
                   "How often to look for emails to send, in milliseconds (default 2000)")
      ->check(CLI::Range(10, 600000));
  serve
      ->add_option("--survey-limit-per-address", serve_options.survey_limit_per_address,
                   "Survey responses a minute from one client address (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  serve
      ->add_option("--survey-limit-per-link", serve_options.survey_limit_per_link,
                   "Survey responses a second to one public survey link (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  // Quotas per organisation (docs/operations.md "Limits and quotas"); 0 turns one off.
  {
    valuemark::app::Quotas& q = serve_options.quotas;
    const std::pair<const char*, std::pair<int64_t*, const char*>> quota_flags[] = {
        {"--quota-evidence-files",
         {&q.evidence_files, "Evidence files an organisation may upload"}},
        {"--quota-record-versions",
         {&q.record_versions,
          "Saved versions of impact maps, proxies, pledges, decisions, plans, self-assessments"}},
        {"--quota-surveys", {&q.surveys, "Surveys per organisation"}},
        {"--quota-responses-per-survey",
         {&q.responses_per_survey, "Responses one survey may hold"}},
        {"--quota-members", {&q.members, "Members per organisation (checked when inviting)"}},
        {"--quota-invitations",
         {&q.invitations, "Invitations an organisation may send, whatever became of them"}},
        {"--quota-scopes", {&q.scopes, "Scopes per organisation"}},
        {"--quota-applications", {&q.applications, "Certification applications per organisation"}},
        {"--quota-evidence-items",
         {&q.evidence_items_per_application, "Pieces of evidence per application"}},
        {"--quota-organisations-per-user",
         {&q.organisations_per_user,
          "Organisations an account may belong to and still create one"}},
    };
    serve
        ->add_option("--quota-storage-mb", serve_options.quota_storage_mb,
                     "Megabytes an organisation may store: evidence files, record versions, survey "
                     "designs and answers "
                     "(default 100; 0: no limit)")
        ->check(CLI::NonNegativeNumber)
        ->group("Quotas per organisation (0: no limit)");
    for (const auto& [flag, target] : quota_flags)
      serve->add_option(flag, *target.first, target.second)
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str()
          ->group("Quotas per organisation (0: no limit)");
  }
  // Rate limits (docs/operations.md "Limits"): PER_HOUR or PER_HOUR,AT_ONCE; 0 turns one off.
  {
    const char* group = "Rate limits (an hour[,at once]; 0: no limit)";
    valuemark::app::RateLimitOptions& r = serve_options.rate_limits;
    const std::pair<const char*, std::pair<valuemark::app::Rate*, const char*>> rate_flags[] = {
        {"--rate-signups-per-address",
         {&r.signup_per_address, "Sign-ups from one client address, every attempt"}},
        {"--rate-resets-per-address",
         {&r.reset_per_address, "Password-reset requests from one client address"}},
        {"--rate-resets-per-email",
         {&r.reset_per_email, "Password-reset requests for one email address"}},
        {"--rate-invitations-per-address",
         {&r.invitation_per_address, "Invitations sent from one client address"}},
        {"--rate-invitations-per-account",
         {&r.invitation_per_account, "Invitations sent by one account"}},
        {"--rate-uploads-per-address",
         {&r.upload_per_address, "Uploads and imports from one client address"}},
        {"--rate-uploads-per-account",
         {&r.upload_per_account, "Uploads and imports by one account"}},
    };
    for (const auto& [flag, target] : rate_flags) {
      valuemark::app::Rate* rate = target.first;
      serve
          ->add_option_function<std::vector<double>>(
              flag,
              [rate](const std::vector<double>& v) {
                rate->per_hour = v.at(0);
                rate->burst = v.size() > 1 ? v[1] : v[0];
              },
              target.second)
          ->expected(1, 2)
          ->delimiter(',')
          ->check(CLI::NonNegativeNumber)
          ->default_str(fmt::format("{},{}", rate->per_hour, rate->burst))
          ->group(group);
    }
    const std::pair<const char*, std::pair<int*, const char*>> login_flags[] = {
        {"--login-failures-per-email",
         {&serve_options.login_failures_per_email,
          "Failed logins for one email from one address in the window"}},
        {"--login-failures-per-address",
         {&serve_options.login_failures_per_address,
          "Failed logins from one address in the window, whatever the email"}},
    };
    for (const auto& [flag, target] : login_flags)
      serve->add_option(flag, *target.first, target.second)
          ->check(CLI::NonNegativeNumber)
          ->capture_default_str()
          ->group(group);
    serve
        ->add_option("--login-window-minutes", serve_options.login_window_minutes,
                     "The window failed logins are counted over, in minutes")
        ->check(CLI::Range(1, 24 * 60))
        ->capture_default_str()
        ->group(group);
  }
  serve
      ->add_flag("--fast-password-hashing", serve_options.fast_password_hashing,
                 "Cheapest password hashes: for automated tests only, never in production")
      ->group("");

  std::string certificate_file;
  valuemark::cli::TrustOptions trust;
  auto add_trust = [&](CLI::App* cmd) {
    cmd->add_option(
        "--key", trust.keys,
        "A trusted public key: its base64, or a key set file (GET /api/v1/keys/certificates, "
        "valuemark keys export); repeatable");
    cmd->add_option("--keys-url", trust.keys_url,
                    "Trust the key set at this URL (https://…/api/v1/keys/certificates)");
    cmd->add_option("--trust", trust.trust_file,
                    "Trust the keys of this local trust file (a key set)");
  };
  CLI::App* verify = app.add_subcommand(
      "verify", "Check a certificate's signature offline, against trusted keys only");
  verify
      ->add_option("CERTIFICATE_FILE", certificate_file,
                   "The signed certificate (GET /api/v1/certificates/{id}; - for standard input)")
      ->required();
  add_trust(verify);
  verify->footer(
      "The key inside a certificate is never trusted. Without --key, --keys-url or --trust the "
      "keys come "
      "from $VALUEMARK_TRUST or data/keys/trusted-keys.json, the certifying body's published key "
      "set.");
  AddFormat(verify, format);

  std::string db = valuemark::cli::kDefaultDatabase;
  CLI::App* migrate = app.add_subcommand("migrate", "Bring the database schema up to date");
  migrate->add_option("--db", db, "sqlite:PATH or postgresql://…");
  CLI::App* seed_demo = app.add_subcommand("seed-demo", "Add the demo data to a database");
  seed_demo->add_option("--db", db, "sqlite:PATH or postgresql://…");
  std::string seed_schemes;
  seed_demo->add_option("--schemes", seed_schemes,
                        "The scheme definitions (default: data/schemes)");
  std::string backup_to;
  CLI::App* backup = app.add_subcommand("backup", "Copy a live SQLite database to a new file");
  backup->add_option("--db", db, "sqlite:PATH");
  backup->add_option("DESTINATION", backup_to, "The new file")->required();
  CLI::App* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  CLI::App* audit_verify =
      audit->add_subcommand("verify", "Check that no audit entry was altered, inserted or deleted");
  audit_verify->add_option("--db", db, "sqlite:PATH or postgresql://…");
  add_trust(audit_verify);
  std::string kept_checkpoints;
  audit_verify->add_option(
      "--checkpoints", kept_checkpoints,
      "Checkpoints kept away from the database (the output of audit checkpoint)");
  AddFormat(audit_verify, format);
  CLI::App* audit_checkpoint =
      audit->add_subcommand("checkpoint",
                            "Sign every chain's head now and print the signed checkpoint: keep it "
                            "away from the database");
  audit_checkpoint->add_option("--db", db, "sqlite:PATH or postgresql://…");
  CLI::App* keys = app.add_subcommand("keys", "The platform's signing keys");
  keys->require_subcommand(1);
  CLI::App* keys_rotate = keys->add_subcommand(
      "rotate",
      "Retire the signing key and make a new one (retired keys stay published and verifiable)");
  keys_rotate->add_option("--db", db, "sqlite:PATH or postgresql://…");
  CLI::App* keys_export =
      keys->add_subcommand("export", "Print the published key set (current and retired) as JSON");
  keys_export->add_option("--db", db, "sqlite:PATH or postgresql://…");

  // CLI11 would only say that a sub-command is required; name the stranger.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == name;
    if (!known) {
      fmt::print(stderr,
                 "error: unknown command \"{}\" (commands: sroi, sensitivity, montecarlo, lm3, "
                 "lint, report, export, serve, migrate, "
                 "seed-demo, backup, audit, keys, verify)\n"
                 "Run 'valuemark --help' for usage.\n",
                 name);
      return valuemark::cli::kExitInvalid;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "error: {}\nRun 'valuemark --help' for usage.\n", e.what());
    return valuemark::cli::kExitInvalid;
  }

  const OutputFormat out = format == "json" ? OutputFormat::kJson : OutputFormat::kText;
  if (*sroi) return valuemark::cli::RunSroi(file, out);
  if (*sensitivity) return valuemark::cli::RunSensitivity(file, out, delta);
  if (*montecarlo) return valuemark::cli::RunMonteCarlo(file, out, draws, seed, threads);
  if (*lm3) return valuemark::cli::RunLm3(file, out);
  if (*lint) return valuemark::cli::RunLint(file, out);
  if (*report) {
    if (report_to.pdf.empty() && report_to.html.empty()) {
      fmt::print(stderr,
                 "error: report: say where to write it: --pdf OUT.pdf or --html OUT.html\n"
                 "Run 'valuemark report --help' for usage.\n");
      return valuemark::cli::kExitInvalid;
    }
    return valuemark::cli::RunReport(file, report_to);
  }
  if (*export_cmd) {
    if (export_to.xlsx.empty() && export_to.csv.empty() && export_to.json.empty()) {
      fmt::print(stderr,
                 "error: export: say where to write it: --xlsx OUT.xlsx, --csv OUT.csv or --json "
                 "OUT.json\n"
                 "Run 'valuemark export --help' for usage.\n");
      return valuemark::cli::kExitInvalid;
    }
    return valuemark::cli::RunExport(file, export_to);
  }
  if (*serve) return valuemark::cli::RunServe(serve_options);
  if (*migrate) return valuemark::cli::RunMigrate(db);
  if (*seed_demo) return valuemark::cli::RunSeedDemo(db, seed_schemes);
  if (*backup) return valuemark::cli::RunBackup(db, backup_to);
  if (*verify)
    return valuemark::cli::RunVerify(certificate_file, trust, out == OutputFormat::kJson);
  if (*audit_verify)
    return valuemark::cli::RunAuditVerify(db, trust, kept_checkpoints, out == OutputFormat::kJson);
  if (*audit_checkpoint) return valuemark::cli::RunAuditCheckpoint(db);
  if (*keys_rotate) return valuemark::cli::RunKeysRotate(db);
  if (*keys_export) return valuemark::cli::RunKeysExport(db);
  return valuemark::cli::kExitInvalid;
}
