// The certification routes (docs/api.md "Certification"): schemes and their
// new versions, rounds, applications from draft to award with their
// evidence and reviews, and the public certificates, register, verification
// and signing keys.
#include "http/api_certification.h"

#include <fmt/format.h>

#include <charconv>

#include "app/certification/application_view.h"
#include "app/certification/terms.h"
#include "app/signing.h"
#include "core/file_type.h"
#include "formats/application_json.h"
#include "formats/certificate_json.h"
#include "formats/key_set_json.h"
#include "formats/records_json.h"
#include "formats/scheme_json.h"
#include "http/errors.h"
#include "report/certificate_pdf.h"

namespace valuemark::http {
namespace {

// An application with what its pages need beside it (app/certification/application_view.h).
void WriteApplicationView(JsonWriter& w, const app::ApplicationView& view) {
  w.BeginObject();
  formats::WriteApplicationFields(w, view.application);
  if (const Scheme* s = view.scheme) {
    w.Field("scheme_name", s->name).Field("level_name", view.level_name);
    w.Key("missing_evidence").BeginArray();
    for (const std::string& id : view.missing_evidence) w.String(id);
    w.EndArray().Key("missing_sign_offs").BeginArray();
    for (MemberRole r : view.missing_sign_offs) w.String(Name(r));
    w.EndArray().Key("declarations").BeginArray();
    for (const auto& [role, text] : view.declarations)
      w.BeginObject().Field("role", Name(role)).Field("text", text).EndObject();
    w.EndArray().Field("pledges", view.pledges).Field("met_percent", view.met_percent);
    w.Field("pass_mark_percent", s->pass_mark_percent);
  }
  w.EndObject();
}

void WriteApplicationView(JsonWriter& w, const app::CertificationService& p, const Application& a) {
  WriteApplicationView(w, app::ViewApplication(p.schemes(), a));
}

void WriteEligibility(JsonWriter& w, const app::EligibilityReport& e) {
  w.BeginObject().Field("eligible", e.problems.empty()).Key("problems").BeginArray();
  for (const EligibilityProblem& p : e.problems)
    w.BeginObject().Field("code", p.code).Field("message", p.message).EndObject();
  w.EndArray().Field("complete", e.incomplete.empty()).Key("incomplete").BeginArray();
  for (const FieldError& f : e.incomplete)
    w.BeginObject().Field("field", f.path).Field("message", f.message).EndObject();
  w.EndArray().EndObject();
}

Result<int> ReadLevelQuery(const Request& request) {
  auto it = request.query.find("level");
  int level = 0;
  if (it == request.query.end())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "level",
                             "is required (a level number such as 1)"));
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), level);
  if (ec != std::errc() || end != it->second.data() + it->second.size() || level < 1)
    return Fail(
        Error::Field(ErrorCode::kInvalidArgument, "level",
                     fmt::format("must be a level number such as 1, got \"{}\"", it->second)));
  return level;
}

