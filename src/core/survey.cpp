#include "core/survey.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/calendar.h"
#include "core/utf8.h"

namespace valuemark {
namespace {

struct TypeName {
  QuestionType type;
  const char* name;
};
constexpr TypeName kTypeNames[] = {
    {QuestionType::kSingleChoice, "single_choice"},
    {QuestionType::kMultipleChoice, "multiple_choice"},
    {QuestionType::kScale, "scale"},
    {QuestionType::kLikert, "likert"},
    {QuestionType::kNumber, "number"},
    {QuestionType::kText, "text"},
    {QuestionType::kBeforeNow, "before_now"},
    {QuestionType::kDeadweight, "deadweight"},
    {QuestionType::kAttribution, "attribution"},
    {QuestionType::kDuration, "duration"},
    {QuestionType::kDropOff, "drop_off"},
    {QuestionType::kValuation, "valuation"},
};

// Ids are short and URL- and CSV-safe, because they become column names of
// the CSV export and keys of the answers object.
bool ValidId(const std::string& id) {
  if (id.empty() || id.size() > 40) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

bool ValidDate(const std::string& d) { return ParseDate(d).has_value(); }

std::string Num(double v) { return fmt::format("{}", v); }

}  // namespace

const char* Name(QuestionType t) {
  for (const TypeName& n : kTypeNames)
    if (n.type == t) return n.name;
  return "text";
}

Result<QuestionType> ParseQuestionType(const std::string& s) {
  for (const TypeName& n : kTypeNames)
    if (s == n.name) return n.type;
  return Fail(Error::Make(
      ErrorCode::kInvalidArgument,
      fmt::format("must be one of single_choice, multiple_choice, scale, likert, number, text, "
                  "before_now, deadweight, attribution, duration, drop_off, valuation, got \"{}\"",
                  s)));
}

bool IsNumeric(QuestionType t) {
  switch (t) {
    case QuestionType::kScale:
    case QuestionType::kLikert:
    case QuestionType::kNumber:
    case QuestionType::kDeadweight:
    case QuestionType::kAttribution:
    case QuestionType::kDuration:
    case QuestionType::kDropOff:
      return true;
    default:
      return false;
  }
}

const char* Name(RespondentCodes c) {
  switch (c) {
    case RespondentCodes::kOff:
      return "off";
    case RespondentCodes::kOptional:
      return "optional";
    case RespondentCodes::kRequired:
      return "required";
  }
  return "off";
}

Result<RespondentCodes> ParseRespondentCodes(const std::string& s) {
  for (RespondentCodes c :
       {RespondentCodes::kOff, RespondentCodes::kOptional, RespondentCodes::kRequired})
    if (s == Name(c)) return c;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be one of off, optional, required, got \"{}\"", s)));
}

const char* Name(SurveyStatus s) {
  switch (s) {
    case SurveyStatus::kDraft:
      return "draft";
    case SurveyStatus::kPublished:
      return "published";
    case SurveyStatus::kClosed:
      return "closed";
  }
  return "draft";
}

Result<SurveyStatus> ParseSurveyStatus(const std::string& s) {
  for (SurveyStatus x : {SurveyStatus::kDraft, SurveyStatus::kPublished, SurveyStatus::kClosed})
    if (s == Name(x)) return x;
  return Fail(Error::Make(ErrorCode::kInvalidArgument,
                          fmt::format("must be draft, published or closed, got \"{}\"", s)));
}

const char* Name(SurveyState s) {
  switch (s) {
    case SurveyState::kDraft:
      return "draft";
    case SurveyState::kNotYetOpen:
      return "not_yet_open";
    case SurveyState::kOpen:
      return "open";
    case SurveyState::kClosed:
      return "closed";
    case SurveyState::kFull:
      return "full";
  }
  return "closed";
}

std::string RefusalMessage(SurveyState s) {
  switch (s) {
    case SurveyState::kDraft:
      return "this survey is still being prepared and does not take answers yet";
    case SurveyState::kNotYetOpen:
      return "this survey is not open yet";
    case SurveyState::kClosed:
      return "this survey has closed and no longer takes answers";
    case SurveyState::kFull:
      return "this survey has all the responses it needs and no longer takes answers";
    case SurveyState::kOpen:
      return "";
  }
  return "";
}

UnixTime DayStart(const std::string& date) {
  auto day = ParseDate(date);
  return day ? StartOfDay(*day) : 0;
}

