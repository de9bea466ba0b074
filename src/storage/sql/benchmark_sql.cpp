// Benchmarking's contributions and figures (app/network/network_store.h).
// The storage port's methods over the driver (transaction.h), one SQL text
// for both back ends.
#include <string>
#include <vector>

#include "storage/sql/query.h"
#include "storage/sql/transaction.h"

namespace valuemark::storage::sql {

namespace {

constexpr char kUpsertContribution[] =
    "INSERT INTO benchmark_contributions (organisation_id, sector, region, size_band, "
    "opted_in_by, opted_in_at, refreshed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
    "ON CONFLICT (organisation_id) DO UPDATE SET sector = ?2, region = ?3, size_band = ?4, "
    "opted_in_by = ?5, opted_in_at = ?6, refreshed_at = ?7";
constexpr char kDeleteContribution[] =
    "DELETE FROM benchmark_contributions WHERE organisation_id = ?1";
constexpr char kDeleteFigures[] = "DELETE FROM benchmark_figures WHERE organisation_id = ?1";
constexpr char kFindContribution[] =
    "SELECT organisation_id, sector, region, size_band, opted_in_by, opted_in_at, refreshed_at "
    "FROM benchmark_contributions WHERE organisation_id = ?1";
constexpr char kInsertFigure[] =
    "INSERT INTO benchmark_figures (organisation_id, metric, value) VALUES (?1, ?2, ?3)";
constexpr char kScanFigures[] =
    "SELECT c.organisation_id, c.sector, c.region, c.size_band, c.refreshed_at, f.metric, "
    "f.value FROM benchmark_contributions c JOIN benchmark_figures f "
    "ON f.organisation_id = c.organisation_id ORDER BY c.organisation_id, f.metric";

Result<app::BenchmarkContribution> ContributionFromRow(const Statement& st) {
  app::BenchmarkContribution c;
  c.organisation_id = st.Text(0);
  c.sector = st.Text(1);
  c.region = st.Text(2);
  auto size = ParseSizeBand(st.Text(3));
  if (!size) return Fail(CorruptRow("benchmark_contributions.size_band", size.error()));
  c.size_band = *size;
  c.opted_in_by = st.Text(4);
  c.opted_in_at = st.Int(5);
  c.refreshed_at = st.Int(6);
  return c;
}

}  // namespace

Result<void> SqlTransaction::UpsertBenchmarkContribution(const app::BenchmarkContribution& c) {
  auto st = TRY(c_.Prepared(kUpsertContribution));
  st.BindText(1, c.organisation_id).BindText(2, c.sector).BindText(3, c.region);
  st.BindText(4, Name(c.size_band)).BindText(5, c.opted_in_by).BindInt(6, c.opted_in_at);
  st.BindInt(7, c.refreshed_at);
  return st.Run();
}

Result<void> SqlTransaction::DeleteBenchmarkContribution(const std::string& organisation_id) {
  for (const char* sql : {kDeleteFigures, kDeleteContribution}) {
    auto st = TRY(c_.Prepared(sql));
    st.BindText(1, organisation_id);
    TRY(st.Run());
  }
  return {};
}

Result<std::optional<app::BenchmarkContribution>> SqlTransaction::FindBenchmarkContribution(
    const std::string& organisation_id) {
  auto st = TRY(c_.Prepared(kFindContribution));
  st.BindText(1, organisation_id);
  return QueryOne(st, ContributionFromRow);
}

Result<void> SqlTransaction::ReplaceBenchmarkFigures(
    const std::string& organisation_id,
    const std::vector<std::pair<std::string, double>>& figures) {
  {
    auto st = TRY(c_.Prepared(kDeleteFigures));
    st.BindText(1, organisation_id);
    TRY(st.Run());
  }
  for (const auto& [metric, value] : figures) {
    auto st = TRY(c_.Prepared(kInsertFigure));
    st.BindText(1, organisation_id).BindText(2, metric).BindDouble(3, value);
    TRY(st.Run());
  }
  return {};
}

Result<void> SqlTransaction::ScanBenchmarkFigures(
    const std::function<void(const app::BenchmarkRow&)>& fn) {
  auto st = TRY(c_.Prepared(kScanFigures));
  while (TRY(st.Step())) {
    fn(app::BenchmarkRow{st.TextView(0), st.TextView(1), st.TextView(2), st.TextView(3), st.Int(4),
                         st.TextView(5), st.Double(6)});
  }
  return {};
}

}  // namespace valuemark::storage::sql
