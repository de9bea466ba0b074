#include "app/certification/application_view.h"

namespace valuemark::app {

ApplicationView ViewApplication(const SchemeCatalogue& schemes, Application application) {
  ApplicationView view;
  view.scheme = schemes.Find(application.scheme_id, application.scheme_version);
  if (const Scheme* s = view.scheme) {
    if (const SchemeLevel* level = s->Level(application.level)) view.level_name = level->name;
    for (const Criterion* c : MissingEvidence(application, *s))
      view.missing_evidence.push_back(c->id);
    view.missing_sign_offs = MissingSignOffs(application, *s);
    for (MemberRole role : s->sign_off)
      view.declarations.emplace_back(role,
                                     SignOffDeclaration(role, LevelTitle(*s, application.level)));
    view.pledges = CountPledges(application);
    view.met_percent = MetPercent(application, *s);
  }
  view.application = std::move(application);
  return view;
}

}  // namespace valuemark::app
