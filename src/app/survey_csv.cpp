#include "app/survey_csv.h"

#include <charconv>

#include <fmt/format.h>

#include "formats/records_json.h"
#include "formats/survey_json.h"

namespace valuemark::app {
namespace {

constexpr size_t kMaxImportRows = 100000;

// RFC 4180: fields separated by commas, quoted with "" when they hold a
// comma, a quote or a line break. Returns false on an unterminated quote.
bool ParseCsv(std::string_view text, std::vector<std::vector<std::string>>& rows) {
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
      }
      row.clear();
      field.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (quoted) return false;
  if (any || !field.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return true;
}

std::string Quote(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::optional<double> Number(const std::string& s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string NumberText(double v) { return fmt::format("{}", v); }

// Where a column's value goes.
struct Column {
  int question = -1;  // -1: not an answer column
  enum Part { kWhole, kBefore, kNow, kWeight, kCode, kIgnored } part = kWhole;
  std::string outcome;
};

}  // namespace

Result<std::vector<CsvResponse>> ReadResponsesCsv(const SurveyDesign& design, std::string_view csv) {
  std::vector<std::vector<std::string>> rows;
  if (!ParseCsv(csv, rows)) return Fail(Error::Field(ErrorCode::kInvalidArgument, "csv", "a quoted field never ends"));
  if (rows.empty()) return Fail(Error::Field(ErrorCode::kInvalidArgument, "csv", "is empty: the first row names the columns"));
  if (rows.size() - 1 > kMaxImportRows)
    return Fail(Error::Field(ErrorCode::kInvalidArgument, "csv",
                             fmt::format("has {} rows; import at most {} at a time", rows.size() - 1, kMaxImportRows)));
  std::vector<FieldError> errors;
  std::vector<Column> columns;
  for (const std::string& name : rows[0]) {
    Column col;
    if (name == "respondent_code") {
      col.part = Column::kCode;
    } else if (name == "id" || name == "submitted_at" || name == "source" || name == "excluded_reason") {
      col.part = Column::kIgnored;
    } else {
      const std::string base = name.substr(0, name.find('.'));
      const std::string rest = name.find('.') == std::string::npos ? "" : name.substr(name.find('.') + 1);
      for (size_t q = 0; q < design.questions.size(); ++q)
        if (design.questions[q].id == base) col.question = static_cast<int>(q);
      if (col.question < 0) {
        errors.push_back({fmt::format("row 1, column \"{}\"", name), "is not a question of this survey"});
      } else {
        const QuestionType type = design.questions[col.question].type;
        if (type == QuestionType::kBeforeNow && (rest == "before" || rest == "now")) {
          col.part = rest == "before" ? Column::kBefore : Column::kNow;
        } else if (type == QuestionType::kValuation && !rest.empty()) {
          col.part = Column::kWeight;
          col.outcome = rest;
        } else if (!rest.empty() || type == QuestionType::kBeforeNow || type == QuestionType::kValuation) {
          errors.push_back({fmt::format("row 1, column \"{}\"", name),
                            type == QuestionType::kBeforeNow ? "a before/now question needs <id>.before and <id>.now"
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
    const auto& row = rows[r];
    const size_t row_errors = errors.size();
    if (row.size() > columns.size())
      errors.push_back({fmt::format("row {}", r + 1), fmt::format("has {} cells, the header {}", row.size(), columns.size())});
    std::map<int, std::pair<std::optional<double>, std::optional<double>>> before_now;
    for (size_t c = 0; c < row.size() && c < columns.size(); ++c) {
      const Column& col = columns[c];
      const std::string& cell = row[c];
      const std::string where = fmt::format("row {}, column \"{}\"", r + 1, rows[0][c]);
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
        case QuestionType::kSingleChoice: a.choices = {cell}; break;
        case QuestionType::kMultipleChoice:
          for (size_t pos = 0; pos <= cell.size();) {
            const size_t bar = std::min(cell.find('|', pos), cell.size());
            a.choices.push_back(cell.substr(pos, bar - pos));
            pos = bar + 1;
          }
          break;
        case QuestionType::kText: a.text = cell; break;
        case QuestionType::kBeforeNow:
          (col.part == Column::kBefore ? before_now[col.question].first : before_now[col.question].second) = number();
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
        errors.push_back({fmt::format("row {}, question \"{}\"", r + 1, design.questions[q].id),
                          "needs both .before and .now"});
        continue;
      }
      resp.answers[design.questions[q].id].number = *pair.first;
      resp.answers[design.questions[q].id].now = *pair.second;
    }
    if (errors.size() == row_errors) {
      for (FieldError& e : CheckAnswers(design, resp.answers))
        errors.push_back({fmt::format("row {}, {}", r + 1, e.path), e.message});
      if (design.respondent_codes == RespondentCodes::kRequired && resp.respondent_code.empty())
        errors.push_back({fmt::format("row {}, column \"respondent_code\"", r + 1), "is required by this survey"});
    }
    if (errors.size() > 100) break;  // enough to fix before trying again
    out.push_back(std::move(resp));
  }
  if (!errors.empty()) return Fail(Error::InvalidArgument(std::move(errors)));
  return out;
}

Result<std::string> WriteResponsesCsv(const SurveyDesign& design, const std::vector<SurveyResponse>& responses) {
  std::string out = "id,submitted_at,source,excluded_reason,respondent_code";
  for (const Question& q : design.questions) {
    if (q.type == QuestionType::kBeforeNow) {
      out += fmt::format(",{0}.before,{0}.now", q.id);
    } else if (q.type == QuestionType::kValuation) {
      for (const SurveyOutcome& o : design.outcomes) out += fmt::format(",{}.{}", q.id, o.id);
    } else {
      out += "," + q.id;
    }
  }
  out += "\r\n";
  simdjson::dom::parser parser;
  for (const SurveyResponse& r : responses) {
    out += fmt::format("{},{},{},{},{}", r.id, formats::FormatTime(r.submitted_at), r.source,
                       Quote(r.excluded_reason.value_or("")), Quote(r.respondent_code));
    auto doc = formats::ParseJsonText(parser, r.answers);
    if (!doc) return Fail(Error::Make(ErrorCode::kInternal, "unreadable stored answers of response " + r.id));
    std::vector<FieldError> errors;
    const Answers answers = formats::ReadAnswers(*doc, "answers", design, errors);
    for (const Question& q : design.questions) {
      auto it = answers.find(q.id);
      const Answer* a = it == answers.end() ? nullptr : &it->second;
      switch (q.type) {
        case QuestionType::kBeforeNow:
          out += a ? fmt::format(",{},{}", NumberText(a->number), NumberText(a->now)) : ",,";
          break;
        case QuestionType::kValuation:
          for (const SurveyOutcome& o : design.outcomes) {
            out += ',';
            if (a && a->weights.contains(o.id)) out += NumberText(a->weights.at(o.id));
          }
          break;
        case QuestionType::kSingleChoice:
        case QuestionType::kMultipleChoice: {
          std::string joined;
          if (a)
            for (size_t k = 0; k < a->choices.size(); ++k) joined += (k ? "|" : "") + a->choices[k];
          out += "," + Quote(joined);
          break;
        }
        case QuestionType::kText: out += "," + Quote(a ? a->text : ""); break;
        default: out += a ? "," + NumberText(a->number) : ",";
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace valuemark::app
