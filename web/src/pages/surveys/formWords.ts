// The public form's own words (docs/api.md "Surveys": translations), in the
// language the respondent chose: English, and Welsh for `cy` and tags such
// as `cy-GB`. Any other language has its survey's words from its translation
// and the form's words in English.
//
// A phrase is a string with {placeholders}, or a pair for one and for any
// other number (the count is `n`). The Welsh avoids putting a number before a
// noun that a number would mutate, so it reads correctly for any number:
// "Adran 2 o 3", "Cwestiynau wedi’u hateb: 4 o 6", or a noun that begins with
// a vowel ("3 ymateb").

type Phrase = string | { one: string; other: string };

const ENGLISH = {
  // The form.
  language: 'Language',
  next: 'Next',
  back: 'Back',
  send: 'Send my answers',
  sending: 'Sending…',
  required: '(required)',
  sectionOf: 'Section {section} of {sections}',
  section: 'Section {section}',
  questions: 'Questions',
  answered: { one: '{answered} of 1 question answered', other: '{answered} of {n} questions answered' },
  codeLabel: 'Your respondent code',
  codeIfGiven: '(if you were given one)',
  before: 'Before (0 to 10)',
  now: 'Now (0 to 10)',
  weightsHint: '0 = does not matter, 10 = matters most.',
  // The ends of a 0–10 row of tiles, under it.
  scaleLow: '0 = Not at all',
  scaleHigh: '10 = Completely',
  // The title the XLSForm import gives the questions after a group (sections.ts).
  moreQuestions: 'More questions',
  // Beside a free-text answer near its length limit.
  charactersLeft: { one: '1 character left', other: '{n} characters left' },
  charactersOver: { one: '1 character too many', other: '{n} characters too many' },
  noneOfIt: 'None of it',
  aQuarter: 'A little (about a quarter)',
  aboutHalf: 'About half',
  mostOfIt: 'Most of it',
  allOfIt: 'All of it',
  stronglyDisagree: 'Strongly disagree',
  disagree: 'Disagree',
  neither: 'Neither agree nor disagree',
  agree: 'Agree',
  stronglyAgree: 'Strongly agree',
  preview: 'This is a preview: the answers were not sent anywhere.',
  // Problems beside a question, and their summary.
  bothBeforeAndNow: 'Choose a point for both before and now.',
  answerToGoOn: 'Answer this question to go on.',
  codeToGoOn: 'Give the respondent code you were given to go on.',
  numberFromTo: 'Give a number from {min} to {max}.',
  numberAtLeast: 'Give a number of {min} or more.',
  numberAtMost: 'Give a number of {max} or less.',
  checkAnswer: 'Check this answer.',
  attention: {
    one: 'One answer needs your attention: see the marked question.',
    other: '{n} answers need your attention: see the marked questions.',
  },
  // Why the server refused the answers (in English it says so itself).
  checkCode: 'Check your respondent code: give it as it is on the card or letter you were given.',
  busy: 'The survey is busy just now. Wait a minute, then send your answers again.',
  notSent: 'Your answers were not sent. Try again.',
  // The thank-you page, and the responses kept on this device.
  thanks: 'Thank you',
  saved: 'Your answers have been saved. You can close this page.',
  noConnection: 'There is no connection just now. Keep this page open, or open the link again later, and your answers will be sent.',
  someoneElse: 'Someone else answering on this device?',
  startAgain: 'Start a new response',
  waiting: {
    one: '1 response is saved on this device and will be sent when it is back online.',
    other: '{n} responses are saved on this device and will be sent when it is back online.',
  },
  sent: {
    one: 'The response saved on this device has been sent.',
    other: 'The {n} responses saved on this device have been sent.',
  },
  refused: {
    one: '1 response saved on this device was not accepted: {reason}',
    other: '{n} responses saved on this device were not accepted: {reason}',
  },
  discard: { one: 'Discard it', other: 'Discard them' },
  // A survey that takes no answers, and one that is not there.
  notTaking: 'This survey does not take answers now.',
  draft: 'This survey is still being prepared and does not take answers yet.',
  notYetOpen: 'This survey is not open yet.',
  closed: 'This survey has closed and no longer takes answers.',
  full: 'This survey has all the responses it needs and no longer takes answers.',
  askSender: 'If you were asked to answer it, check with whoever sent you the link.',
  survey: 'Survey',
  loading: 'Loading the survey…',
  notFound: 'Survey not found',
  checkLink: 'Check the link you were given.',
  notLoaded: 'The survey could not be loaded',
  checkConnection: 'Check your connection and try again.',
  // The printed link (a poster, a handout), under the survey's title.
  scanOrType: 'Scan the code with a phone’s camera, or type this address:',
  noAccount: 'No account is needed.',
  qrAlt: 'QR code of the survey’s link, {url}',
} satisfies Record<string, Phrase>;

