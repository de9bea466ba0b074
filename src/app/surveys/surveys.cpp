// Surveys (docs/api.md "Surveys"): the designer's use cases, public
// answering through the group-commit writer (survey_runtime.h), responses
// (exclude, import). Design changes and exclusions are audited; a response is
// data, not a change of design, and is traced by its own id instead.
#include "app/surveys/surveys.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/rate_limits.h"
#include "app/surveys/survey_csv.h"
#include "app/surveys/survey_runtime.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

Error NoSurvey() { return Error::Make(ErrorCode::kNotFound, "no such survey"); }

std::string SurveyAuditJson(const SurveyRecord& r, const SurveyDesign& d) {
  formats::JsonWriter w(0);
  w.BeginObject().Field("id", r.id).Field("version", r.version);
  formats::WriteSurveyDesignFields(w, d);
  w.EndObject();
  return w.Take();
}

std::string ResponseAuditJson(const SurveyResponse& r) {
  formats::JsonWriter w(0);
  w.BeginObject().Field("id", r.id).Field("survey_id", r.survey_id).Key("excluded_reason");
  formats::WriteOptionalString(w, r.excluded_reason);
  w.EndObject();
  return w.Take();
}

// `today` and the closing day the survey had (nullopt when new): a closing
// day set or moved into the past would close the survey the moment it is
// published, which is never what was meant.
Result<void> CheckDesignInput(Transaction& tx, const std::string& org_id,
                              const SurveyDesign& design, const std::string& today,
                              const std::optional<std::string>& closed_on_before) {
  std::vector<FieldError> errors = CheckDesign(design);
  CheckDesignText(design, errors);
  if (design.closes_on && *design.closes_on != closed_on_before.value_or("") &&
      *design.closes_on < today)
    errors.push_back({"closes_on", fmt::format("is in the past: choose today ({}) or a later day, "
                                               "or leave it empty",
                                               ReadableDate(today))});
  if (design.scope_id) {
    auto scope = TRY(tx.FindScope(org_id, *design.scope_id));
    if (!scope) errors.push_back({"scope_id", "is not a scope of this organisation"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

// A respondent's key: visible ASCII, and not in the "import:" space the
// imports key their rows in, so that a public link cannot take an import's key.
bool ValidKey(const std::string& key) {
  return !key.empty() && key.size() <= 200 && !key.starts_with("import:") &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace

void SurveyService::ConfigureSurveys(const SurveyOptions& options) { survey_options_ = options; }

SurveyService::SurveyRuntime& SurveyService::Runtime() {
  std::call_once(runtime_once_, [this] {
    // The writer thread outlives the other members while the runtime stops
    // (it is declared before them), so it gets its own copy of the clock.
    auto clock = [c = options_.clock] {
      return c ? c() : static_cast<UnixTime>(std::time(nullptr));
    };
    SurveyOptions survey_options = survey_options_;
    survey_options.responses_per_survey = options_.quotas.responses_per_survey;
    survey_options.storage_bytes = options_.quotas.storage_bytes;
    runtime_ = std::make_shared<SurveyRuntime>(store_, clock, survey_options);
  });
  return *runtime_;
}

Result<SurveyContext> SurveyService::LoadSurvey(Transaction& tx, const Caller& caller,
                                                const std::string& survey_id, OrgAction action) {
  auto org = TRY(tx.FindSurveyOrganisation(survey_id));
  if (!org) return Fail(NoSurvey());
  auto role = Authorise(tx, caller, *org, action);
  if (!role) {
    if (role.error().code == ErrorCode::kNotFound) return Fail(NoSurvey());
    return Fail(role.error());
  }
  auto record = TRY(tx.FindSurvey(*org, survey_id));
  if (!record) return Fail(NoSurvey());
  auto design = TRY(formats::ParseStoredDesign((record)->design));
  return SurveyContext{std::move(*record), std::move(design), *role};
}

namespace {

SurveyView MakeView(SurveyRecord record, SurveyDesign design, UnixTime now,
                    const std::string& public_url) {
  SurveyView v;
  v.state = StateOf(design, record.status, now, record.response_count);
  v.public_url = public_url + "/s/" + record.token;
  v.record = std::move(record);
  v.design = std::move(design);
  return v;
}

}  // namespace

Result<SurveyView> SurveyService::CreateSurvey(const Caller& caller, const std::string& org_id,
                                               const SurveyDesign& design, SurveyStatus status) {
  if (status == SurveyStatus::kClosed)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "status",
                             "a new survey is a draft or published, not closed"));
  SurveyRecord record;
  record.status = status;
  record.organisation_id = org_id;
  record.id = NewId();
  record.scope_id = design.scope_id;
  // 24 random bytes: a link that cannot be guessed, short enough to print.
  record.token = RandomToken(24);
  record.design = formats::StoredDesignJson(design);
  record.created_at = record.updated_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kCollectData));
    TRY(CheckDesignInput(tx, org_id, design, FormatDay(DayOf(Now())), std::nullopt));
    TRY(CheckQuota(tx, org_id,
                   {.bytes = static_cast<int64_t>(record.design.size()), .surveys = 1}));
    TRY(tx.InsertSurvey(record));
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.create", "survey", record.id, org_id,
                             SurveyAuditJson(record, design)},
                            Now());
  }));
  return MakeView(std::move(record), design, Now(), options_.public_url);
}

