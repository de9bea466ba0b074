// ESLint for the web app (src/) and its end-to-end tests (e2e/), run by
// `npm run lint` and so by `make lint` and `make test`. A rule is switched off
// only with its reason; an `eslint-disable` comment says why after `--`.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // src/api/schema.d.ts is generated from docs/openapi.json (npm run generate).
  { ignores: ["dist/", "node_modules/", "src/api/schema.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    // The rules of hooks. Version 7's preset adds the React Compiler's rules
    // (refs, purity, set-state-in-effect, ...), which judge code written for
    // that compiler; the app is built without it (vite.config.ts).
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["src/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["e2e/**/*.mjs"],
    // The tests run in Node.js; the callbacks they hand to page.evaluate run in the page.
    languageOptions: { globals: { ...globals.node, document: "readonly", window: "readonly" } },
  },
  {
    // The survey link's service worker is plain JavaScript copied as it is.
    files: ["public/**/*.js"],
    languageOptions: { globals: globals.serviceworker },
  },
  {
    files: ["vite.config.ts", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
  {
    // A disable comment that no longer silences anything is itself a finding.
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
);