// Before review: evidence per criterion, the latest self-assessment with its
// readiness for this level, and the pledges when the level asks for some.
void WritePreAudit(JsonWriter& w, const app::PreAudit& pre) {
  int missing = 0;
  for (const auto& row : pre.criteria) missing += row.evidence_count == 0 ? 1 : 0;
  w.BeginObject().Key("criteria").BeginArray();
  for (const auto& row : pre.criteria)
    w.BeginObject()
        .Field("criterion_id", row.criterion_id)
        .Field("stage", row.stage)
        .Field("text", row.text)
        .Field("evidence_count", row.evidence_count)
        .Field("missing", row.evidence_count == 0)
        .EndObject();
  w.EndArray()
      .Field("criteria_total", static_cast<int64_t>(pre.criteria.size()))
      .Field("criteria_missing", missing)
      .Key("self_assessment");
  if (!pre.self_assessment) {
    w.Null();
  } else {
    const app::SelfAssessmentAttempt& a = *pre.self_assessment;
    w.BeginObject()
        .Field("id", a.id)
        .Field("submitted_at", formats::FormatTime(a.submitted_at))
        .Field("overall", a.result.overall)
        .Key("principles")
        .BeginArray();
    for (const SaPrincipleScore& s : a.result.principles)
      w.BeginObject()
          .Field("key", s.key)
          .Field("name", s.name)
          .Field("score", s.score)
          .Field("weak", s.weak)
          .EndObject();
    w.EndArray().EndObject();
  }
  w.Key("readiness");
  if (!pre.readiness) {
    w.Null();
  } else {
    w.BeginObject()
        .Field("name", pre.readiness->name)
        .Field("ready", pre.readiness->ready)
        .Field("reason", pre.readiness->reason)
        .EndObject();
  }
  w.Key("pledges");
  if (pre.min_pledges == 0) {
    w.Null();
  } else {
    w.BeginObject()
        .Field("required", pre.min_pledges)
        .Field("recorded", pre.pledges_recorded)
        .Field("referenced", pre.pledges_referenced)
        .EndObject();
  }
  w.Key("record_checks").BeginArray();
  for (const app::PreAudit::RecordCheck& c : pre.record_checks) {
    w.BeginObject()
        .Field("criterion_id", c.criterion_id)
        .Field("record_id", c.record_id)
        .Field("title", c.title)
        .Field("version", c.version)
        .Field("found", c.found)
        .Field("errors", c.errors)
        .Field("warnings", c.warnings)
        .Key("findings")
        .BeginArray();
    for (const Finding& f : c.findings)
      w.BeginObject()
          .Field("severity", SeverityName(f.severity))
          .Field("principle", f.principle)
          .Field("message", f.message)
          .EndObject();
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

Response ApplicationResponse(const app::CertificationService& p, const Result<Application>& a,
                             int status = 200) {
  if (!a) return ErrorResponse(a.error());
  JsonWriter w(0);
  WriteApplicationView(w, p, *a);
  return Json(w.Take(), status);
}

void SchemeListRoute(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  // Certification schemes (data/schemes), public: anyone may read what a level asks.
  add(Method::kGet, "/schemes",
      {"Certification schemes: levels, stages, criteria, fees", "certification", Auth::kPublic, "",
       "SchemeList"},
      [&p](Request& request) {
        return PagedList(request, p.schemes().all(),
                         [](JsonWriter& w, const Scheme* s) { formats::WriteSchemeApi(w, *s); });
      });
  add(Method::kGet, "/terms/{id}",
      {"A terms and conditions document, whole: what an applicant accepts (a scheme's \"terms\"; "
       "an application's \"terms_version\")",
       "certification", Auth::kPublic, "", "TermsDocument"},
      [](Request& request) {
        const app::TermsDocument* d = app::FindTerms(request.params["id"]);
        if (!d) return ErrorResponse(Error::Make(ErrorCode::kNotFound, "no such terms document"));
        JsonWriter w(0);
        w.BeginObject()
            .Field("id", d->id)
            .Field("title", d->title)
            .Field("text", d->text)
            .EndObject();
        return Json(w.Take());
      });
}

void ApplicationRoutes(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/me/tasks",
      {"What waits for the caller, oldest first: sign-offs, submissions, amendments, renewals, "
       "reviews, allocations and decisions, each with the page where it is done",
       "certification", Auth::kSession, "", "TaskList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.Tasks(c);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const app::Task& t) {
          w.BeginObject()
              .Field("kind", t.kind)
              .Field("title", t.title)
              .Field("detail", t.detail)
              .Field("link", t.link)
              .Field("organisation_name", t.organisation_name)
              .Field("since", formats::FormatTime(t.since))
              .Key("due");
          formats::WriteOptionalString(
              w, t.due.empty() ? std::nullopt : std::optional<std::string>(t.due));
          w.EndObject();
        });
      }));
  add(Method::kGet, "/organisations/{id}/applications",
      {"The organisation's certification applications", "certification", Auth::kSession, "",
       "ApplicationList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListApplications(c, request.params["id"]);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [&p](JsonWriter& w, const Application& a) {
          WriteApplicationView(w, p, a);
        });
      }));
  add(Method::kPost, "/organisations/{id}/applications",
      {"Start an application for one level of a scheme (Social Value Lead)", "certification",
       Auth::kSession, "ApplicationInput", "Application", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::ApplicationInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          static constexpr Range kLevelRange{1, 100, true, true};
          in.scheme_id = r.String("scheme_id", true).value_or("");
          in.level = r.Integer("level", kLevelRange, true).value_or(0);
          if (r.Has("scope_id") && !r.IsNull("scope_id")) in.scope_id = r.String("scope_id");
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.CreateApplication(c, request.params["id"], in), 201);
      }));
  add(Method::kGet, "/organisations/{id}/eligibility",
      {"Whether the organisation may apply for ?scheme_id=&level=, with every reason it may not",
       "certification", Auth::kSession, "", "Eligibility"},
      authed([&p](Request& request, const app::Caller& c) {
        auto level = ReadLevelQuery(request);
        if (!level) return ErrorResponse(level.error());
        auto report =
            p.CheckEligibility(c, request.params["id"], QueryText(request, "scheme_id"), *level);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        WriteEligibility(w, *report);
        return Json(w.Take());
      }));
  add(
      Method::kGet, "/applications",
      [] {
        RouteDoc doc{
            "The review queue: submitted applications (administrators: all; assessors: "
            "theirs); q finds a part of the organisation's name, state one state, round_id "
            "one round's",
            "certification", Auth::kSession, "", "QueueList"};
        doc.optional_query = {"q", "state", "round_id"};
        return doc;
      }(),
      authed([&p](Request& request, const app::Caller& c) {
        std::optional<ApplicationState> state;
        if (const std::string s = QueryText(request, "state"); !s.empty()) {
          auto parsed = ParseApplicationState(s);
          if (!parsed)
            return ErrorResponse(
                Error::Field(ErrorCode::kInvalidArgument, "state", parsed.error().message));
          state = *parsed;
        }
        auto list =
            p.ReviewQueue(c, QueryText(request, "q"), state, QueryText(request, "round_id"));
        if (!list) return ErrorResponse(list.error());
        return PagedList(
            request, std::move(*list), [&p](JsonWriter& w, const app::QueueItem& item) {
              w.BeginObject()
                  .Field("organisation_name", item.organisation_name)
                  .Key("assessor_name");
              formats::WriteOptionalString(w, item.assessor_name.empty()
                                                  ? std::nullopt
                                                  : std::optional<std::string>(item.assessor_name));
              w.Key("application");
              WriteApplicationView(w, p, item.application);
              w.EndObject();
            });
      }));
  add(Method::kGet, "/applications/{id}",
      {"An application", "certification", Auth::kSession, "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(p, p.GetApplication(c, request.params["id"]));
      }));
  add(Method::kGet, "/applications/{id}/eligibility",
      {"Eligibility and completeness of an application, every reason named", "certification",
       Auth::kSession, "", "Eligibility"},
      authed([&p](Request& request, const app::Caller& c) {
        auto report = p.ApplicationEligibility(c, request.params["id"]);
        if (!report) return ErrorResponse(report.error());
        JsonWriter w(0);
        WriteEligibility(w, *report);
        return Json(w.Take());
      }));
  add(Method::kGet, "/applications/{id}/records",
      {"The organisation's records of one kind (?record_kind=) that can be given as evidence",
       "certification", Auth::kSession, "", "EvidenceRecords"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list =
            p.ListEvidenceRecords(c, request.params["id"], QueryText(request, "record_kind"));
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const app::RecordOption& o) {
          w.BeginObject().Field("id", o.id).Field("title", o.title).EndObject();
        });
      }));
  add(Method::kGet, "/applications/{id}/pre-audit",
      {"Before review: evidence per criterion, the latest self-assessment with readiness for this "
       "level, pledges",
       "certification", Auth::kSession, "", "PreAudit"},
      authed([&p](Request& request, const app::Caller& c) {
        auto pre = p.GetPreAudit(c, request.params["id"]);
        if (!pre) return ErrorResponse(pre.error());
        JsonWriter w(0);
        WritePreAudit(w, *pre);
        return Json(w.Take());
      }));
  add(Method::kGet, "/applications/{id}/fee",
      {"The fee for this level, with VAT", "certification", Auth::kSession, "", "FeeQuote"},
      authed([&p](Request& request, const app::Caller& c) {
        auto quote = p.QuoteApplicationFee(c, request.params["id"]);
        if (!quote) return ErrorResponse(quote.error());
        JsonWriter w(0);
        formats::WriteFeeQuote(w, *quote);
        return Json(w.Take());
      }));
}

