#include "storage/sqlite/checkpointer.h"

#include "storage/sqlite/statement.h"

namespace valuemark::storage::sqlite {

Checkpointer::Checkpointer(std::string path, sqlite3* writer, std::mutex& writer_mu)
    : path_(std::move(path)), writer_(writer), writer_mu_(writer_mu), thread_([this] { Loop(); }) {
  sqlite3_wal_hook(writer_, &Checkpointer::OnCommit, this);
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard writes(writer_mu_);  // no commit is calling the hook now
    sqlite3_wal_hook(writer_, nullptr, nullptr);
  }
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

int Checkpointer::completed() const {
  std::lock_guard lock(mu_);
  return completed_;
}

// On the writer's thread, after each commit, with the WAL's size in frames.
int Checkpointer::OnCommit(void* self, sqlite3*, const char*, int frames) {
  if (frames < kPages) return SQLITE_OK;
  auto* c = static_cast<Checkpointer*>(self);
  {
    std::lock_guard lock(c->mu_);
    if (c->wanted_) return SQLITE_OK;
    c->wanted_ = true;
  }
  c->cv_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::Loop() {
  std::unique_ptr<Connection> connection;  // opened when first needed
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [this] { return stopping_ || wanted_; });
    if (stopping_) return;
    lock.unlock();
    if (!connection) {
      auto opened = Connection::Open(path_, OpenMode::kReadWrite);
      if (opened) connection = std::move(*opened);
    }
    // A failure (the file gone, a lock held by another process) is left to
    // the next wake-up; until then the WAL only grows.
    if (connection) CheckpointOnce(*connection);
    lock.lock();
    wanted_ = false;
  }
}

void Checkpointer::CheckpointOnce(Connection& connection) {
  int frames = 0, copied = 0;
  // PASSIVE: copies what is committed without waiting for readers or writers.
  int rc = sqlite3_wal_checkpoint_v2(connection.db(), "main", SQLITE_CHECKPOINT_PASSIVE, &frames,
                                     &copied);
  if (rc != SQLITE_OK) return;
  if (copied < frames) {
    // Commits went on meanwhile: copy those few with writes held back, so
    // that the whole WAL is in the file and the next write restarts it.
    std::lock_guard writes(writer_mu_);
    rc = sqlite3_wal_checkpoint_v2(connection.db(), "main", SQLITE_CHECKPOINT_PASSIVE, &frames,
                                   &copied);
    if (rc != SQLITE_OK) return;
  }
  std::lock_guard lock(mu_);
  ++completed_;
}

}  // namespace valuemark::storage::sqlite
