#include "app/surveys/survey_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include "app/validate.h"
#include "core/calendar.h"
#include "formats/csv_rows.h"
#include "formats/csv_writer.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

constexpr size_t kMaxImportRows = 100000;
// A column's name, at most (an XLSForm name in its groups is far shorter).
constexpr size_t kLongestColumn = 1000;

std::optional<double> Number(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Where a column's value goes.
struct Column {
  int question = -1;  // -1: not an answer column
  enum Part {
    kWhole,
    kBefore,
    kNow,
    kWeight,
    kCode,
    kInstance,
    kChoice,
    kReceived,
    kIgnored
  } part = kWhole;
  std::string outcome;
  int option = -1;  // kChoice: the option Kobo's column per choice stands for
};

// KoboToolbox's and ODK Central's columns that are not answers, by the last
// part of their path ("meta/instanceID", "meta-instanceID"); Kobo's own all
// start with '_'.
const std::set<std::string, std::less<>> kExportMetadata = {"start",
                                                            "end",
                                                            "today",
                                                            "deviceid",
                                                            "subscriberid",
                                                            "simserial",
                                                            "phonenumber",
                                                            "username",
                                                            "email",
                                                            "audit",
                                                            "instanceID",
                                                            "instanceName",
                                                            "deprecatedID",
                                                            "SubmissionDate",
                                                            "KEY",
                                                            "SubmitterID",
                                                            "SubmitterName",
                                                            "Status",
                                                            "ReviewState",
                                                            "DeviceID",
                                                            "Edits",
                                                            "FormVersion",
                                                            "isValidated",
                                                            "formdef_version",
                                                            "AttachmentsPresent",
                                                            "AttachmentsExpected"};

// The last part of a column's path in an export's groups.
std::string_view LastPart(std::string_view name) {
  const size_t at = name.find_last_of("/-");
  return at == std::string_view::npos ? name : name.substr(at + 1);
}

bool IsExportMetadata(std::string_view name) {
  return name.starts_with('_') || name.starts_with("meta/") || name.starts_with("meta-") ||
         kExportMetadata.contains(LastPart(name));
}

// A file exported by KoboToolbox or ODK Central: it names each submission.
bool IsToolExport(const std::vector<std::string>& header) {
  return std::ranges::any_of(header, [](const std::string& name) {
    const std::string_view last = LastPart(name);
    return name == "_uuid" || name == "_submission_time" || last == "instanceID" || name == "KEY" ||
           name == "SubmissionDate";
  });
}

// The column holding the submission's id, the one that survives an edit in
// the tool first: Kobo's rootUuid, ODK Central's KEY, else the instanceID,
// else Kobo's _uuid.
int InstanceColumn(const std::vector<std::string>& header) {
  for (std::string_view wanted : {"rootUuid", "KEY", "instanceID", "_uuid"})
    for (size_t c = 0; c < header.size(); ++c)
      if (LastPart(header[c]) == wanted) return static_cast<int>(c);
  return -1;
}

// A submission's id as both tools write it: Kobo's _uuid has no "uuid:".
std::string_view WithoutUuidPrefix(std::string_view id) {
  return id.starts_with("uuid:") ? id.substr(5) : id;
}

int QuestionIndex(const SurveyDesign& design, std::string_view id) {
  for (size_t q = 0; q < design.questions.size(); ++q)
    if (design.questions[q].id == id) return static_cast<int>(q);
  return -1;
}

// The longest question id worth trying a column name's tail against.
constexpr size_t kLongestId = 200;

// The question a column name stands for, and what follows its id after a
// '.' ("before", an outcome). In an export the name may carry the groups
// before the question ("lunches/lonely"), and an XLSForm name's '.' is the
// '_' its import put in the id. Each tail is tried in place: a name of many
// separators costs its length times the questions, not its square.
std::pair<int, std::string> MatchColumn(const SurveyDesign& design, std::string_view name,
                                        bool tool_export) {
  auto try_name = [&](std::string_view candidate) -> std::pair<int, std::string> {
    // No id, nor an id and an outcome's id, is longer.
    if (candidate.size() > 2 * kLongestId + 1) return {-1, ""};
    if (int q = QuestionIndex(design, candidate); q >= 0) return {q, ""};
    if (tool_export && candidate.size() <= kLongestId &&
        candidate.find('.') != std::string_view::npos) {
      std::string underscored(candidate);
      std::ranges::replace(underscored, '.', '_');
      if (int q = QuestionIndex(design, underscored); q >= 0) return {q, ""};
    }
    const size_t dot = candidate.find('.');
    if (dot != std::string_view::npos)
      if (int q = QuestionIndex(design, candidate.substr(0, dot)); q >= 0)
        return {q, std::string(candidate.substr(dot + 1))};
    return {-1, ""};
  };
  if (auto m = try_name(name); m.first >= 0 || !tool_export) return m;
  for (size_t at = name.find_first_of("/-"); at != std::string_view::npos;
       at = name.find_first_of("/-", at + 1)) {
    if (auto m = try_name(name.substr(at + 1)); m.first >= 0) return m;
  }
  return {-1, ""};
}

// The option a cell names: an option itself, else an option's XLSForm name
// (an option's own words win over another's name).
std::optional<std::string> OptionNamed(const Question& q, std::string_view cell) {
  for (const std::string& option : q.options)
    if (option == cell) return option;
  for (size_t k = 0; k < q.option_values.size() && k < q.options.size(); ++k)
    if (!q.option_values[k].empty() && q.option_values[k] == cell) return q.options[k];
  return std::nullopt;
}

// Kobo's copy of a multiple choice, one column a choice ("lunches/liked/food",
// 1 or 0): the question and the option's index, or {-1, -1}.
std::pair<int, int> ChoiceColumn(const SurveyDesign& design, std::string_view name) {
  const size_t slash = name.rfind('/');
  if (slash == std::string_view::npos) return {-1, -1};
  const auto [q, rest] = MatchColumn(design, name.substr(0, slash), true);
  if (q < 0 || !rest.empty() || design.questions[q].type != QuestionType::kMultipleChoice)
    return {-1, -1};
  const Question& question = design.questions[q];
  auto option = OptionNamed(question, name.substr(slash + 1));
  if (!option) return {-1, -1};
  const auto at = std::ranges::find(question.options, *option);
  return {q, static_cast<int>(at - question.options.begin())};
}

std::vector<std::string> Split(std::string_view text, std::string_view separators) {
  std::vector<std::string> parts;
  for (size_t pos = 0; pos <= text.size();) {
    const size_t end = std::min(text.find_first_of(separators, pos), text.size());
    parts.emplace_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  return parts;
}

// A multiple-choice cell's options: "|" between our own export's options,
// spaces between the XLSForm names of Kobo's and ODK's. What names no option
// is kept as written, for CheckAnswers to refuse.
std::vector<std::string> ChoicesIn(const Question& q, std::string_view cell) {
  std::vector<std::string> chosen = Split(cell, "|");
  auto all_named = [&](std::vector<std::string>& parts) {
    for (std::string& part : parts) {
      auto option = OptionNamed(q, part);
      if (!option) return false;
      part = *option;
    }
    return true;
  };
  if (all_named(chosen)) return chosen;
  std::vector<std::string> names;
  for (std::string& part : Split(cell, " "))
    if (!part.empty()) names.push_back(std::move(part));
  if (!names.empty() && all_named(names)) return names;
  return Split(cell, "|");
}

}  // namespace

void CheckRespondentText(const Answers& answers, const std::string& respondent_code,
                         const std::string& prefix, std::vector<FieldError>& errors) {
  auto check = [&](const std::string& path, std::string_view text, Lines lines) {
    CheckCharacters(prefix + path, text, lines, errors);
  };
  check("respondent_code", respondent_code, Lines::kSingle);
  for (const auto& [id, a] : answers) {
    check("answers." + id, a.text, Lines::kMulti);
    for (const std::string& choice : a.choices) check("answers." + id, choice, Lines::kSingle);
  }
}

void CheckRespondentCode(const SurveyDesign& design, const std::string& field, std::string& code,
                         std::vector<FieldError>& errors) {
  if (design.respondent_codes == RespondentCodes::kOff && !code.empty())
    errors.push_back({field, "this survey is anonymous and takes no respondent code"});
  if (design.respondent_codes == RespondentCodes::kRequired && code.empty())
    errors.push_back({field, "is required: use the code you were given"});
  if (code.size() > 64) {
    errors.push_back({field, "must be at most 64 characters"});
    return;
  }
  // Codes given out: the one typed must be one of them, kept as it was given.
  if (!design.issued_codes.empty() && !code.empty()) {
    if (auto issued = FindIssuedCode(design, code))
      code = std::move(*issued);
    else
      errors.push_back({field,
                        "is not one of the codes given out for this survey: check it against "
                        "the card or letter you were given"});
  }
}

void CheckDesignText(const SurveyDesign& design, std::vector<FieldError>& errors) {
  auto check = [&](const std::string& path, std::string_view text, Lines lines) {
    CheckCharacters(path, text, lines, errors);
  };
  check("title", design.title, Lines::kSingle);
  check("description", design.description, Lines::kMulti);
  for (size_t i = 0; i < design.outcomes.size(); ++i) {
    check(fmt::format("outcomes[{}].name", i), design.outcomes[i].name, Lines::kSingle);
    check(fmt::format("outcomes[{}].indicator", i), design.outcomes[i].indicator, Lines::kSingle);
  }
  for (size_t i = 0; i < design.questions.size(); ++i) {
    const Question& q = design.questions[i];
    check(fmt::format("questions[{}].text", i), q.text, Lines::kMulti);
    check(fmt::format("questions[{}].indicator", i), q.indicator, Lines::kSingle);
    for (size_t k = 0; k < q.options.size(); ++k)
      check(fmt::format("questions[{}].options[{}]", i, k), q.options[k], Lines::kSingle);
    for (size_t k = 0; k < q.option_values.size(); ++k)
      check(fmt::format("questions[{}].option_values[{}]", i, k), q.option_values[k],
            Lines::kSingle);
  }
  // The same rules for every word of every translation.
  for (size_t t = 0; t < design.translations.size(); ++t) {
    const SurveyTranslation& tr = design.translations[t];
    const std::string at = fmt::format("translations[{}]", t);
    check(at + ".title", tr.title, Lines::kSingle);
    check(at + ".description", tr.description, Lines::kMulti);
    for (const auto& [id, words] : tr.questions) {
      const std::string qat = fmt::format("{}.questions.{}", at, id);
      check(qat + ".text", words.text, Lines::kMulti);
      check(qat + ".help", words.help, Lines::kMulti);
      check(qat + ".section", words.section, Lines::kSingle);
      std::set<std::string> seen;
      for (size_t k = 0; k < words.options.size(); ++k) {
        const std::string oat = fmt::format("{}.options[{}]", qat, k);
        check(oat, words.options[k], Lines::kSingle);
        if (words.options[k].find('|') != std::string::npos)
          errors.push_back({oat, "must not contain \"|\""});
        else if (!seen.insert(words.options[k]).second)
          errors.push_back({oat, "repeats another option"});
      }
    }
    for (const auto& [id, name] : tr.outcomes)
      check(fmt::format("{}.outcomes.{}", at, id), name, Lines::kSingle);
  }
}

namespace {

// What each column of the header holds; a column that is no answer of the
// survey, or a second column for one answer, is an error named by the
// header's row and the column's name.
std::vector<Column> ReadColumns(const SurveyDesign& design, const std::vector<std::string>& header,
                                const std::string& header_name, bool tool_export,
                                std::vector<std::string>& ignored_columns,
                                std::vector<FieldError>& errors) {
  const int instance_column = tool_export ? InstanceColumn(header) : -1;
  std::vector<Column> columns;
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    Column col;
    // Kobo's copy of a multiple choice, one column a choice, before any
    // other reading of its name ("liked/years" is the choice "years").
    if (const auto [q, option] = tool_export ? ChoiceColumn(design, name) : std::pair{-1, -1};
        q >= 0) {
      col.part = Column::kChoice;
      col.question = q;
      col.option = option;
      columns.push_back(col);
      continue;
    }
    auto [question, rest] = MatchColumn(design, name, tool_export);
    if (static_cast<int>(c) == instance_column) {
      col.part = Column::kInstance;
    } else if (tool_export && question < 0 &&
               (name == "_submission_time" || name == "SubmissionDate")) {
      col.part = Column::kReceived;
    } else if (name == "respondent_code") {
      col.part = Column::kCode;
    } else if ((!tool_export || question < 0) && (name == "id" || name == "submitted_at" ||
                                                  name == "source" || name == "excluded_reason")) {
      col.part = Column::kIgnored;
    } else if (question < 0 && tool_export) {
      col.part = Column::kIgnored;
      if (!IsExportMetadata(name)) ignored_columns.push_back(name);
    } else if (question < 0) {
      errors.push_back({fmt::format("{}, column \"{}\"", header_name, name),
                        "is not a question of this survey"});
    } else {
      col.question = question;
      const QuestionType type = design.questions[col.question].type;
      if (type == QuestionType::kBeforeNow && (rest == "before" || rest == "now")) {
        col.part = rest == "before" ? Column::kBefore : Column::kNow;
      } else if (type == QuestionType::kValuation && !rest.empty()) {
        col.part = Column::kWeight;
        col.outcome = rest;
      } else if (!rest.empty() || type == QuestionType::kBeforeNow ||
                 type == QuestionType::kValuation) {
        errors.push_back({fmt::format("{}, column \"{}\"", header_name, name),
                          type == QuestionType::kBeforeNow
                              ? "a before/now question needs <id>.before and <id>.now"
                              : "is not a column this question has"});
      }
    }
    columns.push_back(col);
  }
  // Two columns for one answer would leave one of them unread.
  std::map<std::tuple<int, int, std::string, int>, size_t> taken;
  for (size_t c = 0; c < columns.size(); ++c) {
    const Column& col = columns[c];
    if (col.question < 0) continue;
    auto [it, added] = taken.try_emplace({col.question, col.part, col.outcome, col.option}, c);
    if (!added)
      errors.push_back({fmt::format("{}, column \"{}\"", header_name, header[c]),
                        fmt::format("is the same answer as column \"{}\": keep one of them",
                                    header[it->second])});
  }
  // The columns per choice make the answer only where the file has no column of choices.
  std::set<int> whole_choices;
  for (const Column& col : columns)
    if (col.part == Column::kWhole && col.question >= 0) whole_choices.insert(col.question);
  for (Column& col : columns)
    if (col.part == Column::kChoice && whole_choices.contains(col.question))
      col.part = Column::kIgnored;
  return columns;
}

// One row of answers, each problem named by the row and the file's column.
CsvResponse ReadRow(const SurveyDesign& design, const std::vector<std::string>& header,
                    const std::vector<Column>& columns, const formats::CsvRow& csv_row,
                    const std::string& row_name, std::map<std::string, std::string>& instances,
                    std::vector<FieldError>& errors) {
  CsvResponse resp;
  const auto& row = csv_row.cells;
  const size_t row_errors = errors.size();
  if (row.size() > columns.size())
    errors.push_back(
        {row_name, fmt::format("has {} cells, the header {}", row.size(), columns.size())});
  std::map<int, std::pair<std::optional<double>, std::optional<double>>> before_now;
  for (size_t c = 0; c < row.size() && c < columns.size(); ++c) {
    const Column& col = columns[c];
    const std::string& cell = row[c];
    const std::string where = fmt::format("{}, column \"{}\"", row_name, header[c]);
    if (cell.empty() || col.part == Column::kIgnored) continue;
    if (col.part == Column::kCode) {
      resp.respondent_code = cell;
      continue;
    }
    if (col.part == Column::kInstance) {
      const std::string id(WithoutUuidPrefix(cell));
      if (id.empty() || id.size() > 200 ||
          !std::ranges::all_of(id, [](char ch) { return ch > ' ' && ch < 127; })) {
        errors.push_back({where,
                          "must be the tool's id of the submission: at most 200 letters, "
                          "digits and punctuation of plain ASCII, without spaces"});
      } else if (auto [it, added] = instances.try_emplace(id, row_name); !added) {
        errors.push_back(
            {where, fmt::format("is the same submission as {}: keep one of them", it->second)});
      }
      resp.instance_id = id;
      continue;
    }
    if (col.part == Column::kReceived) {
      // Kobo writes UTC without saying so ("2026-11-06T11:05:44"); ODK Central with "Z".
      const bool zoned = cell.ends_with('Z') || cell.find('+', 19) != std::string::npos ||
                         cell.find('-', 19) != std::string::npos;
      if (auto t = ParseTimestamp(zoned ? cell : cell + "Z"))
        resp.submitted_at = *t;
      else
        errors.push_back({where, fmt::format("must be the time the tool received it, such as "
                                             "2026-11-06T11:05:44, got \"{}\"",
                                             cell)});
      continue;
    }
    const Question& q = design.questions[col.question];
    if (col.part == Column::kChoice) {
      if (cell != "0" && cell != "1") {
        errors.push_back({where, fmt::format("must be 1 (chosen) or 0, got \"{}\"", cell)});
      } else if (cell == "1") {
        resp.answers[q.id].choices.push_back(q.options[col.option]);
      }
      continue;
    }
    Answer& a = resp.answers[q.id];
    auto number = [&]() -> std::optional<double> {
      auto v = Number(cell);
      if (!v) errors.push_back({where, fmt::format("must be a number, got \"{}\"", cell)});
      return v;
    };
    switch (q.type) {
      case QuestionType::kSingleChoice:
        a.choices = {OptionNamed(q, cell).value_or(cell)};
        break;
      case QuestionType::kMultipleChoice:
        a.choices = ChoicesIn(q, cell);
        break;
      case QuestionType::kText:
        a.text = cell;
        break;
      case QuestionType::kBeforeNow:
        (col.part == Column::kBefore ? before_now[col.question].first
                                     : before_now[col.question].second) = number();
        break;
      case QuestionType::kValuation:
        if (auto v = number()) a.weights[col.outcome] = *v;
        break;
      default:
        if (auto v = number()) a.number = *v;
    }
  }
  for (const auto& [q, pair] : before_now) {
    if (!pair.first || !pair.second) {
      errors.push_back({fmt::format("{}, question \"{}\"", row_name, design.questions[q].id),
                        "needs both .before and .now"});
      continue;
    }
    resp.answers[design.questions[q].id].number = *pair.first;
    resp.answers[design.questions[q].id].now = *pair.second;
  }
  if (errors.size() == row_errors) {
    for (FieldError& e : CheckAnswers(design, resp.answers))
      errors.push_back({fmt::format("{}, {}", row_name, e.path), e.message});
    CheckRespondentCode(design, row_name + ", column \"respondent_code\"", resp.respondent_code,
                        errors);
  }
  CheckRespondentText(resp.answers, resp.respondent_code, row_name + ", ", errors);
  // A problem with an answer is named by the file's own column.
  for (size_t e = row_errors; e < errors.size(); ++e) {
    const std::string answers = row_name + ", answers.";
    if (!errors[e].path.starts_with(answers)) continue;
    const std::string id =
        errors[e]
            .path.substr(answers.size())
            .substr(0, errors[e].path.substr(answers.size()).find_first_of(".["));
    const int q = QuestionIndex(design, id);
    if (q < 0) continue;
    // The file's column for it, else the question (a required one the file has no column for).
    errors[e].path = fmt::format("{}, question \"{}\"", row_name, id);
    for (size_t c = 0; c < columns.size(); ++c)
      if (columns[c].question == q) {
        errors[e].path = fmt::format("{}, column \"{}\"", row_name, header[c]);
        break;
      }
  }
  return resp;
}

}  // namespace