void EvidenceRoutes(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  app::RateLimits& limits = routes.limits;
  add(Method::kPost, "/applications/{id}/terms",
      {"Accept the terms and conditions of application (Social Value Lead)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(p, p.AcceptTerms(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/evidence",
      {"Add evidence to a criterion: a link or a platform record; voids sign-offs", "certification",
       Auth::kSession, "EvidenceInput", "Application", 201},
      authed([&p](Request& request, const app::Caller& c) {
        app::EvidenceInput in;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.criterion_id = r.String("criterion_id", true).value_or("");
          in.kind = r.String("kind", true).value_or("");
          in.title = r.String("title").value_or("");  // a record's own title when left out
          in.url = r.String("url").value_or("");
          in.record_kind = r.String("record_kind").value_or("");
          in.record_id = r.String("record_id").value_or("");
          in.note = r.String("note").value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.AddEvidence(c, request.params["id"], in), 201);
      }));
  add(
      Method::kPost, "/applications/{id}/evidence/file",
      [] {
        RouteDoc doc{
            "Upload a file as evidence (the file is the body; ?criterion_id=&title=); at most 20 "
            "MB, "
            "accepted by content: PDF, images, office documents, CSV",
            "certification",
            Auth::kSession,
            "",
            "Application",
            201};
        doc.max_body_bytes = kMaxEvidenceFileBytes;
        doc.body_type = "*/*";  // read by its content, whatever its Content-Type says
        doc.required_query = {"criterion_id", "title"};
        return doc;
      }(),
      authed(
          RateLimited(limits, app::Limited::kUpload, [&p](Request& request, const app::Caller& c) {
            return ApplicationResponse(
                p,
                p.UploadEvidenceFile(c, request.params["id"], QueryText(request, "criterion_id"),
                                     QueryText(request, "title"), request.body),
                201);
          })));
  add(
      Method::kGet, "/applications/{id}/evidence/{evidence_id}/file",
      [] {
        RouteDoc doc{"Download an evidence file", "certification", Auth::kSession, "", ""};
        doc.file_types = {"*/*"};  // as uploaded
        return doc;
      }(),
      authed([&p](Request& request, const app::Caller& c) {
        auto file = p.GetEvidenceFile(c, request.params["id"], request.params["evidence_id"]);
        if (!file) return ErrorResponse(file.error());
        auto type = DetectFileType(file->content);
        Response r;
        r.content_type = file->media_type;
        r.headers.emplace_back(
            "Content-Disposition",
            fmt::format("attachment; filename=\"evidence-{}.{}\"", request.params["evidence_id"],
                        type ? type->extension : "bin"));
        r.body = std::move(file->content);
        return r;
      }));
  add(Method::kDelete, "/applications/{id}/evidence/{evidence_id}",
      {"Remove evidence; voids sign-offs", "certification", Auth::kSession, "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(
            p, p.RemoveEvidence(c, request.params["id"], request.params["evidence_id"]));
      }));
}

