#include "app/network/brokerage.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "app/audit/chain.h"
#include "app/certification/certificates.h"
#include "app/crypto.h"
#include "app/network/directory.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "formats/brokerage_json.h"
#include "formats/impact_map_json.h"
#include "formats/json_writer.h"

namespace valuemark::app {
namespace {

constexpr size_t kMaxReason = 2000;

Error NoSuchMatch() { return Error::Make(ErrorCode::kNotFound, "no such match"); }

bool IsRepresentative(const std::optional<Member>& m) {
  return m && (m->role == MemberRole::kLead || m->role == MemberRole::kSeniorLeader);
}

// What the caller is to a match: its roles in the two organisations.
struct Standing {
  bool broker = false;
  std::optional<Member> need_member;
  std::optional<Member> candidate_member;
  bool SeesMatch(const Match& m) const {
    if (broker) return true;
    if (m.stage == MatchStage::kShortlisted) return false;
    return need_member.has_value() || candidate_member.has_value();
  }
};

Result<Standing> StandingIn(Transaction& tx, const Caller& caller, const Match& m) {
  Standing s;
  s.broker = IsBroker(caller);
  s.need_member = TRY(tx.FindMember(m.need_organisation_id, caller.user.id));
  if (!m.candidate_organisation_id.empty())
    s.candidate_member = TRY(tx.FindMember(m.candidate_organisation_id, caller.user.id));
  return s;
}

// The parties the caller may act as, most particular first.
std::vector<MatchParty> PartiesOf(const Standing& s) {
  std::vector<MatchParty> out;
  if (IsRepresentative(s.candidate_member)) out.push_back(MatchParty::kCandidate);
  if (IsRepresentative(s.need_member)) out.push_back(MatchParty::kNeed);
  if (s.broker) out.push_back(MatchParty::kBroker);
  return out;
}

const char* PartyName(MatchParty p) {
  switch (p) {
    case MatchParty::kBroker:
      return "broker";
    case MatchParty::kNeed:
      return "need";
    case MatchParty::kCandidate:
      return "candidate";
  }
  return "";
}

// The audit's words for a move to `to`.
const char* MoveAction(MatchStage to) {
  switch (to) {
    case MatchStage::kProposed:
      return "brokerage.propose";
    case MatchStage::kIntroduced:
      return "brokerage.accept";
    case MatchStage::kAgreed:
      return "brokerage.agree";
    case MatchStage::kActive:
      return "brokerage.start";
    case MatchStage::kCompleted:
      return "brokerage.complete";
    case MatchStage::kDeclined:
      return "brokerage.decline";
    case MatchStage::kShortlisted:
      return "brokerage.shortlist";
  }
  return "";
}

std::string NeedJson(const Need& n) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("title", n.title)
      .Field("outcomes", n.outcomes)
      .Field("themes", n.themes)
      .Field("areas", n.areas)
      .Key("budget_pence");
  if (n.budget_pence)
    w.Int(*n.budget_pence);
  else
    w.Null();
  w.Field("starts_on", n.starts_on)
      .Field("ends_on", n.ends_on)
      .Field("status", Name(n.status))
      .EndObject();
  return w.Take();
}

std::string MatchJson(const Match& m, const std::string& entry_name, MatchParty by) {
  formats::JsonWriter w(0);
  w.BeginObject()
      .Field("need_id", m.need_id)
      .Field("entry_id", m.entry_id)
      .Field("entry", entry_name)
      .Field("stage", Name(m.stage))
      .Field("by", PartyName(by))
      .Field("score", m.score);
  if (!m.note.empty()) w.Field("note", m.note);
  if (!m.answered_for.empty()) w.Field("answered_for", m.answered_for);
  if (!m.decline_reason.empty()) w.Field("reason", m.decline_reason);
  w.Key("partnership");
  formats::WriteSharedOutcomes(w, m.partnership);
  w.EndObject();
  return w.Take();
}

// Each step is kept on the trail of the need's organisation and, when the
// candidate is on the platform, on the candidate's too.
Result<void> AuditMatch(Transaction& tx, const Caller& caller, const std::string& action,
                        const Match& m, const std::string& json, const std::string& before,
                        UnixTime now) {
  TRY(AppendAuditEvent(
      tx, {caller.user.id, action, "match", m.id, m.need_organisation_id, json, before}, now));
  if (!m.candidate_organisation_id.empty() && m.candidate_organisation_id != m.need_organisation_id)
    TRY(AppendAuditEvent(
        tx, {caller.user.id, action, "match", m.id, m.candidate_organisation_id, json, before},
        now));
  return {};
}

// The Lead and the Senior Leader of an organisation.
Result<std::vector<Member>> Representatives(Transaction& tx, const std::string& org_id) {
  std::vector<Member> out;
  for (Member& m : TRY(tx.ListMembers(org_id)))
    if (m.role == MemberRole::kLead || m.role == MemberRole::kSeniorLeader)
      out.push_back(std::move(m));
  return out;
}

std::string OrganisationName(Transaction& tx, const std::string& org_id) {
  auto org = tx.FindOrganisation(org_id);
  return org && *org ? (*org)->name : std::string();
}

// A map's outcome, by id, in the latest version of an organisation's map.
Result<std::optional<ImpactMap>> LatestMap(Transaction& tx, const std::string& org_id,
                                           const std::string& map_id) {
  auto record = TRY(tx.FindRecord(org_id, kImpactMapKind, map_id, 0));
  if (!record) return std::optional<ImpactMap>();
  auto map = formats::ParseImpactMap(record->body);
  if (!map) return std::optional<ImpactMap>();
  return std::optional<ImpactMap>(std::move(*map));
}

}  // namespace

