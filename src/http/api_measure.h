// The measure module's routes: LM3, impact maps with their calculations and
// comparison (api_measure.cpp), and the managing half — value bank, pledges,
// self-assessment, plans, decisions (api_measure_manage.cpp) — (docs/api.md
// "Impact maps", "Value bank", "Pledges", "Self-assessment", "Plans",
// "Decisions"), registered by Api::AddRoutes through RegisterMeasureRoutes.
#pragma once

#include "app/measure/calculations.h"
#include "app/measure/measure.h"
#include "app/network/brokerage.h"
#include "http/api_helpers.h"

namespace valuemark::http {

// Calculations run on the heavy-work pool through `calculations` (which
// keeps the Monte Carlo memos); imports are rate-limited uploads.
void RegisterMeasureRoutes(const Routes& routes, app::MeasureService& measure,
                           app::BrokerageService& brokerage, app::Calculations& calculations);

// The managing half's parts, in the order RegisterMeasureRoutes adds them.
void RegisterValueBankRoutes(const Routes& routes, app::MeasureService& measure);
void RegisterLm3Routes(const Routes& routes, app::MeasureService& measure);
void RegisterPledgeRoutes(const Routes& routes, app::MeasureService& measure);
void RegisterSelfAssessmentRoutes(const Routes& routes, app::MeasureService& measure);
void RegisterPlanRoutes(const Routes& routes, app::MeasureService& measure);
void RegisterDecisionRoutes(const Routes& routes, app::MeasureService& measure);

}  // namespace valuemark::http
