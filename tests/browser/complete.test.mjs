// Journey 2: each task type completed from the one-time link of its e-mail, landing on the limited home
// page (Your Files and Documents, Send us Stuff, Get in touch); and the same done with the keyboard alone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, visit } from './lib/browser.mjs';
import { createOrg, linkFromMail, uniq } from './lib/stack.mjs';

const LIMITED_TABS = ['Your Files and Documents', 'Send us Stuff', 'Get in touch'];
const DOC_TEXT = 'I will keep the secret.\n\nSigned in good faith.';
const SPECS = {
  single_select: { options: ['Yes', 'No', 'Not sure'] },
  form: { fields: [
    { name: 'age', label: 'Age', type: 'number', required: true },
    { name: 'colour', label: 'Colour', type: 'select', options: ['Red', 'Blue'] },
    { name: 'born', label: 'Date of birth', type: 'date' },
    { name: 'mail', label: 'Work e-mail', type: 'email' },
    { name: 'story', label: 'Your story', type: 'textarea' },
    { name: 'agree', label: 'I agree', type: 'checkbox', required: true },
  ] },
  signature: { document_title: 'Non-disclosure agreement', document_text: DOC_TEXT },
  standard: {},
  approval: {},
};

// How a person answers each type on the page, and what the API then holds as the response.
const ANSWER = {
  single_select: [async (p) => { await p.getByLabel('No', { exact: true }).check(); }, { option: 'No' }],
  form: [async (p) => {
    await p.getByLabel('Age').fill('42');
    await p.getByLabel('Colour').selectOption('Blue');
    await p.getByLabel('Date of birth').fill('1990-02-28');
    await p.getByLabel('Work e-mail').fill('ann@example.test');
    await p.getByLabel('Your story').fill('Line one\nline two');
    await p.getByLabel('I agree').check();
  }, { values: { age: '42', colour: 'Blue', born: '1990-02-28', mail: 'ann@example.test', story: 'Line one\nline two', agree: true } }],
  signature: [async (p) => {
    await p.getByLabel('Your full name').fill('Ann Example');
    await p.getByLabel('I have read this document and I agree to sign it').check();
  }, { full_name: 'Ann Example', consent: true }],
  standard: [async (p) => {
    await p.getByLabel('Resolution').fill('Fixed the pump');
    await p.getByLabel('Effort in minutes').fill('30');
    await p.getByLabel('Activity note').fill('Replaced a seal');
  }, { resolution: 'Fixed the pump', effort_minutes: 30, activity_note: 'Replaced a seal' }],
  approval: [async (p) => {
    await p.getByLabel('Reject').check();
    await p.getByLabel('Comment').fill('Too expensive');
  }, { decision: 'rejected', comment: 'Too expensive' }],
};
const SUBMIT = { single_select: 'Send my answer', form: 'Send my answer', signature: 'Sign', standard: 'Complete the task', approval: 'Send my decision' };

let org;
before(async () => { await launch(); org = createOrg(); });
after(close);

// A contact of a one-time group, a task of that type assigned to them, and the link of its e-mail.
async function assignWithLink(type) {
  const g = await org.api.post('groups', { kind: 'target_group', name: uniq('once '), auth_mode: 'one_time' });
  const c = await org.api.post('contacts', { kind: 'target', email: `${uniq('once')}@example.test`, name: `Once ${uniq()}` });
  await org.api.post(`groups/${g.id}/members`, { contact_id: c.id });
  const title = uniq('Task ');
  const task = await org.api.post('tasks', { type, title, instructions: 'Please answer by Friday.', contact_id: c.id, spec: SPECS[type] });
  return { task, link: await linkFromMail(c.email, '/c/', title) };
}

async function tabs(page) {
  return (await page.locator('nav.tabs a').allInnerTexts()).map((s) => s.trim());
}