void ReviewRoutes(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kPost, "/applications/{id}/sign-off",
      {"Sign off the evidence as it stands, making the application's declaration (named Lead or "
       "Senior Leader): the caller's password again",
       "certification", Auth::kSession, "SignOffInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string password;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { password = r.String("password", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.SignOff(c, request.params["id"], password));
      }));
  add(Method::kPost, "/applications/{id}/submit",
      {"Submit into the open round, or queue for the next (Social Value Lead)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(p, p.Submit(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/assessor",
      {"Allocate an assessor (administrator); refused on a conflict of interest", "certification",
       Auth::kSession, "AssessorInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string assessor_id;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          assessor_id = r.String("assessor_id", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.AllocateAssessor(c, request.params["id"], assessor_id));
      }));
  add(Method::kPut, "/applications/{id}/reviews/{criterion_id}",
      {"The allocated assessor's verdict on one criterion, with feedback", "certification",
       Auth::kSession, "VerdictInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        app::VerdictInput in;
        in.criterion_id = request.params["criterion_id"];
        auto body = ReadBody(request, [&](ObjectReader& r) {
          in.verdict = r.String("verdict", true).value_or("");
          in.feedback = r.String("feedback").value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.RecordVerdict(c, request.params["id"], in));
      }));
  add(Method::kPost, "/applications/{id}/amendments",
      {"Send the application back for amendments (allocated assessor)", "certification",
       Auth::kSession, "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(p, p.RequestAmendments(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/recommendation",
      {"Recommend the award in principle, or rejection with reasons (allocated assessor)",
       "certification", Auth::kSession, "SummaryInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string summary;
        bool rejection = false;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          summary = r.String("summary", true).value_or("");
          const std::string outcome = r.String("outcome").value_or("award");
          if (outcome != "award" && outcome != "rejection")
            r.Report(formats::Child(r.path(), "outcome"),
                     "must be \"award\" or \"rejection\", got \"" + outcome + "\"");
          rejection = outcome == "rejection";
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.Recommend(c, request.params["id"], summary, rejection));
      }));
  add(Method::kPost, "/applications/{id}/award",
      {"Confirm the award (administrator, for the scheme owner)", "certification", Auth::kSession,
       "", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        return ApplicationResponse(p, p.Award(c, request.params["id"]));
      }));
  add(Method::kPost, "/applications/{id}/rejection",
      {"Reject the application with reasons (administrator)", "certification", Auth::kSession,
       "ReasonInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string reason;
        auto body = ReadBody(
            request, [&](ObjectReader& r) { reason = r.String("reason", true).value_or(""); });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.Reject(c, request.params["id"], reason));
      }));
}