Result<CsvResponses> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv) {
  // Every character of a cell is kept: a respondent's text comes back as written.
  std::vector<formats::CsvRow> rows =
      TRY(formats::ReadCsvImport(csv, /*trim_spaces=*/false, kMaxImportRows));
  const std::vector<std::string>& header = rows[0].cells;
  const std::string header_name = formats::CsvRowName(1, rows[0].line);
  std::vector<FieldError> errors;
  for (const std::string& name : header)
    if (name.size() > kLongestColumn)
      return Fail(
          Error::Field(ErrorCode::kInvalidArgument,
                       fmt::format("{}, column {}", header_name, &name - &header[0] + 1),
                       fmt::format("has a name of {} characters; a column's name is at most {}",
                                   name.size(), kLongestColumn)));
  const bool tool_export = IsToolExport(header);
  // Our export neutralises text that a spreadsheet would run; read it back as
  // written. The tools' exports are read as they are.
  if (!tool_export)
    for (size_t r = 1; r < rows.size(); ++r)
      for (std::string& cell : rows[r].cells) cell = formats::RestoreCsvText(cell);
  CsvResponses result;
  std::vector<Column> columns =
      ReadColumns(design, header, header_name, tool_export, result.ignored_columns, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  std::vector<CsvResponse>& out = result.rows;
  std::map<std::string, std::string> instances;  // a submission's id → the row that has it
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::string row_name = formats::CsvRowName(r + 1, rows[r].line);
    CsvResponse resp = ReadRow(design, header, columns, rows[r], row_name, instances, errors);
    if (errors.size() > 100) break;  // enough to fix before trying again
    out.push_back(std::move(resp));
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return result;
}

Result<std::string> WriteResponsesCsv(const SurveyDesign& design,
                                      const std::vector<SurveyResponse>& responses) {
  formats::CsvWriter out;
  for (const char* column : {"id", "submitted_at", "source", "excluded_reason", "respondent_code"})
    out.Value(column);
  for (const Question& q : design.questions) {
    if (q.type == QuestionType::kBeforeNow) {
      out.Value(q.id + ".before").Value(q.id + ".now");
    } else if (q.type == QuestionType::kValuation) {
      for (const SurveyOutcome& o : design.outcomes) out.Value(q.id + "." + o.id);
    } else {
      out.Value(q.id);
    }
  }
  out.EndRow();
  simdjson::dom::parser parser;
  for (const SurveyResponse& r : responses) {
    // What respondents and members wrote is text; ids, times and numbers are the program's.
    out.Value(r.id).Value(formats::FormatTime(r.submitted_at)).Value(r.source);
    out.Text(r.excluded_reason.value_or("")).Text(r.respondent_code);
    auto doc = formats::ParseJsonText(parser, r.answers);
    if (!doc)
      return Fail(
          Error::Make(ErrorCode::kInternal, "unreadable stored answers of response " + r.id));
    std::vector<FieldError> errors;
    const Answers answers = formats::ReadAnswers(*doc, "answers", design, errors);
    for (const Question& q : design.questions) {
      auto it = answers.find(q.id);
      const Answer* a = it == answers.end() ? nullptr : &it->second;
      switch (q.type) {
        case QuestionType::kBeforeNow:
          if (a) {
            out.Number(a->number).Number(a->now);
          } else {
            out.Empty().Empty();
          }
          break;
        case QuestionType::kValuation:
          for (const SurveyOutcome& o : design.outcomes) {
            if (a && a->weights.contains(o.id)) {
              out.Number(a->weights.at(o.id));
            } else {
              out.Empty();
            }
          }
          break;
        case QuestionType::kSingleChoice:
        case QuestionType::kMultipleChoice: {
          std::string joined;
          if (a)
            for (size_t k = 0; k < a->choices.size(); ++k) joined += (k ? "|" : "") + a->choices[k];
          out.Text(joined);
          break;
        }
        case QuestionType::kText:
          out.Text(a ? a->text : "");
          break;
        default:
          if (a) {
            out.Number(a->number);
          } else {
            out.Empty();
          }
      }
    }
    out.EndRow();
  }
  return out.Take();
}

}  // namespace valuemark::app