namespace {

// The view of a match for the caller (who may see it).
Result<MatchView> ViewOf(Transaction& tx, const Standing& s, Match m,
                         const std::optional<Need>& known_need = std::nullopt) {
  MatchView v;
  v.need = known_need ? *known_need : TRY(tx.FindNeed(m.need_id)).value_or(Need{});
  v.need_organisation_name = OrganisationName(tx, m.need_organisation_id);
  auto entry = TRY(tx.FindDirectoryEntry(m.entry_id));
  const bool shared = ContactShared(m.stage, m.introduced);
  const bool candidate_side = s.broker || s.candidate_member.has_value();
  if (entry) {
    v.candidate_listed = entry->listed;
    if (entry->listed || shared || candidate_side) {
      v.candidate_name = entry->name;
      v.candidate_summary = entry->summary;
    }
    if (shared || s.broker)
      if (!entry->contact_email.empty() || !entry->contact_name.empty())
        v.candidate_contact = Contact{entry->contact_name, entry->contact_email};
  } else {
    v.candidate_name = "An enterprise no longer in the directory";
  }
  if (shared || s.broker) {
    if (auto user = TRY(tx.FindUserById(v.need.created_by)))
      v.need_contact = Contact{user->name, user->email};
  }
  const auto parties = PartiesOf(s);
  v.party = parties.empty() ? "" : PartyName(parties.front());
  for (MatchStage to : {MatchStage::kProposed, MatchStage::kIntroduced, MatchStage::kAgreed,
                        MatchStage::kActive, MatchStage::kCompleted, MatchStage::kDeclined}) {
    for (MatchParty p : parties) {
      if (!CheckMatchMove(m.stage, to, p)) continue;
      // The broker answers a proposal only for an enterprise on no account.
      if (p == MatchParty::kBroker && to == MatchStage::kIntroduced &&
          !m.candidate_organisation_id.empty())
        continue;
      v.moves.push_back(to);
      break;
    }
  }
  const bool collaborating = m.stage == MatchStage::kAgreed || m.stage == MatchStage::kActive ||
                             m.stage == MatchStage::kCompleted;
  v.may_edit_partnership = collaborating && !parties.empty();
  v.may_link_need_map = collaborating && IsRepresentative(s.need_member);
  v.may_link_candidate_map = collaborating && IsRepresentative(s.candidate_member);
  v.match = std::move(m);
  return v;
}

}  // namespace

