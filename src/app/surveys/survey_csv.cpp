#include "app/surveys/survey_csv.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

#include "app/validate.h"
#include "formats/csv_rows.h"
#include "formats/csv_writer.h"
#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

constexpr size_t kMaxImportRows = 100000;

std::optional<double> Number(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Where a column's value goes.
struct Column {
  int question = -1;  // -1: not an answer column
  enum Part { kWhole, kBefore, kNow, kWeight, kCode, kInstance, kIgnored } part = kWhole;
  std::string outcome;
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

// The column holding the submission's id: instanceID, else KEY, else _uuid.
int InstanceColumn(const std::vector<std::string>& header) {
  for (std::string_view wanted : {"instanceID", "KEY", "_uuid"})
    for (size_t c = 0; c < header.size(); ++c)
      if (LastPart(header[c]) == wanted) return static_cast<int>(c);
  return -1;
}

int QuestionIndex(const SurveyDesign& design, std::string_view id) {
  for (size_t q = 0; q < design.questions.size(); ++q)
    if (design.questions[q].id == id) return static_cast<int>(q);
  return -1;
}

// The question a column name stands for, and what follows its id after a
// '.' ("before", an outcome). In an export the name may carry the groups
// before the question ("lunches/lonely"), and an XLSForm name's '.' is the
// '_' its import put in the id.
std::pair<int, std::string> MatchColumn(const SurveyDesign& design, const std::string& name,
                                        bool tool_export) {
  std::vector<std::string> candidates = {name};
  if (tool_export)
    for (size_t at = name.find_first_of("/-"); at != std::string::npos;
         at = name.find_first_of("/-", at + 1))
      candidates.push_back(name.substr(at + 1));
  for (const std::string& candidate : candidates) {
    if (int q = QuestionIndex(design, candidate); q >= 0) return {q, ""};
    if (tool_export) {
      std::string underscored = candidate;
      std::ranges::replace(underscored, '.', '_');
      if (int q = QuestionIndex(design, underscored); q >= 0) return {q, ""};
    }
    const size_t dot = candidate.find('.');
    if (dot == std::string::npos) continue;
    if (int q = QuestionIndex(design, candidate.substr(0, dot)); q >= 0)
      return {q, candidate.substr(dot + 1)};
  }
  return {-1, ""};
}

// The option a cell names: the option itself, or its XLSForm name.
std::optional<std::string> OptionNamed(const Question& q, std::string_view cell) {
  for (size_t k = 0; k < q.options.size(); ++k) {
    if (q.options[k] == cell) return q.options[k];
    if (k < q.option_values.size() && !q.option_values[k].empty() && q.option_values[k] == cell)
      return q.options[k];
  }
  return std::nullopt;
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
  }
}

Result<CsvResponses> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv) {
  // Every character of a cell is kept: a respondent's text comes back as written.
  std::vector<formats::CsvRow> rows = TRY(formats::ReadCsvTable(
      csv, {.trim_spaces = false, .delimiter = formats::GuessDelimiter(csv)}));
  if (rows.empty())
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "csv",
                             "is empty: the first row names the columns"));
  if (rows.size() - 1 > kMaxImportRows)
    return Fail(Error::Field(
        ErrorCode::kInvalidArgument, "csv",
        fmt::format("has {} rows; import at most {} at a time", rows.size() - 1, kMaxImportRows)));
  // The export neutralises text that a spreadsheet would run; read it back as written.
  for (size_t r = 1; r < rows.size(); ++r)
    for (std::string& cell : rows[r].cells) cell = formats::RestoreCsvText(cell);
  const std::vector<std::string>& header = rows[0].cells;
  const std::string header_name = formats::CsvRowName(1, rows[0].line);
  const bool tool_export = IsToolExport(header);
  const int instance_column = tool_export ? InstanceColumn(header) : -1;
  CsvResponses result;
  std::vector<FieldError> errors;
  std::vector<Column> columns;
  for (size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header[c];
    Column col;
    auto [question, rest] = MatchColumn(design, name, tool_export);
    // Kobo's copy of a multiple choice, one column a choice ("days/tue": 1 or 0).
    if (const size_t slash = name.rfind('/');
        tool_export && question < 0 && slash != std::string::npos) {
      const auto [whole, whole_rest] = MatchColumn(design, name.substr(0, slash), true);
      if (whole >= 0 && whole_rest.empty() &&
          design.questions[whole].type == QuestionType::kMultipleChoice &&
          OptionNamed(design.questions[whole], name.substr(slash + 1)))
        col.part = Column::kIgnored;
    }
    if (col.part == Column::kIgnored) {
    } else if (static_cast<int>(c) == instance_column) {
      col.part = Column::kInstance;
    } else if (name == "respondent_code") {
      col.part = Column::kCode;
    } else if ((!tool_export || question < 0) && (name == "id" || name == "submitted_at" ||
                                                  name == "source" || name == "excluded_reason")) {
      col.part = Column::kIgnored;
    } else if (question < 0 && tool_export) {
      col.part = Column::kIgnored;
      if (!IsExportMetadata(name)) result.ignored_columns.push_back(name);
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
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  std::vector<CsvResponse>& out = result.rows;
  for (size_t r = 1; r < rows.size(); ++r) {
    CsvResponse resp;
    const auto& row = rows[r].cells;
    const std::string row_name = formats::CsvRowName(r + 1, rows[r].line);
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
        if (cell.size() > 200 ||
            !std::ranges::all_of(cell, [](char ch) { return ch > ' ' && ch < 127; }))
          errors.push_back({where,
                            "must be the tool's id of the submission, at most 200 "
                            "characters without spaces"});
        resp.instance_id = cell;
        continue;
      }
      const Question& q = design.questions[col.question];
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
      if (design.respondent_codes == RespondentCodes::kRequired && resp.respondent_code.empty())
        errors.push_back({row_name + ", column \"respondent_code\"", "is required by this survey"});
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
      for (size_t c = 0; q >= 0 && c < columns.size(); ++c)
        if (columns[c].question == q) {
          errors[e].path = fmt::format("{}, column \"{}\"", row_name, header[c]);
          break;
        }
    }
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
