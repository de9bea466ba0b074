#include "openapi_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/crypto.h"
#include "core/calendar.h"

namespace valuemark::http {

using nlohmann::json;

namespace {

constexpr std::string_view kRefPrefix = "#/components/schemas/";

// Every keyword the checker reads, and those it lets pass because they only
// describe (so that a misspelt keyword in a schema is a finding).
const std::set<std::string, std::less<>> kKnownKeywords = {"$ref",
                                                           "allOf",
                                                           "oneOf",
                                                           "anyOf",
                                                           "type",
                                                           "nullable",
                                                           "enum",
                                                           "required",
                                                           "properties",
                                                           "additionalProperties",
                                                           "items",
                                                           "minimum",
                                                           "maximum",
                                                           "exclusiveMinimum",
                                                           "exclusiveMaximum",
                                                           "minLength",
                                                           "maxLength",
                                                           "minItems",
                                                           "maxItems",
                                                           "format",
                                                           "description",
                                                           "example",
                                                           "title",
                                                           "default",
                                                           "readOnly",
                                                           "pattern"};

// Characters, as the document's lengths count them (UTF-8 continuation bytes are not).
size_t Characters(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string At(const std::string& where) { return where.empty() ? "the body" : where; }

std::string Shown(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

bool OfType(const json& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "number") return value.is_number();
  if (type == "integer") return value.is_number_integer() || value.is_number_unsigned();
  return false;
}

std::string Escaped(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

}  // namespace

OpenApiChecker::OpenApiChecker(json document) : document_(std::move(document)) {}

const json* OpenApiChecker::Resolve(const std::string& ref) const {
  if (!ref.starts_with(kRefPrefix)) return nullptr;
  const auto schemas = document_.find("components");
  if (schemas == document_.end() || !schemas->contains("schemas")) return nullptr;
  const json& all = (*schemas)["schemas"];
  const auto found = all.find(ref.substr(kRefPrefix.size()));
  return found == all.end() ? nullptr : &*found;
}

std::vector<std::string> OpenApiChecker::CheckValue(const json& value, const json& schema,
                                                    const std::string& where) const {
  std::vector<std::string> problems;
  Check(value, schema, where, problems);
  return problems;
}

void OpenApiChecker::Check(const json& value, const json& schema, const std::string& where,
                           std::vector<std::string>& problems) const {
  if (!schema.is_object()) return;
  if (auto ref = schema.find("$ref"); ref != schema.end()) {
    const json* target = Resolve(ref->get<std::string>());
    if (!target)
      problems.push_back(fmt::format("{}: the schema {} is not in the document", At(where),
                                     ref->get<std::string>()));
    else
      Check(value, *target, where, problems);
    return;
  }
  const bool nullable = schema.value("nullable", false);
  if (value.is_null()) {
    // Null is a value only where the schema says so (OpenAPI 3.0), or where
    // it says nothing at all about the value.
    const bool says_anything = schema.contains("type") || schema.contains("allOf") ||
                               schema.contains("oneOf") || schema.contains("anyOf") ||
                               schema.contains("properties") || schema.contains("enum");
    if (!nullable && says_anything)
      problems.push_back(fmt::format("{}: is null, which the document does not allow", At(where)));
    return;
  }
  if (auto all = schema.find("allOf"); all != schema.end())
    for (const json& part : *all) Check(value, part, where, problems);
  for (const char* keyword : {"oneOf", "anyOf"}) {
    auto alternatives = schema.find(keyword);
    if (alternatives == schema.end()) continue;
    size_t matching = 0;
    for (const json& part : *alternatives)
      if (CheckValue(value, part, where).empty()) ++matching;
    if (matching == 0 || (std::string_view(keyword) == "oneOf" && matching > 1))
      problems.push_back(fmt::format("{}: {} matches {} of the {} alternatives of {}", At(where),
                                     Shown(value), matching, alternatives->size(), keyword));
  }
  if (auto type = schema.find("type"); type != schema.end()) {
    const std::string expected = type->get<std::string>();
    if (!OfType(value, expected)) {
      problems.push_back(
          fmt::format("{}: {} is not of type {}", At(where), Shown(value), expected));
      return;
    }
  }
  if (auto choices = schema.find("enum"); choices != schema.end()) {
    if (std::find(choices->begin(), choices->end(), value) == choices->end())
      problems.push_back(
          fmt::format("{}: {} is not one of {}", At(where), Shown(value), Shown(*choices)));
  }
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    const size_t length = Characters(text);
    if (schema.contains("minLength") && length < schema["minLength"].get<size_t>())
      problems.push_back(
          fmt::format("{}: is shorter than {}", At(where), schema["minLength"].dump()));
    if (schema.contains("maxLength") && length > schema["maxLength"].get<size_t>())
      problems.push_back(
          fmt::format("{}: is longer than {}", At(where), schema["maxLength"].dump()));
    const std::string format = schema.value("format", "");
    if ((format == "date" && !ParseDate(text)) ||
        (format == "date-time" && !ParseTimestamp(text)) ||
        (format == "byte" && !app::FromBase64Text(text)))
      problems.push_back(fmt::format("{}: \"{}\" is not a {}", At(where), text, format));
  }
  if (value.is_number()) {
    const double number = value.get<double>();
    if (auto min = schema.find("minimum"); min != schema.end()) {
      const bool exclusive = schema.value("exclusiveMinimum", false);
      if (exclusive ? number <= min->get<double>() : number < min->get<double>())
        problems.push_back(fmt::format("{}: {} is below the minimum {}{}", At(where), Shown(value),
                                       min->dump(), exclusive ? " (exclusive)" : ""));
    }
    if (auto max = schema.find("maximum"); max != schema.end()) {
      const bool exclusive = schema.value("exclusiveMaximum", false);
      if (exclusive ? number >= max->get<double>() : number > max->get<double>())
        problems.push_back(fmt::format("{}: {} is above the maximum {}{}", At(where), Shown(value),
                                       max->dump(), exclusive ? " (exclusive)" : ""));
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      problems.push_back(
          fmt::format("{}: has fewer than {} items", At(where), schema["minItems"].dump()));
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      problems.push_back(
          fmt::format("{}: has more than {} items", At(where), schema["maxItems"].dump()));
    if (auto items = schema.find("items"); items != schema.end())
      for (size_t i = 0; i < value.size(); ++i)
        Check(value[i], *items, fmt::format("{}/{}", where, i), problems);
  }
  if (value.is_object()) {
    if (auto required = schema.find("required"); required != schema.end())
      for (const json& name : *required)
        if (!value.contains(name.get<std::string>()))
          problems.push_back(fmt::format("{}: lacks the required field \"{}\"", At(where),
                                         name.get<std::string>()));
    const auto properties = schema.find("properties");
    const auto others = schema.find("additionalProperties");
    for (const auto& [key, field] : value.items()) {
      const std::string at = where + "/" + Escaped(key);
      if (properties != schema.end() && properties->contains(key)) {
        Check(field, (*properties)[key], at, problems);
      } else if (others != schema.end() && others->is_object()) {
        Check(field, *others, at, problems);
      } else if (others != schema.end() ? others->is_boolean() && !others->get<bool>()
                                        : properties != schema.end()) {
        problems.push_back(fmt::format("{}: has the field \"{}\", which the document does not name",
                                       At(where), key));
      }
    }
  }
}

std::vector<std::string> OpenApiChecker::CheckAnswer(std::string_view method,
                                                     const std::string& pattern, int status,
                                                     std::string_view content_type,
                                                     const std::string& body) const {
  std::vector<std::string> problems;
  const std::string route = fmt::format("{} {}", method, pattern);
  const auto paths = document_.find("paths");
  if (paths == document_.end() || !paths->contains(pattern) ||
      !(*paths)[pattern].contains(std::string(method))) {
    problems.push_back(route + ": the document has no such operation");
    return problems;
  }
  const json& responses = (*paths)[pattern][std::string(method)]["responses"];
  const std::string code = std::to_string(status);
  const json* answer = responses.contains(code)                         ? &responses[code]
                       : status >= 400 && responses.contains("default") ? &responses["default"]
                                                                        : nullptr;
  if (!answer) {
    problems.push_back(
        fmt::format("{}: answered {}, a status the document does not give", route, status));
    return problems;
  }
  const auto content = answer->find("content");
  if (content == answer->end()) {
    if (!body.empty())
      problems.push_back(
          fmt::format("{}: answered {} with a body, where the document has none", route, status));
    return problems;
  }
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  auto documented = content->find(std::string(media));
  if (documented == content->end()) documented = content->find("*/*");  // any type
  if (documented == content->end()) {
    problems.push_back(fmt::format("{}: answered {} as \"{}\", which the document does not give",
                                   route, status, media));
    return problems;
  }
  if (media != "application/json") return problems;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    problems.push_back(fmt::format("{}: answered {} with a body that is not JSON", route, status));
    return problems;
  }
  for (const std::string& problem : CheckValue(parsed, (*documented)["schema"]))
    problems.push_back(fmt::format("{} ({}): {}", route, status, problem));
  return problems;
}

std::vector<std::string> OpenApiChecker::CheckRequest(std::string_view method,
                                                      const std::string& pattern,
                                                      std::string_view content_type,
                                                      const std::string& body) const {
  std::vector<std::string> problems;
  const std::string route = fmt::format("{} {}", method, pattern);
  const json* operation = nullptr;
  if (auto paths = document_.find("paths"); paths != document_.end() && paths->contains(pattern))
    if (auto op = (*paths)[pattern].find(std::string(method)); op != (*paths)[pattern].end())
      operation = &*op;
  if (!operation) return {route + ": the document has no such operation"};
  const auto request_body = operation->find("requestBody");
  if (request_body == operation->end()) {
    if (!body.empty())
      problems.push_back(route + ": took a body, where the document says it takes none");
    return problems;
  }
  const std::string_view media = content_type.substr(0, content_type.find(';'));
  const json& content = (*request_body)["content"];
  if (content.contains("*/*")) return problems;  // any type, read by its content
  if (!content.contains(std::string(media))) {
    problems.push_back(fmt::format("{}: took a \"{}\" body, where the document says {}", route,
                                   media, Shown(content)));
    return problems;
  }
  if (media != "application/json") return problems;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) return {route + ": took a body that is not JSON"};
  for (const std::string& problem : CheckValue(parsed, content[std::string(media)]["schema"]))
    problems.push_back(fmt::format("{} request: {}", route, problem));
  return problems;
}

void OpenApiChecker::CheckSchema(const json& schema, const std::string& where,
                                 std::vector<std::string>& problems) const {
  if (!schema.is_object()) {
    problems.push_back(where + ": is not a schema object");
    return;
  }
  for (const auto& [keyword, value] : schema.items()) {
    if (!kKnownKeywords.contains(keyword))
      problems.push_back(fmt::format("{}: has the keyword \"{}\", which the checker does not read",
                                     where, keyword));
    if ((keyword == "exclusiveMinimum" || keyword == "exclusiveMaximum") && !value.is_boolean())
      problems.push_back(where + ": " + keyword + " is a boolean in OpenAPI 3.0");
  }
  if (auto ref = schema.find("$ref"); ref != schema.end() && !Resolve(ref->get<std::string>()))
    problems.push_back(fmt::format("{}: refers to {}, which is not in the document", where,
                                   ref->get<std::string>()));
  if (auto properties = schema.find("properties"); properties != schema.end())
    for (const auto& [name, field] : properties->items())
      CheckSchema(field, where + "/properties/" + name, problems);
  for (const char* keyword : {"items", "additionalProperties"})
    if (auto inner = schema.find(keyword); inner != schema.end() && inner->is_object())
      CheckSchema(*inner, where + "/" + keyword, problems);
  for (const char* keyword : {"allOf", "oneOf", "anyOf"})
    if (auto parts = schema.find(keyword); parts != schema.end())
      for (size_t i = 0; i < parts->size(); ++i)
        CheckSchema((*parts)[i], fmt::format("{}/{}/{}", where, keyword, i), problems);
}

std::vector<std::string> OpenApiChecker::CheckDocument() const {
  std::vector<std::string> problems;
  for (const auto& [name, schema] : document_["components"]["schemas"].items())
    CheckSchema(schema, "schema " + name, problems);
  for (const auto& [path, operations] : document_["paths"].items())
    for (const auto& [method, operation] : operations.items()) {
      const std::string route = method + " " + path;
      if (operation.contains("requestBody"))
        for (const auto& [media, content] : operation["requestBody"]["content"].items())
          CheckSchema(content["schema"], route + " request", problems);
      for (const auto& [status, answer] : operation["responses"].items()) {
        if (!answer.contains("content")) {
          if (status != "204" && status != "default")
            problems.push_back(fmt::format("{}: its {} answer has no content", route, status));
          continue;
        }
        for (const auto& [media, content] : answer["content"].items())
          CheckSchema(content["schema"], fmt::format("{} {} answer", route, status), problems);
      }
    }
  return problems;
}

}  // namespace valuemark::http
