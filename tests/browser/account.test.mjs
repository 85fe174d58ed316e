// Every tab a signed-in person has, each page checked (axe, both widths, no sideways scroll); My Account's
// change-password form tells a wrong current password next to its field; a page that does not exist.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, signIn, visit } from './lib/browser.mjs';
import { createAccount, createOrg, strongPassword } from './lib/stack.mjs';

let org;
before(async () => { await launch(); org = createOrg(); });
after(close);

test('every tab of a signed-in person, and a wrong current password on My Account', async (t) => {
  const acc = await createAccount(org);
  const who = await person(t);
  const { page } = who;
  await signIn(t, who, org, acc);
  const tabs = await page.locator('nav.tabs a').evaluateAll((els) => els.map((a) => [a.textContent.trim(), a.getAttribute('href')]));
  assert.ok(tabs.length >= 6, `too few tabs: ${JSON.stringify(tabs)}`);
  for (const [label, href] of tabs) {
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: label, exact: true }).click();
    await page.waitForURL(`${org.url}${href}`);
    assert.equal(await page.getByRole('link', { name: label, exact: true }).getAttribute('aria-current'), 'page');
    await check(t, who, label);
  }

  await visit(t, who, `${org.url}/account`, 'account');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password').fill(strongPassword());
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('#current_password-error').waitFor();
  const current = page.getByLabel('Current password');
  assert.equal(await current.getAttribute('aria-invalid'), 'true');
  assert.equal(await current.getAttribute('aria-describedby'), 'current_password-error');
  assert.match(await page.locator('#current_password-error').innerText(), /not correct/);
  await check(t, who, 'account, wrong current password');

  const r = await visit(t, who, `${org.url}/no-such-page`, 'not found');
  assert.equal(r.status(), 404);
});
