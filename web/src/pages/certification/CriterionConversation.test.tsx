import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CriterionMessage } from '../../api';
import { CriterionConversation, MAX_MESSAGE_LENGTH } from './CriterionConversation';

const words = { stage: 'Revise', number: 1, name: 'Revise, criterion 1', text: 'A review cycle' };
const messages: CriterionMessage[] = [
  { id: 'm1', criterion_id: 'c', from: 'assessor', author_id: 'u1', author_name: 'Sam Reid', body: 'Who chairs it?\nHow often?', at: '2026-12-01T10:00:00Z' },
  { id: 'm2', criterion_id: 'c', from: 'organisation', author_id: 'u2', author_name: 'Priya Shah', body: 'Our chair, quarterly.', at: '2026-12-02T09:30:00Z' },
];

describe('CriterionConversation', () => {
  it('shows the messages oldest first, each with its writer and time in words', () => {
    render(<CriterionConversation criterionId="c" words={words} messages={messages} canWrite={false} asAssessor={false} onSend={vi.fn()} />);
    const items = screen.getByRole('list', { name: 'Messages about Revise, criterion 1' }).querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toContain('Sam Reid (assessor)');
    expect(items[0].textContent).toContain('1 Dec 2026');
    expect(items[1].textContent).toContain('Our chair, quarterly.');
    expect(screen.queryByRole('button', { name: /Send/ })).toBeNull();
  });

  it('says nothing at all when there is no message and nobody may write', () => {
    const { container } = render(<CriterionConversation criterionId="c" words={words} messages={[]} canWrite={false} asAssessor={false} onSend={vi.fn()} />);
    expect(container.textContent).toBe('');
  });

  it('refuses an empty or too long message beside the field, and sends a good one', async () => {
    const onSend = vi.fn().mockResolvedValue(undefined);
    render(<CriterionConversation criterionId="c" words={words} messages={[]} canWrite asAssessor={false} onSend={onSend} />);
    fireEvent.click(screen.getByRole('button', { name: 'Write to the assessor about Revise, criterion 1' }));
    const field = screen.getByLabelText('Write to the assessor about Revise, criterion 1');
    const send = screen.getByRole('button', { name: 'Send the message about Revise, criterion 1' });
    fireEvent.click(send);
    expect(await screen.findByText('Write the message first.')).toBeTruthy();
    fireEvent.change(field, { target: { value: 'x'.repeat(MAX_MESSAGE_LENGTH + 1) } });
    fireEvent.click(send);
    expect(await screen.findByText('Shorten the message to at most 4,000 characters.')).toBeTruthy();
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: 'The minute is attached.' } });
    fireEvent.click(send);
    await waitFor(() => expect(onSend).toHaveBeenCalledWith('The minute is attached.'));
    // Sent: the form closes, and opens again empty.
    await waitFor(() => expect(screen.queryByLabelText('Write to the assessor about Revise, criterion 1')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Write to the assessor about Revise, criterion 1' }));
    expect((screen.getByLabelText('Write to the assessor about Revise, criterion 1') as HTMLTextAreaElement).value).toBe('');
  });

  it('asks the organisation when the assessor writes', () => {
    render(<CriterionConversation criterionId="c" words={words} messages={messages} canWrite asAssessor onSend={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reply about Revise, criterion 1' }));
    expect(screen.getByLabelText('Ask the organisation about Revise, criterion 1')).toBeTruthy();
    expect(screen.getByText(/The Lead and the Senior Leader are emailed/)).toBeTruthy();
  });
});
