#include "formats/engagement_json.h"

namespace valuemark::formats {

namespace {

constexpr Range kMinutes{0, 100000, true, true};

void ReadVisit(ObjectReader& r, const char* key, std::optional<AuditVisit>& out) {
  if (r.IsNull(key)) return;
  r.Object(key, false, [&](ObjectReader& v) {
    AuditVisit visit;
    visit.done_on = v.String("done_on", true).value_or("");
    visit.findings = v.String("findings", true).value_or("");
    visit.positive = v.Bool("positive").value_or(false);
    out = std::move(visit);
  });
}

void WriteVisit(JsonWriter& w, const char* key, const std::optional<AuditVisit>& v) {
  w.Key(key);
  if (!v) {
    w.Null();
    return;
  }
  w.BeginObject()
      .Field("done_on", v->done_on)
      .Field("findings", v->findings)
      .Field("positive", v->positive)
      .EndObject();
}

}  // namespace

void ReadEngagementContent(ObjectReader& r, EngagementContent& out) {
  out.needs_review = r.String("needs_review").value_or("");
  r.Array("recommendations", false, [&](const JsonValue& v, const std::string& path) {
    ObjectReader e(v, path, r.errors());
    if (!e.ok()) return;
    Recommendation rec;
    rec.title = e.String("title", true).value_or("");
    rec.detail = e.String("detail").value_or("");
    e.RejectUnknownFields();
    out.recommendations.push_back(std::move(rec));
  });
  r.Array("plan", false, [&](const JsonValue& v, const std::string& path) {
    ObjectReader e(v, path, r.errors());
    if (!e.ok()) return;
    PlanItem item;
    item.topic = e.String("topic", true).value_or("");
    const std::string kind = e.String("kind", true).value_or("");
    if (auto k = ParseSupportKind(kind))
      item.kind = *k;
    else if (!kind.empty())
      e.Report(path + ".kind", "must be training, mentoring or consultancy");
    item.due_on = e.String("due_on").value_or("");
    item.done = e.Bool("done").value_or(false);
    e.RejectUnknownFields();
    out.plan.push_back(std::move(item));
  });
  r.Array("sessions", false, [&](const JsonValue& v, const std::string& path) {
    ObjectReader e(v, path, r.errors());
    if (!e.ok()) return;
    SessionLog s;
    s.held_on = e.String("held_on", true).value_or("");
    s.minutes = static_cast<int>(e.Integer("minutes", kMinutes, true).value_or(0));
    s.summary = e.String("summary", true).value_or("");
    e.RejectUnknownFields();
    out.sessions.push_back(std::move(s));
  });
  ReadVisit(r, "pre_audit", out.pre_audit);
  ReadVisit(r, "site_audit", out.site_audit);
}

void WriteEngagementContentFields(JsonWriter& w, const EngagementContent& c) {
  w.Field("needs_review", c.needs_review).Key("recommendations").BeginArray();
  for (const Recommendation& r : c.recommendations)
    w.BeginObject().Field("title", r.title).Field("detail", r.detail).EndObject();
  w.EndArray().Key("plan").BeginArray();
  for (const PlanItem& p : c.plan)
    w.BeginObject()
        .Field("topic", p.topic)
        .Field("kind", Name(p.kind))
        .Field("due_on", p.due_on)
        .Field("done", p.done)
        .EndObject();
  w.EndArray().Key("sessions").BeginArray();
  for (const SessionLog& s : c.sessions)
    w.BeginObject()
        .Field("held_on", s.held_on)
        .Field("minutes", s.minutes)
        .Field("summary", s.summary)
        .EndObject();
  w.EndArray();
  WriteVisit(w, "pre_audit", c.pre_audit);
  WriteVisit(w, "site_audit", c.site_audit);
}

Result<EngagementContent> ParseEngagementContent(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  EngagementContent c;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    ReadEngagementContent(r, c);
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return c;
}

std::string EngagementContentJson(const EngagementContent& c) {
  JsonWriter w(0);
  w.BeginObject();
  WriteEngagementContentFields(w, c);
  w.EndObject();
  return w.Take();
}

}  // namespace valuemark::formats