SurveyState StateOf(const SurveyDesign& design, SurveyStatus status, UnixTime now,
                    int64_t responses) {
  if (status == SurveyStatus::kDraft) return SurveyState::kDraft;
  if (status == SurveyStatus::kClosed) return SurveyState::kClosed;
  if (design.opens_on && now < DayStart(*design.opens_on)) return SurveyState::kNotYetOpen;
  if (design.closes_on && now >= DayStart(*design.closes_on) + 86400) return SurveyState::kClosed;
  if (design.response_limit && responses >= *design.response_limit) return SurveyState::kFull;
  return SurveyState::kOpen;
}

namespace {
void CheckTranslations(const SurveyDesign& d, std::vector<FieldError>& errors);
}  // namespace

std::vector<FieldError> CheckDesign(const SurveyDesign& d) {
  std::vector<FieldError> errors;
  auto text = [&](const std::string& field, const std::string& value, size_t min, size_t max) {
    if (value.size() < min) errors.push_back({field, "is required"});
    if (CountCharacters(value) > max)
      errors.push_back({field, fmt::format("must be at most {} characters", max)});
  };
  text("title", d.title, 1, 200);
  text("description", d.description, 0, 4000);
  std::set<std::string> outcome_ids;
  for (size_t i = 0; i < d.outcomes.size(); ++i) {
    const SurveyOutcome& o = d.outcomes[i];
    const std::string at = fmt::format("outcomes[{}]", i);
    if (!ValidId(o.id)) {
      errors.push_back({at + ".id", "must be 1 to 40 letters, digits, '_' or '-'"});
    } else if (!outcome_ids.insert(o.id).second) {
      errors.push_back({at + ".id", fmt::format("\"{}\" is used by another outcome", o.id)});
    }
    text(at + ".name", o.name, 1, 200);
    text(at + ".indicator", o.indicator, 0, 500);
    if (o.population && *o.population < 1)
      errors.push_back({at + ".population", "must be at least 1"});
  }
  if (d.questions.empty()) errors.push_back({"questions", "must have at least one question"});
  if (d.questions.size() > 200) errors.push_back({"questions", "must have at most 200 questions"});
  std::set<std::string> question_ids;
  for (size_t i = 0; i < d.questions.size(); ++i) {
    const Question& q = d.questions[i];
    const std::string at = fmt::format("questions[{}]", i);
    if (!ValidId(q.id)) {
      errors.push_back({at + ".id", "must be 1 to 40 letters, digits, '_' or '-'"});
    } else if (!question_ids.insert(q.id).second) {
      errors.push_back({at + ".id", fmt::format("\"{}\" is used by another question", q.id)});
    }
    text(at + ".text", q.text, 1, 1000);
    text(at + ".indicator", q.indicator, 0, 500);
    text(at + ".help", q.help, 0, 1000);
    text(at + ".section", q.section, 0, 200);
    if (std::any_of(q.section.begin(), q.section.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      errors.push_back({at + ".section", "must be one line of text"});
    if (q.show_if) {
      // Only an earlier choice question, and one of its options.
      const Question* earlier = nullptr;
      for (size_t k = 0; k < i; ++k)
        if (d.questions[k].id == q.show_if->question_id) earlier = &d.questions[k];
      if (earlier == nullptr) {
        errors.push_back(
            {at + ".show_if.question_id",
             fmt::format("\"{}\" is not a question before this one", q.show_if->question_id)});
      } else if (earlier->type != QuestionType::kSingleChoice &&
                 earlier->type != QuestionType::kMultipleChoice) {
        errors.push_back({at + ".show_if.question_id",
                          fmt::format("\"{}\" is not a choice question: only a choice can decide "
                                      "whether a question is asked",
                                      earlier->id)});
      } else if (std::find(earlier->options.begin(), earlier->options.end(), q.show_if->equals) ==
                 earlier->options.end()) {
        errors.push_back(
            {at + ".show_if.equals", fmt::format("\"{}\" is not one of the options of \"{}\"",
                                                 q.show_if->equals, earlier->id)});
      }
    }
    if (!q.outcome_id.empty() && !outcome_ids.contains(q.outcome_id))
      errors.push_back({at + ".outcome_id",
                        fmt::format("\"{}\" is not one of the survey's outcomes", q.outcome_id)});
    const bool choice =
        q.type == QuestionType::kSingleChoice || q.type == QuestionType::kMultipleChoice;
    if (choice) {
      if (q.options.size() < 2 || q.options.size() > 50)
        errors.push_back({at + ".options", "a choice question needs 2 to 50 options"});
      std::set<std::string> seen;
      for (size_t k = 0; k < q.options.size(); ++k) {
        if (q.options[k].empty() || CountCharacters(q.options[k]) > 200)
          errors.push_back({fmt::format("{}.options[{}]", at, k), "must be 1 to 200 characters"});
        else if (q.options[k].find('|') != std::string::npos)  // the CSV's separator of choices
          errors.push_back({fmt::format("{}.options[{}]", at, k), "must not contain \"|\""});
        else if (!seen.insert(q.options[k]).second)
          errors.push_back({fmt::format("{}.options[{}]", at, k), "repeats another option"});
      }
      if (!q.option_values.empty() && q.option_values.size() != q.options.size())
        errors.push_back({at + ".option_values",
                          fmt::format("must be {} names, one for each option", q.options.size())});
      std::set<std::string> names;
      for (size_t k = 0; k < q.option_values.size(); ++k) {
        const std::string& v = q.option_values[k];
        const std::string vat = fmt::format("{}.option_values[{}]", at, k);
        if (v.size() > 200 || v.find_first_of(" |\t\r\n") != std::string::npos)
          errors.push_back({vat, "must be at most 200 characters without spaces or \"|\""});
        else if (!v.empty() && !names.insert(v).second)
          errors.push_back({vat, "repeats another name"});
        else if (auto same = std::find(q.options.begin(), q.options.end(), v);
                 !v.empty() && same != q.options.end() && same - q.options.begin() != long(k))
          // An import reads an option's own words first: the name would never be read.
          errors.push_back({vat, fmt::format("is the words of another option, \"{}\"", v)});
      }
    } else if (!q.option_values.empty()) {
      errors.push_back(
          {at + ".option_values",
           fmt::format("only choice questions have option names, this is {}", Name(q.type))});
    } else if (!q.options.empty()) {
      errors.push_back(
          {at + ".options",
           fmt::format("only choice questions have options, this is {}", Name(q.type))});
    }
    if (q.lower_is_better && q.type != QuestionType::kBeforeNow)
      errors.push_back(
          {at + ".lower_is_better", "only a before-and-now question says which way is better"});
    if (q.min && q.max && *q.min > *q.max)
      errors.push_back({at + ".max", "must not be less than min"});
    if ((q.min || q.max) && q.type != QuestionType::kNumber)
      errors.push_back({at + ".min", "only number questions have min and max"});
    if (q.max_length < 1 || q.max_length > 10000)
      errors.push_back({at + ".max_length", "must be from 1 to 10000"});
    if (q.type == QuestionType::kValuation && d.outcomes.size() < 2)
      errors.push_back({at + ".type",
                        "a valuation question needs at least two outcomes in the survey to weigh"});
  }
  if (d.opens_on && !ValidDate(*d.opens_on))
    errors.push_back({"opens_on", "must be a date YYYY-MM-DD"});
  if (d.closes_on && !ValidDate(*d.closes_on))
    errors.push_back({"closes_on", "must be a date YYYY-MM-DD"});
  if (d.opens_on && d.closes_on && ValidDate(*d.opens_on) && ValidDate(*d.closes_on) &&
      *d.closes_on < *d.opens_on)
    errors.push_back({"closes_on", "must not be before opens_on"});
  if (d.response_limit && *d.response_limit < 1)
    errors.push_back({"response_limit", "must be at least 1"});
  CheckTranslations(d, errors);
  if (d.issued_codes.size() > kMaxIssuedCodes)
    errors.push_back({"issued_codes", fmt::format("must be at most {} codes", kMaxIssuedCodes)});
  if (!d.issued_codes.empty() && d.respondent_codes == RespondentCodes::kOff)
    errors.push_back({"issued_codes",
                      "an anonymous survey gives out no codes: set respondent_codes to optional "
                      "or required"});
  std::set<std::string> codes;
  for (size_t i = 0; i < d.issued_codes.size() && i < kMaxIssuedCodes; ++i) {
    const std::string normal = NormaliseCode(d.issued_codes[i]);
    if (normal.empty() || d.issued_codes[i].size() > 64 ||
        std::any_of(normal.begin(), normal.end(),
                    [](char c) { return static_cast<unsigned char>(c) <= 0x20; }))
      errors.push_back({fmt::format("issued_codes[{}]", i),
                        "must be 1 to 64 characters without control characters"});
    else if (!codes.insert(normal).second)
      errors.push_back({fmt::format("issued_codes[{}]", i), "repeats another code"});
  }
  return errors;
}

bool ValidLanguageTag(std::string_view tag) {
  if (tag.size() > 35) return false;  // RFC 5646's longest useful tag, about
  size_t start = 0;
  for (size_t part = 0; start <= tag.size(); ++part) {
    size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    const std::string_view sub = tag.substr(start, end - start);
    const bool ok =
        part == 0
            ? (sub.size() == 2 || sub.size() == 3) &&
                  std::all_of(sub.begin(), sub.end(), [](char c) { return c >= 'a' && c <= 'z'; })
            : sub.size() >= 2 && sub.size() <= 8 && std::all_of(sub.begin(), sub.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0;
              });
    if (!ok) return false;
    if (end == tag.size()) return true;
    start = end + 1;
  }
  return false;
}

namespace {

// A translation's problems, each at its path ("translations[0].questions.q2.options").
void CheckTranslations(const SurveyDesign& d, std::vector<FieldError>& errors) {
  auto line = [&](const std::string& field, const std::string& value, size_t max) {
    if (CountCharacters(value) > max)
      errors.push_back({field, fmt::format("must be at most {} characters", max)});
    else if (std::any_of(value.begin(), value.end(),
                         [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
      errors.push_back({field, "must be one line of text"});
  };
  if (!ValidLanguageTag(d.language))
    errors.push_back({"language", "must be a language tag such as \"en\" or \"cy\""});
  if (d.translations.size() > kMaxTranslations)
    errors.push_back(
        {"translations", fmt::format("must be at most {} languages", kMaxTranslations)});
  // Tags are compared without regard to case (RFC 5646): "cy-gb" is "cy-GB".
  auto lower = [](std::string tag) {
    for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return tag;
  };
  std::set<std::string> languages{lower(d.language)};
  for (size_t i = 0; i < d.translations.size() && i < kMaxTranslations; ++i) {
    const SurveyTranslation& t = d.translations[i];
    const std::string at = fmt::format("translations[{}]", i);
    if (!ValidLanguageTag(t.language))
      errors.push_back({at + ".language", "must be a language tag such as \"cy\""});
    else if (!languages.insert(lower(t.language)).second)
      errors.push_back(
          {at + ".language",
           fmt::format("\"{}\" is the survey's language or another translation's", t.language)});
    line(at + ".title", t.title, 200);
    if (CountCharacters(t.description) > 4000)
      errors.push_back({at + ".description", "must be at most 4000 characters"});
    for (const auto& [id, words] : t.questions) {
      const std::string qat = at + ".questions." + id;
      auto q = std::find_if(d.questions.begin(), d.questions.end(),
                            [&](const Question& x) { return x.id == id; });
      if (q == d.questions.end()) {
        errors.push_back({qat, fmt::format("\"{}\" is not a question of the survey", id)});
        continue;
      }
      if (CountCharacters(words.text) > 1000)
        errors.push_back({qat + ".text", "must be at most 1000 characters"});
      if (CountCharacters(words.help) > 1000)
        errors.push_back({qat + ".help", "must be at most 1000 characters"});
      line(qat + ".section", words.section, 200);
      if (!words.options.empty() && words.options.size() != q->options.size())
        errors.push_back({qat + ".options", fmt::format("must be {} options, one for each of the "
                                                        "question's, in its order",
                                                        q->options.size())});
      for (size_t k = 0; k < words.options.size(); ++k)
        if (words.options[k].empty() || CountCharacters(words.options[k]) > 200)
          errors.push_back({fmt::format("{}.options[{}]", qat, k), "must be 1 to 200 characters"});
    }
    for (const auto& [id, name] : t.outcomes) {
      if (std::none_of(d.outcomes.begin(), d.outcomes.end(),
                       [&](const SurveyOutcome& o) { return o.id == id; }))
        errors.push_back(
            {at + ".outcomes." + id, fmt::format("\"{}\" is not an outcome of the survey", id)});
      else
        line(at + ".outcomes." + id, name, 200);
    }
  }
}

}  // namespace

std::string NormaliseCode(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::optional<std::string> FindIssuedCode(const SurveyDesign& design, std::string_view code) {
  const std::string wanted = NormaliseCode(code);
  for (const std::string& issued : design.issued_codes)
    if (NormaliseCode(issued) == wanted) return issued;
  return std::nullopt;
}

bool IsAsked(const Question& q, const Answers& answers) {
  if (!q.show_if) return true;
  auto it = answers.find(q.show_if->question_id);
  if (it == answers.end()) return false;
  const std::vector<std::string>& chosen = it->second.choices;
  return std::find(chosen.begin(), chosen.end(), q.show_if->equals) != chosen.end();
}

std::vector<FieldError> CheckAnswers(const SurveyDesign& d, const Answers& answers) {
  std::vector<FieldError> errors;
  for (const Question& q : d.questions) {
    const std::string field = "answers." + q.id;
    auto it = answers.find(q.id);
    const bool asked = IsAsked(q, answers);
    if (it == answers.end()) {
      if (q.required && asked) errors.push_back({field, "is required"});
      continue;
    }
    if (!asked) {
      errors.push_back({field, fmt::format("is not asked unless the answer to \"{}\" is \"{}\"",
                                           q.show_if->question_id, q.show_if->equals)});
      continue;
    }
    const Answer& a = it->second;
    auto range = [&](double v, double lo, double hi, bool whole, const char* what) {
      if (!std::isfinite(v) || v < lo || v > hi || (whole && v != std::floor(v)))
        errors.push_back({field, fmt::format("must be {} from {} to {}, got {}", what, Num(lo),
                                             Num(hi), Num(v))});
    };
    switch (q.type) {
      case QuestionType::kSingleChoice:
      case QuestionType::kMultipleChoice: {
        if (q.type == QuestionType::kSingleChoice && a.choices.size() != 1) {
          errors.push_back({field, "must be exactly one of the options"});
          break;
        }
        std::set<std::string> seen;
        for (const std::string& c : a.choices) {
          if (std::find(q.options.begin(), q.options.end(), c) == q.options.end())
            errors.push_back({field, fmt::format("\"{}\" is not one of the options", c)});
          else if (!seen.insert(c).second)
            errors.push_back({field, fmt::format("\"{}\" is chosen twice", c)});
        }
        if (q.required && a.choices.empty())
          errors.push_back({field, "is required: choose at least one option"});
        break;
      }
      case QuestionType::kScale:
        range(a.number, 0, 10, true, "a whole number");
        break;
      case QuestionType::kLikert:
        range(a.number, 1, 5, true, "a whole number");
        break;
      case QuestionType::kNumber:
        range(a.number, q.min.value_or(-1e15), q.max.value_or(1e15), false, "a number");
        break;
      case QuestionType::kText:
        if (CountCharacters(a.text) > static_cast<size_t>(q.max_length))
          errors.push_back({field, fmt::format("must be at most {} characters", q.max_length)});
        // JSON bodies are UTF-8 already; a CSV may not be, and stored answers must be.
        if (!IsUtf8(a.text))
          errors.push_back({field, "is not UTF-8 text: save the file as UTF-8 (CSV UTF-8)"});
        if (q.required && a.text.empty()) errors.push_back({field, "is required"});
        break;
      case QuestionType::kBeforeNow:
        range(a.number, 0, 10, true, "a whole number (before)");
        range(a.now, 0, 10, true, "a whole number (now)");
        break;
      case QuestionType::kDeadweight:
      case QuestionType::kAttribution:
      case QuestionType::kDropOff:
        range(a.number, 0, 1, false, "a fraction");
        break;
      case QuestionType::kDuration:
        range(a.number, 0, 50, false, "a number of years");
        break;
      case QuestionType::kValuation:
        for (const auto& [outcome, weight] : a.weights) {
          if (std::none_of(d.outcomes.begin(), d.outcomes.end(),
                           [&](const SurveyOutcome& o) { return o.id == outcome; }))
            errors.push_back(
                {field, fmt::format("\"{}\" is not one of the survey's outcomes", outcome)});
          else if (!std::isfinite(weight) || weight < 0 || weight > 100)
            errors.push_back({field + "." + outcome,
                              fmt::format("must be a weight from 0 to 100, got {}", Num(weight))});
        }
        if (q.required && a.weights.empty()) errors.push_back({field, "is required"});
        break;
    }
  }
  for (const auto& [id, answer] : answers)
    if (std::none_of(d.questions.begin(), d.questions.end(),
                     [&](const Question& q) { return q.id == id; }))
      errors.push_back({"answers." + id, "is not a question of this survey"});
  return errors;
}

}  // namespace valuemark