Result<std::vector<NeedView>> BrokerageService::NeedsOf(const Caller& caller,
                                                        const std::string& org_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<NeedView>> {
    auto role = TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    const std::string name = OrganisationName(tx, org_id);
    std::vector<NeedView> out;
    for (Need& n : TRY(tx.ListNeedsOfOrganisation(org_id))) {
      NeedView v;
      v.organisation_name = name;
      std::optional<Member> member;
      if (role) {
        member.emplace();
        member->organisation_id = org_id;
        member->role = *role;
      }
      v.may_edit = IsRepresentative(member);
      for (const Match& m : TRY(tx.ListMatchesOfNeed(n.id)))
        ++(m.stage == MatchStage::kShortlisted ? v.shortlisted : v.proposals);
      v.need = std::move(n);
      out.push_back(std::move(v));
    }
    return out;
  });
}

namespace {

Result<Need> CheckedNeed(const NeedInput& in) {
  std::vector<FieldError> errors;
  auto take = [&](auto r) {
    if (!r) errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
    return r ? *r : std::string();
  };
  Need n;
  n.title = take(CleanText("title", in.title, 3, kMaxNeedTitle));
  n.outcomes = take(CleanText("outcomes", in.outcomes, 10, kMaxNeedText, Lines::kMulti));
  n.themes = in.themes;
  n.areas = in.areas;
  n.budget_pence = in.budget_pence;
  n.starts_on = in.starts_on;
  n.ends_on = in.ends_on;
  if (!in.status.empty()) {
    if (auto s = ParseNeedStatus(in.status))
      n.status = *s;
    else
      errors.push_back({"status", "must be open or closed"});
  }
  if (auto r = NormaliseNeed(DirectoryTaxonomy(), n); !r)
    errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return n;
}

}  // namespace

Result<NeedView> BrokerageService::PostNeed(const Caller& caller, const std::string& org_id,
                                            const NeedInput& in) {
  Need n = TRY(CheckedNeed(in));
  if (!in.status.empty() && n.status != NeedStatus::kOpen)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "status", "a new need is open"));
  return store_.WriteValue([&](Transaction& tx) -> Result<NeedView> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kDecide));
    n.id = NewId();
    n.organisation_id = org_id;
    n.status = NeedStatus::kOpen;
    n.created_by = caller.user.id;
    n.created_at = n.updated_at = Now();
    n.version = 1;
    TRY(tx.InsertNeed(n));
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "brokerage.need_post", "need", n.id, org_id, NeedJson(n)}, Now()));
    const std::string org_name = OrganisationName(tx, org_id);
    for (const User& broker : TRY(Brokers(tx))) {
      TRY(NotifyUser(
          tx, broker.id,
          fmt::format("ValueMark: {} posted a need: {}", OneLine(org_name), OneLine(n.title)),
          fmt::format("{} posted a need for partners: {}\n\nThe outcomes they want:\n{}"
                      "\n\nRank the candidates and shortlist: {}/broker/needs/{}",
                      org_name, n.title, n.outcomes, options_.public_url, n.id),
          Now()));
    }
    return NeedView{n, org_name, true, 0};
  });
}

Result<NeedView> BrokerageService::UpdateNeed(const Caller& caller, const std::string& need_id,
                                              const NeedInput& in) {
  Need n = TRY(CheckedNeed(in));
  return store_.WriteValue([&](Transaction& tx) -> Result<NeedView> {
    auto before = TRY(tx.FindNeed(need_id));
    if (!before) return Fail(NoSuchNeed());
    TRY(Authorise(tx, caller, before->organisation_id, OrgAction::kDecide));
    TRY(CheckVersionSeen("changed this need", in.version, before->version));
    if (in.status.empty()) n.status = before->status;
    n.id = before->id;
    n.organisation_id = before->organisation_id;
    n.created_by = before->created_by;
    n.created_at = before->created_at;
    n.updated_at = Now();
    n.version = before->version;
    TRY(tx.UpdateNeed(n));
    ++n.version;
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "brokerage.need_update", "need", n.id, n.organisation_id,
                          NeedJson(n), NeedJson(*before)},
                         Now()));
    int proposals = 0;
    for (const Match& m : TRY(tx.ListMatchesOfNeed(n.id)))
      if (m.stage != MatchStage::kShortlisted) ++proposals;
    return NeedView{n, OrganisationName(tx, n.organisation_id), true, proposals};
  });
}

