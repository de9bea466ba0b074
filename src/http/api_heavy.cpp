// Heavy routes on the heavy-work pool, and rate-limited routes
// (api_helpers.h Heavy, RateLimited).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <memory>
#include <thread>

#include "formats/log_line.h"
#include "http/api_helpers.h"
#include "http/errors.h"
#include "http/heavy_work.h"

namespace valuemark::http {
namespace {

// Queues run(request) on the pool under key; the job answers through the
// request's reply_later. The job gets its own copy of the request (the
// transport's may be gone when it runs). Refused: the refusal, in place.
Response Defer(HeavyWork& pool, const std::string& key, Request& request,
               std::function<Response(Request&)> run) {
  auto job = std::make_shared<Request>(request);
  auto response = std::make_shared<Response>();
  auto work = [job, response, run = std::move(run)] {
    try {
      *response = run(*job);
    } catch (const std::exception& e) {
      // As Api::Handle does for a handler answered in place.
      spdlog::error("{}", formats::LogLine("request failed")
                              .Add("method", MethodName(job->method))
                              .Add("path", job->path)
                              .Add("error", e.what())
                              .Fields());
      *response = ErrorResponse(
          500, "internal",
          "something went wrong on the server; the error is logged, please try again");
    }
    if (job->method == Method::kHead) response->body.clear();
  };
  // Answered once the user's place in the queue is free again.
  auto answer = [job, response] {
    auto reply = std::move(job->reply_later);
    reply(std::move(*response));
  };
  auto queued = pool.Submit(key, FairQueue::Job(std::move(work), std::move(answer)));
  if (!queued) return ErrorResponse(queued.error());
  request.reply_later = nullptr;  // the job answers, exactly once
  Response deferred;
  deferred.deferred = true;
  return deferred;
}

}  // namespace

SessionHandler Heavy::operator()(SessionHandler fn) const {
  return
      [pool = pool, fn = std::move(fn)](Request& request, const app::Caller& caller) -> Response {
        if (!pool || !request.reply_later) return fn(request, caller);
        return Defer(*pool, "user:" + caller.user.id, request,
                     [fn, caller](Request& r) { return fn(r, caller); });
      };
}

Handler Heavy::Public(Handler fn) const {
  return [pool = pool, fn = std::move(fn)](Request& request) -> Response {
    if (!pool || !request.reply_later) return fn(request);
    return Defer(*pool, "address:" + request.client_address, request, fn);
  };
}

int Heavy::Threads() const {
  if (pool) return pool->ThreadsPerJob();
  return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
}

SessionHandler RateLimited(app::RateLimits& limits, app::Limited action, SessionHandler fn) {
  return [&limits, action, fn = std::move(fn)](Request& request,
                                               const app::Caller& caller) -> Response {
    if (auto taken = limits.Take(action, request.client_address, caller.user.id); !taken)
      return ErrorResponse(taken.error());
    return fn(request, caller);
  };
}

}  // namespace valuemark::http
