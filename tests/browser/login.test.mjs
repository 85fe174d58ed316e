// Journey 1: sign in and out; a wrong password is told next to the form, and both fields point at it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, visit } from './lib/browser.mjs';
import { createAccount, createOrg } from './lib/stack.mjs';

const LOGIN_FAILED = 'The username or password is incorrect.';
let org;
before(async () => { await launch(); org = createOrg(); });
after(close);

test('sign in and out; a wrong password shows the message next to the form', async (t) => {
  const acc = await createAccount(org);
  const who = await person(t);
  const { page } = who;

  await visit(t, who, `${org.url}/`, 'signed out');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.locator('h1').innerText(), 'Sign in');

  await page.getByLabel('Username').fill(acc.username);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${org.url}/login`);
  const error = page.getByRole('alert');
  assert.equal((await error.innerText()).trim(), LOGIN_FAILED);
  const errorId = await error.getAttribute('id');
  assert.ok(errorId, 'the message has an id the form can point at');
  assert.equal(await page.locator('form[action="/login"]').getAttribute('aria-describedby'), errorId);
  for (const field of ['Username', 'Password']) {  // the message cannot say which one: both are marked and point at it
    assert.equal(await page.getByLabel(field).getAttribute('aria-invalid'), 'true', `${field} is not marked invalid`);
    assert.equal(await page.getByLabel(field).getAttribute('aria-describedby'), errorId, `${field} is not described by the message`);
  }
  assert.equal(await page.getByLabel('Username').inputValue(), acc.username, 'the username is kept');
  assert.equal(await page.getByLabel('Password').inputValue(), '', 'the password is not sent back');
  await check(t, who, 'wrong password');

  await page.getByLabel('Password').fill(acc.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${org.url}/`);
  assert.match(await page.locator('header .person').innerText(), new RegExp(acc.name));
  const cookies = await who.context.cookies(org.url);
  const session = cookies.find((c) => c.name === '__Host-portico');
  assert.ok(session?.secure && session.httpOnly, 'a secure, HttpOnly session cookie');
  await check(t, who, 'tasks');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${org.url}/login`);
  assert.equal(await page.getByRole('alert').count(), 0);
  await check(t, who, 'signed out again');
  await visit(t, who, `${org.url}/`, 'signed out, home asked');
  assert.equal(new URL(page.url()).pathname, '/login', 'the session is gone');
});