Result<NeedDetail> BrokerageService::GetNeed(const Caller& caller, const std::string& need_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<NeedDetail> {
    auto need = TRY(tx.FindNeed(need_id));
    if (!need) return Fail(NoSuchNeed());
    const bool broker = IsBroker(caller);
    auto member = TRY(tx.FindMember(need->organisation_id, caller.user.id));
    NeedDetail out;
    for (Match& m : TRY(tx.ListMatchesOfNeed(need_id))) {
      const Standing s = TRY(StandingIn(tx, caller, m));
      if (!s.SeesMatch(m)) continue;
      if (!broker && !member && !s.candidate_member) continue;
      ++(m.stage == MatchStage::kShortlisted ? out.need.shortlisted : out.need.proposals);
      out.matches.push_back(TRY(ViewOf(tx, s, std::move(m), need)));
    }
    // Those outside the organisation see the need only through a match of theirs.
    if (!broker && !member && out.matches.empty()) {
      TRY(Authorise(tx, caller, need->organisation_id, OrgAction::kRead));
    }
    out.need.may_edit = IsRepresentative(member);
    out.need.organisation_name = OrganisationName(tx, need->organisation_id);
    out.need.need = std::move(*need);
    return out;
  });
}

Result<std::vector<NeedView>> BrokerageService::OpenNeeds(const Caller& caller) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<NeedView>> {
    std::vector<NeedView> out;
    std::unordered_map<std::string, std::string> names;
    for (Need& n : TRY(tx.ListNeedsByStatus(NeedStatus::kOpen))) {
      NeedView v;
      auto [it, fresh] = names.try_emplace(n.organisation_id);
      if (fresh) it->second = OrganisationName(tx, n.organisation_id);
      v.organisation_name = it->second;
      for (const Match& m : TRY(tx.ListMatchesOfNeed(n.id)))
        if (m.stage != MatchStage::kShortlisted) ++v.proposals;
      v.need = std::move(n);
      out.push_back(std::move(v));
    }
    return out;
  });
}

Error BrokerageService::NoSuchNeed() { return Error::Make(ErrorCode::kNotFound, "no such need"); }

Result<MatchView> BrokerageService::Shortlist(const Caller& caller, const std::string& need_id,
                                              const std::string& entry_id) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  return store_.WriteValue([&](Transaction& tx) -> Result<MatchView> {
    auto need = TRY(tx.FindNeed(need_id));
    if (!need) return Fail(NoSuchNeed());
    if (need->status != NeedStatus::kOpen)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "this need is closed: its organisation reopens it first"));
    auto entry = TRY(tx.FindDirectoryEntry(entry_id));
    if (!entry)
      return Fail(Error::Field(ErrorCode::kNotFound, "entry_id", "no such directory entry"));
    if (entry->organisation_id == need->organisation_id)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "entry_id",
                               "this is the need's own organisation"));
    if (entry->source == DirectorySource::kOrganisation && !entry->listed)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "entry_id",
                               fmt::format("{} is not listed in the directory: an organisation "
                                           "is proposed only once it chooses to be found",
                                           entry->name)));
    Match m;
    m.id = NewId();
    m.need_id = need_id;
    m.entry_id = entry_id;
    m.need_organisation_id = need->organisation_id;
    m.candidate_organisation_id = entry->organisation_id;
    m.stage = MatchStage::kShortlisted;
    // The score kept with the match is the ranking's, as it stands now.
    RankedCandidate r = TRY(ScoreNow(tx, *need, *entry));
    m.score = r.score;
    m.parts = std::move(r.parts);
    m.created_by = caller.user.id;
    m.created_at = m.updated_at = Now();
    auto inserted = tx.InsertMatch(m);
    if (!inserted && inserted.error().code == ErrorCode::kAlreadyExists)
      return Fail(Error::Field(ErrorCode::kAlreadyExists, "entry_id",
                               fmt::format("{} is already matched with this need", entry->name)));
    TRY(std::move(inserted));
    // Only the broker sees a shortlist: it is kept on the platform's trail.
    TRY(AppendAuditEvent(tx,
                         {caller.user.id, "brokerage.shortlist", "match", m.id, "",
                          MatchJson(m, entry->name, MatchParty::kBroker)},
                         Now()));
    Standing s;
    s.broker = true;
    return ViewOf(tx, s, std::move(m), need);
  });
}

