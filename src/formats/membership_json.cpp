#include "formats/membership_json.h"

#include "formats/json_reader.h"
#include "formats/records_json.h"
#include "formats/scheme_json.h"

namespace valuemark::formats {

namespace {

constexpr Range kPercentRange{0, 100, true, true};
constexpr Range kMonthsRange{1, 60, true, true};
constexpr Range kDaysRange{0, 366, true, true};
constexpr Range kCountRange{0, static_cast<double>(kMaxStaff), true, true};
constexpr Range kPenceRange{0, static_cast<double>(kMaxTurnoverPence), true, true};

}  // namespace

Result<MembershipTerms> ParseMembershipTerms(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  auto doc = TRY(ParseJsonText(parser, text));
  std::vector<FieldError> errors;
  MembershipTerms t;
  ObjectReader r(doc, "$", errors);
  if (r.ok()) {
    t.owner = r.String("owner", true).value_or("");
    t.currency = r.String("currency", true).value_or("");
    t.vat_percent = static_cast<int>(r.Integer("vat_percent", kPercentRange, true).value_or(0));
    t.term_months = static_cast<int>(r.Integer("term_months", kMonthsRange, true).value_or(0));
    t.renewal_window_days =
        static_cast<int>(r.Integer("renewal_window_days", kDaysRange, true).value_or(0));
    t.contact = r.String("contact", true).value_or("");
    t.payment = r.String("payment", true).value_or("");
    r.Array("bands", true, [&](const JsonValue& v, const std::string& path) {
      ObjectReader b(v, path, errors);
      if (!b.ok()) return;
      SizeBandRule rule;
      const std::string band = b.String("band", true).value_or("");
      if (auto parsed = ParseSizeBand(band))
        rule.band = *parsed;
      else if (!band.empty())
        errors.push_back({Child(path, "band"), parsed.error().message});
      rule.label = b.String("label", true).value_or("");
      rule.max_staff = b.Integer("max_staff", kCountRange);
      rule.max_turnover_pence = b.Integer("max_turnover_pence", kPenceRange);
      rule.annual_fee_pence = b.Integer("annual_fee_pence", kPenceRange, true).value_or(0);
      b.RejectUnknownFields();
      t.bands.push_back(std::move(rule));
    });
    r.RejectUnknownFields();
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  if (auto problems = ValidateMembershipTerms(t); !problems.empty())
    return Fail(Error::InvalidArgument(std::move(problems)));
  return t;
}

void WriteMembershipRequestFields(JsonWriter& w, const MembershipRequest& r) {
  w.Field("id", r.id)
      .Field("organisation_id", r.organisation_id)
      .Field("kind", Name(r.kind))
      .Field("state", Name(r.state))
      .Field("staff", r.staff)
      .Field("turnover_pence", r.turnover_pence)
      .Field("size_band", Name(r.size_band))
      .Key("fee");
  WriteFeeQuote(w, r.fee);
  w.Field("requested_by", r.requested_by)
      .Field("requested_at", FormatTime(r.requested_at))
      .Key("decided_by");
  WriteOptionalString(w, r.decided_by.empty() ? std::nullopt : std::optional(r.decided_by));
  w.Key("decided_at");
  WriteOptionalString(w, r.decided_at ? std::optional(FormatTime(*r.decided_at)) : std::nullopt);
  w.Field("reason", r.reason).Field("version", r.version);
}

void WriteMembershipRequest(JsonWriter& w, const MembershipRequest& r) {
  w.BeginObject();
  WriteMembershipRequestFields(w, r);
  w.EndObject();
}

}  // namespace valuemark::formats
