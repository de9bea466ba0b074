// The checker every API answer passes (openapi_check.h), on hand-made
// schemas, and the document the server serves, checked as a whole.
#include "openapi_check.h"

#include <gtest/gtest.h>

#include "api_fixture.h"
#include "http/openapi_schemas.h"

namespace valuemark::http {
namespace {

using nlohmann::json;

const json kDocument = json::parse(R"({
  "paths": {"/things/{id}": {"get": {"responses": {
    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
    "default": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}},
    "delete": {"responses": {"204": {"description": "gone"}}}}},
  "components": {"schemas": {
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object"}}},
    "Thing": {"type": "object", "required": ["id", "kind"], "properties": {
      "id": {"type": "string", "minLength": 2},
      "kind": {"type": "string", "enum": ["a", "b"]},
      "count": {"type": "integer", "minimum": 0},
      "share": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 1},
      "on": {"type": "string", "format": "date"},
      "at": {"type": "string", "format": "date-time", "nullable": true},
      "parent": {"allOf": [{"$ref": "#/components/schemas/Thing"}], "nullable": true},
      "tags": {"type": "array", "maxItems": 2, "items": {"type": "string"}},
      "extra": {"type": "object", "additionalProperties": {"type": "number"}},
      "free": {"type": "object"}}}}}})");

std::vector<std::string> Problems(const std::string& body) {
  return OpenApiChecker(kDocument).CheckAnswer("get", "/things/{id}", 200, "application/json",
                                               body);
}

TEST(OpenApiCheck, AConformingAnswerHasNoProblems) {
  EXPECT_EQ(Problems(R"({"id":"t1","kind":"a","count":3,"share":0.5,"on":"2030-03-12",
    "at":null,"parent":{"id":"t0","kind":"b"},"tags":["x"],"extra":{"n":1.5},
    "free":{"anything":[1,"two"]}})"),
            std::vector<std::string>{});
}

TEST(OpenApiCheck, EachBrokenRuleIsNamedWithItsPlace) {
  const auto problems = Problems(
      R"({"id":"t","kind":"c","count":-1,"share":0,"on":"2030-02-30","at":"yesterday",
      "parent":{"id":"t0"},"tags":["x","y","z"],"extra":{"n":"1"},"colour":"red"})");
  const std::string all = [&] {
    std::string text;
    for (const auto& p : problems) text += p + "\n";
    return text;
  }();
  for (const char* expected :
       {"/id: is shorter than 2", "/kind: \"c\" is not one of", "/count: -1 is below the minimum 0",
        "/share: 0 is below the minimum 0 (exclusive)", "/on: \"2030-02-30\" is not a date",
        "/at: \"yesterday\" is not a date-time", "/parent: lacks the required field \"kind\"",
        "/tags: has more than 2 items", "/extra/n: \"1\" is not of type number",
        "has the field \"colour\", which the document does not name"})
    EXPECT_NE(all.find(expected), std::string::npos) << expected << " not in:\n" << all;
  EXPECT_EQ(problems.size(), 10u) << all;
}

TEST(OpenApiCheck, NullIsAValueOnlyWhereTheSchemaSaysSo) {
  EXPECT_EQ(Problems(R"({"id":"t1","kind":"a","parent":null,"at":null})").size(), 0u);
  const auto problems = Problems(R"({"id":null,"kind":"a"})");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("/id: is null"), std::string::npos) << problems[0];
}

TEST(OpenApiCheck, StatusContentTypeAndBodyFollowTheOperation) {
  const OpenApiChecker checker(kDocument);
  EXPECT_EQ(checker
                .CheckAnswer("get", "/things/{id}", 404, "application/json",
                             R"({"error":{"code":"not_found"}})")
                .size(),
            0u);
  EXPECT_EQ(checker.CheckAnswer("get", "/things/{id}", 201, "application/json", "{}").size(), 1u);
  EXPECT_EQ(checker.CheckAnswer("get", "/things/{id}", 200, "text/csv", "a,b").size(), 1u);
  EXPECT_EQ(checker.CheckAnswer("get", "/things/{id}", 200, "application/json", "{").size(), 1u);
  EXPECT_EQ(checker.CheckAnswer("delete", "/things/{id}", 204, "", "").size(), 0u);
  EXPECT_EQ(checker.CheckAnswer("delete", "/things/{id}", 204, "application/json", "{}").size(),
            1u);
  EXPECT_EQ(checker.CheckAnswer("put", "/things/{id}", 200, "application/json", "{}").size(), 1u);
}

TEST(OpenApiCheck, ADocumentWithAnUnknownKeywordOrADanglingReferenceIsRefused) {
  json document = kDocument;
  document["components"]["schemas"]["Thing"]["properties"]["kind"]["enumm"] = {"a"};
  document["components"]["schemas"]["Thing"]["properties"]["next"] = {
      {"$ref", "#/components/schemas/Nope"}};
  document["components"]["schemas"]["Thing"]["properties"]["count"]["exclusiveMinimum"] = 0;
  const auto problems = OpenApiChecker(document).CheckDocument();
  EXPECT_EQ(problems.size(), 3u);
}

// The document the server serves: every schema is one the checker reads in
// full, every reference resolves, every route that takes a body says which,
// and every success answer that carries one says what it is.
class OpenApiDocumentTest : public ApiTest {};

TEST_F(OpenApiDocumentTest, TheServedDocumentIsWhole) {
  for (const std::string& problem : Contract().CheckDocument()) ADD_FAILURE() << problem;
}

TEST_F(OpenApiDocumentTest, EachSchemaNameIsDefinedByOneModule) {
  std::map<std::string, std::string> owner;
  for (const SchemaFile& file : OpenApiSchemaFiles()) {
    const json module = json::parse(file.json);
    for (const auto& [name, schema] : module.items()) {
      auto [it, fresh] = owner.emplace(name, std::string(file.module));
      EXPECT_TRUE(fresh) << name << " is defined by both " << it->second << " and " << file.module;
    }
  }
  EXPECT_GE(owner.size(), 90u);
}

// docs/openapi.json is the served document (without the server's version),
// for readers and for the web app, whose API types are generated from it
// (web/package.json "generate"). `make openapi` writes it anew.
TEST_F(OpenApiDocumentTest, TheCopyInDocsIsTheServedDocument) {
  json served = json::parse(api_->OpenApiDocument());
  served["info"]["version"] = "";
  const std::filesystem::path copy = std::string(VALUEMARK_SOURCE_DIR) + "/docs/openapi.json";
  if (const char* write = std::getenv("VALUEMARK_WRITE_OPENAPI"); write && *write == '1')
    std::ofstream(copy) << served.dump(2) << "\n";
  std::ifstream in(copy);
  const json committed = json::parse(in, nullptr, false);
  EXPECT_TRUE(committed == served)
      << "docs/openapi.json is not the document the server serves: run `make openapi`";
}

}  // namespace
}  // namespace valuemark::http