// "status", "status_reason", "status_since" of a certificate (null reason and
// time unless suspended or revoked).
void WriteStatusFields(JsonWriter& w, const app::CertificateStatusView& s, const char* prefix) {
  const std::string p = prefix;
  w.Field(p.empty() ? "status" : p, Name(s.status)).Key(p.empty() ? "reason" : p + "_reason");
  if (s.since)
    w.String(s.reason);
  else
    w.Null();
  w.Key(p.empty() ? "since" : p + "_since");
  if (s.since)
    w.String(formats::FormatTime(*s.since));
  else
    w.Null();
}

Response CertificateStatusResponse(const std::string& id,
                                   const Result<app::CertificateStatusView>& s) {
  if (!s) return ErrorResponse(s.error());
  JsonWriter w(0);
  w.BeginObject().Field("certificate_id", id);
  WriteStatusFields(w, *s, "");
  w.Field("summary", s->summary).EndObject();
  return Json(w.Take());
}

void CertificateStandingRoutes(const Routes& routes, app::CertificateService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/certificates/revocations",
      {"The signed list of suspended and revoked certificates (what `valuemark verify --online` "
       "checks), signed when served",
       "certificates", Auth::kPublic, "", "RevocationList"},
      [&p](Request&) {
        auto list = p.RevocationList();
        if (!list) return ErrorResponse(list.error());
        return Json(std::move(*list));
      });
  add(Method::kGet, "/certificates/{id}/status",
      {"A certificate's status now: current, expired, suspended or revoked, with the reason",
       "certificates", Auth::kPublic, "", "CertificateStatus"},
      [&p](Request& request) {
        const std::string id = request.params["id"];
        return CertificateStatusResponse(id, p.Status(id));
      });
  struct Change {
    const char* path;
    const char* summary;
    CertificateStanding to;
  };
  for (const Change& change :
       {Change{"/certificates/{id}/suspend",
               "Suspend a current certificate with a reason; reversible (administrator)",
               CertificateStanding::kSuspended},
        Change{"/certificates/{id}/reinstate",
               "Reinstate a suspended certificate, saying why (administrator)",
               CertificateStanding::kActive},
        Change{"/certificates/{id}/revoke",
               "Revoke a certificate with a reason; final (administrator)",
               CertificateStanding::kRevoked}}) {
    const CertificateStanding to = change.to;
    add(Method::kPost, change.path,
        {change.summary, "certificates", Auth::kSession, "ReasonInput", "CertificateStatus"},
        authed([&p, to](Request& request, const app::Caller& c) {
          std::string reason;
          auto body = ReadBody(
              request, [&](ObjectReader& r) { reason = r.String("reason", true).value_or(""); });
          if (!body) return ErrorResponse(body.error());
          const std::string id = request.params["id"];
          return CertificateStatusResponse(id, p.ChangeStanding(c, id, to, reason));
        }));
  }
}

