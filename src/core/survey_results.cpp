// Methodology (the figures an evaluative impact map takes, docs/api.md
// "Survey results"):
//
// Quantity (distance travelled). For an outcome, n respondents answered a
// before/now question linked to it and k of them report now > before (now <
// before for a question where lower is better, as loneliness). With
// the stakeholder population N of the outcome (when given and N > n, the
// respondents are a sample):
//     p        = k / n
//     quantity = p × N            (k when no population is given or N ≤ n)
//     95 % CI  = N × Wilson(k, n_eff, z = 1.96)
//     Wilson   = (p + z²/2m ± z·sqrt(p(1−p)/m + z²/4m²)) / (1 + z²/m), m = n_eff
//     n_eff    = n × (N − 1) / (N − n)  (finite population correction)
// When every member of the population answered (n ≥ N) there is no sampling
// error and the interval is [k, k].
//
// Longitudinal change: a respondent code given in more than one response links
// a person's baseline (their first response) and follow-up (their last); the
// outcome reports how many were linked and how many of them say "now" is
// better (higher, or lower where lower is better) at follow-up than at baseline.
//
// Deadweight, attribution and drop-off are the means of the fractions that
// respondents gave to questions of those types linked to the outcome;
// duration is the mean of the years they gave. Each estimate lists the
// responses it came from. Relative importance is the mean over respondents of
// each outcome's share of the weight that respondent gave (Principle 3).
#include "core/survey_results.h"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace valuemark {

std::pair<double, double> WilsonInterval(int64_t k, int64_t n, std::optional<int64_t> population,
                                         double z) {
  if (n <= 0) return {0, 0};
  const double p = static_cast<double>(k) / static_cast<double>(n);
  if (population && *population <= n) return {p, p};
  double m = static_cast<double>(n);
  if (population && *population > 1) {
    const double big_n = static_cast<double>(*population);
    m = m * (big_n - 1) / (big_n - m);
  }
  const double z2 = z * z;
  const double centre = p + z2 / (2 * m);
  const double spread = z * std::sqrt(p * (1 - p) / m + z2 / (4 * m * m));
  const double denominator = 1 + z2 / m;
  return {std::max(0.0, (centre - spread) / denominator),
          std::min(1.0, (centre + spread) / denominator)};
}

ResultsBuilder::ResultsBuilder(const SurveyDesign& design, bool with_provenance)
    : design_(design), provenance_(with_provenance) {
  for (const SurveyOutcome& o : design.outcomes) {
    SurveyOutcomeResult r;
    r.id = o.id;
    r.name = o.name;
    r.indicator = o.indicator;
    r.population = o.population;
    results_.outcomes.push_back(std::move(r));
  }
  for (const Question& q : design.questions) {
    SurveyQuestionResult r;
    r.id = q.id;
    r.type = q.type;
    r.outcome_id = q.outcome_id;
    switch (q.type) {
      case QuestionType::kSingleChoice:
      case QuestionType::kMultipleChoice:
        r.distribution.assign(q.options.size(), 0);
        break;
      case QuestionType::kScale:
        r.distribution.assign(11, 0);
        break;
      case QuestionType::kLikert:
        r.distribution.assign(5, 0);
        break;
      case QuestionType::kBeforeNow:
        r.distribution.assign(21, 0);
        break;
      case QuestionType::kValuation:
        r.mean_weight.assign(design.outcomes.size(), 0);
        break;
      default:
        break;
    }
    results_.questions.push_back(std::move(r));
    Running run;
    if (q.type == QuestionType::kValuation) run.weight_sums.assign(design.outcomes.size(), 0);
    running_.push_back(std::move(run));
    outcome_of_.push_back(q.outcome_id.empty() ? -1 : OutcomeIndex(q.outcome_id));
  }
  changed_now_.assign(design.outcomes.size(), -1);
  tracks_.resize(design.outcomes.size());
}

int ResultsBuilder::QuestionIndex(std::string_view id) const {
  for (size_t i = 0; i < design_.questions.size(); ++i)
    if (design_.questions[i].id == id) return static_cast<int>(i);
  return -1;
}

int ResultsBuilder::OutcomeIndex(std::string_view id) const {
  for (size_t i = 0; i < design_.outcomes.size(); ++i)
    if (design_.outcomes[i].id == id) return static_cast<int>(i);
  return -1;
}

void ResultsBuilder::BeginResponse(std::string_view response_id, std::string_view respondent_code) {
  ++results_.used;
  code_.assign(respondent_code);
  if (provenance_) current_.assign(response_id);
  std::fill(changed_now_.begin(), changed_now_.end(), -1);
  for (Running& r : running_) r.any_weight = false;
}

