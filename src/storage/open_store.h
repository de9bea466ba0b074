// Opens the store a URL names: the one place that knows which back ends exist.
#pragma once

#include <memory>
#include <string>

#include "app/store.h"
#include "core/result.h"

namespace valuemark::storage {

// Accepted forms:
//   sqlite:PATH                 a SQLite file (created if missing); also
//   sqlite://PATH               sqlite:///abs/path.db = /abs/path.db
//   PATH.db                     a plain path ending in .db
//   postgresql://... or postgres://...   a libpq connection URL
// Anything else is InvalidArgument naming these forms. Does not migrate: the
// caller runs Migrate() (the server at start-up, `valuemark migrate`).
struct StoreOptions {
  // PostgreSQL: the most connections the store opens, e.g. one per thread
  // that runs transactions; 0 for the default (PostgresOptions). SQLite
  // opens one reader per thread that reads and needs no number.
  size_t connections = 0;
};
Result<std::unique_ptr<app::Store>> OpenStore(const std::string& url,
                                              const StoreOptions& options = {});

}  // namespace valuemark::storage