void CertificateRoutes(const Routes& routes, app::CertificateService& p) {
  const AddRoute& add = routes.add;
  // Before /certificates/{id}, which would take "revocations" for an id.
  CertificateStandingRoutes(routes, p);
  // Certificates, the register and verification: public, no session.
  add(Method::kGet, "/certificates/{id}",
      {"The signed certificate document (the bytes `valuemark verify` checks); "
       "/certificates/{id}.pdf is the "
       "certificate as a PDF with a QR code to its verification page",
       "certificates",
       Auth::kPublic,
       "",
       "SignedCertificate",
       200,
       0,
       "",
       {},
       {"application/pdf"}},
      [&p](Request& request) {
        std::string id = request.params["id"];
        const bool pdf = id.ends_with(".pdf");
        if (pdf) id.resize(id.size() - 4);
        auto c = p.GetCertificate(id);
        if (!c) return ErrorResponse(c.error());
        if (!pdf) return Json(c->document);
        auto bytes = report::CertificatePdf(c->certificate);
        if (!bytes) return ErrorResponse(bytes.error());
        Response r;
        r.content_type = "application/pdf";
        r.headers.emplace_back("Content-Disposition",
                               fmt::format("inline; filename=\"certificate-{}.pdf\"", id));
        r.body = std::move(*bytes);
        return r;
      });
  add(Method::kGet, "/verify/{code}",
      {"Verify a certificate by its code", "certificates", Auth::kPublic, "", "Verification"},
      [&p](Request& request) {
        auto v = p.VerifyCode(request.params["code"]);
        if (!v) return ErrorResponse(v.error());
        JsonWriter w(0);
        w.BeginObject().Field("valid", v->valid).Key("certificate");
        if (v->certificate) {
          w.BeginObject();
          formats::WriteCertificateFields(w, *v->certificate);
          w.EndObject();
          WriteStatusFields(w, v->status, "status");
          w.Field("signature_valid", v->signature_valid);
        } else {
          w.Null()
              .Key("status")
              .Null()
              .Key("status_reason")
              .Null()
              .Key("status_since")
              .Null()
              .Field("signature_valid", false);
        }
        w.Field("reason", v->reason).EndObject();
        return Json(w.Take());
      });
  add(Method::kGet, "/register",
      {"Current awards; ?name= ?scheme_id= ?level= ?area= narrow the list", "certificates",
       Auth::kPublic, "", "RegisterList"},
      [&p](Request& request) {
        app::RegisterQuery q;
        q.name = QueryText(request, "name");
        q.scheme_id = QueryText(request, "scheme_id");
        q.area = QueryText(request, "area");
        if (!QueryText(request, "level").empty()) {
          auto level = ReadLevelQuery(request);
          if (!level) return ErrorResponse(level.error());
          q.level = *level;
        }
        auto list = p.Register(q);
        if (!list) return ErrorResponse(list.error());
        return PagedList(request, std::move(*list), [](JsonWriter& w, const app::RegisterEntry& e) {
          w.BeginObject();
          formats::WriteCertificateFields(w, e.certificate);
          WriteStatusFields(w, e.status, "status");
          w.EndObject();
        });
      });
  add(Method::kGet, "/keys/certificates",
      {"The public keys that sign certificates and audit checkpoints, current and retired",
       "certificates", Auth::kPublic, "", "PublicKeys"},
      [&p](Request&) {
        auto keys = p.PublicKeys();
        if (!keys) return ErrorResponse(keys.error());
        return Json(formats::KeySetJson(app::PublishedKeysOf(*keys), 0));
      });
}

