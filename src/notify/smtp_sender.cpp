#include "notify/smtp_sender.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>

#include "app/crypto.h"
#include "app/validate.h"
#include "formats/log_line.h"

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

// Whether text may stand in a header as it is: printable ASCII that a mail
// reader would not take for an encoded-word.
bool PlainHeaderText(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; }) &&
         text.find("=?") == std::string_view::npos;
}

// A header value must stay one header: no CR, LF or other control character.
Result<void> CheckHeaderValue(const char* header, std::string_view value) {
  if (std::string problem = app::ForbiddenCharacter(value, app::Lines::kSingle); !problem.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, header,
                             "refused as an email header: " + problem));
  return {};
}

// An address in angle brackets: nothing that would end the brackets or the header.
Result<void> CheckAddress(const char* header, std::string_view address) {
  TRY(CheckHeaderValue(header, address));
  if (address.empty() || address.find_first_of("<>\" ,") != std::string_view::npos)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, header,
                             fmt::format("\"{}\" is not a plain email address", address)));
  return {};
}

// The message with the field it names, e.g. "subject: refused as an email header: ...".
std::string ErrorText(const Error& e) {
  if (e.fields.empty()) return e.message;
  return e.fields.front().path + ": " + e.fields.front().message;
}

}  // namespace

std::string EncodeHeaderText(std::string_view text) {
  if (PlainHeaderText(text)) return std::string(text);
  // RFC 2047 B-encoding in words of at most 45 bytes (60 base64 characters,
  // 72 with the markers, under the limit of 75), cut between characters.
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 45);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
      --end;
    if (end == i) end = std::min(text.size(), i + 45);  // not UTF-8: cut anywhere
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + app::Base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

Result<std::string> ComposeMessage(const app::OutboxMessage& m, const std::string& from,
                                   std::time_t now) {
  TRY(CheckAddress("to", m.to));
  TRY(CheckAddress("from", from));
  // The subject carries stored names; one that predates their checks (or an
  // old outbox row) is made one line rather than refused, and cannot add a header.
  const std::string subject = app::OneLine(m.subject);
  char date[64];
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string body;
  for (char c : m.body) {
    if (c == '\r') continue;  // line ends are CRLF, whatever the text had
    if (c == '\n') body += '\r';
    body += c;
  }
  return fmt::format(
      "Date: {}\r\nTo: <{}>\r\nFrom: ValueMark <{}>\r\nMessage-ID: "
      "<outbox-{}@valuemark>\r\nSubject: {}\r\n"
      "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: "
      "8bit\r\n\r\n{}",
      date, m.to, from, m.id, EncodeHeaderText(subject), body);
}

SmtpSender::SmtpSender(app::Store& store, SmtpOptions options)
    : store_(store), options_(std::move(options)) {}

SmtpSender::~SmtpSender() { Stop(); }

void SmtpSender::Start() {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      SendPending();
      lock.lock();
      wake_.wait_for(lock, std::chrono::milliseconds(options_.poll_milliseconds),
                     [this] { return stopping_; });
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
  auto text = TRY(ComposeMessage(message, options_.from, std::time(nullptr)));
  CURL* curl = curl_easy_init();
  if (!curl) return Fail(Error::Make(ErrorCode::kInternal, "cannot start libcurl"));
  Payload payload{std::move(text)};
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
    pending = TRY(tx.ListUnsentMessages(50));
    return {};
  });
  if (!r) {
    spdlog::warn(
        "{}", formats::LogLine("cannot read the outbox").Add("error", r.error().message).Fields());
    return 0;
  }
  int sent = 0;
  for (const app::OutboxMessage& m : pending) {
    if (m.attempts >= kMaxAttempts) continue;
    auto result = Send(m);
    auto mark = store_.Write([&](app::Transaction& tx) -> Result<void> {
      if (result) return tx.MarkMessageSent(m.id, static_cast<UnixTime>(std::time(nullptr)));
      return tx.MarkMessageFailed(m.id, ErrorText(result.error()));
    });
    if (result && mark) {
      ++sent;
      spdlog::info("{}", formats::LogLine("email sent").Add("outbox_id", m.id).Fields());
    } else if (!result) {
      spdlog::warn("{}", formats::LogLine("email not sent")
                             .Add("outbox_id", m.id)
                             .Add("attempt", m.attempts + 1)
                             .Add("error", ErrorText(result.error()))
                             .Fields());
    }
  }
  return sent;
}

}  // namespace valuemark::notify
