// The OpenAPI 3 document: paths come from the router's own table, so every
// endpoint the server has is listed; record schemas follow docs/api.md.
#include <nlohmann/json.hpp>

#include "http/api.h"
#include "http/api_measure.h"

namespace valuemark::http {
namespace {

using nlohmann::ordered_json;

// Schemas of the records and bodies (docs/api.md "Records").
constexpr const char* kSchemas = R"json({
  "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object",
    "required": ["code", "message"], "properties": {"code": {"type": "string", "enum": ["invalid_argument",
    "unauthenticated", "permission_denied", "not_found", "already_exists", "failed_precondition",
    "payload_too_large", "rate_limited", "quota_exceeded", "internal", "unavailable"]}, "message": {"type": "string"}, "field": {"type": "string"},
    "fields": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"},
    "message": {"type": "string"}}}}}}}},
  "Health": {"type": "object", "properties": {"status": {"type": "string", "enum": ["ok", "degraded"]},
    "db": {"type": "string", "enum": ["sqlite", "postgresql"]}, "version": {"type": "string"},
    "writable": {"type": "boolean"}, "problem": {"type": "string"}}},
  "User": {"type": "object", "properties": {"id": {"type": "string"}, "email": {"type": "string"},
    "name": {"type": "string"}, "platform_role": {"type": "string", "enum": ["none", "assessor", "administrator"]},
    "created_at": {"type": "string", "format": "date-time"},
    "email_verified": {"type": "boolean", "description": "the owner confirmed the address (the emailed link)"}}},
  "SignUp": {"type": "object", "additionalProperties": false, "required": ["email", "password", "name"],
    "properties": {"email": {"type": "string"}, "password": {"type": "string", "minLength": 10, "maxLength": 200},
    "name": {"type": "string", "minLength": 1, "maxLength": 200}}},
  "LogIn": {"type": "object", "additionalProperties": false, "required": ["email", "password"],
    "properties": {"email": {"type": "string"}, "password": {"type": "string"}}},
  "SignedIn": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"},
    "csrf_token": {"type": "string"}}},
  "CheckEmail": {"type": "object", "properties": {"status": {"type": "string", "enum": ["check_email"]}}},
  "VerifyEmail": {"type": "object", "additionalProperties": false, "required": ["token"],
    "properties": {"token": {"type": "string"}}},
  "ResetRequest": {"type": "object", "additionalProperties": false, "required": ["email"],
    "properties": {"email": {"type": "string"}}},
  "ResetConfirm": {"type": "object", "additionalProperties": false, "required": ["token", "password"],
    "properties": {"token": {"type": "string"}, "password": {"type": "string"}}},
  "PasswordChange": {"type": "object", "additionalProperties": false, "required": ["current_password", "new_password"],
    "properties": {"current_password": {"type": "string"}, "new_password": {"type": "string", "minLength": 10}}},
  "Me": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}, "csrf_token": {"type": "string"},
    "organisations": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"},
    "name": {"type": "string"}, "role": {"$ref": "#/components/schemas/MemberRole"}}}}}},
  "MemberRole": {"type": "string", "enum": ["member", "lead", "senior_leader"]},
  "Notifications": {"type": "object", "properties": {"unread": {"type": "integer"},
    "items": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"},
      "subject": {"type": "string"}, "body": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
      "unread": {"type": "boolean"}}}}}},
  "NotificationsRead": {"type": "object", "additionalProperties": false, "required": ["up_to"],
    "properties": {"up_to": {"type": "integer", "description": "the newest message id read"}}},
  "Organisation": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "legal_structure": {"type": "string"}, "sector": {"type": "string"},
    "size_band": {"type": "string", "enum": ["small", "medium", "large", "very_large"]}, "area": {"type": "string"},
    "membership": {"type": "object", "properties": {"status": {"type": "string", "enum": ["none", "active", "lapsed"]},
      "start": {"type": "string", "format": "date", "nullable": true},
      "expiry": {"type": "string", "format": "date", "nullable": true}}},
    "representatives": {"type": "object", "properties": {"lead_user_id": {"type": "string", "nullable": true},
      "senior_leader_user_id": {"type": "string", "nullable": true}}},
    "created_at": {"type": "string", "format": "date-time"}, "updated_at": {"type": "string", "format": "date-time"},
    "version": {"type": "integer"}, "my_role": {"allOf": [{"$ref": "#/components/schemas/MemberRole"}],
    "nullable": true, "description": "in lists only"}}},
  "OrganisationInput": {"type": "object", "additionalProperties": false,
    "required": ["name", "legal_structure", "sector", "size_band"], "properties": {"name": {"type": "string"},
    "legal_structure": {"type": "string"}, "sector": {"type": "string"},
    "size_band": {"type": "string", "enum": ["small", "medium", "large", "very_large"]}, "area": {"type": "string"}}},
  "OrganisationPatch": {"type": "object", "additionalProperties": false, "required": ["version"],
    "properties": {"version": {"type": "integer"}, "name": {"type": "string"}, "legal_structure": {"type": "string"},
    "sector": {"type": "string"}, "size_band": {"type": "string"}, "area": {"type": "string"},
    "membership": {"type": "object", "properties": {"status": {"type": "string"},
      "start": {"type": "string", "nullable": true}, "expiry": {"type": "string", "nullable": true}}}}},
  "Member": {"type": "object", "properties": {"user_id": {"type": "string"}, "name": {"type": "string"},
    "email": {"type": "string"}, "role": {"$ref": "#/components/schemas/MemberRole"},
    "joined_at": {"type": "string", "format": "date-time"}}},
  "MemberRoleInput": {"type": "object", "additionalProperties": false, "required": ["role"],
    "properties": {"role": {"$ref": "#/components/schemas/MemberRole"}}},
  "RepresentativesInput": {"type": "object", "additionalProperties": false,
    "required": ["lead_user_id", "senior_leader_user_id"], "properties": {
    "lead_user_id": {"type": "string", "nullable": true}, "senior_leader_user_id": {"type": "string", "nullable": true}}},
  "Scope": {"type": "object", "properties": {"id": {"type": "string"}, "organisation_id": {"type": "string"},
    "kind": {"type": "string", "enum": ["programme", "service", "department", "project"]}, "name": {"type": "string"},
    "description": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "ScopeInput": {"type": "object", "additionalProperties": false, "properties": {"kind": {"type": "string"},
    "name": {"type": "string"}, "description": {"type": "string"}}},
  "Invitation": {"type": "object", "properties": {"id": {"type": "string"}, "organisation_id": {"type": "string"},
    "email": {"type": "string"}, "role": {"$ref": "#/components/schemas/MemberRole"},
    "state": {"type": "string", "enum": ["pending", "accepted", "revoked", "expired"]},
    "invited_by": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "expires_at": {"type": "string", "format": "date-time"},
    "accepted_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "InvitationInput": {"type": "object", "additionalProperties": false, "required": ["email", "role"],
    "properties": {"email": {"type": "string"}, "role": {"$ref": "#/components/schemas/MemberRole"}}},
  "CreatedInvitation": {"type": "object", "properties": {"invitation": {"$ref": "#/components/schemas/Invitation"},
    "accept_url": {"type": "string"}}},
  "InvitationView": {"type": "object", "properties": {"organisation": {"type": "object", "properties": {
    "id": {"type": "string"}, "name": {"type": "string"}}}, "email": {"type": "string"},
    "role": {"$ref": "#/components/schemas/MemberRole"}, "state": {"type": "string"}}},
  "AcceptedInvitation": {"type": "object", "properties": {"organisation": {"$ref": "#/components/schemas/Organisation"},
    "role": {"$ref": "#/components/schemas/MemberRole"}}},
  "Dashboard": {"type": "object", "properties": {"organisation": {"$ref": "#/components/schemas/Organisation"},
    "my_role": {"allOf": [{"$ref": "#/components/schemas/MemberRole"}], "nullable": true},
    "members": {"type": "array", "items": {"$ref": "#/components/schemas/Member"}},
    "scopes": {"type": "array", "items": {"$ref": "#/components/schemas/Scope"}},
    "invitations": {"type": "array", "items": {"$ref": "#/components/schemas/Invitation"}},
    "representatives": {"type": "object", "properties": {
      "lead": {"allOf": [{"$ref": "#/components/schemas/Member"}], "nullable": true},
      "senior_leader": {"allOf": [{"$ref": "#/components/schemas/Member"}], "nullable": true}}}}},
  "PlatformRoleInput": {"type": "object", "additionalProperties": false, "required": ["platform_role"],
    "properties": {"platform_role": {"type": "string", "enum": ["none", "assessor", "administrator"]}}},
  "OutboxMessage": {"type": "object", "properties": {"id": {"type": "integer"}, "to": {"type": "string"},
    "subject": {"type": "string"}, "body": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"},
    "sent_at": {"type": "string", "format": "date-time", "nullable": true}}},
  "AuditEntry": {"type": "object", "properties": {"chain": {"type": "string"}, "seq": {"type": "integer"},
    "at": {"type": "string", "format": "date-time"}, "actor": {"type": "object", "nullable": true, "properties": {
    "id": {"type": "string"}, "name": {"type": "string", "nullable": true}}}, "action": {"type": "string"},
    "entity_type": {"type": "string"}, "entity_id": {"type": "string"},
    "organisation_id": {"type": "string", "nullable": true}, "digest": {"type": "string"}, "hash": {"type": "string"}}},
  "AuditReport": {"type": "object", "properties": {"valid": {"type": "boolean"}, "chains": {"type": "integer"},
    "entries": {"type": "integer"}, "problems": {"type": "array", "items": {"type": "object", "properties": {
    "chain": {"type": "string"}, "seq": {"type": "integer"}, "problem": {"type": "string"}}}}}},
  "Scheme": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "version": {"type": "integer"}, "levels": {"type": "array", "items": {"type": "object", "properties": {
    "number": {"type": "integer"}, "name": {"type": "string"}, "verified": {"type": "boolean"},
    "stages": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"},
    "criteria": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"},
    "text": {"type": "string"}, "evidence_guidance": {"type": "string"}}}}}}}}}},
    "validity_months": {"type": "integer"}, "fees": {"type": "object", "properties": {"currency": {"type": "string"},
    "vat_percent": {"type": "integer"}, "per_level_or_renewal": {"type": "object", "properties": {
    "small": {"type": "number"}, "medium": {"type": "number"}, "large": {"type": "number"},
    "very_large": {"type": "number"}}}}}}},
  "ApplicationInput": {"type": "object", "additionalProperties": false, "required": ["scheme_id", "level"],
    "properties": {"scheme_id": {"type": "string"}, "level": {"type": "integer", "minimum": 1},
    "scope_id": {"type": "string", "nullable": true}}},
  "Application": {"type": "object", "description": "docs/api.md Certification: the application with evidence, sign-offs, reviews and computed missing_evidence, missing_sign_offs, met_percent",
    "properties": {"id": {"type": "string"}, "organisation_id": {"type": "string"}, "scheme_id": {"type": "string"},
    "scheme_version": {"type": "integer"}, "level": {"type": "integer"}, "scope_id": {"type": "string", "nullable": true},
    "renewal": {"type": "boolean"}, "state": {"type": "string", "enum": ["draft", "submitted", "queued", "in_review",
    "amendments_requested", "recommended", "awarded", "rejected"]},
    "terms_accepted_at": {"type": "string", "format": "date-time", "nullable": true},
    "evidence": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"},
      "criterion_id": {"type": "string"}, "kind": {"type": "string", "enum": ["link", "record", "file"]},
      "title": {"type": "string"}, "url": {"type": "string", "nullable": true},
      "record_kind": {"type": "string", "nullable": true}, "record_id": {"type": "string", "nullable": true},
      "record_title": {"type": "string"}, "note": {"type": "string"}, "added_by": {"type": "string"}, "added_at": {"type": "string", "format": "date-time"}}}},
    "sign_offs": {"type": "array", "items": {"type": "object", "properties": {"role": {"type": "string"},
      "user_id": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}}},
    "reviews": {"type": "array", "items": {"type": "object", "properties": {"criterion_id": {"type": "string"},
      "verdict": {"type": "string", "enum": ["met", "not_met", "amendment_needed"]}, "feedback": {"type": "string"},
      "assessor_id": {"type": "string"}, "at": {"type": "string", "format": "date-time"}}}},
    "round_id": {"type": "string", "nullable": true}, "submitted_at": {"type": "string", "nullable": true},
    "results_due": {"type": "string", "format": "date", "nullable": true},
    "assessor_id": {"type": "string", "nullable": true}, "recommendation": {"type": "string", "nullable": true},
    "decision_reason": {"type": "string", "nullable": true}, "awarded_on": {"type": "string", "nullable": true},
    "expires_on": {"type": "string", "nullable": true}, "amendment_cycles": {"type": "integer"},
    "version": {"type": "integer"}, "scheme_name": {"type": "string"}, "level_name": {"type": "string"},
    "missing_evidence": {"type": "array", "items": {"type": "string"}},
    "missing_sign_offs": {"type": "array", "items": {"type": "string"}}, "pledges": {"type": "integer"},
    "met_percent": {"type": "integer"}, "pass_mark_percent": {"type": "integer"}}},
  "Changes": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
    "criterion_id": {"type": "string"}, "change": {"type": "string", "enum": ["unchanged", "changed", "new"]}}}}}},
  "EvidenceRecords": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object",
    "properties": {"id": {"type": "string"}, "title": {"type": "string"}}}}}},
  "PreAudit": {"type": "object", "properties": {"criteria": {"type": "array", "items": {"type": "object", "properties": {
    "criterion_id": {"type": "string"}, "stage": {"type": "string"}, "text": {"type": "string"},
    "evidence_count": {"type": "integer"}, "missing": {"type": "boolean"}}}},
    "criteria_total": {"type": "integer"}, "criteria_missing": {"type": "integer"},
    "self_assessment": {"type": "object", "nullable": true, "properties": {"id": {"type": "string"},
      "submitted_at": {"type": "string"}, "overall": {"type": "number"}, "principles": {"type": "array", "items": {
        "type": "object", "properties": {"key": {"type": "string"}, "name": {"type": "string"},
        "score": {"type": "number"}, "weak": {"type": "boolean"}}}}}},
    "readiness": {"type": "object", "nullable": true, "properties": {"name": {"type": "string"},
      "ready": {"type": "boolean"}, "reason": {"type": "string"}}},
    "pledges": {"type": "object", "nullable": true, "properties": {"required": {"type": "integer"},
      "recorded": {"type": "integer"}, "referenced": {"type": "integer"}}}}},
  "QueueItem": {"type": "object", "properties": {"organisation_name": {"type": "string"},
    "application": {"$ref": "#/components/schemas/Application"}}},
  "Eligibility": {"type": "object", "properties": {"eligible": {"type": "boolean"}, "problems": {"type": "array",
    "items": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}},
    "complete": {"type": "boolean"}, "incomplete": {"type": "array", "items": {"type": "object", "properties": {
    "field": {"type": "string"}, "message": {"type": "string"}}}}}},
  "FeeQuote": {"type": "object", "properties": {"currency": {"type": "string"}, "size_band": {"type": "string"},
    "net": {"type": "number"}, "vat_percent": {"type": "integer"}, "vat": {"type": "number"},
    "gross": {"type": "number"}, "net_pence": {"type": "integer"}, "vat_pence": {"type": "integer"},
    "gross_pence": {"type": "integer"}, "text": {"type": "string"}}},
  "EvidenceInput": {"type": "object", "additionalProperties": false, "required": ["criterion_id", "kind", "title"],
    "properties": {"criterion_id": {"type": "string"}, "kind": {"type": "string", "enum": ["link", "record"]},
    "title": {"type": "string"}, "url": {"type": "string"}, "record_kind": {"type": "string", "enum": [
    "stakeholder_map", "impact_map", "survey", "decision_log", "pledge", "scope", "self_assessment"]},
    "record_id": {"type": "string"}, "note": {"type": "string"}}},
  "AssessorInput": {"type": "object", "additionalProperties": false, "required": ["assessor_id"],
    "properties": {"assessor_id": {"type": "string"}}},
  "VerdictInput": {"type": "object", "additionalProperties": false, "required": ["verdict"],
    "properties": {"verdict": {"type": "string", "enum": ["met", "not_met", "amendment_needed"]},
    "feedback": {"type": "string"}}},
  "SummaryInput": {"type": "object", "additionalProperties": false, "required": ["summary"],
    "properties": {"summary": {"type": "string"}}},
  "ReasonInput": {"type": "object", "additionalProperties": false, "required": ["reason"],
    "properties": {"reason": {"type": "string"}}},
  "Round": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
    "opens_on": {"type": "string", "format": "date"}, "closes_on": {"type": "string", "format": "date"},
    "created_by": {"type": "string"}, "created_at": {"type": "string", "format": "date-time"}}},
  "RoundInput": {"type": "object", "additionalProperties": false, "required": ["name", "opens_on", "closes_on"],
    "properties": {"name": {"type": "string"}, "opens_on": {"type": "string", "format": "date"},
    "closes_on": {"type": "string", "format": "date"}}},
  "Certificate": {"type": "object", "properties": {"application_id": {"type": "string"}, "area": {"type": "string"},
    "awarded_on": {"type": "string", "format": "date"}, "expires_on": {"type": "string", "format": "date"},
    "id": {"type": "string"}, "issuer": {"type": "string"}, "level": {"type": "integer"},
    "level_name": {"type": "string"}, "organisation_id": {"type": "string"}, "organisation_name": {"type": "string"},
    "scheme_id": {"type": "string"}, "scheme_name": {"type": "string"}, "scheme_version": {"type": "integer"},
    "scope": {"type": "string"}, "verification_code": {"type": "string"}, "verify_url": {"type": "string"}}},
  "SignedCertificate": {"type": "object", "description": "Canonical JSON: keys in byte order, no whitespace; the Ed25519 signature is over the canonical bytes of certificate",
    "properties": {"certificate": {"$ref": "#/components/schemas/Certificate"}, "signature": {"type": "object",
    "properties": {"algorithm": {"type": "string", "enum": ["Ed25519"]}, "key_id": {"type": "string"},
    "public_key": {"type": "string", "format": "byte"}, "value": {"type": "string", "format": "byte"}}}}},
  "Verification": {"type": "object", "properties": {"valid": {"type": "boolean"},
    "certificate": {"allOf": [{"$ref": "#/components/schemas/Certificate"}], "nullable": true},
    "status": {"type": "string", "enum": ["current", "expired"], "nullable": true},
    "signature_valid": {"type": "boolean"}, "reason": {"type": "string"}}},
  "PublicKeys": {"type": "object", "properties": {"keys": {"type": "array", "items": {"type": "object", "properties": {
    "key_id": {"type": "string"}, "algorithm": {"type": "string"}, "public_key": {"type": "string", "format": "byte"},
    "created_at": {"type": "string", "format": "date-time"},
    "retired_at": {"type": "string", "format": "date-time", "nullable": true},
    "status": {"type": "string", "enum": ["current", "retired"]}}}}}},
  "SchemeFile": {"type": "object", "description": "A scheme definition as in data/schemes/*.json: id, name, version, published, owner, source, currency, fees_pence, vat_percent, validity_months, results_due_days, pass_mark_percent, sign_off, stages, levels[{number, name, verified, min_pledges, evidence_guidance, criteria[{id, stage, text, evidence_guidance}]}]"},
  "Lm3Input": {"type": "object", "description": "The LM3 file of docs/file-formats.md", "required": ["income", "spend"],
    "properties": {"name": {"type": "string"}, "area": {"type": "string"}, "currency": {"type": "string"},
    "income": {"type": "number", "exclusiveMinimum": 0}, "spend": {"type": "array", "items": {"type": "object",
    "required": ["category", "amount", "local_fraction", "respend_local_fraction"], "properties": {
    "category": {"type": "string"}, "amount": {"type": "number", "minimum": 0},
    "local_fraction": {"type": "number", "minimum": 0, "maximum": 1},
    "respend_local_fraction": {"type": "number", "minimum": 0, "maximum": 1}}}}}},
  "Lm3Result": {"type": "object", "properties": {"round1": {"type": "number"}, "round2": {"type": "number"},
    "round3": {"type": "number"}, "lm3": {"type": "number"}, "by_category": {"type": "array", "items": {
    "type": "object", "properties": {"category": {"type": "string"}, "round2": {"type": "number"},
    "round3": {"type": "number"}}}}, "warnings": {"type": "array", "items": {"type": "string"}}}}
})json";

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
  ordered_json schemas = ordered_json::parse(kSchemas);
  schemas.update(ordered_json::parse(MeasureSchemasJson()));
  for (const auto& [list, item] :
       {std::pair{"OrganisationList", "Organisation"}, std::pair{"MemberList", "Member"},
        std::pair{"InvitationList", "Invitation"}, std::pair{"ScopeList", "Scope"},
        std::pair{"UserList", "User"}, std::pair{"OutboxList", "OutboxMessage"},
        std::pair{"AuditList", "AuditEntry"}, std::pair{"SchemeList", "Scheme"},
        std::pair{"ApplicationList", "Application"}, std::pair{"QueueList", "QueueItem"},
        std::pair{"RoundList", "Round"}, std::pair{"RegisterList", "Certificate"}})
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
                       route.doc.response_schema == "EvidenceRecords" ||
                       route.doc.response_schema == "SelfAssessmentHistory" ||
                       route.doc.response_schema == "Notifications" ||
                       path == "/organisations/{id}/surveys" || path == "/surveys/{id}/responses";
    if (paged && route.method == Method::kGet) {
      parameters.push_back({{"name", "limit"},
                            {"in", "query"},
                            {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", 200}}}});
      parameters.push_back({{"name", "cursor"}, {"in", "query"}, {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (route.doc.raw_body)
      op["requestBody"] = {{"required", true},
                           {"content",
                            {{"application/octet-stream",
                              {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    if (route.doc.raw_body)
      op["parameters"] = ordered_json::array(
          {{{"name", "id"}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}},
           {{"name", "criterion_id"},
            {"in", "query"},
            {"required", true},
            {"schema", {{"type", "string"}}}},
           {{"name", "title"},
            {"in", "query"},
            {"required", true},
            {"schema", {{"type", "string"}}}}});
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
    op["responses"] = {
        {std::to_string(route.doc.success_status), ok},
        {"default",
         {{"description", "An error (docs/api.md)"},
          {"content",
           {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
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
