#include "app/rate_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace valuemark::app {
namespace {

constexpr size_t kMaxBuckets = 200000;  // bounded memory under a flood of addresses

const char* What(Limited action) {
  switch (action) {
    case Limited::kSignup:
      return "too many sign-ups";
    case Limited::kPasswordReset:
      return "too many password-reset requests";
    case Limited::kInvitation:
      return "too many invitations";
    case Limited::kUpload:
      return "too many uploads and imports";
    case Limited::kComplaint:
      return "too many complaints";
    case Limited::kContactRequest:
      return "too many requests to be put in touch";
  }
  return "too many requests";
}

}  // namespace

std::string WaitInWords(int64_t seconds) {
  if (seconds == 1) return "1 second";
  if (seconds < 120) return fmt::format("{} seconds", seconds);
  return fmt::format("{} minutes", (seconds + 59) / 60);
}

int64_t WholeSeconds(double seconds) {
  // (Less a trace of rounding: 3600 / 4 an hour is 900 s, not 901.)
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(seconds - 1e-6)));
}

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double TokenBuckets::Wait(const std::string& key, double per_second, double burst, double now) {
  burst = std::max(1.0, burst);
  if (buckets_.size() >= kMaxBuckets && !buckets_.contains(key)) buckets_.clear();
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst, now});
  Bucket& b = it->second;
  if (!fresh) b.tokens = std::min(burst, b.tokens + (now - b.at) * per_second);
  b.at = now;
  return b.tokens >= 1 ? 0 : (1 - b.tokens) / per_second;
}

void TokenBuckets::TakeOne(const std::string& key) {
  // (A bucket forgotten in between, when the map was full, starts full again.)
  if (auto it = buckets_.find(key); it != buckets_.end()) it->second.tokens -= 1;
}

const char* Name(Limited action) {
  switch (action) {
    case Limited::kSignup:
      return "signup";
    case Limited::kPasswordReset:
      return "password_reset";
    case Limited::kInvitation:
      return "invitation";
    case Limited::kUpload:
      return "upload";
    case Limited::kComplaint:
      return "complaint";
    case Limited::kContactRequest:
      return "contact_request";
  }
  return "unknown";
}

RateLimits::RateLimits(RateLimitOptions options, std::function<double()> now)
    : options_(options), now_(now ? std::move(now) : std::function<double()>(SteadySeconds)) {}

Result<void> RateLimits::Take(Limited action, const std::string& address,
                              const std::string& account) {
  const Rate* per_address = nullptr;
  const Rate* per_account = nullptr;
  const char* whose_account = "this account";
  switch (action) {
    case Limited::kSignup:
      per_address = &options_.signup_per_address;
      break;
    case Limited::kPasswordReset:
      per_address = &options_.reset_per_address;
      per_account = &options_.reset_per_email;
      whose_account = "this email address";
      break;
    case Limited::kInvitation:
      per_address = &options_.invitation_per_address;
      per_account = &options_.invitation_per_account;
      break;
    case Limited::kUpload:
      per_address = &options_.upload_per_address;
      per_account = &options_.upload_per_account;
      break;
    case Limited::kComplaint:
      per_address = &options_.complaint_per_address;
      break;
    case Limited::kContactRequest:
      per_address = &options_.contact_per_address;
      per_account = &options_.contact_per_account;
      break;
  }
  const bool by_address = per_address && per_address->per_hour > 0;
  const bool by_account = per_account && per_account->per_hour > 0 && !account.empty();
  if (!by_address && !by_account) return {};
  const std::string prefix = std::string(Name(action)) + "|";
  const std::string address_key = prefix + "address:" + address,
                    account_key = prefix + "account:" + account;
  std::lock_guard lock(mutex_);
  const double now = now_();
  auto wait = [&](const std::string& key, const Rate& rate) {
    return buckets_.Wait(key, rate.per_hour / 3600, rate.burst, now);
  };
  const double address_wait = by_address ? wait(address_key, *per_address) : 0;
  const double account_wait = by_account ? wait(account_key, *per_account) : 0;
  if (address_wait > 0 || account_wait > 0) {
    const int64_t seconds = WholeSeconds(std::max(address_wait, account_wait));
    return Fail(
        Error::RetryLater(ErrorCode::kResourceExhausted,
                          fmt::format("{} from {}: try again in {}", What(action),
                                      account_wait >= address_wait ? whose_account : "this address",
                                      WaitInWords(seconds)),
                          seconds));
  }
  if (by_address) buckets_.TakeOne(address_key);
  if (by_account) buckets_.TakeOne(account_key);
  return {};
}

}  // namespace valuemark::app
