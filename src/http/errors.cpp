#include "http/errors.h"

#include "formats/json_writer.h"

namespace valuemark::http {

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kUnauthenticated:
      return 401;
    case ErrorCode::kPermissionDenied:
      return 403;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kAlreadyExists:
      return 409;
    case ErrorCode::kFailedPrecondition:
      return 409;
    case ErrorCode::kResourceExhausted:
      return 429;
    case ErrorCode::kQuotaExceeded:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Error& error) {
  formats::JsonWriter w(0);
  w.BeginObject().Key("error").BeginObject().Field("code", ErrorCodeSlug(error.code));
  if (error.fields.size() > 1) {
    w.Field("message", std::to_string(error.fields.size()) + " problems: " +
                           error.fields.front().path + ": " + error.fields.front().message + ", …");
  } else {
    w.Field("message", error.message);
  }
  if (error.fields.size() == 1) w.Field("field", error.fields.front().path);
  if (!error.fields.empty()) {
    // Every problem at once, so a form can mark each field.
    w.Key("fields").BeginArray();
    for (const FieldError& f : error.fields)
      w.BeginObject().Field("field", f.path).Field("message", f.message).EndObject();
    w.EndArray();
  }
  w.EndObject().EndObject();
  Response r;
  r.status = StatusOf(error.code);
  r.body = w.Take();
  // Exactly the wait the limit that refused states: every limiter states its own.
  if (error.retry_after_seconds > 0)
    r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_seconds));
  return r;
}

Response ErrorResponse(int status, const char* code, const std::string& message) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Key("error")
      .BeginObject()
      .Field("code", code)
      .Field("message", message)
      .EndObject()
      .EndObject();
  Response r;
  r.status = status;
  r.body = w.Take();
  return r;
}

}  // namespace valuemark::http