Result<app::RoundInput> ReadRoundInput(const Request& request) {
  app::RoundInput in;
  TRY(ReadBody(request, [&](ObjectReader& r) {
    in.name = r.String("name", true).value_or("");
    in.opens_on = r.String("opens_on", true).value_or("");
    in.closes_on = r.String("closes_on", true).value_or("");
  }));
  return in;
}

void RoundAndSchemeRoutes(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/rounds",
      {"Certification rounds", "certification", Auth::kSession, "", "RoundList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto list = p.ListRounds(c);
        if (!list) return ErrorResponse(list.error());
        auto counts = p.RoundApplicationCounts(c);
        if (!counts) return ErrorResponse(counts.error());
        const bool staff = Allowed(c.user.platform_role, PlatformAction::kReviewQueue);
        return PagedList(request, std::move(*list), [&](JsonWriter& w, const Round& r) {
          // A round's fields, and for staff how many applications it holds.
          w.BeginObject();
          formats::WriteRoundFields(w, r);
          w.Key("applications");
          if (staff) {
            auto it = counts->find(r.id);
            w.Int(it == counts->end() ? 0 : it->second);
          } else {
            w.Null();
          }
          w.EndObject();
        });
      }));
  add(Method::kPost, "/rounds",
      {"Open a round: dates inclusive, no overlap (administrator)", "certification", Auth::kSession,
       "RoundInput", "Round", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadRoundInput(request);
        if (!in) return ErrorResponse(in.error());
        auto round = p.CreateRound(c, *in);
        if (!round) return ErrorResponse(round.error());
        return Json(One(&formats::WriteRound, *round), 201);
      }));
  add(Method::kPatch, "/rounds/{id}",
      {"Change a round's name and dates while no application has joined it (administrator)",
       "certification", Auth::kSession, "RoundInput", "Round"},
      authed([&p](Request& request, const app::Caller& c) {
        auto in = ReadRoundInput(request);
        if (!in) return ErrorResponse(in.error());
        auto round = p.UpdateRound(c, request.params["id"], *in);
        if (!round) return ErrorResponse(round.error());
        return Json(One(&formats::WriteRound, *round));
      }));
  add(Method::kDelete, "/rounds/{id}",
      {"Cancel a round no application has joined (administrator)", "certification", Auth::kSession,
       "", "", 204},
      authed([&p](Request& request, const app::Caller& c) {
        auto done = p.CancelRound(c, request.params["id"]);
        if (!done) return ErrorResponse(done.error());
        return NoContent();
      }));

  add(Method::kPost, "/schemes",
      {"Publish a new scheme version (administrator): the body is the scheme file (data/schemes "
       "format)",
       "certification", Auth::kSession, "SchemeFile", "Scheme", 201},
      authed([&p](Request& request, const app::Caller& c) {
        auto scheme = p.PublishScheme(c, request.body);
        if (!scheme) return ErrorResponse(scheme.error());
        JsonWriter w(0);
        formats::WriteSchemeApi(w, **scheme);
        return Json(w.Take(), 201);
      }));
}

