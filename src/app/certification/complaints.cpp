#include "app/certification/complaints.h"

#include <fmt/format.h>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/certification/certification.h"
#include "app/crypto.h"
#include "app/outbox.h"
#include "app/validate.h"
#include "formats/json_writer.h"

namespace valuemark::app {
namespace {

// What the audit keeps of a complaint: its state and the words of each side,
// never the complainant's address.
std::string ComplaintJson(const Complaint& c) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("id", c.id)
      .Field("certificate_id", c.certificate_id)
      .Field("complainant", c.complainant_name)
      .Field("complaint", c.text)
      .Field("state", Name(c.state))
      .Field("respond_by", c.respond_by)
      .Field("response", c.response)
      .Field("action", Name(c.action))
      .Field("reasons", c.reasons)
      .EndObject();
  return w.Take();
}

// An email to the complainant, who has no account.
OutboxMessage Mail(std::string to, std::string subject, std::string body, UnixTime now) {
  OutboxMessage m;
  m.to = std::move(to);
  m.subject = std::move(subject);
  m.body = std::move(body);
  m.created_at = now;
  return m;
}

Error NoSuchComplaint() { return Error::Make(ErrorCode::kNotFound, "no such complaint"); }

std::string NameOf(Transaction& tx, const std::string& user_id) {
  if (user_id.empty()) return "";
  auto u = tx.FindUserById(user_id);
  return u && *u ? (*u)->name : "";
}

}  // namespace

Result<ComplaintView> ComplaintService::View(Transaction& tx, const Caller* caller, Complaint c) {
  ComplaintView v;
  auto org = TRY(tx.FindOrganisation(c.organisation_id));
  if (org) v.organisation_name = org->name;
  auto cert = TRY(tx.FindCertificate(c.certificate_id));
  if (cert) v.certificate_title = CertificateTitle(cert->certificate);
  v.responded_by_name = NameOf(tx, c.responded_by);
  v.decided_by_name = NameOf(tx, c.decided_by);
  if (caller != nullptr && caller->user.platform_role == PlatformRole::kAdministrator) {
    if (TRY(tx.FindMember(c.organisation_id, caller->user.id))) {
      v.cannot_decide = "You are a member of this organisation: another administrator decides.";
      c.complainant_email.clear();  // the complainant's address stays with the body
    } else if (auto may = CheckMayDecide(c, DayOf(Now())); !may) {
      v.cannot_decide = may.error().message;
    } else {
      v.may_decide = true;
    }
  }
  v.complaint = std::move(c);
  return v;
}

Result<ComplaintView> ComplaintService::File(const std::string& certificate_id,
                                             const ComplaintInput& input) {
  std::vector<FieldError> errors;
  auto name = CleanText("name", input.name, 1, 200);
  auto email = CleanEmail("email", input.email);
  auto text = CleanText("text", input.text, 10, kMaxComplaintLength, Lines::kMulti);
  for (const auto* r : {&name, &email, &text})
    if (!*r) errors.insert(errors.end(), r->error().fields.begin(), r->error().fields.end());
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  ComplaintView out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto cert = TRY(tx.FindCertificate(certificate_id));
    if (!cert) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
    const Certificate& c = cert->certificate;
    const CertificateStatusView status = StatusViewOf(*cert, DayOf(Now()));
    if (status.status != CertificateStatus::kCurrent &&
        status.status != CertificateStatus::kSuspended)
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("this certificate is {}: a complaint is about a certificate in force",
                      Name(status.status))));
    auto org = TRY(tx.FindOrganisation(c.organisation_id));
    if (!org) return Fail(Error::Make(ErrorCode::kNotFound, "no such certificate"));
    Complaint complaint;
    complaint.organisation_id = c.organisation_id;
    complaint.id = NewId();
    complaint.certificate_id = c.id;
    complaint.complainant_name = *name;
    complaint.complainant_email = *email;
    complaint.text = *text;
    complaint.received_at = Now();
    TRY(tx.InsertComplaint(complaint));
    TRY(AppendAuditEvent(tx,
                         {"", "complaint.receive", "complaint", complaint.id, c.organisation_id,
                          ComplaintJson(complaint)},
                         Now()));
    const std::string title = CertificateTitle(c);
    TRY(QueueEmail(tx, Mail(*email, fmt::format("ValueMark: your complaint about {}", org->name),
                            fmt::format("Hello {},\n\nThe certifying body received your complaint "
                                        "about the {} of {}. It asks the organisation to answer "
                                        "before deciding, and writes to you with the outcome.\n\n"
                                        "What you wrote:\n{}",
                                        *name, title, org->name, *text),
                            Now())));
    TRY(NotifyAdministrators(
        tx, *org, fmt::format("ValueMark: a complaint about {}", org->name),
        fmt::format("{} complained about the {} of {}. Investigate it: {}/staff/complaints", *name,
                    title, org->name, options_.public_url),
        Now()));
    out = TRY(View(tx, nullptr, std::move(complaint)));
    return {};
  }));
  return out;
}

