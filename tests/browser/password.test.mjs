// Journey 4: a new person sets their password from the welcome e-mail; a forgotten password is reset
// from the link mailed for it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, visit } from './lib/browser.mjs';
import { createAccount, createOrg, linkFromMail, strongPassword, uniq } from './lib/stack.mjs';

let org;
before(async () => { await launch(); org = createOrg(); });
after(close);

// Sets a password on the /password/set/ page: a weak one first, told next to the field, then a strong one.
async function choosePassword(t, who, password) {
  const { page } = who;
  await page.getByLabel('New password').fill('password1234');
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.locator('#new_password-error').waitFor();
  const field = page.getByLabel('New password');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.ok((await field.getAttribute('aria-describedby')).split(' ').includes('new_password-error'));
  await check(t, who, 'weak password');
  await field.fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await page.waitForURL(`${org.url}/`);
}

async function signInWith(t, who, username, password) {
  const { page } = who;
  await visit(t, who, `${org.url}/login`, 'sign in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('set a password from the welcome e-mail', async (t) => {
  const contact = await org.api.post('contacts', { kind: 'candidate', email: `${uniq('new')}@example.test`, name: 'Ada Lovelace' });
  const account = await org.api.post(`contacts/${contact.id}/account`, {});
  const link = await linkFromMail(contact.email, '/password/set/');
  const who = await person(t);
  const { page } = who;
  await visit(t, who, link, 'welcome');
  assert.match(await page.locator('main').innerText(), new RegExp(account.username));
  const password = strongPassword();
  await choosePassword(t, who, password);
  await check(t, who, 'signed in');
  assert.match(await page.locator('header .person').innerText(), /Ada Lovelace/);

  await visit(t, who, link, 'welcome link used');
  assert.match(await page.locator('main').innerText(), /already been used/);

  const again = await person(t);
  await signInWith(t, again, account.username, password);
  await again.page.waitForURL(`${org.url}/`);
  await check(t, again, 'signed in again');
});

test('forgotten password: a link by e-mail, a new password, the old one refused', async (t) => {
  const acc = await createAccount(org);
  const who = await person(t);
  const { page } = who;
  await visit(t, who, `${org.url}/login`, 'sign in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await page.waitForURL(`${org.url}/password/forgot`);
  await check(t, who, 'forgot');
  await page.getByLabel('Username').fill(acc.username);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await page.getByRole('status').waitFor();
  assert.match(await page.getByRole('status').innerText(), /we have sent a link/);
  await check(t, who, 'forgot sent');

  const link = await linkFromMail(acc.email, '/password/set/');
  await visit(t, who, link, 'reset');
  const password = strongPassword();
  await choosePassword(t, who, password);
  await check(t, who, 'signed in');

  const other = await person(t);
  await signInWith(t, other, acc.username, acc.password);
  await other.page.getByRole('alert').waitFor();
  assert.match(await other.page.getByRole('alert').innerText(), /incorrect/);
  await check(t, other, 'old password refused');
  await signInWith(t, other, acc.username, password);
  await other.page.waitForURL(`${org.url}/`);
  await check(t, other, 'signed in with the new password');
});
