// `valuemark verify`, `keys` and `audit`: the commands that check what the
// platform signed, against keys the checker chose to trust, and the
// operator's side of those keys (rotation, export, checkpoints).
#include <curl/curl.h>
#include <fmt/format.h>

#include <cctype>
#include <filesystem>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/keys.h"
#include "app/signing.h"
#include "cli/commands.h"
#include "cli/input.h"
#include "cli/platform_commands.h"
#include "formats/audit_checkpoint_json.h"
#include "formats/certificate_json.h"
#include "formats/json_writer.h"
#include "formats/key_set_json.h"
#include "formats/records_json.h"
#include "formats/revocation_list_json.h"
#include "storage/open_store.h"

namespace valuemark::cli {
namespace {

constexpr size_t kMaxKeySetBytes = 1 << 20;

UnixTime Now() { return static_cast<UnixTime>(std::time(nullptr)); }

std::string Trimmed(std::string text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.erase(text.begin());
  return text;
}

// A key set (JSON), or one bare base64 public key.
Result<std::vector<formats::PublishedKey>> KeysFromText(const std::string& raw,
                                                        const std::string& what) {
  const std::string text = Trimmed(raw);
  if (text.starts_with("{")) {
    auto keys = formats::ParseKeySet(text);
    if (!keys) {
      const Error& e = keys.error();
      const std::string detail =
          e.fields.empty() ? e.message : e.fields.front().path + ": " + e.fields.front().message;
      return Fail(Error::InvalidArgument({{what,
                                           "is not a key set such as GET /api/v1/keys/certificates "
                                           "or `valuemark keys export` gives (" +
                                               detail + ")"}}));
    }
    return keys;
  }
  const std::string id = app::KeyIdOf(text);
  if (id.empty())
    return Fail(Error::InvalidArgument(
        {{what, "is neither a key set (JSON) nor a base64 Ed25519 public key"}}));
  return std::vector<formats::PublishedKey>{{id, text, 0, std::nullopt}};
}

size_t Collect(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  if (out->size() + size * count > kMaxKeySetBytes) return 0;  // too big: abort the transfer
  out->append(data, size * count);
  return size * count;
}

// GET url: the body of a 200 answer; `option` names where the URL came from
// and `what` what is fetched, in messages.
Result<std::string> Fetch(const std::string& url, const std::string& option = "--keys-url",
                          const std::string& what = "the keys") {
  if (!url.starts_with("https://") && !url.starts_with("http://"))
    return Fail(Error::InvalidArgument(
        {{option, "must be an https:// (or http://) URL, got \"" + url + "\""}}));
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Fail(Error::Make(ErrorCode::kInternal, "cannot start libcurl"));
  std::string body;
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(curl.get(), CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl_easy_perform(curl.get());
  if (rc != CURLE_OK)
    return Fail(
        Error::Make(ErrorCode::kUnavailable, fmt::format("cannot fetch {} from {}: {}", what, url,
                                                         *error ? error : curl_easy_strerror(rc))));
  long status = 0;
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
  if (status != 200)
    return Fail(Error::Make(
        ErrorCode::kUnavailable,
        fmt::format("cannot fetch {} from {}: the server answered {}", what, url, status)));
  return body;
}

// The trust file used when no keys are given: $VALUEMARK_TRUST, or the
// certifying body's key set shipped in data/keys/.
std::string DefaultTrustFile() {
  if (const char* env = std::getenv("VALUEMARK_TRUST"); env != nullptr && *env != '\0') return env;
  const std::string dir =
      FindTreeFolder("", "VALUEMARK_KEYS_DIR", "data/keys", "trusted-keys.json");
  return dir.empty() ? "" : dir + "/trusted-keys.json";
}

Result<std::vector<formats::PublishedKey>> TrustedKeys(const TrustOptions& trust,
                                                       bool use_default) {
  namespace fs = std::filesystem;
  std::vector<formats::PublishedKey> out;
  auto add = [&](const std::string& text, const std::string& what) -> Result<void> {
    auto keys = TRY(KeysFromText(text, what));
    out.insert(out.end(), keys.begin(), keys.end());
    return {};
  };
  auto add_file = [&](const std::string& path, const std::string& what) -> Result<void> {
    auto text = TRY(ReadAll(path));
    return add(text, what);
  };
  for (const std::string& key : trust.keys) {
    std::error_code ec;
    TRY(fs::exists(key, ec) ? add_file(key, "--key") : add(key, "--key"));
  }
  if (!trust.keys_url.empty()) {
    auto body = TRY(Fetch(trust.keys_url));
    TRY(add(body, "--keys-url"));
  }
  if (!trust.trust_file.empty()) {
    TRY(add_file(trust.trust_file, "--trust"));
  }
  if (!trust.Given() && use_default) {
    const std::string file = DefaultTrustFile();
    if (!file.empty()) {
      TRY(add_file(file, file));
    }
  }
  return out;
}

std::string ProblemText(const Error& e) {
  return e.fields.empty() ? e.message : e.fields.front().path + ": " + e.fields.front().message;
}

// The certifying body's status of a certificate, from its signed revocation
// list: fetched, checked against the trusted keys, fresh, then searched.
struct OnlineStatus {
  std::string status = "current";  // or "suspended", "revoked"
  std::string reason, since, url;
  UnixTime issued_at = 0;
};

// Where the list is: --status-url, or beside the certificate's verification
// page (https://host/verify/CODE → https://host/api/v1/certificates/revocations).
std::string RevocationListUrl(const Certificate& c, const std::string& given) {
  if (!given.empty()) return given;
  const size_t at = c.verify_url.rfind("/verify/");
  return at == std::string::npos ? ""
                                 : c.verify_url.substr(0, at) + "/api/v1/certificates/revocations";
}

Result<OnlineStatus> CheckOnline(const Certificate& c, const std::string& status_url,
                                 std::span<const formats::PublishedKey> trusted) {
  constexpr UnixTime kMaxAge = 24 * 3600, kMaxSkew = 300;
  OnlineStatus out;
  out.url = RevocationListUrl(c, status_url);
  if (out.url.empty())
    return Fail(Error::InvalidArgument(
        {{"--status-url",
          "the certificate names no verification page to find the list beside; "
          "give the list's URL (https://…/api/v1/certificates/revocations)"}}));
  auto body = TRY(Fetch(out.url, "--status-url", "the revocation list"));
  auto check = TRY(app::CheckRevocationList(body, trusted));
  if (!check.valid)
    return Fail(
        Error::Make(ErrorCode::kFailedPrecondition,
                    "the revocation list at " + out.url + " cannot be trusted: " + check.reason));
  out.issued_at = check.list.issued_at;
  const UnixTime now = Now();
  if (check.list.issued_at < now - kMaxAge || check.list.issued_at > now + kMaxSkew)
    return Fail(Error::Make(
        ErrorCode::kFailedPrecondition,
        fmt::format("the revocation list at {} was issued at {}, not within the last day: an old "
                    "copy cannot say the certificate's status today (check this computer's clock)",
                    out.url, formats::FormatTime(check.list.issued_at))));
  for (const formats::RevocationEntry& e : check.list.entries) {
    if (e.certificate_id != c.id) continue;
    out.status = e.status;
    out.reason = e.reason;
    out.since = e.since;
  }
  if (out.status == "current" && StatusOn(c, DayOf(now)) == CertificateStatus::kExpired)
    out.status = "expired";
  return out;
}

}  // namespace

int RunVerify(const std::string& file, const TrustOptions& trust, bool json,
              const OnlineOptions& online) {
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  auto text = ReadAll(file);
  if (!text) return Report(text.error());
  auto trusted = TrustedKeys(trust, true);
  if (!trusted) return Report(trusted.error());
  auto check = app::CheckCertificateDocument(*text, *trusted);
  if (!check) {
    for (const FieldError& f : check.error().fields)
      fmt::print(stderr, "error: {}: {}\n", f.path, f.message);
    if (check.error().fields.empty()) fmt::print(stderr, "error: {}\n", check.error().message);
    return kExitInvalid;
  }
  const Certificate& c = check->certificate;
  std::optional<OnlineStatus> status;
  if ((online.check || !online.status_url.empty()) && check->valid) {
    auto s = CheckOnline(c, online.status_url, *trusted);
    if (!s) return Report(s.error());
    status = *s;
  }
  const bool in_force = check->valid && (!status || status->status == "current");
  if (json) {
    formats::JsonWriter w(2);
    w.BeginObject()
        .Field("valid", in_force)
        .Field("reason", check->reason)
        .Field("key_id", check->key_id);
    w.Key("certificate").BeginObject();
    formats::WriteCertificateFields(w, c);
    w.EndObject();
    if (status) {
      w.Key("status")
          .BeginObject()
          .Field("checked_at", formats::FormatTime(status->issued_at))
          .Field("list_url", status->url)
          .Field("reason", status->reason)
          .Field("since", status->since)
          .Field("status", status->status)
          .EndObject();
    }
    w.EndObject();
    fmt::print("{}", w.Take());
  } else if (!check->valid) {
    fmt::print("INVALID: {}\n", check->reason);
  } else {
    fmt::print("{}: {}, {} level {} ({}), {}, awarded {}, expires {}\n{}\n",
               in_force ? "valid" : "NOT IN FORCE", c.organisation_name, c.scheme_name, c.level,
               c.level_name, c.scope, c.awarded_on, c.expires_on, check->reason);
    if (status && status->status == "current")
      fmt::print("status: current, by the certifying body's revocation list of {}\n",
                 formats::FormatTime(status->issued_at));
    else if (status && status->status == "expired")
      fmt::print("status: expired on {}\n", ReadableDate(c.expires_on));
    else if (status)
      fmt::print("status: {} on {} by the certifying body: {}\n", status->status,
                 ReadableDate(status->since), status->reason);
  }
  return in_force ? kExitOk : 1;
}

int RunKeysRotate(const std::string& db) {
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  auto store = OpenMigrated(db);
  if (!store) return Report(store.error());
  auto key = app::RotateSigningKey(**store, Now());
  if (!key) return Report(key.error());
  fmt::print(
      "new signing key {}: it signs certificates and audit checkpoints from now on; the keys it "
      "replaces stay "
      "published as retired.\nPublish the key set again: valuemark keys export --db URL > "
      "trusted-keys.json\n",
      key->id);
  return kExitOk;
}

int RunKeysExport(const std::string& db) {
  auto store = OpenMigrated(db);
  if (!store) return Report(store.error());
  auto keys = app::PublishedKeys(**store);
  if (!keys) return Report(keys.error());
  if (keys->empty()) {
    fmt::print(stderr,
               "error: this database has no signing key yet: start the server once (valuemark "
               "serve) or make one "
               "with valuemark keys rotate --db URL\n");
    return 1;
  }
  fmt::print("{}", formats::KeySetJson(*keys));
  return kExitOk;
}

int RunAuditVerify(const std::string& db, const TrustOptions& trust,
                   const std::string& checkpoints_file, bool json) {
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  app::AuditVerifyOptions options;
  if (trust.Given()) {
    auto keys = TrustedKeys(trust, false);
    if (!keys) return Report(keys.error());
    options.keys = std::move(*keys);
    options.keys_given = true;
  }
  if (!checkpoints_file.empty()) {
    auto text = ReadAll(checkpoints_file);
    if (!text) return Report(text.error());
    auto kept = formats::ParseCheckpoints(*text);
    if (!kept)
      return Report(Error::InvalidArgument(
          {{"--checkpoints", "is not the output of valuemark audit checkpoint (" +
                                 ProblemText(kept.error()) + ")"}}));
    options.kept = std::move(*kept);
  }
  auto store = OpenMigrated(db);
  if (!store) return Report(store.error());
  auto report = app::VerifyAuditLog(**store, options);
  if (!report) return Report(report.error());
  const std::string trusted =
      report->keys_from_database
          ? "the database's own keys (give --key keys.json: whoever can write the database "
            "can change them)"
          : "the keys given";
  const std::string roster =
      report->last_roster_at ? formats::FormatTime(*report->last_roster_at) : std::string("none");
  if (json) {
    formats::JsonWriter w(2);
    w.BeginObject()
        .Field("valid", report->valid)
        .Field("chains", report->chains)
        .Field("entries", report->entries)
        .Field("checkpoints", report->checkpoints)
        .Field("keys", report->keys_from_database ? "database" : "given")
        .Key("last_roster_at");
    if (report->last_roster_at) {
      w.String(formats::FormatTime(*report->last_roster_at));
    } else {
      w.Null();
    }
    w.Key("problems").BeginArray();
    for (const app::AuditProblem& p : report->problems)
      w.BeginObject()
          .Field("chain", p.chain)
          .Field("seq", p.seq)
          .Field("problem", p.problem)
          .EndObject();
    w.EndArray().Key("heads").BeginArray();
    for (const auto& [chain, hash] : report->heads)
      w.BeginObject().Field("chain", chain).Field("hash", hash).EndObject();
    w.EndArray().EndObject();
    fmt::print("{}", w.Take());
  } else {
    for (const app::AuditProblem& p : report->problems)
      fmt::print("error: chain {}, entry {}: {}\n", p.chain, p.seq, p.problem);
    fmt::print(
        "{}: {} entries in {} chains, {} signed checkpoints checked with {}; last roster {}{}\n",
        report->valid ? "valid" : "INVALID", report->entries, report->chains, report->checkpoints,
        trusted, roster,
        report->valid ? "" : fmt::format("; {} problems", report->problems.size()));
  }
  return report->valid ? kExitOk : 1;
}

int RunAuditCheckpoint(const std::string& db) {
  if (auto c = app::InitCrypto(); !c) return Report(c.error());
  auto store = OpenMigrated(db);
  if (!store) return Report(store.error());
  const UnixTime now = Now();
  if (auto s = app::SignUncheckpointedChains(**store, now); !s) return Report(s.error());
  auto roster = app::WriteAuditRoster(**store, now, true);
  if (!roster) return Report(roster.error());
  if (!*roster) {
    fmt::print(stderr, "error: the audit log is empty: there is nothing to sign yet\n");
    return 1;
  }
  fmt::print("{}", formats::CheckpointsJson({**roster}));
  return kExitOk;
}

}  // namespace valuemark::cli
