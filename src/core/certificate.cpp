#include "core/certificate.h"

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

const char* Name(CertificateStatus s) {
  return s == CertificateStatus::kCurrent ? "current" : "expired";
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
