// The certification rules, one test per rule, each citing the scheme text it
// implements (the SVMC guidance and SVQM overview named in
// core/certification.h). Dates and figures checked by hand.
#include "core/certification.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace valuemark {
namespace {

// 2026-11-30 00:00:00 UTC.
constexpr UnixTime kNow = 20787LL * 86400;
constexpr Days kToday = 20787;

Scheme Svmc() {
  Scheme s;
  s.id = "svmc";
  s.name = "Social Value Management Certificate";
  s.version = 2;
  s.fees_pence = {50000, 75000, 100000, 125000};
  s.sign_off = {MemberRole::kLead, MemberRole::kSeniorLeader};
  s.stages = {"Plan", "Do"};
  s.levels = {{1, "Commit", true, 0, "", {{"c1", 1, "Plan", "t", "g"}, {"c2", 1, "Do", "t", "g"}}},
              {2, "Implement", true, 0, "", {{"i1", 2, "Do", "t", "g"}}}};
  return s;
}

Organisation Member() {
  Organisation o;
  o.id = "org";
  o.name = "Riverside";
  o.membership_status = MembershipStatus::kActive;
  o.membership_expiry = "2027-12-31";
  o.lead_user_id = "lead";
  o.senior_leader_user_id = "chair";
  return o;
}

Application Draft(int level = 1) {
  Application a;
  a.organisation_id = "org";
  a.id = "app";
  a.scheme_id = "svmc";
  a.scheme_version = 2;
  a.level = level;
  a.terms_accepted_at = kNow;
  return a;
}

EvidenceItem Link(const std::string& id, const std::string& criterion) {
  EvidenceItem e;
  e.id = id;
  e.criterion_id = criterion;
  e.kind = EvidenceKind::kLink;
  e.title = "Policy";
  e.url = "https://example.org/policy.pdf";
  return e;
}

// A draft with evidence for every level-1 criterion, signed off by both.
Application Complete(const Scheme& s) {
  Application a = Draft();
  EXPECT_TRUE(AddEvidence(a, s, Link("e1", "c1")).has_value());
  EXPECT_TRUE(AddEvidence(a, s, Link("e2", "c2")).has_value());
  EXPECT_TRUE(SignOffEvidence(a, s, MemberRole::kLead, true, "lead", kNow).has_value());
  EXPECT_TRUE(SignOffEvidence(a, s, MemberRole::kSeniorLeader, true, "chair", kNow).has_value());
  return a;
}

std::vector<Round> Rounds() {
  return {{"r1", "Winter", "2026-11-23", "2026-12-06", "admin", 0},
          {"r2", "Spring", "2027-03-01", "2027-03-14", "admin", 0}};
}

std::vector<std::string> Codes(const std::vector<EligibilityProblem>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code);
  return out;
}

EligibilityInput Input(const Scheme& s, const Organisation& o, int level,
                       std::vector<const Application*> others = {}) {
  return EligibilityInput{&s, level, &o, true, std::move(others), kToday};
}

TEST(Eligibility, AnActiveMemberWithBothRepresentativesMayApplyForLevel1) {
  const Scheme s = Svmc();
  const Organisation o = Member();
  EXPECT_TRUE(CheckEligibility(Input(s, o, 1)).empty());
}

// SVMC guidance "How to Apply" 1, "Cost": organisational membership; "How
// to Apply" 3: terms; "Organisational Social Value Representatives": both named.
TEST(Eligibility, EveryFailingReasonIsReported) {
  const Scheme s = Svmc();
  Organisation o = Member();
  o.membership_status = MembershipStatus::kLapsed;
  o.lead_user_id.reset();
  o.senior_leader_user_id.reset();
  EligibilityInput in = Input(s, o, 2);
  in.terms_accepted = false;
  EXPECT_EQ(
      Codes(CheckEligibility(in)),
      (std::vector<std::string>{"membership_inactive", "previous_level_not_held", "lead_not_named",
                                "senior_leader_not_named", "terms_not_accepted"}));
}

