// Who may call what, for every route of the router's own table (docs/api.md
// "Who may do what", core/access.h): each route has a row naming its caller.
// For every row: a signed-out request gets 401 where sign-in is needed, a
// user of another organisation gets 403 or 404 and changes nothing, and the
// named caller succeeds. A route added without its row fails the test.
#include <deque>

#include "api_examples.h"
#include "api_fixture.h"
#include "formats/records_json.h"
#include "http/api_helpers.h"

namespace valuemark::http {
namespace {

// Who may call a route (core/access.h).
enum class Who {
  kAnyone,        // no sign-in: the public pages, sign-up and sign-in
  kSignedIn,      // any signed-in user, of any organisation or none
  kSelf,          // the signed-in user, about their own account or invitation
  kMember,        // any member of the organisation (OrgAction::kRead, kContribute, kCollectData)
  kLead,          // the Social Value Lead (OrgAction::kEdit; ApplicationAction::kDraft)
  kLeadOrSenior,  // the Lead or the Senior Leader (OrgAction::kDecide)
  kSignatory,     // the named Lead or Senior Leader (ApplicationAction::kSignOff)
  kAssessor,      // an assessor (PlatformAction::kReviewQueue)
  kAllocatedAssessor,  // the assessor allocated to the application (ApplicationAction::kReview)
  kAdministrator,      // the scheme administrator (PlatformAction, ApplicationAction::kAdminister)
};

const char* Name(Who who) {
  switch (who) {
    case Who::kAnyone:
      return "anyone";
    case Who::kSignedIn:
      return "any signed-in user";
    case Who::kSelf:
      return "the user themselves";
    case Who::kMember:
      return "a member";
    case Who::kLead:
      return "the Lead";
    case Who::kLeadOrSenior:
      return "the Lead or Senior Leader";
    case Who::kSignatory:
      return "a named signatory";
    case Who::kAssessor:
      return "an assessor";
    case Who::kAllocatedAssessor:
      return "the allocated assessor";
    case Who::kAdministrator:
      return "an administrator";
  }
  return "";
}

// One request to a route, made afresh for its row (so that the named caller
// finds the state the route needs).
struct Attempt {
  std::string path;  // under /api/v1, with its query
  std::string body = "";
  std::string content_type = "";  // "" : application/json when there is a body
  const Session* as = nullptr;    // the named caller, when not the row's usual one
  std::map<std::string, std::string> headers = {};
};

struct Row {
  std::string route;  // "POST /api/v1/organisations/{id}/scopes", as the router names it
  Who who;
  std::function<Attempt()> attempt;
};

std::string RouteName(const Route& r) {
  return std::string(MethodName(r.method)) + " " + r.pattern;
}

// The routes of `router` that have no row, and the rows that name no route.
std::vector<std::string> Unmatched(const Router& router, const std::vector<Row>& rows) {
  std::set<std::string> routes, named;
  for (const Route& r : router.routes()) routes.insert(RouteName(r));
  for (const Row& row : rows) named.insert(row.route);
  std::vector<std::string> out;
  for (const std::string& r : routes)
    if (!named.contains(r)) out.push_back("no row for the route " + r);
  for (const std::string& r : named)
    if (!routes.contains(r)) out.push_back("a row for no route: " + r);
  return out;
}

class RouteTableTest : public ApiTest {
 protected:
  // The people and records every row may use.
  void MakeWorld() {
    c_ = MakeCertifiable();
    outsider_ = SignUp("outsider@example.org", "Outsider");
    CreateOrganisation(outsider_, "Elsewhere");
    base_ = "/organisations/" + c_.org;
    scope_ = Id(Post(base_ + "/scopes", c_.lead, {{"kind", "project"}, {"name", "Planned"}}));
    map_ = Id(Call(Method::kPost, "/api/v1" + base_ + "/impact-maps",
                   ReadSource("examples/lunch-club.json"), &c_.lead));
    pledge_ =
        Id(Post(base_ + "/pledges", c_.lead,
                {{"title", "T"}, {"owner_user_id", c_.member.user_id}, {"due_date", Day(60)}}));
    const json survey = Body(Post(base_ + "/surveys", c_.lead, json::parse(kSurvey)));
    survey_ = survey["id"];
    token_ = survey["token"];
    for (int i = 0; i < 3; ++i) response_ = Id(Answer(fmt::format("world-{}", i)));
    // An application of the organisation in review by the assessor.
    app_ = SignedOffApplication(c_);
    EXPECT_EQ(Post("/applications/" + app_ + "/submit", c_.lead).status, 200);
    EXPECT_EQ(Post("/applications/" + app_ + "/assessor", c_.admin,
                   {{"assessor_id", c_.assessor.user_id}})
                  .status,
              200);
    // An award's certificate (SVQM Pledges needs no assessor), and its renewal.
    Fresh holder = FreshOrganisation();
    const std::string pledges = Application(holder, "svqm", 1);
    EXPECT_EQ(Post("/applications/" + pledges + "/terms", *holder.lead).status, 200);
    EvidenceForAll(*holder.lead, pledges);
    EXPECT_EQ(Post("/applications/" + pledges + "/sign-off", *holder.lead, kSignature).status, 200);
    EXPECT_EQ(Post("/applications/" + pledges + "/sign-off", *holder.senior, kSignature).status,
              200);
    EXPECT_EQ(Post("/applications/" + pledges + "/submit", *holder.lead).status, 200);
    const json awarded = Body(Post("/applications/" + pledges + "/award", c_.admin));
    certificate_ = awarded.value("certificate_id", "");
    const json doc = Body(Call(Method::kGet, "/api/v1/certificates/" + certificate_));
    code_ = doc["certificate"]["verification_code"];
    renewal_ = Application(holder, "svqm", 1);
    renewal_lead_ = holder.lead;
  }

