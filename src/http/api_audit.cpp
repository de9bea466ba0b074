// The audit-and-notifications routes (docs/api.md "Notifications", "Audit"):
// the caller's in-app messages, the administrator's outbox, the audit
// chain's check and the history of a record.
#include "http/api_audit.h"

#include <algorithm>
#include <charconv>

#include "formats/record_changes.h"
#include "formats/records_json.h"
#include "http/errors.h"

namespace valuemark::http {
namespace {

void NotificationRoutes(const Routes& routes, app::AuditService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // In-app notifications: the caller's own messages.
  add(Method::kGet, "/notifications",
      {"The caller's notifications, newest first", "accounts", Auth::kSession, "", "Notifications"},
      authed([&p](Request& request, const app::Caller& c) {
        // Newest first; a page past the first reads the ones before it again
        // (a user's messages are few), at most 10,000 back.
        auto page_request = ReadPage(request);
        if (!page_request) return ErrorResponse(page_request.error());
        int start = 0;
        if (const std::string& cur = page_request->after; !cur.empty()) {
          auto [end, ec] = std::from_chars(cur.data(), cur.data() + cur.size(), start);
          if (ec != std::errc() || end != cur.data() + cur.size() || start < 0 || start > 10000)
            return ErrorResponse(Error::Field(
                ErrorCode::kInvalidArgument, "cursor",
                "is not a cursor of this list: pass the next_cursor of the page before"));
        }
        auto list = p.ListNotifications(c, start + page_request->limit + 1);
        if (!list) return ErrorResponse(list.error());
        const size_t first = std::min<size_t>(static_cast<size_t>(start), list->items.size());
        const size_t stop =
            std::min<size_t>(first + static_cast<size_t>(page_request->limit), list->items.size());
        JsonWriter w(0);
        w.BeginObject().Field("unread", int64_t{list->unread}).Key("items").BeginArray();
        for (size_t i = first; i < stop; ++i) {
          const app::Notification& n = list->items[i];
          w.BeginObject()
              .Field("id", n.id)
              .Field("subject", n.subject)
              .Field("body", n.body)
              .Field("created_at", formats::FormatTime(n.created_at))
              .Field("unread", n.unread)
              .EndObject();
        }
        w.EndArray().Key("next_cursor");
        formats::WriteOptionalString(
            w, stop < list->items.size() ? std::optional(std::to_string(stop)) : std::nullopt);
        w.EndObject();
        return Json(w.Take());
      }));
  add(Method::kPost, "/notifications/read",
      {"Mark the caller's notifications read up to a message", "accounts", Auth::kSession,
       "NotificationsRead", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        int64_t up_to = 0;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kMessageIdRange{0, 2147483647, true, true};
          up_to = r.Integer("up_to", kMessageIdRange, true).value_or(0);
        });
        if (!body) return ErrorResponse(body.error());
        auto done = p.MarkNotificationsRead(c, up_to);
        if (!done) return ErrorResponse(done.error());
        return NoContent();
      }));
  add(Method::kGet, "/outbox",
      {"Notifications sent or waiting (administrator)", "staff", Auth::kSession, "", "OutboxList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto page = ReadPage(request);
        if (!page) return ErrorResponse(page.error());
        auto list = p.ListOutbox(c, *page);
        if (!list) return ErrorResponse(list.error());
        return Json(PageJson(*list, [](JsonWriter& w, const app::OutboxMessage& m) {
          w.BeginObject()
              .Field("id", m.id)
              .Field("to", m.to)
              .Field("subject", m.subject)
              .Field("body", m.body)
              .Field("created_at", formats::FormatTime(m.created_at))
              .Key("sent_at");
          if (m.sent_at) {
            w.String(formats::FormatTime(*m.sent_at));
          } else {
            w.Null();
          }
          w.EndObject();
        }));
      }));
}

