// Queuing an email in the outbox (store.h), the one way the use cases send
// mail. The address and the subject become email headers, so a value with a
// line break or another control character (validate.h) is refused here, before
// it is stored; the SMTP sender checks again before it sends (notify/).
#pragma once

#include "app/store.h"

namespace valuemark::app {

Result<int64_t> QueueEmail(Transaction& tx, const OutboxMessage& message);

}  // namespace valuemark::app