Result<std::vector<SurveyView>> SurveyService::ListSurveys(const Caller& caller,
                                                           const std::string& org_id) {
  std::vector<SurveyRecord> list;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    list = TRY(tx.ListSurveys(org_id));
    return {};
  }));
  std::vector<SurveyView> out;
  for (SurveyRecord& rec : list) {
    auto design = TRY(formats::ParseStoredDesign(rec.design));
    out.push_back(MakeView(std::move(rec), std::move(design), Now(), options_.public_url));
  }
  return out;
}

Result<SurveyView> SurveyService::GetSurvey(const Caller& caller, const std::string& survey_id) {
  std::optional<SurveyContext> ctx;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    ctx = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    return {};
  }));
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

Result<SurveyView> SurveyService::UpdateSurvey(const Caller& caller, const std::string& survey_id,
                                               int64_t version, const SurveyDesign& incoming) {
  std::optional<SurveyContext> ctx;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    ctx = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    SurveyRecord& rec = ctx->record;
    // Codes on cards already handed out stay valid, whatever the new design omits.
    SurveyDesign design = incoming;
    design.issued_codes = ctx->design.issued_codes;
    for (const std::string& code : incoming.issued_codes)
      if (!FindIssuedCode(design, code)) design.issued_codes.push_back(code);
    const std::string before = SurveyAuditJson(rec, ctx->design);
    if (version != rec.version)
      return Fail(Error::Field(
          ErrorCode::kFailedPrecondition, "version",
          fmt::format("someone else saved this survey first (version {} is now {}): reload and "
                      "try again",
                      version, rec.version)));
    TRY(CheckDesignInput(tx, rec.organisation_id, design, FormatDay(DayOf(Now())),
                         ctx->design.closes_on));
    // Answers already given must keep their meaning: a question may be
    // reworded or added, but not removed or given another type.
    if (rec.response_count > 0) {
      std::vector<FieldError> errors;
      for (const Question& old : ctx->design.questions) {
        auto it = std::find_if(design.questions.begin(), design.questions.end(),
                               [&](const Question& q) { return q.id == old.id; });
        // Named by its words, as the person changing the survey knows it.
        if (it == design.questions.end())
          errors.push_back(
              {"questions", fmt::format("“{}” has been answered, so it cannot be removed: put it "
                                        "back, or close this survey and duplicate it for the "
                                        "next wave without it",
                                        old.text)});
        else if (it->type != old.type)
          errors.push_back({fmt::format("questions[{}].type", it - design.questions.begin()),
                            fmt::format("“{}” has been answered, so its kind of answer cannot "
                                        "change: keep it as it was, or add a new question",
                                        old.text)});
      }
      if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    }
    rec.scope_id = design.scope_id;
    const int64_t old_bytes = static_cast<int64_t>(rec.design.size());
    rec.design = formats::StoredDesignJson(design);
    rec.updated_at = Now();
    TRY(CheckQuota(tx, rec.organisation_id,
                   {.bytes = static_cast<int64_t>(rec.design.size()) - old_bytes}));
    TRY(tx.UpdateSurvey(rec));
    rec.version += 1;
    ctx->design = design;
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.update", "survey", rec.id, rec.organisation_id,
                             SurveyAuditJson(rec, design), before},
                            Now());
  }));
  Runtime().Forget(ctx->record.token);
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

