// Organisations, members, representatives, invitations and scopes
// (docs/api.md "Organisations"). Every change and its audit entry commit in
// one transaction.
#include "app/accounts/organisations.h"

#include <fmt/format.h>

#include <algorithm>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/outbox.h"
#include "app/validate.h"
#include "formats/records_json.h"

namespace valuemark::app {
namespace {

Error NotFound(const char* what = "organisation") {
  return Error::Make(ErrorCode::kNotFound, fmt::format("no such {}", what));
}

std::string OrgJson(const Organisation& o) {
  return formats::CompactJson(&formats::WriteOrganisation, o);
}
std::string MemberJson(const Member& m) { return formats::CompactJson(&formats::WriteMember, m); }
std::string ScopeJson(const Scope& s) { return formats::CompactJson(&formats::WriteScope, s); }

// Who represents the organisation, by name, as its history shows a change
// of representatives ("Lead: Ada Lovelace → Grace Hopper").
Result<std::string> RepresentativesJson(Transaction& tx, const Organisation& org) {
  auto name = [&](const std::optional<std::string>& user_id) -> Result<std::string> {
    if (!user_id) return std::string();
    auto m = TRY(tx.FindMember(org.id, *user_id));
    return m ? m->name : std::string("a former member");
  };
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("lead", TRY(name(org.lead_user_id)))
      .Field("senior_leader", TRY(name(org.senior_leader_user_id)))
      .EndObject();
  return w.Take();
}

std::string MemberEntityId(const std::string& org_id, const std::string& user_id) {
  return org_id + ":" + user_id;
}

// Validates and applies profile fields; `require` for creation.
Result<void> ApplyProfile(const OrganisationInput& in, bool require, Organisation& org) {
  std::vector<FieldError> errors;
  auto text = [&](const char* field, const std::optional<std::string>& value, size_t min,
                  std::string& out) {
    if (!value) {
      if (require && min > 0) errors.push_back({field, "is required"});
      return;
    }
    if (auto t = CleanText(field, *value, min, 200)) {
      out = *t;
    } else {
      errors.push_back(t.error().fields.front());
    }
  };
  text("name", in.name, 1, org.name);
  text("legal_structure", in.legal_structure, 1, org.legal_structure);
  text("sector", in.sector, 1, org.sector);
  if (in.size_band) {
    if (auto b = ParseSizeBand(*in.size_band)) {
      org.size_band = *b;
    } else {
      errors.push_back({"size_band", b.error().message});
    }
  } else if (require) {
    errors.push_back({"size_band", "is required"});
  }
  text("area", in.area, 0, org.area);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

Result<void> ApplyMembership(const MembershipInput& in, Organisation& org) {
  if (in.status) {
    auto s = ParseMembershipStatus(*in.status);
    if (!s) return Fail(InvalidField("membership.status", s.error().message));
    org.membership_status = *s;
  }
  for (auto [field, value, target] :
       {std::tuple{"membership.start", &in.start, &org.membership_start},
        std::tuple{"membership.expiry", &in.expiry, &org.membership_expiry}}) {
    if (!*value) continue;
    if (!**value) {
      target->reset();
      continue;
    }
    auto d = TRY(CheckDate(field, ***value));
    *target = d;
  }
  if (org.membership_start && org.membership_expiry &&
      *org.membership_expiry < *org.membership_start)
    return Fail(InvalidField("membership.expiry", "must not be before membership.start"));
  return {};
}

}  // namespace

// Turns "not there" into NotFound for a Find… that returns an optional.
template <typename T>
Result<T> Required(Result<std::optional<T>> found, const char* what) {
  if (!found) return Fail(found.error());
  if (!*found) return Fail(NotFound(what));
  return std::move(**found);
}

Result<Page<OrganisationListItem>> OrganisationService::ListOrganisations(
    const Caller& caller, const PageRequest& page, const std::string& name_part_in) {
  const std::string name_part = TRY(CleanText("q", name_part_in, 0, 200, Lines::kSingle));
  Page<OrganisationListItem> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    if (Allowed(caller.user.platform_role, PlatformAction::kListAllOrganisations)) {
      auto list = TRY(tx.ListOrganisations({page.after, page.limit + 1}, name_part));
      for (Organisation& o : list) out.items.push_back({std::move(o), std::nullopt});
      if (static_cast<int>(out.items.size()) > page.limit) {
        out.items.resize(page.limit);
        out.next_cursor = out.items.back().organisation.id;
      }
      return {};
    }
    auto mine = TRY(tx.ListOrganisationsOfUser(caller.user.id));
    for (OrganisationWithRole& o : mine) out.items.push_back({std::move(o.organisation), o.role});
    if (caller.user.platform_role == PlatformRole::kAssessor) {
      // An assessor also sees the organisations whose applications they assess.
      auto allocated = TRY(tx.ListSubmittedApplications(caller.user.id));
      for (const Application& a : allocated) {
        const bool listed = std::any_of(
            out.items.begin(), out.items.end(),
            [&](const OrganisationListItem& i) { return i.organisation.id == a.organisation_id; });
        if (listed) continue;
        auto org = TRY(tx.FindOrganisation(a.organisation_id));
        if (org) out.items.push_back({std::move(*org), std::nullopt});
      }
    }
    std::erase_if(out.items, [&](const OrganisationListItem& i) {
      return !ContainsIgnoringCase(i.organisation.name, name_part);
    });
    return {};
  }));
  return out;
}

