// Journey 6: a public portal: register for a process (the visitor chooses one), complete a step, register
// for a second process with the same e-mail and password, and switch between the applications.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, visit } from './lib/browser.mjs';
import { createOrg, strongPassword, uniq } from './lib/stack.mjs';

let org;
before(async () => { await launch(); org = createOrg('contacts,tasks,portals'); });
after(close);

const HEARD = { type: 'single_select', title: 'How did you hear of us?', spec: { options: ['Yes', 'No', 'Not sure'] } };
const TERMS = { type: 'signature', title: 'Terms', spec: { document_title: 'Terms of study', document_text: 'Be kind.' } };

async function register(t, who, portal, processName, mail, password, label) {
  const { page } = who;
  await visit(t, who, `${org.url}/p/${portal.slug}`, label);
  await page.getByLabel(processName).check();
  await page.getByLabel('Your name').fill('Ann Applicant');
  await page.getByLabel('E-mail').fill(mail);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/applications\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('register on a public portal, complete a step, and switch applications', async (t) => {
  const study = await org.api.post('processes', { name: uniq('Study '), description: 'Apply to study.', steps: [HEARD, TERMS] });
  const grant = await org.api.post('processes', { name: uniq('Grant '), description: 'Apply for a grant.', steps: [HEARD] });
  const portal = await org.api.post('portals', { slug: uniq('p-'), title: uniq('Admissions '), process_ids: [study.id, grant.id], multi_process: true });
  const mail = `${uniq('ann')}@example.test`;
  const password = strongPassword();

  // A too short password is told next to the field, and nothing starts.
  const who = await person(t);
  const { page } = who;
  await visit(t, who, `${org.url}/p/${portal.slug}`, 'portal');
  await page.getByLabel(study.name).check();
  await page.getByLabel('Your name').fill('Ann Applicant');
  await page.getByLabel('E-mail').fill(mail);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('.field-error').first().waitFor();
  const err = await page.getByLabel('Password', { exact: true }).evaluate((el) => el.nextElementSibling?.className ?? '');
  assert.equal(err, 'field-error', 'the message is not right after the password field');
  await check(t, who, 'portal with errors');

  const first = await register(t, who, portal, study.name, mail, password, 'portal again');
  await check(t, who, 'application');
  assert.equal(await page.locator('h1').innerText(), study.name);
  await page.getByRole('link', { name: HEARD.title }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await check(t, who, 'step');
  await page.getByLabel('Not sure').check();
  await page.getByRole('button', { name: 'Send my answer' }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await check(t, who, 'step answered');
  await visit(t, who, `${org.url}/applications/${first}`, 'application, one step done');
  assert.match(await page.locator('main').innerText(), /1 of 2 steps done/);

  // The same person, from another browser, starts the second process with the same password.
  const again = await person(t);
  const second = await register(t, again, portal, grant.name, mail, password, 'portal, second process');
  assert.notEqual(second, first);
  await check(t, again, 'second application');
  const switcher = again.page.getByRole('navigation', { name: 'Your applications' });
  assert.equal(await switcher.locator('a[aria-current="page"]').getAttribute('href'), `/applications/${second}`);
  await switcher.getByRole('link', { name: new RegExp(study.name) }).click();
  await again.page.waitForURL(`${org.url}/applications/${first}`);
  assert.equal(await again.page.locator('h1').innerText(), study.name);
  assert.equal(await switcher.locator('a[aria-current="page"]').getAttribute('href'), `/applications/${first}`);
  await check(t, again, 'switched');
  await again.page.getByRole('link', { name: 'All your applications' }).click();
  await again.page.waitForURL(`${org.url}/applications`);
  assert.deepEqual(await again.page.locator('li.application').evaluateAll((els) => els.map((e) => e.id)),
    [`application-${second}`, `application-${first}`]);
  await check(t, again, 'applications');
});

test('an upload request step is answered with a file from its page', async (t) => {
  const CV = { type: 'upload_request', title: 'Your CV', spec: { what: 'Your CV as a PDF.' } };
  const jobs = await org.api.post('processes', { name: uniq('Job '), description: 'Apply for a job.', steps: [CV] });
  const portal = await org.api.post('portals', { slug: uniq('p-'), title: uniq('Jobs '), process_ids: [jobs.id] });
  const who = await person(t);
  const { page } = who;
  await visit(t, who, `${org.url}/p/${portal.slug}`, 'jobs portal');
  await page.getByLabel('Your name').fill('Ann Applicant');
  await page.getByLabel('E-mail').fill(`${uniq('ann')}@example.test`);
  await page.getByLabel('Password', { exact: true }).fill(strongPassword());
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForURL(/\/applications\/\d+$/);
  await check(t, who, 'job application');
  await page.getByRole('link', { name: CV.title }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await check(t, who, 'upload request');
  const step = page.url();

  // Sent without a file: the form comes back, still answering this step.
  await page.getByRole('button', { name: 'Send the files' }).click();
  await page.waitForURL(/\/upload\?task=\d+$/);
  await check(t, who, 'upload request without a file');
  assert.match(await page.locator('[role="alert"]').innerText(), /Choose at least one file/);

  await page.getByLabel('Files').setInputFiles({ name: 'cv.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(step);
  await check(t, who, 'upload request answered');
  assert.match(await page.locator('main').innerText(), /Files sent\s*1/);
  assert.equal(await page.locator('input[type="file"]').count(), 0, 'an answered request offers no form');
});
