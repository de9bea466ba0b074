#include "http/response_cache.h"

#include <atomic>
#include <unordered_map>
#include <vector>

namespace valuemark::http {
namespace {

struct Entry {
  Response response;
  int64_t second;  // when it was made, by the platform's clock
};

// One thread's entries for one cache. They all belong to one change tag: when
// the tag moves on, every entry is stale at once and the map is emptied.
struct ThreadEntries {
  uint64_t cache_id = 0;
  std::optional<uint64_t> tag;
  size_t bytes = 0;
  std::unordered_map<std::string, Entry> entries;
};

thread_local std::vector<ThreadEntries> t_caches;
std::atomic<uint64_t> g_next_id{1};

ThreadEntries& ForThisThread(uint64_t cache_id) {
  for (ThreadEntries& c : t_caches)
    if (c.cache_id == cache_id) return c;
  t_caches.push_back(ThreadEntries{cache_id, std::nullopt, 0, {}});
  return t_caches.back();
}

size_t SizeOf(const std::string& key, const Response& r) {
  size_t n = key.size() + r.body.size() + r.content_type.size() + 64;
  for (const auto& [name, value] : r.headers) n += name.size() + value.size();
  return n;
}

}  // namespace

ResponseCache::ResponseCache(std::function<std::optional<uint64_t>()> change_tag,
                             std::function<int64_t()> now, size_t max_bytes_per_thread)
    : change_tag_(std::move(change_tag)),
      now_(std::move(now)),
      max_bytes_(max_bytes_per_thread),
      id_(g_next_id++) {}

std::string ResponseCache::KeyOf(const Request& request, const std::string& session_cookie) {
  std::string key;
  key.reserve(session_cookie.size() + request.path.size() + 16);
  key.append(MethodName(request.method)).push_back(' ');
  key.append(request.path);
  char separator = '?';
  for (const auto& [name, value] : request.query) {  // a std::map: always in one order
    key.push_back(separator);
    key.append(name).push_back('=');
    key.append(value);
    separator = '&';
  }
  key.push_back('\n');
  key.append(session_cookie);
  return key;
}

std::optional<Response> ResponseCache::Begin(const std::string& key, Ticket& ticket) const {
  ticket.key = key;
  ticket.tag = change_tag_ ? change_tag_() : std::nullopt;
  if (!ticket.tag) return std::nullopt;
  ticket.second = now_();
  ThreadEntries& mine = ForThisThread(id_);
  if (mine.tag != ticket.tag) {
    mine.entries.clear();
    mine.bytes = 0;
    mine.tag = ticket.tag;
    return std::nullopt;
  }
  auto it = mine.entries.find(key);
  if (it == mine.entries.end()) return std::nullopt;
  if (it->second.second != ticket.second) {
    mine.bytes -= SizeOf(it->first, it->second.response);
    mine.entries.erase(it);
    return std::nullopt;
  }
  return it->second.response;
}

void ResponseCache::Remember(const Ticket& ticket, const Response& response) const {
  if (!ticket.tag) return;
  ThreadEntries& mine = ForThisThread(id_);
  // Another request of this thread may have moved the map to a newer tag
  // meanwhile. (A commit since Begin() needs no check here: the tag has moved
  // on, so the next Begin() empties the map before this answer is used.)
  if (mine.tag != ticket.tag) return;
  const size_t size = SizeOf(ticket.key, response);
  if (size > max_bytes_ / 4) return;
  if (mine.bytes + size > max_bytes_) {
    mine.entries.clear();
    mine.bytes = 0;
  }
  if (auto old = mine.entries.find(ticket.key); old != mine.entries.end()) {
    mine.bytes -= SizeOf(old->first, old->second.response);
    mine.entries.erase(old);
  }
  mine.entries.emplace(ticket.key, Entry{response, ticket.second});
  mine.bytes += size;
}

}  // namespace valuemark::http
