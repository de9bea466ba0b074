// The OpenAPI 3 document: paths come from the router's own table, so every
// endpoint the server has is listed; the schemas of records and bodies are
// each module's file in src/http/schemas/ (docs/api.md).
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/openapi_schemas.h"

namespace valuemark::http {
namespace {

using nlohmann::ordered_json;

ordered_json ListOf(const std::string& item) {
  return {{"type", "object"},
          {"properties",
           {{"items", {{"type", "array"}, {"items", {{"$ref", "#/components/schemas/" + item}}}}},
            {"next_cursor", {{"type", "string"}, {"nullable", true}}}}}};
}

const char* Lower(Method m) {
  switch (m) {
    case Method::kGet:
      return "get";
    case Method::kPost:
      return "post";
    case Method::kPut:
      return "put";
    case Method::kPatch:
      return "patch";
    case Method::kDelete:
      return "delete";
    default:
      return "get";
  }
}

}  // namespace

std::string Api::OpenApiDocument() const {
  ordered_json doc;
  doc["openapi"] = "3.0.3";
  doc["info"] = {{"title", "ValueMark API"},
                 {"version", options_.version},
                 {"description",
                  "Measure, manage and prove social value; run social value certification. "
                  "Conventions: docs/api.md."}};
  doc["servers"] = ordered_json::array({{{"url", "/api/v1"}}});
  // Each module's schemas (src/http/schemas/<module>.json); a name is defined once.
  ordered_json schemas = ordered_json::object();
  for (const SchemaFile& file : OpenApiSchemaFiles()) {
    const ordered_json module = ordered_json::parse(file.json);
    for (const auto& [name, schema] : module.items()) schemas[name] = schema;
  }
  for (const auto& [list, item] : {std::pair{"OrganisationList", "Organisation"},
                                   std::pair{"MemberList", "Member"},
                                   std::pair{"InvitationList", "Invitation"},
                                   std::pair{"ScopeList", "Scope"},
                                   std::pair{"UserList", "User"},
                                   std::pair{"OutboxList", "OutboxMessage"},
                                   std::pair{"AuditList", "AuditEntry"},
                                   std::pair{"SchemeList", "Scheme"},
                                   std::pair{"ApplicationList", "Application"},
                                   std::pair{"QueueList", "QueueItem"},
                                   std::pair{"RoundList", "Round"},
                                   std::pair{"RegisterList", "RegisterEntry"},
                                   std::pair{"TaskList", "Task"},
                                   std::pair{"TimelineList", "TimelineEvent"},
                                   std::pair{"SurveySummaryList", "SurveySummary"},
                                   std::pair{"SurveyResponseList", "SurveyResponse"},
                                   std::pair{"MembershipRequestList", "MembershipRequest"},
                                   std::pair{"AppealList", "Appeal"},
                                   std::pair{"InvoiceList", "Invoice"},
                                   std::pair{"ComplaintList", "Complaint"}})
    schemas[list] = ListOf(item);
  ordered_json paths = ordered_json::object();
  for (const Route& route : router_.routes()) {
    std::string path = route.pattern.substr(std::string("/api/v1").size());
    ordered_json op;
    op["summary"] = route.doc.summary;
    op["tags"] = {route.doc.tag};
    op["operationId"] = std::string(Lower(route.method)) + path;
    ordered_json parameters = ordered_json::array();
    for (const std::string& seg : route.segments)
      if (seg.size() > 2 && seg.front() == '{')
        parameters.push_back({{"name", seg.substr(1, seg.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    // Every list pages (docs/api.md "Lists"): the *List schemas, and these.
    const bool paged = route.doc.response_schema.ends_with("List") ||
                       route.doc.response_schema == "Changes" ||
                       route.doc.response_schema == "TextAnswers" ||
                       route.doc.response_schema == "EvidenceRecords" ||
                       route.doc.response_schema == "SelfAssessmentHistory" ||
                       route.doc.response_schema == "Notifications";
    if (paged && route.method == Method::kGet) {
      parameters.push_back({{"name", "limit"},
                            {"in", "query"},
                            {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}}}});
      parameters.push_back({{"name", "cursor"}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    for (const std::string& name : route.doc.required_query)
      parameters.push_back(
          {{"name", name}, {"in", "query"}, {"required", true}, {"schema", {{"type", "string"}}}});
    for (const std::string& name : route.doc.optional_query)
      parameters.push_back({{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    if (!parameters.empty()) op["parameters"] = parameters;
    if (!route.doc.body_type.empty()) {
      ordered_json file = {{"type", "string"}};
      if (route.doc.body_type != "text/csv") file["format"] = "binary";
      ordered_json content = ordered_json::object();
      content[route.doc.body_type] = {{"schema", file}};
      op["requestBody"] = {{"required", true}, {"content", content}};
    }
    if (!route.doc.request_schema.empty())
      op["requestBody"] = {
          {"required", true},
          {"content",
           {{"application/json",
             {{"schema", {{"$ref", "#/components/schemas/" + route.doc.request_schema}}}}}}}};
    ordered_json ok = {{"description", "Success"}};
    if (!route.doc.response_schema.empty())
      ok["content"] = {
          {"application/json",
           {{"schema", {{"$ref", "#/components/schemas/" + route.doc.response_schema}}}}}};
    // Files: the report, the workbook, the CSV export.
    for (const auto& [extension, type] :
         {std::pair{".html", "text/html"}, std::pair{".pdf", "application/pdf"},
          std::pair{".csv", "text/csv"},
          std::pair{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}})
      if (route.doc.response_schema.empty() && route.method == Method::kGet &&
          path.ends_with(extension))
        ok["content"] = {{type, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    for (const std::string& type : route.doc.file_types) {
      if (!ok.contains("content")) ok["content"] = ordered_json::object();
      ok["content"][type] = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
    }
    op["responses"] = {{std::to_string(route.doc.success_status), ok}};
    for (const auto& [status, schema] : route.doc.other_answers)
      op["responses"][std::to_string(status)] = {
          {"description", status < 400 ? "Success" : "A problem (the body says which)"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/" + schema}}}}}}}};
    op["responses"]["default"] = {
        {"description", "An error (docs/api.md)"},
        {"content",
         {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    if (route.doc.auth == Auth::kSession) {
      op["security"] = ordered_json::array({{{"session", ordered_json::array()}}});
      if (route.method != Method::kGet)
        op["description"] = "Send the CSRF token in the X-CSRF-Token header.";
    } else {
      op["security"] = ordered_json::array();
    }
    paths[path][Lower(route.method)] = op;
  }
  doc["paths"] = paths;
  doc["components"] = {{"schemas", schemas},
                       {"securitySchemes",
                        {{"session",
                          {{"type", "apiKey"},
                           {"in", "cookie"},
                           {"name", SessionCookieName(options_.secure_cookies)}}}}}};
  return doc.dump();
}

}  // namespace valuemark::http
