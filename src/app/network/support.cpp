#include "app/network/support.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "app/audit/chain.h"
#include "app/crypto.h"
#include "app/network/directory.h"
#include "app/network/resources_data.h"
#include "app/store.h"
#include "app/validate.h"
#include "core/calendar.h"
#include "core/file_type.h"
#include "formats/support_json.h"

namespace valuemark::app {

namespace {

Error NoSuch(std::string_view what) {
  return Error::Make(ErrorCode::kNotFound, fmt::format("no such {}", what));
}

// Collects the field problems of several checks, so that a form shows them all.
struct Problems {
  std::vector<FieldError> errors;
  std::string Take(Result<std::string> r) {
    if (!r) {
      errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
      return "";
    }
    return std::move(*r);
  }
  void Add(const Result<void>& r) {
    if (!r) errors.insert(errors.end(), r.error().fields.begin(), r.error().fields.end());
  }
  Result<void> Done() {
    if (errors.empty()) return {};
    return Fail(Error::InvalidArgument(std::move(errors)));
  }
};

std::vector<NamedCode> AreaNames(const std::vector<std::string>& codes) {
  std::vector<NamedCode> out;
  for (const std::string& c : codes) {
    const TaxonomyTerm* t = FindTerm(DirectoryTaxonomy(), TaxonomyKind::kArea, c);
    out.push_back({c, t ? t->name : c});
  }
  return out;
}

template <typename T>
std::string AuditJson(const T& entry, void (*write)(formats::JsonWriter&, const T&)) {
  formats::JsonWriter w(0);
  w.BeginObject();
  write(w, entry);
  w.EndObject();
  return w.Take();
}

std::string Json(const Practitioner& p) { return AuditJson(p, formats::WritePractitionerFields); }
std::string Json(const Consultant& k) { return AuditJson(k, formats::WriteConsultantFields); }
std::string Json(const Resource& r) { return AuditJson(r, formats::WriteResourceFields); }

// One page of the entries already matched.
template <typename T>
SupportPage<T> PageOf(std::vector<T> hits, const SupportQuery& q) {
  SupportPage<T> page;
  page.offset = q.offset;
  page.limit = q.limit;
  page.total = static_cast<int64_t>(hits.size());
  for (size_t i = static_cast<size_t>(q.offset);
       i < hits.size() && page.items.size() < static_cast<size_t>(q.limit); ++i)
    page.items.push_back(std::move(hits[i]));
  return page;
}

SupportSearch Filters(const SupportQuery& q) {
  SupportSearch s = q.filters;
  s.words = SupportWords(q.text);
  return s;
}

}  // namespace

const std::vector<BuiltInLibraryEntry>& BuiltInLibrary() {
  static const std::vector<BuiltInLibraryEntry> library = [] {
    auto find = [](std::string_view name) -> std::optional<std::string_view> {
      for (const auto& [file, text] : ResourceFiles())
        if (file == name) return text;
      return std::nullopt;
    };
    auto fail = [](const std::string& message) {
      // The files are checked by the build's tests; a broken one is a build defect.
      fmt::print(stderr, "data/resources: {}\n", message);
      std::abort();
    };
    std::vector<BuiltInLibraryEntry> out;
    auto index = find("library.json");
    if (!index) fail("library.json is missing");
    auto parsed = formats::ParseResourceLibrary(*index);
    if (!parsed) fail(parsed.error().message);
    for (formats::BuiltInResource& b : *parsed) {
      auto text = find(b.file);
      if (!text) fail(fmt::format("{} is named in library.json but missing", b.file));
      b.resource.file_name = b.file;
      b.resource.media_type = "text/markdown; charset=utf-8";
      b.resource.file_bytes = static_cast<int64_t>(text->size());
      out.push_back({std::move(b.resource), *text});
    }
    return out;
  }();
  return library;
}

SupportCatalogue SupportService::Catalogue() const {
  SupportCatalogue c;
  c.taxonomy = &DirectoryTaxonomy();
  for (const Scheme* s : options_.schemes.all()) {
    if (std::find(c.scheme_ids.begin(), c.scheme_ids.end(), s->id) == c.scheme_ids.end())
      c.scheme_ids.push_back(s->id);
    for (const SchemeLevel& l : s->levels)
      for (const valuemark::Criterion& k : l.criteria) c.criterion_ids.push_back(k.id);
  }
  std::sort(c.criterion_ids.begin(), c.criterion_ids.end());
  c.criterion_ids.erase(std::unique(c.criterion_ids.begin(), c.criterion_ids.end()),
                        c.criterion_ids.end());
  return c;
}

Result<CriterionRef> SupportService::Criterion(const std::string& id) const {
  // The latest version of a scheme that has it: its words as applicants read them now.
  std::optional<CriterionRef> found;
  for (const Scheme* s : options_.schemes.all())
    for (const SchemeLevel& l : s->levels)
      for (const valuemark::Criterion& k : l.criteria)
        if (k.id == id)
          found = CriterionRef{k.id, s->id, s->name, l.number, l.name, k.stage, k.text};
  if (!found) return Fail(NoSuch("criterion"));
  return *found;
}

PractitionerView SupportService::View(Practitioner p) const {
  PractitionerView v;
  v.standing = StandingOn(p, DayOf(Now()));
  v.areas = AreaNames(p.areas);
  v.practitioner = std::move(p);
  return v;
}

ConsultantView SupportService::View(Consultant k) const {
  ConsultantView v;
  v.areas = AreaNames(k.areas);
  for (const std::string& s : k.schemes) {
    const Scheme* scheme = options_.schemes.Latest(s);
    v.schemes.push_back({s, scheme ? scheme->name : s});
  }
  for (const std::string& l : k.languages) v.languages.push_back({l, std::string(LanguageName(l))});
  for (const std::string& c : k.criteria)
    if (auto ref = Criterion(c)) v.criteria.push_back(std::move(*ref));
  v.consultant = std::move(k);
  return v;
}

ResourceView SupportService::View(Resource r) const {
  ResourceView v;
  for (const std::string& s : r.schemes) {
    const Scheme* scheme = options_.schemes.Latest(s);
    v.schemes.push_back({s, scheme ? scheme->name : s});
  }
  for (const std::string& c : r.criteria)
    if (auto ref = Criterion(c)) v.criteria.push_back(std::move(*ref));
  v.resource = std::move(r);
  return v;
}

Result<SupportPage<PractitionerView>> SupportService::Practitioners(const SupportQuery& q) {
  auto all = TRY(store_.ReadValue([&](Transaction& tx) -> Result<std::vector<Practitioner>> {
    return tx.ListPractitioners();
  }));
  const SupportSearch s = Filters(q);
  const Days today = DayOf(Now());
  std::vector<PractitionerView> views;
  for (Practitioner& p : all)
    if (Matches(s, p, today)) views.push_back(View(std::move(p)));
  return PageOf(std::move(views), q);
}

Result<SupportPage<ConsultantView>> SupportService::Consultants(const SupportQuery& q) {
  auto all = TRY(store_.ReadValue(
      [&](Transaction& tx) -> Result<std::vector<Consultant>> { return tx.ListConsultants(); }));
  const SupportSearch s = Filters(q);
  std::vector<ConsultantView> views;
  for (Consultant& k : all)
    if (Matches(s, k)) views.push_back(View(std::move(k)));
  return PageOf(std::move(views), q);
}

Result<SupportPage<ResourceView>> SupportService::Resources(const SupportQuery& q) {
  auto stored = TRY(store_.ReadValue(
      [&](Transaction& tx) -> Result<std::vector<Resource>> { return tx.ListResources(); }));
  const SupportSearch s = Filters(q);
  std::vector<ResourceView> views;
  for (const BuiltInLibraryEntry& b : BuiltInLibrary())
    if (Matches(s, b.resource)) views.push_back(View(b.resource));
  for (Resource& r : stored)
    if (Matches(s, r)) views.push_back(View(std::move(r)));
  return PageOf(std::move(views), q);
}

Result<ResourceView> SupportService::GetResource(const std::string& id) {
  for (const BuiltInLibraryEntry& b : BuiltInLibrary())
    if (b.resource.id == id) return View(b.resource);
  auto r = TRY(store_.ReadValue(
      [&](Transaction& tx) -> Result<std::optional<Resource>> { return tx.FindResource(id); }));
  if (!r) return Fail(NoSuch("resource"));
  return View(std::move(*r));
}

Result<ResourceFile> SupportService::File(const std::string& id) {
  for (const BuiltInLibraryEntry& b : BuiltInLibrary())
    if (b.resource.id == id)
      return ResourceFile{b.resource.file_name, b.resource.media_type, std::string(b.content)};
  return store_.ReadValue([&](Transaction& tx) -> Result<ResourceFile> {
    auto r = TRY(tx.FindResource(id));
    if (!r) return Fail(NoSuch("resource"));
    if (r->file_name.empty())
      return Fail(Error::Make(ErrorCode::kNotFound, "this resource is a link, not a file"));
    auto content = TRY(tx.ResourceContent(id));
    return ResourceFile{r->file_name, r->media_type, content.value_or("")};
  });
}

Result<CriterionHelp> SupportService::HelpWith(const std::string& criterion_id) {
  CriterionHelp help;
  help.criterion = TRY(Criterion(criterion_id));
  SupportQuery q;
  q.filters.criterion = criterion_id;
  q.limit = 100;
  help.consultants = TRY(Consultants(q)).items;
  help.resources = TRY(Resources(q)).items;
  return help;
}

// --- Practitioners ---

namespace {

Result<Practitioner> CheckedPractitioner(const SupportCatalogue& c, Days today,
                                         const PractitionerInput& in) {
  Problems problems;
  Practitioner p;
  p.name = problems.Take(CleanText("name", in.name, 1, kMaxSupportName));
  p.organisation = problems.Take(CleanText("organisation", in.organisation, 0, kMaxSupportName));
  p.contact = problems.Take(CleanText("contact", in.contact, 0, kMaxSupportLink));
  p.level = in.level;
  p.areas = in.areas;
  p.awarded_on = in.awarded_on;
  p.expires_on = in.expires_on;
  problems.Add(NormalisePractitioner(c, today, p));
  TRY(problems.Done());
  return p;
}

Result<Consultant> CheckedConsultant(const SupportCatalogue& c, const ConsultantInput& in) {
  Problems problems;
  Consultant k;
  k.name = problems.Take(CleanText("name", in.name, 1, kMaxSupportName));
  k.organisation = problems.Take(CleanText("organisation", in.organisation, 0, kMaxSupportName));
  k.summary =
      problems.Take(CleanText("summary", in.summary, 10, kMaxSupportSummary, Lines::kMulti));
  k.website = problems.Take(CleanText("website", in.website, 0, kMaxSupportLink));
  if (!in.email.empty()) k.email = problems.Take(CleanEmail("email", in.email));
  k.areas = in.areas;
  k.schemes = in.schemes;
  k.languages = in.languages;
  k.criteria = in.criteria;
  problems.Add(NormaliseConsultant(c, k));
  TRY(problems.Done());
  return k;
}

Result<Resource> CheckedResource(const SupportCatalogue& c, const ResourceInput& in,
                                 bool has_file) {
  Problems problems;
  Resource r;
  r.title = problems.Take(CleanText("title", in.title, 1, kMaxSupportName));
  r.summary =
      problems.Take(CleanText("summary", in.summary, 10, kMaxSupportSummary, Lines::kMulti));
  r.link = problems.Take(CleanText("link", in.link, 0, kMaxSupportLink));
  if (auto kind = ParseResourceKind(in.kind))
    r.kind = *kind;
  else
    problems.errors.push_back(
        {"kind", "choose what it is: a template, guidance, a webinar or a case study"});
  r.schemes = in.schemes;
  r.criteria = in.criteria;
  problems.Add(NormaliseResource(c, has_file, r));
  TRY(problems.Done());
  return r;
}

// The upload's type judged from its content, and its name made safe to offer
// back as a download's name.
Result<void> TakeUpload(const ResourceUpload& u, Resource& r) {
  if (u.content.empty())
    return Fail(InvalidField("file", "the file is empty: choose the document to upload"));
  if (static_cast<int64_t>(u.content.size()) > kMaxResourceFileBytes)
    return Fail(
        InvalidField("file", "the file is over 10 MB: upload a smaller one, or link to it"));
  auto type = DetectFileType(u.content);
  if (!type)
    return Fail(InvalidField(
        "file", "upload a PDF, an office document, an image or a CSV file; this is none of them"));
  std::string name;
  for (char ch : u.file_name)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_' ||
        ch == ' ')
      name += ch;
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  if (name.size() > 120) name.resize(120);
  if (name.empty()) name = "resource";
  if (!name.ends_with("." + type->extension)) name += "." + type->extension;
  r.file_name = name;
  r.media_type = type->media_type;
  r.file_bytes = static_cast<int64_t>(u.content.size());
  return {};
}

bool IsBuiltIn(const std::string& id) {
  for (const BuiltInLibraryEntry& b : BuiltInLibrary())
    if (b.resource.id == id) return true;
  return false;
}

Error BuiltInIsReadOnly() {
  return Error::Make(ErrorCode::kFailedPrecondition,
                     "this template comes with ValueMark and cannot be changed: publish your own "
                     "version as a new resource");
}

}  // namespace

