// The longest words a survey's design and its translations take, in
// characters: the server's checks (CheckDesign in src/core/survey.cpp;
// docs/openapi.json states those of help, section and the translations).
// The designer's fields stop there and count down near the limit.
export const DESIGN_LIMITS = {
  title: 200,
  description: 4000,
  outcomeName: 200,
  questionText: 1000,
  help: 1000,
  section: 200,
} as const;
