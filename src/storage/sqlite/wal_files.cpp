#include "storage/sqlite/wal_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>

#include "formats/log_line.h"

namespace valuemark::storage::sqlite {
namespace {

// The line the handler writes: made before any signal, written with write(2)
// alone (async-signal-safe). Lines are kept for the life of the process, one
// per database path, never freed (a handler may be reading one while a newer
// store replaces it) and always reachable, so a leak checker sees no leak
// when a process opens stores again and again (tests, the API fuzzer).
std::atomic<const std::string*> g_sigbus_line{nullptr};
std::map<std::string, const std::string>& SigbusLines() {
  static auto* lines = new std::map<std::string, const std::string>;
  return *lines;
}

void OnSigbus(int, siginfo_t*, void*) {
  if (const std::string* line = g_sigbus_line.load()) {
    size_t done = 0;
    while (done < line->size()) {
      const ssize_t n = ::write(STDERR_FILENO, line->data() + done, line->size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
  }
  ::_exit(74);
}

bool Writable(const std::string& file) {
  return ::faccessat(AT_FDCWD, file.c_str(), W_OK, AT_EACCESS) == 0;
}

}  // namespace

Result<void> CheckWalFilesWritable(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  if (!Writable(folder.string()))
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot use SQLite database \"{}\": its folder \"{}\" is not writable by this "
                    "user, and SQLite keeps the database's -wal and -shm files beside it; give "
                    "the user that runs valuemark write access to the folder",
                    path, folder.string())));
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path + suffix;
    if (::access(file.c_str(), F_OK) == 0 && !Writable(file))
      return Fail(Error::Make(
          ErrorCode::kUnavailable,
          fmt::format("cannot use SQLite database \"{}\": \"{}\" exists but is not writable by "
                      "this user ({}); make it writable by the user that runs valuemark, or "
                      "remove it while no process has the database open",
                      path, file, std::strerror(errno))));
  }
  return {};
}

void ReportSigbusAsLostSharedMemory(const std::string& path) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  const auto kept =
      SigbusLines()
          .try_emplace(path,
                       "{\"level\":\"critical\"," +
                           formats::LogLine("stopped: the SQLite shared-memory file was cut short "
                                            "under the running server "
                                            "(SIGBUS)")
                               .Add("database", path)
                               .Add("file", path + "-shm")
                               .Add("cause", "the file was truncated, replaced or its disk is full")
                               .Add("what_to_do",
                                    "stop every process that uses the database, make room on the "
                                    "disk, then start "
                                    "valuemark again: SQLite rebuilds the file from the -wal, and "
                                    "nothing committed "
                                    "is lost")
                               .Fields() +
                           "}\n")
          .first;
  g_sigbus_line.store(&kept->second);  // the earlier line stays allocated (see above)
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction action {};
    action.sa_sigaction = OnSigbus;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, nullptr);
  });
}

}  // namespace valuemark::storage::sqlite
