#include "app/rate_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace valuemark::app {
namespace {

constexpr size_t kMaxBuckets = 200000;  // bounded memory under a flood of addresses

double SteadySeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "6 minutes", "40 seconds": the wait in the unit a person reads.
std::string Duration(int64_t seconds) {
  if (seconds < 120) return fmt::format("{} seconds", seconds);
  return fmt::format("{} minutes", (seconds + 59) / 60);
}

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
  }
  return "too many requests";
}

}  // namespace

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
  }
  return "unknown";
}

RateLimits::RateLimits(RateLimitOptions options, std::function<double()> now)
    : options_(options), now_(now ? std::move(now) : std::function<double()>(SteadySeconds)) {}

double RateLimits::Wait(const std::string& key, const Rate& rate, double now) {
  const double per_second = rate.per_hour / 3600;
  const double burst = std::max(1.0, rate.burst);
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst, now});
  Bucket& b = it->second;
  if (!fresh) b.tokens = std::min(burst, b.tokens + (now - b.at) * per_second);
  b.at = now;
  return b.tokens >= 1 ? 0 : (1 - b.tokens) / per_second;
}

void RateLimits::TakeOne(const std::string& key) { buckets_.at(key).tokens -= 1; }

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
  }
  const bool by_address = per_address && per_address->per_hour > 0;
  const bool by_account = per_account && per_account->per_hour > 0 && !account.empty();
  if (!by_address && !by_account) return {};
  const std::string prefix = std::string(Name(action)) + "|";
  const std::string address_key = prefix + "address:" + address,
                    account_key = prefix + "account:" + account;
  std::lock_guard lock(mutex_);
  if (buckets_.size() > kMaxBuckets) buckets_.clear();
  const double now = now_();
  const double address_wait = by_address ? Wait(address_key, *per_address, now) : 0;
  const double account_wait = by_account ? Wait(account_key, *per_account, now) : 0;
  if (address_wait > 0 || account_wait > 0) {
    const auto seconds =
        std::max<int64_t>(1, static_cast<int64_t>(std::ceil(std::max(address_wait, account_wait))));
    return Fail(
        Error::RetryLater(ErrorCode::kResourceExhausted,
                          fmt::format("{} from {}: try again in {}", What(action),
                                      account_wait >= address_wait ? whose_account : "this address",
                                      Duration(seconds)),
                          seconds));
  }
  if (by_address) TakeOne(address_key);
  if (by_account) TakeOne(account_key);
  return {};
}

}  // namespace valuemark::app
