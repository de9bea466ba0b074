// Surveys (docs/api.md "Surveys"): the designer's use cases, public
// answering with group commit, responses (exclude, import, export) and
// results. Design changes and exclusions are audited; a response is data, not
// a change of design, and is traced by its own id instead.
//
// Durability with throughput: submissions queue to one writer thread, which
// commits everything waiting in one transaction (SQLite WAL with
// synchronous=FULL, or PostgreSQL) and only then answers each submission. A
// busy server so pays one fsync for many responses, and no response is
// acknowledged before it is on disk.
#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <map>
#include <random>
#include <thread>
#include <unordered_map>

#include "app/audit.h"
#include "app/crypto.h"
#include "app/platform.h"
#include "app/rate_limits.h"
#include "app/survey_csv.h"
#include "app/validate.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

Error NoSurvey() { return Error::Make(ErrorCode::kNotFound, "no such survey"); }
Error NoLink() {
  return Error::Make(ErrorCode::kNotFound,
                     "no survey at this link: check the address you were given");
}

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

// A token bucket per key: `rate` a second, `burst` at most.
class RateLimiter {
 public:
  // Takes a token: 0 when there was one, else the seconds until there is.
  double Take(const std::string& key, double rate, double burst, double now) {
    if (rate <= 0) return 0;
    std::lock_guard lock(mu_);
    const double wait = buckets_.Wait(key, rate, burst, now);
    if (wait == 0) buckets_.TakeOne(key);
    return wait;
  }

 private:
  std::mutex mu_;
  TokenBuckets buckets_;
};

Result<void> CheckDesignInput(Transaction& tx, const std::string& org_id,
                              const SurveyDesign& design) {
  std::vector<FieldError> errors = CheckDesign(design);
  CheckDesignText(design, errors);
  if (design.scope_id) {
    auto scope = TRY(tx.FindScope(org_id, *design.scope_id));
    if (!scope) errors.push_back({"scope_id", "is not a scope of this organisation"});
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return {};
}

bool ValidKey(const std::string& key) {
  return !key.empty() && key.size() <= 200 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > ' ' && c < 127; });
}

}  // namespace

struct Platform::SurveyRuntime {
  struct Link {
    std::string organisation_id, organisation_name, survey_id;
    SurveyDesign design;
    std::chrono::steady_clock::time_point loaded;
  };
  struct Pending {
    SurveyResponse response;
    std::function<void(Result<SubmittedResponse>)> done;
  };

