// Debian's Chromium, driven by playwright-core, and the checks made on every page a journey visits:
// axe-core (WCAG 2.2 AA) at phone and desktop width, a screenshot at each, and no CSP report.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { env } from './stack.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
export const WIDTHS = { phone: { width: 375, height: 812 }, desktop: { width: 1280, height: 800 } };

let browser;

// Every *.test host is the stack's nginx (its port in place of 443): the orgs' links work as mailed.
export async function launch() {
  const port = env('PORTICO_TEST_HTTPS_PORT');
  browser = await chromium.launch({
    executablePath: process.env.PORTICO_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      `--host-resolver-rules=MAP *.test:443 127.0.0.1:${port}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return browser;
}

export async function close() {
  await browser?.close();
  browser = undefined;
}

// One person's browser: its own cookies, desktop width, every console message kept.
export async function person(t) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: WIDTHS.desktop });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const messages = [];
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  t.after(async () => context.close());
  return { context, page, messages, visited: [] };
}

function shotName(t, label, width) {
  const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  return `${safe(t.name)}--${safe(label)}--${width}.png`;
}

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')).join('\n');
}

// The checks of one page: axe at both widths, screenshots at both, no CSP violation so far.
export async function check(t, who, label) {
  const { page, messages } = who;
  const dir = process.env.PORTICO_TEST_SCREENSHOTS ?? path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  const found = [];
  for (const [name, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(dir, shotName(t, label, size.width)), fullPage: true });
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
    if (result.violations.length) found.push(`at ${name} width (${size.width} px):\n${describe(result.violations)}`);
  }
  await page.setViewportSize(WIDTHS.desktop);
  who.visited.push(label);
  if (found.length) throw new Error(`axe-core: WCAG 2.2 AA violations on ${label} (${page.url()}):\n${found.join('\n')}`);
  const csp = messages.filter((m) => /Content Security Policy|Content-Security-Policy/i.test(m));
  if (csp.length) throw new Error(`CSP reports on ${label}:\n${csp.join('\n')}`);
}

// Goes to a page and checks it; a Portico page must carry the CSP that the check above relies on.
export async function visit(t, who, url, label) {
  const r = await who.page.goto(url);
  const headers = await r.allHeaders();
  if ((headers['content-type'] ?? '').startsWith('text/html') && !/default-src 'self'/.test(headers['content-security-policy'] ?? '')) {
    throw new Error(`${url} has no Content-Security-Policy with default-src 'self': ${headers['content-security-policy']}`);
  }
  await check(t, who, label);
  return r;
}

// Signs in through the form and waits for the Tasks page.
export async function signIn(t, who, org, acc) {
  const { page } = who;
  await page.goto(`${org.url}/login`);
  await page.getByLabel('Username').fill(acc.username);
  await page.getByLabel('Password').fill(acc.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${org.url}/`);
}