Result<std::vector<ComplaintView>> ComplaintService::Open(const Caller& caller) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  std::vector<ComplaintView> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    for (Complaint& c : TRY(tx.ListOpenComplaints()))
      out.push_back(TRY(View(tx, &caller, std::move(c))));
    return {};
  }));
  return out;
}

Result<std::vector<ComplaintView>> ComplaintService::OfOrganisation(const Caller& caller,
                                                                    const std::string& org_id) {
  return ReadInOrganisation<std::vector<ComplaintView>>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) -> Result<std::vector<ComplaintView>> {
        std::vector<ComplaintView> out;
        for (Complaint& c : TRY(tx.ListComplaints(org_id))) {
          c.complainant_email.clear();  // for the certifying body alone
          out.push_back(TRY(View(tx, &caller, std::move(c))));
        }
        return out;
      });
}

Result<Complaint> ComplaintService::Staffed(Transaction& tx, const Caller& caller,
                                            const std::string& id) {
  if (caller.user.platform_role != PlatformRole::kAdministrator) return Fail(NotAllowed());
  auto found = TRY(tx.FindComplaint(id));
  if (!found) return Fail(NoSuchComplaint());
  if (TRY(tx.FindMember(found->organisation_id, caller.user.id)))
    return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                            "conflict of interest: you are a member of this organisation, so "
                            "another administrator investigates the complaint"));
  return *found;
}

Result<ComplaintView> ComplaintService::Ask(const Caller& caller, const std::string& id) {
  ComplaintView out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    const Complaint found = TRY(Staffed(tx, caller, id));
    Complaint asked = TRY(AskOrganisation(found, DayOf(Now()), Now()));
    TRY(tx.UpdateComplaint(asked));
    asked.version += 1;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "complaint.ask", "complaint", id, asked.organisation_id,
                          ComplaintJson(asked), ComplaintJson(found)},
                         Now()));
    auto org = TRY(tx.FindOrganisation(asked.organisation_id));
    if (org)
      TRY(NotifyRepresentatives(
          tx, *org, fmt::format("ValueMark: a complaint about {} to answer", org->name),
          fmt::format("The certifying body received a complaint about {} and asks you to answer "
                      "it by {}, before it decides anything.\n\nThe complaint:\n{}\n\nAnswer it "
                      "on the organisation's page: {}/organisations/{}#complaints",
                      org->name, ReadableDate(asked.respond_by), asked.text, options_.public_url,
                      org->id),
          Now()));
    out = TRY(View(tx, &caller, std::move(asked)));
    return {};
  }));
  return out;
}