Result<PractitionerView> SupportService::AddPractitioner(const Caller& caller,
                                                         const PractitionerInput& in) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  Practitioner p = TRY(CheckedPractitioner(Catalogue(), DayOf(Now()), in));
  p.id = NewId();
  p.updated_by = caller.user.id;
  p.updated_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertPractitioner(p));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.practitioner_add", "practitioner", p.id, "", Json(p)}, Now());
  }));
  return View(std::move(p));
}

Result<PractitionerView> SupportService::UpdatePractitioner(const Caller& caller,
                                                            const std::string& id,
                                                            const PractitionerInput& in) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  Practitioner p = TRY(CheckedPractitioner(Catalogue(), DayOf(Now()), in));
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindPractitioner(id));
    if (!before) return Fail(NoSuch("practitioner"));
    TRY(CheckVersionSeen("changed this practitioner", in.version, before->version));
    p.id = id;
    p.version = before->version;
    p.updated_by = caller.user.id;
    p.updated_at = Now();
    TRY(tx.UpdatePractitioner(p));
    ++p.version;
    return AppendAuditEvent(tx,
                            {caller.user.id, "support.practitioner_update", "practitioner", id, "",
                             Json(p), Json(*before)},
                            Now());
  }));
  return View(std::move(p));
}

Result<void> SupportService::RemovePractitioner(const Caller& caller, const std::string& id) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindPractitioner(id));
    if (!before) return Fail(NoSuch("practitioner"));
    TRY(tx.DeletePractitioner(id));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.practitioner_remove", "practitioner", id, "", Json(*before)},
        Now());
  });
}