  std::string Id(const Response& r) {
    EXPECT_EQ(r.status / 100, 2) << r.body;
    return Body(r).value("id", "");
  }
  // A public survey response, with its own idempotency key.
  Response Answer(const std::string& key) {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/s/" + token_ + "/responses";
    r.body = R"({"answers": {"score": 4, "lonely": {"before": 2, "now": 6}}})";
    r.headers = {{"content-type", "application/json"}, {"idempotency-key", key}};
    return api_->Handle(r);
  }
  // A signed-in account of its own, kept alive for the rest of the test.
  const Session* Someone(bool confirmed = true) {
    const std::string email = fmt::format("someone{}@example.org", ++n_);
    sessions_.push_back(confirmed ? SignUp(email) : SignUpUnconfirmed(email));
    return &sessions_.back();
  }
  // Another organisation ready to apply (the membership, both representatives
  // named; the round is open): one application at a time each.
  struct Fresh {
    std::string org;
    const Session* lead;
    const Session* senior;
  };
  Fresh FreshOrganisation() {
    Fresh f;
    f.lead = Someone();
    f.org = CreateOrganisation(*f.lead, fmt::format("Applicant {}", n_));
    sessions_.push_back(
        Join(*f.lead, f.org, fmt::format("senior{}@example.org", ++n_), "senior_leader"));
    f.senior = &sessions_.back();
    const std::string base = "/api/v1/organisations/" + f.org;
    EXPECT_EQ(
        Call(Method::kPut, base + "/representatives",
             json{{"lead_user_id", f.lead->user_id}, {"senior_leader_user_id", f.senior->user_id}}
                 .dump(),
             f.lead)
            .status,
        200);
    const int64_t version = Body(Call(Method::kGet, base, "", f.lead))["version"];
    EXPECT_EQ(
        Call(Method::kPatch, base,
             json{{"version", version},
                  {"membership", {{"status", "active"}, {"start", Day(-30)}, {"expiry", Day(365)}}}}
                 .dump(),
             &c_.admin)
            .status,
        200);
    return f;
  }
  // A fresh organisation's rejected application: its id, and its lead.
  std::pair<std::string, const Session*> Rejected() {
    auto [f, id] = ApplicationAt(Stage::kSubmitted);
    EXPECT_EQ(
        Post("/applications/" + id + "/rejection", c_.admin, {{"reason", "Not enough"}}).status,
        200);
    return {id, f.lead};
  }
  // A fresh organisation's suspended certificate (SVQM Pledges needs no
  // assessor): its id, and its lead.
  std::pair<std::string, const Session*> Suspended() {
    Fresh f = FreshOrganisation();
    const std::string id = Application(f, "svqm", 1);
    const std::string app = "/applications/" + id;
    EXPECT_EQ(Post(app + "/terms", *f.lead).status, 200);
    EvidenceForAll(*f.lead, id);
    EXPECT_EQ(Post(app + "/sign-off", *f.lead, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/sign-off", *f.senior, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/submit", *f.lead).status, 200);
    const std::string certificate =
        Body(Post(app + "/award", c_.admin)).value("certificate_id", "");
    EXPECT_EQ(Post("/certificates/" + certificate + "/suspend", c_.admin, {{"reason", "Complaint"}})
                  .status,
              200);
    return {certificate, f.lead};
  }
  // An administrator who took part in no decision.
  const Session* Panel() {
    sessions_.push_back(
        Staff(fmt::format("panel{}@example.org", ++n_), PlatformRole::kAdministrator));
    return &sessions_.back();
  }
  // A new organisation's pending membership request: its path, and its lead.
  std::pair<std::string, const Session*> MembershipRequested() {
    const Session* lead = Someone();
    const std::string joining = CreateOrganisation(*lead, fmt::format("Joining {}", n_));
    const std::string path = "/organisations/" + joining + "/membership/requests";
    const std::string id = Id(Post(path, *lead, {{"staff", 4}, {"turnover_pence", 9000000}}));
    return {path + "/" + id, lead};
  }
  // A complaint about a fresh organisation's (suspended) certificate: its
  // path under the organisation, its id, and the organisation's lead; asked:
  // the organisation was asked to answer it.
  struct Complained {
    std::string org_path, id;
    const Session* lead;
  };
  Complained Complaint(bool asked) {
    auto [certificate, lead] = Suspended();
    const json doc = Body(Call(Method::kGet, "/api/v1/certificates/" + certificate));
    const std::string org = doc["certificate"]["organisation_id"];
    const std::string id =
        Body(Call(Method::kPost, "/api/v1/certificates/" + certificate + "/complaints",
                  json{{"name", "A Neighbour"},
                       {"email", "neighbour@example.org"},
                       {"text", "They promised and did not deliver."}}
                      .dump()))["id"];
    if (asked) {
      EXPECT_EQ(Post("/complaints/" + id + "/ask", c_.admin).status, 200);
    }
    return {"/organisations/" + org + "/complaints/" + id, id, lead};
  }
  // A new organisation's membership, approved: the path of its invoice, and its lead.
  std::pair<std::string, const Session*> Invoiced() {
    auto [request, lead] = MembershipRequested();
    const std::string org = request.substr(0, request.find("/membership"));
    Post(request + "/decision", c_.admin, {{"decision", "approve"}});
    const json invoices = Body(Call(Method::kGet, "/api/v1" + org + "/invoices", "", lead));
    return {org + "/invoices/" + invoices["items"][0]["id"].get<std::string>(), lead};
  }
  std::string Application(const Fresh& f, const std::string& scheme = "svmc", int level = 1) {
    return Id(Post("/organisations/" + f.org + "/applications", *f.lead,
                   {{"scheme_id", scheme}, {"level", level}}));
  }
  enum class Stage {
    kDraft,
    kEvidenced,
    kSubmitted,
    kInReview,
    kAmendmentNeeded,
    kAllMet,
    kRecommended
  };
  // A fresh organisation's SVMC level 1 application at `stage`.
  std::pair<Fresh, std::string> ApplicationAt(Stage stage) {
    Fresh f = FreshOrganisation();
    const std::string id = Application(f);
    const std::string app = "/applications/" + id;
    if (stage == Stage::kDraft) return {f, id};
    EXPECT_EQ(Post(app + "/terms", *f.lead).status, 200);
    EvidenceForAll(*f.lead, id);
    if (stage == Stage::kEvidenced) return {f, id};
    EXPECT_EQ(Post(app + "/sign-off", *f.lead, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/sign-off", *f.senior, kSignature).status, 200);
    EXPECT_EQ(Post(app + "/submit", *f.lead).status, 200);
    if (stage == Stage::kSubmitted) return {f, id};
    EXPECT_EQ(Post(app + "/assessor", c_.admin, {{"assessor_id", c_.assessor.user_id}}).status,
              200);
    if (stage == Stage::kInReview) return {f, id};
    const json view = Body(Call(Method::kGet, "/api/v1" + app, "", &c_.assessor));
    bool first = true;
    for (const json& e : view["evidence"]) {
      const json verdict = first && stage == Stage::kAmendmentNeeded
                               ? json{{"verdict", "amendment_needed"}, {"feedback", "More"}}
                               : json{{"verdict", "met"}};
      first = false;
      EXPECT_EQ(
          Call(Method::kPut, "/api/v1" + app + "/reviews/" + e["criterion_id"].get<std::string>(),
               verdict.dump(), &c_.assessor)
              .status,
          200);
    }
    if (stage != Stage::kRecommended) return {f, id};
    EXPECT_EQ(Post(app + "/recommendation", c_.assessor, {{"summary", "Met"}}).status, 200);
    return {f, id};
  }
  static constexpr char kLm3Body[] =
      R"({"name": "Cafe", "income": 1000, "spend": [{"category": "wages", "amount": 500,
          "local_fraction": 0.5, "respend_local_fraction": 0.2}]})";
  // A fresh LM3 calculation of the world's organisation, saved by its lead.
  std::string SavedLm3() {
    return Body(Call(Method::kPost, "/api/v1" + base_ + "/lm3", kLm3Body, &c_.lead))["id"];
  }
  // A fresh survey of the world's organisation, made by its lead, in `status`
  // (draft, published or closed), for the routes that change a survey's life.
  std::string FreshSurvey(const std::string& status) {
    json body = json::parse(kSurvey);
    body["status"] = status == "closed" ? "published" : status;
    const std::string id = Body(Post(base_ + "/surveys", c_.lead, body))["id"];
    if (status == "closed") {
      EXPECT_EQ(Post("/surveys/" + id + "/close", c_.lead).status, 200);
    }
    return id;
  }
  // The latest version's body of the world's map, ready to save again.
  std::string LatestMap() {
    return Call(Method::kGet, "/api/v1/impact-maps/" + map_, "", &c_.lead).body;
  }
  std::string FreshInvitation(const std::string& email = "") {
    const std::string to = email.empty() ? fmt::format("invited{}@example.org", ++n_) : email;
    return Body(
        Post(base_ + "/invitations", c_.lead, {{"email", to}, {"role", "member"}}))["accept_url"];
  }
  // The newest emailed link's token of `subject` to `email`.
  std::string EmailedToken(const std::string& email, const std::string& subject) {
    std::string token;
    EXPECT_TRUE(store_
                    ->Read([&](app::Transaction& tx) -> Result<void> {
                      auto messages = tx.ListMessagesTo(email, 50);
                      if (!messages) return Fail(messages.error());
                      for (const app::OutboxMessage& m : *messages) {
                        const size_t at = m.body.find("token=");
                        if (m.subject != subject || at == std::string::npos) continue;
                        token = m.body.substr(at + 6, m.body.find_first_of(" \n", at) - at - 6);
                        break;
                      }
                      return {};
                    })
                    .has_value());
    return token;
  }

  std::vector<Row> Rows();
  const Session* Usual(Who who) {
    switch (who) {
      case Who::kAnyone:
        return nullptr;
      case Who::kSignedIn:
        return &outsider_;
      case Who::kSelf:
        return Someone();
      case Who::kMember:
        return &c_.member;
      case Who::kLead:
        return &c_.lead;
      case Who::kLeadOrSenior:
        return &c_.senior;
      case Who::kSignatory:
        return &c_.lead;
      case Who::kAssessor:
        return &c_.assessor;
      case Who::kAllocatedAssessor:
        return &c_.assessor;
      case Who::kAdministrator:
        return &c_.admin;
    }
    return nullptr;
  }
  Response Send(Method method, const Attempt& a, const Session* as) {
    Request r = MakeRequest(method, "/api/v1" + a.path, a.body, as);
    if (!a.content_type.empty()) r.headers["content-type"] = a.content_type;
    for (const auto& [k, v] : a.headers) r.headers[k] = v;
    return api_->Handle(r);
  }

  // A time for a preparation call the administrator offered, a minute ahead.
  std::string OfferedCall(const std::string& scheme = "svmc") {
    const json offer = {
        {"starts_at", formats::FormatTime(now_ + 60)}, {"minutes", 30}, {"scheme_id", scheme}};
    return Body(Call(Method::kPost, "/api/v1/preparation-calls", offer.dump(), &c_.admin))["id"];
  }
  // One booked by the organisation (its Lead), and begun.
  // Each row books for its own scheme: an organisation books one call per scheme at a time.
  std::string BookedCall(bool begun, const std::string& scheme) {
    const std::string id = OfferedCall(scheme);
    EXPECT_EQ(
        Call(Method::kPost, "/api/v1" + base_ + "/preparation-calls/" + id + "/book", "", &c_.lead)
            .status,
        200);
    if (begun) now_ += 120;  // the call has begun (sessions stay signed in)
    return id;
  }

