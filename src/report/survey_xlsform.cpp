#include "report/survey_xlsform.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "report/xlsx_reader.h"

namespace valuemark::report {
namespace {

// The longest `relevant` or `parameters` cell read with a regular expression.
constexpr size_t kLongestExpression = 500;

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string FormCellText(const XlsxCell& c) {
  if (c.kind == XlsxCell::Kind::kBool) return c.number != 0 ? "true" : "false";
  return Trim(c.text);
}

// A sheet's heading row: column names (lower case, "list name" as
// "list_name") to their positions. A label in several languages is
// "label::English (en)"; `label` picks the default language's, else the first.
struct Headings {
  std::map<std::string, size_t> columns;
  std::vector<std::string> names;  // as written, by position
  // Each column in several languages: "label" → language tag → position.
  std::map<std::string, std::map<std::string, size_t>> languages;
  // The tag of the language each base column was read in ("label" → "en").
  std::map<std::string, std::string> chosen;

  std::optional<size_t> Find(const std::string& name) const {
    auto it = columns.find(name);
    if (it == columns.end()) return std::nullopt;
    return it->second;
  }
};

// The language tag of a heading's language: "English (en)" → "en"; a few
// names alone are known ("Welsh" → "cy"); nullopt otherwise.
std::optional<std::string> LanguageTag(const std::string& language) {
  const auto open = language.rfind('(');
  const auto close = language.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1) {
    std::string tag = Trim(language.substr(open + 1, close - open - 1));
    if (auto dash = tag.find('-'); true) {
      // Lower-case language, the rest as written ("en-GB").
      for (size_t i = 0; i < std::min(dash, tag.size()); ++i)
        tag[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(tag[i])));
    }
    if (ValidLanguageTag(tag)) return tag;
  }
  static const std::map<std::string, std::string> kNames = {
      {"english", "en"}, {"welsh", "cy"},   {"cymraeg", "cy"}, {"gaelic", "gd"},
      {"irish", "ga"},   {"french", "fr"},  {"spanish", "es"}, {"polish", "pl"},
      {"urdu", "ur"},    {"punjabi", "pa"}, {"arabic", "ar"},  {"bengali", "bn"}};
  auto it = kNames.find(Lower(Trim(language)));
  if (it != kNames.end()) return it->second;
  return std::nullopt;
}

Headings ReadHeadings(const XlsxSheet& sheet, const std::string& default_language) {
  Headings h;
  if (sheet.rows.empty()) return h;
  std::map<std::string, size_t> first_translation;  // "label" → first "label::…"
  for (size_t c = 0; c < sheet.rows[0].size(); ++c) {
    std::string name = Lower(FormCellText(sheet.rows[0][c]));
    h.names.push_back(FormCellText(sheet.rows[0][c]));
    if (name.empty()) continue;
    std::replace(name.begin(), name.end(), ' ', '_');
    const auto colons = name.find("::");
    if (colons != std::string::npos) {
      const std::string base = name.substr(0, colons);
      const std::string language = Trim(name.substr(colons + 2));
      const std::string written = Trim(FormCellText(sheet.rows[0][c]).substr(colons + 2));
      const std::optional<std::string> tag = LanguageTag(written);
      if (tag) h.languages[base].emplace(*tag, c);
      first_translation.emplace(base, c);
      if (!default_language.empty() && language.starts_with(Lower(default_language)))
        h.columns[base] = c;
      continue;
    }
    h.columns.emplace(name, c);
  }
  for (const auto& [base, c] : first_translation) h.columns.emplace(base, c);
  for (const auto& [base, tags] : h.languages)
    for (const auto& [tag, c] : tags)
      if (h.columns[base] == c) h.chosen[base] = tag;
  return h;
}

const XlsxSheet* FindSheet(const XlsxWorkbook& book, std::string_view name) {
  for (const XlsxSheet& s : book.sheets)
    if (Lower(s.name) == name) return &s;
  return nullptr;
}

struct Choice {
  std::string name;
  std::string label;
  std::map<std::string, std::string> labels;  // in other languages, by tag
};

// The types that are not questions: the device records them itself.
const std::set<std::string> kMetadata = {
    "start",       "end",      "today",     "deviceid", "subscriberid",   "simserial",
    "phonenumber", "username", "email",     "audit",    "start-geopoint", "background-audio",
    "calculate",   "hidden",   "instanceid"};

bool IsYes(const std::string& v) {
  const std::string s = Lower(v);
  return s == "yes" || s == "true" || s == "true()" || s == "1";
}

// A question as it was read, with the row it came from for later problems.
struct Row {
  size_t row = 0;    // 1-based
  std::string list;  // a select's list of choices
};

class XlsFormReader {
 public:
  explicit XlsFormReader(const XlsxWorkbook& book) : book_(book) {}