namespace {

// Counts one numeric answer into a question's answered, min, max and sum.
void CountValue(SurveyQuestionResult& q, double& sum, double value) {
  if (q.answered == 0 || value < q.min) q.min = value;
  if (q.answered == 0 || value > q.max) q.max = value;
  ++q.answered;
  sum += value;
}

}  // namespace

void ResultsBuilder::AddNumber(int question, double value) {
  if (question < 0) return;
  SurveyQuestionResult& q = results_.questions[question];
  CountValue(q, running_[question].sum, value);
  if (q.type == QuestionType::kScale)
    ++q.distribution[static_cast<size_t>(std::clamp(value, 0.0, 10.0))];
  if (q.type == QuestionType::kLikert)
    ++q.distribution[static_cast<size_t>(std::clamp(value, 1.0, 5.0)) - 1];
  const int o = outcome_of_[question];
  if (o < 0) return;
  Estimate* e = nullptr;
  switch (q.type) {
    case QuestionType::kDeadweight:
      e = &results_.outcomes[o].deadweight;
      break;
    case QuestionType::kAttribution:
      e = &results_.outcomes[o].attribution;
      break;
    case QuestionType::kDuration:
      e = &results_.outcomes[o].duration;
      break;
    case QuestionType::kDropOff:
      e = &results_.outcomes[o].drop_off;
      break;
    default:
      return;
  }
  ++e->n;
  e->mean += value;  // a sum until Finish()
  if (provenance_) e->response_ids.push_back(current_);
}

void ResultsBuilder::AddBeforeNow(int question, double before, double now) {
  if (question < 0) return;
  SurveyQuestionResult& q = results_.questions[question];
  CountValue(q, running_[question].sum, now);
  running_[question].sum_before += before;
  const double change = now - before;  // the distribution shows the change as it is
  ++q.distribution[static_cast<size_t>(std::clamp(change, -10.0, 10.0) + 10)];
  const bool lower_is_better = design_.questions[question].lower_is_better;
  const double gain = lower_is_better ? -change : change;
  if (gain > 0)
    ++q.improved;
  else if (gain < 0)
    ++q.worse;
  else
    ++q.unchanged;
  const int o = outcome_of_[question];
  if (o < 0) return;
  changed_now_[o] = std::max<signed char>(changed_now_[o], gain > 0 ? 1 : 0);
  if (!code_.empty()) {
    Track& t = tracks_[o][code_];
    if (t.responses++ == 0) t.first = now;
    t.last = now;
    t.lower_is_better = lower_is_better;
  }
}

void ResultsBuilder::AddChoice(int question, std::string_view option) {
  if (question < 0) return;
  SurveyQuestionResult& q = results_.questions[question];
  const auto& options = design_.questions[question].options;
  for (size_t i = 0; i < options.size(); ++i)
    if (options[i] == option) ++q.distribution[i];
  // A multiple choice answer counts once however many options it has.
  if (!running_[question].any_weight) {
    running_[question].any_weight = true;
    ++q.answered;
  }
}

void ResultsBuilder::AddText(int question) {
  if (question >= 0) ++results_.questions[question].answered;
}

void ResultsBuilder::AddWeight(int question, int outcome, double weight) {
  if (question < 0 || outcome < 0) return;
  Running& run = running_[question];
  if (!run.any_weight) {
    run.any_weight = true;
    run.weight_total = 0;
    std::fill(run.weight_sums.begin(), run.weight_sums.end(), 0.0);
  }
  run.weight_sums[outcome] += weight;
  run.weight_total += weight;
}

void ResultsBuilder::EndResponse() {
  for (size_t i = 0; i < running_.size(); ++i) {
    Running& run = running_[i];
    SurveyQuestionResult& q = results_.questions[i];
    if (q.type != QuestionType::kValuation || !run.any_weight) continue;
    ++q.answered;
    // Each respondent's weights become shares, so that one who gives
    // everything 100 does not outweigh one who gives 1s.
    if (run.weight_total > 0)
      for (size_t o = 0; o < run.weight_sums.size(); ++o)
        q.mean_weight[o] += run.weight_sums[o] / run.weight_total;
  }
  for (size_t o = 0; o < changed_now_.size(); ++o) {
    if (changed_now_[o] < 0) continue;
    SurveyOutcomeResult& r = results_.outcomes[o];
    ++r.respondents;
    if (provenance_) r.respondent_ids.push_back(current_);
    if (changed_now_[o] == 1) {
      ++r.changed;
      if (provenance_) r.changed_ids.push_back(current_);
    }
  }
}

