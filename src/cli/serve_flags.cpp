// The `serve` flags, in the order `valuemark serve --help` lists them.
#include "cli/serve_flags.h"

#include <fmt/format.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace valuemark::cli {

namespace {

// Where to listen, what to serve, threads and logging.
void AddServerFlags(CLI::App* serve, ServeOptions& options) {
  serve->add_option("--db", options.db,
                    "sqlite:PATH (default sqlite:valuemark.db) or postgresql://…");
  serve->add_option("--listen", options.listen, "HOST:PORT to listen on (port 0: any free port)")
      ->default_val("127.0.0.1:8080");
  serve->add_flag("--demo", options.demo,
                  "Add demo organisations and people, and print their logins");
  serve->add_option("--web-root", options.web_root, "The built web app (default: web/dist)");
  serve->add_option("--schemes", options.schemes_dir,
                    "The scheme definitions (default: data/schemes)");
  serve->add_option("--public-url", options.public_url,
                    "The address users reach, for links in emails");
  serve->add_flag("--trust-forwarded", options.trust_forwarded,
                  "Trust X-Forwarded-For/-Proto (only behind your own reverse proxy)");
  serve->add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS directly");
  serve->add_option("--tls-key", options.tls_key, "PEM private key for --tls-cert");
  serve->add_option("--threads", options.threads, "Worker threads (default: one per core)")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--heavy-threads", options.heavy_threads,
                   "Threads for calculations, reports, imports and password hashing (default: one "
                   "per core but one; "
                   "0: on the request threads)")
      ->check(CLI::Range(0, 256));
  serve
      ->add_option("--heavy-per-user", options.heavy_per_user,
                   "Heavy requests one user (or address) may have waiting or running; more get 429 "
                   "(default 4)")
      ->check(CLI::Range(1, 1000));
  serve->add_option("--log-level", options.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
}

// Mail and the public survey links' limits.
void AddMailAndSurveyFlags(CLI::App* serve, ServeOptions& options) {
  serve->add_option("--smtp-url", options.smtp_url,
                    "Send emails through smtp://HOST:PORT or smtps://HOST:PORT (password: "
                    "$VALUEMARK_SMTP_PASSWORD)");
  serve->add_option("--smtp-user", options.smtp_user, "SMTP user name");
  serve->add_option("--mail-from", options.mail_from, "The sender address of emails");
  serve
      ->add_option("--mail-poll-ms", options.mail_poll_ms,
                   "How often to look for emails to send, in milliseconds (default 2000)")
      ->check(CLI::Range(10, 600000));
  serve
      ->add_option("--survey-limit-per-address", options.survey_limit_per_address,
                   "Survey responses a minute from one client address (0: no limit)")
      ->check(CLI::NonNegativeNumber);
  serve
      ->add_option("--survey-limit-per-link", options.survey_limit_per_link,
                   "Survey responses a second to one public survey link (0: no limit)")
      ->check(CLI::NonNegativeNumber);
}

// Quotas per organisation (docs/operations.md "Limits and quotas"); 0 turns one off.
void AddQuotaFlags(CLI::App* serve, ServeOptions& options) {
  app::Quotas& q = options.quotas;
  const std::pair<const char*, std::pair<int64_t*, const char*>> quota_flags[] = {
      {"--quota-evidence-files", {&q.evidence_files, "Evidence files an organisation may upload"}},
      {"--quota-record-versions",
       {&q.record_versions,
        "Saved versions of impact maps, proxies, pledges, decisions, plans, self-assessments"}},
      {"--quota-surveys", {&q.surveys, "Surveys per organisation"}},
      {"--quota-responses-per-survey", {&q.responses_per_survey, "Responses one survey may hold"}},
      {"--quota-members", {&q.members, "Members per organisation (checked when inviting)"}},
      {"--quota-invitations",
       {&q.invitations, "Invitations an organisation may send, whatever became of them"}},
      {"--quota-scopes", {&q.scopes, "Scopes per organisation"}},
      {"--quota-applications", {&q.applications, "Certification applications per organisation"}},
      {"--quota-evidence-items",
       {&q.evidence_items_per_application, "Pieces of evidence per application"}},
      {"--quota-organisations-per-user",
       {&q.organisations_per_user, "Organisations an account may belong to and still create one"}},
  };
  serve
      ->add_option("--quota-storage-mb", options.quota_storage_mb,
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
void AddRateLimitFlags(CLI::App* serve, ServeOptions& options) {
  const char* group = "Rate limits (an hour[,at once]; 0: no limit)";
  app::RateLimitOptions& r = options.rate_limits;
  const std::pair<const char*, std::pair<app::Rate*, const char*>> rate_flags[] = {
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
      {"--rate-uploads-per-account", {&r.upload_per_account, "Uploads and imports by one account"}},
      {"--rate-complaints-per-address",
       {&r.complaint_per_address, "Complaints filed from one client address"}},
  };
  for (const auto& [flag, target] : rate_flags) {
    app::Rate* rate = target.first;
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
       {&options.login_failures_per_email,
        "Failed logins for one email from one address in the window"}},
      {"--login-failures-per-address",
       {&options.login_failures_per_address,
        "Failed logins from one address in the window, whatever the email"}},
  };
  for (const auto& [flag, target] : login_flags)
    serve->add_option(flag, *target.first, target.second)
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str()
        ->group(group);
  serve
      ->add_option("--login-window-minutes", options.login_window_minutes,
                   "The window failed logins are counted over, in minutes")
      ->check(CLI::Range(1, 24 * 60))
      ->capture_default_str()
      ->group(group);
}

}  // namespace

CLI::App* AddServeCommand(CLI::App& app, ServeOptions& options) {
  CLI::App* serve =
      app.add_subcommand("serve", "Run the web app and its API (one process, one port)");
  AddServerFlags(serve, options);
  AddMailAndSurveyFlags(serve, options);
  AddQuotaFlags(serve, options);
  AddRateLimitFlags(serve, options);
  serve
      ->add_flag("--fast-password-hashing", options.fast_password_hashing,
                 "Cheapest password hashes: for automated tests only, never in production")
      ->group("");
  return serve;
}

}  // namespace valuemark::cli