  SurveyRuntime(Store& s, std::function<UnixTime()> c, SurveyOptions o)
      : store(s), clock(std::move(c)), options(o), writer([this] { WriterLoop(); }) {}
  ~SurveyRuntime() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    cv.notify_all();
    writer.join();
  }

  // Response ids: microseconds, then random bits, in hex. They grow with time
  // (and strictly within this process), so the newest row goes at the end of
  // the key and listing by id is listing by arrival.
  std::string NextResponseId() {
    const uint64_t now =
        static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count());
    uint64_t last = last_us.load();
    uint64_t next;
    do {
      next = std::max(now, last + 1);
    } while (!last_us.compare_exchange_weak(last, next));
    // The random tail only keeps two processes apart; it need not be secret,
    // so it comes from a generator seeded once per thread, not a system call.
    thread_local std::mt19937 random(randombytes_random());
    const uint64_t tail = random() & 0xffffff;
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id(20, '0');
    for (int i = 13; i >= 0; --i, next >>= 4) id[i] = kHex[next & 15];
    for (int i = 19, t = static_cast<int>(tail); i >= 14; --i, t >>= 4) id[i] = kHex[t & 15];
    return id;
  }

  // The survey behind a token, remembered for a second so that a flood of
  // submissions does not read it each time; the writer checks it afresh.
  Result<std::shared_ptr<const Link>> Find(const std::string& token) {
    const auto now = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(links_mu);
      if (auto it = links.find(token);
          it != links.end() && now - it->second->loaded < std::chrono::seconds(1))
        return it->second;
    }
    auto link = std::make_shared<Link>();
    bool found = false;
    auto r = store.Read([&](Transaction& tx) -> Result<void> {
      auto s = tx.FindSurveyByToken(token);
      if (!s) return Fail(s.error());
      if (!*s) return {};
      auto design = formats::ParseStoredDesign((*s)->design);
      if (!design) return Fail(design.error());
      auto org = TRY(tx.FindOrganisation((*s)->organisation_id));
      link->organisation_id = (*s)->organisation_id;
      link->organisation_name = org ? org->name : "";
      link->survey_id = (*s)->id;
      link->design = std::move(*design);
      link->loaded = now;
      found = true;
      return {};
    });
    if (!r) return Fail(r.error());
    if (!found) return Fail(NoLink());
    std::lock_guard lock(links_mu);
    if (links.size() > 10000) links.clear();
    links[token] = link;
    return std::shared_ptr<const Link>(link);
  }

  void Forget(const std::string& token) {
    std::lock_guard lock(links_mu);
    links.erase(token);
  }

  void Enqueue(Pending p) {
    {
      std::lock_guard lock(mu);
      queue.push_back(std::move(p));
    }
    cv.notify_one();
  }

  void WriterLoop() {
    std::vector<Pending> batch;
    while (true) {
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [this] { return stopping || !queue.empty(); });
        if (queue.empty()) return;  // stopping, and everything queued is answered
        const size_t n = std::min(queue.size(), options.max_batch);
        batch.assign(std::make_move_iterator(queue.begin()),
                     std::make_move_iterator(queue.begin() + n));
        queue.erase(queue.begin(), queue.begin() + n);
      }
      CommitBatch(batch);
      batch.clear();
    }
  }

  // One transaction for the whole batch. A refusal of one response (a full
  // survey, a reused key with other answers) is that response's answer and
  // does not stop the others; a failed commit fails them all, and none was
  // acknowledged.
  void CommitBatch(std::vector<Pending>& batch) {
    std::vector<std::optional<Result<SubmittedResponse>>> out(batch.size());
    auto r = store.Write([&](Transaction& tx) -> Result<void> {
      std::fill(out.begin(), out.end(), std::nullopt);
      BatchWrite write{*this, tx, batch, out, clock()};
      return write.Run();
    });
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i].done(r ? std::move(*out[i]) : Result<SubmittedResponse>(Fail(r.error())));
  }

  // The work of one batch inside its transaction. New keys are the rule: the
  // responses a survey's state and the quotas admit are inserted together
  // (a few statements, not one per response), and a key is looked up only
  // when the insert says it is taken (a retry), which saves a read per
  // response. A retry is answered even when the survey is now full.
  struct BatchWrite {
    struct Open {
      SurveyDesign design;
      int64_t count = 0, added = 0, added_bytes = 0;
    };
    enum class Refusal { kState, kQuota };

    SurveyRuntime& runtime;
    Transaction& tx;
    std::vector<Pending>& batch;
    std::vector<std::optional<Result<SubmittedResponse>>>& out;
    const UnixTime now;
    // Storage left to each organisation in this batch (read once per
    // organisation and batch; nullopt: no storage quota).
    std::map<std::string, std::optional<int64_t>> room{};
    std::map<std::pair<std::string, std::string>, std::optional<Open>> surveys{};

    Result<void> Run() {
      std::vector<size_t> fresh, repeats;
      std::vector<size_t> first_of(batch.size());
      TRY(Sort(fresh, repeats, first_of));
      // Rounds: each inserts what the surveys' states and the quotas admit.
      // A taken key gives its place back, so what that round refused is tried
      // again; the candidates shrink every round.
      std::vector<size_t> candidates = std::move(fresh);
      while (!candidates.empty()) {
        std::vector<std::pair<size_t, Refusal>> refused;
        const bool freed = TRY(InsertRound(candidates, refused));
        candidates.clear();
        for (const auto& [i, why] : refused) {
          if (freed) {
            candidates.push_back(i);
          } else {
            TRY(AnswerRefused(i, why));
          }
        }
      }
      for (size_t i : repeats) {
        const auto& first = *out[first_of[i]];
        out[i] = first ? Replay(batch[i].response, first->response) : Fail(first.error());
      }
      for (const auto& [key, open] : surveys)
        if (open && open->added > 0)
          TRY(tx.AddToResponseCount(key.first, key.second, open->added, open->added_bytes));
      return AuditStored();
    }

    Open* SurveyOf(const SurveyResponse& resp) {
      auto it = surveys.find({resp.organisation_id, resp.survey_id});
      return it == surveys.end() || !it->second ? nullptr : &*it->second;
    }

    // Opens each response's survey; a response whose key came earlier in the
    // batch is answered as that one is (repeats, with first_of).
    Result<void> Sort(std::vector<size_t>& fresh, std::vector<size_t>& repeats,
                      std::vector<size_t>& first_of) {
      std::unordered_map<std::string, size_t> first_with_key;
      for (size_t i = 0; i < batch.size(); ++i) {
        const SurveyResponse& resp = batch[i].response;
        auto [slot, opened] = surveys.try_emplace({resp.organisation_id, resp.survey_id});
        if (opened) {
          auto s = TRY(tx.FindSurvey(resp.organisation_id, resp.survey_id));
          if (s) {
            auto design = TRY(formats::ParseStoredDesign(runtime.writer_parser, s->design));
            slot->second = Open{std::move(design), s->response_count, 0};
          }
        }
        if (!slot->second) {
          out[i] = Fail(NoLink());
          continue;
        }
        const std::string key =
            resp.organisation_id + '\n' + resp.survey_id + '\n' + resp.idempotency_key;
        auto [it, first] = first_with_key.try_emplace(key, i);
        first_of[i] = it->second;
        (first ? fresh : repeats).push_back(i);
      }
      return {};
    }

    // Inserts the candidates that may be stored now; the others go to
    // refused. True when a taken key gave its place back.
    Result<bool> InsertRound(const std::vector<size_t>& candidates,
                             std::vector<std::pair<size_t, Refusal>>& refused) {
      std::vector<size_t> admitted;
      std::vector<const SurveyResponse*> rows;
      for (size_t i : candidates) {
        const SurveyResponse& resp = batch[i].response;
        Open& open = *SurveyOf(resp);
        if (StateOf(open.design, now, open.count) != SurveyState::kOpen) {
          refused.emplace_back(i, Refusal::kState);
          continue;
        }
        if (!TRY(Take(resp, open, +1))) {
          refused.emplace_back(i, Refusal::kQuota);
          continue;
        }
        admitted.push_back(i);
        rows.push_back(&resp);
      }
      const std::vector<bool> stored = TRY(tx.InsertResponses(rows));
      bool freed = false;
      for (size_t k = 0; k < admitted.size(); ++k) {
        const size_t i = admitted[k];
        const SurveyResponse& resp = batch[i].response;
        if (stored[k]) {
          out[i] = SubmittedResponse{resp, false};
          continue;
        }
        TRY(Take(resp, *SurveyOf(resp), -1));  // not stored after all
        freed = true;
        auto earlier =
            TRY(tx.FindResponseByKey(resp.organisation_id, resp.survey_id, resp.idempotency_key));
        if (!earlier)
          return Fail(Error::Make(ErrorCode::kInternal, "a response id was taken twice"));
        out[i] = Replay(resp, *earlier);
      }
      return freed;
    }

    // Takes (+1) or gives back (-1) a response's place in its survey's count
    // and its bytes in the organisation's storage; false when a quota has no
    // room for it.
    Result<bool> Take(const SurveyResponse& resp, Open& open, int sign) {
      const SurveyOptions& options = runtime.options;
      const int64_t bytes = static_cast<int64_t>(resp.answers.size());
      if (sign > 0) {
        if (options.responses_per_survey > 0 && open.count >= options.responses_per_survey)
          return false;
        if (options.storage_bytes > 0) {
          auto [it, fresh] = room.try_emplace(resp.organisation_id);
          if (fresh) {
            auto usage = TRY(tx.GetOrganisationUsage(resp.organisation_id));
            it->second = options.storage_bytes - usage.stored_bytes();
          }
          if (*it->second < bytes) return false;
        }
      }
      if (options.storage_bytes > 0) *room[resp.organisation_id] -= sign * bytes;
      open.count += sign;
      open.added += sign;
      open.added_bytes += sign * bytes;
      return true;
    }

    // A response the survey's state or a quota turned away: a retry of one
    // stored earlier gets that one; a new one, the reason.
    Result<void> AnswerRefused(size_t i, Refusal why) {
      const SurveyResponse& resp = batch[i].response;
      auto earlier =
          TRY(tx.FindResponseByKey(resp.organisation_id, resp.survey_id, resp.idempotency_key));
      if (earlier) {
        out[i] = Replay(resp, *earlier);
      } else if (why == Refusal::kQuota) {
        out[i] = Fail(Error::Make(ErrorCode::kQuotaExceeded,
                                  "this survey is not taking more responses: please tell the "
                                  "organisation that runs it"));
      } else {
        const Open& open = *SurveyOf(resp);
        out[i] = Fail(Error::Make(ErrorCode::kFailedPrecondition,
                                  RefusalMessage(StateOf(open.design, now, open.count))));
      }
      return {};
    }

    static Result<SubmittedResponse> Replay(const SurveyResponse& resp,
                                            const SurveyResponse& stored) {
      if (stored.answers != resp.answers || stored.respondent_code != resp.respondent_code)
        return Fail(Error::Make(
            ErrorCode::kAlreadyExists,
            "this Idempotency-Key was already used for different answers: use a new key for "
            "a new response"));
      return SubmittedResponse{stored, true};
    }

    // One audit entry per survey per batch names every response it stored,
    // with a digest of their answers: the trail shows each anonymous
    // response without an entry (and a signature) apiece.
    Result<void> AuditStored() {
      std::map<std::pair<std::string, std::string>, std::vector<const SurveyResponse*>> stored;
      for (size_t i = 0; i < batch.size(); ++i)
        if (out[i] && *out[i] && !(*out[i])->replayed)
          stored[{batch[i].response.organisation_id, batch[i].response.survey_id}].push_back(
              &(*out[i])->response);
      for (const auto& [key, responses] : stored) {
        formats::JsonWriter w(0);
        std::string digest_input;
        w.BeginObject()
            .Field("count", static_cast<int64_t>(responses.size()))
            .Key("responses")
            .BeginArray();
        for (const SurveyResponse* r : responses) {
          w.String(r->id);
          digest_input += r->id + '\n' + r->answers + '\n';
        }
        w.EndArray().Field("answers_sha256", Sha256Hex(digest_input)).EndObject();
        TRY(AppendAuditEvent(
            tx, {"", "survey.responses_received", "survey", key.second, key.first, w.Take()}, now));
      }
      return {};
    }
  };

  Store& store;
  std::function<UnixTime()> clock;
  SurveyOptions options;
  RateLimiter per_link, per_address;
  std::atomic<uint64_t> last_us{0};
  std::mutex links_mu;
  std::unordered_map<std::string, std::shared_ptr<Link>> links;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Pending> queue;
  bool stopping = false;
  // The writer's own parser for stored designs: its buffers belong to this
  // object, not to the writer thread's storage (LeakSanitizer, which the API
  // fuzzer runs, cannot always see a thread's own storage while it runs).
  simdjson::dom::parser writer_parser;
  std::thread writer;  // last: starts once everything above exists
};