TEST(Eligibility, ExpiredMembershipIsNotActive) {
  const Scheme s = Svmc();
  Organisation o = Member();
  o.membership_expiry = "2026-11-29";  // yesterday
  EXPECT_EQ(Codes(CheckEligibility(Input(s, o, 1))),
            (std::vector<std::string>{"membership_expired"}));
}

// "each level must be achieved to be able to move to the next level";
// "Accreditation is valid for two years".
TEST(Eligibility, Level2NeedsACurrentLevel1Award) {
  const Scheme s = Svmc();
  const Organisation o = Member();
  Application level1 = Draft(1);
  level1.state = ApplicationState::kAwarded;
  level1.awarded_on = "2025-01-10";
  level1.expires_on = "2027-01-10";
  EXPECT_TRUE(CheckEligibility(Input(s, o, 2, {&level1})).empty());
  level1.expires_on = "2026-11-30";  // lapses today
  EXPECT_EQ(Codes(CheckEligibility(Input(s, o, 2, {&level1}))),
            (std::vector<std::string>{"previous_level_not_held"}));
}

// FAQ: "Can you apply for more than one level at one time? No."
TEST(Eligibility, OneLevelAtATime) {
  const Scheme s = Svmc();
  const Organisation o = Member();
  Application open = Draft(1);
  open.state = ApplicationState::kInReview;
  EXPECT_EQ(Codes(CheckEligibility(Input(s, o, 1, {&open}))),
            (std::vector<std::string>{"application_open"}));
}

// "All evidence ... must be agreed and signed off by both identified Social
// Value Representatives": changed evidence needs agreeing again.
TEST(SignOff, ChangingEvidenceVoidsSignOffs) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  EXPECT_TRUE(MissingSignOffs(a, s).empty());
  ASSERT_TRUE(AddEvidence(a, s, Link("e3", "c1")).has_value());
  EXPECT_EQ(MissingSignOffs(a, s).size(), 2u);
  ASSERT_TRUE(SignOffEvidence(a, s, MemberRole::kLead, true, "lead", kNow).has_value());
  ASSERT_TRUE(RemoveEvidence(a, "e3").has_value());
  EXPECT_EQ(MissingSignOffs(a, s).size(), 2u);
}

TEST(SignOff, WrongRoleUnnamedOrTwiceIsRefused) {
  const Scheme s = Svmc();
  Application a = Draft();
  ASSERT_TRUE(AddEvidence(a, s, Link("e1", "c1")).has_value());
  EXPECT_EQ(SignOffEvidence(a, s, MemberRole::kMember, true, "m", kNow).error().code,
            ErrorCode::kPermissionDenied);
  EXPECT_EQ(SignOffEvidence(a, s, MemberRole::kLead, false, "other-lead", kNow).error().code,
            ErrorCode::kPermissionDenied);
  ASSERT_TRUE(SignOffEvidence(a, s, MemberRole::kLead, true, "lead", kNow).has_value());
  EXPECT_EQ(SignOffEvidence(a, s, MemberRole::kLead, true, "lead", kNow).error().code,
            ErrorCode::kFailedPrecondition);
}

TEST(Evidence, OnlyForCriteriaOfTheLevel) {
  const Scheme s = Svmc();
  Application a = Draft();
  auto r = AddEvidence(a, s, Link("e1", "i1"));  // a level-2 criterion
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.front().path, "criterion_id");
}

// "An organisation will need to provide evidence to meet all of the criteria".
TEST(Submit, AnIncompleteApplicationNamesWhatIsMissing) {
  const Scheme s = Svmc();
  Application a = Draft();
  ASSERT_TRUE(AddEvidence(a, s, Link("e1", "c1")).has_value());
  auto r = Submit(a, s, {}, Rounds(), kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  std::vector<std::string> paths;
  for (const FieldError& f : r.error().fields) paths.push_back(f.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"evidence.c2", "sign_offs.lead", "sign_offs.senior_leader"}));
  EXPECT_EQ(a.state, ApplicationState::kDraft);
}