namespace {

// Eight characters of 32 that are not mistaken for one another (no 0, O, 1
// or I), as two groups of four: 40 random bits.
std::string NewRespondentCode() {
  static constexpr std::string_view kAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
  std::string code;
  for (int i = 0; i < 8; ++i) {
    if (i == 4) code += '-';
    code += kAlphabet[randombytes_uniform(static_cast<uint32_t>(kAlphabet.size()))];
  }
  return code;
}

}  // namespace

Result<SurveyView> SurveyService::IssueCodes(const Caller& caller, const std::string& survey_id,
                                             int64_t count) {
  if (count < 1 || count > 1000)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "count", "must be from 1 to 1000"));
  std::optional<SurveyContext> ctx;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    ctx = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    SurveyRecord& rec = ctx->record;
    SurveyDesign& design = ctx->design;
    if (design.respondent_codes == RespondentCodes::kOff)
      return Fail(Error::Field(ErrorCode::kFailedPrecondition, "respondent_codes",
                               "this survey is anonymous and takes no codes: design the next one "
                               "with respondent codes optional or required"));
    if (design.issued_codes.size() + static_cast<size_t>(count) > kMaxIssuedCodes)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "count",
                               fmt::format("this survey has {} codes, and at most {} can be given "
                                           "out: ask for {} or fewer",
                                           design.issued_codes.size(), kMaxIssuedCodes,
                                           kMaxIssuedCodes - design.issued_codes.size())));
    const std::string before = SurveyAuditJson(rec, design);
    std::set<std::string> taken;
    for (const std::string& code : design.issued_codes) taken.insert(NormaliseCode(code));
    while (count > 0) {
      std::string code = NewRespondentCode();
      if (!taken.insert(NormaliseCode(code)).second) continue;
      design.issued_codes.push_back(std::move(code));
      --count;
    }
    const int64_t old_bytes = static_cast<int64_t>(rec.design.size());
    rec.design = formats::StoredDesignJson(design);
    rec.updated_at = Now();
    TRY(CheckQuota(tx, rec.organisation_id,
                   {.bytes = static_cast<int64_t>(rec.design.size()) - old_bytes}));
    TRY(tx.UpdateSurvey(rec));
    rec.version += 1;
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.codes", "survey", rec.id, rec.organisation_id,
                             SurveyAuditJson(rec, design), before},
                            Now());
  }));
  Runtime().Forget(ctx->record.token);
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

namespace {

// The one step from each status, and its name in the audit trail.
struct StatusStep {
  SurveyStatus from, to;
  const char* action;
};
constexpr StatusStep kStatusSteps[] = {
    {SurveyStatus::kDraft, SurveyStatus::kPublished, "survey.publish"},
    {SurveyStatus::kPublished, SurveyStatus::kClosed, "survey.close"},
    {SurveyStatus::kClosed, SurveyStatus::kPublished, "survey.reopen"},
};

std::string StatusInWords(SurveyStatus s) {
  switch (s) {
    case SurveyStatus::kDraft:
      return "a draft";
    case SurveyStatus::kPublished:
      return "published";
    case SurveyStatus::kClosed:
      return "closed";
  }
  return "";
}

}  // namespace

Result<SurveyView> SurveyService::SetSurveyStatus(const Caller& caller,
                                                  const std::string& survey_id, SurveyStatus from,
                                                  SurveyStatus to) {
  const StatusStep* step = nullptr;
  for (const StatusStep& s : kStatusSteps)
    if (s.from == from && s.to == to) step = &s;
  if (step == nullptr)
    return Fail(Error::Make(ErrorCode::kInternal, "no such change of a survey's status"));
  std::optional<SurveyContext> ctx;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    ctx = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    SurveyRecord& rec = ctx->record;
    // Asked twice (a double click, a retry): the survey is already there.
    if (rec.status == to) return {};
    if (rec.status != from)
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("this survey is {}, so it cannot be {}", StatusInWords(rec.status),
                      to == SurveyStatus::kClosed    ? "closed"
                      : from == SurveyStatus::kDraft ? "published"
                                                     : "reopened")));
    rec.updated_at = Now();
    TRY(tx.SetSurveyStatus(rec.organisation_id, rec.id, to, rec.updated_at));
    rec.status = to;
    rec.version += 1;
    return AppendAuditEvent(tx,
                            {caller.user.id, step->action, "survey", rec.id, rec.organisation_id,
                             SurveyAuditJson(rec, ctx->design)},
                            Now());
  }));
  Runtime().Forget(ctx->record.token);
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

