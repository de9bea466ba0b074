// `valuemark`: parses the command line (docs/cli.md) and dispatches; nothing else.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <thread>

#include "cli/commands.h"
#include "cli/platform_commands.h"
#include "cli/serve_flags.h"

namespace valuemark::cli {
namespace {

constexpr const char* kMapFile =
    "Impact map (JSON; CSV ending .csv; XLSX ending .xlsx; - for standard input)";

// What the command line says: the values of every option, and each
// sub-command, of which the parse sets one.
struct CommandLine {
  std::string file;
  std::string format = "text";
  double delta = 0.2;
  int64_t draws = 10000;
  uint64_t seed = 1;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ReportTargets report_to;
  ExportTargets export_to;
  ServeOptions serve_options;
  std::string certificate_file;
  TrustOptions trust;
  OnlineOptions online;
  std::string db = kDefaultDatabase;
  std::string seed_schemes;
  std::string backup_to;
  std::string kept_checkpoints;

  CLI::App* sroi = nullptr;
  CLI::App* sensitivity = nullptr;
  CLI::App* montecarlo = nullptr;
  CLI::App* lm3 = nullptr;
  CLI::App* lint = nullptr;
  CLI::App* report = nullptr;
  CLI::App* export_cmd = nullptr;
  CLI::App* serve = nullptr;
  CLI::App* verify = nullptr;
  CLI::App* migrate = nullptr;
  CLI::App* seed_demo = nullptr;
  CLI::App* backup = nullptr;
  CLI::App* audit_verify = nullptr;
  CLI::App* audit_checkpoint = nullptr;
  CLI::App* keys_rotate = nullptr;
  CLI::App* keys_export = nullptr;
};

void AddFormat(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "Output: a readable table (text) or one JSON object (json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_val("text");
}

// The input file of a calculation command, and --format.
void AddFileAndFormat(CommandLine& cl, CLI::App* cmd, const char* what) {
  cmd->add_option("FILE", cl.file, what)->required();
  AddFormat(cmd, cl.format);
}

// Where `verify` and `audit verify` take the keys they trust from.
void AddTrust(CLI::App* cmd, TrustOptions& trust) {
  cmd->add_option(
      "--key", trust.keys,
      "A trusted public key: its base64, or a key set file (GET /api/v1/keys/certificates, "
      "valuemark keys export); repeatable");
  cmd->add_option("--keys-url", trust.keys_url,
                  "Trust the key set at this URL (https://…/api/v1/keys/certificates)");
  cmd->add_option("--trust", trust.trust_file,
                  "Trust the keys of this local trust file (a key set)");
}

// The calculation commands: sroi, sensitivity, montecarlo, lm3, lint, report, export.
void AddCalculationCommands(CLI::App& app, CommandLine& cl) {
  CLI::App* sroi = cl.sroi =
      app.add_subcommand("sroi", "SROI ratio, NPV and payback of an impact map");
  AddFileAndFormat(cl, sroi, kMapFile);
  CLI::App* sensitivity = cl.sensitivity =
      app.add_subcommand("sensitivity", "Break-even and one-way (tornado) sensitivity");
  AddFileAndFormat(cl, sensitivity, kMapFile);
  sensitivity
      ->add_option("--delta", cl.delta, "Relative change of each estimate for the one-way ranges")
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
  CLI::App* montecarlo = cl.montecarlo =
      app.add_subcommand("montecarlo", "Probabilistic SROI over uncertain estimates");
  AddFileAndFormat(cl, montecarlo, kMapFile);
  montecarlo->add_option("--draws", cl.draws, "Number of draws")
      ->check(CLI::Range(int64_t{1}, int64_t{100000000}))
      ->default_val(10000);
  montecarlo->add_option("--seed", cl.seed, "Seed: the same seed gives the same result")
      ->default_val(1);
  montecarlo
      ->add_option("--threads", cl.threads, "Worker threads (the result does not depend on them)")
      ->check(CLI::Range(1, 256));
  CLI::App* lm3 = cl.lm3 =
      app.add_subcommand("lm3", "Local Multiplier 3 of an organisation's income and spend");
  AddFileAndFormat(cl, lm3, "LM3 file (JSON; - for standard input)");
  CLI::App* lint = cl.lint =
      app.add_subcommand("lint", "Check an impact map against the Principles of Social Value");
  AddFileAndFormat(cl, lint, kMapFile);
  CLI::App* report = cl.report =
      app.add_subcommand("report", "A social value report of an impact map, as PDF or HTML");
  report->add_option("FILE", cl.file, kMapFile)->required();
  report->add_option("--pdf", cl.report_to.pdf, "Write the report as an A4 PDF");
  report->add_option("--html", cl.report_to.html,
                     "Write the report as one self-contained HTML page (- for standard output)");
  CLI::App* export_cmd = cl.export_cmd =
      app.add_subcommand("export", "Write an impact map as XLSX, CSV or JSON");
  export_cmd->add_option("FILE", cl.file, kMapFile)->required();
  export_cmd->add_option("--xlsx", cl.export_to.xlsx,
                         "Write an XLSX workbook (the SROI Value Map layout)");
  export_cmd->add_option("--csv", cl.export_to.csv, "Write a CSV file (- for standard output)");
  export_cmd->add_option("--json", cl.export_to.json, "Write a JSON file (- for standard output)");
}

// The platform's commands beside serve: verify, migrate, seed-demo, backup, audit, keys.
void AddPlatformCommands(CLI::App& app, CommandLine& cl) {
  CLI::App* verify = cl.verify = app.add_subcommand(
      "verify", "Check a certificate's signature offline, against trusted keys only");
  verify
      ->add_option("CERTIFICATE_FILE", cl.certificate_file,
                   "The signed certificate (GET /api/v1/certificates/{id}; - for standard input)")
      ->required();
  AddTrust(verify, cl.trust);
  verify->add_flag("--online", cl.online.check,
                   "Also ask the certifying body whether it is still in force (not suspended, "
                   "revoked or expired), from its signed revocation list");
  verify->add_option("--status-url", cl.online.status_url,
                     "With --online: the revocation list's URL (default: beside the "
                     "certificate's verification page, …/api/v1/certificates/revocations)");
  verify->footer(
      "The key inside a certificate is never trusted. Without --key, --keys-url or --trust the "
      "keys come "
      "from $VALUEMARK_TRUST or data/keys/trusted-keys.json, the certifying body's published key "
      "set.");
  AddFormat(verify, cl.format);

  CLI::App* migrate = cl.migrate =
      app.add_subcommand("migrate", "Bring the database schema up to date");
  migrate->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
  CLI::App* seed_demo = cl.seed_demo =
      app.add_subcommand("seed-demo", "Add the demo data to a database");
  seed_demo->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
  seed_demo->add_option("--schemes", cl.seed_schemes,
                        "The scheme definitions (default: data/schemes)");
  CLI::App* backup = cl.backup =
      app.add_subcommand("backup", "Copy a live SQLite database to a new file");
  backup->add_option("--db", cl.db, "sqlite:PATH");
  backup->add_option("DESTINATION", cl.backup_to, "The new file")->required();
  CLI::App* audit = app.add_subcommand("audit", "The audit trail");
  audit->require_subcommand(1);
  CLI::App* audit_verify = cl.audit_verify =
      audit->add_subcommand("verify", "Check that no audit entry was altered, inserted or deleted");
  audit_verify->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
  AddTrust(audit_verify, cl.trust);
  audit_verify->add_option(
      "--checkpoints", cl.kept_checkpoints,
      "Checkpoints kept away from the database (the output of audit checkpoint)");
  AddFormat(audit_verify, cl.format);
  CLI::App* audit_checkpoint = cl.audit_checkpoint =
      audit->add_subcommand("checkpoint",
                            "Sign every chain's head now and print the signed checkpoint: keep it "
                            "away from the database");
  audit_checkpoint->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
  CLI::App* keys = app.add_subcommand("keys", "The platform's signing keys");
  keys->require_subcommand(1);
  CLI::App* keys_rotate = cl.keys_rotate = keys->add_subcommand(
      "rotate",
      "Retire the signing key and make a new one (retired keys stay published and verifiable)");
  keys_rotate->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
  CLI::App* keys_export = cl.keys_export =
      keys->add_subcommand("export", "Print the published key set (current and retired) as JSON");
  keys_export->add_option("--db", cl.db, "sqlite:PATH or postgresql://…");
}

// CLI11 would only say that a sub-command is required; name the stranger.
// The exit status when argv[1] is no command, nothing when it is one.
std::optional<int> RejectUnknownCommand(const CLI::App& app, int argc, char** argv) {
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
      return kExitInvalid;
    }
  }
  return std::nullopt;
}

