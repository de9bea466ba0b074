// The calculation sub-commands of docs/cli.md. Each returns the process exit
// status: 0 success, 1 lint found errors, 2 invalid input or usage.
#pragma once

#include <cstdint>
#include <string>

namespace valuemark::cli {

enum class OutputFormat { kText, kJson };

inline constexpr int kExitOk = 0;
inline constexpr int kExitLintErrors = 1;
inline constexpr int kExitInvalid = 2;

int RunSroi(const std::string& path, OutputFormat format);
int RunSensitivity(const std::string& path, OutputFormat format, double delta);
int RunMonteCarlo(const std::string& path, OutputFormat format, int64_t draws, uint64_t seed,
                  int threads);
int RunLm3(const std::string& path, OutputFormat format);
int RunLint(const std::string& path, OutputFormat format);

// Where `export` and `report` write; an empty path is not written.
struct ExportTargets {
  std::string xlsx, csv, json;
};
struct ReportTargets {
  std::string pdf, html;
};
int RunExport(const std::string& path, const ExportTargets& to);
int RunReport(const std::string& path, const ReportTargets& to);

}  // namespace valuemark::cli