Result<SurveyView> SurveyService::DuplicateSurvey(const Caller& caller,
                                                  const std::string& survey_id,
                                                  const std::optional<std::string>& title) {
  SurveyView original = TRY(GetSurvey(caller, survey_id));
  SurveyDesign design = std::move(original.design);
  if (title) {
    design.title = *title;
  } else {
    // Room for the suffix within the title's 200 characters, cut at a whole character.
    std::string base = design.title;
    size_t keep = std::min<size_t>(base.size(), 193);
    while (keep > 0 && keep < base.size() &&
           (static_cast<unsigned char>(base[keep]) & 0xC0) == 0x80)
      --keep;
    design.title = base.substr(0, keep) + " (copy)";
  }
  design.opens_on.reset();
  design.closes_on.reset();
  return CreateSurvey(caller, original.record.organisation_id, design, SurveyStatus::kDraft);
}

Result<void> SurveyService::DeleteSurvey(const Caller& caller, const std::string& survey_id) {
  std::optional<SurveyContext> ctx;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    ctx = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    const SurveyRecord& rec = ctx->record;
    if (rec.status != SurveyStatus::kDraft)
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("this survey is {}: only a draft can be deleted (close it instead, and its "
                      "responses stay)",
                      StatusInWords(rec.status))));
    // Answers typed in or imported into a draft are kept like any others.
    if (rec.response_count > 0)
      return Fail(Error::Make(
          ErrorCode::kFailedPrecondition,
          fmt::format("this draft holds {} imported {}: deleting it would lose them; publish and "
                      "close it instead, or exclude those you do not want",
                      rec.response_count, rec.response_count == 1 ? "response" : "responses")));
    TRY(tx.DeleteSurvey(rec));
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.delete", "survey", rec.id, rec.organisation_id,
                             SurveyAuditJson(rec, ctx->design)},
                            Now());
  }));
  Runtime().Forget(ctx->record.token);
  return {};
}

Result<PublicSurvey> SurveyService::GetPublicSurvey(const std::string& token) {
  auto link = TRY(Runtime().Find(token));
  int64_t count = 0;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto s = TRY(tx.FindSurvey(link->organisation_id, link->survey_id));
    if (s) count = s->response_count;
    return {};
  }));
  const SurveyState state = StateOf(link->design, link->status, Now(), count);
  SurveyDesign shown = link->design;
  if (state == SurveyState::kDraft) {
    // A draft's questions are its team's until it is published.
    shown.description.clear();
    shown.outcomes.clear();
    shown.questions.clear();
  }
  return PublicSurvey{link->organisation_name, link->survey_id, std::move(shown), state};
}