Result<ComplaintView> ComplaintService::Respond(const Caller& caller, const std::string& org_id,
                                                const std::string& id,
                                                const std::string& response_in) {
  auto response = TRY(CleanText("response", response_in, 1, kMaxComplaintLength, Lines::kMulti));
  ComplaintView out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    auto found = TRY(tx.FindComplaint(id));
    if (!found || found->organisation_id != org_id) return Fail(NoSuchComplaint());
    Complaint answered = TRY(RecordResponse(*found, response, caller.user.id, Now()));
    TRY(tx.UpdateComplaint(answered));
    answered.version += 1;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "complaint.respond", "complaint", id, org_id,
                          ComplaintJson(answered), ComplaintJson(*found)},
                         Now()));
    auto org = TRY(tx.FindOrganisation(org_id));
    if (org)
      TRY(NotifyAdministrators(
          tx, *org, fmt::format("ValueMark: {} answered a complaint", org->name),
          fmt::format("{} answered the complaint about it. Decide it: {}/staff/complaints",
                      org->name, options_.public_url),
          Now()));
    answered.complainant_email.clear();
    out = TRY(View(tx, &caller, std::move(answered)));
    return {};
  }));
  return out;
}

Result<ComplaintView> ComplaintService::Decide(const Caller& caller, const std::string& id,
                                               const ComplaintDecision& decision) {
  auto reasons = TRY(CleanText("reasons", decision.reasons, 1, kMaxComplaintLength, Lines::kMulti));
  if (!decision.uphold && decision.action != ComplaintAction::kNone)
    return Fail(InvalidField("action", "a dismissed complaint changes nothing: leave it at none"));
  ComplaintView out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    const Complaint found = TRY(Staffed(tx, caller, id));
    if (decision.version != 0 && decision.version != found.version)
      return Fail(Error::Field(ErrorCode::kFailedPrecondition, "version",
                               "someone else changed this complaint first: reload it"));
    TRY(CheckMayDecide(found, DayOf(Now())));
    Complaint decided = found;
    decided.state = decision.uphold ? ComplaintState::kUpheld : ComplaintState::kDismissed;
    decided.action = decision.action;
    decided.reasons = reasons;
    decided.decided_by = caller.user.id;
    decided.decided_at = Now();
    TRY(tx.UpdateComplaint(decided));
    decided.version += 1;
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, decision.uphold ? "complaint.uphold" : "complaint.dismiss", "complaint",
         id, decided.organisation_id, ComplaintJson(decided), ComplaintJson(found)},
        Now()));
    // The certificate follows in the same step, or nothing is decided.
    if (decision.action != ComplaintAction::kNone)
      TRY(ChangeCertificateStanding(tx, caller.user.id, decided.certificate_id,
                                    decision.action == ComplaintAction::kSuspend
                                        ? CertificateStanding::kSuspended
                                        : CertificateStanding::kRevoked,
                                    "Complaint upheld: " + reasons, Now()));
    auto org = TRY(tx.FindOrganisation(decided.organisation_id));
    const std::string org_name = org ? org->name : "the organisation";
    const char* outcome = decision.uphold ? "upheld" : "dismissed";
    const std::string consequence =
        decision.action == ComplaintAction::kSuspend  ? " Its certificate is suspended."
        : decision.action == ComplaintAction::kRevoke ? " Its certificate is revoked."
                                                      : "";
    TRY(QueueEmail(
        tx, Mail(decided.complainant_email,
                 fmt::format("ValueMark: your complaint about {} is {}", org_name, outcome),
                 fmt::format("Hello {},\n\nThe certifying body {} your complaint about "
                             "{}.{}\n\nIts reasons:\n{}",
                             decided.complainant_name, outcome, org_name, consequence, reasons),
                 Now())));
    if (org)
      TRY(NotifyRepresentatives(
          tx, *org, fmt::format("ValueMark: the complaint about {} is {}", org_name, outcome),
          fmt::format("The certifying body {} the complaint about {}.{}\n\nIts reasons:\n{}\n"
                      "{}/organisations/{}#complaints",
                      outcome, org_name, consequence, reasons, options_.public_url, org->id),
          Now()));
    out = TRY(View(tx, &caller, std::move(decided)));
    return {};
  }));
  return out;
}

}  // namespace valuemark::app
