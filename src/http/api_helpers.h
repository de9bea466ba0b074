// Helpers shared by the modules that register API routes (api_accounts.cpp,
// api_certification.cpp, api_measure.cpp, api_surveys.cpp, ...): what a
// module's registration is given (Routes), JSON responses, strict body
// reading with field-named errors, pagination. Internal to src/http.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "app/rate_limits.h"
#include "app/use_cases.h"
#include "formats/json_reader.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"
#include "http/errors.h"
#include "http/http_types.h"
#include "http/router.h"

namespace valuemark::http {

// The version a write names (optimistic concurrency): records counted from 1,
// and those whose first state is version 0 (invoices, complaints).
inline constexpr Range kVersionFromOne{1, 9e15, true, true};
inline constexpr Range kVersionFromZero{0, 9e15, true, true};

using formats::JsonWriter;
using formats::ObjectReader;

// A handler that needs the signed-in caller (Api wraps it with the session
// and CSRF checks).
using SessionHandler = std::function<Response(Request&, const app::Caller&)>;
// Api::AddRoutes' own route adder (a path under /api/v1) and session wrapper (api.cpp).
using AddRoute = std::function<void(Method, const std::string&, RouteDoc, Handler)>;
using WrapAuthed = std::function<Handler(SessionHandler)>;

class HeavyWork;  // heavy_work.h

// Heavy routes (Monte Carlo, reports, imports, password hashing): the handler
// runs on the heavy-work pool under a key — the signed-in user, or the
// client address of a public request — and answers through
// Request::reply_later (api_heavy.cpp). It runs in place when there is no
// pool or the request cannot be answered later (the API tests).
struct Heavy {
  HeavyWork* pool = nullptr;
  // A signed-in handler, keyed by the caller (wrap it in `authed`).
  SessionHandler operator()(SessionHandler fn) const;
  // A public handler, keyed by the client address.
  Handler Public(Handler fn) const;
  // Threads one Monte Carlo may use: its share of the pool, or up to 4 without one.
  int Threads() const;
};

// A signed-in handler behind a rate limit (app/rate_limits.h) on the client
// address and the caller's account: 429 with Retry-After when either is spent.
SessionHandler RateLimited(app::RateLimits& limits, app::Limited action, SessionHandler fn);

// What each capability module's registration (RegisterAccountRoutes, ...) is
// given by Api::AddRoutes, the composition: `add` puts a route in the table,
// `authed` wraps a handler that needs the signed-in caller (session, CSRF,
// one read snapshot, remembered answers), `heavy` hands work to the pool,
// `limits` are the rate limits. Used only while the routes are registered.
struct Routes {
  AddRoute add;
  WrapAuthed authed;
  Heavy heavy;
  app::RateLimits& limits;
};

// One record as compact JSON, through its writer (formats/records_json.h).
template <typename Record, typename... Extra>
std::string One(void (*write)(JsonWriter&, const Record&, Extra...), const Record& r,
                Extra... extra) {
  return formats::CompactJson(write, r, extra...);
}

inline Response Json(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

inline Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

// Parses the JSON object body and calls read(reader); unknown fields and every
// problem come back as one InvalidArgument error.
template <typename Fn>
Result<void> ReadBody(const Request& request, Fn&& read) {
  using formats::ObjectReader;
  const std::string& type = request.Header("content-type");
  if (type.find("application/json") == std::string::npos)
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            "the body must be JSON (Content-Type: application/json)"));
  thread_local simdjson::dom::parser parser;
  auto doc = formats::ParseJsonText(parser, request.body);
  if (!doc) return Fail(doc.error());
  std::vector<FieldError> errors;
  ObjectReader reader(*doc, "$", errors);
  if (reader.ok()) {
    read(reader);
    reader.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

// A query parameter's value; empty when absent.
inline std::string QueryText(const Request& request, const char* name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second;
}

// An optional whole-number query parameter within [min, max].
inline Result<std::optional<int64_t>> QueryInt(const Request& request, const char* name,
                                               int64_t min, int64_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::optional<int64_t>();
  int64_t v = 0;
  const std::string& s = it->second;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, name,
                     fmt::format("must be a whole number from {} to {}, got \"{}\"", min, max, s)));
  return std::optional<int64_t>(v);
}

