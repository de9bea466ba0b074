// The survey API through its router (no socket): design, public responding,
// rate limits, results, exclusion, CSV and applying results to a map.
#include <algorithm>
#include <regex>

#include "api_examples.h"
#include "api_fixture.h"
#include "app/keys.h"
#include "http/api_helpers.h"

namespace valuemark::http {
namespace {

// ---- Surveys (docs/api.md "Surveys").

class SurveyApiTest : public ApiTest {
 protected:
  Response Submit(const std::string& token, const std::string& body, const std::string& key,
                  const std::string& address = "192.0.2.7") {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/s/" + token + "/responses";
    r.body = body;
    r.headers["content-type"] = "application/json";
    if (!key.empty()) r.headers["idempotency-key"] = key;
    r.client_address = address;
    return api_->Handle(r);
  }
  static json Design() {
    return json::parse(R"({
      "title": "Club members",
      "outcomes": [{"id": "lonely", "name": "Less lonely", "population": 200},
                   {"id": "fit", "name": "Fitter", "population": null}],
      "questions": [
        {"id": "how", "type": "single_choice", "text": "How did you hear?", "options": ["Friend", "GP"], "required": true},
        {"id": "lonely", "type": "before_now", "text": "Loneliness before and now", "outcome_id": "lonely", "required": true},
        {"id": "anyway", "type": "deadweight", "text": "Would it have happened anyway?", "outcome_id": "lonely"},
        {"id": "others", "type": "attribution", "text": "Due to others?", "outcome_id": "lonely"},
        {"id": "lasts", "type": "duration", "text": "How many years?", "outcome_id": "lonely"},
        {"id": "matters", "type": "valuation", "text": "What matters?"},
        {"id": "score", "type": "scale", "text": "0 to 10"},
        {"id": "note", "type": "text", "text": "Anything else?"}
      ]})");
  }
  static std::string Answer(int before, int now, double anyway = 0.25) {
    return json{{"answers",
                 {{"how", "Friend"},
                  {"lonely", {{"before", before}, {"now", now}}},
                  {"anyway", anyway},
                  {"others", 0.5},
                  {"lasts", 2},
                  {"matters", {{"lonely", 3}, {"fit", 1}}},
                  {"score", 7}}}}
        .dump();
  }
  // POST /surveys/import-xlsform with the example workbook, as `session`.
  Request XlsFormImport(const Session& session) {
    Request r;
    r.method = Method::kPost;
    r.path = "/api/v1/surveys/import-xlsform";
    r.body = ReadSource("examples/lunch-club-xlsform.xlsx");
    r.headers["content-type"] = kXlsxType;
    r.headers["cookie"] = std::string(kSessionCookie) + "=" + session.cookie;
    r.headers["x-csrf-token"] = session.csrf;
    return r;
  }
  json CreateSurvey(const Session& s, const std::string& org, const json& design) {
    Response r =
        Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", design.dump(), &s);
    EXPECT_EQ(r.status, 201) << r.body;
    return Body(r);
  }
};

TEST_F(SurveyApiTest, DesignIsValidatedAuthorisedAndAudited) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);

  json essay = Design();
  essay["questions"][0]["type"] = "essay";
  Response unknown =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", essay.dump(), &member);
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(Body(unknown)["error"]["field"], "questions[0].type");
  json bad = Design();
  bad["questions"][0]["options"] = {"Only one"};
  bad["questions"][1]["outcome_id"] = "nowhere";
  bad["questions"][2]["id"] = "how";
  Response r =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", bad.dump(), &member);
  EXPECT_EQ(r.status, 400) << r.body;
  std::set<std::string> fields;
  const json design_errors = Body(r);
  for (const json& f : design_errors["error"]["fields"])
    fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("questions[0].options")) << r.body;
  EXPECT_TRUE(fields.contains("questions[1].outcome_id")) << r.body;
  EXPECT_TRUE(fields.contains("questions[2].id")) << r.body;

  const int64_t before = AuditEntries();
  json survey = CreateSurvey(member, org, Design());  // any member may design
  EXPECT_EQ(AuditEntries(), before + 1);
  const std::string id = survey["id"];
  EXPECT_GE(survey["token"].get<std::string>().size(), 32u);
  EXPECT_EQ(survey["public_url"], "https://vm.example/s/" + survey["token"].get<std::string>());
  EXPECT_EQ(survey["state"], "open");

  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &outsider).status, 404);
  // An assessor who assesses none of the organisation's applications does not see it.
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id, "", &assessor).status, 404);
  EXPECT_EQ(
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", Design().dump(), &assessor)
          .status,
      404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/surveys/" + id).status, 401);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/organisations/" + org + "/surveys", "", &lead))["items"]
          .size(),
      1u);

  json edit = Design();
  edit["title"] = "Renamed";
  edit["version"] = 1;
  Response ok = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Body(ok)["version"], 2);
  Response stale = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(Body(stale)["error"]["field"], "version");
  // The design's two changes, and one entry for each batch of responses received.
  int changes = 0;
  const json survey_history = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  for (const json& item : survey_history["items"])
    if (item["action"] != "survey.responses_received") ++changes;
  EXPECT_EQ(changes, 2) << survey_history.dump();
}

TEST_F(SurveyApiTest, AnXlsFormReadsIntoADesignThatSavesAsADraft) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Request import = XlsFormImport(lead);
  Response read = api_->Handle(import);
  ASSERT_EQ(read.status, 200) << read.body;
  json design = Body(read);
  EXPECT_EQ(design["title"], "Lunch club: how has it been for you?");
  ASSERT_EQ(design["questions"].size(), 6u);  // start, end and the note are not questions
  // The note before the first question is the introduction, in both languages.
  EXPECT_EQ(design["description"], "Thank you for telling us how the lunch club has been for you.");
  EXPECT_EQ(design["translations"][0]["description"],
            "Diolch am ddweud wrthym sut mae’r clwb cinio wedi bod i chi.");
  EXPECT_EQ(design["questions"][1]["type"], "scale");
  EXPECT_EQ(design["questions"][1]["section"], "The Friday lunches");
  EXPECT_EQ(design["questions"][1]["show_if"], (json{{"question_id", "came"}, {"equals", "Yes"}}));
  EXPECT_EQ(design["questions"][2]["options"], (json{"The food", "The company", "The activities"}));
  // Nothing was saved; the design saves as a draft as it is.
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/organisations/" + org + "/surveys", "", &lead))["items"]
          .size(),
      0u);
  design["status"] = "draft";
  json made = CreateSurvey(lead, org, design);
  EXPECT_EQ(made["status"], "draft");
  // Not a workbook, or not said to be one: a plain error.
  import.body = "type,name,label\n";
  EXPECT_EQ(api_->Handle(import).status, 400);
  import.body = ReadSource("examples/lunch-club-xlsform.xlsx");
  import.headers["content-type"] = "text/csv";
  Response wrong_type = api_->Handle(import);
  EXPECT_EQ(wrong_type.status, 400);
  // Signed out: refused.
  import.headers.erase("cookie");
  import.headers["content-type"] = kXlsxType;
  EXPECT_EQ(api_->Handle(import).status, 401);
}

