// Every error code the API can answer is one the OpenAPI document declares,
// so that a client generated from it knows them all (`unavailable` was missing).
#include "api_fixture.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

TEST_F(ApiTest, TheOpenApiDocumentDeclaresEveryErrorCode) {
  const json doc = Body(Call(Method::kGet, "/api/v1/openapi.json"));
  const json codes =
      doc["components"]["schemas"]["Error"]["properties"]["error"]["properties"]["code"]["enum"];
  ASSERT_TRUE(codes.is_array()) << doc["components"]["schemas"]["Error"].dump();
  auto declared = [&](const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  for (ErrorCode code :
       {ErrorCode::kInvalidArgument, ErrorCode::kNotFound, ErrorCode::kPermissionDenied,
        ErrorCode::kFailedPrecondition, ErrorCode::kAlreadyExists, ErrorCode::kUnauthenticated,
        ErrorCode::kUnavailable, ErrorCode::kResourceExhausted, ErrorCode::kQuotaExceeded,
        ErrorCode::kInternal})
    EXPECT_TRUE(declared(ErrorCodeSlug(code))) << ErrorCodeSlug(code) << " is not declared";
  // The codes the HTTP layer answers of its own (body limits).
  EXPECT_TRUE(declared("payload_too_large"));
  // And a 503 is answered with that code.
  const Response r = ErrorResponse(Error::RetryLater(ErrorCode::kUnavailable, "busy", 3));
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(Body(r)["error"]["code"], "unavailable");
}

}  // namespace
}  // namespace valuemark::http
