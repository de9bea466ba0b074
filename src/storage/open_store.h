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
Result<std::unique_ptr<app::Store>> OpenStore(const std::string& url);

}  // namespace valuemark::storage