// Fieldwork done in KoboToolbox or ODK Collect comes back as their CSV export
// of a survey made from the same XLSForm: Kobo's semicolons, group paths and
// choice names, ODK Central's commas and hyphens; each submission is counted
// once however many exports hold it.
TEST_F(SurveyApiTest, KoboAndOdkExportsOfTheXlsFormImportOnce) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  Request xlsform = XlsFormImport(lead);
  json design = Body(api_->Handle(xlsform));
  EXPECT_EQ(design["questions"][0]["option_values"], (json{"yes", "no"}));
  const std::string id = CreateSurvey(lead, org, design)["id"];
  const std::string import = "/api/v1/surveys/" + id + "/responses/import";
  const std::string kobo = ReadSource("examples/lunch-club-kobo.csv");

  // Someone outside the organisation cannot put answers into its survey.
  EXPECT_EQ(CallCsv(import, kobo, &outsider).status, 404);
  Response first = CallCsv(import, kobo, &lead);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(Body(first)["imported"], 3);
  EXPECT_EQ(Body(first)["ignored_columns"], json::array());  // metadata is skipped quietly
  json items = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["source"], "import");
  EXPECT_EQ(items[0]["submitted_at"], "2026-11-06T11:05:44Z");  // when Kobo received it
  EXPECT_EQ(items[0]["answers"]["came"], "Yes");                // by the option, not Kobo's "yes"
  EXPECT_EQ(items[0]["answers"]["liked"], (json{"The food", "The company"}));
  EXPECT_EQ(items[0]["answers"]["lonely_now"], 3);
  EXPECT_EQ(items[0]["answers"]["other"], "The quiz on the last Friday, please keep it");
  EXPECT_EQ(items[2]["answers"]["why_not"], "A lift on Fridays; the bus does not run");
  EXPECT_FALSE(items[2]["answers"].contains("lonely_now"));

  // A later export holds the same three and one more: only that one is new.
  const std::string later =
      kobo +
      "\"2026-11-20T10:01:00.000+00:00\";\"2026-11-20T10:03:00.000+00:00\";\"yes\";\"8\";"
      "\"activities\";\"0\";\"0\";\"1\";\"\";\"1\";\"\";\"104\";\"e1b2c3d4-0000-4000-8000-"
      "000000000004\";\"2026-11-20T10:03:05\";\"\";\"[]\";\"submitted_via_web\";\"\";"
      "\"vK7r2nQp\";\"[]\";\"4\"\r\n";
  Response again = CallCsv(import, later, &lead);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Body(again)["imported"], 1);
  EXPECT_EQ(Body(again)["already_present"], 3);

  // ODK Central: commas, "group-question", KEY; a calculation is listed as not read.
  const std::string odk =
      "SubmissionDate,start,end,came,lunches-lonely_now,lunches-liked,lunches-other,"
      "lunches-score,years,why_not,meta-instanceID,KEY,SubmitterID,SubmitterName,"
      "AttachmentsPresent,AttachmentsExpected,Status,ReviewState,DeviceID,Edits,FormVersion\r\n"
      "2026-11-27T11:00:00.000Z,,,yes,2,food activities,,20,7,,"
      "uuid:0d6f5e1a-7b2c-4e3d-9f80-1a2b3c4d5e6f,uuid:0d6f5e1a-7b2c-4e3d-9f80-1a2b3c4d5e6f,"
      "5,Collect user,0,0,,,,0,1\r\n";
  Response central = CallCsv(import, odk, &lead);
  ASSERT_EQ(central.status, 200) << central.body;
  EXPECT_EQ(Body(central)["imported"], 1);
  EXPECT_EQ(Body(central)["ignored_columns"], (json{"lunches-score"}));
  items = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[4]["answers"]["liked"], (json{"The food", "The activities"}));
  EXPECT_EQ(Body(CallCsv(import, odk, &lead))["already_present"], 1);

  // Edited in ODK Central since (the same KEY, other answers): the edited
  // answers come in, from now, and the earlier ones are excluded with the
  // reason; the figures as of before the edit keep the earlier answers.
  const std::string before_edit = formats::FormatTime(now_);
  now_ += 600;
  std::string edited = odk;
  edited.replace(edited.find(",2,food activities,"), 19, ",4,food activities,");
  Response edit = CallCsv(import, edited, &lead);
  ASSERT_EQ(edit.status, 200) << edit.body;
  EXPECT_EQ(Body(edit)["imported"], 0);
  EXPECT_EQ(Body(edit)["updated"], 1);
  EXPECT_EQ(Body(edit)["already_present"], 0);
  // Again: nothing new. The first version again: nothing new either.
  EXPECT_EQ(Body(CallCsv(import, edited, &lead))["already_present"], 1);
  EXPECT_EQ(Body(CallCsv(import, odk, &lead))["already_present"], 1);
  items = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"];
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[4]["answers"]["lonely_now"], 2);
  EXPECT_EQ(items[4]["excluded"]["reason"],
            "Edited in KoboToolbox or ODK Central after it was imported: the edited answers, "
            "imported since, replace these");
  EXPECT_EQ(items[5]["answers"]["lonely_now"], 4);
  EXPECT_FALSE(items[5]["excluded"]["excluded"]);
  const std::string results = "/api/v1/surveys/" + id + "/results";
  const json now_figures = Body(Call(Method::kGet, results, "", &lead));
  EXPECT_EQ(now_figures["responses"]["used"], 5);
  EXPECT_EQ(now_figures["responses"]["excluded"], 1);
  const json then = Body(Call(Method::kGet, results + "?as_of=" + before_edit, "", &lead));
  EXPECT_EQ(then["responses"]["used"], 5);
  EXPECT_EQ(then["responses"]["excluded"], 0);
  // Another submission whose id starts with this one's and a colon is not a
  // version of it: importing it adds it, and excludes nothing.
  std::string lookalike = odk;
  lookalike.replace(lookalike.find(",2,food activities,"), 19, ",6,food activities,");
  for (size_t at = lookalike.find("5e6f,"); at != std::string::npos;
       at = lookalike.find("5e6f,", at + 10))
    lookalike.replace(at, 5, "5e6f:x,");
  Response look = CallCsv(import, lookalike, &lead);
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(Body(look)["imported"], 1);
  EXPECT_EQ(Body(look)["updated"], 0);
  EXPECT_EQ(Body(Call(Method::kGet, results, "", &lead))["responses"]["used"], 6);
  // Edited once more: that edit replaces the last one, not the first again.
  now_ += 600;
  std::string twice = odk;
  twice.replace(twice.find(",2,food activities,"), 19, ",1,food activities,");
  EXPECT_EQ(Body(CallCsv(import, twice, &lead))["updated"], 1);
  items = Body(
      Call(Method::kGet, "/api/v1/surveys/" + id + "/responses?show=used", "", &lead))["items"];
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[4]["answers"]["lonely_now"], 6);  // the lookalike, untouched
  EXPECT_EQ(items[5]["answers"]["lonely_now"], 1);

  // A choice no option has is named by the file's row and column; nothing is imported.
  std::string wrong = odk;
  wrong.replace(wrong.find(",yes,"), 5, ",maybe,");
  wrong.replace(wrong.find("uuid:0d6f"), 9, "uuid:1d6f");
  Response bad = CallCsv(import, wrong, &lead);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(Body(bad)["error"]["fields"][0]["field"], "row 2, column \"came\"") << bad.body;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "",
                      &lead))["responses"]["used"],
            6);

  // Found by attacking it. Each file below is refused whole, naming where.
  auto refused = [&](const std::string& csv) {
    Response r = CallCsv(import, csv, &lead);
    EXPECT_EQ(r.status, 400) << csv.substr(0, 200) << "\n" << r.body;
    const json error = Body(r)["error"];
    return error.contains("fields") ? error["fields"][0]["field"] : error["field"];
  };
  // One submission twice in a file.
  EXPECT_EQ(refused("came;years;_uuid\nno;1;dup-1\nno;2;dup-1\n"), "row 3, column \"_uuid\"");
  // A required answer the file has no column for is named by its question.
  EXPECT_EQ(refused("came;years;_uuid\nyes;1;k9\n"), "row 2, question \"lonely_now\"");
  // Two columns for one answer: neither is silently dropped.
  EXPECT_EQ(refused("came;years;calc-years;_uuid\nyes;12;99;c2\n"), "row 1, column \"calc-years\"");
  // A code on an anonymous survey.
  EXPECT_EQ(refused("came,years,respondent_code,_uuid\nNo,30,SOMEONE,c3\n"),
            "row 2, column \"respondent_code\"");
  // A column name of a hundred thousand separators is refused at once, not searched.
  EXPECT_EQ(refused("came;" + std::string(100000, '/') + ";_uuid\nno;1;k\n"), "row 1, column 2");
  // Kobo's columns per choice alone make the answer; "uuid:" or not, one submission.
  Response split = CallCsv(import,
                           "came;lonely_now;lunches/liked/food;lunches/liked/company;"
                           "meta/instanceID\nyes;3;1;1;uuid:r12\n",
                           &lead);
  ASSERT_EQ(split.status, 200) << split.body;
  EXPECT_EQ(Body(split)["imported"], 1);
  items = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"];
  EXPECT_EQ(items.back()["answers"]["liked"], (json{"The food", "The company"}));
  EXPECT_EQ(Body(CallCsv(import,
                         "came;lonely_now;lunches/liked/food;lunches/liked/company;_uuid\n"
                         "yes;3;1;1;r12\n",
                         &lead))["already_present"],
            1);
  // A respondent cannot take an import's key through the public link.
  const std::string token = Body(Call(Method::kGet, "/api/v1/surveys/" + id, "", &lead))["token"];
  Response squat =
      Submit(token, R"({"answers": {"came": "No", "years": 1}})", "import:instance:v1");
  EXPECT_EQ(squat.status, 400);
  EXPECT_EQ(Body(squat)["error"]["field"], "Idempotency-Key");
}

