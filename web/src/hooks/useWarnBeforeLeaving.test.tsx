import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { BrowserRouter, Link, MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LEAVE_QUESTION, listenForHistoryMoves, useWarnBeforeLeaving } from './useWarnBeforeLeaving';

function Editor() {
  const [dirty, setDirty] = useState(false);
  useWarnBeforeLeaving(dirty);
  return (
    <>
      <button type="button" onClick={() => setDirty(true)}>
        Change
      </button>
      <button type="button" onClick={() => setDirty(false)}>
        Save
      </button>
      <Link to="/elsewhere">Elsewhere</Link>
      <a href="/report.csv" download>
        Download
      </a>
    </>
  );
}

function renderEditor() {
  return render(
    <MemoryRouter initialEntries={['/editor']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/editor" element={<Editor />} />
        <Route path="/elsewhere" element={<h1>Somewhere else</h1>} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('useWarnBeforeLeaving', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets a link through without asking while nothing is unsaved', () => {
    const confirm = vi.spyOn(window, 'confirm');
    renderEditor();
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Somewhere else' })).toBeInTheDocument();
  });

  it('asks before a link leaves unsaved changes, and stays when the answer is no', () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }));
    expect(confirm).toHaveBeenCalledWith(LEAVE_QUESTION);
    expect(screen.queryByRole('heading', { name: 'Somewhere else' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Change' })).toBeInTheDocument();
  });

  it('leaves when the answer is yes', () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }));
    expect(screen.getByRole('heading', { name: 'Somewhere else' })).toBeInTheDocument();
  });

  it('does not ask about a download or a link opened with a modifier key, nor once saved', () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderEditor();
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const download = screen.getByRole('link', { name: 'Download' });
    download.addEventListener('click', (e) => e.preventDefault()); // jsdom cannot download
    fireEvent.click(download);
    // The browser would open it in a new tab; jsdom cannot, so the test stops it after the hook.
    const noNewTab = (e: MouseEvent) => e.preventDefault();
    document.addEventListener('click', noNewTab);
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }), { ctrlKey: true });
    document.removeEventListener('click', noNewTab);
    expect(confirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    fireEvent.click(screen.getByRole('link', { name: 'Elsewhere' }));
    expect(confirm).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { name: 'Somewhere else' })).toBeInTheDocument();
  });

  it('asks the browser to warn before the tab is closed or reloaded, only while unsaved', () => {
    renderEditor();
    const before = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(before);
    expect(before.defaultPrevented).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
    const after = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(after);
    expect(after.defaultPrevented).toBe(true);
  });

  // The browser's own history: Back asks too, and the router moves only if
  // the answer is yes.
  function renderInBrowser() {
    window.history.replaceState(null, '', '/elsewhere');
    listenForHistoryMoves(); // as main.tsx does, before the router listens
    render(
      <BrowserRouter future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <Routes>
          <Route path="/editor" element={<Editor />} />
          <Route
            path="/elsewhere"
            element={
              <>
                <h1>Somewhere else</h1>
                <Link to="/editor">Edit</Link>
              </>
            }
          />
        </Routes>
      </BrowserRouter>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Change' }));
  }

  it('asks before Back leaves unsaved changes, and stays on the page when the answer is no', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(false);
    renderInBrowser();
    window.history.back();
    await waitFor(() => expect(confirm).toHaveBeenCalledWith(LEAVE_QUESTION));
    await waitFor(() => expect(window.location.pathname).toBe('/editor'));
    expect(screen.getByRole('button', { name: 'Change' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Somewhere else' })).not.toBeInTheDocument();
    expect(confirm).toHaveBeenCalledTimes(1); // the step back to the page is not asked about
  });

  it('goes Back when the answer is yes', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    renderInBrowser();
    window.history.back();
    expect(await screen.findByRole('heading', { name: 'Somewhere else' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/elsewhere');
  });
});
