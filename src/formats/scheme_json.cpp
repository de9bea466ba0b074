#include "formats/scheme_json.h"

#include <fmt/format.h>

#include "formats/json_reader.h"
#include "formats/records_json.h"

namespace valuemark::formats {

namespace {

constexpr Range kSchemeVersionRange{1, 1e6, true, true};
constexpr Range kPercentRange{0, 100, true, true};
constexpr Range kMonthsRange{1, 120, true, true};
constexpr Range kDaysRange{1, 365, true, true};
constexpr Range kAppealDaysRange{0, 60, true, true};
constexpr Range kPenceRange{1, 1e9, true, true};
constexpr Range kLevelRange{1, 100, true, true};
constexpr Range kPledgesRange{0, 1000, true, true};

void ReadStrings(ObjectReader& r, std::string_view key, std::vector<std::string>& out) {
  r.Array(key, true, [&](const JsonValue& v, const std::string& path) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) {
      r.Report(path, "must be a string, got " + DescribeJsonType(v));
      return;
    }
    out.emplace_back(s);
  });
}

}  // namespace

Result<Scheme> ParseScheme(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  Scheme s;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    s.id = r.String("id", true).value_or("");
    s.name = r.String("name", true).value_or("");
    s.version = r.Integer("version", kSchemeVersionRange, true).value_or(0);
    s.published = r.String("published").value_or("");
    s.owner = r.String("owner").value_or("");
    s.source = r.String("source").value_or("");
    s.summary = r.String("summary").value_or("");
    s.currency = r.String("currency", true).value_or("");
    r.Object("fees_pence", true, [&](ObjectReader& f) {
      const char* bands[] = {"small", "medium", "large", "very_large"};
      for (size_t i = 0; i < 4; ++i)
        s.fees_pence[i] = f.Integer(bands[i], kPenceRange, true).value_or(0);
    });
    s.vat_percent = r.Integer("vat_percent", kPercentRange, true).value_or(0);
    s.validity_months = r.Integer("validity_months", kMonthsRange, true).value_or(0);
    s.results_due_days = r.Integer("results_due_days", kDaysRange, true).value_or(0);
    s.appeal_working_days =
        static_cast<int>(r.Integer("appeal_working_days", kAppealDaysRange).value_or(0));
    s.preparation_call = r.Bool("preparation_call").value_or(false);
    s.terms = r.String("terms").value_or("");
    s.pass_mark_percent = r.Integer("pass_mark_percent", kPercentRange, true).value_or(0);
    std::vector<std::string> roles;
    ReadStrings(r, "sign_off", roles);
    for (size_t i = 0; i < roles.size(); ++i) {
      auto role = ParseMemberRole(roles[i]);
      if (!role || *role == MemberRole::kMember) {
        errors.push_back({fmt::format("sign_off[{}]", i), "must be \"lead\" or \"senior_leader\""});
      } else {
        s.sign_off.push_back(*role);
      }
    }
    ReadStrings(r, "stages", s.stages);
    r.Array("levels", true, [&](const JsonValue& v, const std::string& path) {
      ObjectReader l(v, path, errors);
      if (!l.ok()) return;
      SchemeLevel level;
      level.number = l.Integer("number", kLevelRange, true).value_or(0);
      level.name = l.String("name", true).value_or("");
      level.verified = l.Bool("verified").value_or(true);
      level.min_pledges = l.Integer("min_pledges", kPledgesRange).value_or(0);
      level.evidence_guidance = l.String("evidence_guidance").value_or("");
      l.Array("criteria", true, [&](const JsonValue& cv, const std::string& cpath) {
        ObjectReader c(cv, cpath, errors);
        if (!c.ok()) return;
        Criterion criterion;
        criterion.level = level.number;
        criterion.id = c.String("id", true).value_or("");
        criterion.stage = c.String("stage", true).value_or("");
        criterion.text = c.String("text", true).value_or("");
        criterion.evidence_guidance = c.String("evidence_guidance", true).value_or("");
        c.RejectUnknownFields();
        level.criteria.push_back(std::move(criterion));
      });
      l.RejectUnknownFields();
      s.levels.push_back(std::move(level));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  if (auto problems = ValidateScheme(s); !problems.empty())
    return Fail(Error::InvalidArgument(std::move(problems)));
  return s;
}

void WriteSchemeApi(JsonWriter& w, const Scheme& s) {
  w.BeginObject()
      .Field("id", s.id)
      .Field("name", s.name)
      .Field("version", s.version)
      .Field("summary", s.summary)
      .Field("owner", s.owner)
      .Key("published");
  WriteOptionalString(w, s.published.empty() ? std::nullopt : std::optional(s.published));
  w.Field("pass_mark_percent", s.pass_mark_percent)
      .Field("results_due_days", s.results_due_days)
      .Field("appeal_working_days", s.appeal_working_days)
      .Field("preparation_call", s.preparation_call)
      .Key("terms");
  WriteOptionalString(w, s.terms.empty() ? std::nullopt : std::optional(s.terms));
  w.Key("sign_off").BeginArray();
  for (MemberRole role : s.sign_off) w.String(Name(role));
  w.EndArray().Key("levels").BeginArray();
  for (const SchemeLevel& level : s.levels) {
    w.BeginObject()
        .Field("number", level.number)
        .Field("name", level.name)
        .Field("verified", level.verified)
        .Field("min_pledges", level.min_pledges)
        .Field("evidence_guidance", level.evidence_guidance)
        .Key("stages")
        .BeginArray();
    for (const Scheme::StageView& stage : s.StagesOf(level.number)) {
      w.BeginObject().Field("name", stage.name).Key("criteria").BeginArray();
      for (const Criterion* c : stage.criteria)
        w.BeginObject()
            .Field("id", c->id)
            .Field("text", c->text)
            .Field("evidence_guidance", c->evidence_guidance)
            .EndObject();
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray().Field("validity_months", s.validity_months).Key("fees").BeginObject();
  // Money as a number in the currency with its code beside it (docs/api.md).
  w.Field("currency", s.currency)
      .Field("vat_percent", s.vat_percent)
      .Key("per_level_or_renewal")
      .BeginObject();
  const char* bands[] = {"small", "medium", "large", "very_large"};
  for (size_t i = 0; i < 4; ++i) w.Field(bands[i], static_cast<double>(s.fees_pence[i]) / 100.0);
  w.EndObject().EndObject().EndObject();
}

// Money as a number in the currency, with its code beside it (docs/api.md);
// the pence stay exact in *_pence.
void WriteFeeQuote(JsonWriter& w, const FeeQuote& q) {
  w.BeginObject()
      .Field("currency", q.currency)
      .Field("size_band", Name(q.size_band))
      .Field("net", static_cast<double>(q.net_pence) / 100.0)
      .Field("vat_percent", q.vat_percent)
      .Field("vat", static_cast<double>(q.vat_pence) / 100.0)
      .Field("gross", static_cast<double>(q.gross_pence) / 100.0)
      .Field("net_pence", q.net_pence)
      .Field("vat_pence", q.vat_pence)
      .Field("gross_pence", q.gross_pence)
      .Field("text", FormatPounds(q.gross_pence) + " including VAT")
      .EndObject();
}

}  // namespace valuemark::formats