// A baseline, duplicated for the follow-up: both waves side by side, and the
// people who gave their code in both, person by person. Worked by hand: the
// baseline's "now" on loneliness is 6 (amy), 5 (ben), 5 (no code): mean 16/3;
// the follow-up's 8 (amy), 4 (ben), 9 (cat): mean 7. amy 6 → 8 higher, ben
// 5 → 4 lower: 2 pairs, mean change (2 − 1) / 2 = 0.5.
TEST_F(SurveyApiTest, TwoWavesSideBySideWithThePeopleInBoth) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  const std::string elsewhere = CreateOrganisation(outsider, "Elsewhere");
  json design = Design();
  design["respondent_codes"] = "optional";
  json baseline = CreateSurvey(lead, org, design);
  auto coded = [](std::string answer, const std::string& code) {
    json a = json::parse(answer);
    if (!code.empty()) a["respondent_code"] = code;
    return a.dump();
  };
  ASSERT_EQ(Submit(baseline["token"], coded(Answer(2, 6), "amy"), "b1").status, 201);
  ASSERT_EQ(Submit(baseline["token"], coded(Answer(4, 5), "ben"), "b2").status, 201);
  ASSERT_EQ(Submit(baseline["token"], coded(Answer(5, 5), ""), "b3").status, 201);
  const std::string base_id = baseline["id"];
  const std::string follow_id =
      Body(Call(Method::kPost, "/api/v1/surveys/" + base_id + "/duplicate", "{}", &lead))["id"];
  ASSERT_EQ(Call(Method::kPost, "/api/v1/surveys/" + follow_id + "/publish", "", &lead).status,
            200);
  const std::string follow_token =
      Body(Call(Method::kGet, "/api/v1/surveys/" + follow_id, "", &lead))["token"];
  ASSERT_EQ(Submit(follow_token, coded(Answer(6, 8), "amy"), "f1").status, 201);
  ASSERT_EQ(Submit(follow_token, coded(Answer(5, 4), "ben"), "f2").status, 201);
  ASSERT_EQ(Submit(follow_token, coded(Answer(3, 9), "cat"), "f3").status, 201);

  const std::string waves = "/api/v1/surveys/" + follow_id + "/waves?baseline=" + base_id;
  Response r = Call(Method::kGet, waves, "", &member);
  ASSERT_EQ(r.status, 200) << r.body;
  json w = Body(r);
  EXPECT_EQ(w["baseline"]["id"], base_id);
  EXPECT_EQ(w["baseline"]["used"], 3);
  EXPECT_EQ(w["follow_up"]["used"], 3);
  EXPECT_EQ(w["people_in_both"], 2);
  auto question = [&](const std::string& id) {
    for (const json& q : w["questions"])
      if (q["id"] == id) return q;
    return json();
  };
  const json lonely = question("lonely");
  EXPECT_EQ(lonely["answered_baseline"], 3);
  EXPECT_DOUBLE_EQ(lonely["mean_baseline"].get<double>(), 16.0 / 3);
  EXPECT_DOUBLE_EQ(lonely["mean_follow_up"].get<double>(), 7.0);
  EXPECT_EQ(lonely["paired"], 2);
  EXPECT_EQ(lonely["higher"], 1);
  EXPECT_EQ(lonely["lower"], 1);
  EXPECT_DOUBLE_EQ(lonely["mean_change"].get<double>(), 0.5);
  EXPECT_EQ(question("how")["options"][0],
            (json{{"option", "Friend"}, {"baseline", 3}, {"follow_up", 3}}));
  std::vector<std::string> left_out;
  for (const json& l : w["left_out"]) left_out.push_back(l["id"]);
  EXPECT_EQ(left_out, (std::vector<std::string>{"matters", "note"}));

  // An excluded response leaves both sides.
  const json items =
      Body(Call(Method::kGet, "/api/v1/surveys/" + follow_id + "/responses", "", &lead))["items"];
  ASSERT_EQ(Call(Method::kPut,
                 "/api/v1/surveys/" + follow_id + "/responses/" +
                     items[0]["id"].get<std::string>() + "/exclusion",
                 R"({"reason": "Entered twice"})", &lead)
                .status,
            200);
  w = Body(Call(Method::kGet, waves, "", &member));
  EXPECT_EQ(w["follow_up"]["used"], 2);
  EXPECT_EQ(w["people_in_both"], 1);

  // Bad or foreign baselines are named; an outsider sees no survey.
  const std::string other = CreateSurvey(outsider, elsewhere, Design())["id"];
  for (const std::string& bad : {std::string(), follow_id, other, std::string("nope")}) {
    Response refused =
        Call(Method::kGet, "/api/v1/surveys/" + follow_id + "/waves?baseline=" + bad, "", &member);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(Body(refused)["error"]["field"], "baseline") << refused.body;
  }
  EXPECT_EQ(Call(Method::kGet, waves, "", &outsider).status, 404);
}

// A decision that cites a survey keeps the results it used: the survey goes
// on collecting, and its results as of the decision stay what they were.
TEST_F(SurveyApiTest, ADecisionKeepsTheResultsItUsed) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  json survey = CreateSurvey(lead, org, Design());
  const std::string id = survey["id"], token = survey["token"];
  ASSERT_EQ(Submit(token, Answer(2, 6), "a").status, 201);
  ASSERT_EQ(Submit(token, Answer(3, 5), "b").status, 201);
  now_ += 3600;
  Response made = Call(Method::kPost, "/api/v1/organisations/" + org + "/decisions",
                       json{{"kind", "scale_up"},
                            {"title", "Run the club twice a week"},
                            {"rationale", "Members say it helps"},
                            {"survey_id", id}}
                           .dump(),
                       &lead);
  ASSERT_EQ(made.status, 201) << made.body;
  const json decision = Body(made);
  EXPECT_EQ(decision["survey_as_of"], formats::FormatTime(now_));
  now_ += 3600;
  ASSERT_EQ(Submit(token, Answer(4, 9), "c").status, 201);
  ASSERT_EQ(Submit(token, Answer(5, 5, 0.75), "d").status, 201);

  const std::string results = "/api/v1/surveys/" + id + "/results";
  const json then = Body(Call(
      Method::kGet, results + "?as_of=" + decision["survey_as_of"].get<std::string>(), "", &lead));
  EXPECT_EQ(then["as_of"], decision["survey_as_of"]);
  EXPECT_EQ(then["responses"]["used"], 2);
  EXPECT_EQ(then["outcomes"][0]["quantity"]["changed"], 2);  // 2 → 6 and 3 → 5
  const json latest = Body(Call(Method::kGet, results, "", &lead));
  EXPECT_TRUE(latest["as_of"].is_null());
  EXPECT_EQ(latest["responses"]["used"], 4);
  EXPECT_EQ(latest["outcomes"][0]["quantity"]["changed"], 3);  // and 4 → 9; 5 → 5 is no change

  // A response excluded after the decision was still used when it was made:
  // the figures as of then stay; only the latest ones leave it out.
  now_ += 60;
  const std::string first =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"][0]["id"];
  ASSERT_EQ(Call(Method::kPut, "/api/v1/surveys/" + id + "/responses/" + first + "/exclusion",
                 R"({"reason": "Entered twice"})", &lead)
                .status,
            200);
  const json still = Body(Call(
      Method::kGet, results + "?as_of=" + decision["survey_as_of"].get<std::string>(), "", &lead));
  EXPECT_EQ(still["responses"]["used"], 2);
  EXPECT_EQ(still["responses"]["excluded"], 0);
  EXPECT_EQ(still["outcomes"][0]["quantity"]["changed"], 2);
  const json now_used = Body(Call(Method::kGet, results, "", &lead));
  EXPECT_EQ(now_used["responses"]["used"], 3);
  EXPECT_EQ(now_used["responses"]["excluded"], 1);

  // Correcting the decision's words keeps the moment; citing no survey clears it.
  const std::string path =
      "/api/v1/organisations/" + org + "/decisions/" + decision["id"].get<std::string>();
  Response corrected =
      Call(Method::kPatch, path,
           json{{"title", "Twice a week"}, {"survey_id", id}, {"version", 1}}.dump(), &lead);
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(Body(corrected)["survey_as_of"], decision["survey_as_of"]);
  Response cleared =
      Call(Method::kPatch, path, json{{"survey_id", ""}, {"version", 2}}.dump(), &lead);
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(Body(cleared)["survey_as_of"].is_null());

  Response bad = Call(Method::kGet, results + "?as_of=yesterday", "", &lead);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["field"], "as_of");
}