for (const type of Object.keys(SPECS)) {
  test(`complete a ${type} task from the e-mail link and land on the limited home page`, async (t) => {
    const { task, link } = await assignWithLink(type);
    const who = await person(t);
    const { page } = who;
    await visit(t, who, link, 'task');
    assert.equal(await page.locator('h1').innerText(), task.title);
    assert.match(await page.locator('main').innerText(), /Please answer by Friday\./);

    if (type === 'form') {  // a bad answer: each message next to its field, the field marked
      await page.getByRole('button', { name: SUBMIT[type] }).click();
      await page.locator('.field-error').first().waitFor();
      const age = page.getByLabel('Age');
      assert.equal(await age.getAttribute('aria-invalid'), 'true');
      const described = (await age.getAttribute('aria-describedby')) ?? '';
      const errorId = await page.locator('.field.invalid:has(#' + (await age.getAttribute('id')) + ') .field-error').getAttribute('id');
      assert.ok(described.split(' ').includes(errorId), `Age is not described by its message (${described})`);
      assert.match(await page.getByRole('alert').innerText(), /need your attention/);
      await check(t, who, 'task with errors');
    }

    await ANSWER[type][0](page);
    await page.getByRole('button', { name: SUBMIT[type] }).click();
    await page.waitForURL(`${org.url}/files`);
    assert.deepEqual(await tabs(page), LIMITED_TABS);
    await check(t, who, 'files');

    const done = await org.api.get(`tasks/${task.id}`);
    assert.equal(done.state, 'completed');
    assert.equal(done.completed_via ?? 'link', 'link');
    // Browsers send a textarea's line breaks as CRLF (HTML's form submission), and the response keeps them.
    const lf = (v) => JSON.parse(JSON.stringify(v).replaceAll('\\r\\n', '\\n'));
    for (const [k, v] of Object.entries(ANSWER[type][1])) assert.deepEqual(lf(done.response[k]), v, `response.${k}`);

    if (type === 'single_select') {  // the other two tabs of the visit
      for (const [tab, path] of [['Send us Stuff', '/upload'], ['Get in touch', '/contact']]) {
        await page.getByRole('link', { name: tab }).click();
        await page.waitForURL(`${org.url}${path}`);
        assert.equal(await page.getByRole('link', { name: tab }).getAttribute('aria-current'), 'page');
        await check(t, who, tab);
      }
    }

    await visit(t, who, link, 'dead link');
    assert.match(await page.locator('main').innerText(), /This link is no longer active/);
  });
}

// Tab moves on until the focused element matches selector (the person cannot see selectors: at most 30 presses).
async function tabTo(page, selector) {
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i + 1;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('complete a task from the one-time link with the keyboard alone', async (t) => {
  const { task, link } = await assignWithLink('signature');
  const who = await person(t);
  const { page } = who;
  await visit(t, who, link, 'task');

  // The first Tab reaches the skip link, which leads to the content.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main$/);

  // Sign without the name: the message is next to the field, the person tries again.
  await tabTo(page, 'input[name="consent"]');
  await page.keyboard.press('Space');
  assert.ok(await page.getByLabel('I have read this document and I agree to sign it').isChecked());
  await tabTo(page, 'button[type="submit"]');
  await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
  await page.locator('#full_name-error, .field-error').first().waitFor();
  assert.equal(await page.getByLabel('Your full name').getAttribute('aria-invalid'), 'true');
  await check(t, who, 'task with errors');

  await tabTo(page, 'input[name="full_name"]');
  await page.keyboard.type('Kay Board');
  await tabTo(page, 'input[name="consent"]');
  if (!(await page.getByLabel('I have read this document and I agree to sign it').isChecked())) await page.keyboard.press('Space');
  await tabTo(page, 'button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(`${org.url}/files`);
  assert.deepEqual(await tabs(page), LIMITED_TABS);
  await check(t, who, 'files');

  const done = await org.api.get(`tasks/${task.id}`);
  assert.equal(done.state, 'completed');
  assert.equal(done.response.full_name, 'Kay Board');
  assert.equal(done.response.consent, true);
});