void SurveyService::SubmitResponse(const Submission& s,
                                   std::function<void(Result<SubmittedResponse>)> done) {
  SurveyRuntime& rt = Runtime();
  auto refuse = [&](Error e) { done(Fail(std::move(e))); };
  // Refusals say when a token is there again, in words and in Retry-After.
  auto refuse_for = [&](const char* why, double wait) {
    const int64_t seconds = WholeSeconds(wait);
    refuse(Error::RetryLater(ErrorCode::kResourceExhausted,
                             fmt::format("{}: send it again in {}", why, WaitInWords(seconds)),
                             seconds));
  };
  const double now = rt.options.now ? rt.options.now() : SteadySeconds();
  if (double wait = rt.per_address.Take(s.client_address, rt.options.per_address_rate,
                                        rt.options.per_address_burst, now);
      wait > 0)
    return refuse_for("too many responses from your address", wait);
  if (double wait =
          rt.per_link.Take(s.token, rt.options.per_link_rate, rt.options.per_link_burst, now);
      wait > 0)
    return refuse_for("this survey is very busy", wait);
  if (!ValidKey(s.idempotency_key))
    return refuse(Error::Field(
        ErrorCode::kInvalidArgument, "Idempotency-Key",
        "the Idempotency-Key header is required: 1 to 200 visible characters, new for each "
        "response, not starting \"import:\" (a UUID will do)"));
  auto link = rt.Find(s.token);
  if (!link) return refuse(link.error());
  const SurveyDesign& design = (*link)->design;
  // A survey that is no longer open still answers the retry of a response it
  // stored (the writer replays it by its Idempotency-Key); anything else is
  // refused with the survey's state, not with the form's problems.
  const SurveyState state = StateOf(design, (*link)->status, Now(), 0);

  thread_local simdjson::dom::parser parser;
  auto doc = formats::ParseJsonText(parser, s.body);
  if (!doc) return refuse(doc.error());
  std::vector<FieldError> errors;
  Answers answers;
  std::string code;
  simdjson::dom::object body;
  if (doc->get_object().get(body) != simdjson::SUCCESS) {
    errors.push_back({"$", "must be an object {\"answers\": {...}}"});
  } else {
    bool has_answers = false;
    for (auto field : body) {
      std::string_view text;
      if (field.key == "answers") {
        has_answers = true;
        answers = formats::ReadAnswers(field.value, "answers", design, errors);
      } else if (field.key == "respondent_code" &&
                 field.value.get_string().get(text) == simdjson::SUCCESS) {
        code.assign(text);
      } else if (field.key == "respondent_code") {
        errors.push_back({"respondent_code", "must be a string"});
      } else {
        errors.push_back({std::string(field.key), "is not a field of a response"});
      }
    }
    if (!has_answers) errors.push_back({"answers", "is required"});
  }
  {
    // Every problem at once; an answer of the wrong shape is reported once.
    for (FieldError& e : CheckAnswers(design, answers))
      if (std::none_of(errors.begin(), errors.end(),
                       [&](const FieldError& x) { return x.path == e.path; }))
        errors.push_back(std::move(e));
    CheckRespondentCode(design, "respondent_code", code, errors);
    CheckRespondentText(answers, code, "", errors);
  }
  if (state != SurveyState::kOpen && !errors.empty())
    return refuse(Error::Make(ErrorCode::kFailedPrecondition, RefusalMessage(state)));
  if (!errors.empty()) return refuse(Error::InvalidArgument(std::move(errors)));

  SurveyResponse resp;
  resp.organisation_id = (*link)->organisation_id;
  resp.survey_id = (*link)->survey_id;
  resp.id = rt.NextResponseId();
  resp.idempotency_key = s.idempotency_key;
  resp.respondent_code = std::move(code);
  resp.answers = formats::AnswersJson(design, answers);
  resp.source = "web";
  resp.submitted_at = Now();
  rt.Enqueue({std::move(resp), std::move(done)});
}

Result<Page<SurveyResponse>> SurveyService::ListSurveyResponses(const Caller& caller,
                                                                const std::string& survey_id,
                                                                const PageRequest& page,
                                                                ResponseFilter filter) {
  Page<SurveyResponse> out;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    auto list = TRY(tx.ListResponses(c.record.organisation_id, survey_id,
                                     {page.after, page.limit + 1}, filter));
    out.items = std::move(list);
    if (static_cast<int>(out.items.size()) > page.limit) {
      out.items.resize(page.limit);
      out.next_cursor = out.items.back().id;
    }
    return {};
  }));
  return out;
}

Result<SurveyResponse> SurveyService::SetResponseExclusion(
    const Caller& caller, const std::string& survey_id, const std::string& response_id,
    const std::optional<std::string>& reason) {
  std::optional<std::string> cleaned;
  if (reason) {
    auto t = TRY(CleanText("reason", *reason, 1, 500));
    cleaned = t;
  }
  SurveyResponse resp;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kEdit));
    auto found = TRY(tx.FindResponse(c.record.organisation_id, survey_id, response_id));
    if (!found) return Fail(Error::Make(ErrorCode::kNotFound, "no such response"));
    resp = std::move(*found);
    resp.excluded_reason = cleaned;
    resp.excluded_by = cleaned ? caller.user.id : "";
    resp.excluded_at = cleaned ? std::optional<UnixTime>(Now()) : std::nullopt;
    TRY(tx.UpdateResponseExclusion(resp));
    return AppendAuditEvent(
        tx,
        {caller.user.id, cleaned ? "response.exclude" : "response.restore", "survey_response",
         resp.id, resp.organisation_id, ResponseAuditJson(resp)},
        Now());
  }));
  return resp;
}

// Between an imported submission's key and the digest of an edited version's
// answers (survey_csv.cpp refuses spaces in a tool's instance id).
constexpr char kEditedVersion[] = " edit ";