void Platform::ConfigureSurveys(const SurveyOptions& options) { survey_options_ = options; }

Platform::SurveyRuntime& Platform::Surveys() {
  std::call_once(surveys_once_, [this] {
    // The writer thread outlives the other members while the runtime stops
    // (it is declared before them), so it gets its own copy of the clock.
    auto clock = [c = options_.clock] {
      return c ? c() : static_cast<UnixTime>(std::time(nullptr));
    };
    SurveyOptions survey_options = survey_options_;
    survey_options.responses_per_survey = options_.quotas.responses_per_survey;
    survey_options.storage_bytes = options_.quotas.storage_bytes;
    surveys_ = std::make_shared<SurveyRuntime>(store_, clock, survey_options);
  });
  return *surveys_;
}

Result<SurveyContext> Platform::LoadSurvey(Transaction& tx, const Caller& caller,
                                           const std::string& survey_id, OrgAction action) {
  auto org = tx.FindSurveyOrganisation(survey_id);
  if (!org) return Fail(org.error());
  if (!*org) return Fail(NoSurvey());
  auto role = Authorise(tx, caller, **org, action);
  if (!role) {
    if (role.error().code == ErrorCode::kNotFound) return Fail(NoSurvey());
    return Fail(role.error());
  }
  auto record = tx.FindSurvey(**org, survey_id);
  if (!record) return Fail(record.error());
  if (!*record) return Fail(NoSurvey());
  auto design = TRY(formats::ParseStoredDesign((*record)->design));
  return SurveyContext{std::move(**record), std::move(design), *role};
}

