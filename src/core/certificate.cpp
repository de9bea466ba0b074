#include "core/certificate.h"

#include "core/enum_names.h"

namespace valuemark {

Certificate CertificateFor(const Application& app, const Scheme& scheme, const Organisation& org,
                           const std::string& scope_name) {
  Certificate c;
  c.organisation_id = org.id;
  c.organisation_name = org.name;
  c.area = org.area;
  c.scope = scope_name.empty() ? "Whole organisation" : scope_name;
  c.scheme_id = scheme.id;
  c.scheme_name = scheme.name;
  c.scheme_version = scheme.version;
  c.level = app.level;
  c.level_name = scheme.Level(app.level) ? scheme.Level(app.level)->name : "";
  c.awarded_on = app.awarded_on;
  c.expires_on = app.expires_on;
  c.issuer = scheme.owner;
  c.application_id = app.id;
  return c;
}

namespace {

constexpr detail::NameTable<CertificateStanding, 3> kStandings = {{
    {"active", CertificateStanding::kActive},
    {"suspended", CertificateStanding::kSuspended},
    {"revoked", CertificateStanding::kRevoked},
}};

constexpr detail::NameTable<CertificateStatus, 4> kStatuses = {{
    {"current", CertificateStatus::kCurrent},
    {"expired", CertificateStatus::kExpired},
    {"suspended", CertificateStatus::kSuspended},
    {"revoked", CertificateStatus::kRevoked},
}};

}  // namespace

const char* Name(CertificateStanding s) { return detail::NameFrom(kStandings, s); }

Result<CertificateStanding> ParseCertificateStanding(const std::string& s) {
  return detail::ParseFrom(kStandings, s);
}

const char* Name(CertificateStatus s) { return detail::NameFrom(kStatuses, s); }

CertificateStatus StatusOn(const Certificate& c, CertificateStanding standing, Days today) {
  if (standing == CertificateStanding::kRevoked) return CertificateStatus::kRevoked;
  if (standing == CertificateStanding::kSuspended) return CertificateStatus::kSuspended;
  return StatusOn(c, today);
}

Result<void> CheckStandingChange(const Certificate& c, CertificateStanding from,
                                 CertificateStanding to, Days today) {
  auto refuse = [](std::string why) {
    return Fail(Error::Make(ErrorCode::kFailedPrecondition, std::move(why)));
  };
  if (from == CertificateStanding::kRevoked)
    return refuse("this certificate was revoked, which is final");
  switch (to) {
    case CertificateStanding::kSuspended:
      if (from == CertificateStanding::kSuspended)
        return refuse("this certificate is already suspended");
      if (StatusOn(c, today) == CertificateStatus::kExpired)
        return refuse("this certificate expired on " + ReadableDate(c.expires_on) +
                      ", so there is nothing to suspend; revoke it if it must be withdrawn");
      return {};
    case CertificateStanding::kActive:
      if (from != CertificateStanding::kSuspended)
        return refuse("only a suspended certificate can be reinstated; this one is in force");
      return {};
    case CertificateStanding::kRevoked:
      return {};
  }
  return refuse("unknown standing");
}

CertificateStatus StatusOn(const Certificate& c, Days today) {
  auto expiry = ParseDate(c.expires_on);
  return expiry && today < DaysFromCivil(*expiry) ? CertificateStatus::kCurrent
                                                  : CertificateStatus::kExpired;
}

int ReminderDue(const Certificate& c, Days today) {
  auto expiry = ParseDate(c.expires_on);
  if (!expiry) return 0;
  const Days left = DaysFromCivil(*expiry) - today;
  return left == 90 || left == 30 ? static_cast<int>(left) : 0;
}

std::string FormatVerificationCode(const unsigned char (&random)[12]) {
  static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // 31 characters
  std::string out = "VM";
  for (int i = 0; i < 12; ++i) {
    if (i % 4 == 0) out += '-';
    out += kAlphabet[random[i] % 31];
  }
  return out;
}

}  // namespace valuemark