  Result<SurveyDesign> Read() {
    survey_ = FindSheet(book_, "survey");
    if (survey_ == nullptr)
      return Fail(Error::Field(ErrorCode::kInvalidArgument, "survey",
                               "the workbook has no sheet named \"survey\": it is not an XLSForm"));
    ReadSettings();
    ReadChoices();
    h_ = ReadHeadings(*survey_, default_language_);
    type_col_ = h_.Find("type");
    name_col_ = h_.Find("name");
    label_col_ = h_.Find("label");
    if (!type_col_ || !name_col_ || !label_col_) {
      errors_.push_back({CellRef(survey_->name, 1, 0),
                         "the first row must name the columns type, name and label"});
      return Fail(Error::InvalidArgument(std::move(errors_)));
    }
    ReadQuestions();
    if (errors_.empty()) CheckWhole();
    if (!errors_.empty()) return Fail(Error::InvalidArgument(std::move(errors_)));
    return design_;
  }

 private:
  std::string Cell(size_t row, std::optional<size_t> col) const {
    return col ? FormCellText(survey_->At(row, *col)) : "";
  }
  void Problem(size_t row, std::optional<size_t> col, const std::string& message) {
    const size_t c = col.value_or(*type_col_);
    const std::string heading = c < h_.names.size() ? h_.names[c] : ColumnName(c);
    errors_.push_back({CellRef(survey_->name, row, c), fmt::format("{}: {}", heading, message)});
  }

  void ReadSettings() {
    const XlsxSheet* settings = FindSheet(book_, "settings");
    design_.title = "Imported survey";
    if (settings == nullptr || settings->rows.size() < 2) return;
    Headings h = ReadHeadings(*settings, "");
    if (auto c = h.Find("default_language")) default_language_ = FormCellText(settings->At(2, *c));
    if (auto c = h.Find("form_title"); c && !FormCellText(settings->At(2, *c)).empty())
      design_.title = FormCellText(settings->At(2, *c));
  }

  void ReadChoices() {
    const XlsxSheet* choices = FindSheet(book_, "choices");
    if (choices == nullptr) return;
    Headings h = ReadHeadings(*choices, default_language_);
    auto list = h.Find("list_name");
    auto name = h.Find("name");
    auto label = h.Find("label");
    if (!list || !name) {
      errors_.push_back({CellRef(choices->name, 1, 0),
                         "the first row must name the columns list_name, name and label"});
      return;
    }
    for (size_t r = 2; r <= choices->rows.size(); ++r) {
      const std::string l = FormCellText(choices->At(r, *list));
      if (l.empty()) continue;
      Choice c{FormCellText(choices->At(r, *name)),
               label ? FormCellText(choices->At(r, *label)) : "",
               {}};
      for (const auto& [tag, col] : h.languages["label"])
        if (const std::string words = FormCellText(choices->At(r, col)); !words.empty())
          c.labels[tag] = words;
      if (c.name.size() > 200 || c.name.find_first_of(" |\t\r\n") != std::string::npos) {
        errors_.push_back({CellRef(choices->name, r, *name),
                           "name: a choice's name is at most 200 characters, without spaces"});
        continue;
      }
      if (c.label.empty()) c.label = c.name;
      if (c.label.find('|') != std::string::npos) {
        errors_.push_back({CellRef(choices->name, r, label.value_or(*name)),
                           "label: a choice must not contain \"|\""});
        continue;
      }
      choices_[l].push_back(std::move(c));
    }
  }