namespace {

SurveyView MakeView(SurveyRecord record, SurveyDesign design, UnixTime now,
                    const std::string& public_url) {
  SurveyView v;
  v.state = StateOf(design, now, record.response_count);
  v.public_url = public_url + "/s/" + record.token;
  v.record = std::move(record);
  v.design = std::move(design);
  return v;
}

}  // namespace

Result<SurveyView> Platform::CreateSurvey(const Caller& caller, const std::string& org_id,
                                          const SurveyDesign& design) {
  SurveyRecord record;
  record.organisation_id = org_id;
  record.id = NewId();
  record.scope_id = design.scope_id;
  // 24 random bytes: a link that cannot be guessed, short enough to print.
  record.token = RandomToken(24);
  record.design = formats::StoredDesignJson(design);
  record.created_at = record.updated_at = Now();
  auto r = store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kCollectData));
    if (auto c = CheckDesignInput(tx, org_id, design); !c) return c;
    if (auto q = CheckQuota(tx, org_id,
                            {.bytes = static_cast<int64_t>(record.design.size()), .surveys = 1});
        !q)
      return q;
    if (auto i = tx.InsertSurvey(record); !i) return i;
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.create", "survey", record.id, org_id,
                             SurveyAuditJson(record, design)},
                            Now());
  });
  if (!r) return Fail(r.error());
  return MakeView(std::move(record), design, Now(), options_.public_url);
}

