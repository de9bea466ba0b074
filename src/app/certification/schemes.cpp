#include "app/certification/schemes.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/audit/chain.h"
#include "app/certification/certification.h"
#include "app/certification/terms.h"
#include "formats/scheme_json.h"

namespace valuemark::app {

Result<SchemeCatalogue> LoadSchemeCatalogue(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") files.push_back(it->path());
  if (ec)
    return Fail(
        Error::Make(ErrorCode::kNotFound,
                    fmt::format("cannot read the scheme folder {}: {}", dir, ec.message())));
  if (files.empty())
    return Fail(
        Error::Make(ErrorCode::kNotFound, fmt::format("no scheme files (*.json) in {}", dir)));
  std::sort(files.begin(), files.end());
  SchemeCatalogue catalogue;
  std::vector<FieldError> problems;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    const std::string name = file.filename().string();
    auto scheme = formats::ParseScheme(text.str());
    if (!scheme) {
      for (const FieldError& f : scheme.error().fields)
        problems.push_back({name + ": " + f.path, f.message});
      if (scheme.error().fields.empty()) problems.push_back({name, scheme.error().message});
      continue;
    }
    if (!scheme->terms.empty() && !FindTerms(scheme->terms)) {
      problems.push_back({name + ": terms", "names no document of data/terms: " + scheme->terms});
      continue;
    }
    if (auto added = catalogue.Add(std::move(*scheme)); !added)
      problems.push_back({name, added.error().message});
  }
  if (!problems.empty()) return Fail(Error::InvalidArgument(std::move(problems)));
  return catalogue;
}

Result<int> CertificationService::LoadPublishedSchemes() {
  std::vector<PublishedScheme> published;
  TRY(store_.Read([&](Transaction& tx) -> Result<void> {
    published = TRY(tx.ListSchemeVersions());
    return {};
  }));
  for (const PublishedScheme& p : published) {
    auto scheme = formats::ParseScheme(p.document);
    if (!scheme)
      return Fail(Error::Make(ErrorCode::kInternal,
                              fmt::format("published scheme {} version {} no longer reads: {}",
                                          p.scheme_id, p.version, scheme.error().message)));
    if (auto a = schemes_.Add(std::move(*scheme)); !a)
      return Fail(
          Error::Make(a.error().code, fmt::format("published scheme {} version {}: {}", p.scheme_id,
                                                  p.version, a.error().message)));
  }
  return static_cast<int>(published.size());
}

Result<const Scheme*> CertificationService::PublishScheme(const Caller& caller,
                                                          const std::string& document) {
  if (caller.user.platform_role != PlatformRole::kAdministrator)
    return Fail(Error::Make(ErrorCode::kPermissionDenied,
                            "only the scheme administrator publishes schemes"));
  auto scheme = TRY(formats::ParseScheme(document));
  if (!scheme.terms.empty() && !FindTerms(scheme.terms))
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "terms",
                             "names no terms document on this server: " + scheme.terms));
  // A published version is final: a change is a new, higher version.
  if (const Scheme* latest = schemes_.Latest(scheme.id);
      latest && scheme.version <= latest->version)
    return Fail(Error::Field(
        ErrorCode::kFailedPrecondition, "version",
        fmt::format("must be above {}, the latest version of {}", latest->version, scheme.id)));
  const std::string id = scheme.id;
  const int version = scheme.version;
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertSchemeVersion({id, version, document, caller.user.id, Now()}));
    return AppendAuditEvent(tx,
                            {caller.user.id, "scheme.publish", "scheme",
                             fmt::format("{}:{}", id, version), "", document},
                            Now());
  }));
  TRY(schemes_.Add(std::move(scheme)));
  return schemes_.Find(id, version);
}

}  // namespace valuemark::app