Result<void> BrokerageService::RemoveFromShortlist(const Caller& caller,
                                                   const std::string& match_id) {
  if (!IsBroker(caller)) return Fail(NotAllowed());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto m = TRY(tx.FindMatch(match_id));
    if (!m) return Fail(NoSuchMatch());
    if (m->stage != MatchStage::kShortlisted)
      return Fail(Error::Make(ErrorCode::kFailedPrecondition,
                              "this candidate has been proposed: decline the match instead, with "
                              "the reason"));
    TRY(tx.DeleteMatch(match_id));
    auto entry = TRY(tx.FindDirectoryEntry(m->entry_id));
    return AppendAuditEvent(tx,
                            {caller.user.id, "brokerage.shortlist_remove", "match", m->id, "",
                             MatchJson(*m, entry ? entry->name : "", MatchParty::kBroker)},
                            Now());
  });
}

Result<MatchView> BrokerageService::GetMatch(const Caller& caller, const std::string& match_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<MatchView> {
    auto m = TRY(tx.FindMatch(match_id));
    if (!m) return Fail(NoSuchMatch());
    const Standing s = TRY(StandingIn(tx, caller, *m));
    if (!s.SeesMatch(*m)) return Fail(NoSuchMatch());
    return ViewOf(tx, s, std::move(*m));
  });
}

