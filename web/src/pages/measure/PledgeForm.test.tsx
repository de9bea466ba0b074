import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api';
import { PledgeForm } from './PledgesPage';

const members = [
  { user_id: 'u0', name: 'Bea First' },
  { user_id: 'u1', name: 'Ann Lee' },
];

describe('PledgeForm', () => {
  it('makes the signed-in member its owner, shown as such, never the first member', async () => {
    const u = userEvent.setup();
    const made: unknown[] = [];
    render(<PledgeForm members={members} me="u1" onMake={async (p) => void made.push(p)} />);
    const owner = screen.getByLabelText('Owner') as HTMLSelectElement;
    expect(owner.value).toBe('u1');
    expect(owner.selectedOptions[0]).toHaveTextContent('Ann Lee (you)');
    await u.type(screen.getByLabelText('Pledge'), '  Interview ten members ');
    await u.click(screen.getByRole('button', { name: 'Make pledge' }));
    expect(made).toEqual([expect.objectContaining({ title: 'Interview ten members', owner_user_id: 'u1' })]);
  });

  it('asks for an owner when the signed-in person is not a member, beside the field, and takes focus there', async () => {
    const u = userEvent.setup();
    const made: unknown[] = [];
    render(<PledgeForm members={members} me="staff" onMake={async (p) => void made.push(p)} />);
    const owner = screen.getByLabelText('Owner') as HTMLSelectElement;
    expect(owner.selectedOptions[0]).toHaveTextContent('Choose who owns it');
    await u.type(screen.getByLabelText('Pledge'), 'Interview ten members');
    await u.click(screen.getByRole('button', { name: 'Make pledge' }));
    expect(made).toEqual([]);
    expect(owner).toHaveAttribute('aria-invalid', 'true');
    expect(owner).toHaveAccessibleDescription(/Choose who owns it\./);
    expect(owner).toHaveFocus();
  });

  it('shows the server’s refusal beside its field in words, without the API’s field name', async () => {
    const u = userEvent.setup();
    render(
      <PledgeForm
        members={members}
        me="u1"
        onMake={async () => {
          throw new ApiError(400, 'invalid_argument', 'title: must not be empty', 'title', null, [
            { field: 'title', message: 'must not be empty' },
            { field: 'due_date', message: 'must not be in the past, got 2026-01-02' },
          ]);
        }}
      />,
    );
    await u.type(screen.getByLabelText('Pledge'), 'x');
    await u.click(screen.getByRole('button', { name: 'Make pledge' }));
    const title = screen.getByLabelText('Pledge');
    expect(title).toHaveAccessibleDescription(/^Error: Must not be empty\.\s*$/);
    expect(screen.getByLabelText('Due date (within 12 months)')).toHaveAccessibleDescription(/^Error: Must not be in the past\.\s*$/);
    expect(screen.queryByText(/title:/i)).toBeNull();
    expect(title).toHaveFocus();
  });
});