Result<std::vector<SurveyView>> Platform::ListSurveys(const Caller& caller,
                                                      const std::string& org_id) {
  std::vector<SurveyRecord> list;
  auto records = store_.Read([&](Transaction& tx) -> Result<void> {
    TRY(Authorise(tx, caller, org_id, OrgAction::kRead));
    auto found = TRY(tx.ListSurveys(org_id));
    list = std::move(found);
    return {};
  });
  if (!records) return Fail(records.error());
  std::vector<SurveyView> out;
  for (SurveyRecord& rec : list) {
    auto design = TRY(formats::ParseStoredDesign(rec.design));
    out.push_back(MakeView(std::move(rec), std::move(design), Now(), options_.public_url));
  }
  return out;
}

Result<SurveyView> Platform::GetSurvey(const Caller& caller, const std::string& survey_id) {
  std::optional<SurveyContext> ctx;
  auto r = store_.Read([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    ctx = std::move(c);
    return {};
  });
  if (!r) return Fail(r.error());
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

Result<SurveyView> Platform::UpdateSurvey(const Caller& caller, const std::string& survey_id,
                                          int64_t version, const SurveyDesign& design) {
  std::optional<SurveyContext> ctx;
  auto r = store_.Write([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    ctx = std::move(c);
    SurveyRecord& rec = ctx->record;
    if (version != rec.version)
      return Fail(Error::Field(
          ErrorCode::kFailedPrecondition, "version",
          fmt::format("someone else saved this survey first (version {} is now {}): reload and "
                      "try again",
                      version, rec.version)));
    if (auto ch = CheckDesignInput(tx, rec.organisation_id, design); !ch) return ch;
    // Answers already given must keep their meaning: a question may be
    // reworded or added, but not removed or given another type.
    if (rec.response_count > 0) {
      std::vector<FieldError> errors;
      for (const Question& old : ctx->design.questions) {
        auto it = std::find_if(design.questions.begin(), design.questions.end(),
                               [&](const Question& q) { return q.id == old.id; });
        if (it == design.questions.end())
          errors.push_back(
              {"questions",
               fmt::format("question \"{}\" has answers and cannot be removed", old.id)});
        else if (it->type != old.type)
          errors.push_back(
              {fmt::format("questions[{}].type", it - design.questions.begin()),
               fmt::format("question \"{}\" has answers and cannot change type", old.id)});
      }
      if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
    }
    rec.scope_id = design.scope_id;
    const int64_t old_bytes = static_cast<int64_t>(rec.design.size());
    rec.design = formats::StoredDesignJson(design);
    rec.updated_at = Now();
    if (auto q = CheckQuota(tx, rec.organisation_id,
                            {.bytes = static_cast<int64_t>(rec.design.size()) - old_bytes});
        !q)
      return q;
    if (auto u = tx.UpdateSurvey(rec); !u) return u;
    rec.version += 1;
    ctx->design = design;
    return AppendAuditEvent(tx,
                            {caller.user.id, "survey.update", "survey", rec.id, rec.organisation_id,
                             SurveyAuditJson(rec, design)},
                            Now());
  });
  if (!r) return Fail(r.error());
  Surveys().Forget(ctx->record.token);
  return MakeView(std::move(ctx->record), std::move(ctx->design), Now(), options_.public_url);
}

Result<PublicSurvey> Platform::GetPublicSurvey(const std::string& token) {
  auto link = TRY(Surveys().Find(token));
  int64_t count = 0;
  auto r = store_.Read([&](Transaction& tx) -> Result<void> {
    auto s = TRY(tx.FindSurvey(link->organisation_id, link->survey_id));
    if (s) count = s->response_count;
    return {};
  });
  if (!r) return Fail(r.error());
  return PublicSurvey{link->organisation_name, link->survey_id, link->design,
                      StateOf(link->design, Now(), count)};
}

void Platform::SubmitResponse(const Submission& s,
                              std::function<void(Result<SubmittedResponse>)> done) {
  SurveyRuntime& rt = Surveys();
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
        "response (a UUID will do)"));
  auto link = rt.Find(s.token);
  if (!link) return refuse(link.error());
  const SurveyDesign& design = (*link)->design;
  // A survey that is no longer open still answers the retry of a response it
  // stored (the writer replays it by its Idempotency-Key); anything else is
  // refused with the survey's state, not with the form's problems.
  const SurveyState state = StateOf(design, Now(), 0);

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
    if (design.respondent_codes == RespondentCodes::kOff && !code.empty())
      errors.push_back(
          {"respondent_code", "this survey is anonymous and takes no respondent code"});
    if (design.respondent_codes == RespondentCodes::kRequired && code.empty())
      errors.push_back({"respondent_code", "is required: use the code you were given"});
    if (code.size() > 64) errors.push_back({"respondent_code", "must be at most 64 characters"});
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