Result<MatchView> BrokerageService::Move(const Caller& caller, const std::string& match_id,
                                         const MoveInput& in) {
  std::string reason, note, answered_for;
  {
    std::vector<FieldError> errors;
    auto take = [&](auto r) {
      if (!r) errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
      return r ? *r : std::string();
    };
    reason = take(CleanText("reason", in.reason, in.stage == MatchStage::kDeclined ? 3 : 0,
                            kMaxReason, Lines::kMulti));
    note = take(CleanText("note", in.note, 0, kMaxReason, Lines::kMulti));
    answered_for = take(CleanText("answered_for", in.answered_for, 0, kMaxReason, Lines::kMulti));
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  }
  return store_.WriteValue([&](Transaction& tx) -> Result<MatchView> {
    auto found = TRY(tx.FindMatch(match_id));
    if (!found) return Fail(NoSuchMatch());
    Match m = std::move(*found);
    const Standing s = TRY(StandingIn(tx, caller, m));
    if (!s.SeesMatch(m)) return Fail(NoSuchMatch());
    TRY(CheckVersionSeen("moved this match", in.version, m.version));
    const auto parties = PartiesOf(s);
    if (parties.empty())
      return Fail(Error::Make(ErrorCode::kPermissionDenied,
                              "only the Lead or the Senior Leader moves a match, or the broker"));
    // The first party the move is open to acts; else the first refusal is told.
    std::optional<MatchParty> acting;
    std::optional<Error> refusal;
    for (MatchParty p : parties) {
      auto ok = CheckMatchMove(m.stage, in.stage, p);
      if (ok) {
        acting = p;
        break;
      }
      if (!refusal) refusal = ok.error();
    }
    if (!acting) return Fail(*refusal);
    if (*acting == MatchParty::kBroker && in.stage == MatchStage::kIntroduced) {
      if (!m.candidate_organisation_id.empty())
        return Fail(Error::Make(ErrorCode::kPermissionDenied,
                                "this enterprise is on ValueMark: its Lead or Senior Leader "
                                "accepts the proposal themselves"));
      if (answered_for.empty())
        return Fail(Error::Field(ErrorCode::kInvalidArgument, "answered_for",
                                 "say how the enterprise told you it accepts (who, when, how)"));
    }
    auto entry = TRY(tx.FindDirectoryEntry(m.entry_id));
    const std::string entry_name = entry ? entry->name : "the candidate";
    const Match before = m;
    const MatchStage from = m.stage;
    m.stage = in.stage;
    if (in.stage == MatchStage::kIntroduced) m.introduced = true;
    if (in.stage == MatchStage::kDeclined) m.decline_reason = reason;
    if (in.stage == MatchStage::kProposed) m.note = note;
    if (!answered_for.empty() && *acting == MatchParty::kBroker) m.answered_for = answered_for;
    m.updated_at = Now();
    TRY(tx.UpdateMatch(m));
    ++m.version;
    const std::string action = from == MatchStage::kShortlisted && in.stage == MatchStage::kDeclined
                                   ? "brokerage.shortlist_decline"
                                   : MoveAction(in.stage);
    TRY(AuditMatch(tx, caller, action, m, MatchJson(m, entry_name, *acting),
                   MatchJson(before, entry_name, *acting), Now()));

    auto need = TRY(tx.FindNeed(m.need_id)).value_or(Need{});
    const std::string need_org = OrganisationName(tx, m.need_organisation_id);
    const std::string link = fmt::format("{}/partnerships/{}", options_.public_url, m.id);
    auto notify = [&](const std::vector<Member>& to, const std::string& subject,
                      const std::string& body) -> Result<void> {
      for (const Member& r : to)
        if (r.user_id != caller.user.id) TRY(NotifyUser(tx, r.user_id, subject, body, Now()));
      return {};
    };
    auto brokers = [&]() -> Result<std::vector<Member>> {
      std::vector<Member> out;
      for (const User& b : TRY(Brokers(tx))) {
        Member broker;
        broker.user_id = b.id;
        out.push_back(std::move(broker));
      }
      return out;
    };
    if (in.stage == MatchStage::kProposed && !m.candidate_organisation_id.empty()) {
      TRY(notify(TRY(Representatives(tx, m.candidate_organisation_id)),
                 fmt::format("ValueMark: a proposed partnership with {}", OneLine(need_org)),
                 fmt::format("The ValueMark broker proposes that {} works with {} on: {}\n\n{}"
                             "Read the proposal and accept or decline it: {}\n\nYour contact "
                             "details are shared only if you accept.",
                             entry_name, need_org, need.title,
                             note.empty() ? "" : "The broker's note:\n" + note + "\n\n", link)));
    } else if (in.stage == MatchStage::kIntroduced) {
      TRY(notify(TRY(Representatives(tx, m.need_organisation_id)),
                 fmt::format("ValueMark: {} accepted to work with you", OneLine(entry_name)),
                 fmt::format("{} accepted the broker's proposal for \"{}\". You can now see each "
                             "other's contact details: {}",
                             entry_name, need.title, link)));
      TRY(notify(TRY(brokers()), fmt::format("ValueMark: {} accepted", OneLine(entry_name)),
                 fmt::format("{} accepted the proposal for {}'s need \"{}\": {}", entry_name,
                             need_org, need.title, link)));
    } else if (in.stage == MatchStage::kDeclined) {
      const std::string subject = fmt::format("ValueMark: the match of {} with {} was declined",
                                              OneLine(entry_name), OneLine(need_org));
      const std::string body =
          fmt::format("The match of {} with \"{}\" was declined. The reason given:\n{}\n\n{}",
                      entry_name, need.title, reason, link);
      TRY(notify(TRY(brokers()), subject, body));
      if (before.introduced) {
        TRY(notify(TRY(Representatives(tx, m.need_organisation_id)), subject, body));
        if (!m.candidate_organisation_id.empty())
          TRY(notify(TRY(Representatives(tx, m.candidate_organisation_id)), subject, body));
      }
    }
    return ViewOf(tx, s, std::move(m), need);
  });
}