namespace {

template <typename T>
void AddEach(std::vector<T>& into, const std::vector<T>& from) {
  for (size_t i = 0; i < into.size() && i < from.size(); ++i) into[i] += from[i];
}

void Append(std::vector<std::string>& into, std::vector<std::string>& from) {
  into.insert(into.end(), std::make_move_iterator(from.begin()),
              std::make_move_iterator(from.end()));
}

}  // namespace

void ResultsBuilder::Absorb(ResultsBuilder&& later) {
  results_.used += later.results_.used;
  results_.excluded += later.results_.excluded;
  for (size_t i = 0; i < results_.questions.size(); ++i) {
    SurveyQuestionResult& q = results_.questions[i];
    const SurveyQuestionResult& l = later.results_.questions[i];
    if (l.answered > 0) {
      if (q.answered == 0 || l.min < q.min) q.min = l.min;
      if (q.answered == 0 || l.max > q.max) q.max = l.max;
    }
    q.answered += l.answered;
    AddEach(q.distribution, l.distribution);
    AddEach(q.mean_weight, l.mean_weight);  // sums until Finish()
    q.improved += l.improved;
    q.unchanged += l.unchanged;
    q.worse += l.worse;
    running_[i].sum += later.running_[i].sum;
    running_[i].sum_before += later.running_[i].sum_before;
  }
  for (size_t o = 0; o < results_.outcomes.size(); ++o) {
    SurveyOutcomeResult& r = results_.outcomes[o];
    SurveyOutcomeResult& l = later.results_.outcomes[o];
    r.respondents += l.respondents;
    r.changed += l.changed;
    Append(r.changed_ids, l.changed_ids);
    Append(r.respondent_ids, l.respondent_ids);
    Estimate* mine[] = {&r.deadweight, &r.attribution, &r.duration, &r.drop_off};
    Estimate* theirs[] = {&l.deadweight, &l.attribution, &l.duration, &l.drop_off};
    for (size_t k = 0; k < 4; ++k) {
      mine[k]->n += theirs[k]->n;
      mine[k]->mean += theirs[k]->mean;  // sums until Finish()
      Append(mine[k]->response_ids, theirs[k]->response_ids);
    }
    // A respondent code's first response is the earlier run's, its last the later's.
    for (auto& [code, t] : later.tracks_[o]) {
      auto [it, added] = tracks_[o].try_emplace(code, t);
      if (added) continue;
      it->second.last = t.last;
      it->second.responses += t.responses;
      it->second.lower_is_better = t.lower_is_better;
    }
  }
}

SurveyResults ResultsBuilder::Finish() {
  for (size_t i = 0; i < results_.questions.size(); ++i) {
    SurveyQuestionResult& q = results_.questions[i];
    if (q.answered == 0) continue;
    const double n = static_cast<double>(q.answered);
    q.mean = running_[i].sum / n;
    if (q.type == QuestionType::kBeforeNow) {
      q.mean_before = running_[i].sum_before / n;
      q.mean_change = q.mean - q.mean_before;
    }
    if (q.type == QuestionType::kValuation) {
      for (size_t o = 0; o < q.mean_weight.size(); ++o) {
        q.mean_weight[o] /= n;
        // The first valuation question gives each outcome its importance.
        if (!results_.outcomes[o].relative_importance)
          results_.outcomes[o].relative_importance = q.mean_weight[o];
      }
    }
  }
  for (size_t o = 0; o < tracks_.size(); ++o) {
    for (const auto& [code, t] : tracks_[o]) {
      if (t.responses < 2) continue;
      ++results_.outcomes[o].linked;
      if (t.lower_is_better ? t.last < t.first : t.last > t.first)
        ++results_.outcomes[o].linked_improved;
    }
  }
  for (SurveyOutcomeResult& r : results_.outcomes) {
    for (Estimate* e : {&r.deadweight, &r.attribution, &r.duration, &r.drop_off})
      if (e->n > 0) e->mean /= static_cast<double>(e->n);
    if (r.respondents == 0) continue;
    const double p = static_cast<double>(r.changed) / static_cast<double>(r.respondents);
    r.sample = r.population && *r.population > r.respondents;
    const double scale =
        r.sample ? static_cast<double>(*r.population) : static_cast<double>(r.respondents);
    r.quantity = r.sample ? p * scale : static_cast<double>(r.changed);
    auto [low, high] = WilsonInterval(r.changed, r.respondents, r.population);
    r.quantity_low = r.sample ? low * scale : r.quantity;
    r.quantity_high = r.sample ? high * scale : r.quantity;
  }
  return std::move(results_);
}

}  // namespace valuemark
