import { describe, expect, it } from 'vitest';
import { FORM_WORDS, browserFormLanguage, formLanguage, refusalIn, say, type FormPhrase } from './formWords';

const placeholders = (phrase: string | { one: string; other: string }) =>
  new Set((typeof phrase === 'string' ? phrase : `${phrase.one} ${phrase.other}`).match(/\{\w+\}/g) ?? []);

describe('the form’s own words', () => {
  const english = FORM_WORDS.en;
  const keys = Object.keys(english) as FormPhrase[];

  it('has every English phrase in Welsh, with no number left out that the English gives', () => {
    expect(Object.keys(FORM_WORDS.cy).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      const welsh = FORM_WORDS.cy[key];
      expect(typeof welsh === 'string' ? welsh : welsh.one && welsh.other, key).toBeTruthy();
      // The Welsh asks only for what the English is given ({reason} is the server's English, left out).
      for (const p of placeholders(welsh)) expect(placeholders(english[key]).has(p), `${key} ${p}`).toBe(true);
    }
  });

  it('picks the words by the language’s primary tag, English for any other', () => {
    expect(formLanguage('cy')).toBe('cy');
    expect(formLanguage('cy-GB')).toBe('cy');
    expect(formLanguage('CY_gb')).toBe('cy');
    expect(formLanguage('fr')).toBe('en');
    expect(formLanguage('en-GB')).toBe('en');
    expect(say('cy-GB', 'thanks')).toBe('Diolch');
    expect(say('cy', 'next')).toBe('Nesaf');
    expect(say('cy', 'back')).toBe('Yn ôl');
    expect(say('fr', 'thanks')).toBe('Thank you');
    expect(browserFormLanguage(['fr-FR', 'cy-GB', 'en'])).toBe('cy');
    expect(browserFormLanguage(['en-GB', 'cy'])).toBe('en');
    expect(browserFormLanguage(['de'])).toBe('en');
    expect(browserFormLanguage([])).toBe('en');
  });

  it('puts numbers in, and reads right for one and for any other number', () => {
    expect(say('en', 'waiting', { n: 1 })).toBe('1 response is saved on this device and will be sent when it is back online.');
    expect(say('en', 'waiting', { n: 3 })).toBe('3 responses are saved on this device and will be sent when it is back online.');
    expect(say('cy', 'waiting', { n: 1 })).toMatch(/^Mae un ymateb wedi’i gadw/);
    expect(say('cy', 'waiting', { n: 3 })).toMatch(/^Mae 3 ymateb wedi’u cadw/);
    expect(say('en', 'attention', { n: 2 })).toBe('2 answers need your attention: see the marked questions.');
    expect(say('cy', 'attention', { n: 2 })).toBe('Atebion i’w gwirio: 2. Gweler y cwestiynau sydd wedi’u marcio.');
    expect(say('en', 'refused', { n: 1, reason: 'this survey has closed' })).toBe('1 response saved on this device was not accepted: this survey has closed');
    expect(say('cy', 'refused', { n: 2, reason: 'this survey has closed' })).toBe('Ni chafodd 2 ymateb a gadwyd ar y ddyfais hon eu derbyn.');
    expect(say('en', 'numberFromTo', { min: 0, max: 2.5 })).toBe('Give a number from 0 to 2.5.');
    for (const [key, phrase] of Object.entries(FORM_WORDS.cy)) {
      for (const n of [0, 1, 2, 3, 8, 11, 20]) expect(say('cy', key as FormPhrase, { n, answered: n, section: n, sections: n, min: n, max: n, url: 'https://example.org/s/x' }), key).not.toMatch(/\{\w+\}/);
      expect(phrase).toBeTruthy();
    }
  });

  it('says why the server refused the answers in the form’s language', () => {
    const answers = { status: 400, code: 'invalid_argument', message: 'answers.q1: must be from 0 to 10', fields: [{ field: 'answers.q1', message: 'must be from 0 to 10' }] };
    expect([...refusalIn('en', answers).byQuestion]).toEqual([['q1', 'must be from 0 to 10']]);
    expect([...refusalIn('cy-GB', answers).byQuestion]).toEqual([['q1', 'Gwiriwch yr ateb hwn.']]);
    const code = { status: 400, code: 'invalid_argument', message: 'respondent_code: is not one of the codes', fields: [{ field: 'respondent_code', message: 'is not one of the codes' }] };
    // A refused code is marked beside the code's field, like an answer beside its question.
    expect([...refusalIn('en', code).byQuestion]).toEqual([['respondent_code', 'is not one of the codes']]);
    expect(refusalIn('cy', code).byQuestion.get('respondent_code')).toMatch(/^Gwiriwch eich cod ymatebydd/);
    expect(refusalIn('cy', code).message).toMatch(/^Gwiriwch eich cod ymatebydd/);
    expect(refusalIn('cy', { status: 412, code: 'failed_precondition', message: 'this survey has closed', fields: [] }).message).toBe(say('cy', 'notTaking'));
    expect(refusalIn('cy', { status: 429, code: 'resource_exhausted', message: 'busy', fields: [] }).message).toBe(say('cy', 'busy'));
    expect(refusalIn('cy', { status: 500, code: 'internal', message: 'oops', fields: [] }).message).toBe(say('cy', 'notSent'));
    expect(refusalIn('fr', { status: 500, code: 'internal', message: 'oops', fields: [] }).message).toBe('oops');
  });
});
