// Debian's Chromium, driven by playwright-core, and the checks made on every page a journey visits:
// axe-core (WCAG 2.2 AA), a screenshot and no sideways scroll at phone and desktop width; no inline script
// and no CSP report.
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

// One person's browser: its own cookies, desktop width, every console message kept, and every HTML page
// the main frame loads recorded: each must be checked (below) before the next one loads, or the test fails.
export async function person(t) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: WIDTHS.desktop });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  const who = { context, page, messages: [], visited: [], loads: [] };
  page.on('console', (m) => who.messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => who.messages.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (!r.request().isNavigationRequest() || r.frame() !== page.mainFrame() || r.status() >= 300 && r.status() < 400) return;
    const headers = r.headers();
    if (!(headers['content-type'] ?? '').startsWith('text/html')) return;  // a document itself, e.g. text/plain
    who.loads.push({ url: r.url(), csp: headers['content-security-policy'] ?? '', checked: false });
  });
  t.after(async () => {
    try {
      const missed = who.loads.filter((l) => !l.checked).map((l) => l.url);
      if (missed.length) throw new Error(`pages loaded but never checked (call check after each):\n  ${missed.join('\n  ')}`);
    } finally {
      await context.close();
    }
  });
  return who;
}

const shots = new Map();  // test name -> pages shot so far, to number its screenshots in visiting order

function shotName(t, label, width) {
  const safe = (s) => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  const n = String(shots.get(t.name) ?? 0).padStart(2, '0');
  return `${safe(t.name)}--${n}-${safe(label)}--${width}.png`;
}

function describe(violations) {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')).join('\n');
}

// The checks of the page now shown: at phone and desktop width a screenshot, axe-core (WCAG 2.2 AA) and,
// at phone width, no horizontal scroll; the Portico CSP on the response, no inline script, and no CSP
// violation reported so far.
export async function check(t, who, label) {
  const { page, messages } = who;
  await page.waitForLoadState('load');
  const dir = process.env.PORTICO_TEST_SCREENSHOTS ?? path.resolve('screenshots');
  fs.mkdirSync(dir, { recursive: true });
  shots.set(t.name, (shots.get(t.name) ?? 0) + 1);
  const found = [];
  for (const [name, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(dir, shotName(t, label, size.width)), fullPage: true });
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
    if (result.violations.length) found.push(`at ${name} width (${size.width} px):\n${describe(result.violations)}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    if (scroll > size.width) found.push(`at ${name} width (${size.width} px): the page scrolls sideways (scrollWidth ${scroll})`);
  }
  await page.setViewportSize(WIDTHS.desktop);
  who.visited.push(label);
  const here = page.url().split('#')[0];
  const load = who.loads.at(-1);  // the page shown is the last one loaded
  if (load?.url === here) {
    load.checked = true;
    if (!/default-src 'self'/.test(load.csp)) found.push(`the response has no Content-Security-Policy with default-src 'self': ${load.csp}`);
  }
  const inline = await page.evaluate(() => [
    ...[...document.querySelectorAll('script:not([src])')].map((e) => `<script>${e.textContent.slice(0, 60)}`),
    ...[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName} ${a.name}`)),
    ...[...document.querySelectorAll('a[href^="javascript:" i]')].map((e) => `a href=${e.getAttribute('href')}`),
  ]);
  if (inline.length) found.push(`inline script: ${inline.join(', ')}`);
  const csp = messages.filter((m) => /Content Security Policy|Content-Security-Policy/i.test(m));
  if (csp.length) found.push(`CSP reports:\n${csp.join('\n')}`);
  if (found.length) throw new Error(`${label} (${here}):\n${found.join('\n')}`);
}

// Goes to a page and checks it.
export async function visit(t, who, url, label) {
  const r = await who.page.goto(url);
  await check(t, who, label);
  return r;
}

// Signs in through the form and waits for the Tasks page, both pages checked.
export async function signIn(t, who, org, acc) {
  const { page } = who;
  await visit(t, who, `${org.url}/login`, 'sign in');
  await page.getByLabel('Username').fill(acc.username);
  await page.getByLabel('Password').fill(acc.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${org.url}/`);
  await check(t, who, 'home');
}
