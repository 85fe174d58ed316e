// Journey 3: the tasks module of external assignees (take a task in charge, complete it from the list)
// and approvals decided from the Approvals list.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { check, close, launch, person, signIn, visit } from './lib/browser.mjs';
import { admin, createAccount, createOrg, uniq } from './lib/stack.mjs';

let org;
before(async () => {
  await launch();
  org = createOrg();
  admin(['org', 'set', '--org', org.slug, '--external-assignee-seats', '100']);
});
after(close);

const row = (page, id) => page.locator(`#task-${id}`);

test('an external assignee takes a task in charge and completes it from the list', async (t) => {
  const ann = await createAccount(org, { external: true });
  const bob = await createAccount(org, { external: true });
  const g = await org.api.post('groups', { kind: 'workgroup', name: uniq('Team ') });
  for (const p of [ann, bob]) await org.api.post(`groups/${g.id}/members`, { contact_id: p.contactId });
  const task = await org.api.post('tasks', { type: 'standard', title: uniq('Fix the pump '), instructions: 'Before Friday.', group_id: g.id, spec: {} });

  const a = await person(t);
  await signIn(t, a, org, ann);
  await a.page.getByRole('link', { name: 'Tasks module' }).click();
  await a.page.waitForURL(new RegExp(`^${org.url}/tasks(\\?|$)`));
  await check(t, a, 'module');
  await visit(t, a, `${org.url}/tasks?list=new`, 'module new');
  await row(a.page, task.id).getByRole('button', { name: 'Take in charge' }).click();
  await a.page.waitForURL(`${org.url}/tasks/${task.id}`);
  await check(t, a, 'task taken');

  // Bob sees who holds it, and no form.
  const b = await person(t);
  await signIn(t, b, org, bob);
  await visit(t, b, `${org.url}/tasks?list=opened`, 'module opened');
  assert.match(await row(b.page, task.id).innerText(), new RegExp(ann.name));
  await visit(t, b, `${org.url}/tasks/${task.id}`, 'task held by another');
  assert.match(await b.page.locator('main').innerText(), new RegExp(ann.name));
  assert.equal(await b.page.locator('form.task-form').count(), 0);

  // Ann completes it right from her list.
  await visit(t, a, `${org.url}/tasks?list=mine`, 'module mine');
  const mine = row(a.page, task.id);
  await mine.locator('summary').click();
  await check(t, a, 'module mine, form open');
  await mine.getByLabel('Resolution').fill('Replaced the valve');
  await mine.getByLabel('Effort in minutes').fill('45');
  await mine.getByLabel('Activity note').fill('Customer on site');
  await mine.getByRole('button', { name: 'Complete the task' }).click();
  await a.page.waitForURL(`${org.url}/tasks/${task.id}`);
  const shown = await a.page.locator('main').innerText();
  assert.match(shown, /Replaced the valve/);
  assert.match(shown, /Customer on site/);
  await check(t, a, 'task completed');
  await visit(t, a, `${org.url}/tasks?list=completed`, 'module completed');
  assert.equal(await row(a.page, task.id).count(), 1);

  const done = await org.api.get(`tasks/${task.id}`);
  assert.equal(done.state, 'completed');
  assert.deepEqual(done.response, { resolution: 'Replaced the valve', effort_minutes: 45, activity_note: 'Customer on site' });
});

test('approvals: reject needs a reason next to the field, then approve and reject from the list', async (t) => {
  const boss = await createAccount(org, { external: true });
  const van = await org.api.post('tasks', { type: 'approval', title: uniq('Buy a van '), contact_id: boss.contactId, spec: {} });
  const yacht = await org.api.post('tasks', { type: 'approval', title: uniq('Buy a yacht '), contact_id: boss.contactId, spec: {} });
  const who = await person(t);
  const { page } = who;
  await signIn(t, who, org, boss);
  await page.getByRole('link', { name: 'Approvals' }).click();
  await page.waitForURL(`${org.url}/approvals`);
  await check(t, who, 'approvals');

  let r = row(page, yacht.id);
  await r.locator('summary').click();
  await r.getByLabel('Reject').check();
  await r.getByRole('button', { name: 'Send my decision' }).click();
  await page.locator('.field-error').first().waitFor();
  const comment = page.getByLabel('Comment');
  assert.equal(await comment.getAttribute('aria-invalid'), 'true');
  const errorId = (await comment.getAttribute('aria-describedby') ?? '').split(' ').find((id) => id.endsWith('-error'));
  assert.ok(errorId, 'Comment is not described by a message');
  assert.match(await page.locator(`[id="${errorId}"]`).innerText(), /Say why you reject it\./);
  await check(t, who, 'reject without a reason');
  await comment.fill('Too dear');
  await page.getByRole('button', { name: 'Send my decision' }).click();
  await page.waitForURL(`${org.url}/tasks/${yacht.id}`);
  await check(t, who, 'rejected');

  await visit(t, who, `${org.url}/approvals`, 'approvals again');
  r = row(page, van.id);
  await r.locator('summary').click();
  await r.getByLabel('Approve').check();
  await r.getByRole('button', { name: 'Send my decision' }).click();
  await page.waitForURL(`${org.url}/tasks/${van.id}`);
  await check(t, who, 'approved');

  await visit(t, who, `${org.url}/approvals`, 'approvals decided');
  const decided = page.locator('section.task-section', { has: page.getByRole('heading', { name: 'Decided by you' }) });
  assert.equal(await decided.locator(`#task-${van.id}, #task-${yacht.id}`).count(), 2);
  assert.deepEqual((await org.api.get(`tasks/${van.id}`)).response, { decision: 'approved', comment: null });
  assert.deepEqual((await org.api.get(`tasks/${yacht.id}`)).response, { decision: 'rejected', comment: 'Too dear' });
});
