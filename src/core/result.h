// Result<T>: the value of an operation that can fail in an expected way.
// Expected failures (bad input, missing records, refused actions) are values;
// bugs are asserts. No exception crosses a layer.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace valuemark {

// The abseil set of codes; docs/api.md maps each to an HTTP status.
enum class ErrorCode {
  kInvalidArgument,
  kNotFound,
  kPermissionDenied,
  kFailedPrecondition,
  kAlreadyExists,
  kUnauthenticated,
  kUnavailable,
  kResourceExhausted,  // a rate limit: "rate_limited" in the API
  kQuotaExceeded,      // an organisation's quota is used up: "quota_exceeded"
  kInternal,
};

// One problem with one field of an input document, e.g.
// {"outcomes[3].deadweight", "must be between 0 and 1, got 1.5"}.
struct FieldError {
  std::string path;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  // For invalid input: every problem found, each with its JSON path.
  std::vector<FieldError> fields;
  // For a refusal to do it now (a rate limit, a full queue): the seconds
  // after which the same request will be accepted; 0 when unknown.
  int64_t retry_after_seconds = 0;

  static Error InvalidArgument(std::vector<FieldError> fields) {
    Error e{ErrorCode::kInvalidArgument, {}, std::move(fields), 0};
    e.message = e.fields.empty() ? "invalid input" : e.fields.front().message;
    return e;
  }
  static Error Make(ErrorCode code, std::string message) {
    return Error{code, std::move(message), {}, 0};
  }
  // One field at fault: {"field": path} in the API's error shape.
  // A refusal for now, with the real wait (Retry-After).
  static Error RetryLater(ErrorCode code, std::string message, int64_t seconds) {
    return Error{code, std::move(message), {}, seconds};
  }
  static Error Field(ErrorCode code, std::string path, std::string message) {
    return Error{code, message, {{std::move(path), message}}, 0};
  }
};

// Stable slug for an error code ("invalid_argument", ...), as in docs/api.md.
const char* ErrorCodeSlug(ErrorCode code);

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> Fail(Error e) { return std::unexpected<Error>(std::move(e)); }

// TRY(expr): the value of the Result `expr`, or return its Error from the
// enclosing function (which returns any Result<U>). A GCC/Clang statement
// expression, as Ladybird's AK/Try.h; `__extension__` keeps -Wpedantic quiet.
//   const User user = TRY(tx.FindUserById(id));
//   TRY(tx.InsertAudit(entry));            // Result<void>
#define TRY(expr)                                                         \
  __extension__({                                                         \
    auto&& valuemark_try_result_ = (expr);                                \
    if (!valuemark_try_result_) [[unlikely]]                              \
      return ::valuemark::Fail(std::move(valuemark_try_result_).error()); \
    std::move(valuemark_try_result_).value();                             \
  })

}  // namespace valuemark