  // A need of the organisation, posted by its Lead (the same one each time).
  std::string NeedOf() {
    if (!need_.empty()) return need_;
    const json made =
        Body(Call(Method::kPost, "/api/v1" + base_ + "/needs", kNeed.dump(), &c_.lead));
    return need_ = made["id"].get<std::string>();
  }
  // A fresh match of the organisation's need with a new entry the broker
  // added, moved by the administrator (as the broker) to `stage`.
  std::string MatchAt(const std::string& stage) {
    json entry = kEntry;
    entry["name"] = fmt::format("Candidate {}", ++n_);
    const std::string entry_id =
        Body(Call(Method::kPost, "/api/v1/broker/directory", entry.dump(), &c_.admin))["id"];
    const std::string id =
        Body(Call(Method::kPost, "/api/v1/broker/needs/" + NeedOf() + "/shortlist",
                  json{{"entry_id", entry_id}}.dump(), &c_.admin))["id"];
    const std::vector<std::string> path = {"proposed", "introduced", "agreed"};
    for (const std::string& next : path) {
      if (stage == "shortlisted") break;
      EXPECT_EQ(Call(Method::kPost, "/api/v1/matches/" + id + "/stage",
                     json{{"stage", next}, {"answered_for", "By email"}}.dump(), &c_.admin)
                    .status,
                200);
      if (next == stage) break;
    }
    return id;
  }
  inline static const json kNeed = {{"title", "Meals for older people"},
                                    {"outcomes", "More older people eat a hot meal each day."},
                                    {"themes", {"food"}},
                                    {"areas", {"wales"}}};

  // A listed entry the broker added (the same one each time).
  // The organisation's engagement with the assessor as its consultant, for a
  // scheme (one active engagement per scheme).
  std::string EngagementFor(const std::string& scheme) {
    auto& id = engagements_[scheme];
    if (!id.empty()) return id;
    const json made = Body(Call(
        Method::kPost, "/api/v1" + base_ + "/engagements",
        json{{"scheme_id", scheme}, {"consultant_id", c_.assessor.user_id}}.dump(), &c_.admin));
    return id = made["id"].get<std::string>();
  }
  std::map<std::string, std::string> engagements_;

  // A fresh entry of a support register, made by the administrator.
  std::string SupportEntry(const std::string& register_path, const json& body) {
    return Body(Call(Method::kPost, "/api/v1" + register_path, body.dump(), &c_.admin))["id"];
  }
  inline static const json kPractitioner = {{"name", "Ann Jones"},
                                            {"level", 2},
                                            {"areas", {"wales"}},
                                            {"awarded_on", "2026-01-10"},
                                            {"expires_on", "2029-01-09"}};
  inline static const json kConsultant = {{"name", "Bridge Consulting"},
                                          {"summary", "Policies and action plans"},
                                          {"email", "hello@bridge.example"},
                                          {"areas", {"wales"}},
                                          {"languages", {"en"}}};
  inline static const json kResource = {{"title", "A webinar"},
                                        {"kind", "webinar"},
                                        {"summary", "A recorded hour on stakeholders"},
                                        {"link", "https://example.org/webinar"}};
  static std::string Versioned(json body) {
    body["version"] = 1;
    return body.dump();
  }

  std::string BrokerEntry() {
    if (!broker_entry_.empty()) return broker_entry_;
    json body = kEntry;
    body["name"] = "Bread Shed";
    const json made = Body(Call(Method::kPost, "/api/v1/broker/directory", body.dump(), &c_.admin));
    return broker_entry_ = made["id"].get<std::string>();
  }
  inline static const json kEntry = {
      {"name", "Riverside"}, {"summary", "A café that trains young people as cooks."},
      {"legal_form", "cic"}, {"size_band", "small"},
      {"areas", {"wales"}},  {"themes", {"food", "jobs_and_skills"}},
      {"listed", true}};

  static constexpr char kSurvey[] = R"({"title": "S",
    "outcomes": [{"id": "lonely", "name": "Less lonely", "population": 200}],
    "questions": [{"id": "score", "type": "scale", "text": "0-10"},
                  {"id": "lonely", "type": "before_now", "text": "Before and now", "outcome_id": "lonely"},
                  {"id": "note", "type": "text", "text": "Anything else?"}]})";

  Certifiable c_;
  Session outsider_;
  std::string base_, scope_, map_, pledge_, survey_, token_, response_, app_;
  std::string certificate_, code_, renewal_, broker_entry_, need_;
  const Session* renewal_lead_ = nullptr;
  std::deque<Session> sessions_;
  int n_ = 0;
};

