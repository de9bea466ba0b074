#include "app/platform.h"

namespace valuemark::app {

Platform::Platform(Store& store, PlatformOptions options)
    : store_(store),
      options_(std::move(options)),
      accounts(store_, options_),
      organisations(store_, options_),
      certification(store_, options_, options_.schemes),
      certificates(store_, options_),
      membership(store_, options_, BuiltInMembershipTerms()),
      appeals(store_, options_, certification),
      invoices(store_, options_, BuiltInMembershipTerms()),
      complaints(store_, options_),
      preparation_calls(store_, options_),
      measure(store_, options_),
      surveys(store_, options_),
      audit(store_, options_, certification),
      directory(store_, options_),
      brokerage(store_, options_),
      benchmarks(store_, options_),
      support(store_, options_),
      engagements(store_, options_) {}

}  // namespace valuemark::app
