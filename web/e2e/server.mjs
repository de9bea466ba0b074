// Starts the real `valuemark serve` for the end-to-end tests, on a fresh
// SQLite database and a free port, serving the built app from web/dist.
//
//   VALUEMARK_BIN  the binary (default ../build/src/cli/valuemark from web/)
//
// The server prints "ValueMark listening on http://127.0.0.1:PORT" when it is
// ready; we wait for that line, and stop the server with SIGTERM.
//
// Its emails go to a small SMTP sink on 127.0.0.1 (Nodemailer's smtp-server),
// where `mailTo(address)` finds them, as a person finds them in their inbox.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// VALUEMARK_WEB_DIST: another build of the app (vite build --outDir), so that
// two people working in one checkout do not serve each other's half-written build.
export const DIST = process.env.VALUEMARK_WEB_DIST ? path.resolve(process.env.VALUEMARK_WEB_DIST) : path.join(webDir, 'dist');
export const BIN = path.resolve(webDir, process.env.VALUEMARK_BIN ?? '../build/src/cli/valuemark');

const READY = /ValueMark listening on (http:\/\/[^\s]+)/;

/**
 * An SMTP server that keeps every message it is given.
 * @returns {Promise<{port: number, messages: {to: string[], subject: string, text: string}[], close: () => Promise<void>}>}
 */
export async function startMailSink() {
  const messages = [];
  // RFC 2047: a subject with other than ASCII comes as "=?UTF-8?B?…?=" words
  // (src/notify/smtp_sender.cpp); white space between two such words is not text.
  const decodeHeader = (value) =>
    value
      .replace(/\?=\s+=\?/g, '?==?')
      .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
  const sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d) => {
        raw += d;
      });
      stream.on('end', () => {
        const split = raw.indexOf('\r\n\r\n');
        const head = split < 0 ? raw : raw.slice(0, split);
        const text = split < 0 ? '' : raw.slice(split + 4).replace(/\r\n/g, '\n');
        // Folded header lines continue with white space.
        const folded = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1].replace(/\r\n[ \t]/g, ' ') ?? '';
        const subject = decodeHeader(folded);
        messages.push({ to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), subject, text });
        callback();
      });
    },
  });
  await new Promise((resolve, reject) => {
    sink.once('error', reject);
    sink.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: sink.server.address().port,
    messages,
    close: () => new Promise((resolve) => sink.close(() => resolve())),
  };
}

/**
 * @returns {Promise<{url: string, stop: () => Promise<void>, output: () => string}>}
 */
export async function startServer({ timeoutMs = 30_000, demo = false } = {}) {
  if (!existsSync(BIN)) throw new Error(`No valuemark binary at ${BIN}: build it, or set VALUEMARK_BIN`);
  if (!existsSync(path.join(DIST, 'index.html'))) throw new Error(`No built app in ${DIST}: run "npm run build" first`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'valuemark-e2e-'));
  const mail = await startMailSink();
  const args = ['serve', '--db', `sqlite:${path.join(tmp, 'e2e.db')}`, '--listen', '127.0.0.1:0', '--web-root', DIST];
  // Emails by SMTP to the sink, looked for often so that tests need not wait.
  args.push('--smtp-url', `smtp://127.0.0.1:${mail.port}`, '--mail-from', 'valuemark@example.org', '--mail-poll-ms', '100');
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
  }).catch(async (e) => {
    await mail.close();
    throw e;
  });

  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    url,
    output: () => log,
    /**
     * The latest email to `address` (matching `subject` when given), waiting
     * for it to arrive; `after`: only messages after that many to the address.
     * @returns {Promise<{to: string[], subject: string, text: string, link: (pathStart: string) => string}>}
     */
    async mailTo(address, { subject, after = 0, timeoutMs = 15_000 } = {}) {
      const to = address.toLowerCase();
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const mine = mail.messages.filter((m) => m.to.includes(to));
        const found = mine.slice(after).filter((m) => !subject || subject.test(m.subject)).at(-1);
        if (found) {
          return {
            ...found,
            // The path and query of the first link in the text that starts with pathStart.
            link(pathStart) {
              for (const u of found.text.match(/https?:\/\/\S+/g) ?? []) {
                const parsed = new URL(u);
                if (parsed.pathname.startsWith(pathStart)) return parsed.pathname + parsed.search;
              }
              throw new Error(`no ${pathStart} link in the email to ${address}:\n${found.text}`);
            },
          };
        }
        if (Date.now() > deadline) {
          const seen = mail.messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n');
          throw new Error(`no email to ${address}${subject ? ` about ${subject}` : ''} within ${timeoutMs} ms; sent:\n${seen}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    /** How many emails went to `address` so far. */
    mailCount: (address) => mail.messages.filter((m) => m.to.includes(address.toLowerCase())).length,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await mail.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
