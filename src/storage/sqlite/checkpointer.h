// Internal to src/storage/sqlite: copies the write-ahead log back into the
// database file on a thread of its own, so that a commit never waits for it.
//
// SQLite's own automatic checkpoint runs inside the commit that takes the WAL
// past 1,000 pages: the writer (and every survey response in its batch) waits
// while 4 MB are copied and the file is synced, and a page written by every
// commit (a survey's count, the tail of an index) is copied again each time.
// Here the writer connection's WAL hook (which replaces that checkpoint) wakes
// this thread once the WAL holds kPages frames; the thread, on a connection
// of its own, copies what is committed while writes carry on, then takes the
// store's writer mutex for a moment to copy the few frames committed
// meanwhile, so that the next write starts the WAL again from its beginning
// (and journal_size_limit cuts the file back). Readers are never blocked.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace valuemark::storage::sqlite {

class Connection;

class Checkpointer {
 public:
  // WAL frames (pages) that wake the thread: 16 MB of 4 KiB pages.
  static constexpr int kPages = 4000;

  // Takes over `writer`'s WAL hook; `writer_mu` is the mutex that serialises
  // the store's writes. Both must outlive this object.
  Checkpointer(std::string path, sqlite3* writer, std::mutex& writer_mu);
  ~Checkpointer();  // gives the hook back and stops the thread
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Checkpoints completed (both passes), for tests.
  int completed() const;

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int frames);
  void Loop();
  void CheckpointOnce(Connection& connection);

  const std::string path_;
  sqlite3* const writer_;
  std::mutex& writer_mu_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stopping_ = false;
  int completed_ = 0;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace valuemark::storage::sqlite
