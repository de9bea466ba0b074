// Name tables for enums (internal to src/core): one table per enum gives both
// Name() and Parse...(), so the two can never disagree.
#pragma once

#include <fmt/format.h>

#include <array>
#include <string>
#include <utility>

#include "core/result.h"

namespace valuemark::detail {

template <typename Enum, size_t N>
using NameTable = std::array<std::pair<const char*, Enum>, N>;

// InvalidArgument listing the allowed values when s is none of them.
template <typename Enum, size_t N>
Result<Enum> ParseFrom(const NameTable<Enum, N>& names, const std::string& s) {
  std::string allowed;
  for (const auto& [name, value] : names) {
    if (s == name) return value;
    allowed += allowed.empty() ? "" : ", ";
    allowed += fmt::format("\"{}\"", name);
  }
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be one of {}, got \"{}\"", allowed, s)));
}

template <typename Enum, size_t N>
const char* NameFrom(const NameTable<Enum, N>& names, Enum e) {
  for (const auto& [name, value] : names)
    if (value == e) return name;
  return "?";
}

}  // namespace valuemark::detail
