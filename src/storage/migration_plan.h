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

namespace valuemark::storage {

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

}  // namespace valuemark::storage