Result<Organisation> OrganisationService::CreateOrganisation(const Caller& caller,
                                                             const OrganisationInput& input) {
  Organisation org;
  org.id = NewId();
  TRY(ApplyProfile(input, true, org));
  org.created_at = org.updated_at = Now();
  org.lead_user_id = caller.user.id;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    if (const int64_t cap = options_.quotas.organisations_per_user; cap > 0) {
      auto mine = TRY(tx.ListOrganisationsOfUser(caller.user.id));
      if (static_cast<int64_t>(mine.size()) >= cap)
        return Fail(Error::Make(
            ErrorCode::kQuotaExceeded,
            fmt::format("an account may belong to at most {} organisations, and yours belongs to "
                        "{}: leave one you no longer work with first",
                        cap, mine.size())));
    }
    TRY(tx.InsertOrganisation(org));
    Member lead{org.id, caller.user.id,   MemberRole::kLead,
                Now(),  caller.user.name, caller.user.email};
    TRY(tx.UpsertMember(lead));
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "organisation.create", "organisation", org.id, org.id, OrgJson(org)},
        Now()));
    return AppendAuditEvent(tx,
                            {caller.user.id, "member.add", "member",
                             MemberEntityId(org.id, caller.user.id), org.id, MemberJson(lead)},
                            Now());
  }));
  return org;
}

Result<Organisation> OrganisationService::GetOrganisation(const Caller& caller,
                                                          const std::string& id) {
  return ReadInOrganisation<Organisation>(caller, id, OrgAction::kRead, [&](Transaction& tx) {
    return Required(tx.FindOrganisation(id), "organisation");
  });
}

Result<Organisation> OrganisationService::UpdateOrganisation(const Caller& caller,
                                                             const std::string& id,
                                                             const OrganisationPatch& patch) {
  Organisation org;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, id, OrgAction::kEdit));
    if (patch.membership) {
      if (auto a = Authorise(tx, caller, id, OrgAction::kSetMembership); !a)
        return Fail(Error::Field(ErrorCode::kPermissionDenied, "membership",
                                 "only the scheme administrator records membership"));
    }
    auto found = TRY(tx.FindOrganisation(id));
    if (!found) return Fail(NotFound());
    org = std::move(*found);
    if (patch.version != org.version)
      return Fail(Error::Field(
          ErrorCode::kFailedPrecondition, "version",
          fmt::format("someone else saved this organisation first (version {} is now {}): "
                      "reload and try again",
                      patch.version, org.version)));
    const std::string before = OrgJson(org);
    TRY(ApplyProfile(patch.profile, false, org));
    if (patch.membership) {
      TRY(ApplyMembership(*patch.membership, org));
    }
    org.updated_at = Now();
    TRY(tx.UpdateOrganisation(org));
    org.version += 1;
    return AppendAuditEvent(tx,
                            {caller.user.id, "organisation.update", "organisation", org.id, org.id,
                             OrgJson(org), before},
                            Now());
  }));
  return org;
}

