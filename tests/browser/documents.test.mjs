// Journey 5: Send us Stuff (upload), Get in touch, and an issued document opened from its e-mail link
// and in the portal.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, signIn, visit } from './lib/browser.mjs';
import { createAccount, createOrg, linkFromMail, uniq, waitForMail } from './lib/stack.mjs';

let org;
before(async () => { await launch(); org = createOrg('contacts,tasks,documents'); });
after(close);

test('send us stuff: upload a file with a note', async (t) => {
  const acc = await createAccount(org);
  const who = await person(t);
  const { page } = who;
  await signIn(t, who, org, acc);
  await page.getByRole('link', { name: 'Send us Stuff' }).click();
  await page.waitForURL(`${org.url}/upload`);
  await check(t, who, 'upload');
  await page.getByLabel('Files').setInputFiles({ name: 'meter.txt', mimeType: 'text/plain', buffer: Buffer.from('Meter reading: 4711\n') });
  await page.getByLabel('Note (optional)').fill('The reading of March');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').waitFor();
  assert.match(await page.getByRole('status').innerText(), /we received 1 file/);
  await check(t, who, 'uploaded');

  const docs = (await org.api.get(`documents?contact_id=${acc.contactId}&limit=200`)).data;
  const up = docs.find((d) => d.title === 'meter.txt' || d.title?.includes('meter'));
  assert.ok(up, `the upload is not among the contact's documents: ${JSON.stringify(docs)}`);
  assert.equal(up.note, 'The reading of March');
});

test('get in touch: a missing subject is told next to the field, then the message is sent', async (t) => {
  const acc = await createAccount(org);
  const who = await person(t);
  const { page } = who;
  await signIn(t, who, org, acc);
  await page.getByRole('link', { name: 'Get in touch' }).click();
  await page.waitForURL(`${org.url}/contact`);
  await check(t, who, 'contact');
  const subject = uniq('Question ');
  await page.getByLabel('Message').fill('When is the next meeting?');
  await page.getByLabel('Subject').evaluate((el) => el.removeAttribute('required'));  // what an old browser would send
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('.field-error').first().waitFor();
  assert.equal(await page.getByLabel('Message').inputValue(), 'When is the next meeting?', 'the message is kept');
  const next = await page.getByLabel('Subject').evaluate((el) => el.parentElement.querySelector('.field-error')?.textContent ?? '');
  assert.ok(next.trim(), 'no message next to the Subject field');
  await check(t, who, 'contact with errors');

  await page.getByLabel('Subject').fill(subject);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.waitForURL(`${org.url}/contact?sent=1`);
  assert.match(await page.getByRole('status').innerText(), /your message has been sent/);
  await check(t, who, 'contact sent');
  const mail = await waitForMail(`office@${org.host}`, subject);
  assert.match(mail.text, /When is the next meeting\?/);
  assert.match(mail.text, new RegExp(acc.email));
});

test('an issued document opens from its e-mail link and in the portal', async (t) => {
  const acc = await createAccount(org);
  const title = uniq('Contract ');
  const doc = await org.api.post('documents', { kind: 'contract', title, contact_id: acc.contactId, recipients: [acc.contactId],
    content_type: 'text/plain', content_base64: Buffer.from('Terms and conditions.\n').toString('base64') });
  const link = await linkFromMail(acc.email, '/d/', title);

  const mailed = await person(t);  // no session: the link alone opens it
  const r = await mailed.page.goto(link);
  assert.equal(r.status(), 200);
  assert.equal((await mailed.page.locator('body').innerText()).trim(), 'Terms and conditions.');

  const who = await person(t);
  const { page } = who;
  await signIn(t, who, org, acc);
  await page.getByRole('link', { name: 'Your Files and Documents' }).click();
  await page.waitForURL(`${org.url}/files`);
  await check(t, who, 'files');
  const rowOf = page.getByRole('row', { name: new RegExp(title) });
  await rowOf.getByRole('link', { name: 'Open' }).click();
  await page.waitForURL(`${org.url}/files/${doc.id}`);
  assert.equal((await page.locator('body').innerText()).trim(), 'Terms and conditions.');

  const v = await org.api.get(`documents/${doc.id}/views`);
  assert.equal(v.status, 'viewed');
  assert.deepEqual(v.data.filter((x) => x.counted).map((x) => [x.contact_id, x.channel]),
    [[acc.contactId, 'email_link'], [acc.contactId, 'portal']]);
});