  // `${q} = 'x'` or `selected(${q}, 'x')`, q an earlier select and x one of its choices.
  std::optional<ShowIf> ReadRelevant(size_t row, const std::string& text) {
    static const std::regex equals(R"(^\s*\$\{([^}]+)\}\s*=\s*['"]([^'"]*)['"]\s*$)");
    static const std::regex selected(
        R"(^\s*selected\s*\(\s*\$\{([^}]+)\}\s*,\s*['"]([^'"]*)['"]\s*\)\s*$)");
    std::smatch m;
    // libstdc++'s regex recurses per character: a long cell is refused before it is matched.
    if (text.size() > kLongestExpression ||
        (!std::regex_match(text, m, equals) && !std::regex_match(text, m, selected))) {
      Problem(row, h_.Find("relevant"),
              fmt::format("\"{}\" cannot be read as skip logic: only ${{question}} = 'choice' "
                          "or selected(${{question}}, 'choice') can",
                          text.size() > 80 ? text.substr(0, 80) + "…" : text));
      return std::nullopt;
    }
    const std::string id = Id(m[1].str());
    auto earlier = std::find_if(design_.questions.begin(), design_.questions.end(),
                                [&](const Question& q) { return q.id == id; });
    if (earlier == design_.questions.end() || earlier->options.empty()) {
      Problem(row, h_.Find("relevant"),
              fmt::format("\"{}\" is not a select question before this one", m[1].str()));
      return std::nullopt;
    }
    const std::string& list = rows_[static_cast<size_t>(earlier - design_.questions.begin())].list;
    for (const Choice& c : choices_[list])
      if (c.name == m[2].str()) return ShowIf{id, c.label};
    Problem(row, h_.Find("relevant"),
            fmt::format("\"{}\" is not a choice of \"{}\"", m[2].str(), m[1].str()));
    return std::nullopt;
  }

  // An XLSForm name as a question id: dots (allowed in XML names) become '_'.
  static std::string Id(std::string name) {
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
  }

  void ReadQuestions() {
    struct Group {
      std::string label;
      std::optional<ShowIf> show_if;
      std::map<std::string, std::string> labels;  // in the other languages
    };
    // The other languages of the labels, each a translation of the design.
    if (auto it = h_.chosen.find("label"); it != h_.chosen.end()) design_.language = it->second;
    std::map<std::string, size_t> others;  // tag → label column
    for (const auto& [tag, col] : h_.languages["label"])
      if (tag != design_.language) others.emplace(tag, col);
    auto column = [&](const char* base, const std::string& tag) -> std::optional<size_t> {
      auto b = h_.languages.find(base);
      if (b == h_.languages.end()) return std::nullopt;
      auto c = b->second.find(tag);
      if (c == b->second.end()) return std::nullopt;
      return c->second;
    };
    std::vector<Group> groups;
    std::string next_section;  // the title of the group a question is the first of
    std::map<std::string, std::string> next_section_words;
    std::string notes;  // notes before a question: its help
    // Notes before the first question: the survey's introduction, in each language.
    std::string intro;
    std::map<std::string, std::string> intro_words;
    for (size_t r = 2; r <= survey_->rows.size(); ++r) {
      // "select_one list" → "select_one" and "list"; "begin group" is "begin_group".
      std::string type = Cell(r, type_col_);
      if (type.empty()) continue;
      for (const char* two : {"select one ", "select multiple ", "begin group", "end group",
                              "begin repeat", "end repeat"})
        if (Lower(type).starts_with(two)) type[std::string_view(two).find(' ')] = '_';
      std::string list;
      if (const auto space = type.find_first_of(" \t"); space != std::string::npos) {
        list = Trim(type.substr(space + 1));
        type = type.substr(0, space);
      }
      type = Lower(type);
      const std::string label = Cell(r, label_col_);
      if (type == "begin_group") {
        Group g{label, std::nullopt, {}};
        for (const auto& [tag, col] : others) g.labels[tag] = Cell(r, col);
        if (const std::string rel = Cell(r, h_.Find("relevant")); !rel.empty())
          g.show_if = ReadRelevant(r, rel);
        groups.push_back(std::move(g));
        if (!label.empty()) {
          next_section = label;
          next_section_words = groups.back().labels;
        }
        continue;
      }
      if (type == "end_group") {
        if (groups.empty()) {
          Problem(r, type_col_, "an end group without its begin group");
          continue;
        }
        groups.pop_back();
        // What follows is in the enclosing group, or on its own.
        next_section = groups.empty() ? "More questions" : groups.back().label;
        next_section_words =
            groups.empty() ? std::map<std::string, std::string>{} : groups.back().labels;
        continue;
      }
      if (kMetadata.contains(type)) continue;
      if (type == "note") {
        if (design_.questions.empty()) {
          if (!label.empty()) intro += (intro.empty() ? "" : "\n") + label;
          for (const auto& [tag, col] : others)
            if (const std::string words = Cell(r, col); !words.empty())
              intro_words[tag] += (intro_words[tag].empty() ? "" : "\n") + words;
        } else if (!label.empty()) {
          notes += (notes.empty() ? "" : " ") + label;
        }
        continue;
      }
      Question q;
      q.id = Id(Cell(r, name_col_));
      q.text = label;
      q.required = IsYes(Cell(r, h_.Find("required")));
      q.help = notes;
      if (const std::string hint = Cell(r, h_.Find("hint")); !hint.empty())
        q.help += (q.help.empty() ? "" : " ") + hint;
      notes.clear();
      if (type == "select_one" || type == "select_multiple") {
        q.type = type == "select_one" ? QuestionType::kSingleChoice : QuestionType::kMultipleChoice;
        auto it = choices_.find(list);
        if (list.empty() || it == choices_.end()) {
          Problem(r, type_col_, fmt::format("the list \"{}\" is not on the choices sheet", list));
          continue;
        }
        for (const Choice& c : it->second) {
          q.options.push_back(c.label);
          q.option_values.push_back(c.name);  // how KoboToolbox and ODK export the answer
        }
      } else if (type == "integer" || type == "int" || type == "decimal") {
        q.type = QuestionType::kNumber;
      } else if (type == "text" || type == "string") {
        q.type = QuestionType::kText;
      } else if (type == "range") {
        q.type = ReadRange(r, q);
      } else {
        Problem(r, type_col_,
                fmt::format("\"{}\" questions have no counterpart here: use text, integer, "
                            "decimal, range, select_one or select_multiple, or remove the row",
                            Cell(r, type_col_)));
        continue;
      }
      if (const std::string rel = Cell(r, h_.Find("relevant")); !rel.empty()) {
        q.show_if = ReadRelevant(r, rel);
      } else {
        for (auto g = groups.rbegin(); g != groups.rend() && !q.show_if; ++g)
          q.show_if = g->show_if;
      }
      q.section = next_section;
      next_section.clear();
      for (const auto& [tag, col] : others) {
        QuestionWords words;
        words.text = Cell(r, col);
        words.help = Cell(r, column("hint", tag));
        if (!q.section.empty()) words.section = next_section_words[tag];
        if (auto it = choices_.find(list);
            it != choices_.end() && !q.options.empty() &&
            std::all_of(it->second.begin(), it->second.end(),
                        [&](const Choice& c) { return c.labels.contains(tag); }))
          for (const Choice& c : it->second) words.options.push_back(c.labels.at(tag));
        if (!words.text.empty() || !words.help.empty() || !words.options.empty())
          Translation(tag).questions[q.id] = std::move(words);
      }
      next_section_words.clear();
      design_.questions.push_back(std::move(q));
      rows_.push_back({r, list});
    }
    if (!groups.empty()) Problem(survey_->rows.size(), type_col_, "a begin group is never ended");
    // Notes after the last question close the introduction.
    design_.description = intro + (!intro.empty() && !notes.empty() ? "\n" : "") + notes;
    for (const auto& [tag, words] : intro_words) Translation(tag).description = words;
  }

  SurveyTranslation& Translation(const std::string& tag) {
    for (SurveyTranslation& t : design_.translations)
      if (t.language == tag) return t;
    SurveyTranslation& t = design_.translations.emplace_back();
    t.language = tag;
    return t;
  }

  // A range of whole steps 0–10 is a scale; any other a number within it.
  QuestionType ReadRange(size_t r, Question& q) {
    double start = 1, end = 10, step = 1;
    std::string params = Cell(r, h_.Find("parameters"));
    if (params.size() > kLongestExpression) params.resize(kLongestExpression);
    static const std::regex pair(R"((start|end|step)\s*=\s*(-?[0-9.]+))");
    for (auto it = std::sregex_iterator(params.begin(), params.end(), pair);
         it != std::sregex_iterator(); ++it) {
      const double v = std::strtod((*it)[2].str().c_str(), nullptr);
      if ((*it)[1] == "start") start = v;
      if ((*it)[1] == "end") end = v;
      if ((*it)[1] == "step") step = v;
    }
    if (start == 0 && end == 10 && step == 1) return QuestionType::kScale;
    if (start == 1 && end == 5 && step == 1) return QuestionType::kLikert;
    q.min = std::min(start, end);
    q.max = std::max(start, end);
    return QuestionType::kNumber;
  }

  // The design's own rules, each problem put back at the row it came from.
  void CheckWhole() {
    static const std::regex at(R"(^questions\[(\d+)\]\.?([a-z_]*))");
    for (const FieldError& e : CheckDesign(design_)) {
      std::smatch m;
      if (!std::regex_search(e.path, m, at)) {
        errors_.push_back({e.path == "title" ? "settings" : survey_->name,
                           fmt::format("{}: {}", e.path, e.message)});
        continue;
      }
      const size_t i = std::stoul(m[1].str());
      const std::string field = m[2].str();
      std::optional<size_t> col = type_col_;
      if (field == "id") col = name_col_;
      if (field == "text") col = label_col_;
      if (field == "help") col = h_.Find("hint");
      if (field == "show_if") col = h_.Find("relevant");
      Problem(i < rows_.size() ? rows_[i].row : 1, col, e.message);
    }
  }

  const XlsxWorkbook& book_;
  const XlsxSheet* survey_ = nullptr;
  Headings h_;
  std::optional<size_t> type_col_, name_col_, label_col_;
  std::string default_language_;
  std::map<std::string, std::vector<Choice>> choices_;
  SurveyDesign design_;
  std::vector<Row> rows_;
  std::vector<FieldError> errors_;
};

}  // namespace

Result<SurveyDesign> ParseXlsForm(std::string_view bytes) {
  auto book = ReadXlsx(bytes, "workbook");
  if (!book) return Fail(book.error());
  return XlsFormReader(*book).Read();
}

}  // namespace valuemark::report