Result<ImportReport> SurveyService::ImportResponses(const Caller& caller,
                                                    const std::string& survey_id,
                                                    std::string_view csv) {
  SurveyRuntime& rt = Runtime();
  ImportReport report;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    report = {};
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    auto [rows, ignored_columns] = TRY(ReadResponsesCsv(c.design, csv));
    report.ignored_columns = std::move(ignored_columns);
    // Keys from the file's digest and the row: importing the same file again
    // adds nothing, while two identical paper forms in one file stay two. A
    // submission exported by KoboToolbox or ODK is keyed by its own id, so a
    // later export holding it again adds only what is new.
    const std::string digest = Sha256Hex(csv).substr(0, 32);
    int64_t answer_bytes = 0;
    std::vector<SurveyResponse> fresh, superseded;
    for (size_t i = 0; i < rows.size(); ++i) {
      SurveyResponse resp;
      resp.organisation_id = c.record.organisation_id;
      resp.survey_id = survey_id;
      resp.respondent_code = rows[i].respondent_code;
      resp.answers = formats::AnswersJson(c.design, rows[i].answers);
      resp.source = "import";
      // When the tool received it, if it says and that is not in the future.
      resp.submitted_at = std::min(rows[i].submitted_at.value_or(Now()), Now());
      if (rows[i].instance_id.empty()) {
        resp.idempotency_key = fmt::format("import:{}:{}", digest, i + 1);
        if (TRY(tx.FindResponseByKey(resp.organisation_id, survey_id, resp.idempotency_key))) {
          ++report.already_present;
          continue;
        }
      } else {
        resp.idempotency_key = "import:instance:" + rows[i].instance_id;
        auto first =
            TRY(tx.FindResponseByKey(resp.organisation_id, survey_id, resp.idempotency_key));
        if (first) {
          // Seen before: the same answers, or a submission edited in the
          // tool since (each edit kept as a version of its own).
          // A space, which no instance id has: "a:b" is not a version of "a".
          std::vector<SurveyResponse> versions = TRY(tx.FindResponsesByKeyPrefix(
              resp.organisation_id, survey_id, resp.idempotency_key + kEditedVersion));
          versions.insert(versions.begin(), std::move(*first));
          if (std::any_of(versions.begin(), versions.end(), [&](const SurveyResponse& v) {
                return v.answers == resp.answers && v.respondent_code == resp.respondent_code;
              })) {
            ++report.already_present;
            continue;
          }
          // The edited answers count from now (figures as of an earlier
          // moment keep what was there then); the versions they replace
          // are excluded, with the reason.
          for (SurveyResponse& v : versions)
            if (!v.excluded_reason) superseded.push_back(std::move(v));
          resp.idempotency_key +=
              kEditedVersion + Sha256Hex(resp.respondent_code + '\n' + resp.answers).substr(0, 16);
          resp.submitted_at = Now();
          ++report.updated;
        }
      }
      resp.id = rt.NextResponseId();
      answer_bytes += static_cast<int64_t>(resp.answers.size());
      fresh.push_back(std::move(resp));
    }
    // Quotas first, so that a refused file adds nothing.
    const int64_t cap = options_.quotas.responses_per_survey;
    const int64_t total = c.record.response_count + static_cast<int64_t>(fresh.size());
    if (cap > 0 && !fresh.empty() && total > cap)
      return Fail(Error::Make(
          ErrorCode::kQuotaExceeded,
          fmt::format("a survey holds at most {} responses; this one has {} and the file adds {}: "
                      "import fewer rows, or ask the platform's administrator to raise the quota",
                      cap, c.record.response_count, fresh.size())));
    TRY(CheckQuota(tx, c.record.organisation_id, {.bytes = answer_bytes}));
    for (const SurveyResponse& resp : fresh) TRY(tx.InsertResponse(resp));
    report.imported = static_cast<int64_t>(fresh.size()) - report.updated;
    if (!fresh.empty())
      TRY(tx.AddToResponseCount(c.record.organisation_id, survey_id,
                                static_cast<int64_t>(fresh.size()), answer_bytes, cap));
    for (SurveyResponse& old : superseded) {
      old.excluded_reason =
          "Edited in KoboToolbox or ODK Central after it was imported: the edited answers, "
          "imported since, replace these";
      old.excluded_by = caller.user.id;
      old.excluded_at = Now();
      TRY(tx.UpdateResponseExclusion(old));
    }
    return AppendAuditEvent(
        tx,
        {caller.user.id, "survey.import", "survey", survey_id, c.record.organisation_id,
         fmt::format(R"({{"sha256":"{}","imported":{},"updated":{},"already_present":{}}})",
                     Sha256Hex(csv), report.imported, report.updated, report.already_present)},
        Now());
  }));
  return report;
}

}  // namespace valuemark::app