// Parses; the exit status when that is the end (help, version, an error).
std::optional<int> Parse(CLI::App& app, int argc, char** argv) {
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
    return kExitInvalid;
  }
  return std::nullopt;
}

// Runs the sub-command the parse chose.
int Dispatch(const CommandLine& cl) {
  const OutputFormat out = cl.format == "json" ? OutputFormat::kJson : OutputFormat::kText;
  if (*cl.sroi) return RunSroi(cl.file, out);
  if (*cl.sensitivity) return RunSensitivity(cl.file, out, cl.delta);
  if (*cl.montecarlo) return RunMonteCarlo(cl.file, out, cl.draws, cl.seed, cl.threads);
  if (*cl.lm3) return RunLm3(cl.file, out);
  if (*cl.lint) return RunLint(cl.file, out);
  if (*cl.report) {
    if (cl.report_to.pdf.empty() && cl.report_to.html.empty()) {
      fmt::print(stderr,
                 "error: report: say where to write it: --pdf OUT.pdf or --html OUT.html\n"
                 "Run 'valuemark report --help' for usage.\n");
      return kExitInvalid;
    }
    return RunReport(cl.file, cl.report_to);
  }
  if (*cl.export_cmd) {
    if (cl.export_to.xlsx.empty() && cl.export_to.csv.empty() && cl.export_to.json.empty()) {
      fmt::print(stderr,
                 "error: export: say where to write it: --xlsx OUT.xlsx, --csv OUT.csv or --json "
                 "OUT.json\n"
                 "Run 'valuemark export --help' for usage.\n");
      return kExitInvalid;
    }
    return RunExport(cl.file, cl.export_to);
  }
  if (*cl.serve) return RunServe(cl.serve_options);
  if (*cl.migrate) return RunMigrate(cl.db);
  if (*cl.seed_demo) return RunSeedDemo(cl.db, cl.seed_schemes);
  if (*cl.backup) return RunBackup(cl.db, cl.backup_to);
  if (*cl.verify)
    return RunVerify(cl.certificate_file, cl.trust, out == OutputFormat::kJson, cl.online);
  if (*cl.audit_verify)
    return RunAuditVerify(cl.db, cl.trust, cl.kept_checkpoints, out == OutputFormat::kJson);
  if (*cl.audit_checkpoint) return RunAuditCheckpoint(cl.db);
  if (*cl.keys_rotate) return RunKeysRotate(cl.db);
  if (*cl.keys_export) return RunKeysExport(cl.db);
  return kExitInvalid;
}

}  // namespace
}  // namespace valuemark::cli

int main(int argc, char** argv) {
  CLI::App app{"ValueMark: measure, manage and prove social value (SROI, LM3, principles check)",
               "valuemark"};
  app.set_version_flag("--version", std::string(VALUEMARK_VERSION));
  app.require_subcommand(1);
  namespace cli = valuemark::cli;
  cli::CommandLine cl;
  cli::AddCalculationCommands(app, cl);
  cl.serve = cli::AddServeCommand(app, cl.serve_options);
  cli::AddPlatformCommands(app, cl);
  if (auto rejected = cli::RejectUnknownCommand(app, argc, argv)) return *rejected;
  if (auto done = cli::Parse(app, argc, argv)) return *done;
  return cli::Dispatch(cl);
}
