#include "core/scheme.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>
#include <set>

namespace valuemark {

const SchemeLevel* Scheme::Level(int number) const {
  for (const SchemeLevel& l : levels)
    if (l.number == number) return &l;
  return nullptr;
}

const Criterion* Scheme::FindCriterion(int level, const std::string& criterion_id) const {
  const SchemeLevel* l = Level(level);
  if (!l) return nullptr;
  for (const Criterion& c : l->criteria)
    if (c.id == criterion_id) return &c;
  return nullptr;
}

std::vector<Scheme::StageView> Scheme::StagesOf(int level) const {
  std::vector<StageView> out;
  const SchemeLevel* l = Level(level);
  if (!l) return out;
  for (const std::string& stage : stages) {
    StageView view{stage, {}};
    for (const Criterion& c : l->criteria)
      if (c.stage == stage) view.criteria.push_back(&c);
    if (!view.criteria.empty()) out.push_back(std::move(view));
  }
  return out;
}

std::vector<FieldError> ValidateScheme(const Scheme& s) {
  std::vector<FieldError> errors;
  auto need = [&](const std::string& path, const std::string& value) {
    if (value.empty()) errors.push_back({path, "must not be empty"});
  };
  need("id", s.id);
  if (!s.id.empty() && !std::all_of(s.id.begin(), s.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
      }))
    errors.push_back({"id", "must use only lower-case letters, digits and '-'"});
  need("name", s.name);
  if (s.summary.size() > 2000)
    errors.push_back(
        {"summary", fmt::format("is {} characters long; at most 2,000", s.summary.size())});
  if (s.version < 1)
    errors.push_back({"version", fmt::format("must be 1 or more, got {}", s.version)});
  if (s.currency.size() != 3)
    errors.push_back({"currency", "must be a three-letter currency code such as GBP"});
  static constexpr const char* kBands[] = {"small", "medium", "large", "very_large"};
  for (size_t i = 0; i < s.fees_pence.size(); ++i)
    if (s.fees_pence[i] <= 0)
      errors.push_back(
          {fmt::format("fees_pence.{}", kBands[i]), "must be a positive number of pence"});
  if (s.vat_percent < 0 || s.vat_percent > 100)
    errors.push_back({"vat_percent", "must be between 0 and 100"});
  if (s.validity_months < 1 || s.validity_months > 120)
    errors.push_back({"validity_months", "must be between 1 and 120"});
  if (s.results_due_days < 1 || s.results_due_days > 365)
    errors.push_back({"results_due_days", "must be between 1 and 365"});
  if (s.appeal_working_days < 0 || s.appeal_working_days > 60)
    errors.push_back({"appeal_working_days", "must be between 0 and 60"});
  if (s.terms.size() > 60 ||
      s.terms.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
    errors.push_back({"terms", "must name a terms document: lower-case letters, digits and -"});
  if (s.pass_mark_percent < 1 || s.pass_mark_percent > 100)
    errors.push_back({"pass_mark_percent", "must be between 1 and 100"});
  if (s.sign_off.empty())
    errors.push_back({"sign_off", "must name at least one representative role"});
  std::set<std::string> stages;
  for (size_t i = 0; i < s.stages.size(); ++i) {
    need(fmt::format("stages[{}]", i), s.stages[i]);
    if (!stages.insert(s.stages[i]).second)
      errors.push_back({fmt::format("stages[{}]", i), "is listed twice"});
  }
  if (s.stages.empty()) errors.push_back({"stages", "must list at least one stage"});
  if (s.levels.empty()) errors.push_back({"levels", "must list at least one level"});
  std::set<std::string> ids;
  for (size_t i = 0; i < s.levels.size(); ++i) {
    const SchemeLevel& l = s.levels[i];
    const std::string path = fmt::format("levels[{}]", i);
    // Levels are strictly sequential (SVMC guidance FAQ: "You must have
    // each level in place before applying for the next level"), so they are
    // numbered 1..n in order.
    if (l.number != static_cast<int>(i) + 1)
      errors.push_back({path + ".number",
                        fmt::format("must be {} (levels are numbered 1, 2, ... in order), got {}",
                                    i + 1, l.number)});
    need(path + ".name", l.name);
    if (l.min_pledges < 0) errors.push_back({path + ".min_pledges", "must not be negative"});
    if (l.criteria.empty())
      errors.push_back({path + ".criteria", "must list at least one criterion"});
    for (size_t j = 0; j < l.criteria.size(); ++j) {
      const Criterion& c = l.criteria[j];
      const std::string cpath = fmt::format("{}.criteria[{}]", path, j);
      need(cpath + ".id", c.id);
      if (!c.id.empty() && !ids.insert(c.id).second)
        errors.push_back({cpath + ".id", "is used twice in the scheme"});
      if (!stages.contains(c.stage))
        errors.push_back(
            {cpath + ".stage", fmt::format("\"{}\" is not one of the scheme's stages", c.stage)});
      need(cpath + ".text", c.text);
      need(cpath + ".evidence_guidance", c.evidence_guidance);
    }
  }
  return errors;
}

std::string CriterionName(const Scheme& scheme, const Criterion& criterion) {
  int place = 0;
  if (const SchemeLevel* level = scheme.Level(criterion.level))
    for (const Criterion& c : level->criteria) {
      if (c.stage == criterion.stage) ++place;
      if (c.id == criterion.id) break;
    }
  return fmt::format("{}, criterion {}", criterion.stage, place);
}

Result<void> SchemeCatalogue::Add(Scheme scheme) {
  if (auto errors = ValidateScheme(scheme); !errors.empty())
    return Fail(Error::InvalidArgument(std::move(errors)));
  std::unique_lock lock(mu_);
  for (const Scheme& s : schemes_)
    if (s.id == scheme.id && s.version == scheme.version)
      return Fail(Error::Make(
          ErrorCode::kAlreadyExists,
          fmt::format("scheme {} version {} is defined twice", scheme.id, scheme.version)));
  schemes_.push_back(std::move(scheme));
  return {};
}

const Scheme* SchemeCatalogue::Find(const std::string& id, int version) const {
  std::shared_lock lock(mu_);
  for (const Scheme& s : schemes_)
    if (s.id == id && s.version == version) return &s;
  return nullptr;
}

const Scheme* SchemeCatalogue::Latest(const std::string& id) const {
  std::shared_lock lock(mu_);
  const Scheme* best = nullptr;
  for (const Scheme& s : schemes_)
    if (s.id == id && (!best || s.version > best->version)) best = &s;
  return best;
}

std::vector<const Scheme*> SchemeCatalogue::all() const {
  std::shared_lock lock(mu_);
  std::vector<const Scheme*> out;
  for (const Scheme& s : schemes_) out.push_back(&s);
  std::sort(out.begin(), out.end(), [](const Scheme* a, const Scheme* b) {
    return std::tie(a->id, a->version) < std::tie(b->id, b->version);
  });
  return out;
}

FeeQuote QuoteFee(const Scheme& scheme, SizeBand band) {
  FeeQuote q;
  q.currency = scheme.currency;
  q.size_band = band;
  q.net_pence = scheme.fees_pence[static_cast<size_t>(band)];
  q.vat_percent = scheme.vat_percent;
  q.vat_pence = (q.net_pence * scheme.vat_percent + 50) / 100;
  q.gross_pence = q.net_pence + q.vat_pence;
  return q;
}

std::string FormatPounds(int64_t pence) {
  const std::string digits = std::to_string(pence / 100);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return fmt::format("£{}.{:02}", grouped, pence % 100);
}

}  // namespace valuemark
