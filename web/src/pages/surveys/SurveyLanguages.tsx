// The survey in other languages, in the designer (docs/api.md "Surveys":
// translations): the language the survey is written in, and for each other
// language its words beside the original ones. Respondents choose the
// language at the top of the form; their answers merge, because only the
// words change.
import { useState } from 'react';
import { isChoice, optionsOf, blankTranslation, type DraftLanguages, type DraftOutcome, type DraftQuestion, type DraftTranslation, type DraftWords } from './designDraft';
import { languageName } from './languages';
import { CountedField, CountedInput } from '../../components/CharacterCount';
import { DESIGN_LIMITS } from './limits';

// Languages offered to add; any other is typed as its tag. Welsh first: public bodies in Wales must offer it.
const OFFERED = ['cy', 'en', 'gd', 'ga', 'pl', 'ro', 'ur', 'pa', 'bn', 'gu', 'ar', 'so', 'pt', 'es', 'fr', 'uk', 'zh'];
const TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** "Welsh (Cymraeg)": the name the person designing reads, then the respondents' own. */
function name(tag: string): string {
  const own = languageName(tag);
  let english = '';
  try {
    english = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? '';
  } catch {
    english = '';
  }
  if (!english || english === tag) return own === tag ? tag : own;
  return english === own ? english : `${english} (${own})`;
}

function Words({
  i,
  q,
  words,
  lang,
  onChange,
}: {
  i: number;
  q: DraftQuestion;
  words: DraftWords;
  lang: string;
  onChange: (patch: Partial<DraftWords>) => void;
}) {
  const options = optionsOf(q);
  const given = optionsOf({ ...q, options: words.options });
  return (
    <div className="survey-translation__question">
      <CountedInput
        countId={`${lang}-q${q.key}-text-count`}
        label={`Question ${i + 1} in ${languageName(lang)}`}
        value={words.text}
        max={DESIGN_LIMITS.questionText}
        lang={lang}
        placeholder={q.text}
        onChange={(v) => onChange({ text: v })}
      />
      {q.help.trim() ? (
        <CountedInput
          countId={`${lang}-q${q.key}-help-count`}
          label={`Question ${i + 1} help in ${languageName(lang)}`}
          value={words.help}
          max={DESIGN_LIMITS.help}
          lang={lang}
          placeholder={q.help}
          onChange={(v) => onChange({ help: v })}
        />
      ) : null}
      {q.section.trim() ? (
        <CountedInput
          countId={`${lang}-q${q.key}-section-count`}
          label={`Section title before question ${i + 1} in ${languageName(lang)}`}
          value={words.section}
          max={DESIGN_LIMITS.section}
          lang={lang}
          placeholder={q.section}
          onChange={(v) => onChange({ section: v })}
        />
      ) : null}
      {isChoice(q.type) && options.length > 0 ? (
        <label>
          Question {i + 1} options in {languageName(lang)} (one a line, in this order: {options.join(' / ')})
          <textarea className="input" lang={lang} rows={Math.min(options.length, 6)} value={words.options} onChange={(e) => onChange({ options: e.target.value })} />
          {given.length > 0 && given.length !== options.length ? (
            <span className="field__error">
              Give {options.length} options, one for each of the question’s, or none: these {given.length} are not used until then.
            </span>
          ) : null}
        </label>
      ) : null}
    </div>
  );
}