// ?version=: a stored record's version, from 1; 0 (the latest) when absent.
inline Result<int64_t> QueryVersion(const Request& request) {
  return TRY(QueryInt(request, "version", 1, INT32_MAX)).value_or(0);
}

// Bodies read as a whole document (a map, a plan) must say they are JSON.
inline Result<void> RequireJson(const Request& request) {
  if (request.Header("content-type").find("application/json") == std::string::npos)
    return Fail(Error::Make(ErrorCode::kInvalidArgument,
                            "the body must be JSON (Content-Type: application/json)"));
  return {};
}

// The media type of an XLSX workbook, uploaded or downloaded.
inline constexpr char kXlsxType[] =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

inline Result<void> RequireCsv(const Request& request) {
  if (request.Header("content-type").find("text/csv") == std::string::npos)
    return Fail(
        Error::Make(ErrorCode::kInvalidArgument, "the body must be CSV (Content-Type: text/csv)"));
  return {};
}

inline Result<void> RequireXlsx(const Request& request) {
  if (request.Header("content-type").find(kXlsxType) == std::string::npos)
    return Fail(Error::Make(
        ErrorCode::kInvalidArgument,
        fmt::format("the body must be an XLSX workbook (Content-Type: {})", kXlsxType)));
  return {};
}

inline Result<app::PageRequest> ReadPage(const Request& request) {
  app::PageRequest page;
  if (auto it = request.query.find("limit"); it != request.query.end()) {
    int limit = 0;
    auto [end, ec] =
        std::from_chars(it->second.data(), it->second.data() + it->second.size(), limit);
    if (ec != std::errc() || end != it->second.data() + it->second.size() || limit < 1 ||
        limit > 200)
      return Fail(Error::Field(
          ErrorCode::kInvalidArgument, "limit",
          fmt::format("must be a whole number from 1 to 200, got \"{}\"", it->second)));
    page.limit = limit;
  }
  if (auto it = request.query.find("cursor"); it != request.query.end()) page.after = it->second;
  return page;
}

template <typename T, typename WriteItem>
std::string PageJson(const app::Page<T>& page, WriteItem write_item) {
  formats::JsonWriter w(0);
  w.BeginObject().Key("items").BeginArray();
  for (const T& item : page.items) write_item(w, item);
  w.EndArray().Key("next_cursor");
  formats::WriteOptionalString(w, page.next_cursor);
  w.EndObject();
  return w.Take();
}

template <typename T, typename WriteItem>
std::string ListJson(const std::vector<T>& items, WriteItem write_item) {
  return PageJson(app::Page<T>{items, std::nullopt}, write_item);
}

// One page of a list a use case returned whole, in its order (such lists are
// bounded by the organisation's quotas): ?limit= and ?cursor= as everywhere;
// the cursor, opaque to clients, is the position after the page's last item.
// InvalidArgument on `cursor` for one this list cannot have given.
template <typename T>
Result<app::Page<T>> PageOf(const Request& request, std::vector<T> items) {
  auto page = ReadPage(request);
  if (!page) return Fail(page.error());
  size_t start = 0;
  if (!page->after.empty()) {
    const std::string& c = page->after;
    auto [end, ec] = std::from_chars(c.data(), c.data() + c.size(), start);
    if (ec != std::errc() || end != c.data() + c.size() || start > items.size())
      return Fail(Error::Field(
          ErrorCode::kInvalidArgument, "cursor",
          "is not a cursor of this list: pass the next_cursor of the page before, or none"));
  }
  const size_t stop = std::min(items.size(), start + static_cast<size_t>(page->limit));
  app::Page<T> out;
  out.items.assign(std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(start)),
                   std::make_move_iterator(items.begin() + static_cast<std::ptrdiff_t>(stop)));
  if (stop < items.size()) out.next_cursor = std::to_string(stop);
  return out;
}

// A GET route's answer: one page of `items`, or the error of a bad limit or cursor.
template <typename T, typename WriteItem>
Response PagedList(const Request& request, std::vector<T> items, WriteItem write_item) {
  auto page = PageOf(request, std::move(items));
  if (!page) return ErrorResponse(page.error());
  return Json(PageJson(*page, write_item));
}

}  // namespace valuemark::http
