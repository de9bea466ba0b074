// A checker of API answers against the OpenAPI document the server serves
// (/api/v1/openapi.json): the API tests pass every answer they receive
// through it, so the document is a contract the tests hold the server to.
//
// It reads the OpenAPI 3.0 subset our schemas use: $ref, allOf, oneOf,
// anyOf, type, nullable, enum, required, properties, additionalProperties,
// items, minimum/maximum (with 3.0's boolean exclusiveMinimum/Maximum),
// minLength/maxLength, minItems/maxItems and the formats date, date-time and
// byte. One rule is stricter than JSON Schema, on purpose: an object schema
// that lists its properties lists all of them, so an answer carrying a field
// the document does not name is a finding (a schema opens itself with
// "additionalProperties": true, or gives the schema of the others).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace valuemark::http {

class OpenApiChecker {
 public:
  explicit OpenApiChecker(nlohmann::json document);

  // What is wrong with an answer to `method` on `pattern` (a route's pattern
  // without /api/v1, as "/surveys/{id}"): an undocumented status, a content
  // type other than the documented one, or a JSON body its schema refuses.
  // Empty when the answer keeps the contract.
  std::vector<std::string> CheckAnswer(std::string_view method, const std::string& pattern,
                                       int status, std::string_view content_type,
                                       const std::string& body) const;

  // What is wrong with a request the server accepted (a 2xx answer): a body
  // where the document says the route takes none, another media type than
  // the documented one, or a JSON body its schema refuses. An accepted body
  // the document refuses means the document is wrong.
  std::vector<std::string> CheckRequest(std::string_view method, const std::string& pattern,
                                        std::string_view content_type,
                                        const std::string& body) const;

  // What is wrong with `value` against `schema`; `where` names the value
  // (a JSON pointer into the body, "" for its root).
  std::vector<std::string> CheckValue(const nlohmann::json& value, const nlohmann::json& schema,
                                      const std::string& where = "") const;

  // What is wrong with the document itself: a $ref to no schema, a success
  // answer other than 204 with no content, a keyword the checker does not
  // know (so that a typo cannot pass unseen).
  std::vector<std::string> CheckDocument() const;

  const nlohmann::json& document() const { return document_; }

 private:
  const nlohmann::json* Resolve(const std::string& ref) const;
  void Check(const nlohmann::json& value, const nlohmann::json& schema, const std::string& where,
             std::vector<std::string>& problems) const;
  void CheckSchema(const nlohmann::json& schema, const std::string& where,
                   std::vector<std::string>& problems) const;

  nlohmann::json document_;
};

}  // namespace valuemark::http