export type FormPhrase = keyof typeof ENGLISH;

const WELSH: Record<FormPhrase, Phrase> = {
  language: 'Iaith',
  next: 'Nesaf',
  back: 'Yn ôl',
  send: 'Anfon',
  sending: 'Wrthi’n anfon…',
  required: '(gofynnol)',
  sectionOf: 'Adran {section} o {sections}',
  section: 'Adran {section}',
  questions: 'Cwestiynau',
  answered: 'Cwestiynau wedi’u hateb: {answered} o {n}',
  codeLabel: 'Eich cod ymatebydd',
  codeIfGiven: '(os cawsoch chi un)',
  before: 'O’r blaen (0 i 10)',
  now: 'Nawr (0 i 10)',
  weightsHint: '0 = ddim yn bwysig, 10 = y pwysicaf.',
  // Needs a fluent speaker's check: scaleLow to charactersOver.
  scaleLow: '0 = Ddim o gwbl',
  scaleHigh: '10 = Yn llwyr',
  moreQuestions: 'Rhagor o gwestiynau',
  charactersLeft: 'Nodau ar ôl: {n}',
  charactersOver: 'Nodau dros y terfyn: {n}',
  noneOfIt: 'Dim o gwbl',
  aQuarter: 'Ychydig (tua chwarter)',
  aboutHalf: 'Tua hanner',
  mostOfIt: 'Y rhan fwyaf',
  allOfIt: 'Y cyfan',
  stronglyDisagree: 'Anghytuno’n gryf',
  disagree: 'Anghytuno',
  neither: 'Ddim yn cytuno nac yn anghytuno',
  agree: 'Cytuno',
  stronglyAgree: 'Cytuno’n gryf',
  preview: 'Rhagolwg yw hwn: ni chafodd yr atebion eu hanfon.',
  bothBeforeAndNow: 'Dewiswch rif ar gyfer “O’r blaen” ac ar gyfer “Nawr”.',
  answerToGoOn: 'Atebwch y cwestiwn hwn i fynd ymlaen.',
  codeToGoOn: 'Rhowch y cod ymatebydd a gawsoch chi i fynd ymlaen.',
  numberFromTo: 'Rhowch rif o {min} i {max}.',
  numberAtLeast: 'Rhowch {min} neu rif mwy.',
  numberAtMost: 'Rhowch {max} neu rif llai.',
  checkAnswer: 'Gwiriwch yr ateb hwn.',
  attention: {
    one: 'Mae un ateb i’w wirio. Gweler y cwestiwn sydd wedi’i farcio.',
    other: 'Atebion i’w gwirio: {n}. Gweler y cwestiynau sydd wedi’u marcio.',
  },
  checkCode: 'Gwiriwch eich cod ymatebydd: rhowch ef fel y mae ar y cerdyn neu’r llythyr a gawsoch.',
  busy: 'Mae’r arolwg yn brysur ar hyn o bryd. Arhoswch funud, yna anfonwch eich atebion eto.',
  notSent: 'Ni chafodd eich atebion eu hanfon. Rhowch gynnig arall arni.',
  thanks: 'Diolch',
  saved: 'Mae eich atebion wedi’u cadw. Gallwch gau’r dudalen hon.',
  noConnection:
    'Does dim cysylltiad ar hyn o bryd. Cadwch y dudalen hon ar agor, neu agorwch y ddolen eto yn nes ymlaen, a bydd eich atebion yn cael eu hanfon.',
  someoneElse: 'Oes rhywun arall am ateb ar y ddyfais hon?',
  startAgain: 'Dechrau ymateb newydd',
  waiting: {
    one: 'Mae un ymateb wedi’i gadw ar y ddyfais hon. Bydd yn cael ei anfon pan fydd y ddyfais ar-lein eto.',
    other: 'Mae {n} ymateb wedi’u cadw ar y ddyfais hon. Byddan nhw’n cael eu hanfon pan fydd y ddyfais ar-lein eto.',
  },
  sent: {
    one: 'Mae’r ymateb a gadwyd ar y ddyfais hon wedi’i anfon.',
    other: 'Mae’r ymatebion a gadwyd ar y ddyfais hon wedi’u hanfon.',
  },
  // The server's reason is in English: the Welsh leaves it out.
  refused: {
    one: 'Ni chafodd un ymateb a gadwyd ar y ddyfais hon ei dderbyn.',
    other: 'Ni chafodd {n} ymateb a gadwyd ar y ddyfais hon eu derbyn.',
  },
  discard: { one: 'Ei ddileu', other: 'Eu dileu' },
  notTaking: 'Nid yw’r arolwg hwn yn derbyn atebion ar hyn o bryd.',
  draft: 'Mae’r arolwg hwn yn dal i gael ei baratoi. Nid yw’n derbyn atebion eto.',
  notYetOpen: 'Nid yw’r arolwg hwn ar agor eto.',
  closed: 'Mae’r arolwg hwn wedi cau. Nid yw’n derbyn atebion mwyach.',
  full: 'Mae gan yr arolwg hwn yr holl ymatebion sydd eu hangen arno. Nid yw’n derbyn atebion mwyach.',
  askSender: 'Os gofynnwyd i chi ei lenwi, holwch y sawl a anfonodd y ddolen atoch.',
  survey: 'Arolwg',
  loading: 'Wrthi’n llwytho’r arolwg…',
  notFound: 'Heb ddod o hyd i’r arolwg',
  checkLink: 'Gwiriwch y ddolen a gawsoch.',
  notLoaded: 'Methu llwytho’r arolwg',
  checkConnection: 'Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  // Needs a fluent speaker's check: scanOrType to qrAlt.
  scanOrType: 'Sganiwch y cod gyda chamera ffôn, neu teipiwch y cyfeiriad hwn:',
  noAccount: 'Does dim angen cyfrif.',
  qrAlt: 'Cod QR dolen yr arolwg, {url}',
};