// --- Consultants ---

Result<ConsultantView> SupportService::AddConsultant(const Caller& caller,
                                                     const ConsultantInput& in) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  Consultant k = TRY(CheckedConsultant(Catalogue(), in));
  k.id = NewId();
  k.updated_by = caller.user.id;
  k.updated_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertConsultant(k));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.consultant_add", "consultant", k.id, "", Json(k)}, Now());
  }));
  return View(std::move(k));
}

Result<ConsultantView> SupportService::UpdateConsultant(const Caller& caller, const std::string& id,
                                                        const ConsultantInput& in) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  Consultant k = TRY(CheckedConsultant(Catalogue(), in));
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindConsultant(id));
    if (!before) return Fail(NoSuch("consultant"));
    TRY(CheckVersionSeen("changed this consultant", in.version, before->version));
    k.id = id;
    k.version = before->version;
    k.updated_by = caller.user.id;
    k.updated_at = Now();
    TRY(tx.UpdateConsultant(k));
    ++k.version;
    return AppendAuditEvent(
        tx,
        {caller.user.id, "support.consultant_update", "consultant", id, "", Json(k), Json(*before)},
        Now());
  }));
  return View(std::move(k));
}

Result<void> SupportService::RemoveConsultant(const Caller& caller, const std::string& id) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindConsultant(id));
    if (!before) return Fail(NoSuch("consultant"));
    TRY(tx.DeleteConsultant(id));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.consultant_remove", "consultant", id, "", Json(*before)},
        Now());
  });
}

