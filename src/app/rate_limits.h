// Rate limits on the requests that cost others or reach other people: sign-
// ups (a password hash each), password-reset requests and invitations (an
// email each), and uploads (evidence files and imports). Each action has a
// token bucket per client address and, where there is one, per account (the
// signed-in user, or the email a reset is asked for); a request takes one
// token from each, and is refused while either is empty, with the real wait:
// the time until both hold a token again (docs/operations.md "Limits").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/result.h"

namespace valuemark::app {

// `per_hour` tokens an hour, at most `burst` saved up; per_hour 0: no limit.
struct Rate {
  double per_hour = 0;
  double burst = 0;
};

// "6 minutes", "40 seconds": a wait in the unit a person reads.
std::string WaitInWords(int64_t seconds);
// A wait as Retry-After states it: whole seconds, rounded up, at least one.
int64_t WholeSeconds(double seconds);
// Seconds on the steady clock (the limits' clock unless a test gives its own).
double SteadySeconds();

// Token buckets by key, without a lock of their own (their owner's guards
// them); at most 200,000 keys, all forgotten when there would be more.
class TokenBuckets {
 public:
  // Seconds until key's bucket holds a token (0: it does now), refilled to
  // `now` at per_second, holding `burst` at most (at least one).
  double Wait(const std::string& key, double per_second, double burst, double now);
  // Takes the token that Wait said is there.
  void TakeOne(const std::string& key);

 private:
  struct Bucket {
    double tokens, at;
  };
  std::unordered_map<std::string, Bucket> buckets_;
};

enum class Limited { kSignup, kPasswordReset, kInvitation, kUpload, kComplaint, kContactRequest };
const char* Name(Limited action);

struct RateLimitOptions {
  Rate signup_per_address{20, 20};
  Rate reset_per_address{10, 10};
  Rate reset_per_email{3, 3};
  Rate invitation_per_address{100, 100};
  Rate invitation_per_account{50, 50};
  Rate upload_per_address{120, 60};
  Rate upload_per_account{60, 30};
  Rate complaint_per_address{10, 5};  // complaints are filed without an account
  // Requests to the broker to be put in touch with a directory entry: each
  // is an email to every broker.
  Rate contact_per_address{30, 10};
  Rate contact_per_account{10, 5};

  // Every limit off (the API tests sign many people up from one address).
  static RateLimitOptions Off() {
    RateLimitOptions o;
    for (Rate* r : {&o.signup_per_address, &o.reset_per_address, &o.reset_per_email,
                    &o.invitation_per_address, &o.invitation_per_account, &o.upload_per_address,
                    &o.upload_per_account, &o.complaint_per_address, &o.contact_per_address,
                    &o.contact_per_account})
      *r = Rate{};
    return o;
  }
};

class RateLimits {
 public:
  // now: seconds on a steady clock (the tests pass their own).
  explicit RateLimits(RateLimitOptions options, std::function<double()> now = {});

  // Takes a token for action from the address's bucket and, when account is
  // not empty, the account's; nothing is taken when either is empty, and the
  // refusal (ResourceExhausted) states the seconds until both have one.
  Result<void> Take(Limited action, const std::string& address, const std::string& account);

  const RateLimitOptions& options() const { return options_; }

 private:
  RateLimitOptions options_;
  std::function<double()> now_;
  std::mutex mutex_;
  TokenBuckets buckets_;
};

}  // namespace valuemark::app
