// The runtime behind a survey's public link (internal to surveys.cpp): the
// cache of links, the rate limits per link and per client address, and the
// group-commit writer threads. Submissions queue to the writers; a writer
// commits everything waiting in one transaction and only then answers each,
// so a busy server pays one fsync for many responses and no response is
// acknowledged before it is on disk. Where the store runs writers side by
// side (Store::WritersSideBySide, PostgreSQL), a second writer reads and
// inserts the next batch while the first commits; the batches' audit
// entries still take turns (the chain's head is locked), and a survey's
// count cannot pass its cap (AddToResponseCount's cap: a batch that counted
// on room the other writer took is written again). A writer remembers each
// survey it read (WriterOwn) and reads it again only when the count's
// UPDATE finds another version (AddToResponseCount's version), or its cap.
#pragma once

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/rate_limits.h"
#include "app/surveys/surveys.h"
#include "app/validate.h"
#include "formats/json_writer.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app::survey_runtime {

inline Error NoLink() {
  return Error::Make(ErrorCode::kNotFound,
                     "no survey at this link: check the address you were given");
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

}  // namespace valuemark::app::survey_runtime

namespace valuemark::app {

struct SurveyService::SurveyRuntime {
  struct Link {
    std::string organisation_id, organisation_name, survey_id;
    SurveyDesign design;
    SurveyStatus status = SurveyStatus::kPublished;
    std::chrono::steady_clock::time_point loaded;
  };
  struct Pending {
    SurveyResponse response;
    std::function<void(Result<SubmittedResponse>)> done;
  };

  SurveyRuntime(Store& s, std::function<UnixTime()> c, SurveyOptions o)
      : store(s),
        clock(std::move(c)),
        options(o),
        own(static_cast<size_t>(std::max(1, s.WritersSideBySide()))) {
    for (auto& mine : own) writers.emplace_back([this, &mine] { WriterLoop(mine); });
  }
  ~SurveyRuntime() {
    {
      std::lock_guard lock(mu);
      stopping = true;
    }
    cv.notify_all();
    for (std::thread& writer : writers) writer.join();
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
      auto s = TRY(tx.FindSurveyByToken(token));
      if (!s) return {};
      auto design = TRY(formats::ParseStoredDesign((s)->design));
      auto org = TRY(tx.FindOrganisation((s)->organisation_id));
      link->organisation_id = (s)->organisation_id;
      link->organisation_name = org ? org->name : "";
      link->survey_id = (s)->id;
      link->design = std::move(design);
      link->status = (s)->status;
      link->loaded = now;
      found = true;
      return {};
    });
    if (!r) return Fail(r.error());
    if (!found) return Fail(survey_runtime::NoLink());
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

  // What a writer last read of a survey: its version, its design (parsed,
  // with the stored text it came from), its status, and a count the survey
  // has at least (other writers add to it too).
  struct Known {
    int64_t version = 0;
    std::string text;
    std::shared_ptr<const SurveyDesign> design;
    SurveyStatus status = SurveyStatus::kPublished;
    int64_t count = 0;
  };
  // What one writer keeps between its batches: a parser for stored designs,
  // and what it last read of each survey. A batch uses what it knows of a
  // survey that was open, without reading it again (one statement, and on
  // PostgreSQL one round trip, fewer per batch): the count's UPDATE refuses
  // another version of the survey, and a count past the survey's limit,
  // and the batch is then written again with the survey read afresh.
  struct WriterOwn {
    simdjson::dom::parser parser;
    std::map<std::pair<std::string, std::string>, Known> known;
  };

