// The stack under test, as scripts/test exports it (see tests/integration/conftest.py): orgs and people
// made through portico-admin and the staff API, and the messages the test SMTP server saved.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import tls from 'node:tls';

export function env(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests through scripts/test, which starts the stack`);
  return v;
}

export const uniq = (prefix = '') => prefix + randomBytes(5).toString('hex');
export const strongPassword = () => randomBytes(18).toString('base64url');

export function admin(args, stdin) {
  return execFileSync(env('PORTICO_ADMIN'), args, { input: stdin ?? '', encoding: 'utf8', timeout: 60000 });
}

export class Api {
  constructor(host, key) { this.host = host; this.key = key; }

  request(method, apiPath, body) {
    const url = new URL(env('PORTICO_TEST_URL'));
    const data = body === undefined ? undefined : JSON.stringify(body);
    const headers = { Host: this.host, Accept: 'application/json', Authorization: `Bearer ${this.key}` };
    if (data !== undefined) Object.assign(headers, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) });
    const ca = process.env.PORTICO_TEST_CA ? fs.readFileSync(process.env.PORTICO_TEST_CA) : undefined;
    return new Promise((resolve, reject) => {
      const req = https.request({
        host: url.hostname, port: url.port, method, path: `/api/v1/${apiPath}`, headers,
        // The certificate names the stack's address, not the org's Host header.
        ca, rejectUnauthorized: Boolean(ca), checkServerIdentity: (_, cert) => tls.checkServerIdentity(url.hostname, cert),
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { text += c; });
        res.on('end', () => resolve({ status: res.statusCode, text, json: () => JSON.parse(text) }));
      });
      req.on('error', reject);
      req.setTimeout(30000, () => req.destroy(new Error(`${method} ${apiPath}: timed out`)));
      req.end(data);
    });
  }

  async post(apiPath, body, status = 201) {
    const r = await this.request('POST', apiPath, body);
    if (r.status !== status) throw new Error(`POST ${apiPath} ${JSON.stringify(body)}: ${r.status} ${r.text.slice(0, 500)}`);
    return r.text ? r.json() : null;
  }

  async get(apiPath) {
    const r = await this.request('GET', apiPath);
    if (r.status !== 200) throw new Error(`GET ${apiPath}: ${r.status} ${r.text.slice(0, 500)}`);
    return r.json();
  }
}

// A fresh org served at https://<slug>.test, with a staff API key.
export function createOrg(permissions = 'contacts,tasks') {
  const slug = uniq('b');
  const host = `${slug}.test`;
  admin(['org', 'create', '--slug', slug, '--name', `Browser org ${slug}`, '--base-url', `https://${host}`,
    '--contact-email', `office@${host}`]);
  admin(['org', 'host', 'add', '--org', slug, '--host', host]);
  const out = admin(['apikey', 'create', '--org', slug, '--name', uniq('key'), '--permissions', permissions]);
  const key = out.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('pk_')).pop();
  if (!key) throw new Error(`apikey create printed no key: ${out}`);
  return { slug, host, url: `https://${host}`, api: new Api(host, key) };
}

// An active account with a password (portico-admin account create), and its contact id.
export async function createAccount(org, { external = false } = {}) {
  const username = uniq('user');
  const password = strongPassword();
  const email = `${username}@example.test`;
  const args = ['account', 'create', '--org', org.slug, '--email', email, '--name', `Person ${username}`,
    '--username', username];
  if (external) args.push('--external-assignee');
  admin(args, `${password}\n`);
  const contact = (await org.api.get(`contacts?limit=200`)).data.find((c) => c.email === email);
  if (!contact) throw new Error(`no contact ${email} after account create`);
  return { username, password, email, name: `Person ${username}`, contactId: contact.id };
}

// ------------------------------------------------------------------------------------------------- mail

function decodePart(headers, body) {
  const enc = /content-transfer-encoding:\s*(\S+)/i.exec(headers)?.[1]?.toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    return Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

// The text/plain part of one .eml file.
function mailText(raw) {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1];
  const parts = boundary ? raw.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const p of parts) {
    const split = p.search(/\r?\n\r?\n/);
    const headers = p.slice(0, split);
    if (!boundary || /content-type:\s*text\/plain/i.test(headers)) return decodePart(headers, p.slice(split).trim());
  }
  throw new Error('no text/plain part');
}

export function mailTo(address) {
  const dir = env('PORTICO_TEST_MAIL_DIR');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .filter((raw) => (/^X-Envelope-To:\s*(.*)$/mi.exec(raw)?.[1] ?? '').toLowerCase().includes(address.toLowerCase()))
    .map((raw) => ({ raw, text: mailText(raw) }));
}

// The latest message to address whose text contains `about`, once the SMTP server has saved it.
export async function waitForMail(address, about = '', timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = mailTo(address).filter((m) => m.text.includes(about)).pop();
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no message to ${address} about ${JSON.stringify(about)} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The link under pathPrefix (e.g. "/c/") in the latest message to address that contains `about`.
export async function linkFromMail(address, pathPrefix, about = '') {
  const m = await waitForMail(address, about);
  const re = new RegExp(`https://[^\\s"<>]+${pathPrefix.replace(/[/]/g, '\\/')}[^\\s"<>]+`);
  const link = re.exec(m.text)?.[0];
  if (!link) throw new Error(`no ${pathPrefix} link in the message to ${address}:\n${m.text}`);
  return link;
}