TEST_F(SurveyApiTest, CodesGivenOutLinkWavesAndOnlyThoseCodesAreTaken) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  json design = Design();
  design["respondent_codes"] = "optional";
  json survey = CreateSurvey(lead, org, design);
  const std::string id = survey["id"];
  const std::string path = "/api/v1/surveys/" + id + "/codes";
  Response made = Call(Method::kPost, path, R"({"count": 3})", &lead);
  ASSERT_EQ(made.status, 200) << made.body;
  const json codes = Body(made)["issued_codes"];
  ASSERT_EQ(codes.size(), 3u);
  for (const auto& c : codes)
    EXPECT_TRUE(
        std::regex_match(c.get<std::string>(), std::regex("[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")))
        << c;
  EXPECT_EQ(Body(Call(Method::kPost, path, R"({"count": 2})", &lead))["issued_codes"].size(), 5u);
  // Bad counts, an outsider, an anonymous survey: refused, nothing given out.
  EXPECT_EQ(Call(Method::kPost, path, R"({"count": 0})", &lead).status, 400);
  EXPECT_EQ(Call(Method::kPost, path, R"({"count": 1001})", &lead).status, 400);
  EXPECT_EQ(Call(Method::kPost, path, R"({"count": 2})", &outsider).status, 404);
  const std::string anonymous = CreateSurvey(lead, org, Design())["id"];
  Response refused =
      Call(Method::kPost, "/api/v1/surveys/" + anonymous + "/codes", R"({"count": 2})", &lead);
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(Body(refused)["error"]["field"], "respondent_codes");
  // The public link never shows them.
  const std::string token = survey["token"];
  Response pub = Call(Method::kGet, "/api/v1/s/" + token, "");
  EXPECT_EQ(pub.body.find(codes[0].get<std::string>()), std::string::npos);
  EXPECT_FALSE(Body(pub).contains("issued_codes"));
  // A code as typed (lower case, no dash) is the code given out; another is refused.
  std::string typed = codes[0].get<std::string>();
  typed.erase(4, 1);
  std::transform(typed.begin(), typed.end(), typed.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  json answer = json::parse(Answer(3, 7));
  answer["respondent_code"] = typed;
  ASSERT_EQ(Submit(token, answer.dump(), "k1").status, 201);
  answer["respondent_code"] = "NOPE-NOPE";
  Response wrong = Submit(token, answer.dump(), "k2");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(Body(wrong)["error"]["fields"][0]["field"], "respondent_code");
  const json listed = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead));
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["respondent_code"], codes[0]);
  // A PUT that leaves them out keeps them; the next wave's copy has them too.
  json again = Body(Call(Method::kGet, "/api/v1/surveys/" + id, "", &lead));
  json put = design;
  put["version"] = again["version"];
  Response saved = Call(Method::kPut, "/api/v1/surveys/" + id, put.dump(), &lead);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(Body(saved)["issued_codes"].size(), 5u);
  Response copy = Call(Method::kPost, "/api/v1/surveys/" + id + "/duplicate", "{}", &lead);
  ASSERT_EQ(copy.status, 201);
  EXPECT_EQ(Body(copy)["issued_codes"], Body(saved)["issued_codes"]);
}

TEST_F(SurveyApiTest, PublicRespondingIsIdempotentValidatedAndRefusesWhenClosedOrFull) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  json design = Design();
  design["response_limit"] = 2;
  json survey = CreateSurvey(lead, org, design);
  const std::string token = survey["token"];

  Response page = Call(Method::kGet, "/api/v1/s/" + token);  // no session
  EXPECT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(Body(page)["organisation"], "Home");
  EXPECT_EQ(Body(page)["questions"].size(), 8u);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/s/not-a-token").status, 404);

  Response first = Submit(token, Answer(3, 7), "key-1");
  EXPECT_EQ(first.status, 201) << first.body;
  Response retry = Submit(token, Answer(3, 7), "key-1");
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.body, first.body);
  EXPECT_EQ(Submit(token, Answer(3, 8), "key-1").status, 409);  // same key, other answers
  EXPECT_EQ(Submit(token, Answer(3, 7), "").status, 400);       // no key

  Response wrong = Submit(
      token, json{{"answers", {{"lonely", {{"before", 11}, {"now", 2}}}, {"zzz", 1}}}}.dump(),
      "key-2");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  std::set<std::string> fields;
  const json answer_errors = Body(wrong);
  for (const json& f : answer_errors["error"]["fields"])
    fields.insert(f["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("answers.zzz")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.lonely")) << wrong.body;
  EXPECT_TRUE(fields.contains("answers.how")) << wrong.body;  // required

  EXPECT_EQ(Submit(token, std::string(70 * 1024, ' '), "key-big").status, 413);
  EXPECT_EQ(Submit(token, Answer(2, 2), "key-3").status, 201);
  Response full = Submit(token, Answer(2, 2), "key-4");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(Body(full)["error"]["message"].get<std::string>().find("no longer takes answers"),
            std::string::npos);
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status,
            200);  // a retry is still answered when full

  json closed = Design();
  closed["opens_on"] = Day(-30);
  closed["closes_on"] = Day(1);
  json old = CreateSurvey(lead, org, closed);
  now_ += 3 * 86400;  // its last day has passed
  Response late = Submit(old["token"], Answer(1, 2), "key-5");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(Body(late)["error"]["message"].get<std::string>().find("closed"), std::string::npos);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/s/" + old["token"].get<std::string>()))["state"],
            "closed");
}

// A survey's writer remembers it between batches instead of reading it again;
// the count's UPDATE checks its version, so a limit set since is kept all
// the same (the batch is written again with the survey read afresh).
TEST_F(SurveyApiTest, ALimitSetAfterResponsesCameIsKeptByTheWriterThatKnewTheSurvey) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const json survey = CreateSurvey(lead, org, Design());
  const std::string token = survey["token"], id = survey["id"];
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status, 201);
  EXPECT_EQ(Submit(token, Answer(3, 8), "key-2").status, 201);
  json edit = Design();
  edit["response_limit"] = 2;
  edit["version"] = survey["version"];
  Response edited = Call(Method::kPut, "/api/v1/surveys/" + id, edit.dump(), &lead);
  ASSERT_EQ(edited.status, 200) << edited.body;
  Response full = Submit(token, Answer(2, 2), "key-3");
  EXPECT_EQ(full.status, 409) << full.body;
  EXPECT_NE(Body(full)["error"]["message"].get<std::string>().find("no longer takes answers"),
            std::string::npos)
      << full.body;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id, "", &lead))["response_count"], 2);
}