Result<MatchView> BrokerageService::SavePartnership(const Caller& caller,
                                                    const std::string& match_id,
                                                    std::vector<SharedOutcome> outcomes,
                                                    std::optional<int64_t> version) {
  {
    std::vector<FieldError> errors;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      auto d = CleanText(fmt::format("outcomes[{}].description", i), outcomes[i].description, 1,
                         kMaxSharedOutcomeText);
      if (d)
        outcomes[i].description = *d;
      else
        errors.insert(errors.end(), d.error().fields.begin(), d.error().fields.end());
    }
    if (auto checked = CheckPartnership(outcomes); !checked)
      for (const FieldError& e : checked.error().fields)
        if (std::none_of(errors.begin(), errors.end(),
                         [&](const FieldError& x) { return x.path == e.path; }))
          errors.push_back(e);
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  }
  return store_.WriteValue([&](Transaction& tx) -> Result<MatchView> {
    auto found = TRY(tx.FindMatch(match_id));
    if (!found) return Fail(NoSuchMatch());
    Match m = std::move(*found);
    const Standing s = TRY(StandingIn(tx, caller, m));
    if (!s.SeesMatch(m)) return Fail(NoSuchMatch());
    TRY(CheckVersionSeen("changed this partnership", version, m.version));
    const MatchView seen = TRY(ViewOf(tx, s, m));
    if (!seen.may_edit_partnership)
      return Fail(Error::Make(
          m.stage == MatchStage::kAgreed || m.stage == MatchStage::kActive ||
                  m.stage == MatchStage::kCompleted
              ? ErrorCode::kPermissionDenied
              : ErrorCode::kFailedPrecondition,
          m.stage == MatchStage::kAgreed || m.stage == MatchStage::kActive ||
                  m.stage == MatchStage::kCompleted
              ? "only the partners' Leads or Senior Leaders, or the broker, record the partnership"
              : "the partnership is recorded once the partners have agreed to work together"));
    // Each side's links are its own: kept as they were unless its own
    // representative changes them, and checked against its maps.
    std::map<std::string, const SharedOutcome*> previous;
    for (const SharedOutcome& o : m.partnership) previous[o.id] = &o;
    std::vector<FieldError> errors;
    for (size_t i = 0; i < outcomes.size(); ++i) {
      SharedOutcome& o = outcomes[i];
      const SharedOutcome* old = nullptr;
      if (auto it = previous.find(o.id); !o.id.empty() && it != previous.end()) old = it->second;
      if (!old) o.id = NewId();
      for (size_t j = 0; j < o.claims.size(); ++j) {
        PartnerClaim& c = o.claims[j];
        const bool need_side = c.side == PartnerSide::kNeed;
        const bool own = need_side ? seen.may_link_need_map : seen.may_link_candidate_map;
        const PartnerClaim* was = nullptr;
        if (old)
          for (const PartnerClaim& pc : old->claims)
            if (pc.side == c.side) was = &pc;
        const std::string was_map = was ? was->map_id : "",
                          was_outcome = was ? was->outcome_id : "";
        if (c.map_id == was_map && c.outcome_id == was_outcome) continue;
        const std::string at = fmt::format("outcomes[{}].claims[{}].map_id", i, j);
        if (!own) {
          errors.push_back({at, need_side ? "only the need's organisation links its own impact map"
                                          : "only the candidate links its own impact map"});
          continue;
        }
        if (c.map_id.empty()) continue;  // unlinking
        const std::string org = need_side ? m.need_organisation_id : m.candidate_organisation_id;
        auto map = TRY(LatestMap(tx, org, c.map_id));
        if (!map) {
          errors.push_back({at, "choose one of your organisation's impact maps"});
          continue;
        }
        const bool has = std::any_of(map->outcomes.begin(), map->outcomes.end(),
                                     [&](const Outcome& x) { return x.id == c.outcome_id; });
        if (!has)
          errors.push_back({fmt::format("outcomes[{}].claims[{}].outcome_id", i, j),
                            fmt::format("the impact map \"{}\" has no outcome \"{}\"", map->name,
                                        c.outcome_id)});
      }
    }
    if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    const Match before = m;
    m.partnership = std::move(outcomes);
    m.updated_at = Now();
    TRY(tx.UpdateMatch(m));
    ++m.version;
    auto entry = TRY(tx.FindDirectoryEntry(m.entry_id));
    const auto parties = PartiesOf(s);
    TRY(AuditMatch(tx, caller, "brokerage.partnership", m,
                   MatchJson(m, entry ? entry->name : "", parties.front()),
                   MatchJson(before, entry ? entry->name : "", parties.front()), Now()));
    return ViewOf(tx, s, std::move(m));
  });
}