std::vector<Row> RouteTableTest::Rows() {
  auto at = [](std::string path, std::string body = "") {
    return [path = std::move(path), body = std::move(body)] { return Attempt{path, body}; };
  };
  const std::string maps = "/impact-maps/{id}";
  auto on_map = [this](const std::string& tail) {
    return [this, tail] { return Attempt{"/impact-maps/" + map_ + tail}; };
  };
  auto org = [this](const std::string& tail, std::string body = "") {
    return [this, tail, body] { return Attempt{base_ + tail, body}; };
  };
  auto survey = [this](const std::string& tail, std::string body = "") {
    return [this, tail, body] { return Attempt{"/surveys/" + survey_ + tail, body}; };
  };
  auto application = [this](const std::string& tail) {
    return [this, tail] { return Attempt{"/applications/" + app_ + tail}; };
  };
  // An application at `stage` in a fresh organisation, asked by its Lead.
  auto staged = [this](Stage stage, std::string tail, json body = json(), bool as_lead = true) {
    return [this, stage, tail, body, as_lead] {
      auto [f, id] = ApplicationAt(stage);
      return Attempt{"/applications/" + id + tail, body.is_null() ? "" : body.dump(), "",
                     as_lead ? f.lead : nullptr};
    };
  };
  const std::string a = "/api/v1/applications/{id}";
  const std::string o = "/api/v1/organisations/{id}";
  const std::string s = "/api/v1/surveys/{id}";
  const std::string m = "/api/v1" + maps;
  return {
      // The service
      {"GET /api/v1/health", Who::kAnyone, at("/health")},
      {"GET /api/v1/openapi.json", Who::kAnyone, at("/openapi.json")},
      // Accounts
      {"POST /api/v1/auth/signup", Who::kAnyone,
       [this] {
         return Attempt{"/auth/signup", json{{"email", fmt::format("new{}@example.org", ++n_)},
                                             {"password", "correct horse battery"},
                                             {"name", "New"}}
                                            .dump()};
       }},
      {"POST /api/v1/auth/verify-email", Who::kAnyone,
       [this] {
         const std::string email = fmt::format("unconfirmed{}@example.org", ++n_);
         Call(Method::kPost, "/api/v1/auth/signup",
              json{{"email", email}, {"password", "correct horse battery"}, {"name", "U"}}.dump());
         return Attempt{"/auth/verify-email", json{{"token", VerificationToken(email)}}.dump()};
       }},
      {"POST /api/v1/auth/verify-email/resend", Who::kSelf,
       [this] {
         return Attempt{"/auth/verify-email/resend", "", "", Someone(false)};
       }},
      {"POST /api/v1/auth/login", Who::kAnyone,
       at("/auth/login",
          R"({"email": "outsider@example.org", "password": "correct horse battery"})")},
      {"POST /api/v1/auth/logout", Who::kSelf, at("/auth/logout")},
      {"POST /api/v1/auth/password-reset", Who::kAnyone,
       at("/auth/password-reset", R"({"email": "outsider@example.org"})")},
      {"POST /api/v1/auth/password-reset/confirm", Who::kAnyone,
       [this] {
         Someone();
         const std::string email = fmt::format("someone{}@example.org", n_);
         Call(Method::kPost, "/api/v1/auth/password-reset", json{{"email", email}}.dump());
         return Attempt{"/auth/password-reset/confirm",
                        json{{"token", EmailedToken(email, app::kPasswordResetSubject)},
                             {"password", "a brand new password"}}
                            .dump()};
       }},
      {"POST /api/v1/auth/password", Who::kSelf,
       at("/auth/password",
          R"({"current_password": "correct horse battery", "new_password": "a brand new password"})")},
      {"POST /api/v1/auth/sessions/end-others", Who::kSelf, at("/auth/sessions/end-others")},
      {"GET /api/v1/me", Who::kSignedIn, at("/me")},
      {"GET /api/v1/me/tasks", Who::kSignedIn, at("/me/tasks")},
      // Organisations, members, invitations, scopes
      {"GET /api/v1/organisations", Who::kSignedIn, at("/organisations")},
      {"POST /api/v1/organisations", Who::kSelf,
       at("/organisations",
          R"({"name": "Mine", "legal_structure": "charity", "sector": "health", "size_band": "small"})")},
      {"GET " + o, Who::kMember, org("")},
      {"PATCH " + o, Who::kLead,
       [this] {
         const int64_t version =
             Body(Call(Method::kGet, "/api/v1" + base_, "", &c_.lead))["version"];
         return Attempt{base_, json{{"version", version}, {"area", "York"}}.dump()};
       }},
      {"GET " + o + "/dashboard", Who::kMember, org("/dashboard")},
      {"GET " + o + "/members", Who::kMember, org("/members")},
      {"PATCH " + o + "/members/{user_id}", Who::kLead,
       [this] {
         return Attempt{base_ + "/members/" + c_.member.user_id, R"({"role": "member"})"};
       }},
      {"DELETE " + o + "/members/{user_id}", Who::kLead,
       [this] {
         sessions_.push_back(
             Join(c_.lead, c_.org, fmt::format("leaving{}@example.org", ++n_), "member"));
         return Attempt{base_ + "/members/" + sessions_.back().user_id};
       }},
      {"PUT " + o + "/representatives", Who::kLead,
       [this] {
         return Attempt{
             base_ + "/representatives",
             json{{"lead_user_id", c_.lead.user_id}, {"senior_leader_user_id", c_.senior.user_id}}
                 .dump()};
       }},
      {"GET " + o + "/invitations", Who::kLead, org("/invitations")},
      {"POST " + o + "/invitations", Who::kLead,
       [this] {
         return Attempt{
             base_ + "/invitations",
             json{{"email", fmt::format("asked{}@example.org", ++n_)}, {"role", "member"}}.dump()};
       }},
      {"DELETE " + o + "/invitations/{invitation_id}", Who::kLead,
       [this] {
         const json i = Body(
             Post(base_ + "/invitations", c_.lead,
                  {{"email", fmt::format("revoked{}@example.org", ++n_)}, {"role", "member"}}));
         return Attempt{base_ + "/invitations/" + i["invitation"]["id"].get<std::string>()};
       }},
      {"GET /api/v1/invitations/{token}", Who::kAnyone,
       [this] {
         const std::string url = FreshInvitation();
         return Attempt{"/invitations/" + url.substr(url.rfind('/') + 1)};
       }},
      {"POST /api/v1/invitations/{token}/accept", Who::kSelf,
       [this] {
         const std::string email = fmt::format("joining{}@example.org", ++n_);
         const std::string url = FreshInvitation(email);
         sessions_.push_back(SignUp(email));
         return Attempt{"/invitations/" + url.substr(url.rfind('/') + 1) + "/accept", "", "",
                        &sessions_.back()};
       }},
      {"GET " + o + "/scopes", Who::kMember, org("/scopes")},
      {"POST " + o + "/scopes", Who::kLead,
       org("/scopes", R"({"kind": "service", "name": "New"})")},
      {"GET " + o + "/scopes/{scope_id}", Who::kMember,
       [this] { return Attempt{base_ + "/scopes/" + scope_}; }},
      {"PATCH " + o + "/scopes/{scope_id}", Who::kLead,
       [this] {
         return Attempt{base_ + "/scopes/" + scope_, R"({"name": "Renamed"})"};
       }},
      {"DELETE " + o + "/scopes/{scope_id}", Who::kLead,
       [this] {
         return Attempt{
             base_ + "/scopes/" +
             Id(Post(base_ + "/scopes", c_.lead, {{"kind", "project"}, {"name", "Gone"}}))};
       }},
      {"GET /api/v1/users", Who::kAdministrator, at("/users")},
      {"PATCH /api/v1/users/{id}", Who::kAdministrator,
       [this] {
         return Attempt{"/users/" + Someone()->user_id, R"({"platform_role": "none"})"};
       }},
      {"POST /api/v1/users/{id}/deactivate", Who::kAdministrator,
       [this] { return Attempt{"/users/" + Someone()->user_id + "/deactivate"}; }},
      {"POST /api/v1/users/{id}/reactivate", Who::kAdministrator,
       [this] { return Attempt{"/users/" + Someone()->user_id + "/reactivate"}; }},
      // Audit and notifications
      {"GET /api/v1/notifications", Who::kSignedIn, at("/notifications")},
      {"POST /api/v1/notifications/read", Who::kSignedIn,
       at("/notifications/read", R"({"up_to": 0})")},
      {"GET /api/v1/outbox", Who::kAdministrator, at("/outbox")},
      {"GET /api/v1/audit/verify", Who::kAdministrator, at("/audit/verify")},
      {"GET /api/v1/audit/platform", Who::kAdministrator, at("/audit/platform")},
      {"GET " + o + "/history", Who::kMember, org("/history")},
      {"GET /api/v1/audit/{entity_type}/{entity_id}", Who::kMember,
       [this] { return Attempt{"/audit/organisation/" + c_.org}; }},
      // Surveys
      {"GET " + o + "/surveys", Who::kMember, org("/surveys")},
      {"POST " + o + "/surveys", Who::kMember, org("/surveys", kSurvey)},
      {"GET " + s, Who::kMember, survey("")},
      {"GET " + s + "/qr.svg", Who::kMember, survey("/qr.svg")},
      {"GET " + s + "/questions/{question_id}/answers", Who::kMember,
       survey("/questions/note/answers?q=a")},
      {"GET " + s + "/qr.png", Who::kMember, survey("/qr.png")},
      {"POST " + s + "/publish", Who::kMember,
       [this] { return Attempt{"/surveys/" + FreshSurvey("draft") + "/publish"}; }},
      {"POST " + s + "/close", Who::kMember,
       [this] { return Attempt{"/surveys/" + FreshSurvey("published") + "/close"}; }},
      {"POST " + s + "/reopen", Who::kMember,
       [this] { return Attempt{"/surveys/" + FreshSurvey("closed") + "/reopen"}; }},
      {"DELETE " + s, Who::kMember, [this] { return Attempt{"/surveys/" + FreshSurvey("draft")}; }},
      {"POST " + s + "/duplicate", Who::kMember, survey("/duplicate", "{}")},
      {"POST " + s + "/codes", Who::kMember,
       [this] {
         json design = json::parse(kSurvey);
         design["respondent_codes"] = "optional";
         const json made = Body(Post(base_ + "/surveys", c_.lead, design));
         return Attempt{"/surveys/" + made["id"].get<std::string>() + "/codes", R"({"count": 2})"};
       }},
      {"PUT " + s, Who::kMember,
       [this] {
         const json current = Body(Call(Method::kGet, "/api/v1/surveys/" + survey_, "", &c_.lead));
         json edit = json::parse(kSurvey);
         edit["title"] = "Renamed";
         edit["version"] = current["version"];
         return Attempt{"/surveys/" + survey_, edit.dump()};
       }},
      {"GET " + s + "/responses", Who::kMember, survey("/responses")},
      {"GET " + s + "/responses.csv", Who::kMember, survey("/responses.csv")},
      {"POST " + s + "/responses/import", Who::kMember,
       [this] {
         return Attempt{"/surveys/" + survey_ + "/responses/import", "score\r\n5\r\n", "text/csv"};
       }},
      {"PUT " + s + "/responses/{response_id}/exclusion", Who::kLead,
       [this] {
         return Attempt{"/surveys/" + survey_ + "/responses/" + response_ + "/exclusion",
                        R"({"reason": "a test"})"};
       }},
      {"DELETE " + s + "/responses/{response_id}/exclusion", Who::kLead,
       [this] {
         return Attempt{"/surveys/" + survey_ + "/responses/" + response_ + "/exclusion"};
       }},
      {"GET " + s + "/results", Who::kMember, survey("/results")},
      {"GET " + s + "/waves", Who::kMember,
       [this] {
         return Attempt{"/surveys/" + survey_ + "/waves?baseline=" + FreshSurvey("draft")};
       }},
      {"POST " + s + "/apply/preview", Who::kMember,
       [this] {
         return Attempt{
             "/surveys/" + survey_ + "/apply/preview",
             json{{"impact_map_id", map_}, {"outcomes", {{"lonely", "members-less-lonely"}}}}
                 .dump()};
       }},
      {"POST " + s + "/apply", Who::kMember,
       [this] {
         return Attempt{
             "/surveys/" + survey_ + "/apply",
             json{{"impact_map_id", map_}, {"outcomes", {{"lonely", "members-less-lonely"}}}}
                 .dump()};
       }},
      {"GET " + m + "/provenance", Who::kMember, on_map("/provenance")},
      {"GET /api/v1/s/{token}", Who::kAnyone, [this] { return Attempt{"/s/" + token_}; }},
      {"POST /api/v1/s/{token}/responses", Who::kAnyone,
       [this] {
         return Attempt{"/s/" + token_ + "/responses",
                        R"({"answers": {"score": 4}})",
                        "",
                        nullptr,
                        {{"idempotency-key", fmt::format("row-{}", ++n_)}}};
       }},
      // Certification
      {"GET /api/v1/schemes", Who::kAnyone, at("/schemes")},
      {"GET " + o + "/applications", Who::kMember, org("/applications")},
      {"POST " + o + "/applications", Who::kLead,
       [this] {
         Fresh f = FreshOrganisation();
         return Attempt{"/organisations/" + f.org + "/applications",
                        R"({"scheme_id": "svmc", "level": 1})", "", f.lead};
       }},
      {"GET " + o + "/eligibility", Who::kMember, org("/eligibility?scheme_id=svmc&level=1")},
      {"GET /api/v1/applications", Who::kAssessor, at("/applications")},
      {"GET " + a, Who::kMember, application("")},
      {"GET " + a + "/eligibility", Who::kMember, application("/eligibility")},
      {"GET " + a + "/changes", Who::kMember,
       [this] {
         return Attempt{"/applications/" + renewal_ + "/changes", "", "", renewal_lead_};
       }},
      {"GET " + a + "/amendments", Who::kMember, application("/amendments")},
      {"GET " + a + "/timeline", Who::kMember, application("/timeline")},
      {"POST " + a + "/messages", Who::kAllocatedAssessor,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kInReview);
         const json view = Body(Call(Method::kGet, "/api/v1/applications/" + id, "", &c_.assessor));
         return Attempt{"/applications/" + id + "/messages",
                        json{{"criterion_id", view["evidence"][0]["criterion_id"]},
                             {"body", "Which meeting approved this?"}}
                            .dump()};
       }},
      {"GET " + a + "/records", Who::kLead, application("/records?record_kind=pledge")},
      {"GET " + a + "/pre-audit", Who::kMember, application("/pre-audit")},
      {"GET " + a + "/fee", Who::kMember, application("/fee")},
      {"POST " + a + "/terms", Who::kLead, staged(Stage::kDraft, "/terms")},
      {"POST " + a + "/evidence", Who::kLead,
       staged(Stage::kDraft, "/evidence",
              {{"criterion_id", "svmc.1.plan.1"},
               {"kind", "link"},
               {"title", "P"},
               {"url", "https://example.org/p"}})},
      {"POST " + a + "/evidence/file", Who::kLead,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kDraft);
         return Attempt{
             "/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1&title=Policy",
             "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "application/pdf", f.lead};
       }},
      {"GET " + a + "/evidence/{evidence_id}/file", Who::kMember,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kDraft);
         Request upload = MakeRequest(
             Method::kPost,
             "/api/v1/applications/" + id + "/evidence/file?criterion_id=svmc.1.plan.1&title=F",
             "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", f.lead);
         upload.headers["content-type"] = "application/pdf";
         const json view = Body(api_->Handle(upload));
         return Attempt{"/applications/" + id + "/evidence/" +
                            view["evidence"][0]["id"].get<std::string>() + "/file",
                        "", "", f.senior};
       }},
      {"DELETE " + a + "/evidence/{evidence_id}", Who::kLead,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kEvidenced);
         const json view = Body(Call(Method::kGet, "/api/v1/applications/" + id, "", f.lead));
         return Attempt{
             "/applications/" + id + "/evidence/" + view["evidence"][0]["id"].get<std::string>(),
             "", "", f.lead};
       }},
      {"POST " + a + "/sign-off", Who::kSignatory,
       staged(Stage::kEvidenced, "/sign-off", kSignature)},
      {"POST " + a + "/submit", Who::kLead,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kEvidenced);
         EXPECT_EQ(Post("/applications/" + id + "/sign-off", *f.lead, kSignature).status, 200);
         EXPECT_EQ(Post("/applications/" + id + "/sign-off", *f.senior, kSignature).status, 200);
         return Attempt{"/applications/" + id + "/submit", "", "", f.lead};
       }},
      {"POST " + a + "/assessor", Who::kAdministrator,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kSubmitted);
         return Attempt{"/applications/" + id + "/assessor",
                        json{{"assessor_id", c_.assessor.user_id}}.dump()};
       }},
      {"PUT " + a + "/reviews/{criterion_id}", Who::kAllocatedAssessor,
       [this] {
         auto [f, id] = ApplicationAt(Stage::kInReview);
         const json view = Body(Call(Method::kGet, "/api/v1/applications/" + id, "", &c_.assessor));
         return Attempt{"/applications/" + id + "/reviews/" +
                            view["evidence"][0]["criterion_id"].get<std::string>(),
                        R"({"verdict": "met"})"};
       }},
      {"POST " + a + "/amendments", Who::kAllocatedAssessor,
       staged(Stage::kAmendmentNeeded, "/amendments", json(), false)},
      {"POST " + a + "/recommendation", Who::kAllocatedAssessor,
       staged(Stage::kAllMet, "/recommendation", {{"summary", "Met"}}, false)},
      {"POST " + a + "/award", Who::kAdministrator,
       staged(Stage::kRecommended, "/award", json(), false)},
      {"POST " + a + "/rejection", Who::kAdministrator,
       staged(Stage::kSubmitted, "/rejection", {{"reason", "Not enough"}}, false)},
      {"GET /api/v1/certificates/{id}", Who::kAnyone,
       [this] { return Attempt{"/certificates/" + certificate_}; }},
      {"GET /api/v1/verify/{code}", Who::kAnyone, [this] { return Attempt{"/verify/" + code_}; }},
      {"GET /api/v1/register", Who::kAnyone, at("/register")},
      {"GET /api/v1/keys/certificates", Who::kAnyone, at("/keys/certificates")},
      {"GET /api/v1/certificates/revocations", Who::kAnyone, at("/certificates/revocations")},
      {"GET /api/v1/certificates/{id}/status", Who::kAnyone,
       [this] { return Attempt{"/certificates/" + certificate_ + "/status"}; }},
      // In this order on the world's certificate: suspend, reinstate, and
      // last the final revocation.
      {"POST /api/v1/certificates/{id}/suspend", Who::kAdministrator,
       [this] {
         return Attempt{"/certificates/" + certificate_ + "/suspend", R"({"reason":"Complaint"})"};
       }},
      {"POST /api/v1/certificates/{id}/reinstate", Who::kAdministrator,
       [this] {
         return Attempt{"/certificates/" + certificate_ + "/reinstate", R"({"reason":"Resolved"})"};
       }},
      {"POST /api/v1/certificates/{id}/revoke", Who::kAdministrator,
       [this] {
         return Attempt{"/certificates/" + certificate_ + "/revoke", R"({"reason":"Withdrawn"})"};
       }},
      {"GET /api/v1/applications/{id}/appeal", Who::kMember, application("/appeal")},
      {"POST /api/v1/applications/{id}/appeal", Who::kLeadOrSenior,
       [this] {
         auto [id, lead] = Rejected();
         return Attempt{"/applications/" + id + "/appeal",
                        R"({"grounds": "The plan was in the evidence"})", "", lead};
       }},
      {"GET /api/v1/certificates/{id}/appeal", Who::kMember,
       [this] {
         return Attempt{"/certificates/" + certificate_ + "/appeal", "", "", renewal_lead_};
       }},
      {"POST /api/v1/certificates/{id}/appeal", Who::kLeadOrSenior,
       [this] {
         auto [id, lead] = Suspended();
         return Attempt{"/certificates/" + id + "/appeal",
                        R"({"grounds": "The complaint was withdrawn"})", "", lead};
       }},
      {"GET /api/v1/appeals", Who::kAdministrator, at("/appeals")},
      {"POST /api/v1/appeals/{id}/decision", Who::kAdministrator,
       [this] {
         auto [id, lead] = Rejected();
         const std::string appeal =
             Id(Post("/applications/" + id + "/appeal", *lead, {{"grounds", "It was there"}}));
         return Attempt{"/appeals/" + appeal + "/decision",
                        R"({"outcome": "dismissed", "reasons": "It was not"})", "", Panel()};
       }},
      {"GET /api/v1/terms/{id}", Who::kAnyone, at("/terms/svqm-terms-v1")},
      {"GET /api/v1/membership", Who::kAnyone, at("/membership")},
      {"GET /api/v1/membership/requests", Who::kAdministrator, at("/membership/requests")},
      {"GET /api/v1/organisations/{id}/membership", Who::kMember, org("/membership")},
      // Each on an organisation of its own that is not yet a member.
      {"POST /api/v1/organisations/{id}/membership/requests", Who::kLeadOrSenior,
       [this] {
         const Session* lead = Someone();
         const std::string joining = CreateOrganisation(*lead, fmt::format("Joining {}", n_));
         return Attempt{"/organisations/" + joining + "/membership/requests",
                        R"({"staff": 4, "turnover_pence": 9000000})", "", lead};
       }},
      {"POST /api/v1/organisations/{id}/membership/requests/{request_id}/withdraw",
       Who::kLeadOrSenior,
       [this] {
         auto [path, lead] = MembershipRequested();
         return Attempt{path + "/withdraw", "", "", lead};
       }},
      {"POST /api/v1/organisations/{id}/membership/requests/{request_id}/decision",
       Who::kAdministrator,
       [this] {
         return Attempt{MembershipRequested().first + "/decision", R"({"decision": "approve"})"};
       }},
      {"GET /api/v1/invoices", Who::kAdministrator, at("/invoices?state=issued")},
      {"GET /api/v1/organisations/{id}/invoices", Who::kMember, org("/invoices")},
      {"GET /api/v1/organisations/{id}/invoices/{invoice_id}", Who::kMember,
       [this] {
         auto [path, lead] = Invoiced();
         return Attempt{path + ".pdf", "", "", lead};
       }},
      {"POST /api/v1/organisations/{id}/invoices/{invoice_id}/payment", Who::kAdministrator,
       [this] {
         return Attempt{Invoiced().first + "/payment",
                        fmt::format(R"({{"paid_on": "{}"}})", Day(0))};
       }},
      {"POST /api/v1/organisations/{id}/invoices/{invoice_id}/void", Who::kAdministrator,
       [this] {
         return Attempt{Invoiced().first + "/void", R"({"reason": "Issued twice"})"};
       }},
      {"POST /api/v1/certificates/{id}/complaints", Who::kAnyone,
       [this] {
         // A suspended certificate of its own: another row revokes certificate_.
         return Attempt{"/certificates/" + Suspended().first + "/complaints",
                        R"({"name": "A Neighbour", "email": "n@example.org",
                            "text": "The café's pledges were never kept."})"};
       }},
      {"GET /api/v1/directory/taxonomy", Who::kAnyone, at("/directory/taxonomy")},
      {"GET /api/v1/directory", Who::kAnyone, at("/directory?q=bread&theme=food")},
      {"GET /api/v1/directory/{id}", Who::kAnyone,
       [this] { return Attempt{"/directory/" + BrokerEntry()}; }},
      {"POST /api/v1/directory/{id}/contact", Who::kSignedIn,
       [this] {
         return Attempt{"/directory/" + BrokerEntry() + "/contact",
                        R"({"message": "We would like to buy your bread for our lunch club."})"};
       }},
      {"GET " + o + "/directory-profile", Who::kMember, org("/directory-profile")},
      {"PUT " + o + "/directory-profile", Who::kLead,
       [this] {
         const json now =
             Body(Call(Method::kGet, "/api/v1" + base_ + "/directory-profile", "", &c_.lead));
         json body = kEntry;
         if (!now["entry"].is_null()) body["version"] = now["entry"]["version"];
         return Attempt{base_ + "/directory-profile", body.dump()};
       }},
      {"POST " + o + "/engagements", Who::kAdministrator,
       [this] {
         return Attempt{
             base_ + "/engagements",
             json{{"scheme_id", "svqm-standards"}, {"consultant_id", c_.assessor.user_id}}.dump()};
       }},
      {"GET " + o + "/engagements", Who::kMember, org("/engagements")},
      {"GET /api/v1/engagements/{id}", Who::kMember,
       [this] { return Attempt{"/engagements/" + EngagementFor("svqm")}; }},
      {"PUT /api/v1/engagements/{id}", Who::kAllocatedAssessor,
       [this] {
         return Attempt{"/engagements/" + EngagementFor("svqm"),
                        R"({"needs_review": "Pledges are in place; no data is collected yet."})"};
       }},
      {"POST /api/v1/engagements/{id}/close", Who::kAllocatedAssessor,
       [this] { return Attempt{"/engagements/" + EngagementFor("svmc") + "/close"}; }},
      {"GET /api/v1/consultant/engagements", Who::kAllocatedAssessor,
       at("/consultant/engagements")},
      {"GET /api/v1/practitioners", Who::kAnyone, at("/practitioners?level=2&area=wales")},
      {"POST /api/v1/practitioners", Who::kAdministrator,
       at("/practitioners", kPractitioner.dump())},
      {"PUT /api/v1/practitioners/{id}", Who::kAdministrator,
       [this] {
         return Attempt{"/practitioners/" + SupportEntry("/practitioners", kPractitioner),
                        Versioned(kPractitioner)};
       }},
      {"DELETE /api/v1/practitioners/{id}", Who::kAdministrator,
       [this] {
         return Attempt{"/practitioners/" + SupportEntry("/practitioners", kPractitioner)};
       }},
      {"GET /api/v1/consultants", Who::kAnyone, at("/consultants?language=cy")},
      {"POST /api/v1/consultants", Who::kAdministrator, at("/consultants", kConsultant.dump())},
      {"PUT /api/v1/consultants/{id}", Who::kAdministrator,
       [this] {
         return Attempt{"/consultants/" + SupportEntry("/consultants", kConsultant),
                        Versioned(kConsultant)};
       }},
      {"DELETE /api/v1/consultants/{id}", Who::kAdministrator,
       [this] { return Attempt{"/consultants/" + SupportEntry("/consultants", kConsultant)}; }},
      {"GET /api/v1/resources", Who::kAnyone, at("/resources?kind=template")},
      {"GET /api/v1/resources/{id}", Who::kAnyone, at("/resources/svmc-social-value-policy")},
      {"GET /api/v1/resources/{id}/file", Who::kAnyone,
       at("/resources/svmc-social-value-policy/file")},
      {"POST /api/v1/resources", Who::kAdministrator, at("/resources", kResource.dump())},
      {"PUT /api/v1/resources/{id}", Who::kAdministrator,
       [this] {
         return Attempt{"/resources/" + SupportEntry("/resources", kResource),
                        Versioned(kResource)};
       }},
      {"DELETE /api/v1/resources/{id}", Who::kAdministrator,
       [this] { return Attempt{"/resources/" + SupportEntry("/resources", kResource)}; }},
      {"GET /api/v1/criteria/{id}/help", Who::kAnyone, at("/criteria/svmc.1.plan.1/help")},
      {"GET /api/v1/preparation-calls", Who::kAdministrator, at("/preparation-calls")},
      {"POST /api/v1/preparation-calls", Who::kAdministrator,
       [this] {
         return Attempt{"/preparation-calls", json{{"starts_at", formats::FormatTime(now_ + 86400)},
                                                   {"minutes", 30},
                                                   {"scheme_id", "svmc"}}
                                                  .dump()};
       }},
      {"DELETE /api/v1/preparation-calls/{id}", Who::kAdministrator,
       [this] { return Attempt{"/preparation-calls/" + OfferedCall()}; }},
      {"POST /api/v1/preparation-calls/{id}/held", Who::kAdministrator,
       [this] { return Attempt{"/preparation-calls/" + BookedCall(true, "svmc") + "/held"}; }},
      {"GET " + o + "/preparation-calls", Who::kMember, org("/preparation-calls")},
      {"POST " + o + "/preparation-calls/{slot_id}/book", Who::kLeadOrSenior,
       [this] { return Attempt{base_ + "/preparation-calls/" + OfferedCall("svqm") + "/book"}; }},
      {"POST " + o + "/preparation-calls/{slot_id}/cancel", Who::kLeadOrSenior,
       [this] {
         return Attempt{base_ + "/preparation-calls/" + BookedCall(false, "svqm-standards") +
                        "/cancel"};
       }},
      {"GET " + o + "/benchmarks", Who::kMember, org("/benchmarks")},
      {"PUT " + o + "/benchmarks", Who::kLeadOrSenior,
       org("/benchmarks", R"({"region": "yorkshire"})")},
      {"DELETE " + o + "/benchmarks", Who::kLeadOrSenior, org("/benchmarks")},
      {"GET " + o + "/needs", Who::kMember, org("/needs")},
      {"POST " + o + "/needs", Who::kLeadOrSenior, org("/needs", kNeed.dump())},
      {"GET " + o + "/matches", Who::kMember, org("/matches")},
      {"GET /api/v1/needs/{id}", Who::kMember, [this] { return Attempt{"/needs/" + NeedOf()}; }},
      {"PUT /api/v1/needs/{id}", Who::kLeadOrSenior,
       [this] {
         const std::string id = NeedOf();
         return Attempt{"/needs/" + id, kNeed.dump()};
       }},
      {"GET /api/v1/broker/needs", Who::kAdministrator, at("/broker/needs")},
      {"GET /api/v1/broker/needs/{id}/candidates", Who::kAdministrator,
       [this] { return Attempt{"/broker/needs/" + NeedOf() + "/candidates?limit=5"}; }},
      {"POST /api/v1/broker/needs/{id}/shortlist", Who::kAdministrator,
       [this] {
         json entry = kEntry;
         entry["name"] = fmt::format("Shortlisted {}", ++n_);
         const std::string entry_id =
             Body(Call(Method::kPost, "/api/v1/broker/directory", entry.dump(), &c_.admin))["id"];
         return Attempt{"/broker/needs/" + NeedOf() + "/shortlist",
                        json{{"entry_id", entry_id}}.dump()};
       }},
      {"GET /api/v1/matches/{id}", Who::kMember,
       [this] { return Attempt{"/matches/" + MatchAt("proposed")}; }},
      {"POST /api/v1/matches/{id}/stage", Who::kLeadOrSenior,
       [this] {
         return Attempt{"/matches/" + MatchAt("introduced") + "/stage", R"({"stage": "agreed"})"};
       }},
      {"DELETE /api/v1/matches/{id}", Who::kAdministrator,
       [this] { return Attempt{"/matches/" + MatchAt("shortlisted")}; }},
      {"PUT /api/v1/matches/{id}/partnership", Who::kLeadOrSenior,
       [this] {
         return Attempt{"/matches/" + MatchAt("agreed") + "/partnership",
                        R"({"outcomes": [{"description": "Hot meals", "claims": )"
                        R"([{"partner": "need", "share": 0.5}]}]})"};
       }},
      {"GET /api/v1/broker/directory", Who::kAdministrator, at("/broker/directory")},
      {"POST /api/v1/broker/directory", Who::kAdministrator,
       [this] {
         json body = kEntry;
         body["name"] = fmt::format("Added {}", ++n_);
         return Attempt{"/broker/directory", body.dump()};
       }},
      {"POST /api/v1/broker/directory/import", Who::kAdministrator,
       [this] {
         return Attempt{"/broker/directory/import",
                        fmt::format("name,summary,legal_form,size_band,areas,themes\n"
                                    "Imported {},Bakes bread with people,cic,small,wales,food\n",
                                    ++n_),
                        "text/csv"};
       }},
      {"GET /api/v1/broker/directory/{id}", Who::kAdministrator,
       [this] { return Attempt{"/broker/directory/" + BrokerEntry()}; }},
      {"PUT /api/v1/broker/directory/{id}", Who::kAdministrator,
       [this] {
         const std::string id = BrokerEntry();
         json body = kEntry;
         body["name"] = "Bread Shed";
         body["version"] =
             Body(Call(Method::kGet, "/api/v1/broker/directory/" + id, "", &c_.admin))["version"];
         return Attempt{"/broker/directory/" + id, body.dump()};
       }},
      {"DELETE /api/v1/broker/directory/{id}", Who::kAdministrator,
       [this] {
         json body = kEntry;
         body["name"] = fmt::format("Removed {}", ++n_);
         const json made =
             Body(Call(Method::kPost, "/api/v1/broker/directory", body.dump(), &c_.admin));
         return Attempt{"/broker/directory/" + made["id"].get<std::string>()};
       }},
      {"GET /api/v1/complaints", Who::kAdministrator, at("/complaints")},
      {"POST /api/v1/complaints/{id}/ask", Who::kAdministrator,
       [this] { return Attempt{"/complaints/" + Complaint(false).id + "/ask"}; }},
      {"POST /api/v1/complaints/{id}/decision", Who::kAdministrator,
       [this] {
         Complained c = Complaint(true);
         EXPECT_EQ(Post(c.org_path + "/response", *c.lead, {{"response", "We did."}}).status, 200);
         return Attempt{"/complaints/" + c.id + "/decision",
                        R"({"outcome": "dismissed", "reasons": "They did."})"};
       }},
      {"GET /api/v1/organisations/{id}/complaints", Who::kMember, org("/complaints")},
      {"POST /api/v1/organisations/{id}/complaints/{complaint_id}/response", Who::kLeadOrSenior,
       [this] {
         Complained c = Complaint(true);
         return Attempt{c.org_path + "/response", R"({"response": "We kept them."})", "", c.lead};
       }},
      {"GET /api/v1/rounds", Who::kSignedIn, at("/rounds")},
      {"PATCH /api/v1/rounds/{id}", Who::kAdministrator,
       [this] {
         const int start = 1000 + 20 * ++n_;
         const std::string id = Body(Call(
             Method::kPost, "/api/v1/rounds",
             json{{"name", "To move"}, {"opens_on", Day(start)}, {"closes_on", Day(start + 13)}}
                 .dump(),
             &c_.admin))["id"];
         return Attempt{
             "/rounds/" + id,
             json{{"name", "Moved"}, {"opens_on", Day(start + 1)}, {"closes_on", Day(start + 14)}}
                 .dump()};
       }},
      {"DELETE /api/v1/rounds/{id}", Who::kAdministrator,
       [this] {
         const int start = 1000 + 20 * ++n_;
         const std::string id = Body(Call(
             Method::kPost, "/api/v1/rounds",
             json{{"name", "To cancel"}, {"opens_on", Day(start)}, {"closes_on", Day(start + 13)}}
                 .dump(),
             &c_.admin))["id"];
         return Attempt{"/rounds/" + id};
       }},
      {"POST /api/v1/rounds", Who::kAdministrator,
       [this] {
         const int start = 100 + 20 * ++n_;
         return Attempt{
             "/rounds",
             json{{"name", "R"}, {"opens_on", Day(start)}, {"closes_on", Day(start + 13)}}.dump()};
       }},
      {"POST /api/v1/schemes", Who::kAdministrator,
       [this] {
         json scheme = json::parse(ReadSource("data/schemes/svqm-v1.json"));
         scheme["version"] = 10 + ++n_;
         return Attempt{"/schemes", scheme.dump()};
       }},
      // Measure
      {"POST /api/v1/lm3", Who::kSignedIn,
       at("/lm3",
          R"({"income": 1000, "spend": [{"category": "wages", "amount": 500, "local_fraction": 0.5,
                     "respend_local_fraction": 0.2}]})")},
      {"GET " + o + "/impact-maps", Who::kMember, org("/impact-maps")},
      {"POST " + o + "/impact-maps", Who::kMember,
       org("/impact-maps", ReadSource("examples/lunch-club.json"))},
      {"GET " + m, Who::kMember, on_map("")},
      {"PUT " + m, Who::kMember,
       [this] {
         return Attempt{"/impact-maps/" + map_, LatestMap()};
       }},
      {"GET " + m + "/versions", Who::kMember, on_map("/versions")},
      {"GET " + m + "/results", Who::kMember, on_map("/results")},
      {"GET " + m + "/sensitivity", Who::kMember, on_map("/sensitivity")},
      {"GET " + m + "/montecarlo", Who::kMember, on_map("/montecarlo?draws=100")},
      {"GET " + m + "/lint", Who::kMember, on_map("/lint")},
      {"GET " + m + "/export.csv", Who::kMember, on_map("/export.csv")},
      {"POST /api/v1/impact-maps/calculate", Who::kSignedIn,
       at("/impact-maps/calculate?draws=100", ReadSource("examples/lunch-club.json"))},
      {"POST /api/v1/impact-maps/import-csv", Who::kSignedIn,
       [this] {
         return Attempt{
             "/impact-maps/import-csv",
             Call(Method::kGet, "/api/v1/impact-maps/" + map_ + "/export.csv", "", &c_.lead).body,
             "text/csv"};
       }},
      {"PUT " + m + "/archived", Who::kMember,
       [this] {
         return Attempt{"/impact-maps/" + map_ + "/archived", R"({"archived": false})"};
       }},
      {"POST /api/v1/surveys/import-xlsform", Who::kSignedIn,
       [this] {
         return Attempt{"/surveys/import-xlsform", ReadSource("examples/lunch-club-xlsform.xlsx"),
                        kXlsxType};
       }},
      {"POST /api/v1/impact-maps/import-xlsx", Who::kSignedIn,
       [this] {
         return Attempt{"/impact-maps/import-xlsx", ReadSource("examples/lunch-club.xlsx"),
                        kXlsxType};
       }},
      {"GET " + m + "/compare", Who::kMember,
       [this] { return Attempt{"/impact-maps/" + map_ + "/compare?with=" + map_}; }},
      {"GET " + o + "/proxies", Who::kMember, org("/proxies")},
      {"POST " + o + "/proxies", Who::kMember,
       org("/proxies", R"({"name": "N", "value": 1, "source": "S"})")},
      {"PATCH " + o + "/proxies/{proxy_id}", Who::kMember,
       [this] {
         const json made = Body(Call(Method::kPost, "/api/v1" + base_ + "/proxies",
                                     R"({"name": "N", "value": 1, "source": "S"})", &c_.lead));
         return Attempt{base_ + "/proxies/" + made["id"].get<std::string>(),
                        R"({"value": 2, "price_year": 2024})"};
       }},
      {"GET " + o + "/proxies/{proxy_id}/versions", Who::kMember,
       [this] {
         const json made = Body(Call(Method::kPost, "/api/v1" + base_ + "/proxies",
                                     R"({"name": "N", "value": 1, "source": "S"})", &c_.lead));
         return Attempt{base_ + "/proxies/" + made["id"].get<std::string>() + "/versions"};
       }},
      {"POST " + o + "/proxies/import", Who::kMember,
       [this] {
         return Attempt{base_ + "/proxies/import",
                        "name,value,unit,source\nBus pass,600,per year,Fares 2026\n", "text/csv"};
       }},
      {"GET " + o + "/lm3", Who::kMember, org("/lm3")},
      {"POST " + o + "/lm3", Who::kMember, org("/lm3", kLm3Body)},
      {"GET " + o + "/lm3/{lm3_id}", Who::kMember,
       [this] { return Attempt{base_ + "/lm3/" + SavedLm3()}; }},
      {"PUT " + o + "/lm3/{lm3_id}", Who::kMember,
       [this] {
         return Attempt{base_ + "/lm3/" + SavedLm3(), kLm3Body};
       }},
      {"GET " + o + "/lm3/{lm3_id}/versions", Who::kMember,
       [this] { return Attempt{base_ + "/lm3/" + SavedLm3() + "/versions"}; }},
      {"GET " + o + "/pledges", Who::kMember, org("/pledges")},
      {"POST " + o + "/pledges", Who::kMember,
       [this] {
         return Attempt{
             base_ + "/pledges",
             json{{"title", "T"}, {"owner_user_id", c_.lead.user_id}, {"due_date", Day(30)}}
                 .dump()};
       }},
      {"PATCH " + o + "/pledges/{pledge_id}", Who::kMember,
       [this] {
         const json list = Body(Call(Method::kGet, "/api/v1" + base_ + "/pledges", "", &c_.lead));
         int64_t version = 0;
         for (const json& p : list["items"])
           if (p["id"] == pledge_) version = p["version"];
         return Attempt{base_ + "/pledges/" + pledge_,
                        json{{"progress", 10}, {"version", version}}.dump()};
       }},
      {"POST " + o + "/pledges/reminders", Who::kLead, org("/pledges/reminders")},
      {"GET /api/v1/self-assessment/questions", Who::kSignedIn, at("/self-assessment/questions")},
      {"GET " + o + "/self-assessments", Who::kMember, org("/self-assessments")},
      {"POST " + o + "/self-assessments", Who::kMember,
       [this] {
         const json questions =
             Body(Call(Method::kGet, "/api/v1/self-assessment/questions", "", &c_.lead));
         return Attempt{base_ + "/self-assessments", AllAnswers(questions, 2, false).dump()};
       }},
      {"PUT " + o + "/self-assessment-settings", Who::kLead,
       org("/self-assessment-settings", R"({"include_responsive": false})")},
      {"GET " + o + "/scopes/{scope_id}/plan", Who::kMember,
       [this] { return Attempt{base_ + "/scopes/" + scope_ + "/plan"}; }},
      {"PUT " + o + "/scopes/{scope_id}/plan", Who::kMember,
       [this] {
         const json current = Body(
             Call(Method::kGet, "/api/v1" + base_ + "/scopes/" + scope_ + "/plan", "", &c_.lead));
         json plan = APlan();
         if (current.value("version", 0) > 0) plan["version"] = current["version"];
         return Attempt{base_ + "/scopes/" + scope_ + "/plan", plan.dump()};
       }},
      {"GET " + o + "/scopes/{scope_id}/plan/versions", Who::kMember,
       [this] { return Attempt{base_ + "/scopes/" + scope_ + "/plan/versions"}; }},
      {"GET " + o + "/decisions", Who::kMember, org("/decisions")},
      {"POST " + o + "/decisions", Who::kLeadOrSenior,
       org("/decisions", R"({"kind": "stop", "title": "T", "rationale": "R"})")},
      {"PATCH " + o + "/decisions/{decision_id}", Who::kLeadOrSenior,
       [this] {
         const json made =
             Body(Call(Method::kPost, "/api/v1" + base_ + "/decisions",
                       R"({"kind": "stop", "title": "T", "rationale": "R"})", &c_.lead));
         return Attempt{base_ + "/decisions/" + made["id"].get<std::string>(),
                        R"({"title": "Corrected"})"};
       }},
      // Reports
      {"GET " + m + "/report.html", Who::kMember, on_map("/report.html")},
      {"GET " + m + "/report.pdf", Who::kMember, on_map("/report.pdf")},
      {"GET " + m + "/export.xlsx", Who::kMember, on_map("/export.xlsx")},
  };
}

