import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './Dialog';
import { SelectField, TextField } from './Field';
import { safeNext } from './Guards';
import { Menu } from './Menu';

describe('TextField', () => {
  it('labels the input and links hint and error with aria-describedby', () => {
    render(<TextField label="Email address" hint="The one you signed up with." error="Enter an email address." />);
    const input = screen.getByLabelText('Email address');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('The one you signed up with. Error: Enter an email address.');
  });

  it('counts the characters left near its limit, read with the field', () => {
    const { rerender } = render(<TextField label="Pledge" maxLength={10} showCount value="Soup" onChange={() => undefined} />);
    expect(screen.getByLabelText('Pledge')).not.toHaveAccessibleDescription(/left/);
    rerender(<TextField label="Pledge" maxLength={10} showCount value="Soup days" onChange={() => undefined} />);
    expect(screen.getByLabelText('Pledge')).toHaveAccessibleDescription('1 character left');
  });

  it('is valid and undescribed without hint or error', () => {
    render(<SelectField label="Role">{<option>Member</option>}</SelectField>);
    const select = screen.getByLabelText('Role');
    expect(select).not.toHaveAttribute('aria-invalid');
    expect(select).not.toHaveAttribute('aria-describedby');
  });
});

describe('Menu', () => {
  function Example() {
    return (
      <Menu label="Account">
        <a href="/account">Your account</a>
        <button type="button">Log out</button>
      </Menu>
    );
  }

  it('opens with ArrowDown, moves with arrows and closes with Escape back on its button', async () => {
    const u = userEvent.setup();
    render(<Example />);
    const button = screen.getByRole('button', { name: 'Account' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('link', { name: 'Your account' })).toBeNull();

    button.focus();
    await u.keyboard('{ArrowDown}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveFocus();
    await u.keyboard('{ArrowDown}');
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveFocus();
    await u.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'Your account' })).toHaveFocus();
    await u.keyboard('{End}');
    expect(screen.getByRole('button', { name: 'Log out' })).toHaveFocus();
    await u.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('opens and closes on click, and closes on a click outside', async () => {
    const u = userEvent.setup();
    render(
      <>
        <Example />
        <p>outside</p>
      </>,
    );
    const button = screen.getByRole('button', { name: 'Account' });
    await u.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await u.click(screen.getByText('outside'));
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });
});

describe('ConfirmDialog', () => {
  function Example({ onConfirm }: { onConfirm: () => void }) {
    const [open, setOpen] = useState(false);
    return (
      <>
        <button type="button" onClick={() => setOpen(true)}>
          Remove Bob
        </button>
        <ConfirmDialog open={open} title="Remove Bob?" confirmLabel="Remove" danger onConfirm={onConfirm} onCancel={() => setOpen(false)}>
          <p>Bob will lose access.</p>
        </ConfirmDialog>
      </>
    );
  }

  it('is a labelled modal dialog that takes focus, keeps Tab inside, and gives focus back on Escape', async () => {
    const u = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Example onConfirm={onConfirm} />);
    const opener = screen.getByRole('button', { name: 'Remove Bob' });
    await u.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Remove Bob?' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();
    await u.tab();
    expect(screen.getByRole('button', { name: 'Remove' })).toHaveFocus();
    await u.tab();
    expect(cancel).toHaveFocus();
    await u.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });
});

describe('safeNext', () => {
  it('follows only paths of this site', () => {
    expect(safeNext('/invitations/abc')).toBe('/invitations/abc');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext('//evil.example/x')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
  });
});