// Rounds: "your application will only be processed during the ... rounds";
// results "approximately 3 weeks after a complete application is received".
TEST(Submit, IntoTheOpenRoundWithResultsDueIn3Weeks) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  EXPECT_EQ(a.state, ApplicationState::kSubmitted);
  EXPECT_EQ(a.round_id, "r1");
  EXPECT_EQ(a.results_due, "2026-12-21");  // 30 Nov + 21 days
}

TEST(Submit, QueuedForTheNextRoundWithResultsDueFromItsOpening) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  std::vector<Round> later = {Rounds()[1]};
  ASSERT_TRUE(Submit(a, s, {}, later, kNow).has_value());
  EXPECT_EQ(a.state, ApplicationState::kQueued);
  EXPECT_EQ(a.round_id, "r2");
  EXPECT_EQ(a.results_due, "2027-03-22");  // 1 Mar + 21 days
  // It cannot be allocated before its round opens.
  EXPECT_EQ(AllocateAssessor(a, "assessor", false, later, kNow).error().code,
            ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(AllocateAssessor(a, "assessor", false, later, (20787LL + 91) * 86400)
                  .has_value());  // 2027-03-01
}

TEST(Submit, NoOpenRoundAndNoneScheduledIsRefused) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  std::vector<Round> past = {{"old", "Old", "2026-01-01", "2026-01-14", "admin", 0}};
  auto r = Submit(a, s, {}, past, kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_EQ(a.state, ApplicationState::kDraft);
}

TEST(Submit, EligibilityProblemsStopSubmission) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  auto r = Submit(a, s, {{"membership_inactive", "lapsed"}}, Rounds(), kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.front().path, "eligibility.membership_inactive");
}

TEST(Rounds, DatesInOrderAndNoOverlap) {
  const std::vector<Round> rounds = Rounds();
  EXPECT_TRUE(ValidateRound({"r3", "Summer", "2027-06-01", "2027-06-14", "", 0}, rounds).empty());
  EXPECT_EQ(ValidateRound({"r3", "Bad", "2027-06-14", "2027-06-01", "", 0}, rounds).front().path,
            "closes_on");
  EXPECT_EQ(ValidateRound({"r3", "Clash", "2026-12-01", "2026-12-14", "", 0}, rounds).front().path,
            "opens_on");
  // Two weeks, both ends included: 15 days or 13 are refused, with the day it should close.
  const auto long_round = ValidateRound({"r3", "Long", "2027-06-01", "2027-06-15", "", 0}, rounds);
  ASSERT_EQ(long_round.size(), 1u);
  EXPECT_EQ(long_round.front().path, "closes_on");
  EXPECT_EQ(long_round.front().message,
            "a round runs for two weeks: opening on 1 Jun 2027, it closes on 14 Jun 2027 (this one "
            "runs for 15 days)");
  EXPECT_EQ(ValidateRound({"r3", "Short", "2027-06-01", "2027-06-13", "", 0}, rounds).size(), 1u);
  EXPECT_EQ(ValidateRound({"r3", "Bad", "soon", "2026-12-10", "", 0}, rounds).front().path,
            "opens_on");
}

// SVQM overview "The Process": verified independently, so an assessor who
// belongs to the organisation has a conflict of interest.
TEST(Review, ConflictOfInterestIsRefused) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  auto r = AllocateAssessor(a, "insider", true, Rounds(), kNow);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().fields.front().path, "assessor_id");
  EXPECT_EQ(a.state, ApplicationState::kSubmitted);
}