function Translation({
  t,
  title,
  description,
  outcomes,
  questions,
  onChange,
  onRemove,
}: {
  t: DraftTranslation;
  title: string;
  description: string;
  outcomes: DraftOutcome[];
  questions: DraftQuestion[];
  onChange: (t: DraftTranslation) => void;
  onRemove: () => void;
}) {
  const lang = t.language;
  const blank: DraftWords = { text: '', help: '', section: '', options: '' };
  const setWords = (key: number, patch: Partial<DraftWords>) => onChange({ ...t, questions: { ...t.questions, [key]: { ...(t.questions[key] ?? blank), ...patch } } });
  const done = questions.filter((q) => t.questions[q.key]?.text.trim()).length;
  return (
    <fieldset className="survey-translation">
      <legend>{name(lang)}</legend>
      <p className="field__hint">
        {done} of {questions.length} questions translated. A box left empty shows the words in the survey’s own language.
      </p>
      <CountedInput
        countId={`${lang}-title-count`}
        label={`Title in ${languageName(lang)}`}
        value={t.title}
        max={DESIGN_LIMITS.title}
        lang={lang}
        placeholder={title}
        onChange={(v) => onChange({ ...t, title: v })}
      />
      <CountedField id={`${lang}-description-count`} value={t.description} max={DESIGN_LIMITS.description}>
        <label>
          Introduction in {languageName(lang)}
          <textarea
            className="input"
            lang={lang}
            rows={2}
            value={t.description}
            placeholder={description}
            maxLength={DESIGN_LIMITS.description}
            aria-describedby={`${lang}-description-count`}
            onChange={(e) => onChange({ ...t, description: e.target.value })}
          />
        </label>
      </CountedField>
      {outcomes.map((o, k) =>
        o.name.trim() ? (
          <label key={k}>
            Outcome {k + 1} in {languageName(lang)}
            <input className="input" lang={lang} value={t.outcomes[k] ?? ''} placeholder={o.name} onChange={(e) => onChange({ ...t, outcomes: { ...t.outcomes, [k]: e.target.value } })} />
          </label>
        ) : null,
      )}
      {questions.map((q, i) => (
        <Words key={q.key} i={i} q={q} lang={lang} words={t.questions[q.key] ?? blank} onChange={(patch) => setWords(q.key, patch)} />
      ))}
      <button type="button" className="button button--quiet button--small" onClick={onRemove}>
        Remove {languageName(lang)}
      </button>
    </fieldset>
  );
}

export function SurveyLanguages({
  title,
  description,
  outcomes,
  questions,
  value,
  onChange,
}: {
  title: string;
  description: string;
  outcomes: DraftOutcome[];
  questions: DraftQuestion[];
  value: DraftLanguages;
  onChange: (v: DraftLanguages) => void;
}) {
  const [adding, setAdding] = useState(''); // a tag, or 'other'
  const [other, setOther] = useState('');
  const [problem, setProblem] = useState('');
  const present = new Set([value.language, ...value.translations.map((t) => t.language)]);
  const offered = OFFERED.filter((tag) => !present.has(tag));
  const add = () => {
    const tag = adding === 'other' ? other.trim() : adding;
    if (!TAG.test(tag)) {
      setProblem(adding === 'other' ? 'Type the language’s tag: two or three small letters, such as “kw” for Cornish.' : 'Choose a language to add.');
      return;
    }
    if (present.has(tag)) {
      setProblem(`The survey is already in ${languageName(tag)}.`);
      return;
    }
    if (value.translations.length >= 10) {
      setProblem('A survey can be in at most 10 other languages.');
      return;
    }
    setProblem('');
    setAdding('');
    setOther('');
    onChange({ ...value, translations: [...value.translations, blankTranslation(tag)] });
  };
  return (
    <section className="designer-languages" aria-labelledby="languages-title">
      <h3 id="languages-title">Languages</h3>
      <p className="field__hint">Respondents choose their language at the top of the form. Their answers are counted together whatever the language.</p>
      <label>
        The survey is written in
        <select className="input" value={value.language} onChange={(e) => onChange({ ...value, language: e.target.value })}>
          {[...new Set([value.language, ...OFFERED])]
            .filter((tag) => tag === value.language || !value.translations.some((t) => t.language === tag))
            .map((tag) => (
              <option key={tag} value={tag}>
                {name(tag)}
              </option>
            ))}
        </select>
      </label>
      {value.translations.map((t, k) => (
        <Translation
          key={t.language}
          t={t}
          title={title}
          description={description}
          outcomes={outcomes}
          questions={questions}
          onChange={(next) => onChange({ ...value, translations: value.translations.map((x, j) => (j === k ? next : x)) })}
          onRemove={() => onChange({ ...value, translations: value.translations.filter((_, j) => j !== k) })}
        />
      ))}
      <div className="survey-row">
        <label>
          Add a language
          <select className="input" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a language…</option>
            {offered.map((tag) => (
              <option key={tag} value={tag}>
                {name(tag)}
              </option>
            ))}
            <option value="other">Another language (type its tag)</option>
          </select>
        </label>
        {adding === 'other' ? (
          <label>
            Language tag
            <input className="input" value={other} onChange={(e) => setOther(e.target.value)} placeholder="kw" />
          </label>
        ) : null}
        <button type="button" className="button button--secondary button--small" onClick={add}>
          Add the language
        </button>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