Result<Dashboard> OrganisationService::GetDashboard(const Caller& caller, const std::string& id) {
  Dashboard d;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto role = TRY(Authorise(tx, caller, id, OrgAction::kRead));
    d.my_role = role;
    auto org = TRY(tx.FindOrganisation(id));
    if (!org) return Fail(NotFound());
    d.organisation = std::move(*org);
    auto members = TRY(tx.ListMembers(id));
    d.members = std::move(members);
    for (const Member& m : d.members) {
      if (d.organisation.lead_user_id == m.user_id) d.lead = m;
      if (d.organisation.senior_leader_user_id == m.user_id) d.senior_leader = m;
    }
    d.scopes = TRY(tx.ListScopes(id));
    if (Decide(caller.user.platform_role, d.my_role, OrgAction::kEdit) == Access::kAllow) {
      auto invitations = TRY(tx.ListInvitations(id));
      for (Invitation& i : invitations)
        if (StateOf(i, Now()) == InvitationState::kPending)
          d.pending_invitations.push_back(std::move(i));
    }
    return {};
  }));
  return d;
}

Result<std::vector<Member>> OrganisationService::ListMembers(const Caller& caller,
                                                             const std::string& org_id) {
  return ReadInOrganisation<std::vector<Member>>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) { return tx.ListMembers(org_id); });
}

namespace {

// Keeps an organisation steerable: someone must remain its lead.
Result<void> KeepALead(Transaction& tx, const std::string& org_id, const Member& changing) {
  if (changing.role != MemberRole::kLead) return {};
  auto members = TRY(tx.ListMembers(org_id));
  const auto leads = std::count_if(members.begin(), members.end(),
                                   [](const Member& m) { return m.role == MemberRole::kLead; });
  if (leads <= 1)
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "an organisation needs at least one lead: make someone else lead first"));
  return {};
}

// A named representative whose role no longer fits stops being named.
bool ClearUnfitRepresentatives(Organisation& org, const std::string& user_id,
                               std::optional<MemberRole> role) {
  bool changed = false;
  if (org.lead_user_id == user_id && role != MemberRole::kLead) {
    org.lead_user_id.reset();
    changed = true;
  }
  if (org.senior_leader_user_id == user_id && role != MemberRole::kSeniorLeader) {
    org.senior_leader_user_id.reset();
    changed = true;
  }
  return changed;
}

// After user_id's role changed to `role` (nullopt: they left), stops naming
// them as a representative they no longer fit, and records that.
Result<void> DropUnfitRepresentative(Transaction& tx, const std::string& actor_id,
                                     const std::string& org_id, const std::string& user_id,
                                     std::optional<MemberRole> role, UnixTime now) {
  auto org = TRY(tx.FindOrganisation(org_id));
  if (!org) return {};
  const std::string before = TRY(RepresentativesJson(tx, *org));
  if (!ClearUnfitRepresentatives(*org, user_id, role)) return {};
  org->updated_at = now;
  TRY(tx.UpdateOrganisation(*org));
  org->version += 1;
  return AppendAuditEvent(tx,
                          {actor_id, "organisation.representatives", "organisation", org_id, org_id,
                           TRY(RepresentativesJson(tx, *org)), before},
                          now);
}

}  // namespace

Result<Member> OrganisationService::ChangeMemberRole(const Caller& caller,
                                                     const std::string& org_id,
                                                     const std::string& user_id,
                                                     const std::string& role_in) {
  auto role = ParseMemberRole(role_in);
  if (!role) return Fail(InvalidField("role", role.error().message));
  Member member;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto found = TRY(tx.FindMember(org_id, user_id));
    if (!found) return Fail(NotFound("member"));
    member = *found;
    if (member.role == *role) return {};
    if (*role != MemberRole::kLead) {
      TRY(KeepALead(tx, org_id, member));
    }
    member.role = *role;
    TRY(tx.UpsertMember(member));
    TRY(DropUnfitRepresentative(tx, caller.user.id, org_id, user_id, member.role, Now()));
    return AppendAuditEvent(
        tx,
        {caller.user.id, "member.change_role", "member", MemberEntityId(org_id, user_id), org_id,
         MemberJson(member), MemberJson(*found)},
        Now());
  }));
  return member;  // FindMember already carries the name and email
}

