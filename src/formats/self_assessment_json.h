// The self-assessment questionnaire (data/self-assessment/questions.json):
// stages per principle, questions with guidance, advice and the readiness
// thresholds per scheme level.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/self_assessment.h"

namespace valuemark::formats {

// InvalidArgument naming the path of the first problem.
Result<Questionnaire> ParseQuestionnaire(std::string_view json_text);

}  // namespace valuemark::formats