// One entry of a history: who did what to which record, and its place in the chain.
void WriteHistoryItem(JsonWriter& w, const app::HistoryItem& item) {
  const app::AuditEntry& e = item.entry;
  w.BeginObject()
      .Field("chain", e.chain)
      .Field("seq", e.seq)
      .Field("at", formats::FormatTime(e.at))
      .Key("actor");
  if (e.actor_id.empty()) {
    w.Null();
  } else {
    w.BeginObject().Field("id", e.actor_id).Key("name");
    formats::WriteOptionalString(w, item.actor_name);
    w.EndObject();
  }
  w.Field("action", e.action)
      .Field("entity_type", e.entity_type)
      .Field("entity_id", e.entity_id)
      .Key("organisation_id");
  formats::WriteOptionalString(
      w, e.organisation_id.empty() ? std::nullopt : std::optional(e.organisation_id));
  w.Key("entity_name");
  formats::WriteOptionalString(w, item.entity_name);
  const formats::RecordChanges changes = formats::ReadRecordChanges(e.changes);
  w.Key("changes").BeginArray();
  for (const formats::FieldChange& c : changes.items)
    w.BeginObject()
        .Field("field", c.field)
        .Field("before", c.before)
        .Field("after", c.after)
        .EndObject();
  w.EndArray().Field("more_changes", changes.more);
  w.Field("digest", e.digest).Field("hash", e.hash).EndObject();
}

// One page of a chain's history, narrowed by ?kind= (a kind of record) and
// ?actor_id= (who acted).
Response HistoryResponse(app::AuditService& p, const Request& request, const app::Caller& c,
                         const std::string& chain) {
  auto page = ReadPage(request);
  if (!page) return ErrorResponse(page.error());
  auto list =
      p.ChainHistory(c, chain, {QueryText(request, "kind"), QueryText(request, "actor_id")}, *page);
  if (!list) return ErrorResponse(list.error());
  return Json(PageJson(*list, WriteHistoryItem));
}

RouteDoc HistoryDoc(const char* summary) {
  RouteDoc doc{summary, "audit", Auth::kSession, "", "AuditList"};
  doc.optional_query = {"kind", "actor_id"};
  return doc;
}

void AuditRoutes(const Routes& routes, app::AuditService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  // Audit
  add(Method::kGet, "/audit/verify",
      {"Check the whole audit chain (administrator)", "audit", Auth::kSession, "", "AuditReport"},
      authed([&p](Request&, const app::Caller& c) {
        auto report = p.VerifyAudit(c);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        w.BeginObject()
            .Field("valid", report->valid)
            .Field("chains", report->chains)
            .Field("entries", report->entries)
            .Key("problems")
            .BeginArray();
        for (const app::AuditProblem& pr : report->problems)
          w.BeginObject()
              .Field("chain", pr.chain)
              .Field("seq", pr.seq)
              .Field("problem", pr.problem)
              .EndObject();
        w.EndArray().EndObject();
        return Json(w.Take());
      }));
  add(Method::kGet, "/audit/{entity_type}/{entity_id}",
      {"Who changed a record, what and when", "audit", Auth::kSession, "", "AuditList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto items = p.History(c, request.params["entity_type"], request.params["entity_id"]);
        if (!items) return ErrorResponse(items.error());
        return PagedList(request, std::move(*items), WriteHistoryItem);
      }));
  add(Method::kGet, "/organisations/{id}/history",
      HistoryDoc("Everything that happened in the organisation, newest first; kind and actor_id "
                 "narrow it"),
      authed([&p](Request& request, const app::Caller& c) {
        // The platform's chain is not an organisation's: /audit/platform gives it.
        if (request.params["id"] == app::kPlatformChain)
          return ErrorResponse(Error::Make(ErrorCode::kNotFound, "no such organisation"));
        return HistoryResponse(p, request, c, request.params["id"]);
      }));
  add(Method::kGet, "/audit/platform",
      HistoryDoc("The platform's own history (administrator): accounts, schemes, rounds, keys"),
      authed([&p](Request& request, const app::Caller& c) {
        return HistoryResponse(p, request, c, app::kPlatformChain);
      }));
}

}  // namespace

void RegisterAuditRoutes(const Routes& routes, app::AuditService& p) {
  NotificationRoutes(routes, p);
  AuditRoutes(routes, p);
}

}  // namespace valuemark::http