/** Every language the form's own words are written in, by primary tag. */
export const FORM_WORDS: Readonly<Record<string, Readonly<Record<FormPhrase, Phrase>>>> = { en: ENGLISH, cy: WELSH };

/** The language the form's words are in for a survey language: "cy-GB" → "cy"; one without words → "en". */
export function formLanguage(lang: string): string {
  const primary = lang.split(/[-_]/)[0].toLowerCase();
  return primary in FORM_WORDS ? primary : 'en';
}

/** The first of the browser's languages that the form has words for, else English. */
export function browserFormLanguage(preferred: readonly string[]): string {
  const known = preferred.find((p) => p.split(/[-_]/)[0].toLowerCase() in FORM_WORDS);
  return known ? formLanguage(known) : 'en';
}

/**
 * A phrase of the form in `lang`, with `vars` put in for its {placeholders};
 * `vars.n` picks the phrase for one or for any other number.
 */
export function say(lang: string, key: FormPhrase, vars: Readonly<Record<string, string | number>> = {}): string {
  const phrase = FORM_WORDS[formLanguage(lang)][key];
  const text = typeof phrase === 'string' ? phrase : vars.n === 1 ? phrase.one : phrase.other;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** What a refusal of the answers says: by question, or one message for the form. */
export interface Refusal {
  byQuestion: Map<string, string>;
  message: string;
}

/**
 * The server's refusal of a response (docs/api.md "Errors") in the form's
 * language. In English the server's own words are shown; in another
 * language, ours, chosen by what was refused.
 */
/** Where a problem with the respondent code is kept among the questions' problems. */
export const RESPONDENT_CODE = 'respondent_code';

export function refusalIn(lang: string, err: { status: number; code: string; message: string; fields: readonly { field: string; message: string }[] }): Refusal {
  const english = formLanguage(lang) === 'en';
  const byQuestion = new Map(
    err.fields
      .filter((f) => f.field.startsWith('answers.') || f.field === RESPONDENT_CODE)
      .map((f) =>
        f.field === RESPONDENT_CODE
          ? ([RESPONDENT_CODE, english ? f.message : say(lang, 'checkCode')] as const)
          : ([f.field.slice('answers.'.length), english ? f.message : say(lang, 'checkAnswer')] as const),
      ),
  );
  if (english) return { byQuestion, message: err.message };
  const message = err.fields.some((f) => f.field === 'respondent_code')
    ? say(lang, 'checkCode')
    : err.status === 429
      ? say(lang, 'busy')
      : err.code === 'failed_precondition'
        ? say(lang, 'notTaking')
        : say(lang, 'notSent');
  return { byQuestion, message };
}
