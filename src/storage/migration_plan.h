// Internal to src/storage: which migrations to run, decided the same way on
// every back end. Versions need not be consecutive (features own ranges of
// numbers and may be merged in any order), so each migration is run once by
// its version rather than "everything above the highest applied".
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <span>
#include <vector>

#include "core/result.h"
#include "storage/sql/driver.h"

namespace valuemark::storage {

// A back end's list of migrations kept in two files, as one list.
template <typename Migration>
std::vector<Migration> Joined(std::span<const Migration> first, std::span<const Migration> then) {
  std::vector<Migration> all(first.begin(), first.end());
  all.insert(all.end(), then.begin(), then.end());
  return all;
}

// The migrations of `known` not in `applied`, in list order; FailedPrecondition
// when the database holds a version this program does not know (it is newer).
template <typename Migration>
Result<std::vector<const Migration*>> PendingMigrations(std::span<const Migration> known,
                                                        const std::vector<int>& applied) {
  for (int v : applied) {
    if (std::none_of(known.begin(), known.end(),
                     [v](const Migration& m) { return m.version == v; }))
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("the database has schema migration {}, which this program does not know: "
                      "run a newer valuemark",
                      v)));
  }
  std::vector<const Migration*> pending;
  for (const Migration& m : known)
    if (std::find(applied.begin(), applied.end(), m.version) == applied.end())
      pending.push_back(&m);
  return pending;
}

inline constexpr char kAppliedMigrations[] =
    "SELECT version FROM schema_migrations ORDER BY version";

// Inside the caller's open transaction: reads the versions applied, runs each pending migration's
// script (`run_script`, a Result<void>(const char* sql)) and records its version (`record_sql`, the
// version as ?1). The highest version now applied; *ran says whether any was.
template <typename Migration, typename RunScript>
Result<int> ApplyPendingMigrations(sql::Connection& c, std::span<const Migration> known,
                                   const char* record_sql, RunScript run_script, bool* ran) {
  std::vector<int> applied;
  {
    auto st = TRY(c.Prepared(kAppliedMigrations));
    while (TRY(st.Step())) applied.push_back(static_cast<int>(st.Int(0)));
  }
  int version = applied.empty() ? 0 : applied.back();
  for (const Migration* migration : TRY(PendingMigrations(known, applied))) {
    if (auto r = run_script(migration->sql); !r) {
      return Fail(
          Error::Make(r.error().code, fmt::format("migration {} ({}): {}", migration->version,
                                                  migration->name, r.error().message)));
    }
    auto st = TRY(c.Prepared(record_sql));
    TRY(st.BindInt(1, migration->version).Run());
    version = std::max(version, migration->version);
    *ran = true;
  }
  return version;
}

}  // namespace valuemark::storage
