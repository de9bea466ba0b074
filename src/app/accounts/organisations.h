// The organisations of the accounts module (docs/api.md "Organisations",
// "Members", "Invitations", "Scopes"): profiles and the dashboard, members and
// their representatives, invitations, and the scopes of their work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"

namespace valuemark::app {

// Profile fields; absent ones are left as they are (patch) or required (create).
struct OrganisationInput {
  std::optional<std::string> name, legal_structure, sector, size_band, area;
};

struct MembershipInput {
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> start, expiry;  // present-null clears
};

struct OrganisationPatch {
  int64_t version = 0;
  OrganisationInput profile;
  std::optional<MembershipInput> membership;
};

struct ScopeInput {
  std::optional<std::string> kind, name, description;
};

struct OrganisationListItem {
  Organisation organisation;
  std::optional<MemberRole> my_role;
};

struct Dashboard {
  Organisation organisation;
  std::optional<MemberRole> my_role;
  std::vector<Member> members;
  std::vector<Scope> scopes;
  std::vector<Invitation> pending_invitations;  // only for those who may edit
  std::optional<Member> lead, senior_leader;
};

struct CreatedInvitation {
  Invitation invitation;
  std::string accept_url;
};

struct InvitationView {
  std::string organisation_id, organisation_name;
  std::string email;
  MemberRole role = MemberRole::kMember;
  InvitationState state = InvitationState::kPending;
};

class OrganisationService : public UseCases {
 public:
  using UseCases::UseCases;

  // Those the caller may see whose name contains name_part (any case).
  Result<Page<OrganisationListItem>> ListOrganisations(const Caller& caller,
                                                       const PageRequest& page,
                                                       const std::string& name_part = "");
  Result<Organisation> CreateOrganisation(const Caller& caller, const OrganisationInput& input);
  Result<Organisation> GetOrganisation(const Caller& caller, const std::string& id);
  Result<Organisation> UpdateOrganisation(const Caller& caller, const std::string& id,
                                          const OrganisationPatch& patch);
  Result<Dashboard> GetDashboard(const Caller& caller, const std::string& id);

  // Members and representatives
  Result<std::vector<Member>> ListMembers(const Caller& caller, const std::string& org_id);
  Result<Member> ChangeMemberRole(const Caller& caller, const std::string& org_id,
                                  const std::string& user_id, const std::string& role);
  Result<void> RemoveMember(const Caller& caller, const std::string& org_id,
                            const std::string& user_id);
  Result<Organisation> SetRepresentatives(const Caller& caller, const std::string& org_id,
                                          const std::optional<std::string>& lead_user_id,
                                          const std::optional<std::string>& senior_leader_user_id);

  // Invitations
  Result<std::vector<Invitation>> ListInvitations(const Caller& caller, const std::string& org_id);
  Result<CreatedInvitation> Invite(const Caller& caller, const std::string& org_id,
                                   const std::string& email, const std::string& role);
  Result<void> RevokeInvitation(const Caller& caller, const std::string& org_id,
                                const std::string& invitation_id);
  Result<InvitationView> ViewInvitation(const std::string& token);
  Result<OrganisationWithRole> AcceptInvitation(const Caller& caller, const std::string& token);

  // Scopes
  Result<std::vector<Scope>> ListScopes(const Caller& caller, const std::string& org_id);
  Result<Scope> CreateScope(const Caller& caller, const std::string& org_id,
                            const ScopeInput& input);
  Result<Scope> GetScope(const Caller& caller, const std::string& org_id,
                         const std::string& scope_id);
  Result<Scope> UpdateScope(const Caller& caller, const std::string& org_id,
                            const std::string& scope_id, const ScopeInput& input);
  Result<void> DeleteScope(const Caller& caller, const std::string& org_id,
                           const std::string& scope_id);
};

}  // namespace valuemark::app
