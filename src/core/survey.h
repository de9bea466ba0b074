// Stakeholder surveys (docs/api.md "Surveys"): the design a team builds,
// the answers a respondent gives, and the rules that check both. Pure: no
// I/O, no clock (times are passed in). Results are in survey_results.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/organisation.h"
#include "core/result.h"

namespace valuemark {

enum class QuestionType {
  kSingleChoice,    // one of `options`
  kMultipleChoice,  // any of `options`
  kScale,           // a whole number 0..10
  kLikert,          // a whole number 1..5 (strongly disagree .. strongly agree)
  kNumber,          // a number within [min, max]
  kText,            // free text up to max_length characters
  kBeforeNow,       // {"before": 0..10, "now": 0..10}: distance travelled
  kDeadweight,      // fraction 0..1: how much would have happened anyway
  kAttribution,     // fraction 0..1: how much of the change is due to others
  kDuration,        // years 0..50: how long the change will last
  kDropOff,         // fraction 0..1: how much of the change fades each year
  kValuation,       // {outcome_id: weight ≥ 0}: how much each outcome matters
};
const char* Name(QuestionType t);
Result<QuestionType> ParseQuestionType(const std::string& s);
// True for the types whose answer is one number.
bool IsNumeric(QuestionType t);

// An outcome the survey measures; questions link to it by id. `population` is
// the size of the stakeholder group it concerns: when more than the number of
// respondents, results scale the sample up to it.
struct SurveyOutcome {
  std::string id;
  std::string name;
  std::string indicator;
  std::optional<int64_t> population;
};

// Skip logic: a question shown only when an earlier choice question's answer
// includes one of its options ("show the follow-up when the answer is Yes").
struct ShowIf {
  std::string question_id;
  std::string equals;  // one of that question's options
  bool operator==(const ShowIf&) const = default;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::kText;
  std::string text;
  bool required = false;
  std::vector<std::string> options;  // choices
  // The names an XLSForm gives the options (KoboToolbox and ODK export
  // answers by these): empty, or one per option in its order, "" where an
  // option has none. Answers are always stored as the options themselves.
  std::vector<std::string> option_values;
  std::optional<double> min, max;  // numbers
  int max_length = 2000;           // text
  std::string outcome_id;          // "" when not linked
  // kBeforeNow: a fall is the improvement ("How lonely…?", "How anxious…?"),
  // so a respondent whose "now" is below "before" has changed for the better.
  bool lower_is_better = false;
  std::string indicator;
  std::string help;  // shown under the question, "" for none
  // The title of a section that starts at this question (the form shows one
  // section a screen); "" continues the section before.
  std::string section;
  std::optional<ShowIf> show_if;  // asked only when this matches; nullopt: always
};

// The words of one question in another language; what is "" (or, for
// options, an empty list) is shown in the survey's own language.
struct QuestionWords {
  std::string text, help, section;
  std::vector<std::string> options;  // as many as the question's, in its order
};

// The survey in another language (Welsh beside English): the same questions
// in other words. Answers are given in the survey's own terms (a choice is
// its option in the survey's language), so answers in every language merge.
struct SurveyTranslation {
  std::string language;  // a language tag: "cy", "en-GB"
  std::string title, description;
  std::map<std::string, QuestionWords> questions;  // by question id
  std::map<std::string, std::string> outcomes;     // outcome names by id
};

// At most this many translations of one survey.
inline constexpr size_t kMaxTranslations = 10;

// "cy", "en", "en-GB", "pa-Arab": 2 or 3 lower-case letters, then optional
// subtags of 2 to 8 letters or digits after a '-'.
bool ValidLanguageTag(std::string_view tag);

enum class RespondentCodes {
  kOff,       // anonymous
  kOptional,  // a respondent may give a code linking baseline and follow-up
  kRequired,
};
const char* Name(RespondentCodes c);
Result<RespondentCodes> ParseRespondentCodes(const std::string& s);

struct SurveyDesign {
  std::string title;
  std::string description;
  std::optional<std::string> scope_id;
  std::vector<SurveyOutcome> outcomes;
  std::vector<Question> questions;
  std::optional<std::string> opens_on, closes_on;  // YYYY-MM-DD, inclusive, UTC
  std::optional<int64_t> response_limit;
  RespondentCodes respondent_codes = RespondentCodes::kOff;
  // Codes given out to respondents (on cards or in personal links) to link a
  // person's baseline and follow-up answers; a duplicate for the next wave
  // keeps them. When there are any, a respondent code must be one of them.
  // Never shown on the public link.
  std::vector<std::string> issued_codes;
  std::string language = "en";  // the language the design is written in
  std::vector<SurveyTranslation> translations;
};

// At most this many codes are given out for one survey.
inline constexpr size_t kMaxIssuedCodes = 5000;

// A code as people type it, for comparison: upper case, without spaces or '-'
// ("abcd efgh" and "ABCD-EFGH" are one code).
std::string NormaliseCode(std::string_view code);
// The issued code that `code` is, as it was issued; nullopt when none is.
std::optional<std::string> FindIssuedCode(const SurveyDesign& design, std::string_view code);

// Checks a design as a whole; every problem names its field
// (e.g. "questions[2].outcome_id").
std::vector<FieldError> CheckDesign(const SurveyDesign& design);

// One answer; which members count depends on the question's type.
struct Answer {
  double number = 0;                      // numeric types; "before" of kBeforeNow
  double now = 0;                         // kBeforeNow
  std::vector<std::string> choices;       // kSingleChoice (one), kMultipleChoice
  std::string text;                       // kText
  std::map<std::string, double> weights;  // kValuation
};

using Answers = std::map<std::string, Answer>;  // by question id

// Whether q is asked, given the answers so far: always without show_if;
// otherwise when the earlier question's answer includes the option.
bool IsAsked(const Question& q, const Answers& answers);

// Checks answers against the design: unknown questions, missing required
// ones, values outside each type's range, and answers to a question the
// respondent was not asked (its show_if does not match). A required question
// that is not asked is not required. Fields are "answers.<question id>".
std::vector<FieldError> CheckAnswers(const SurveyDesign& design, const Answers& answers);

// Where a survey is in its life, as its team set it: a draft is seen only by
// the team (its link takes no answers); a published survey takes answers
// within its dates and limit; a closed one takes none until it is reopened.
enum class SurveyStatus { kDraft, kPublished, kClosed };
const char* Name(SurveyStatus s);
Result<SurveyStatus> ParseSurveyStatus(const std::string& s);

// Whether the link takes answers now, and if not why.
enum class SurveyState { kNotYetOpen, kOpen, kClosed, kFull, kDraft };
const char* Name(SurveyState s);
// The status first, then `now` decides the dates (a day in UTC), `responses` the limit.
SurveyState StateOf(const SurveyDesign& design, SurveyStatus status, UnixTime now,
                    int64_t responses);
// The sentence a respondent sees when the survey does not take answers.
std::string RefusalMessage(SurveyState s);

// Seconds since the epoch of 00:00 UTC on a YYYY-MM-DD date (already checked).
UnixTime DayStart(const std::string& date);

}  // namespace valuemark