// --- Resources ---

Result<ResourceView> SupportService::AddResource(const Caller& caller, const ResourceInput& in,
                                                 const std::optional<ResourceUpload>& upload) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  Resource r = TRY(CheckedResource(Catalogue(), in, upload.has_value()));
  if (upload) TRY(TakeUpload(*upload, r));
  r.id = NewId();
  r.updated_by = caller.user.id;
  r.updated_at = Now();
  TRY(store_.Write([&](Transaction& tx) -> Result<void> {
    TRY(tx.InsertResource(r, upload ? upload->content : std::string()));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.resource_add", "resource", r.id, "", Json(r)}, Now());
  }));
  return View(std::move(r));
}

Result<ResourceView> SupportService::UpdateResource(const Caller& caller, const std::string& id,
                                                    const ResourceInput& in,
                                                    const std::optional<ResourceUpload>& upload) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  if (IsBuiltIn(id)) return Fail(BuiltInIsReadOnly());
  return store_.WriteValue([&](Transaction& tx) -> Result<ResourceView> {
    auto before = TRY(tx.FindResource(id));
    if (!before) return Fail(NoSuch("resource"));
    TRY(CheckVersionSeen("changed this resource", in.version, before->version));
    // Without an upload, the file it has stays, unless a link now replaces it.
    const bool keeps_file = !upload && in.link.empty() && !before->file_name.empty();
    Resource r = TRY(CheckedResource(Catalogue(), in, upload.has_value() || keeps_file));
    std::string content;
    if (upload) {
      TRY(TakeUpload(*upload, r));
      content = upload->content;
    } else if (keeps_file) {
      r.file_name = before->file_name;
      r.media_type = before->media_type;
      r.file_bytes = before->file_bytes;
      content = TRY(tx.ResourceContent(id)).value_or("");
    }
    r.id = id;
    r.version = before->version;
    r.updated_by = caller.user.id;
    r.updated_at = Now();
    TRY(tx.UpdateResource(r, content));
    ++r.version;
    TRY(AppendAuditEvent(
        tx, {caller.user.id, "support.resource_update", "resource", id, "", Json(r), Json(*before)},
        Now()));
    return View(std::move(r));
  });
}

Result<void> SupportService::RemoveResource(const Caller& caller, const std::string& id) {
  if (!IsAdministrator(caller)) return Fail(NotAllowed());
  if (IsBuiltIn(id)) return Fail(BuiltInIsReadOnly());
  return store_.Write([&](Transaction& tx) -> Result<void> {
    auto before = TRY(tx.FindResource(id));
    if (!before) return Fail(NoSuch("resource"));
    TRY(tx.DeleteResource(id));
    return AppendAuditEvent(
        tx, {caller.user.id, "support.resource_remove", "resource", id, "", Json(*before)}, Now());
  });
}

}  // namespace valuemark::app