// The amendment cycle: "There may be feedback and amendments that need to be made".
TEST(Review, AmendmentCycleThenRecommendationAndAward) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  ASSERT_TRUE(AllocateAssessor(a, "assessor", false, Rounds(), kNow).has_value());
  EXPECT_EQ(a.state, ApplicationState::kInReview);
  ASSERT_TRUE(RecordVerdict(a, s, "c1", Verdict::kMet, "", "assessor", kNow).has_value());
  EXPECT_EQ(RecordVerdict(a, s, "c2", Verdict::kAmendmentNeeded, "", "assessor", kNow)
                .error()
                .fields.front()
                .path,
            "feedback");
  ASSERT_TRUE(
      RecordVerdict(a, s, "c2", Verdict::kAmendmentNeeded, "Add the board minute", "assessor", kNow)
          .has_value());
  EXPECT_FALSE(Recommend(a, s, "").has_value());  // c2 still needs amendment
  ASSERT_TRUE(RequestAmendments(a, s).has_value());
  EXPECT_EQ(a.state, ApplicationState::kAmendmentsRequested);
  EXPECT_EQ(a.amendment_cycles, 1);
  EXPECT_EQ(MissingSignOffs(a, s).size(), 2u);  // amended evidence is agreed again
  ASSERT_TRUE(AddEvidence(a, s, Link("e3", "c2")).has_value());
  ASSERT_TRUE(SignOffEvidence(a, s, MemberRole::kLead, true, "lead", kNow).has_value());
  ASSERT_TRUE(SignOffEvidence(a, s, MemberRole::kSeniorLeader, true, "chair", kNow).has_value());
  ASSERT_TRUE(
      Submit(a, s, {}, {}, kNow + 86400).has_value());  // no round needed to return amendments
  EXPECT_EQ(a.state, ApplicationState::kInReview);
  EXPECT_EQ(a.assessor_id, "assessor");
  ASSERT_TRUE(RecordVerdict(a, s, "c2", Verdict::kMet, "", "assessor", kNow).has_value());
  ASSERT_TRUE(Recommend(a, s, "All criteria met").has_value());
  EXPECT_EQ(a.state, ApplicationState::kRecommended);
  ASSERT_TRUE(Award(a, s, kNow).has_value());
  EXPECT_EQ(a.awarded_on, "2026-11-30");
  EXPECT_EQ(a.expires_on, "2028-11-30");  // "valid for two years"
  EXPECT_TRUE(AwardValid(a, kToday));
  EXPECT_FALSE(AwardValid(a, DaysFromCivil({2028, 11, 30})));
}

// Newer SVQM form (docs/api.md "Certification"): an 80 % pass mark.
TEST(Review, PassMarkDecidesTheRecommendation) {
  Scheme s = Svmc();
  s.levels[0].criteria = {{"a", 1, "Plan", "t", "g"},
                          {"b", 1, "Plan", "t", "g"},
                          {"c", 1, "Plan", "t", "g"},
                          {"d", 1, "Plan", "t", "g"},
                          {"e", 1, "Plan", "t", "g"}};
  s.pass_mark_percent = 80;
  Application a = Draft();
  a.state = ApplicationState::kInReview;
  for (const char* id : {"a", "b", "c", "d"})
    ASSERT_TRUE(RecordVerdict(a, s, id, Verdict::kMet, "", "x", kNow).has_value());
  ASSERT_TRUE(RecordVerdict(a, s, "e", Verdict::kNotMet, "No data", "x", kNow).has_value());
  EXPECT_EQ(MetPercent(a, s), 80);
  EXPECT_TRUE(Recommend(a, s, "4 of 5").has_value());
  s.pass_mark_percent = 100;  // SVMC: every criterion
  a.state = ApplicationState::kInReview;
  EXPECT_FALSE(Recommend(a, s, "").has_value());
}