Result<void> OrganisationService::RemoveMember(const Caller& caller, const std::string& org_id,
                                               const std::string& user_id) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    // Members may leave on their own; removing others is the lead's.
    if (user_id != caller.user.id) {
      TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    } else if (auto a = Authorise(tx, caller, org_id, OrgAction::kRead); !a) {
      return Fail(a.error());
    }
    auto found = TRY(tx.FindMember(org_id, user_id));
    if (!found) return Fail(NotFound("member"));
    TRY(KeepALead(tx, org_id, *found));
    TRY(tx.DeleteMember(org_id, user_id));
    TRY(DropUnfitRepresentative(tx, caller.user.id, org_id, user_id, std::nullopt, Now()));
    return AppendAuditEvent(tx,
                            {caller.user.id, "member.remove", "member",
                             MemberEntityId(org_id, user_id), org_id, MemberJson(*found)},
                            Now());
  });
}

Result<Organisation> OrganisationService::SetRepresentatives(
    const Caller& caller, const std::string& org_id, const std::optional<std::string>& lead_user_id,
    const std::optional<std::string>& senior_leader_user_id) {
  Organisation org;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    std::vector<FieldError> errors;
    auto check = [&](const char* field, const std::optional<std::string>& user_id,
                     MemberRole needed, const char* role_name) -> Result<void> {
      if (!user_id) return {};
      auto m = TRY(tx.FindMember(org_id, *user_id));
      if (!m) {
        errors.push_back({field, "is not a member of this organisation"});
      } else if (m->role != needed) {
        errors.push_back({field, fmt::format("must be a member whose role is {} (theirs is {})",
                                             role_name, Name(m->role))});
      }
      return {};
    };
    TRY(check("lead_user_id", lead_user_id, MemberRole::kLead, "lead"));
    TRY(check("senior_leader_user_id", senior_leader_user_id, MemberRole::kSeniorLeader,
              "senior_leader"));
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    auto found = TRY(tx.FindOrganisation(org_id));
    if (!found) return Fail(NotFound());
    org = std::move(*found);
    const std::string before = TRY(RepresentativesJson(tx, org));
    org.lead_user_id = lead_user_id;
    org.senior_leader_user_id = senior_leader_user_id;
    org.updated_at = Now();
    TRY(tx.UpdateOrganisation(org));
    org.version += 1;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "organisation.representatives", "organisation", org_id,
                          org_id, TRY(RepresentativesJson(tx, org)), before},
                         Now()));
    return VoidSignOffsAfterRepresentativesChange(tx, org, caller.user.id, options_.public_url,
                                                  Now());
  }));
  return org;
}

Result<std::vector<Invitation>> OrganisationService::ListInvitations(const Caller& caller,
                                                                     const std::string& org_id) {
  return ReadInOrganisation<std::vector<Invitation>>(
      caller, org_id, OrgAction::kEdit,
      [&](Transaction& tx) { return tx.ListInvitations(org_id); });
}

Result<CreatedInvitation> OrganisationService::Invite(const Caller& caller,
                                                      const std::string& org_id,
                                                      const std::string& email_in,
                                                      const std::string& role_in) {
  std::vector<FieldError> errors;
  auto email = CleanEmail("email", email_in);
  if (!email) errors.push_back(email.error().fields.front());
  auto role = ParseMemberRole(role_in);
  if (!role) errors.push_back({"role", role.error().message});
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  CreatedInvitation created;
  // The link carries the organisation, so the invitation is found by its
  // tenant key; only the secret's hash is stored.
  const std::string secret = RandomToken();
  const std::string token = org_id + "." + secret;
  created.accept_url = fmt::format("{}/invitations/{}", options_.public_url, token);
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto existing = TRY(tx.FindUserByEmail(*email));
    if (existing) {
      auto m = TRY(tx.FindMember(org_id, existing->first.id));
      if (m)
        return Fail(
            Error::Field(ErrorCode::kAlreadyExists, "email", "this person is already a member"));
    }
    auto org = tx.FindOrganisation(org_id);
    if (!org || !*org) return Fail(NotFound());
    Invitation& inv = created.invitation;
    inv.organisation_id = org_id;
    inv.id = NewId();
    inv.email = *email;
    inv.role = *role;
    inv.invited_by = caller.user.id;
    inv.created_at = Now();
    inv.expires_at = Now() + options_.invitation_seconds;
    inv.token_hash = Sha256Hex(secret);
    TRY(CheckQuota(tx, org_id, {.members = 1, .invitations = 1}));
    TRY(tx.InsertInvitation(inv));
    OutboxMessage m;
    m.to = *email;
    m.subject = fmt::format("{} invites you to {} on ValueMark", caller.user.name, (*org)->name);
    m.body = fmt::format(
        "Hello,\n\n{} has invited you to join {} on ValueMark as {}. To accept, open\n{}\nThe "
        "invitation is valid for "
        "14 days.\n",
        OneLine(caller.user.name), OneLine((*org)->name), Label(*role), created.accept_url);
    m.created_at = Now();
    TRY(QueueEmail(tx, m));
    return AppendAuditEvent(tx,
                            {caller.user.id, "invitation.create", "invitation", inv.id, org_id,
                             formats::CompactJson(&formats::WriteInvitation, inv, Now())},
                            Now());
  }));
  return created;
}

