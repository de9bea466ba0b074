// The one place where error codes become HTTP statuses and the error shape
// of docs/api.md: {"error": {"code", "message", "field"}}.
#pragma once

#include "core/result.h"
#include "http/http_types.h"

namespace valuemark::http {

int StatusOf(ErrorCode code);
Response ErrorResponse(const Error& error);
// For conditions found by the HTTP layer itself (unknown route, oversize body ...).
Response ErrorResponse(int status, const char* code, const std::string& message);

}  // namespace valuemark::http
