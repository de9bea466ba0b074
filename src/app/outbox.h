// Queuing an email in the outbox (store.h), the one way the use cases send
// mail. The address and the subject become email headers: an address with a
// line break or another control character (validate.h) is refused here, and
// the subject is made one line (OneLine), since it carries stored names that
// may predate their checks; the SMTP sender does both again before it sends
// (notify/). Names in a body's greeting go through OneLine where it is written.
#pragma once

#include "app/store.h"

namespace valuemark::app {

Result<int64_t> QueueEmail(Transaction& tx, const OutboxMessage& message);

}  // namespace valuemark::app