// The survey writers append each batch's entry on the tip of the
// organisation's audit chain as they left it, without reading the chain. A
// tip that anything else made wrong (another server appending to the chain,
// an edit in the organisation, a new signing key) fails the batch, which is
// written again reading the chain: every response is kept once, and the
// trail stays whole and signed by a key that was current.
TEST_F(SurveyApiTest, ResponsesBesideOtherAppendsToTheChainKeepTheAuditTrailWhole) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  const json survey = CreateSurvey(lead, org, Design());
  const std::string token = survey["token"], id = survey["id"];
  auto append_elsewhere = [&] {
    return store_->Write([&](app::Transaction& tx) {
      return app::AppendAuditEvent(
          tx, {"u-other", "organisation.note", "organisation", org, org, "{}"}, now_);
    });
  };
  ASSERT_EQ(Submit(token, Answer(3, 7), "first").status, 201);  // the writers' tip
  ASSERT_TRUE(append_elsewhere());
  EXPECT_EQ(Submit(token, Answer(3, 8), "second").status, 201);
  ASSERT_TRUE(app::RotateSigningKey(*store_, now_));
  now_ += 10;  // a checkpoint by the retired key would not verify now
  EXPECT_EQ(Submit(token, Answer(2, 8), "third").status, 201);

  constexpr int kThreads = 6, kEach = 8;
  std::vector<int> statuses(kThreads * kEach);
  int elsewhere = 0;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i)
          statuses[t * kEach + i] = Submit(token, Answer(t % 10, i), fmt::format("k-{}-{}", t, i),
                                           fmt::format("192.0.2.{}", 10 + t))
                                        .status;
      });
    }
    threads.emplace_back([&] {
      for (int i = 0; i < 6; ++i) elsewhere += append_elsewhere() ? 1 : 0;
    });
  }
  EXPECT_EQ(elsewhere, 6);
  EXPECT_EQ(std::ranges::count(statuses, 201), kThreads * kEach);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id, "", &lead))["response_count"],
            kThreads * kEach + 3);
  AuditEntries();  // which verifies the trail, its signatures too
  const json received = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  int64_t counted = 0;
  for (const json& item : received["items"])
    if (item["action"] == "survey.responses_received") ++counted;
  EXPECT_GE(counted, 4);
}

// A survey's life: a draft is seen by its team only (its link shows a page
// without its questions and takes no answers), is published, closed (answers
// refused, retries of stored ones still answered), reopened; only a draft is
// deleted, and each step is audited.
TEST_F(SurveyApiTest, ADraftIsPublishedClosedReopenedAndOnlyADraftIsDeleted) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session outsider = SignUp("outsider@example.org");
  CreateOrganisation(outsider, "Elsewhere");
  json design = Design();
  design["status"] = "closed";
  Response refused =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", design.dump(), &lead);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(Body(refused)["error"]["field"], "status");
  design["status"] = "draft";
  const json draft = CreateSurvey(member, org, design);
  EXPECT_EQ(draft["status"], "draft");
  EXPECT_EQ(draft["state"], "draft");
  const std::string id = draft["id"], token = draft["token"];
  const std::string at = "/api/v1/surveys/" + id;

  // The link: a page that says so, without the questions; no answers taken.
  const json page = Body(Call(Method::kGet, "/api/v1/s/" + token));
  EXPECT_EQ(page["state"], "draft");
  EXPECT_EQ(page["title"], "Club members");
  EXPECT_EQ(page["questions"].size(), 0u);
  EXPECT_NE(page["message"].get<std::string>().find("does not take answers yet"),
            std::string::npos);
  Response early = Submit(token, Answer(3, 7), "key-1");
  EXPECT_EQ(early.status, 409) << early.body;

  // Wrong steps are refused in words, and change nothing.
  for (const char* step : {"/close", "/reopen"}) {
    Response r = Call(Method::kPost, at + step, "", &lead);
    EXPECT_EQ(r.status, 409) << step;
    EXPECT_NE(Body(r)["error"]["message"].get<std::string>().find("this survey is a draft"),
              std::string::npos)
        << r.body;
  }
  EXPECT_EQ(Call(Method::kPost, at + "/publish", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kPost, at + "/publish").status, 401);
  EXPECT_EQ(Body(Call(Method::kGet, at, "", &lead))["status"], "draft");

  // Published: the questions are there, answers are taken. Twice is no error.
  json published = Body(Call(Method::kPost, at + "/publish", "", &member));
  EXPECT_EQ(published["status"], "published");
  EXPECT_EQ(published["state"], "open");
  EXPECT_EQ(published["version"], draft["version"].get<int>() + 1);
  EXPECT_EQ(Call(Method::kPost, at + "/publish", "", &member).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/s/" + token))["questions"].size(), 8u);
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status, 201);
  Response gone = Call(Method::kDelete, at, "", &lead);
  EXPECT_EQ(gone.status, 409);
  EXPECT_NE(Body(gone)["error"]["message"].get<std::string>().find("only a draft can be deleted"),
            std::string::npos);

  // Closed: no new answers, a retry of a stored one is still answered.
  EXPECT_EQ(Body(Call(Method::kPost, at + "/close", "", &lead))["state"], "closed");
  Response late = Submit(token, Answer(1, 2), "key-2");
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Submit(token, Answer(3, 7), "key-1").status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/s/" + token))["state"], "closed");
  EXPECT_EQ(Call(Method::kPost, at + "/publish", "", &lead).status, 409);
  EXPECT_EQ(Call(Method::kDelete, at, "", &lead).status, 409);

  // Reopened: answers again; the response kept through it all.
  EXPECT_EQ(Body(Call(Method::kPost, at + "/reopen", "", &lead))["status"], "published");
  EXPECT_EQ(Submit(token, Answer(1, 2), "key-2").status, 201);
  EXPECT_EQ(Body(Call(Method::kGet, at, "", &lead))["response_count"], 2);
  std::vector<std::string> actions;
  const json history = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  for (const json& e : history["items"]) actions.push_back(e["action"]);
  for (const char* a : {"survey.create", "survey.publish", "survey.close", "survey.reopen"})
    EXPECT_NE(std::find(actions.begin(), actions.end(), a), actions.end()) << a;

  // A draft is deleted with its link; another organisation's user cannot.
  const json other = CreateSurvey(lead, org, design);
  const std::string other_at = "/api/v1/surveys/" + other["id"].get<std::string>();
  EXPECT_EQ(Call(Method::kDelete, other_at, "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kDelete, other_at, "", &member).status, 204);
  EXPECT_EQ(Call(Method::kGet, other_at, "", &lead).status, 404);
  EXPECT_EQ(Call(Method::kGet, "/api/v1/s/" + other["token"].get<std::string>()).status, 404);
  // A closing day in the past would close the survey as it opens: refused.
  json past = Design();
  past["closes_on"] = Day(-1);
  Response closed_already =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/surveys", past.dump(), &lead);
  EXPECT_EQ(closed_already.status, 400);
  EXPECT_EQ(Body(closed_already)["error"]["field"], "closes_on") << closed_already.body;
  // Paper answers imported into a draft are not lost with it.
  const std::string typed_in =
      "/api/v1/surveys/" + CreateSurvey(lead, org, design)["id"].get<std::string>();
  ASSERT_EQ(
      CallCsv(typed_in + "/responses/import", "how,lonely.before,lonely.now\r\nGP,3,6\r\n", &lead)
          .status,
      200);
  Response kept = Call(Method::kDelete, typed_in, "", &lead);
  EXPECT_EQ(kept.status, 409);
  EXPECT_NE(kept.body.find("would lose them"), std::string::npos) << kept.body;
  // The next wave: a draft with the same questions, its own link, no answers, no dates.
  json dated = Design();
  dated["closes_on"] = "2031-01-31";
  const json first_wave = CreateSurvey(lead, org, dated);
  const std::string wave = "/api/v1/surveys/" + first_wave["id"].get<std::string>();
  Response copy = Call(Method::kPost, wave + "/duplicate", "{}", &member);
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(Body(copy)["title"], "Club members (copy)");
  EXPECT_EQ(Body(copy)["status"], "draft");
  EXPECT_EQ(Body(copy)["questions"], first_wave["questions"]);
  EXPECT_EQ(Body(copy)["response_count"], 0);
  EXPECT_TRUE(Body(copy)["closes_on"].is_null());
  EXPECT_NE(Body(copy)["token"], first_wave["token"]);
  EXPECT_EQ(Body(Call(Method::kPost, wave + "/duplicate", R"({"title": "Club members, wave 2"})",
                      &lead))["title"],
            "Club members, wave 2");
  EXPECT_EQ(
      Body(Call(Method::kPost, wave + "/duplicate", R"({"title": ""})", &lead))["error"]["field"],
      "title");
  EXPECT_EQ(Call(Method::kPost, wave + "/duplicate", "{}", &outsider).status, 404);
  // Without a status a survey is published at once, as before.
  EXPECT_EQ(CreateSurvey(lead, org, Design())["status"], "published");
}

TEST_F(SurveyApiTest, RateLimitsPerAddress) {
  app::SurveyOptions limits;
  limits.per_address_rate = 0.001;
  limits.per_address_burst = 3;
  platform_->surveys.ConfigureSurveys(limits);
  Session lead = SignUp("lead@example.org");
  const std::string token = CreateSurvey(lead, CreateOrganisation(lead, "Home"), Design())["token"];
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(Submit(token, Answer(1, 2), fmt::format("k{}", i), "198.51.100.1").status, 201);
  Response limited = Submit(token, Answer(1, 2), "k9", "198.51.100.1");
  EXPECT_EQ(limited.status, 429) << limited.body;
  // One token every 1,000 s: the refusal says so, not a fixed 15 minutes.
  std::string retry_after;
  for (const auto& [name, value] : limited.headers)
    if (name == "Retry-After") retry_after = value;
  EXPECT_EQ(retry_after, "1000");
  EXPECT_EQ(Submit(token, Answer(1, 2), "k10", "198.51.100.2").status, 201);  // another address
}

TEST_F(SurveyApiTest, ResultsExclusionAndCsvRoundTrip) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  json survey = CreateSurvey(lead, org, Design());
  const std::string id = survey["id"], token = survey["token"];
  // 3 of 4 improve; deadweight answers 0.25, 0.25, 0.25, 0.75.
  EXPECT_EQ(Submit(token, Answer(2, 6), "a").status, 201);
  EXPECT_EQ(Submit(token, Answer(3, 5), "b").status, 201);
  EXPECT_EQ(Submit(token, Answer(4, 9), "c").status, 201);
  EXPECT_EQ(Submit(token, Answer(5, 5, 0.75), "d").status, 201);

  json results =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results?provenance=true", "", &member));
  EXPECT_EQ(results["responses"]["used"], 4);
  json lonely = results["outcomes"][0];
  EXPECT_EQ(lonely["quantity"]["respondents"], 4);
  EXPECT_EQ(lonely["quantity"]["changed"], 3);
  EXPECT_TRUE(lonely["quantity"]["sample"]);
  EXPECT_DOUBLE_EQ(lonely["quantity"]["value"].get<double>(), 150.0);  // 3/4 of 200
  EXPECT_LT(lonely["quantity"]["low"].get<double>(), 150.0);
  EXPECT_GT(lonely["quantity"]["high"].get<double>(), 150.0);
  EXPECT_EQ(lonely["quantity"]["response_ids"].size(), 3u);
  EXPECT_DOUBLE_EQ(lonely["deadweight"]["value"].get<double>(), 0.375);
  EXPECT_DOUBLE_EQ(lonely["attribution"]["value"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(lonely["duration"]["value"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(lonely["relative_importance"].get<double>(), 0.75);
  // The same figures under an impact map's field names.
  EXPECT_DOUBLE_EQ(lonely["impact_map"]["quantity"]["mode"].get<double>(), 150.0);
  EXPECT_DOUBLE_EQ(lonely["impact_map"]["deadweight"].get<double>(), 0.375);
  EXPECT_EQ(lonely["impact_map"]["duration_years"], 2);
  EXPECT_FALSE(results["outcomes"][1]["impact_map"].contains("quantity"));  // nothing measured it
  EXPECT_EQ(results["questions"][0]["distribution"][0]["count"], 4);

  json list = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses?limit=2", "", &member));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_FALSE(list["next_cursor"].is_null());
  const std::string last =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/responses", "", &lead))["items"][3]["id"];
  const std::string path = "/api/v1/surveys/" + id + "/responses/" + last + "/exclusion";
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": "test entry"})", &member).status, 403);
  EXPECT_EQ(Call(Method::kPut, path, R"({"reason": ""})", &lead).status, 400);
  Response ex =
      Call(Method::kPut, path, R"({"reason": "Filled in by a volunteer as a test"})", &lead);
  EXPECT_EQ(ex.status, 200) << ex.body;
  results = Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "", &lead));
  EXPECT_EQ(results["responses"]["used"], 3);
  EXPECT_EQ(results["responses"]["excluded"], 1);
  EXPECT_DOUBLE_EQ(results["outcomes"][0]["deadweight"]["value"].get<double>(), 0.25);
  // The list shows those used, or those excluded, with the reason.
  const std::string responses = "/api/v1/surveys/" + id + "/responses";
  const json excluded = Body(Call(Method::kGet, responses + "?show=excluded", "", &member));
  ASSERT_EQ(excluded["items"].size(), 1u);
  EXPECT_EQ(excluded["items"][0]["id"], last);
  EXPECT_EQ(excluded["items"][0]["excluded"]["reason"], "Filled in by a volunteer as a test");
  EXPECT_EQ(Body(Call(Method::kGet, responses + "?show=used", "", &member))["items"].size(), 3u);
  EXPECT_EQ(Body(Call(Method::kGet, responses + "?show=all", "", &member))["items"].size(), 4u);
  EXPECT_EQ(Body(Call(Method::kGet, responses + "?show=some", "", &member))["error"]["field"],
            "show");
  EXPECT_EQ(Call(Method::kDelete, path, "", &lead).status, 200);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results", "",
                      &lead))["responses"]["used"],
            4);
  EXPECT_EQ(
      Body(Call(Method::kGet, "/api/v1/audit/survey_response/" + last, "", &lead))["items"].size(),
      2u);

  Response csv = Call(Method::kGet, "/api/v1/surveys/" + id + "/responses.csv", "", &member);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, csv.body.find('\r')),
            "id,submitted_at,source,excluded_reason,respondent_code,how,lonely.before,lonely.now,"
            "anyway,others,lasts,"
            "matters.lonely,matters.fit,score,note");
  // The export imports into another survey of the same design, once.
  const std::string copy = CreateSurvey(lead, org, Design())["id"];
  Response imported = CallCsv("/api/v1/surveys/" + copy + "/responses/import", csv.body, &member);
  EXPECT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Body(imported)["imported"], 4);
  EXPECT_EQ(Body(CallCsv("/api/v1/surveys/" + copy + "/responses/import", csv.body,
                         &member))["already_present"],
            4);
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + copy + "/results", "",
                      &lead))["outcomes"][0]["quantity"]["changed"],
            3);
  Response bad = CallCsv("/api/v1/surveys/" + copy + "/responses/import",
                         "how,lonely.before,lonely.now\r\nNobody,1,2\r\n", &member);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("row 2"), std::string::npos) << bad.body;
  // A row with a cell too many, after a note that runs over two lines, is
  // named by its row and the line it starts on; nothing is imported.
  Response ragged = CallCsv("/api/v1/surveys/" + copy + "/responses/import",
                            "respondent_code,note\r\nx1,\"first line\nsecond, with a comma\"\r\n"
                            "x2,fine,extra\r\n",
                            &member);
  EXPECT_EQ(ragged.status, 400) << ragged.body;
  EXPECT_NE(ragged.body.find("row 3 (line 4)"), std::string::npos) << ragged.body;
  EXPECT_EQ(Body(Call(Method::kGet, "/api/v1/surveys/" + copy + "/results", "",
                      &lead))["responses"]["used"],
            4);
}

