#include "storage/open_store.h"

#include <fmt/format.h>

#include "storage/postgres/postgres_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace valuemark::storage {

namespace {

template <typename Concrete>
Result<std::unique_ptr<app::Store>> AsStore(Result<std::unique_ptr<Concrete>> store) {
  if (!store) return Fail(std::move(store.error()));
  return std::unique_ptr<app::Store>(std::move(*store));
}

}  // namespace

Result<std::unique_ptr<app::Store>> OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    PostgresOptions pg;
    if (options.connections > 0) pg.max_connections = options.connections;
    return AsStore(PostgresStore::Create(url, pg));
  }
  if (url.starts_with("sqlite:")) {
    std::string path = url.substr(std::string_view("sqlite:").size());
    if (path.starts_with("//")) path.erase(0, 2);
    return AsStore(SqliteStore::Create(path));
  }
  if (url.size() > 3 && url.ends_with(".db") && url.find("://") == std::string::npos) {
    return AsStore(SqliteStore::Create(url));
  }
  // Only the scheme is echoed: the rest of a mistyped URL may hold a password.
  const size_t scheme_end = url.find("://");
  const std::string shown =
      scheme_end == std::string::npos ? url : url.substr(0, scheme_end) + "://...";
  return Fail(Error::Make(
      ErrorCode::kInvalidArgument,
      fmt::format("unknown database URL \"{}\": use sqlite:PATH, a path ending in .db, or "
                  "postgresql://USER@HOST:PORT/DATABASE (also postgres://)",
                  shown)));
}

}  // namespace valuemark::storage
