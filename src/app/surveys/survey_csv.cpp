#include "app/surveys/survey_csv.h"

#include <fmt/format.h>

#include <charconv>

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
  enum Part { kWhole, kBefore, kNow, kWeight, kCode, kIgnored } part = kWhole;
  std::string outcome;
};

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

Result<std::vector<CsvResponse>> ReadResponsesCsv(const SurveyDesign& design,
                                                  std::string_view csv) {
  // Every character of a cell is kept: a respondent's text comes back as written.
  std::vector<formats::CsvRow> rows = TRY(formats::ReadCsvTable(csv, {.trim_spaces = false}));
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
  std::vector<FieldError> errors;
  std::vector<Column> columns;
  for (const std::string& name : header) {
    Column col;
    if (name == "respondent_code") {
      col.part = Column::kCode;
    } else if (name == "id" || name == "submitted_at" || name == "source" ||
               name == "excluded_reason") {
      col.part = Column::kIgnored;
    } else {
      const std::string base = name.substr(0, name.find('.'));
      const std::string rest =
          name.find('.') == std::string::npos ? "" : name.substr(name.find('.') + 1);
      for (size_t q = 0; q < design.questions.size(); ++q)
        if (design.questions[q].id == base) col.question = static_cast<int>(q);
      if (col.question < 0) {
        errors.push_back({fmt::format("{}, column \"{}\"", header_name, name),
                          "is not a question of this survey"});
      } else {
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
    }
    columns.push_back(col);
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));

  std::vector<CsvResponse> out;
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
      const Question& q = design.questions[col.question];
      Answer& a = resp.answers[q.id];
      auto number = [&]() -> std::optional<double> {
        auto v = Number(cell);
        if (!v) errors.push_back({where, fmt::format("must be a number, got \"{}\"", cell)});
        return v;
      };
      switch (q.type) {
        case QuestionType::kSingleChoice:
          a.choices = {cell};
          break;
        case QuestionType::kMultipleChoice:
          for (size_t pos = 0; pos <= cell.size();) {
            const size_t bar = std::min(cell.find('|', pos), cell.size());
            a.choices.push_back(cell.substr(pos, bar - pos));
            pos = bar + 1;
          }
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
    if (errors.size() > 100) break;  // enough to fix before trying again
    out.push_back(std::move(resp));
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return out;
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
