// The support around certification (core/support.h; issue 16 item 4): the
// register of practitioners, the directory of consultants and the resource
// library. Anyone reads them, signed in or not; administrators (the
// certifying body) keep them, each change audited. The library holds the
// built-in templates of data/resources (read only) and what administrators
// publish, as a link or a file. A consultant and a resource name the criteria
// they help with, and the criterion's page links to them (CriterionHelp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/use_cases.h"
#include "core/support.h"

namespace valuemark::app {

// A criterion named in words: what a page shows instead of its id.
struct CriterionRef {
  std::string id;
  std::string scheme_id;
  std::string scheme_name;
  int level = 0;
  std::string level_name;
  std::string stage;
  std::string text;
};

struct NamedCode {
  std::string code;
  std::string name;
};

struct PractitionerView {
  Practitioner practitioner;
  AccreditationStanding standing = AccreditationStanding::kCurrent;
  std::vector<NamedCode> areas;
};

struct ConsultantView {
  Consultant consultant;
  std::vector<NamedCode> areas, schemes, languages;
  std::vector<CriterionRef> criteria;
};

struct ResourceView {
  Resource resource;
  std::vector<NamedCode> schemes;
  std::vector<CriterionRef> criteria;
};

struct PractitionerInput {
  std::string name;
  int level = 0;
  std::string organisation;
  std::string contact;
  std::vector<std::string> areas;
  std::string awarded_on;
  std::string expires_on;
  std::optional<int64_t> version;  // required to update
};

struct ConsultantInput {
  std::string name;
  std::string organisation;
  std::string summary;
  std::string website;
  std::string email;
  std::vector<std::string> areas, schemes, languages, criteria;
  std::optional<int64_t> version;
};

struct ResourceInput {
  std::string title;
  std::string kind;
  std::string summary;
  std::string link;
  std::vector<std::string> schemes, criteria;
  std::optional<int64_t> version;
};

// A resource's file as uploaded: its name as the uploader gave it, and its
// bytes (the type is judged from the content).
struct ResourceUpload {
  std::string file_name;
  std::string content;
};

struct ResourceFile {
  std::string file_name;
  std::string media_type;
  std::string content;
};

struct SupportQuery {
  std::string text;
  SupportSearch filters;  // its words are taken from `text`
  int offset = 0;
  int limit = 20;
};

template <typename T>
struct SupportPage {
  std::vector<T> items;
  int64_t total = 0;
  int offset = 0;
  int limit = 0;
};

// What helps with one criterion: the consultants and resources that name it.
struct CriterionHelp {
  CriterionRef criterion;
  std::vector<ConsultantView> consultants;
  std::vector<ResourceView> resources;
};

class SupportService : public UseCases {
 public:
  using UseCases::UseCases;

  // Anyone. Practitioners whose accreditation has ended are left out unless
  // the filters include them; at the area filter, those serving the whole UK
  // match every area.
  Result<SupportPage<PractitionerView>> Practitioners(const SupportQuery& q);
  Result<SupportPage<ConsultantView>> Consultants(const SupportQuery& q);
  // The built-in templates first, then by title.
  Result<SupportPage<ResourceView>> Resources(const SupportQuery& q);
  Result<ResourceView> GetResource(const std::string& id);
  Result<ResourceFile> File(const std::string& id);
  Result<CriterionHelp> HelpWith(const std::string& criterion_id);

  // Administrators.
  Result<PractitionerView> AddPractitioner(const Caller& caller, const PractitionerInput& in);
  Result<PractitionerView> UpdatePractitioner(const Caller& caller, const std::string& id,
                                              const PractitionerInput& in);
  Result<void> RemovePractitioner(const Caller& caller, const std::string& id);
  Result<ConsultantView> AddConsultant(const Caller& caller, const ConsultantInput& in);
  Result<ConsultantView> UpdateConsultant(const Caller& caller, const std::string& id,
                                          const ConsultantInput& in);
  Result<void> RemoveConsultant(const Caller& caller, const std::string& id);
  // A link, or a file (upload); an update without an upload keeps the file
  // it had, unless it now gives a link instead.
  Result<ResourceView> AddResource(const Caller& caller, const ResourceInput& in,
                                   const std::optional<ResourceUpload>& upload);
  Result<ResourceView> UpdateResource(const Caller& caller, const std::string& id,
                                      const ResourceInput& in,
                                      const std::optional<ResourceUpload>& upload);
  Result<void> RemoveResource(const Caller& caller, const std::string& id);

 private:
  SupportCatalogue Catalogue() const;
  Result<CriterionRef> Criterion(const std::string& id) const;
  PractitionerView View(Practitioner p) const;
  ConsultantView View(Consultant k) const;
  ResourceView View(Resource r) const;
};

// The built-in resources (data/resources/library.json), each with its file's
// text; the start-up stops if the index or a file it names is missing.
struct BuiltInLibraryEntry {
  Resource resource;
  std::string_view content;
};
const std::vector<BuiltInLibraryEntry>& BuiltInLibrary();

}  // namespace valuemark::app