Result<Page<SurveyResponse>> Platform::ListSurveyResponses(const Caller& caller,
                                                           const std::string& survey_id,
                                                           const PageRequest& page) {
  Page<SurveyResponse> out;
  auto r = store_.Read([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kRead));
    auto list = tx.ListResponses(c.record.organisation_id, survey_id, {page.after, page.limit + 1});
    if (!list) return Fail(list.error());
    out.items = std::move(*list);
    if (static_cast<int>(out.items.size()) > page.limit) {
      out.items.resize(page.limit);
      out.next_cursor = out.items.back().id;
    }
    return {};
  });
  if (!r) return Fail(r.error());
  return out;
}

Result<SurveyResponse> Platform::SetResponseExclusion(const Caller& caller,
                                                      const std::string& survey_id,
                                                      const std::string& response_id,
                                                      const std::optional<std::string>& reason) {
  std::optional<std::string> cleaned;
  if (reason) {
    auto t = TRY(CleanText("reason", *reason, 1, 500));
    cleaned = t;
  }
  SurveyResponse resp;
  auto r = store_.Write([&](Transaction& tx) -> Result<void> {
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kEdit));
    auto found = tx.FindResponse(c.record.organisation_id, survey_id, response_id);
    if (!found) return Fail(found.error());
    if (!*found) return Fail(Error::Make(ErrorCode::kNotFound, "no such response"));
    resp = std::move(**found);
    resp.excluded_reason = cleaned;
    resp.excluded_by = cleaned ? caller.user.id : "";
    resp.excluded_at = cleaned ? std::optional<UnixTime>(Now()) : std::nullopt;
    if (auto u = tx.UpdateResponseExclusion(resp); !u) return u;
    return AppendAuditEvent(
        tx,
        {caller.user.id, cleaned ? "response.exclude" : "response.restore", "survey_response",
         resp.id, resp.organisation_id, ResponseAuditJson(resp)},
        Now());
  });
  if (!r) return Fail(r.error());
  return resp;
}

