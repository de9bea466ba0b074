// Certificates: issued on award, served as signed documents, verified by
// code, listed in the public register (docs/api.md "Certificates").
#include "app/certification/certificates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "app/audit/chain.h"
#include "app/certification/certification.h"
#include "app/crypto.h"
#include "app/signing.h"
#include "formats/certificate_json.h"
#include "formats/json_writer.h"

namespace valuemark::app {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return needle.empty() || Lower(haystack).find(Lower(needle)) != std::string::npos;
}

}  // namespace

Result<SigningKey> CurrentSigningKey(Transaction& tx, UnixTime now) {
  auto keys = TRY(tx.ListSigningKeys());
  for (SigningKey& k : keys)
    if (!k.retired_at) return std::move(k);
  auto key = TRY(NewSigningKey(now));
  TRY(tx.InsertSigningKey(key));
  if (auto a = AppendAuditEvent(
          tx,
          {"", "signing_key.create", "signing_key", key.id, "",
           fmt::format(R"({{"id":"{}","public_key":"{}"}})", key.id, key.public_key)},
          now);
      !a)
    return Fail(a.error());
  return key;
}

Result<SigningKey> RotateSigningKey(Transaction& tx, UnixTime now) {
  auto keys = TRY(tx.ListSigningKeys());
  auto key = TRY(NewSigningKey(now));
  std::vector<std::string> retired;
  for (const SigningKey& k : keys) {
    if (k.retired_at) continue;
    TRY(tx.RetireSigningKey(k.id, now));
    retired.push_back(k.id);
  }
  TRY(tx.InsertSigningKey(key));
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("id", key.id)
      .Field("public_key", key.public_key)
      .Field("retired", retired)
      .EndObject();
  // Its checkpoint is the first thing the new key signs.
  if (auto a = AppendAuditEvent(tx, {"", "signing_key.rotate", "signing_key", key.id, "", w.Take()},
                                now);
      !a)
    return Fail(a.error());
  return key;
}

Result<StoredCertificate> IssueCertificate(Transaction& tx, const Application& app,
                                           const Scheme& scheme, const Organisation& org,
                                           const std::string& public_url, UnixTime now) {
  std::string scope_name;
  if (app.scope_id) {
    auto scope = TRY(tx.FindScope(org.id, *app.scope_id));
    if (scope) scope_name = scope->name;
  }
  auto key = TRY(CurrentSigningKey(tx, now));
  StoredCertificate stored;
  Certificate& c = stored.certificate;
  c = CertificateFor(app, scheme, org, scope_name);
  c.id = NewId();
  c.verification_code = NewVerificationCode();
  c.verify_url = public_url + "/verify/" + c.verification_code;
  stored.document = TRY(SignCertificate(c, key));
  TRY(tx.InsertCertificate(stored));
  return stored;
}

Result<SigningKey> CertificateService::EnsureSigningKey() {
  SigningKey key;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    key = TRY(CurrentSigningKey(tx, Now()));
    return {};
  }));
  return key;
}

Result<StoredCertificate> CertificateService::GetCertificate(const std::string& id) {
  std::optional<StoredCertificate> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    out = TRY(tx.FindCertificate(id));
    return {};
  }));
  if (!out) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
  return std::move(*out);
}

Result<Verification> CertificateService::VerifyCode(const std::string& code) {
  Verification v;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindCertificateByCode(code));
    if (!found) {
      v.reason = "no certificate has this verification code";
      return {};
    }
    auto keys = TRY(tx.ListSigningKeys());
    v.certificate = found->certificate;
    // Any key this server has published, current or retired, may have signed it.
    auto check = CheckCertificateDocument(found->document, PublishedKeysOf(keys));
    v.signature_valid = check && check->valid;
    v.status = StatusOn(*v.certificate, DayOf(Now()));
    v.valid = v.signature_valid && v.status == CertificateStatus::kCurrent;
    v.reason = !v.signature_valid ? "the stored certificate's signature does not verify"
               : v.valid          ? "a current certificate, signed by the scheme"
                                  : "the certificate expired on " + v.certificate->expires_on;
    return {};
  }));
  return v;
}

Result<std::vector<Certificate>> CertificateService::Register(const RegisterQuery& q) {
  std::vector<Certificate> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto list = TRY(tx.ListCertificatesInForce(FormatDay(DayOf(Now()))));
    for (StoredCertificate& s : list) {
      const Certificate& c = s.certificate;
      if (!Contains(c.organisation_name, q.name) || !Contains(c.area, q.area)) continue;
      if (!q.scheme_id.empty() && c.scheme_id != q.scheme_id) continue;
      if (q.level > 0 && c.level != q.level) continue;
      out.push_back(std::move(s.certificate));
    }
    return {};
  }));
  return out;
}

Result<int> CertificateService::SendRenewalReminders() {
  int sent = 0;
  const Days today = DayOf(Now());
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto list = TRY(tx.ListCertificatesInForce(FormatDay(today)));
    for (const StoredCertificate& s : list) {
      const Certificate& c = s.certificate;
      const int days = ReminderDue(c, today);
      if (days == 0) continue;
      // Once per certificate and reminder, however often this runs.
      const std::string action = fmt::format("certificate.remind_{}", days);
      auto history = TRY(tx.ListAuditForEntity("certificate", c.id));
      if (std::any_of(history.begin(), history.end(),
                      [&](const AuditEntry& e) { return e.action == action; }))
        continue;
      auto org = TRY(tx.FindOrganisation(c.organisation_id));
      if (!org) continue;
      TRY(NotifyRepresentatives(
          tx, *org,
          fmt::format("ValueMark: {} level {} expires in {} days", c.scheme_name, c.level, days),
          fmt::format("The {} level {} ({}) of {} expires on {}. Start the renewal application "
                      "in time: "
                      "{}/organisations/{}/certification",
                      c.scheme_name, c.level, c.level_name, c.organisation_name, c.expires_on,
                      options_.public_url, c.organisation_id),
          Now()));
      TRY(AppendAuditEvent(
          tx,
          {"", action, "certificate", c.id, c.organisation_id, formats::CanonicalCertificate(c)},
          Now()));
      ++sent;
    }
    return {};
  }));
  return sent;
}

Result<std::vector<SigningKey>> CertificateService::PublicKeys() {
  std::vector<SigningKey> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto keys = TRY(tx.ListSigningKeys());
    for (SigningKey& k : keys) {
      k.secret_key.clear();  // never leaves this function
      out.push_back(std::move(k));
    }
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
