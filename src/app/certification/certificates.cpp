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
#include "app/validate.h"
#include "core/access.h"
#include "formats/certificate_json.h"
#include "formats/json_writer.h"

namespace valuemark::app {
namespace {}  // namespace

Result<SigningKey> CurrentSigningKey(Transaction& tx, UnixTime now) {
  if (auto current = TRY(tx.FindCurrentSigningKey())) return std::move(*current);
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

namespace {

std::string StatusSentence(const CertificateStatusView& v, const Certificate& c) {
  const std::string on = v.since ? " on " + ReadableDate(CivilFromDays(DayOf(*v.since))) : "";
  const std::string& reason = v.reason;
  switch (v.status) {
    case CertificateStatus::kCurrent:
      return "a current certificate, signed by the scheme; valid until " +
             ReadableDate(c.expires_on);
    case CertificateStatus::kExpired:
      return "the certificate expired on " + ReadableDate(c.expires_on);
    case CertificateStatus::kSuspended:
      return "the certifying body suspended this certificate" + on + ": " + reason;
    case CertificateStatus::kRevoked:
      return "the certifying body revoked this certificate" + on + ": " + reason;
  }
  return "";
}

}  // namespace

CertificateStatusView StatusViewOf(const StoredCertificate& s, Days today) {
  CertificateStatusView v;
  v.status = StatusOn(s.certificate, s.standing, today);
  if (s.standing != CertificateStanding::kActive) {
    v.reason = s.standing_reason;
    v.since = s.standing_since;
  }
  v.summary = StatusSentence(v, s.certificate);
  return v;
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
    v.status = StatusViewOf(*found, DayOf(Now()));
    v.valid = v.signature_valid && v.status.status == CertificateStatus::kCurrent;
    v.reason = !v.signature_valid ? "the stored certificate's signature does not verify"
                                  : v.status.summary;
    return {};
  }));
  return v;
}

Result<std::vector<RegisterEntry>> CertificateService::Register(const RegisterQuery& q) {
  std::vector<RegisterEntry> out;
  const Days today = DayOf(Now());
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto list = TRY(tx.ListCertificatesInForce(FormatDay(today)));
    for (StoredCertificate& s : list) {
      const Certificate& c = s.certificate;
      // A revoked award is no longer held; a suspended one is listed as such.
      if (s.standing == CertificateStanding::kRevoked) continue;
      if (!ContainsIgnoringCase(c.organisation_name, q.name) ||
          !ContainsIgnoringCase(c.area, q.area))
        continue;
      if (!q.scheme_id.empty() && c.scheme_id != q.scheme_id) continue;
      if (q.level > 0 && c.level != q.level) continue;
      CertificateStatusView status = StatusViewOf(s, today);
      out.push_back({std::move(s.certificate), std::move(status)});
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
      if (s.standing == CertificateStanding::kRevoked) continue;  // nothing left to renew
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
                      c.scheme_name, c.level, c.level_name, c.organisation_name,
                      ReadableDate(c.expires_on), options_.public_url, c.organisation_id),
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

Result<CertificateStatusView> CertificateService::Status(const std::string& id) {
  auto stored = TRY(GetCertificate(id));
  return StatusViewOf(stored, DayOf(Now()));
}

Result<std::string> CertificateService::RevocationList() {
  formats::RevocationList list;
  list.issuer = "ValueMark certifying body, " + options_.public_url;
  list.issued_at = Now();
  std::optional<SigningKey> key;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto keys = TRY(tx.ListSigningKeys());
    for (SigningKey& k : keys)
      if (!k.retired_at && !key) key = std::move(k);
    auto withdrawn = TRY(tx.ListWithdrawnCertificates());
    for (const StoredCertificate& s : withdrawn)
      list.entries.push_back({s.certificate.id, s.certificate.verification_code, Name(s.standing),
                              s.standing_reason,
                              s.standing_since ? FormatDay(DayOf(*s.standing_since)) : ""});
    return {};
  }));
  // Signed by the current key, read with the list; a write only on a server
  // that never made one (serve makes it at start).
  if (!key) key = TRY(EnsureSigningKey());
  return SignRevocationList(list, *key);
}