Result<std::vector<MatchView>> BrokerageService::MatchesOf(const Caller& caller,
                                                           const std::string& org_id) {
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<MatchView>> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    std::vector<MatchView> out;
    for (Match& m : TRY(tx.ListMatchesOfOrganisation(org_id))) {
      if (m.stage == MatchStage::kShortlisted) continue;
      const Standing s = TRY(StandingIn(tx, caller, m));
      out.push_back(TRY(ViewOf(tx, s, std::move(m))));
    }
    return out;
  });
}

Result<std::vector<Finding>> PartnershipFindingsIn(Transaction& tx, const std::string& org_id,
                                                   const std::string& map_id,
                                                   const ImpactMap& map) {
  std::vector<ClaimOnMap> claims;
  for (const Match& m : TRY(tx.ListMatchesOfOrganisation(org_id))) {
    if (m.stage == MatchStage::kDeclined || m.partnership.empty()) continue;
    const bool need_side = m.need_organisation_id == org_id;
    const PartnerSide mine = need_side ? PartnerSide::kNeed : PartnerSide::kCandidate;
    std::string partner_name;
    if (need_side) {
      auto entry = TRY(tx.FindDirectoryEntry(m.entry_id));
      partner_name = entry ? entry->name : "your partner";
    } else {
      partner_name = OrganisationName(tx, m.need_organisation_id);
    }
    const std::string partner_org =
        need_side ? m.candidate_organisation_id : m.need_organisation_id;
    for (const SharedOutcome& o : m.partnership) {
      const PartnerClaim* own = nullptr;
      const PartnerClaim* theirs = nullptr;
      for (const PartnerClaim& c : o.claims) (c.side == mine ? own : theirs) = &c;
      if (!own || own->map_id != map_id) continue;
      ClaimOnMap claim;
      claim.outcome_id = own->outcome_id;
      claim.shared_description = o.description;
      claim.agreed_share = own->share;
      claim.partner_name = partner_name;
      claim.partner_agreed_share = theirs ? theirs->share : 0;
      if (theirs && !theirs->map_id.empty() && !partner_org.empty()) {
        if (auto pm = TRY(LatestMap(tx, partner_org, theirs->map_id))) {
          for (const Outcome& x : pm->outcomes)
            if (x.id == theirs->outcome_id) claim.partner_claimed = 1 - x.attribution.value();
        }
      }
      claims.push_back(std::move(claim));
    }
  }
  return valuemark::PartnershipFindings(map, claims);
}

Result<std::vector<Finding>> BrokerageService::PartnershipFindings(const std::string& org_id,
                                                                   const std::string& map_id,
                                                                   const ImpactMap& map) {
  return store_.ReadValue([&](Transaction& tx) -> Result<std::vector<Finding>> {
    return PartnershipFindingsIn(tx, org_id, map_id, map);
  });
}

Result<std::vector<Finding>> BrokerageService::PartnershipFindingsFor(const Caller& caller,
                                                                      const std::string& map_id,
                                                                      const ImpactMap& map) {
  if (map_id.empty()) return std::vector<Finding>{};
  auto org = store_.ReadValue([&](Transaction& tx) {
    return AuthoriseRecord(tx, caller, kImpactMapKind, map_id, OrgAction::kRead);
  });
  if (!org) return std::vector<Finding>{};
  return PartnershipFindings(*org, map_id, map);
}

}  // namespace valuemark::app