// One criterion's change of evidence, with the titles added and taken away.
void WriteCriterionDiff(JsonWriter& w, const CriterionDiff& d) {
  w.BeginObject()
      .Field("criterion_id", d.criterion_id)
      .Field("change", Name(d.change))
      .Key("added")
      .BeginArray();
  for (const std::string& t : d.added) w.String(t);
  w.EndArray().Key("removed").BeginArray();
  for (const std::string& t : d.removed) w.String(t);
  w.EndArray().EndObject();
}

// Between the assessor and the organisation: what changed, the conversation
// about each criterion, and the milestones.
void ConversationRoutes(const Routes& routes, app::CertificationService& p) {
  const AddRoute& add = routes.add;
  const WrapAuthed& authed = routes.authed;
  add(Method::kGet, "/applications/{id}/changes",
      {"A renewal: per criterion, whether the evidence changed since the award it renews",
       "certification", Auth::kSession, "", "Changes"},
      authed([&p](Request& request, const app::Caller& c) {
        auto changes = p.ChangesSinceAward(c, request.params["id"]);
        if (!changes) return ErrorResponse(changes.error());
        return PagedList(request, std::move(*changes), WriteCriterionDiff);
      }));
  add(Method::kGet, "/applications/{id}/amendments",
      {"A resubmission: per criterion, the evidence added and taken away since the assessor asked "
       "for amendments (empty before any request)",
       "certification", Auth::kSession, "", "Changes"},
      authed([&p](Request& request, const app::Caller& c) {
        auto changes = p.ChangesSinceReview(c, request.params["id"]);
        if (!changes) return ErrorResponse(changes.error());
        return PagedList(request, std::move(*changes), WriteCriterionDiff);
      }));
  add(Method::kPost, "/applications/{id}/messages",
      {"A message about one criterion, between the allocated assessor and the organisation's Lead "
       "and Senior Leader; the other side is emailed",
       "certification", Auth::kSession, "MessageInput", "Application"},
      authed([&p](Request& request, const app::Caller& c) {
        std::string criterion_id, text;
        auto body = ReadBody(request, [&](ObjectReader& r) {
          criterion_id = r.String("criterion_id", true).value_or("");
          text = r.String("body", true).value_or("");
        });
        if (!body) return ErrorResponse(body.error());
        return ApplicationResponse(p, p.WriteMessage(c, request.params["id"], criterion_id, text));
      }));
  add(Method::kGet, "/applications/{id}/timeline",
      {"The application's milestones, oldest first, from its audit trail", "certification",
       Auth::kSession, "", "TimelineList"},
      authed([&p](Request& request, const app::Caller& c) {
        auto events = p.Timeline(c, request.params["id"]);
        if (!events) return ErrorResponse(events.error());
        return PagedList(
            request, std::move(*events), [](JsonWriter& w, const app::TimelineEvent& e) {
              w.BeginObject()
                  .Field("kind", e.kind)
                  .Field("title", e.title)
                  .Field("at", formats::FormatTime(e.at))
                  .Key("by");
              formats::WriteOptionalString(w, e.by.empty() ? std::nullopt : std::optional(e.by));
              w.EndObject();
            });
      }));
}

}  // namespace

void RegisterCertificationRoutes(const Routes& routes, app::CertificationService& certification,
                                 app::CertificateService& certificates) {
  SchemeListRoute(routes, certification);
  ApplicationRoutes(routes, certification);
  EvidenceRoutes(routes, certification);
  ReviewRoutes(routes, certification);
  ConversationRoutes(routes, certification);
  CertificateRoutes(routes, certificates);
  RoundAndSchemeRoutes(routes, certification);
}

}  // namespace valuemark::http
