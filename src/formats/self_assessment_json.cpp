#include "formats/self_assessment_json.h"

#include <nlohmann/json.hpp>

namespace valuemark::formats {

Result<Questionnaire> ParseQuestionnaire(std::string_view json_text) {
  // nlohmann reports a wrong type by exception: caught here, at the adapter's edge.
  try {
    const auto j = nlohmann::json::parse(json_text);
    Questionnaire q;
    q.version = j.at("version").get<int>();
    q.weak_below = j.at("weak_below").get<double>();
    for (const auto& s : j.at("stages")) {
      SaStage stage;
      stage.principle = s.at("principle").get<int>();
      stage.key = s.at("key").get<std::string>();
      stage.name = s.at("name").get<std::string>();
      stage.advice = s.at("advice").get<std::string>();
      stage.optional = s.value("optional", false);
      for (const auto& qu : s.at("questions"))
        stage.questions.push_back({qu.at("id").get<std::string>(), qu.at("text").get<std::string>(),
                                   qu.at("guidance").get<std::string>()});
      q.stages.push_back(std::move(stage));
    }
    for (const auto& r : j.at("readiness"))
      q.readiness.push_back({r.at("scheme").get<std::string>(), r.at("level").get<int>(),
                             r.at("name").get<std::string>(), r.at("explain").get<std::string>(),
                             r.at("min_overall").get<double>(), r.at("min_each").get<double>()});
    return q;
  } catch (const nlohmann::json::exception& e) {
    return Fail(Error::InvalidArgument(
        {{"$", std::string("not a valid self-assessment questionnaire: ") + e.what()}}));
  }
}

}  // namespace valuemark::formats
