// Import of a survey designed in XLSForm (https://xlsform.org), the format of
// KoboToolbox and ODK: the workbook's `survey`, `choices` and `settings`
// sheets read into a survey design, for the question types that have a
// counterpart here (docs/file-formats.md "XLSForm"). Every problem is named by
// its cell ("survey!C7") with the column's heading in the message.
#pragma once

#include <string_view>

#include "core/result.h"
#include "core/survey.h"

namespace valuemark::report {

// The design of an XLSForm workbook, not yet saved: it has no outcomes (the
// designer links questions to them), and respondent codes are off.
Result<SurveyDesign> ParseXlsForm(std::string_view bytes);

}  // namespace valuemark::report
