// `valuemark`: parses the command line (cli.md) and dispatches; nothing else.
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.h"

namespace {

using valuemark::cli::OutputFormat;

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
  add_file(sroi, "Impact map (JSON, or CSV ending .csv; - for standard input)");
  CLI::App* sensitivity = app.add_subcommand("sensitivity", "Break-even and one-way (tornado) sensitivity");
  add_file(sensitivity, "Impact map (JSON, or CSV ending .csv; - for standard input)");
  sensitivity->add_option("--delta", delta, "Relative change of each estimate for the one-way ranges")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            char* end = nullptr;
            const double d = std::strtod(value.c_str(), &end);
            const bool number = !value.empty() && end == value.c_str() + value.size();
            return number && d > 0 && d <= 1 ? "" : "must be a number greater than 0 and at most 1, got " + value;
          },
          "(0, 1]"))
      ->default_val(0.2);
  CLI::App* montecarlo = app.add_subcommand("montecarlo", "Probabilistic SROI over uncertain estimates");
  add_file(montecarlo, "Impact map (JSON, or CSV ending .csv; - for standard input)");
  montecarlo->add_option("--draws", draws, "Number of draws")->check(CLI::Range(int64_t{1}, int64_t{100000000}))
      ->default_val(10000);
  montecarlo->add_option("--seed", seed, "Seed: the same seed gives the same result")->default_val(1);
  montecarlo->add_option("--threads", threads, "Worker threads (the result does not depend on them)")
      ->check(CLI::Range(1, 256));
  CLI::App* lm3 = app.add_subcommand("lm3", "Local Multiplier 3 of an organisation's income and spend");
  add_file(lm3, "LM3 file (JSON; - for standard input)");
  CLI::App* lint = app.add_subcommand("lint", "Check an impact map against the Principles of Social Value");
  add_file(lint, "Impact map (JSON, or CSV ending .csv; - for standard input)");

  // CLI11 would only say that a sub-command is required; name the stranger.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == name;
    if (!known) {
      fmt::print(stderr, "error: unknown command \"{}\" (commands: sroi, sensitivity, montecarlo, lm3, lint)\n"
                         "Run 'valuemark --help' for usage.\n", name);
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
  return valuemark::cli::kExitInvalid;
}