Result<ImportReport> Platform::ImportResponses(const Caller& caller, const std::string& survey_id,
                                               std::string_view csv) {
  SurveyRuntime& rt = Surveys();
  ImportReport report;
  auto r = store_.Write([&](Transaction& tx) -> Result<void> {
    report = {};
    auto c = TRY(LoadSurvey(tx, caller, survey_id, OrgAction::kCollectData));
    auto rows = TRY(ReadResponsesCsv(c.design, csv));
    // Keys from the file's digest and the row: importing the same file again
    // adds nothing, while two identical paper forms in one file stay two.
    const std::string digest = Sha256Hex(csv).substr(0, 32);
    int64_t answer_bytes = 0;
    std::vector<SurveyResponse> fresh;
    for (size_t i = 0; i < rows.size(); ++i) {
      SurveyResponse resp;
      resp.organisation_id = c.record.organisation_id;
      resp.survey_id = survey_id;
      resp.idempotency_key = fmt::format("import:{}:{}", digest, i + 1);
      auto existing =
          TRY(tx.FindResponseByKey(resp.organisation_id, survey_id, resp.idempotency_key));
      if (existing) {
        ++report.already_present;
        continue;
      }
      resp.id = rt.NextResponseId();
      resp.respondent_code = (rows)[i].respondent_code;
      resp.answers = formats::AnswersJson(c.design, (rows)[i].answers);
      resp.source = "import";
      resp.submitted_at = Now();
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
    if (auto q = CheckQuota(tx, c.record.organisation_id, {.bytes = answer_bytes}); !q) return q;
    for (const SurveyResponse& resp : fresh) {
      if (auto ins = tx.InsertResponse(resp); !ins) return ins;
      ++report.imported;
    }
    if (report.imported > 0)
      if (auto a = tx.AddToResponseCount(c.record.organisation_id, survey_id, report.imported,
                                         answer_bytes);
          !a)
        return a;
    return AppendAuditEvent(
        tx,
        {caller.user.id, "survey.import", "survey", survey_id, c.record.organisation_id,
         fmt::format(R"({{"sha256":"{}","imported":{},"already_present":{}}})", Sha256Hex(csv),
                     report.imported, report.already_present)},
        Now());
  });
  if (!r) return Fail(r.error());
  return report;
}

}  // namespace valuemark::app