// Domain notes: "Bronze needs at least six pledges".
TEST(Submit, BronzeNeedsSixPledges) {
  Scheme s = Svmc();
  s.levels[0].min_pledges = 6;
  Application a = Complete(s);
  auto problems = CompletenessProblems(a, s);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "evidence.pledges");
  for (int i = 0; i < 6; ++i) {
    EvidenceItem p;
    p.id = fmt::format("p{}", i);
    p.criterion_id = "c1";
    p.kind = EvidenceKind::kRecord;
    p.record_kind = RecordKind::kPledge;
    p.record_id = p.id;
    ASSERT_TRUE(AddEvidence(a, s, p).has_value());
  }
  EXPECT_EQ(CountPledges(a), 6);
  EXPECT_EQ(CompletenessProblems(a, s).size(), 2u);  // only the voided sign-offs remain
}

// SVQM overview Level 1: "Requires Internal Commitment Only" — no assessor.
TEST(Award, AnUnverifiedLevelIsConfirmedFromSubmission) {
  Scheme s = Svmc();
  s.levels[0].verified = false;
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, {}, kNow).has_value());  // no round needed either
  EXPECT_EQ(a.state, ApplicationState::kSubmitted);
  ASSERT_TRUE(Award(a, s, kNow).has_value());
  EXPECT_EQ(a.state, ApplicationState::kAwarded);
}

TEST(Award, OnlyARecommendedVerifiedApplication) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  EXPECT_EQ(Award(a, s, kNow).error().code, ErrorCode::kFailedPrecondition);
}

TEST(Reject, NeedsReasonsAndASubmittedApplication) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  EXPECT_EQ(Reject(a, "no").error().code, ErrorCode::kFailedPrecondition);  // a draft
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  EXPECT_EQ(Reject(a, "").error().fields.front().path, "reason");
  ASSERT_TRUE(Reject(a, "Evidence is of another organisation").has_value());
  EXPECT_EQ(a.state, ApplicationState::kRejected);
  EXPECT_FALSE(IsOpen(a.state));
}

// SVMC guidance "Ongoing Support": renewal needs evidence that systems are
// still used and developed; the assessor sees what changed since the award.
TEST(Renewal, CarriesEvidenceForwardAndShowsWhatChanged) {
  Scheme s = Svmc();
  s.levels[0].criteria.push_back({"c3", 1, "Do", "t", "g"});  // a criterion added since
  Application awarded = Draft();
  awarded.evidence = {Link("e1", "c1"), Link("e2", "c2"), Link("e9", "gone")};
  Application renewal = Draft();
  renewal.evidence = CarryForward(awarded, s, 1);
  ASSERT_EQ(renewal.evidence.size(), 2u);  // "gone" is no longer a criterion
  EvidenceItem updated = Link("e4", "c2");
  updated.url = "https://example.org/policy-2028.pdf";
  ASSERT_TRUE(AddEvidence(renewal, s, updated).has_value());
  ASSERT_TRUE(AddEvidence(renewal, s, Link("e5", "c3")).has_value());
  const auto diff = ChangesSinceAward(awarded, renewal, s);
  ASSERT_EQ(diff.size(), 3u);
  EXPECT_EQ(diff[0].change, CriterionChange::kUnchanged);  // c1
  EXPECT_EQ(diff[1].change, CriterionChange::kChanged);    // c2: a new document
  EXPECT_EQ(diff[2].change, CriterionChange::kNew);        // c3
  EXPECT_STREQ(Name(diff[1].change), "changed");
}

