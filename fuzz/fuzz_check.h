// What every harness shares: the input as text, and a check that stops the
// run with a message when a property of the parser does not hold (libFuzzer
// then saves the input as a crash, like a sanitizer finding).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace valuemark::fuzz {

inline std::string_view Text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void Fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

#define FUZZ_CHECK(cond, detail)                           \
  do {                                                     \
    if (!(cond)) ::valuemark::fuzz::Fail(#cond, (detail)); \
  } while (0)

}  // namespace valuemark::fuzz