  void WriterLoop(WriterOwn& mine) {
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
      CommitBatch(batch, mine);
      batch.clear();
    }
  }

  // One transaction for the whole batch. A refusal of one response (a full
  // survey, a reused key with other answers) is that response's answer and
  // does not stop the others; a failed commit fails them all, and none was
  // acknowledged. A batch whose survey filled up meanwhile (another writer
  // committed first) is written again with the count read afresh, the last
  // time with this process's other writers held back.
  void CommitBatch(std::vector<Pending>& batch, WriterOwn& mine) {
    constexpr int kAttempts = 3;
    std::vector<std::optional<Result<SubmittedResponse>>> out(batch.size());
    std::map<std::pair<std::string, std::string>, int64_t> counted;
    Result<void> r;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
      std::shared_lock side_by_side(turns, std::defer_lock);
      std::unique_lock alone(turns, std::defer_lock);
      attempt < kAttempts ? side_by_side.lock() : alone.lock();
      std::map<std::string, Appended> appended;
      r = store.Write([&](Transaction& tx) -> Result<void> {
        std::fill(out.begin(), out.end(), std::nullopt);
        counted.clear();
        appended.clear();
        BatchWrite write{*this,   mine,    tx,           batch,
                         out,     clock(), attempt == 1, attempt < kAttempts,
                         counted, appended};
        return write.Run();
      });
      KeepTips(r.has_value(), appended);
      if (r || !(IsSurveyFilledMeanwhile(r.error()) || IsAuditChainMovedMeanwhile(r.error())))
        break;
    }
    // Committed: each survey has at least the count this batch left it with.
    if (r) {
      for (const auto& [key, count] : counted)
        if (auto it = mine.known.find(key); it != mine.known.end())
          it->second.count = std::max(it->second.count, count);
    }
    for (size_t i = 0; i < batch.size(); ++i)
      batch[i].done(r ? std::move(*out[i]) : Result<SubmittedResponse>(Fail(r.error())));
  }

  // What a batch appended to a chain: the tip after its last entry, and
  // whether on the writers' tip (BatchWrite::Append).
  struct Appended {
    ChainTip tip;
    bool on_tip = false;
  };

  // The tip that a batch's entry makes, published as the batch appends it,
  // before it commits, so that the other writer may append after it (unless
  // the tip is already past it). With tips_mu held.
  void PublishTip(const std::string& chain, const ChainTip& tip) {
    if (auto off = no_tips_until.find(chain); off != no_tips_until.end()) {
      if (std::chrono::steady_clock::now() < off->second) return;
      no_tips_until.erase(off);
    }
    if (tips.size() >= 1000 && !tips.contains(chain)) tips.clear();  // organisations come and go
    auto [it, fresh] = tips.try_emplace(chain, tip);
    if (!fresh && it->second.head.seq <= tip.head.seq) it->second = tip;
  }

  // After a batch's transaction. A failed batch takes back the tips it
  // published, which its entries no longer lead to; a committed one gives
  // back a tip that another's failure took away. A wrong tip costs a batch
  // written twice: now and then, when the other writer's COMMIT reaches the
  // database after this one's; but often when the chain is appended to
  // elsewhere (another server on the same database). So when more than one
  // batch in five on a chain's tip failed within a second (five at least),
  // no tip is kept for that chain for the next second.
  void KeepTips(bool committed, const std::map<std::string, Appended>& appended) {
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(tips_mu);
    for (const auto& [chain, what] : appended) {
      if (committed) {
        if (!tips.contains(chain)) PublishTip(chain, what.tip);
      } else if (auto it = tips.find(chain);
                 it != tips.end() && it->second.head.hash == what.tip.head.hash) {
        tips.erase(it);
      }
      if (!what.on_tip) continue;
      TipOutcomes& o = tip_outcomes[chain];
      if (now - o.since > std::chrono::seconds(1)) o = {0, 0, now};
      ++(committed ? o.kept : o.failed);
      if (o.failed >= 5 && o.failed * 4 > o.kept) {
        tips.erase(chain);
        tip_outcomes.erase(chain);
        no_tips_until[chain] = now + std::chrono::seconds(1);
      }
    }
    if (tip_outcomes.size() > 1000) tip_outcomes.clear();
    if (no_tips_until.size() > 1000) no_tips_until.clear();
  }

  // The work of one batch inside its transaction. New keys are the rule: the
  // responses a survey's state and the quotas admit are inserted together
  // (a few statements, not one per response), and a key is looked up only
  // when the insert says it is taken (a retry), which saves a read per
  // response. A retry is answered even when the survey is now full.
  struct BatchWrite {
    struct Open {
      std::shared_ptr<const SurveyDesign> design;
      SurveyStatus status = SurveyStatus::kPublished;
      int64_t version = 0;
      int64_t count = 0, added = 0, added_bytes = 0;
    };
    enum class Refusal { kState, kQuota };

    SurveyRuntime& runtime;
    WriterOwn& mine;
    Transaction& tx;
    std::vector<Pending>& batch;
    std::vector<std::optional<Result<SubmittedResponse>>>& out;
    const UnixTime now;
    const bool trust_known;  // false: every survey is read afresh (a retry)
    const bool use_tips;     // false: every chain is read afresh (the last attempt)
    // Each survey's count once the batch is written (for Known::count).
    std::map<std::pair<std::string, std::string>, int64_t>& counted;
    // What it appended to each chain (for KeepTips).
    std::map<std::string, Appended>& appended;
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
      for (const auto& [key, open] : surveys) {
        if (!open || open->added <= 0) continue;
        TRY(tx.AddToResponseCount(key.first, key.second, open->added, open->added_bytes,
                                  CapOf(*open), open->version));
        counted[key] = open->count;
      }
      return AuditStored();
    }

    // The count the UPDATE may not pass: the smaller of the quota per survey
    // and the survey's own limit (0: neither).
    int64_t CapOf(const Open& open) const {
      int64_t cap = runtime.options.responses_per_survey;
      if (const auto& limit = open.design->response_limit; limit && *limit > 0)
        cap = cap > 0 ? std::min(cap, *limit) : *limit;
      return cap;
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
        if (opened) slot->second = TRY(OpenSurvey(slot->first));
        if (!slot->second) {
          out[i] = Fail(survey_runtime::NoLink());
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

    // The survey as this writer knows it, if it was open then and this is
    // not a retry; else as stored now (its design parsed again only when its
    // text changed). Either way the count's UPDATE checks its version.
    Result<std::optional<Open>> OpenSurvey(const std::pair<std::string, std::string>& survey) {
      auto it = mine.known.find(survey);
      if (trust_known && it != mine.known.end()) {
        const Known& k = it->second;
        if (StateOf(*k.design, k.status, now, k.count) == SurveyState::kOpen)
          return Open{k.design, k.status, k.version, k.count};
      }
      auto s = TRY(tx.FindSurvey(survey.first, survey.second));
      if (!s) {
        if (it != mine.known.end()) mine.known.erase(it);
        return std::optional<Open>();
      }
      std::shared_ptr<const SurveyDesign> design;
      if (it != mine.known.end() && it->second.text == s->design) {
        design = it->second.design;
      } else {
        design = std::make_shared<const SurveyDesign>(
            TRY(formats::ParseStoredDesign(mine.parser, s->design)));
      }
      // Surveys come and go: a writer that has seen very many starts afresh.
      if (mine.known.size() >= 1000 && it == mine.known.end()) mine.known.clear();
      Known& k = mine.known[survey];
      k.design = std::move(design);
      k.text = s->design;
      k.version = s->version;
      k.status = s->status;
      k.count = s->response_count;
      return Open{k.design, k.status, k.version, k.count};
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
        if (StateOf(*open.design, open.status, now, open.count) != SurveyState::kOpen) {
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
        out[i] =
            Fail(Error::Make(ErrorCode::kFailedPrecondition,
                             RefusalMessage(StateOf(*open.design, open.status, now, open.count))));
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
        const AuditEvent event{
            "", "survey.responses_received", "survey", key.second, key.first, w.Take()};
        TRY(Append(event));
      }
      return {};
    }

    // On the tip the writers keep of the organisation's chain when there is
    // one and this is not the last attempt: its entry then costs no round trip, and
    // the chain is locked only from the COMMIT's round trip on (the head's
    // UPDATE waits there for the writer before). A tip that turns out wrong
    // fails the batch, which is written again reading the chain.
    Result<void> Append(const AuditEvent& event) {
      const std::string& chain = event.organisation_id;
      if (use_tips) {
        std::lock_guard lock(runtime.tips_mu);
        if (auto it = runtime.tips.find(chain); it != runtime.tips.end()) {
          it->second = TRY(AppendAuditEventOn(tx, event, now, it->second));
          appended[chain] = {it->second, true};
          return {};
        }
      }
      ChainTip tip = TRY(AppendAuditEventTip(tx, event, now));  // the head read and locked
      std::lock_guard lock(runtime.tips_mu);
      runtime.PublishTip(chain, tip);
      auto& mine = appended[chain];
      mine.tip = std::move(tip);
      return {};
    }
  };

  Store& store;
  std::function<UnixTime()> clock;
  SurveyOptions options;
  survey_runtime::RateLimiter per_link, per_address;
  std::atomic<uint64_t> last_us{0};
  std::mutex links_mu;
  std::unordered_map<std::string, std::shared_ptr<Link>> links;
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Pending> queue;
  bool stopping = false;
  // Shared by batches written side by side; a batch's last attempt takes it alone.
  std::shared_mutex turns;
  // The tip of each organisation's audit chain as the writers left it
  // (BatchWrite::Append, KeepTips).
  std::mutex tips_mu;
  std::map<std::string, ChainTip> tips;
  // Batches appended on each chain's tip since a time: committed, failed.
  struct TipOutcomes {
    int kept = 0, failed = 0;
    std::chrono::steady_clock::time_point since;
  };
  std::map<std::string, TipOutcomes> tip_outcomes;
  std::map<std::string, std::chrono::steady_clock::time_point> no_tips_until;
  // Each writer's own parser and designs: the parser's buffers belong to this
  // object, not to the writer thread's storage (LeakSanitizer, which the API
  // fuzzer runs, cannot always see a thread's own storage while it runs).
  std::vector<WriterOwn> own;
  std::vector<std::thread> writers;  // last: they start once everything above exists
};

}  // namespace valuemark::app
