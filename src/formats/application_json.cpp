#include "formats/application_json.h"

#include "core/calendar.h"
#include "formats/json_reader.h"
#include "formats/records_json.h"

namespace valuemark::formats {
namespace {

void OptTime(JsonWriter& w, const char* key, const std::optional<UnixTime>& t) {
  w.Key(key);
  if (t) {
    w.String(FormatTime(*t));
  } else {
    w.Null();
  }
}

// Empty text is written as null (a date not yet set, no reason given).
void TextOrNull(JsonWriter& w, const char* key, const std::string& s) {
  w.Key(key);
  if (s.empty()) {
    w.Null();
  } else {
    w.String(s);
  }
}

constexpr Range kIntRange{0, 1e15, true, true};
constexpr Range kApplicationVersionRange{1, 1e15, true, true};

// Claims key: a string, or null / absent for "".
std::string StringOrEmpty(ObjectReader& r, std::string_view key) {
  if (!r.Has(key) || r.IsNull(key)) return "";
  return r.String(key).value_or("");
}

std::optional<std::string> OptString(ObjectReader& r, std::string_view key) {
  if (!r.Has(key) || r.IsNull(key)) return std::nullopt;
  return r.String(key);
}

std::optional<UnixTime> OptTimeField(ObjectReader& r, std::string_view key) {
  auto text = OptString(r, key);
  if (!text) return std::nullopt;
  auto t = ParseTimestamp(*text);
  if (!t) {
    r.Report(Child(r.path(), key), t.error().message);
    return std::nullopt;
  }
  return *t;
}

UnixTime TimeField(ObjectReader& r, std::string_view key) {
  auto t = OptTimeField(r, key);
  if (!t) r.Report(Child(r.path(), key), "is required");
  return t.value_or(0);
}

template <typename T, typename Parse>
T EnumField(ObjectReader& r, std::string_view key, Parse parse, T fallback) {
  auto text = r.String(key, true);
  if (!text) return fallback;
  auto value = parse(*text);
  if (!value) {
    r.Report(Child(r.path(), key), value.error().message);
    return fallback;
  }
  return *value;
}

void WriteEvidenceItem(JsonWriter& w, const EvidenceItem& e) {
  w.BeginObject()
      .Field("id", e.id)
      .Field("criterion_id", e.criterion_id)
      .Field("kind", Name(e.kind))
      .Field("title", e.title);
  TextOrNull(w, "url", e.url);
  w.Key("record_kind");
  if (e.record_kind) {
    w.String(Name(*e.record_kind));
  } else {
    w.Null();
  }
  TextOrNull(w, "record_id", e.record_id);
  if (e.kind == EvidenceKind::kRecord) w.Field("record_title", e.record_title);
  if (e.kind == EvidenceKind::kRecord && e.record_version > 0)
    w.Field("record_version", e.record_version);
  if (e.kind == EvidenceKind::kFile)
    w.Field("file_id", e.file_id)
        .Field("media_type", e.media_type)
        .Field("size_bytes", e.size_bytes);
  w.Field("note", e.note)
      .Field("added_by", e.added_by)
      .Field("added_at", FormatTime(e.added_at))
      .EndObject();
}

// One evidence item of `v`, its problems added to `errors`.
EvidenceItem ParseEvidenceItem(const JsonValue& v, const std::string& path,
                               std::vector<FieldError>& errors) {
  ObjectReader e(v, path, errors);
  if (!e.ok()) return {};
  EvidenceItem item;
  item.id = e.String("id", true).value_or("");
  item.criterion_id = e.String("criterion_id", true).value_or("");
  item.kind = EnumField(e, "kind", ParseEvidenceKind, EvidenceKind::kLink);
  item.title = e.String("title", true).value_or("");
  item.url = StringOrEmpty(e, "url");
  if (auto kind = OptString(e, "record_kind")) {
    if (auto k = ParseRecordKind(*kind)) {
      item.record_kind = *k;
    } else {
      e.Report(Child(path, "record_kind"), k.error().message);
    }
  }
  item.record_id = StringOrEmpty(e, "record_id");
  item.record_title = StringOrEmpty(e, "record_title");
  item.record_version = e.Integer("record_version", kIntRange).value_or(0);
  item.file_id = StringOrEmpty(e, "file_id");
  item.media_type = StringOrEmpty(e, "media_type");
  item.size_bytes = e.Integer("size_bytes", kIntRange).value_or(0);
  item.note = e.String("note").value_or("");
  item.added_by = e.String("added_by").value_or("");
  item.added_at = TimeField(e, "added_at");
  e.RejectUnknownFields();
  return item;
}

}  // namespace

void WriteApplicationFields(JsonWriter& w, const Application& a) {
  w.Field("id", a.id)
      .Field("organisation_id", a.organisation_id)
      .Field("scheme_id", a.scheme_id)
      .Field("scheme_version", a.scheme_version)
      .Field("level", a.level)
      .Key("scope_id");
  WriteOptionalString(w, a.scope_id);
  w.Field("renewal", a.renewal).Field("state", Name(a.state));
  OptTime(w, "terms_accepted_at", a.terms_accepted_at);
  TextOrNull(w, "terms_accepted_by", a.terms_accepted_by);
  TextOrNull(w, "terms_version", a.terms_version);
  w.Key("evidence").BeginArray();
  for (const EvidenceItem& e : a.evidence) WriteEvidenceItem(w, e);
  w.EndArray().Key("sign_offs").BeginArray();
  for (const SignOff& s : a.sign_offs)
    w.BeginObject()
        .Field("role", Name(s.role))
        .Field("user_id", s.user_id)
        .Field("at", FormatTime(s.at))
        .Field("declaration", s.declaration)
        .EndObject();
  w.EndArray().Key("reviews").BeginArray();
  for (const CriterionReview& r : a.reviews)
    w.BeginObject()
        .Field("criterion_id", r.criterion_id)
        .Field("verdict", Name(r.verdict))
        .Field("feedback", r.feedback)
        .Field("assessor_id", r.assessor_id)
        .Field("at", FormatTime(r.at))
        .EndObject();
  w.EndArray().Key("messages").BeginArray();
  for (const CriterionMessage& m : a.messages)
    w.BeginObject()
        .Field("id", m.id)
        .Field("criterion_id", m.criterion_id)
        .Field("from", Name(m.from))
        .Field("author_id", m.author_id)
        .Field("author_name", m.author_name)
        .Field("body", m.body)
        .Field("at", FormatTime(m.at))
        .EndObject();
  w.EndArray().Key("reviewed_evidence").BeginArray();
  for (const EvidenceItem& e : a.reviewed_evidence) WriteEvidenceItem(w, e);
  w.EndArray().Key("round_id");
  WriteOptionalString(w, a.round_id);
  OptTime(w, "submitted_at", a.submitted_at);
  TextOrNull(w, "results_due", a.results_due);
  w.Key("assessor_id");
  WriteOptionalString(w, a.assessor_id);
  TextOrNull(w, "recommendation", a.recommendation);
  w.Key("recommended_outcome");
  if (a.recommendation.empty())
    w.Null();
  else
    w.String(a.recommends_rejection ? "rejection" : "award");
  TextOrNull(w, "decision_reason", a.decision_reason);
  TextOrNull(w, "awarded_on", a.awarded_on);
  TextOrNull(w, "expires_on", a.expires_on);
  TextOrNull(w, "certificate_id", a.certificate_id);
  TextOrNull(w, "previous_application_id", a.previous_application_id);
  w.Field("amendment_cycles", a.amendment_cycles)
      .Field("created_by", a.created_by)
      .Field("created_at", FormatTime(a.created_at))
      .Field("updated_at", FormatTime(a.updated_at))
      .Field("version", a.version);
}

void WriteApplication(JsonWriter& w, const Application& a) {
  w.BeginObject();
  WriteApplicationFields(w, a);
  w.EndObject();
}

Result<Application> ParseApplication(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  Application a;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    a.id = r.String("id", true).value_or("");
    a.organisation_id = r.String("organisation_id", true).value_or("");
    a.scheme_id = r.String("scheme_id", true).value_or("");
    a.scheme_version = r.Integer("scheme_version", kIntRange, true).value_or(0);
    a.level = r.Integer("level", kIntRange, true).value_or(0);
    a.scope_id = OptString(r, "scope_id");
    a.renewal = r.Bool("renewal").value_or(false);
    a.state = EnumField(r, "state", ParseApplicationState, ApplicationState::kDraft);
    a.terms_accepted_at = OptTimeField(r, "terms_accepted_at");
    a.terms_accepted_by = StringOrEmpty(r, "terms_accepted_by");
    a.terms_version = StringOrEmpty(r, "terms_version");  // absent before versioned terms
    r.Array("evidence", true, [&](const JsonValue& v, const std::string& path) {
      a.evidence.push_back(ParseEvidenceItem(v, path, errors));
    });
    // Both absent before conversations and resubmission changes were kept.
    r.Array("reviewed_evidence", false, [&](const JsonValue& v, const std::string& path) {
      a.reviewed_evidence.push_back(ParseEvidenceItem(v, path, errors));
    });
    r.Array("messages", false, [&](const JsonValue& v, const std::string& path) {
      ObjectReader m(v, path, errors);
      if (!m.ok()) return;
      CriterionMessage message;
      message.id = m.String("id", true).value_or("");
      message.criterion_id = m.String("criterion_id", true).value_or("");
      message.from = EnumField(m, "from", ParseMessageSide, MessageSide::kOrganisation);
      message.author_id = m.String("author_id", true).value_or("");
      message.author_name = m.String("author_name", true).value_or("");
      message.body = m.String("body", true).value_or("");
      message.at = TimeField(m, "at");
      m.RejectUnknownFields();
      a.messages.push_back(std::move(message));
    });
    r.Array("sign_offs", true, [&](const JsonValue& v, const std::string& path) {
      ObjectReader s(v, path, errors);
      if (!s.ok()) return;
      SignOff so;
      so.role = EnumField(s, "role", ParseMemberRole, MemberRole::kLead);
      so.user_id = s.String("user_id", true).value_or("");
      so.at = TimeField(s, "at");
      so.declaration = s.String("declaration").value_or("");  // none before declarations
      s.RejectUnknownFields();
      a.sign_offs.push_back(std::move(so));
    });
    r.Array("reviews", true, [&](const JsonValue& v, const std::string& path) {
      ObjectReader s(v, path, errors);
      if (!s.ok()) return;
      CriterionReview review;
      review.criterion_id = s.String("criterion_id", true).value_or("");
      review.verdict = EnumField(s, "verdict", ParseVerdict, Verdict::kMet);
      review.feedback = s.String("feedback").value_or("");
      review.assessor_id = s.String("assessor_id").value_or("");
      review.at = TimeField(s, "at");
      s.RejectUnknownFields();
      a.reviews.push_back(std::move(review));
    });
    a.round_id = OptString(r, "round_id");
    a.submitted_at = OptTimeField(r, "submitted_at");
    a.results_due = StringOrEmpty(r, "results_due");
    a.assessor_id = OptString(r, "assessor_id");
    a.recommendation = StringOrEmpty(r, "recommendation");
    a.recommends_rejection = StringOrEmpty(r, "recommended_outcome") == "rejection";
    a.decision_reason = StringOrEmpty(r, "decision_reason");
    a.awarded_on = StringOrEmpty(r, "awarded_on");
    a.expires_on = StringOrEmpty(r, "expires_on");
    a.certificate_id = StringOrEmpty(r, "certificate_id");
    a.previous_application_id = StringOrEmpty(r, "previous_application_id");
    a.amendment_cycles = r.Integer("amendment_cycles", kIntRange).value_or(0);
    a.created_by = r.String("created_by").value_or("");
    a.created_at = TimeField(r, "created_at");
    a.updated_at = TimeField(r, "updated_at");
    a.version = r.Integer("version", kApplicationVersionRange, true).value_or(1);
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return a;
}

void WriteRoundFields(JsonWriter& w, const Round& r) {
  w.Field("id", r.id)
      .Field("name", r.name)
      .Field("opens_on", r.opens_on)
      .Field("closes_on", r.closes_on)
      .Field("created_by", r.created_by)
      .Field("created_at", FormatTime(r.created_at));
}

void WriteRound(JsonWriter& w, const Round& r) {
  w.BeginObject();
  WriteRoundFields(w, r);
  w.EndObject();
}

}  // namespace valuemark::formats
