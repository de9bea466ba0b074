#include "app/demo.h"

#include "core/calendar.h"

namespace valuemark::app {
namespace {

// Demo passwords are published in the README: this data is for trying the
// product on one's own machine, never for a real deployment.
constexpr char kPassword[] = "valuemark-demo";

Result<Caller> SignInAs(Platform& p, const std::string& email) {
  auto s = TRY(p.accounts.LogIn(email, kPassword, "demo"));
  return p.accounts.Authenticate(s.session_token);
}

// Evidence as a link to a document, the commonest kind.
Result<Application> AddLink(Platform& p, const Caller& lead, const std::string& app_id,
                            const std::string& criterion, const std::string& title) {
  return p.certification.AddEvidence(
      lead, app_id,
      {criterion, "link", title, "https://riverside.example/docs/" + criterion, "", "", ""});
}

// Riverside holds the SVQM Pledges level (a current award) and is part-way
// through SVMC level 1: terms accepted, evidence for half the criteria. A
// round is open now and the next one is set.
Result<void> SeedCertification(Platform& p, const Caller& lead, const Caller& admin,
                               const std::string& org_id) {
  const Days today = DayOf(p.Now());
  for (auto [name, opens, closes] : {std::tuple{"Current round", today - 3, today + 10},
                                     std::tuple{"Next round", today + 88, today + 101}}) {
    TRY(p.certification.CreateRound(admin, {name, FormatDay(opens), FormatDay(closes)}));
  }
  auto pledges = TRY(p.certification.CreateApplication(lead, org_id, {"svqm", 1, std::nullopt}));
  TRY(p.certification.AcceptTerms(lead, pledges.id));
  for (const char* criterion : {"svqm.1.commit.1", "svqm.1.commit.2"}) {
    TRY(AddLink(p, lead, pledges.id, criterion, "Social value pledges 2026"));
  }
  auto senior = TRY(SignInAs(p, "chair@riverside.example"));
  for (const Caller* who : {&lead, static_cast<const Caller*>(&senior)}) {
    TRY(p.certification.SignOff(*who, pledges.id, kPassword));
  }
  TRY(p.certification.Submit(lead, pledges.id));
  TRY(p.certification.Award(admin, pledges.id));
  // Its invoice was paid: the organisation's page shows a paid invoice.
  for (const NamedInvoice& n : TRY(p.invoices.List(admin, org_id)))
    TRY(p.invoices.RecordPayment(admin, org_id, n.invoice.id, {FormatDay(today), "BACS RCT-0001"}));

  auto svmc = TRY(p.certification.CreateApplication(lead, org_id, {"svmc", 1, std::nullopt}));
  TRY(p.certification.AcceptTerms(lead, svmc.id));
  for (auto [criterion, title] :
       {std::pair{"svmc.1.cc.1", "Social Value Lead role description and board paper"},
        std::pair{"svmc.1.cc.2", "Training and staff-time budget 2026"},
        std::pair{"svmc.1.plan.1", "Social value policy, endorsed by the trustees"},
        std::pair{"svmc.1.plan.2", "Social value action plan"}}) {
    TRY(AddLink(p, lead, svmc.id, criterion, title));
  }
  return {};
}

}  // namespace

Result<DemoSeed> SeedDemo(Platform& p) {
  DemoSeed seed;
  seed.logins = {
      {"Social Value Lead, Riverside Community Trust", "lead@riverside.example", kPassword},
      {"Social Value Senior Leader, Riverside Community Trust", "chair@riverside.example",
       kPassword},
      {"Member, Riverside Community Trust", "worker@riverside.example", kPassword},
      {"Assessor", "assessor@valuemark.example", kPassword},
      {"Scheme administrator", "admin@valuemark.example", kPassword},
      {"Broker of the network", "broker@valuemark.example", kPassword},
      {"Social Value Lead, Harbour Café (asking to join)", "lead@harbour.example", kPassword},
  };
  bool exists = false;
  auto check = p.store().Read([&](Transaction& tx) -> Result<void> {
    auto admin = TRY(tx.FindUserByEmail("admin@valuemark.example"));
    exists = admin.has_value();
    return {};
  });
  if (!check) return Fail(check.error());
  if (exists) return seed;

  struct Person {
    const char* name;
    const char* email;
    PlatformRole role;
  };
  const Person people[] = {{"Priya Shah", "lead@riverside.example", PlatformRole::kNone},
                           {"Tom Okafor", "chair@riverside.example", PlatformRole::kNone},
                           {"Lena Fischer", "worker@riverside.example", PlatformRole::kNone},
                           {"Sam Reid", "assessor@valuemark.example", PlatformRole::kAssessor},
                           {"Alex Morgan", "admin@valuemark.example", PlatformRole::kAdministrator},
                           {"Jo Evans", "lead@harbour.example", PlatformRole::kNone},
                           {"Rhys Price", "broker@valuemark.example", PlatformRole::kBroker}};
  for (const Person& person : people) {
    TRY(p.accounts.CreateUser({person.email, kPassword, person.name}, person.role));
  }
  auto lead = TRY(SignInAs(p, "lead@riverside.example"));
  auto org = p.organisations.CreateOrganisation(
      lead, {"Riverside Community Trust", "charitable incorporated organisation",
             "community development", "medium", "Bristol"});
  if (!org) return Fail(org.error());
  for (auto [email, role] : {std::pair{"chair@riverside.example", "senior_leader"},
                             std::pair{"worker@riverside.example", "member"}}) {
    auto invite = TRY(p.organisations.Invite(lead, org->id, email, role));
    auto person = TRY(SignInAs(p, email));
    const std::string token = invite.accept_url.substr(invite.accept_url.rfind('/') + 1);
    TRY(p.organisations.AcceptInvitation(person, token));
  }
  auto members = TRY(p.organisations.ListMembers(lead, org->id));
  std::optional<std::string> chair;
  for (const Member& m : members)
    if (m.email == "chair@riverside.example") chair = m.user_id;
  TRY(p.organisations.SetRepresentatives(lead, org->id, lead.user.id, chair));
  for (auto [kind, name, description] :
       {std::tuple{"programme", "Healthy Ageing",
                   "Lunch clubs, walking groups and befriending for older residents"},
        std::tuple{"service", "Employment Support",
                   "One-to-one coaching and training for long-term unemployed adults"},
        std::tuple{"project", "Community Energy", "Solar panels on three community buildings"}}) {
    TRY(p.organisations.CreateScope(lead, org->id, {kind, name, description}));
  }
  auto admin = TRY(SignInAs(p, "admin@valuemark.example"));
  auto fresh = TRY(p.organisations.GetOrganisation(admin, org->id));
  OrganisationPatch membership;
  membership.version = fresh.version;
  membership.membership = MembershipInput{"active", std::optional<std::string>("2026-01-01"),
                                          std::optional<std::string>("2027-12-31")};
  TRY(p.organisations.UpdateOrganisation(admin, org->id, membership));
  auto chair_caller = TRY(SignInAs(p, "chair@riverside.example"));
  TRY(SeedMeasureDemo(p, lead, chair_caller, org->id));
  auto pending =
      TRY(p.organisations.Invite(lead, org->id, "volunteer@riverside.example", "member"));
  TRY(SeedCertification(p, lead, admin, org->id));
  TRY(SeedDirectoryDemo(p, TRY(SignInAs(p, "broker@valuemark.example"))));
  // A second organisation, not yet a member, whose request waits for the
  // administrator (data/membership.json: 6 staff and £180,000 are "small").
  auto harbour_lead = TRY(SignInAs(p, "lead@harbour.example"));
  auto harbour = TRY(p.organisations.CreateOrganisation(
      harbour_lead,
      {"Harbour Café", "community interest company", "food and hospitality", "small", "Plymouth"}));
  TRY(p.membership.Request(harbour_lead, harbour.id, {6, 18'000'000}));
  TRY(SeedBrokerageDemo(p, lead, org->id, harbour_lead, harbour.id));
  TRY(SeedSupportDemo(p, admin));
  TRY(SeedEngagementDemo(p, admin, TRY(SignInAs(p, "assessor@valuemark.example")), org->id));
  seed.created = true;
  return seed;
}

}  // namespace valuemark::app
