// The OpenAPI schemas each module owns, one JSON file per module in
// src/http/schemas/ (records and bodies of its routes, docs/api.md), built
// into the server by embed_schemas.cmake. openapi.cpp merges them into the
// document that /api/v1/openapi.json serves.
#pragma once
#include <string_view>
#include <vector>

namespace valuemark::http {

struct SchemaFile {
  std::string_view module;  // the file's name: "surveys" for schemas/surveys.json
  std::string_view json;    // {"SchemaName": {...}, ...}
};

const std::vector<SchemaFile>& OpenApiSchemaFiles();

}  // namespace valuemark::http
