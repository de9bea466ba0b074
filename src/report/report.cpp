#include "report/report.h"

namespace valuemark::report {

ReportInput BuildReportInput(ImpactMap map, const ReportOptions& options) {
  ReportInput in;
  in.sroi = ComputeSroi(map);
  in.sensitivity_delta = options.sensitivity_delta;
  in.sensitivity = ComputeSensitivity(map, options.sensitivity_delta);
  MonteCarloOptions mc;
  mc.draws = options.draws;
  mc.seed = options.seed;
  mc.threads = 1;  // a report's draws are few; the result does not depend on it
  mc.ratio_draws = &in.ratio_draws;
  in.montecarlo = RunMonteCarlo(map, mc);
  in.findings = LintImpactMap(map);
  in.map = std::move(map);
  return in;
}

}  // namespace valuemark::report