Result<void> OrganisationService::RevokeInvitation(const Caller& caller, const std::string& org_id,
                                                   const std::string& invitation_id) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto found = TRY(tx.FindInvitation(org_id, invitation_id));
    if (!found) return Fail(NotFound("invitation"));
    Invitation inv = *found;
    if (StateOf(inv, Now()) != InvitationState::kPending)
      return Fail(
          Error::Make(ErrorCode::kFailedPrecondition,
                      fmt::format("the invitation is {}, not pending", Name(StateOf(inv, Now())))));
    inv.revoked_at = Now();
    TRY(tx.UpdateInvitation(inv));
    return AppendAuditEvent(tx,
                            {caller.user.id, "invitation.revoke", "invitation", inv.id, org_id,
                             formats::CompactJson(&formats::WriteInvitation, inv, Now())},
                            Now());
  });
}

namespace {

struct TokenParts {
  std::string org_id, secret;
};

std::optional<TokenParts> SplitToken(const std::string& token) {
  const auto dot = token.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 >= token.size()) return std::nullopt;
  return TokenParts{token.substr(0, dot), token.substr(dot + 1)};
}

}  // namespace

Result<InvitationView> OrganisationService::ViewInvitation(const std::string& token) {
  auto parts = SplitToken(token);
  if (!parts) return Fail(NotFound("invitation"));
  InvitationView view;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto inv = TRY(tx.FindInvitationByToken(parts->org_id, Sha256Hex(parts->secret)));
    if (!inv) return Fail(NotFound("invitation"));
    auto org = TRY(tx.FindOrganisation(parts->org_id));
    if (!org) return Fail(NotFound("invitation"));
    view = {(org)->id, (org)->name, (inv)->email, (inv)->role, StateOf(*inv, Now())};
    return {};
  }));
  return view;
}

Result<OrganisationWithRole> OrganisationService::AcceptInvitation(const Caller& caller,
                                                                   const std::string& token) {
  auto parts = SplitToken(token);
  if (!parts) return Fail(NotFound("invitation"));
  OrganisationWithRole out;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto found = TRY(tx.FindInvitationByToken(parts->org_id, Sha256Hex(parts->secret)));
    if (!found) return Fail(NotFound("invitation"));
    Invitation inv = *found;
    if (StateOf(inv, Now()) != InvitationState::kPending)
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("this invitation is {}: ask for a new one", Name(StateOf(inv, Now())))));
    if (inv.email != caller.user.email)
      return Fail(Error::Make(
          ErrorCode::kPermissionDenied,
          fmt::format("this invitation is for {}: sign in with that address to accept it",
                      inv.email)));
    if (!caller.user.email_verified_at)
      return Fail(ConfirmEmailFirst(caller.user, "join an organisation"));
    auto org = TRY(tx.FindOrganisation(inv.organisation_id));
    if (!org) return Fail(NotFound("invitation"));
    auto existing = TRY(tx.FindMember(inv.organisation_id, caller.user.id));
    if (!existing) {
      // Joining an organisation whose application one assesses would make the
      // assessor judge of their own cause.
      auto apps = TRY(tx.ListApplicationsOfOrganisation(inv.organisation_id));
      for (const Application& a : apps) {
        const bool open = a.state != ApplicationState::kDraft &&
                          a.state != ApplicationState::kAwarded &&
                          a.state != ApplicationState::kRejected;
        if (open && a.assessor_id == caller.user.id)
          return Fail(Error::Make(
              ErrorCode::kFailedPrecondition,
              fmt::format("conflict of interest: you assess the application of {}, so you cannot "
                          "join it while the assessment is open; ask the scheme administrator "
                          "to allocate another assessor first",
                          (org)->name)));
      }
    }
    Member member{inv.organisation_id, caller.user.id,   inv.role, Now(),
                  caller.user.name,    caller.user.email};
    if (existing) member = *existing;  // already in: keep their role
    TRY(tx.UpsertMember(member));
    inv.accepted_at = Now();
    TRY(tx.UpdateInvitation(inv));
    out = {*org, member.role};
    TRY(AppendAuditEvent(
        tx,
        {caller.user.id, "invitation.accept", "invitation", inv.id, inv.organisation_id,
         formats::CompactJson(&formats::WriteInvitation, inv, Now())},
        Now()));
    return AppendAuditEvent(tx,
                            {caller.user.id, "member.add", "member",
                             MemberEntityId(inv.organisation_id, caller.user.id),
                             inv.organisation_id, MemberJson(member)},
                            Now());
  }));
  return out;
}

