#include "formats/survey_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "formats/records_json.h"

namespace valuemark::formats {
namespace {

constexpr Range kAnyNumber{-1e15, 1e15};
constexpr Range kPopulation{1, 1e12, true, true};
constexpr Range kMaxLength{1, 10000, true, true};

void ReadOutcome(const JsonValue& value, const std::string& path, SurveyOutcome& o,
                 std::vector<FieldError>& errors) {
  ObjectReader r(value, path, errors);
  if (!r.ok()) return;
  o.id = r.String("id", true).value_or("");
  o.name = r.String("name", true).value_or("");
  o.indicator = r.String("indicator").value_or("");
  if (!r.IsNull("population"))
    if (auto p = r.Integer("population", kPopulation)) o.population = *p;
  r.RejectUnknownFields();
}

void ReadQuestion(const JsonValue& value, const std::string& path, Question& q,
                  std::vector<FieldError>& errors) {
  ObjectReader r(value, path, errors);
  if (!r.ok()) return;
  q.id = r.String("id", true).value_or("");
  if (auto t = r.String("type", true)) {
    if (auto type = ParseQuestionType(*t)) {
      q.type = *type;
    } else {
      r.Report(Child(path, "type"), type.error().message);
    }
  }
  q.text = r.String("text", true).value_or("");
  q.required = r.Bool("required").value_or(false);
  for (auto [key, list] : {std::pair{"options", &q.options}, {"option_values", &q.option_values}})
    r.Array(key, false, [&](const JsonValue& v, const std::string& at) {
      std::string_view s;
      if (v.get_string().get(s) != simdjson::SUCCESS) {
        r.Report(at, "must be a string, got " + DescribeJsonType(v));
        return;
      }
      list->emplace_back(s);
    });
  if (auto v = r.Number("min", kAnyNumber)) q.min = *v;
  if (auto v = r.Number("max", kAnyNumber)) q.max = *v;
  if (auto v = r.Integer("max_length", kMaxLength)) q.max_length = *v;
  q.outcome_id = r.String("outcome_id").value_or("");
  q.lower_is_better = r.Bool("lower_is_better").value_or(false);
  q.indicator = r.String("indicator").value_or("");
  q.help = r.String("help").value_or("");
  q.section = r.String("section").value_or("");
  if (!r.IsNull("show_if"))
    r.Object("show_if", false, [&](ObjectReader& s) {
      q.show_if =
          ShowIf{s.String("question_id", true).value_or(""), s.String("equals", true).value_or("")};
    });
  r.RejectUnknownFields();
}

std::optional<std::string> OptionalString(ObjectReader& r, std::string_view key) {
  if (r.IsNull(key)) return std::nullopt;
  return r.String(key);
}

bool GetNumber(const JsonValue& v, double& out) {
  if (v.get_double().get(out) == simdjson::SUCCESS) return true;
  int64_t i = 0;
  if (v.get_int64().get(i) == simdjson::SUCCESS) {
    out = static_cast<double>(i);
    return true;
  }
  uint64_t u = 0;
  if (v.get_uint64().get(u) == simdjson::SUCCESS) {
    out = static_cast<double>(u);
    return true;
  }
  return false;
}

}  // namespace

void ReadSurveyDesign(ObjectReader& r, SurveyDesign& d) {
  d.title = r.String("title", true).value_or("");
  d.description = r.String("description").value_or("");
  d.scope_id = OptionalString(r, "scope_id");
  r.Array("outcomes", false, [&](const JsonValue& v, const std::string& path) {
    d.outcomes.emplace_back();
    ReadOutcome(v, path, d.outcomes.back(), r.errors());
  });
  r.Array("questions", true, [&](const JsonValue& v, const std::string& path) {
    d.questions.emplace_back();
    ReadQuestion(v, path, d.questions.back(), r.errors());
  });
  d.opens_on = OptionalString(r, "opens_on");
  d.closes_on = OptionalString(r, "closes_on");
  if (!r.IsNull("response_limit"))
    if (auto v = r.Integer("response_limit", kPopulation)) d.response_limit = *v;
  if (auto c = r.String("respondent_codes")) {
    if (auto codes = ParseRespondentCodes(*c)) {
      d.respondent_codes = *codes;
    } else {
      r.Report(Child(r.path(), "respondent_codes"), codes.error().message);
    }
  }
  r.Array("issued_codes", false, [&](const JsonValue& v, const std::string& at) {
    std::string_view s;
    if (v.get_string().get(s) != simdjson::SUCCESS) {
      r.Report(at, "must be a string, got " + DescribeJsonType(v));
      return;
    }
    d.issued_codes.emplace_back(s);
  });
  if (auto language = r.String("language")) d.language = *language;
  r.Array("translations", false, [&](const JsonValue& v, const std::string& at) {
    SurveyTranslation& t = d.translations.emplace_back();
    ObjectReader tr(v, at, r.errors());
    if (!tr.ok()) return;
    t.language = tr.String("language", true).value_or("");
    t.title = tr.String("title").value_or("");
    t.description = tr.String("description").value_or("");
    tr.Members("questions", false,
               [&](std::string_view id, const JsonValue& qv, const std::string& qat) {
                 QuestionWords& words = t.questions[std::string(id)];
                 ObjectReader qr(qv, qat, r.errors());
                 if (!qr.ok()) return;
                 words.text = qr.String("text").value_or("");
                 words.help = qr.String("help").value_or("");
                 words.section = qr.String("section").value_or("");
                 qr.Array("options", false, [&](const JsonValue& o, const std::string& oat) {
                   std::string_view s;
                   if (o.get_string().get(s) != simdjson::SUCCESS)
                     qr.Report(oat, "must be a string, got " + DescribeJsonType(o));
                   else
                     words.options.emplace_back(s);
                 });
                 qr.RejectUnknownFields();
               });
    tr.Members("outcomes", false,
               [&](std::string_view id, const JsonValue& ov, const std::string& oat) {
                 std::string_view s;
                 if (ov.get_string().get(s) != simdjson::SUCCESS)
                   tr.Report(oat, "must be a string, got " + DescribeJsonType(ov));
                 else
                   t.outcomes[std::string(id)] = std::string(s);
               });
    tr.RejectUnknownFields();
  });
}

Result<SurveyDesign> ParseStoredDesign(std::string_view json) {
  thread_local simdjson::dom::parser parser;
  return ParseStoredDesign(parser, json);
}

Result<SurveyDesign> ParseStoredDesign(simdjson::dom::parser& parser, std::string_view json) {
  auto doc = ParseJsonText(parser, json);
  if (!doc)
    return Fail(
        Error::Make(ErrorCode::kInternal, "unreadable stored survey: " + doc.error().message));
  std::vector<FieldError> errors;
  SurveyDesign d;
  ObjectReader r(*doc, "$", errors);
  if (r.ok()) {
    ReadSurveyDesign(r, d);
    r.RejectUnknownFields();
  }
  if (!errors.empty())
    return Fail(Error::Make(ErrorCode::kInternal, fmt::format("unreadable stored survey: {}: {}",
                                                              errors[0].path, errors[0].message)));
  return d;
}

void WriteSurveyDesignFields(JsonWriter& w, const SurveyDesign& d) {
  w.Field("title", d.title).Field("description", d.description).Key("scope_id");
  WriteOptionalString(w, d.scope_id);
  w.Key("outcomes").BeginArray();
  for (const SurveyOutcome& o : d.outcomes) {
    w.BeginObject()
        .Field("id", o.id)
        .Field("name", o.name)
        .Field("indicator", o.indicator)
        .Key("population");
    if (o.population)
      w.Int(*o.population);
    else
      w.Null();
    w.EndObject();
  }
  w.EndArray().Key("questions").BeginArray();
  for (const Question& q : d.questions) {
    w.BeginObject()
        .Field("id", q.id)
        .Field("type", Name(q.type))
        .Field("text", q.text)
        .Field("required", q.required);
    if (!q.options.empty()) w.Field("options", q.options);
    if (!q.option_values.empty()) w.Field("option_values", q.option_values);
    if (q.min) w.Field("min", *q.min);
    if (q.max) w.Field("max", *q.max);
    if (q.type == QuestionType::kText) w.Field("max_length", int64_t{q.max_length});
    w.Field("outcome_id", q.outcome_id).Field("indicator", q.indicator);
    if (q.lower_is_better) w.Field("lower_is_better", true);
    if (!q.help.empty()) w.Field("help", q.help);
    if (!q.section.empty()) w.Field("section", q.section);
    if (q.show_if)
      w.Key("show_if")
          .BeginObject()
          .Field("question_id", q.show_if->question_id)
          .Field("equals", q.show_if->equals)
          .EndObject();
    w.EndObject();
  }
  w.EndArray().Key("opens_on");
  WriteOptionalString(w, d.opens_on);
  w.Key("closes_on");
  WriteOptionalString(w, d.closes_on);
  w.Key("response_limit");
  if (d.response_limit)
    w.Int(*d.response_limit);
  else
    w.Null();
  w.Field("respondent_codes", Name(d.respondent_codes));
  if (!d.issued_codes.empty()) w.Field("issued_codes", d.issued_codes);
  w.Field("language", d.language);
  if (!d.translations.empty()) {
    w.Key("translations").BeginArray();
    for (const SurveyTranslation& t : d.translations) {
      w.BeginObject()
          .Field("language", t.language)
          .Field("title", t.title)
          .Field("description", t.description);
      w.Key("questions").BeginObject();
      for (const auto& [id, words] : t.questions) {
        w.Key(id).BeginObject();
        if (!words.text.empty()) w.Field("text", words.text);
        if (!words.help.empty()) w.Field("help", words.help);
        if (!words.section.empty()) w.Field("section", words.section);
        if (!words.options.empty()) w.Field("options", words.options);
        w.EndObject();
      }
      w.EndObject().Key("outcomes").BeginObject();
      for (const auto& [id, name] : t.outcomes) w.Field(id, name);
      w.EndObject().EndObject();
    }
    w.EndArray();
  }
}

std::string StoredDesignJson(const SurveyDesign& design) {
  JsonWriter w(0);
  w.BeginObject();
  WriteSurveyDesignFields(w, design);
  w.EndObject();
  return w.Take();
}

Answers ReadAnswers(const JsonValue& value, const std::string& path, const SurveyDesign& design,
                    std::vector<FieldError>& errors) {
  Answers out;
  simdjson::dom::object object;
  if (value.get_object().get(object) != simdjson::SUCCESS) {
    errors.push_back(
        {path, "must be an object of answers by question id, got " + DescribeJsonType(value)});
    return out;
  }
  for (auto field : object) {
    const std::string at = Child(path, field.key);
    const Question* q = nullptr;
    for (const Question& candidate : design.questions)
      if (candidate.id == field.key) q = &candidate;
    if (!q) {
      errors.push_back({at, "is not a question of this survey"});
      continue;
    }
    if (field.value.is_null()) continue;  // left unanswered
    Answer a;
    const JsonValue& v = field.value;
    auto wrong = [&](const char* shape) {
      errors.push_back({at, fmt::format("must be {}, got {}", shape, DescribeJsonType(v))});
    };
    std::string_view s;
    switch (q->type) {
      case QuestionType::kSingleChoice:
        if (v.get_string().get(s) != simdjson::SUCCESS) {
          wrong("one of the options (a string)");
          continue;
        }
        a.choices.emplace_back(s);
        break;
      case QuestionType::kMultipleChoice: {
        simdjson::dom::array array;
        if (v.get_array().get(array) != simdjson::SUCCESS) {
          wrong("an array of options");
          continue;
        }
        for (JsonValue e : array) {
          if (e.get_string().get(s) != simdjson::SUCCESS) {
            wrong("an array of options (strings)");
            break;
          }
          a.choices.emplace_back(s);
        }
        break;
      }
      case QuestionType::kText:
        if (v.get_string().get(s) != simdjson::SUCCESS) {
          wrong("text");
          continue;
        }
        a.text.assign(s);
        break;
      case QuestionType::kBeforeNow: {
        simdjson::dom::object pair;
        JsonValue before, now;
        if (v.get_object().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
            pair["before"].get(before) != simdjson::SUCCESS ||
            pair["now"].get(now) != simdjson::SUCCESS || !GetNumber(before, a.number) ||
            !GetNumber(now, a.now)) {
          wrong("{\"before\": 0..10, \"now\": 0..10}");
          continue;
        }
        break;
      }
      case QuestionType::kValuation: {
        simdjson::dom::object weights;
        if (v.get_object().get(weights) != simdjson::SUCCESS) {
          wrong("an object of weights by outcome id");
          continue;
        }
        for (auto w : weights) {
          double x = 0;
          if (!GetNumber(w.value, x)) {
            errors.push_back(
                {Child(at, w.key), "must be a number, got " + DescribeJsonType(w.value)});
            continue;
          }
          a.weights[std::string(w.key)] = x;
        }
        break;
      }
      default:
        if (!GetNumber(v, a.number)) {
          wrong("a number");
          continue;
        }
    }
    out[q->id] = std::move(a);
  }
  return out;
}

std::string AnswersJson(const SurveyDesign& design, const Answers& answers) {
  JsonWriter w(0);
  w.BeginObject();
  for (const Question& q : design.questions) {
    auto it = answers.find(q.id);
    if (it == answers.end()) continue;
    const Answer& a = it->second;
    w.Key(q.id);
    switch (q.type) {
      case QuestionType::kSingleChoice:
        w.String(a.choices.empty() ? "" : a.choices[0]);
        break;
      case QuestionType::kMultipleChoice:
        w.Strings(a.choices);
        break;
      case QuestionType::kText:
        w.String(a.text);
        break;
      case QuestionType::kBeforeNow:
        w.BeginObject().Field("before", a.number).Field("now", a.now).EndObject();
        break;
      case QuestionType::kValuation:
        w.BeginObject();
        for (const auto& [outcome, weight] : a.weights) w.Field(outcome, weight);
        w.EndObject();
        break;
      default:
        w.Number(a.number);
    }
  }
  w.EndObject();
  return w.Take();
}

Result<void> FeedAnswers(simdjson::dom::parser& parser, std::string_view answers_json,
                         const SurveyDesign& design, ResultsBuilder& b) {
  simdjson::dom::object object;
  if (parser.parse(answers_json.data(), answers_json.size()).get_object().get(object) !=
      simdjson::SUCCESS)
    return Fail(Error::Make(ErrorCode::kInternal, "unreadable stored answers"));
  // Stored answers are in question order (AnswersJson), so the next
  // question is almost always the one after the last: look there first.
  int next = 0;
  const int count = static_cast<int>(design.questions.size());
  for (auto field : object) {
    int qi =
        next < count && design.questions[next].id == field.key ? next : b.QuestionIndex(field.key);
    if (qi < 0) continue;
    next = qi + 1;
    const JsonValue& v = field.value;
    double x = 0, y = 0;
    std::string_view s;
    switch (design.questions[qi].type) {
      case QuestionType::kSingleChoice:
        if (v.get_string().get(s) == simdjson::SUCCESS) b.AddChoice(qi, s);
        break;
      case QuestionType::kMultipleChoice: {
        simdjson::dom::array array;
        if (v.get_array().get(array) != simdjson::SUCCESS) break;
        for (JsonValue e : array)
          if (e.get_string().get(s) == simdjson::SUCCESS) b.AddChoice(qi, s);
        break;
      }
      case QuestionType::kText:
        b.AddText(qi);
        break;
      case QuestionType::kBeforeNow: {
        JsonValue before, now;
        if (v["before"].get(before) == simdjson::SUCCESS &&
            v["now"].get(now) == simdjson::SUCCESS && GetNumber(before, x) && GetNumber(now, y))
          b.AddBeforeNow(qi, x, y);
        break;
      }
      case QuestionType::kValuation: {
        simdjson::dom::object weights;
        if (v.get_object().get(weights) != simdjson::SUCCESS) break;
        for (auto w : weights)
          if (GetNumber(w.value, x)) b.AddWeight(qi, b.OutcomeIndex(w.key), x);
        break;
      }
      default:
        if (GetNumber(v, x)) b.AddNumber(qi, x);
    }
  }
  return {};
}

namespace {

void WriteEstimate(JsonWriter& w, std::string_view key, const Estimate& e, bool provenance) {
  w.Key(key).BeginObject().Field("n", e.n).Key("value");
  if (e.n > 0)
    w.Number(e.mean);
  else
    w.Null();
  if (provenance) w.Field("response_ids", e.response_ids);
  w.EndObject();
}

}  // namespace

void WriteSurveyResults(JsonWriter& w, const SurveyDesign& design, const SurveyResults& r,
                        bool provenance) {
  w.Key("responses").BeginObject().Field("used", r.used).Field("excluded", r.excluded).EndObject();
  w.Key("questions").BeginArray();
  for (size_t i = 0; i < r.questions.size(); ++i) {
    const SurveyQuestionResult& q = r.questions[i];
    const Question& dq = design.questions[i];
    w.BeginObject()
        .Field("id", q.id)
        .Field("type", Name(q.type))
        .Field("text", dq.text)
        .Field("outcome_id", q.outcome_id);
    w.Field("indicator", dq.indicator);
    w.Field("answered", q.answered);
    if (IsNumeric(q.type) || q.type == QuestionType::kBeforeNow) {
      w.Key("mean");
      if (q.answered > 0)
        w.Number(q.mean);
      else
        w.Null();
      w.Key("min");
      if (q.answered > 0)
        w.Number(q.min);
      else
        w.Null();
      w.Key("max");
      if (q.answered > 0)
        w.Number(q.max);
      else
        w.Null();
    }
    if (q.type == QuestionType::kBeforeNow) {
      w.Field("mean_before", q.mean_before).Field("mean_change", q.mean_change);
      w.Field("improved", q.improved).Field("unchanged", q.unchanged).Field("worse", q.worse);
    }
    if (!q.distribution.empty()) {
      w.Key("distribution").BeginArray();
      for (size_t k = 0; k < q.distribution.size(); ++k) {
        w.BeginObject().Key("value");
        switch (q.type) {
          case QuestionType::kSingleChoice:
          case QuestionType::kMultipleChoice:
            w.String(dq.options[k]);
            break;
          case QuestionType::kScale:
            w.Int(static_cast<int64_t>(k));
            break;
          case QuestionType::kLikert:
            w.Int(static_cast<int64_t>(k) + 1);
            break;
          default:
            w.Int(static_cast<int64_t>(k) - 10);  // before_now: the change
        }
        w.Field("count", q.distribution[k]).EndObject();
      }
      w.EndArray();
    }
    if (q.type == QuestionType::kValuation) {
      w.Key("weights").BeginArray();
      for (size_t o = 0; o < q.mean_weight.size(); ++o)
        w.BeginObject()
            .Field("outcome_id", design.outcomes[o].id)
            .Field("share", q.mean_weight[o])
            .EndObject();
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray().Key("outcomes").BeginArray();
  for (const SurveyOutcomeResult& o : r.outcomes) {
    w.BeginObject().Field("id", o.id).Field("name", o.name).Field("indicator", o.indicator);
    w.Key("quantity")
        .BeginObject()
        .Field("respondents", o.respondents)
        .Field("changed", o.changed)
        .Key("population");
    if (o.population)
      w.Int(*o.population);
    else
      w.Null();
    w.Field("sample", o.sample).Key("value");
    if (o.respondents > 0)
      w.Number(o.quantity);
    else
      w.Null();
    w.Key("low");
    if (o.respondents > 0)
      w.Number(o.quantity_low);
    else
      w.Null();
    w.Key("high");
    if (o.respondents > 0)
      w.Number(o.quantity_high);
    else
      w.Null();
    w.Field("confidence", o.confidence)
        .Field("linked", o.linked)
        .Field("linked_improved", o.linked_improved);
    if (provenance)
      w.Field("response_ids", o.changed_ids).Field("respondent_ids", o.respondent_ids);
    w.EndObject();
    WriteEstimate(w, "deadweight", o.deadweight, provenance);
    WriteEstimate(w, "attribution", o.attribution, provenance);
    WriteEstimate(w, "duration", o.duration, provenance);
    WriteEstimate(w, "drop_off", o.drop_off, provenance);
    w.Key("relative_importance");
    w.Number(o.relative_importance);
    // The same figures under the field names of an impact map's outcome
    // (docs/file-formats.md), ready to be copied into an evaluative map:
    // the quantity as a triangular uncertainty over its interval, duration
    // in whole years. Only what the responses measured is given.
    w.Key("impact_map").BeginObject();
    if (o.respondents > 0)
      w.Key("quantity")
          .BeginObject()
          .Field("low", o.quantity_low)
          .Field("mode", o.quantity)
          .Field("high", o.quantity_high)
          .EndObject();
    if (o.deadweight.n > 0) w.Field("deadweight", o.deadweight.mean);
    if (o.attribution.n > 0) w.Field("attribution", o.attribution.mean);
    if (o.drop_off.n > 0) w.Field("drop_off", o.drop_off.mean);
    if (o.duration.n > 0)
      w.Field("duration_years", std::clamp<int64_t>(std::llround(o.duration.mean), 1, 50));
    if (!o.indicator.empty()) w.Field("indicator", o.indicator);
    w.EndObject();
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace valuemark::formats
