// Answers a repeated GET from memory while nothing in the database has
// changed since the answer was made.
//
// Why it is safe: an entry is keyed by everything the answer depends on — the
// session cookie, the method, the path and the query — and is used only while
// the store's change tag (app::Store::ChangeTag) is the one read just before
// the answer was computed, i.e. while no transaction has committed anywhere,
// in this process or another. Nothing that the answer was built from (the
// session, the user, their roles, the records) can then differ. Answers that
// also depend on the clock (a session or an invitation running out) are
// bounded by max_age. Both back ends give a change tag that any commit
// anywhere moves (SQLite's data_version, PostgreSQL's current snapshot); a
// store that gives none (nullopt) disables the cache.
//
// Thread-safety: every method may be called from any thread; each thread keeps
// its own entries, because the change tag of a SQLite store is per thread (one
// read connection each).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/http_types.h"

namespace valuemark::http {

class ResponseCache {
 public:
  // change_tag: the store's current change tag, nullopt when it has none;
  // now: the platform's clock in seconds.
  ResponseCache(std::function<std::optional<uint64_t>()> change_tag, std::function<int64_t()> now,
                size_t max_bytes_per_thread);

  // The key of a request: its session cookie, method, path and query.
  static std::string KeyOf(const Request& request, const std::string& session_cookie);

  // What to do for one request: Begin() looks the key up and notes the
  // change tag; on a miss, the caller computes the answer and gives it to
  // Remember() with the ticket, which stores it under the noted tag.
  struct Ticket {
    std::string key;
    std::optional<uint64_t> tag;  // nullopt: do not store
    int64_t second = 0;
  };
  std::optional<Response> Begin(const std::string& key, Ticket& ticket) const;
  void Remember(const Ticket& ticket, const Response& response) const;

 private:
  std::function<std::optional<uint64_t>()> change_tag_;
  std::function<int64_t()> now_;
  size_t max_bytes_;
  uint64_t id_;
};

}  // namespace valuemark::http
