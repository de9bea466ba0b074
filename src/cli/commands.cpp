#include "cli/commands.h"

#include <fmt/format.h>
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>

#include "cli/input.h"
#include "cli/progress.h"
#include "cli/text_output.h"
#include "core/lint.h"
#include "core/lm3.h"
#include "core/montecarlo.h"
#include "core/sensitivity.h"
#include "core/sroi.h"
#include "formats/impact_map_csv.h"
#include "formats/impact_map_json.h"
#include "formats/results_json.h"
#include "report/document.h"
#include "report/html_report.h"
#include "report/impact_map_xlsx.h"
#include "report/pdf_module.h"
#include "report/report.h"

namespace valuemark::cli {
namespace {

// Prints the JSON document or the text table, whichever was asked for; the
// other is built only when asked (render is called once).
template <typename Json, typename Text>
void Print(OutputFormat format, Json&& json, Text&& text) {
  const std::string out = format == OutputFormat::kJson ? json() : text();
  std::fwrite(out.data(), 1, out.size(), stdout);
}

// A file command runs once and exits: keep freed memory in the heap for the
// next allocation instead of returning it to the kernel, so that the parser's
// buffers are reused for the results and the output rather than faulted in
// afresh (page faults were a third of `sroi`'s time on a large map).
void KeepFreedMemory() {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

// Reads the map, or prints every problem and yields nothing.
std::optional<ImpactMap> LoadMap(const std::string& path) {
  KeepFreedMemory();
  auto map = ReadImpactMap(path);
  if (!map) {
    PrintErrors(map.error());
    return std::nullopt;
  }
  return std::move(*map);
}

// Prints the error of a failed write and tells whether it failed.
bool Failed(const Result<void>& written) {
  if (written) return false;
  PrintErrors(written.error());
  return true;
}

}  // namespace

int RunSroi(const std::string& path, OutputFormat format) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  const SroiResult r = ComputeSroi(*map);
  Print(
      format, [&] { return formats::SroiResultToJson(r); }, [&] { return SroiText(*map, r); });
  return kExitOk;
}

int RunSensitivity(const std::string& path, OutputFormat format, double delta) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  const SensitivityResult r = ComputeSensitivity(*map, delta);
  Print(
      format, [&] { return formats::SensitivityResultToJson(r); },
      [&] { return SensitivityText(*map, r, delta); });
  return kExitOk;
}

int RunMonteCarlo(const std::string& path, OutputFormat format, int64_t draws, uint64_t seed,
                  int threads) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  ProgressBar bar("Monte Carlo");
  MonteCarloOptions options;
  options.draws = draws;
  options.seed = seed;
  options.threads = threads;
  if (bar.enabled())
    options.progress = [&bar](int64_t done, int64_t total) { bar.Update(done, total); };
  const MonteCarloResult r = RunMonteCarlo(*map, options);
  Print(
      format, [&] { return formats::MonteCarloResultToJson(r); },
      [&] { return MonteCarloText(*map, r); });
  return kExitOk;
}

int RunLm3(const std::string& path, OutputFormat format) {
  auto input = ReadLm3(path);
  if (!input) {
    PrintErrors(input.error());
    return kExitInvalid;
  }
  const Lm3Result r = ComputeLm3(*input);
  Print(
      format, [&] { return formats::Lm3ResultToJson(r); }, [&] { return Lm3Text(*input, r); });
  return kExitOk;
}

int RunLint(const std::string& path, OutputFormat format) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  const std::vector<Finding> findings = LintImpactMap(*map);
  Print(
      format, [&] { return formats::FindingsToJson(findings); },
      [&] { return LintText(findings); });
  return HasErrors(findings) ? kExitLintErrors : kExitOk;
}

int RunExport(const std::string& path, const ExportTargets& to) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  if (!to.xlsx.empty() && Failed(report::WriteImpactMapXlsx(*map, to.xlsx))) return kExitInvalid;
  if (!to.csv.empty() && Failed(WriteOutput(to.csv, formats::ImpactMapToCsv(*map))))
    return kExitInvalid;
  if (!to.json.empty() &&
      Failed(WriteOutput(to.json, formats::ImpactMapToJson(*map).dump(2) + "\n")))
    return kExitInvalid;
  return kExitOk;
}

int RunReport(const std::string& path, const ReportTargets& to) {
  auto map = LoadMap(path);
  if (!map) return kExitInvalid;
  const report::ReportInput input = report::BuildReportInput(std::move(*map));
  if (!to.html.empty() && Failed(WriteOutput(to.html, report::RenderHtmlReport(input))))
    return kExitInvalid;
  if (!to.pdf.empty() &&
      Failed(report::WritePdfWithModule(report::BuildReportDocument(input), to.pdf)))
    return kExitInvalid;
  return kExitOk;
}

}  // namespace valuemark::cli
