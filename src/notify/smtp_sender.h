// Delivers the notification outbox by SMTP (libcurl), off unless configured.
// Messages are written to the outbox in the same transaction as the change
// that caused them; this sender picks up unsent ones every few seconds, marks
// each sent, or records the failure and tries again later (at most kMaxAttempts).
#pragma once

#include <atomic>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "app/store.h"

namespace valuemark::notify {

struct SmtpOptions {
  std::string url;       // smtp://host:587 (STARTTLS when offered) or smtps://host:465
  std::string username;  // empty: no authentication
  std::string password;
  std::string from = "no-reply@valuemark.invalid";
  int poll_milliseconds = 2000;  // how often the outbox is looked at
};

inline constexpr int kMaxAttempts = 5;

// Header text as it may be sent: printable ASCII as it is, anything else as
// RFC 2047 encoded-words (UTF-8, base64), folded onto continuation lines.
std::string EncodeHeaderText(std::string_view text);
// The RFC 5322 message (CRLF line ends) of an outbox message. Refuses, naming
// the header, an address that holds a line break or another control character
// or is not plain; the subject is made one line (app::OneLine): no text can
// add a header.
Result<std::string> ComposeMessage(const app::OutboxMessage& m, const std::string& from,
                                   std::time_t now);

class SmtpSender {
 public:
  SmtpSender(app::Store& store, SmtpOptions options);
  ~SmtpSender();  // stops the thread
  void Start();
  void Stop();
  // Sends what is waiting now; returns how many were sent (for tests and the thread).
  int SendPending();

 private:
  Result<void> Send(const app::OutboxMessage& message);

  app::Store& store_;
  SmtpOptions options_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace valuemark::notify
