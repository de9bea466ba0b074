// Sample inputs and small helpers that several API test files use: files of
// the repository, a whole self-assessment, a whole plan.
#pragma once

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace valuemark::http {

using nlohmann::json;

// A file of the repository, whole.
inline std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(VALUEMARK_SOURCE_DIR) + "/" + relative);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Every question of the built-in questionnaire answered with `score`
// (the optional eighth stage only when asked).
inline nlohmann::json AllAnswers(const json& questions, int score, bool responsive) {
  json answers = json::object();
  for (const json& stage : questions["stages"]) {
    if (stage.value("optional", false) && !responsive) continue;
    for (const json& q : stage["questions"]) answers[q["id"].get<std::string>()] = score;
  }
  return json{{"answers", answers}};
}

inline nlohmann::json APlan() {
  return json{
      {"impact_questions",
       {{"q1", "Older members feel less lonely"}, {"q10", "At the quarterly board review"}}},
      {"overarching",
       {{"who_answers", "Members and volunteers"},
        {"rigour", "Light"},
        {"assurance", "Peer review"}}},
      {"stakeholder_groups",
       {{{"group", "customers_and_end_users"},
         {"name", "Members"},
         {"size", 80},
         {"subgroups", {{{"name", "Over 80"}, {"size", 30}}}},
         {"involvement", "Focus groups"},
         {"when", "Spring"}}}},
      {"theory_of_change",
       {{{"activity", "Weekly lunch"},
         {"outputs", {"45 lunches a week"}},
         {"outcomes",
          {{{"description", "Less lonely"},
            {"stakeholder", "Members"},
            {"positive", true},
            {"intended", true},
            {"indicator", "Loneliness score"}},
           {{"description", "Volunteers overstretched"},
            {"positive", false},
            {"intended", false}}}}}}},
      {"materiality",
       {{{"outcome", "Less lonely"}, {"material", true}, {"reason", "Most mentioned"}},
        {{"outcome", "Volunteers overstretched"}, {"material", true}, {"reason", "A real risk"}}}}};
}

}  // namespace valuemark::http
