// The files SQLite keeps beside a WAL database: PATH-wal, the log, and
// PATH-shm, the wal-index, which every connection maps into memory. SQLite
// can run WAL without that mapping only in EXCLUSIVE locking mode (one
// connection), which the store's writer-and-readers design cannot use; so an
// unusable -shm is refused at open, and one cut short while the server runs
// (truncated, or its disk full) — which makes the next access to the mapping
// raise SIGBUS — ends the process with a line saying so instead of a bare crash.
#pragma once

#include <string>

#include "core/result.h"

namespace valuemark::storage::sqlite {

// Refuses (kUnavailable, with what to do) a database whose folder this user
// cannot write (SQLite makes PATH-wal and PATH-shm there) or whose PATH-wal
// or PATH-shm exists and is not writable by this user.
Result<void> CheckWalFilesWritable(const std::string& path);

// From now on, SIGBUS writes one JSON log line to standard error naming
// PATH-shm as the likely cause and what to do, and exits with status 74
// (EX_IOERR). Nothing can recover a process whose mapped memory is gone; the
// line makes the cause known. The latest path given is the one named.
void ReportSigbusAsLostSharedMemory(const std::string& path);

}  // namespace valuemark::storage::sqlite
