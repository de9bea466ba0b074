// The self-assessment questionnaire, data/self-assessment/questions.json,
// embedded at build time (self_assessment_data.cpp.in).
#pragma once

namespace valuemark::app {

const char* SelfAssessmentQuestionsJson();

}  // namespace valuemark::app
