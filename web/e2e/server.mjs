// Starts the real `valuemark serve` for the end-to-end tests, on a fresh
// SQLite database and a free port, serving the built app from web/dist.
//
//   VALUEMARK_BIN  the binary (default ../build/src/cli/valuemark from web/)
//
// The server prints "ValueMark listening on http://127.0.0.1:PORT" when it is
// ready; we wait for that line, and stop the server with SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(webDir, 'dist');
export const BIN = path.resolve(webDir, process.env.VALUEMARK_BIN ?? '../build/src/cli/valuemark');

const READY = /ValueMark listening on (http:\/\/[^\s]+)/;

/**
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startServer({ timeoutMs = 30_000, demo = false } = {}) {
  if (!existsSync(BIN)) throw new Error(`No valuemark binary at ${BIN}: build it, or set VALUEMARK_BIN`);
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`No built app in ${DIST}: run "npm run build" first`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'valuemark-e2e-'));
  const args = ['serve', '--db', `sqlite:${path.join(tmp, 'e2e.db')}`, '--listen', '127.0.0.1:0', '--web-root', DIST];
  // The demo data (README logins), with cheap password hashes: tests only.
  if (demo) args.push('--demo', '--fast-password-hashing');
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    log += d;
  });

  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`valuemark serve did not say it was listening within ${timeoutMs} ms.\nstdout: ${out}\nstderr: ${log}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      log += d;
      const m = READY.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace(/\/$/, ''));
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`valuemark serve exited early (code ${code}, signal ${signal}).\n${log}`));
    });
  });

  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