// The table and the rows name the same routes, and nothing else.
TEST_F(RouteTableTest, EveryRouteHasARowSayingWhoMayCallIt) {
  const std::vector<Row> rows = Rows();
  for (const std::string& problem : Unmatched(api_->router(), rows)) ADD_FAILURE() << problem;
  std::set<std::string> names;
  for (const Row& row : rows)
    EXPECT_TRUE(names.insert(row.route).second) << "two rows for " << row.route;
  EXPECT_EQ(rows.size(), api_->router().routes().size());
}

// So a new route without its row fails the test above, by name.
TEST_F(RouteTableTest, ANewRouteWithoutItsRowIsNamed) {
  Router with_new = api_->router();
  with_new.Add(Method::kPost, "/api/v1/organisations/{id}/something-new", {},
               [](Request&) { return Response{}; });
  EXPECT_EQ(Unmatched(with_new, Rows()),
            std::vector<std::string>{
                "no row for the route POST /api/v1/organisations/{id}/something-new"});
}

TEST_F(RouteTableTest, EveryRouteRefusesStrangersAndAdmitsItsCaller) {
  MakeWorld();
  const std::vector<Row> rows = Rows();
  const std::map<std::string, Method> methods = {{"GET", Method::kGet},
                                                 {"POST", Method::kPost},
                                                 {"PUT", Method::kPut},
                                                 {"PATCH", Method::kPatch},
                                                 {"DELETE", Method::kDelete}};
  for (const Row& row : rows) {
    SCOPED_TRACE(row.route + " (" + Name(row.who) + ")");
    const Method method = methods.at(row.route.substr(0, row.route.find(' ')));
    Attempt attempt;
    try {
      attempt = row.attempt();
    } catch (const std::exception& e) {
      ADD_FAILURE() << "the row's state could not be made: " << e.what();
      continue;
    }
    if (row.who != Who::kAnyone) {
      Response r = Send(method, attempt, nullptr);
      EXPECT_EQ(r.status, 401) << attempt.path << ": " << r.body;
    }
    const bool organisations_own =
        row.who != Who::kAnyone && row.who != Who::kSignedIn && row.who != Who::kSelf;
    if (organisations_own) {
      const int64_t before = AuditEntries();
      Response r = Send(method, attempt, &outsider_);
      EXPECT_TRUE(r.status == 403 || r.status == 404)
          << attempt.path << ": " << r.status << " " << r.body;
      EXPECT_EQ(r.body.find("Riverside"), std::string::npos)
          << "a stranger learns the name: " << r.body;
      EXPECT_EQ(AuditEntries(), before) << attempt.path << ": the outsider changed something";
    }
    const Session* as = attempt.as ? attempt.as : Usual(row.who);
    Response r = Send(method, attempt, as);
    EXPECT_EQ(r.status / 100, 2) << attempt.path << ": " << r.status << " " << r.body;
  }
}

}  // namespace
}  // namespace valuemark::http
