// The composition root of the use cases: one service per capability module
// (src/app/README.md), all over one store and one set of options. Each module
// owns its folder: accounts/ (AccountService, OrganisationService),
// certification/ (CertificationService, CertificateService, MembershipService,
// AppealService, InvoiceService, ComplaintService, PreparationCallService), measure/
// (MeasureService), surveys/ (SurveyService), audit/ (AuditService),
// network/ (DirectoryService, BrokerageService, BenchmarkService, SupportService,
// EngagementService) and reports/; what they share is in use_cases.h.
//
// Thread-safe: one Platform serves every request. Neither copied nor moved:
// the services keep references to its store and options.
#pragma once

#include <functional>

#include "app/accounts/accounts.h"
#include "app/accounts/organisations.h"
#include "app/audit/audit.h"
#include "app/certification/appeals.h"
#include "app/certification/certification.h"
#include "app/certification/complaints.h"
#include "app/certification/invoices.h"
#include "app/certification/membership.h"
#include "app/certification/preparation_calls.h"
#include "app/measure/measure.h"
#include "app/network/benchmarks.h"
#include "app/network/brokerage.h"
#include "app/network/directory.h"
#include "app/network/engagements.h"
#include "app/network/support.h"
#include "app/surveys/surveys.h"
#include "app/use_cases.h"

namespace valuemark::app {

class Platform {
 public:
  Platform(Store& store, PlatformOptions options);
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  Store& store() { return store_; }
  const PlatformOptions& options() const { return options_; }
  const SchemeCatalogue& schemes() const { return options_.schemes; }
  const Quotas& quotas() const { return options_.quotas; }
  UnixTime Now() const { return accounts.Now(); }
  // Runs fn so that every use case it calls reads from one snapshot (use_cases.h).
  Result<void> InOneSnapshot(const std::function<Result<void>()>& fn) {
    return app::InOneSnapshot(store_, fn);
  }

 private:
  Store& store_;
  PlatformOptions options_;

 public:
  AccountService accounts;
  OrganisationService organisations;
  CertificationService certification;
  CertificateService certificates;
  MembershipService membership;
  AppealService appeals;
  InvoiceService invoices;
  ComplaintService complaints;
  PreparationCallService preparation_calls;
  MeasureService measure;
  SurveyService surveys;
  AuditService audit;
  DirectoryService directory;
  BrokerageService brokerage;
  BenchmarkService benchmarks;
  SupportService support;
  EngagementService engagements;
};

}  // namespace valuemark::app
