import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SurveyForm, namesEnds } from './PublicSurveyPage';
import { sectionHeading, sectionsOf, progressLine } from './sections';
import type { PublicSurvey, Question } from './types';

const survey: PublicSurvey = {
  survey_id: 's1',
  organisation: 'Riverside',
  title: 'How has the club been?',
  description: '',
  language: 'en',
  message: '',
  opens_on: null,
  closes_on: null,
  response_limit: null,
  scope_id: null,
  state: 'open',
  respondent_codes: 'off',
  outcomes: [],
  questions: [
    { id: 'happy', type: 'scale', text: 'How happy are you?' },
    { id: 'lonely', type: 'before_now', text: 'How lonely, before and now?' },
    { id: 'why', type: 'text', text: 'Anything else?', max_length: 10 },
  ],
  translations: [{ language: 'cy', title: 'Sut mae’r clwb wedi bod?' }],
};

describe('the public form', () => {
  it('says what the ends of a 0–10 row mean, read with the row, in the form’s language', async () => {
    const u = userEvent.setup();
    render(<SurveyForm s={survey} />);
    const happy = screen.getByRole('group', { name: /How happy are you\?/ });
    expect(happy).toHaveAccessibleDescription(/^0 = Not at all ?; 10 = Completely$/);
    expect(screen.getByRole('group', { name: 'Before (0 to 10)' })).toHaveAccessibleDescription(/^0 = Not at all ?; 10 = Completely$/);
    expect(screen.getByRole('group', { name: 'Now (0 to 10)' })).toHaveAccessibleDescription(/^0 = Not at all ?; 10 = Completely$/);
    await u.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'Cymraeg' }));
    expect(screen.getByRole('group', { name: /How happy are you\?/ })).toHaveAccessibleDescription(/^0 = Ddim o gwbl ?; 10 = Yn llwyr$/);
  });

  it('leaves the ends to the question’s words when they already say what 0 and 10 mean', () => {
    expect(namesEnds('0 is not at all, 10 is all the time')).toBe(true);
    expect(namesEnds('0 is “not at all”, 10 is “completely”.')).toBe(true);
    expect(namesEnds('How connected now? (0 = not at all, 10 = very)')).toBe(true);
    expect(namesEnds('0 is the worst it could be, 10 the best.')).toBe(true);
    expect(namesEnds('On a scale of 0 to 10, where 0 is none and 10 is lots')).toBe(true);
    expect(namesEnds('How healthy were your meals before you joined, and now? (0–10)')).toBe(false);
    expect(namesEnds('Rhowch rif o 0 i 10.')).toBe(false);
    expect(namesEnds('Think of the last 100 days.')).toBe(false);
    expect(namesEnds(undefined)).toBe(false);
    render(<SurveyForm s={{ ...survey, questions: [{ id: 'happy', type: 'scale', text: 'How happy are you?', help: '0 is not at all, 10 is all the time' }] }} />);
    expect(screen.getByRole('group', { name: /How happy are you\?/ })).toHaveAccessibleDescription('0 is not at all, 10 is all the time');
    expect(screen.queryByText('0 = Not at all')).toBeNull();
  });

  it('counts down the characters left near a free-text answer’s limit, and says it once typing pauses', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const u = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
      render(<SurveyForm s={survey} />);
      const why = screen.getByLabelText(/Anything else\?/);
      await u.type(why, 'Soup');
      expect(why).not.toHaveAccessibleDescription(/left/);
      await u.type(why, ' day');
      expect(why).toHaveAccessibleDescription('2 characters left');
      const live = document.querySelector('[aria-live="polite"].visually-hidden');
      expect(live).toHaveTextContent('');
      await act(async () => {
        vi.advanceTimersByTime(1000);
      });
      expect(live).toHaveTextContent('2 characters left');
      await u.type(why, '!!!');
      expect((why as HTMLTextAreaElement).value).toBe('Soup day!!');
      expect(why).toHaveAccessibleDescription('0 characters left');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the count in Welsh in a Welsh form', async () => {
    const u = userEvent.setup();
    render(<SurveyForm s={survey} />);
    await u.click(within(screen.getByRole('group', { name: 'Language' })).getByRole('button', { name: 'Cymraeg' }));
    const why = screen.getByLabelText(/Anything else\?/);
    await u.type(why, 'Cawl dydd');
    expect(why).toHaveAccessibleDescription('Nodau ar ôl: 1');
  });
});

describe('the section the XLSForm import invents', () => {
  it('is titled in the form’s language; a designer’s own title stays as written', () => {
    const qs = [
      { id: 'a', type: 'scale', text: 'A', section: 'Your visit' },
      { id: 'b', type: 'scale', text: 'B', section: 'More questions' },
    ] as Question[];
    const sections = sectionsOf(qs);
    expect(sectionHeading('cy', sections, 1)).toBe('Rhagor o gwestiynau');
    expect(sectionHeading('en', sections, 1)).toBe('More questions');
    expect(sectionHeading('cy', sections, 0)).toBe('Your visit');
    expect(progressLine('cy-GB', sections, 1, 1, 2)).toBe('Adran 2 o 2: Rhagor o gwestiynau · Cwestiynau wedi’u hateb: 1 o 2');
  });
});
