// The org's stylesheet (portico-admin org set --stylesheet) loads after the default look, so it wins the
// cascade: it can recolour the portal and hide Send us Stuff; an org without one keeps the default.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { close, launch, person, signIn } from './lib/browser.mjs';
import { admin, createAccount, createOrg } from './lib/stack.mjs';

const ORG_CSS = ':root { --accent: #5a2d82; }\n.tab-upload { display: none; }\n';
const PURPLE = 'rgb(90, 45, 130)';

before(launch);
after(close);

function setStylesheet(org, css) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-css-'));
  try {
    fs.writeFileSync(path.join(dir, 'org.css'), css);
    admin(['org', 'set', '--org', org.slug, '--stylesheet', path.join(dir, 'org.css')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// What the signed-in home page shows of the two stylesheets.
async function look(page) {
  return {
    sheets: await page.evaluate(() => [...document.styleSheets].map((s) => new URL(s.href).pathname)),
    button: await page.getByRole('button', { name: 'Sign out' }).evaluate((el) => getComputedStyle(el).color),
    upload: await page.getByRole('link', { name: 'Send us Stuff' }).isVisible(),
    contact: await page.getByRole('link', { name: 'Get in touch' }).isVisible(),
  };
}

test("the org's stylesheet comes after the default one and hides Send us Stuff", async (t) => {
  const org = createOrg();
  setStylesheet(org, ORG_CSS);
  const acc = await createAccount(org);
  const who = await person(t);
  await signIn(t, who, org, acc);
  const seen = await look(who.page);
  assert.deepEqual(seen.sheets, ['/static/portico.css', '/org.css']);
  assert.equal(seen.button, PURPLE, "the org's --accent overrides the default one");
  assert.equal(seen.upload, false, 'Send us Stuff is still shown');
  assert.equal(seen.contact, true);
});

test('an org without a stylesheet keeps the default look and Send us Stuff', async (t) => {
  const org = createOrg();
  const acc = await createAccount(org);
  const who = await person(t);
  await signIn(t, who, org, acc);
  const seen = await look(who.page);
  assert.deepEqual(seen.sheets, ['/static/portico.css', '/org.css']);
  assert.notEqual(seen.button, PURPLE);
  assert.equal(seen.upload, true);
});