namespace {

Result<void> ApplyScope(const ScopeInput& in, bool require, Scope& scope) {
  std::vector<FieldError> errors;
  if (in.kind) {
    if (auto k = ParseScopeKind(*in.kind)) {
      scope.kind = *k;
    } else {
      errors.push_back({"kind", k.error().message});
    }
  } else if (require) {
    errors.push_back({"kind", "is required"});
  }
  if (in.name) {
    if (auto n = CleanText("name", *in.name, 1, 200)) {
      scope.name = *n;
    } else {
      errors.push_back(n.error().fields.front());
    }
  } else if (require) {
    errors.push_back({"name", "is required"});
  }
  if (in.description) {
    if (auto d = CleanText("description", *in.description, 0, 2000, Lines::kMulti)) {
      scope.description = *d;
    } else {
      errors.push_back(d.error().fields.front());
    }
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

}  // namespace

Result<std::vector<Scope>> OrganisationService::ListScopes(const Caller& caller,
                                                           const std::string& org_id) {
  return ReadInOrganisation<std::vector<Scope>>(
      caller, org_id, OrgAction::kRead, [&](Transaction& tx) { return tx.ListScopes(org_id); });
}

Result<Scope> OrganisationService::CreateScope(const Caller& caller, const std::string& org_id,
                                               const ScopeInput& input) {
  Scope scope;
  scope.organisation_id = org_id;
  scope.id = NewId();
  scope.created_at = Now();
  TRY(ApplyScope(input, true, scope));
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    TRY(CheckQuota(tx, org_id, {.scopes = 1}));
    TRY(tx.InsertScope(scope));
    return AppendAuditEvent(
        tx, {caller.user.id, "scope.create", "scope", scope.id, org_id, ScopeJson(scope)}, Now());
  }));
  return scope;
}

Result<Scope> OrganisationService::GetScope(const Caller& caller, const std::string& org_id,
                                            const std::string& scope_id) {
  return ReadInOrganisation<Scope>(caller, org_id, OrgAction::kRead, [&](Transaction& tx) {
    return Required(tx.FindScope(org_id, scope_id), "scope");
  });
}

Result<Scope> OrganisationService::UpdateScope(const Caller& caller, const std::string& org_id,
                                               const std::string& scope_id,
                                               const ScopeInput& input) {
  Scope scope;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto found = TRY(tx.FindScope(org_id, scope_id));
    if (!found) return Fail(NotFound("scope"));
    scope = *found;
    TRY(ApplyScope(input, false, scope));
    TRY(tx.UpdateScope(scope));
    return AppendAuditEvent(tx,
                            {caller.user.id, "scope.update", "scope", scope.id, org_id,
                             ScopeJson(scope), ScopeJson(*found)},
                            Now());
  }));
  return scope;
}

Result<void> OrganisationService::DeleteScope(const Caller& caller, const std::string& org_id,
                                              const std::string& scope_id) {
  return store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kEdit));
    auto found = TRY(tx.FindScope(org_id, scope_id));
    if (!found) return Fail(NotFound("scope"));
    TRY(tx.DeleteScope(org_id, scope_id));
    return AppendAuditEvent(
        tx, {caller.user.id, "scope.delete", "scope", scope_id, org_id, ScopeJson(*found)}, Now());
  });
}

}  // namespace valuemark::app