std::string CertificateTitle(const Certificate& c) {
  return fmt::format("{} level {} ({})", c.scheme_name, c.level, c.level_name);
}

std::string StandingChangeJson(const Certificate& c, CertificateStanding from,
                               CertificateStanding to, const std::string& reason) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("from", Name(from))
      .Field("reason", reason)
      .Field("to", Name(to))
      .Field("verification_code", c.verification_code)
      .EndObject();
  return w.Take();
}

Result<CertificateStatusView> ChangeCertificateStanding(Transaction& tx,
                                                        const std::string& actor_id,
                                                        const std::string& id,
                                                        CertificateStanding to,
                                                        const std::string& reason, UnixTime now) {
  CertificateStatusView view;
  auto found = TRY(tx.FindCertificate(id));
  if (!found) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
  const Certificate& c = found->certificate;
  const Days today = DayOf(now);
  if (auto member = TRY(tx.FindMember(c.organisation_id, actor_id)); member)
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            fmt::format("conflict of interest: you are a member of {}, so "
                                        "another administrator must decide on its certificate",
                                        c.organisation_name)));
  TRY(CheckStandingChange(c, found->standing, to, today));
  const CertificateStanding from = found->standing;
  StoredCertificate changed = *found;
  changed.standing = to;
  changed.standing_reason = reason;
  changed.standing_since = now;
  changed.standing_by = actor_id;
  if (auto set = tx.SetCertificateStanding(id, from, changed); !set) {
    if (set.error().code == ErrorCode::kNotFound)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "someone else changed this certificate meanwhile: reload it"));
    return Fail(set.error());
  }
  const char* verb = to == CertificateStanding::kSuspended ? "suspend"
                     : to == CertificateStanding::kRevoked ? "revoke"
                                                           : "reinstate";
  TRY(AppendAuditEvent(tx,
                       {actor_id, fmt::format("certificate.{}", verb), "certificate", c.id,
                        c.organisation_id, StandingChangeJson(c, from, to, reason)},
                       now));
  auto org = TRY(tx.FindOrganisation(c.organisation_id));
  view = StatusViewOf(changed, today);
  if (org) {
    const std::string title = CertificateTitle(c);
    const std::string subject =
        to == CertificateStanding::kSuspended ? fmt::format("ValueMark: {} suspended", title)
        : to == CertificateStanding::kRevoked ? fmt::format("ValueMark: {} revoked", title)
                                              : fmt::format("ValueMark: {} reinstated", title);
    const std::string body =
        to == CertificateStanding::kActive
            ? fmt::format(
                  "The certifying body reinstated the {} of {}. It is current again "
                  "until {}, and its verification page says so: {}{}",
                  title, OneLine(c.organisation_name), ReadableDate(c.expires_on), c.verify_url,
                  "\n\nReason:\n" + reason)
            : fmt::format(
                  "The certifying body {} the {} of {}. Its verification page and the "
                  "public register now say so: {}\n\nReason:\n{}{}",
                  to == CertificateStanding::kSuspended ? "suspended" : "revoked", title,
                  OneLine(c.organisation_name), c.verify_url, reason,
                  to == CertificateStanding::kSuspended
                      ? "\n\nA suspension can be lifted; reply to the certifying body "
                        "with what you have done about it."
                      : "\n\nA revocation is final.");
    TRY(NotifyRepresentatives(tx, *org, subject, body, now));
  }
  return view;
}

Result<CertificateStatusView> CertificateService::ChangeStanding(const Caller& caller,
                                                                 const std::string& id,
                                                                 CertificateStanding to,
                                                                 const std::string& reason_in) {
  if (!Allowed(caller.user.platform_role, PlatformAction::kManageCertificates))
    return Fail(NotAllowed());
  // Every decision says why: the organisation reads it, and the audit keeps it.
  auto reason = TRY(CleanText("reason", reason_in, 1, 4000, Lines::kMulti));
  CertificateStatusView view;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    view = TRY(ChangeCertificateStanding(tx, caller.user.id, id, to, reason, Now()));
    return {};
  }));
  return view;
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