TEST_F(SurveyApiTest, ApplyingResultsMakesAnEvaluationOfTheMapThatCitesTheResponses) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session member = Join(lead, org, "member@example.org", "member");
  Session assessor = Staff("assessor@example.org", PlatformRole::kAssessor);
  Session outsider = SignUp("outsider@example.org");
  const std::string other_org = CreateOrganisation(outsider, "Elsewhere");
  json survey = CreateSurvey(lead, org, Design());
  const std::string id = survey["id"], token = survey["token"];
  // 3 of 4 say "now" is higher than "before".
  EXPECT_EQ(Submit(token, Answer(2, 6), "a").status, 201);
  EXPECT_EQ(Submit(token, Answer(3, 5), "b").status, 201);
  EXPECT_EQ(Submit(token, Answer(4, 9), "c").status, 201);
  EXPECT_EQ(Submit(token, Answer(5, 5, 0.75), "d").status, 201);
  const std::string file = ReadSource("examples/lunch-club.json");
  Response created =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/impact-maps", file, &lead);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string map_id = Body(created)["id"];
  const std::string maps = "/api/v1/impact-maps/" + map_id;
  Response foreign_map =
      Call(Method::kPost, "/api/v1/organisations/" + other_org + "/impact-maps", file, &outsider);
  ASSERT_EQ(foreign_map.status, 201);
  const std::string apply = "/api/v1/surveys/" + id + "/apply";
  const std::string preview = apply + "/preview";
  auto body = [&](const std::string& map, json outcomes, std::optional<int> version,
                  const char* scale = nullptr) {
    json b{{"impact_map_id", map}, {"outcomes", outcomes}};
    if (version) b["version"] = *version;
    if (scale) b["scale"] = scale;
    return b.dump();
  };
  const json mapping{{"lonely", "members-less-lonely"}};
  const json forecast = Body(Call(Method::kGet, maps, "", &lead));
  const double ratio_before = Body(Call(Method::kGet, maps + "/results", "", &lead))["sroi_ratio"];

  // Bad input changes nothing, whether previewed or applied.
  const int64_t before = AuditEntries();
  auto refused = [&](const Response& r, int status, const std::string& field) {
    EXPECT_EQ(r.status, status) << r.body;
    const json e = Body(r)["error"];
    bool named = e.value("field", "") == field;
    if (e.contains("fields"))
      for (const json& f : e["fields"]) named = named || f["field"] == field;
    EXPECT_TRUE(named) << field << ": " << r.body;
  };
  for (const std::string& route : {apply, preview}) {
    refused(
        Call(Method::kPost, route, body(map_id, {{"nowhere", "members-less-lonely"}}, 1), &member),
        400, "outcomes.nowhere");
    refused(Call(Method::kPost, route, body(map_id, {{"lonely", "no-such-outcome"}}, 1), &member),
            400, "outcomes.lonely");
    refused(Call(Method::kPost, route, body(map_id, {{"fit", "members-hot-meals"}}, 1), &member),
            400, "outcomes.fit");  // nothing measured it
    refused(Call(Method::kPost, route, body(map_id, mapping, 7), &member), 400, "version");
    refused(Call(Method::kPost, route, body(map_id, mapping, 1, "everyone"), &member), 400,
            "scale");
    refused(Call(Method::kPost, route,
                 json{{"impact_map_id", map_id}, {"outcomes", mapping}, {"name", "a\nb"}}.dump(),
                 &member),
            400, "name");
    refused(Call(Method::kPost, route, body(Body(foreign_map)["id"], mapping, 1), &member), 400,
            "impact_map_id");
    refused(Call(Method::kPost, route, body("no-such-map", mapping, 1), &member), 400,
            "impact_map_id");
    refused(Call(Method::kPost, route, json{{"outcomes", mapping}, {"extra", 1}}.dump(), &member),
            400, "impact_map_id");
    EXPECT_EQ(Call(Method::kPost, route, body(map_id, mapping, 1), &outsider).status, 404);
    EXPECT_EQ(Call(Method::kPost, route, body(map_id, mapping, 1), &assessor).status,
              404);  // not an organisation they assess
    EXPECT_EQ(Call(Method::kPost, route, body(map_id, mapping, 1)).status, 401);
  }
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Body(Call(Method::kGet, maps, "", &lead)), forecast);

  // The preview: each figure old → new, the ratio before and after, and the
  // warnings. The quantity is scaled to the map's group of 80 members:
  // 3 of 4 × 80 = 60, and the 95 % interval is 80 × Wilson(3, 4) with the
  // finite population correction (n_eff = 4 × 79 / 76): 24.54 to 76.25.
  Response seen = Call(Method::kPost, preview, body(map_id, mapping, std::nullopt), &member);
  ASSERT_EQ(seen.status, 200) << seen.body;
  const json p = Body(seen);
  EXPECT_EQ(p["impact_map"]["id"], map_id);
  EXPECT_EQ(p["impact_map"]["version"], 1);
  EXPECT_EQ(p["scale"], "map");
  EXPECT_DOUBLE_EQ(p["sroi_ratio_before"].get<double>(), ratio_before);
  std::map<std::string, json> figure;
  for (const json& f : p["figures"]) figure[f["field"].get<std::string>()] = f;
  ASSERT_EQ(figure.size(), 4u) << p.dump();  // quantity, deadweight, attribution, duration
  EXPECT_EQ(figure["quantity"]["outcome"], "Members feel less lonely and have more social contact");
  EXPECT_DOUBLE_EQ(figure["quantity"]["before"].get<double>(), 55);
  EXPECT_DOUBLE_EQ(figure["quantity"]["after"].get<double>(), 60);
  EXPECT_EQ(figure["quantity"]["answered"], 4);
  EXPECT_NEAR(figure["quantity"]["low"].get<double>(), 24.54, 0.01);
  EXPECT_NEAR(figure["quantity"]["high"].get<double>(), 76.25, 0.01);
  EXPECT_DOUBLE_EQ(figure["deadweight"]["before"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(figure["deadweight"]["after"].get<double>(), 0.375);  // (3 × 0.25 + 0.75) / 4
  EXPECT_DOUBLE_EQ(figure["attribution"]["after"].get<double>(), 0.5);
  EXPECT_EQ(figure["duration_years"]["before"], 2);
  EXPECT_EQ(figure["duration_years"]["after"], 2);
  std::string warnings;
  for (const json& w : p["warnings"]) warnings += w["message"].get<std::string>() + "\n";
  EXPECT_NE(warnings.find("Only 4 answered the questions behind “Members feel less lonely and "
                          "have more social contact”"),
            std::string::npos)
      << warnings;
  EXPECT_NE(warnings.find("The 95 % interval of the quantity"), std::string::npos) << warnings;
  EXPECT_EQ(warnings.find("more than the 80 people"), std::string::npos) << warnings;
  EXPECT_EQ(AuditEntries(), before);  // a preview saves nothing

  // The survey's own scale (its population of 200) would claim more people
  // than the group has: 3 of 4 × 200 = 150.
  const json own = Body(Call(Method::kPost, preview, body(map_id, mapping, 1, "survey"), &member));
  EXPECT_DOUBLE_EQ(own["figures"][0]["after"].get<double>(), 150);
  std::string own_warnings;
  for (const json& w : own["warnings"]) own_warnings += w["message"].get<std::string>() + "\n";
  EXPECT_NE(own_warnings.find("The quantity of “Members feel less lonely and have more social "
                              "contact”, 150, is more than the 80 people in the stakeholder group "
                              "“Older people attending the lunch club”."),
            std::string::npos)
      << own_warnings;
  EXPECT_EQ(own_warnings.find("The SROI ratio moves"), std::string::npos) << own_warnings;

  // On a map where that outcome is all the value, 10 people becoming 60
  // moves the ratio from 1.00 : 1 to more than half again.
  const json small = json::parse(R"({"name": "Small", "currency": "GBP",
    "stakeholders": [{"id": "members", "name": "Members", "size": 80}],
    "inputs": [{"stakeholder": "members", "description": "Grant", "value": 1000}],
    "outcomes": [{"id": "o", "stakeholder": "members", "description": "Less lonely",
                  "quantity": 10, "duration_years": 1,
                  "proxy": {"value": 103.5, "description": "A year less lonely", "source": "Study"},
                  "deadweight": 0, "displacement": 0, "attribution": 0, "drop_off": 0}]})");
  Response small_map =
      Call(Method::kPost, "/api/v1/organisations/" + org + "/impact-maps", small.dump(), &lead);
  ASSERT_EQ(small_map.status, 201) << small_map.body;
  const json moved =
      Body(Call(Method::kPost, preview,
                body(Body(small_map)["id"], {{"lonely", "o"}}, std::nullopt), &member));
  std::string moved_warnings;
  for (const json& w : moved["warnings"]) moved_warnings += w["message"].get<std::string>() + "\n";
  EXPECT_NE(moved_warnings.find("The SROI ratio moves from 1.00 : 1 to "), std::string::npos)
      << moved.dump();

  // Applying: a new evaluative map linked to the forecast, which is unchanged.
  const int64_t before_apply = AuditEntries();
  Response ok = Call(Method::kPost, apply, body(map_id, mapping, 1), &member);
  ASSERT_EQ(ok.status, 201) << ok.body;
  const std::string evaluation_id = Body(ok)["impact_map_id"];
  EXPECT_NE(evaluation_id, map_id);
  EXPECT_EQ(Body(ok)["version"], 1);
  EXPECT_EQ(Body(ok)["name"],
            forecast["name"].get<std::string>() + " – evaluation from “Club members”");
  EXPECT_EQ(Body(ok)["evaluation_of"], (json{{"id", map_id}, {"version", 1}}));
  EXPECT_EQ(Body(ok)["warnings"], p["warnings"]);
  EXPECT_EQ(AuditEntries(), before_apply + 2);  // the new map and the application
  EXPECT_EQ(Body(Call(Method::kGet, maps, "", &lead)), forecast);
  const std::string evaluation = "/api/v1/impact-maps/" + evaluation_id;
  json map = Body(Call(Method::kGet, evaluation, "", &lead));
  EXPECT_EQ(map["kind"], "evaluative");
  json outcome;
  for (const json& o : map["outcomes"])
    if (o["id"] == "members-less-lonely") outcome = o;
  EXPECT_DOUBLE_EQ(outcome["quantity"]["mode"].get<double>(), 60);
  EXPECT_NEAR(outcome["quantity"]["low"].get<double>(), 24.54, 0.01);
  EXPECT_EQ(outcome["sample_size"], 4);
  EXPECT_EQ(outcome["quantity_source"],
            "Survey “Club members”: 3 of 4 respondents reported a positive change");
  EXPECT_DOUBLE_EQ(outcome["deadweight"].get<double>(), 0.375);
  EXPECT_EQ(outcome["duration_years"], 2);
  const json evaluated = Body(Call(Method::kGet, evaluation + "/results", "", &lead));
  EXPECT_DOUBLE_EQ(evaluated["sroi_ratio"].get<double>(), p["sroi_ratio_after"].get<double>());

  // Forecast against evaluation works at once, outcome by outcome.
  Response compared = Call(Method::kGet, maps + "/compare?with=" + evaluation_id, "", &lead);
  ASSERT_EQ(compared.status, 200) << compared.body;
  EXPECT_DOUBLE_EQ(Body(compared)["forecast"]["sroi_ratio"].get<double>(), ratio_before);
  EXPECT_DOUBLE_EQ(Body(compared)["evaluation"]["sroi_ratio"].get<double>(),
                   p["sroi_ratio_after"].get<double>());

  Response prov = Call(Method::kGet, evaluation + "/provenance", "", &member);
  ASSERT_EQ(prov.status, 200) << prov.body;
  EXPECT_EQ(Body(prov)["evaluation_of"], (json{{"id", map_id}, {"version", 1}}));
  json results =
      Body(Call(Method::kGet, "/api/v1/surveys/" + id + "/results?provenance=true", "", &lead));
  const json cited = Body(prov)["outcomes"]["members-less-lonely"];
  EXPECT_EQ(cited["quantity"]["survey_id"], id);
  EXPECT_EQ(cited["quantity"]["survey_title"], "Club members");
  EXPECT_EQ(cited["quantity"]["response_ids"].size(), 4u);
  EXPECT_EQ(cited["deadweight"]["response_ids"],
            results["outcomes"][0]["deadweight"]["response_ids"]);
  EXPECT_EQ(cited["duration_years"]["applied_by"], member.user_id);
  EXPECT_FALSE(cited.contains("drop_off"));
  EXPECT_EQ(Body(prov)["outcomes"].size(), 1u);
  EXPECT_TRUE(Body(Call(Method::kGet, maps + "/provenance", "", &lead))["outcomes"].empty());
  EXPECT_FALSE(Body(Call(Method::kGet, maps + "/provenance", "", &lead)).contains("evaluation_of"));
  EXPECT_EQ(Call(Method::kGet, evaluation + "/provenance", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, evaluation + "/provenance?version=9", "", &lead).status, 404);
  // The design's changes, and one entry for each batch of responses received.
  int survey_changes = 0;
  const json history_of_survey = Body(Call(Method::kGet, "/api/v1/audit/survey/" + id, "", &lead));
  for (const json& item : history_of_survey["items"])
    if (item["action"] != "survey.responses_received") ++survey_changes;
  EXPECT_EQ(survey_changes, 2) << history_of_survey.dump();

  // A figure edited by hand no longer cites the survey; the others still do,
  // and the evaluation still names its forecast.
  json edited = map;
  for (json& o : edited["outcomes"])
    if (o["id"] == "members-less-lonely") o["deadweight"] = 0.1;
  ASSERT_EQ(Call(Method::kPut, evaluation, edited.dump(), &lead).status, 200);
  const json after = Body(Call(Method::kGet, evaluation + "/provenance", "", &lead));
  EXPECT_FALSE(after["outcomes"]["members-less-lonely"].contains("deadweight"));
  EXPECT_TRUE(after["outcomes"]["members-less-lonely"].contains("quantity"));
  EXPECT_EQ(after["evaluation_of"]["id"], map_id);
  EXPECT_EQ(Body(Call(Method::kGet, evaluation + "/provenance?version=1", "",
                      &lead))["outcomes"]["members-less-lonely"]
                .size(),
            4u);
}

