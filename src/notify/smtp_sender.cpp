#include "notify/smtp_sender.h"

#include <curl/curl.h>

#include <chrono>
#include <ctime>
#include <cstring>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace valuemark::notify {
namespace {

struct Payload {
  std::string text;
  size_t offset = 0;
};

size_t ReadPayload(char* buffer, size_t size, size_t count, void* user) {
  auto* p = static_cast<Payload*>(user);
  const size_t n = std::min(size * count, p->text.size() - p->offset);
  std::memcpy(buffer, p->text.data() + p->offset, n);
  p->offset += n;
  return n;
}

// RFC 5322 with CRLF line ends; a line starting with "." is dot-stuffed by curl.
std::string Compose(const app::OutboxMessage& m, const std::string& from) {
  char date[64];
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body;
  for (char c : m.body) {
    if (c == '\n') body += '\r';
    body += c;
  }
  return fmt::format(
      "Date: {}\r\nTo: <{}>\r\nFrom: ValueMark <{}>\r\nMessage-ID: <outbox-{}@valuemark>\r\nSubject: {}\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
      date, m.to, from, m.id, m.subject, body);
}

}  // namespace

SmtpSender::SmtpSender(app::Store& store, SmtpOptions options) : store_(store), options_(std::move(options)) {}

SmtpSender::~SmtpSender() { Stop(); }

void SmtpSender::Start() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      SendPending();
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(options_.poll_seconds), [this] { return stopping_; });
    }
  });
}

void SmtpSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Result<void> SmtpSender::Send(const app::OutboxMessage& message) {
  CURL* curl = curl_easy_init();
  if (!curl) return Fail(Error::Make(ErrorCode::kInternal, "cannot start libcurl"));
  Payload payload{Compose(message, options_.from)};
  curl_slist* recipients = curl_slist_append(nullptr, ("<" + message.to + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_URL, options_.url.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, ("<" + options_.from + ">").c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadPayload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  if (!options_.username.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, options_.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, options_.password.c_str());
  }
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (code != CURLE_OK) return Fail(Error::Make(ErrorCode::kUnavailable, curl_easy_strerror(code)));
  return {};
}

int SmtpSender::SendPending() {
  std::vector<app::OutboxMessage> pending;
  auto r = store_.Read([&](app::Transaction& tx) -> Result<void> {
    auto list = tx.ListUnsentMessages(50);
    if (!list) return Fail(list.error());
    pending = std::move(*list);
    return {};
  });
  if (!r) {
    spdlog::warn(R"("msg":"cannot read the outbox","error":"{}")", r.error().message);
    return 0;
  }
  int sent = 0;
  for (const app::OutboxMessage& m : pending) {
    if (m.attempts >= kMaxAttempts) continue;
    auto result = Send(m);
    auto mark = store_.Write([&](app::Transaction& tx) -> Result<void> {
      if (result) return tx.MarkMessageSent(m.id, static_cast<UnixTime>(std::time(nullptr)));
      return tx.MarkMessageFailed(m.id, result.error().message);
    });
    if (result && mark) {
      ++sent;
      spdlog::info(R"("msg":"email sent","outbox_id":{})", m.id);
    } else if (!result) {
      spdlog::warn(R"("msg":"email not sent","outbox_id":{},"attempt":{},"error":"{}")", m.id, m.attempts + 1,
                   result.error().message);
    }
  }
  return sent;
}

}  // namespace valuemark::notify
