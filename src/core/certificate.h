// Certificates: what an award says, publicly (docs/api.md "Certificates"). The record is
// plain data; formats/certificate_json.h gives its canonical JSON form, which
// app/signing.h signs with Ed25519 so that anyone holding the published public
// key can check a certificate offline (`valuemark verify`).
#pragma once

#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/certification.h"

namespace valuemark {

struct Certificate {
  std::string id;
  std::string organisation_id;
  std::string organisation_name;
  std::string area;
  std::string scope;  // the scope's name, or "Whole organisation"
  std::string scheme_id;
  std::string scheme_name;
  int scheme_version = 0;
  int level = 0;
  std::string level_name;
  std::string awarded_on;  // YYYY-MM-DD
  std::string expires_on;  // YYYY-MM-DD: no longer valid from this day
  std::string issuer;      // the scheme owner
  std::string verification_code;
  std::string verify_url;
  std::string application_id;
};

// The certificate an awarded application earns. Valid from the award for the
// scheme's validity (SVMC guidance FAQ: "Accreditation is valid for two
// years"; SVQM overview: "for a period of 2 year").
Certificate CertificateFor(const Application& app, const Scheme& scheme, const Organisation& org,
                           const std::string& scope_name);

// What the certifying body decided about a certificate after issuing it:
// suspended with a reason (reversible: reinstated), or revoked with a reason
// (final). The signed document never changes; its standing is served beside
// it (the verification page, the register, the signed revocation list).
enum class CertificateStanding { kActive, kSuspended, kRevoked };
const char* Name(CertificateStanding s);  // "active", "suspended", "revoked"
Result<CertificateStanding> ParseCertificateStanding(const std::string& s);

enum class CertificateStatus { kCurrent, kExpired, kSuspended, kRevoked };
const char* Name(CertificateStatus s);  // "current", "expired", "suspended", "revoked"
// Lapses at expiry: current before expires_on, expired from that day.
CertificateStatus StatusOn(const Certificate& c, Days today);
// With the body's decision: revoked, then suspended, outrank the dates.
CertificateStatus StatusOn(const Certificate& c, CertificateStanding standing, Days today);

// Whether the standing may change from `from` to `to` on `today`: suspend a
// current certificate only, reinstate a suspended one, revoke any not yet
// revoked. FailedPrecondition in words otherwise.
Result<void> CheckStandingChange(const Certificate& c, CertificateStanding from,
                                 CertificateStanding to, Days today);

// Renewal reminders go out 90 and 30 days before expiry (issue: "renewal
// reminders at 90 and 30 days"); returns the reminder due today, if any
// (90 or 30), else 0.
int ReminderDue(const Certificate& c, Days today);

// Verification codes: 12 characters from an alphabet without look-alikes
// (no 0/O, 1/I/L), grouped "VM-XXXX-XXXX-XXXX". `random` supplies 12 bytes.
std::string FormatVerificationCode(const unsigned char (&random)[12]);

}  // namespace valuemark