// The survey's link as a QR code, to print: SVG and PNG, for the
// organisation's people only.
TEST_F(SurveyApiTest, TheLinkIsGivenAsAQrCodeInSvgAndPng) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session outsider = SignUp("outsider@example.org");
  const json survey = CreateSurvey(lead, org, Design());
  const std::string base = "/api/v1/surveys/" + survey["id"].get<std::string>();
  Response svg = Call(Method::kGet, base + "/qr.svg", "", &lead);
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.content_type, "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.body.find("<path fill=\"#000\" d=\"M4 4h1v1h-1z"), std::string::npos)
      << "a finder pattern starts at the corner of the quiet zone";
  Response png = Call(Method::kGet, base + "/qr.png", "", &lead);
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.content_type, "image/png");
  EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(Call(Method::kGet, base + "/qr.svg", "", &outsider).status, 404);
  EXPECT_EQ(Call(Method::kGet, base + "/qr.png", "", nullptr).status, 401);
}

// Free text is read per question, searched in any case, a page at a time.
TEST_F(SurveyApiTest, FreeTextAnswersAreReadAndSearchedPerQuestion) {
  Session lead = SignUp("lead@example.org");
  const std::string org = CreateOrganisation(lead, "Home");
  Session outsider = SignUp("outsider@example.org");
  const json survey = CreateSurvey(lead, org, Design());
  const std::string token = survey["token"];
  int n = 0;
  for (const char* note : {"The lunch was GREAT", "", "great people, good food", "Too far"}) {
    json body = json::parse(Answer(2, 6));
    if (*note) body["answers"]["note"] = note;
    ASSERT_EQ(Submit(token, body.dump(), fmt::format("key-{}", ++n)).status, 201);
  }
  const std::string base =
      "/api/v1/surveys/" + survey["id"].get<std::string>() + "/questions/note/answers";
  Response all = Call(Method::kGet, base, "", &lead);
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(Body(all)["answered"], 3);
  EXPECT_EQ(Body(all)["matching"], 3);
  ASSERT_EQ(Body(all)["items"].size(), 3u);
  EXPECT_EQ(Body(all)["items"][0]["text"], "The lunch was GREAT");

  Response great = Call(Method::kGet, base + "?q=great&limit=1", "", &lead);
  ASSERT_EQ(great.status, 200) << great.body;
  EXPECT_EQ(Body(great)["matching"], 2);
  ASSERT_EQ(Body(great)["items"].size(), 1u);
  const std::string cursor = Body(great)["next_cursor"];
  const json second =
      Body(Call(Method::kGet, base + "?q=great&limit=1&cursor=" + cursor, "", &lead));
  ASSERT_EQ(second["items"].size(), 1u);
  EXPECT_EQ(second["items"][0]["text"], "great people, good food");
  EXPECT_TRUE(second["next_cursor"].is_null());

  // Only free text is read this way; a question must be the survey's.
  const std::string q = "/api/v1/surveys/" + survey["id"].get<std::string>() + "/questions/";
  Response scale = Call(Method::kGet, q + "score/answers", "", &lead);
  EXPECT_EQ(scale.status, 400);
  EXPECT_EQ(Body(scale)["error"]["field"], "question_id");
  EXPECT_EQ(Call(Method::kGet, q + "nothing/answers", "", &lead).status, 404);
  EXPECT_EQ(Call(Method::kGet, base + "?q=\x01", "", &lead).status, 400);
  EXPECT_EQ(Call(Method::kGet, base, "", &outsider).status, 404);
}

}  // namespace
}  // namespace valuemark::http
