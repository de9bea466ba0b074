#include "report/pdf_module.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>

#include "report/pdf_report.h"

namespace valuemark::report {

std::string DefaultPdfModulePath() {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  std::string dir = n > 0 ? std::string(self, static_cast<size_t>(n)) : std::string();
  dir = dir.substr(0, dir.find_last_of('/') + 1);
  return dir + kPdfModuleFile;
}

Result<void> WritePdfWithModule(const ReportDocument& doc, const std::string& out_path,
                                const std::string& module_path) {
  // cairo would only say "error while writing to output stream".
  if (std::FILE* f = std::fopen(out_path.c_str(), "wb")) {
    std::fclose(f);
  } else {
    return Fail(Error::InvalidArgument(
        {{out_path, fmt::format("cannot write: {}", std::strerror(errno))}}));
  }
  const std::string module = module_path.empty() ? DefaultPdfModulePath() : module_path;
  using Entry = bool (*)(const ReportDocument*, const char*, std::string*);
  // One lock for loading and writing: the module sets fonts up on its first
  // call, and pango's font map is not to be shared between threads.
  static std::mutex mutex;
  static std::map<std::string, Entry> loaded;
  std::lock_guard lock(mutex);
  Entry entry = nullptr;
  if (auto it = loaded.find(module); it != loaded.end()) {
    entry = it->second;
  } else {
    void* handle = dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      return Fail(Error::InvalidArgument(
          {{out_path, fmt::format("cannot write a PDF: the PDF module is missing or broken ({})",
                                  dlerror())}}));
    entry = reinterpret_cast<Entry>(dlsym(handle, kPdfModuleEntry));
    if (!entry)
      return Fail(
          Error::InvalidArgument({{out_path, fmt::format("cannot write a PDF: {}", dlerror())}}));
    loaded.emplace(module, entry);
  }
  std::string error;
  if (!entry(&doc, out_path.c_str(), &error))
    return Fail(Error::InvalidArgument({{out_path, error}}));
  return {};
}

}  // namespace valuemark::report