// On resubmission the assessor sees, per criterion, what was added and taken
// away since they asked for amendments — and nothing before any request.
TEST(Review, ResubmissionShowsWhatChangedSinceTheRequest) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  ASSERT_TRUE(AllocateAssessor(a, "assessor", false, Rounds(), kNow).has_value());
  EXPECT_TRUE(ChangesSinceReview(a, s).empty());
  ASSERT_TRUE(
      RecordVerdict(a, s, "c2", Verdict::kAmendmentNeeded, "Add the board minute", "assessor", kNow)
          .has_value());
  ASSERT_TRUE(RequestAmendments(a, s).has_value());
  EvidenceItem minute = Link("e3", "c2");
  minute.title = "Board minute of 3 March";
  minute.url = "https://example.org/minute.pdf";
  ASSERT_TRUE(AddEvidence(a, s, minute).has_value());
  ASSERT_TRUE(RemoveEvidence(a, "e2").has_value());
  const auto diff = ChangesSinceReview(a, s);
  ASSERT_EQ(diff.size(), 2u);
  EXPECT_EQ(diff[0].change, CriterionChange::kUnchanged);  // c1
  EXPECT_TRUE(diff[0].added.empty() && diff[0].removed.empty());
  EXPECT_EQ(diff[1].change, CriterionChange::kChanged);  // c2
  EXPECT_EQ(diff[1].added, std::vector<std::string>{"Board minute of 3 March"});
  EXPECT_EQ(diff[1].removed, std::vector<std::string>{"Policy"});
}

// The conversation about a criterion: open from submission to the decision,
// about one of the level's criteria, with words in it and a bound on both.
TEST(Conversation, MessagesAreAboutACriterionWhileTheApplicationIsWithTheBody) {
  const Scheme s = Svmc();
  Application a = Complete(s);
  CriterionMessage m;
  m.id = "m1";
  m.criterion_id = "c2";
  m.from = MessageSide::kAssessor;
  m.body = "Which board meeting approved the policy?";
  auto draft = AddMessage(a, s, m);
  ASSERT_FALSE(draft.has_value());  // a draft is still the organisation's own
  EXPECT_EQ(draft.error().code, ErrorCode::kFailedPrecondition);
  ASSERT_TRUE(Submit(a, s, {}, Rounds(), kNow).has_value());
  EXPECT_FALSE(
      AddMessage(a, s, m).has_value());  // nobody to answer before an assessor is allocated
  ASSERT_TRUE(AllocateAssessor(a, "assessor", false, Rounds(), kNow).has_value());
  ASSERT_TRUE(AddMessage(a, s, m).has_value());
  CriterionMessage wrong = m;
  wrong.criterion_id = "c9";
  wrong.body = "";
  auto refused = AddMessage(a, s, wrong);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 2u);
  EXPECT_EQ(refused.error().fields[0].path, "criterion_id");
  EXPECT_EQ(refused.error().fields[1].path, "body");
  wrong.criterion_id = "c1";
  wrong.body = std::string(kMaxMessageLength + 1, 'x');
  EXPECT_EQ(AddMessage(a, s, wrong).error().fields.front().path, "body");
  wrong.body = std::string(kMaxMessageLength, 'x');
  EXPECT_TRUE(AddMessage(a, s, wrong).has_value());
  while (a.messages.size() < kMaxMessages) a.messages.push_back(m);
  EXPECT_EQ(AddMessage(a, s, m).error().code, ErrorCode::kFailedPrecondition);
  a.messages.resize(2);
  ASSERT_TRUE(Reject(a, "Evidence is of another organisation").has_value());
  EXPECT_FALSE(AddMessage(a, s, m).has_value());  // closed once decided
  EXPECT_EQ(a.messages.size(), 2u);
  EXPECT_STREQ(Name(MessageSide::kOrganisation), "organisation");
  EXPECT_EQ(*ParseMessageSide("assessor"), MessageSide::kAssessor);
  EXPECT_FALSE(ParseMessageSide("admin").has_value());
}

TEST(Names, ParseAndNameAgree) {
  for (const char* s : {"draft", "submitted", "queued", "in_review", "amendments_requested",
                        "recommended", "awarded", "rejected"})
    EXPECT_STREQ(Name(*ParseApplicationState(s)), s);
  EXPECT_FALSE(ParseVerdict("maybe").has_value());
  EXPECT_EQ(*ParseRecordKind("impact_map"), RecordKind::kImpactMap);
}

}  // namespace
}  // namespace valuemark
