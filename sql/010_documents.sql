-- Documents (SPEC §5): uploads ("Send us Stuff"), signed evidence of signature tasks, and documents staff
-- issue to a client or a contact; their bytes in chunks; personal view links; the view ledger.

-- Who sees a document in the portal: the contact it belongs to (uploaded, signed, or issued to that
-- contact alone), or every contact of the client it was issued to, now and later.
CREATE TABLE document (
  org_id         bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  kind           text NOT NULL CHECK (kind IN ('upload', 'signed', 'invoice', 'quote', 'credit', 'contract', 'other')),
  -- The tab of the contact's document list: uploads land in unassigned until staff file them.
  tab            text NOT NULL CHECK (tab IN ('unassigned', 'general', 'signed', 'issued')),
  title          text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),  -- display text only (e.g. the file's name)
  storage_name   text NOT NULL UNIQUE DEFAULT gen_random_uuid()::text,    -- generated; never from the request
  content_type   text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 200),
  size_bytes     bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0),
  sha256         bytea CHECK (length(sha256) = 32),
  note           text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  contact_id     bigint,
  client_id      bigint,
  task_id        bigint,   -- the signature task a signed document records
  created_by_key bigint,   -- the staff key that issued it
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((contact_id IS NULL) <> (client_id IS NULL)),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id),
  FOREIGN KEY (org_id, client_id) REFERENCES client (org_id, id),
  FOREIGN KEY (org_id, task_id) REFERENCES task (org_id, id)
);
CREATE INDEX document_contact ON document (org_id, contact_id, id) WHERE contact_id IS NOT NULL;
CREATE INDEX document_client ON document (org_id, client_id, id) WHERE client_id IS NOT NULL;

-- The bytes, at most 256 KiB a row, written and read one row at a time so that no handler ever holds a
-- whole file. Stored uncompressed: uploads are mostly compressed formats already.
CREATE TABLE document_chunk (
  org_id      bigint NOT NULL,
  document_id bigint NOT NULL,
  seq         integer NOT NULL CHECK (seq >= 0),
  data        bytea NOT NULL CHECK (length(data) BETWEEN 1 AND 262144),
  PRIMARY KEY (org_id, document_id, seq),
  FOREIGN KEY (org_id, document_id) REFERENCES document (org_id, id) ON DELETE CASCADE
);
ALTER TABLE document_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- Recipients of an issued document: one personal view link (/d/{token}) each; the secret only as a hash.
CREATE TABLE document_link (
  org_id      bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  document_id bigint NOT NULL,
  contact_id  bigint NOT NULL,
  secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, document_id, contact_id),
  FOREIGN KEY (org_id, document_id) REFERENCES document (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);

-- The view ledger: every open of a document by a contact, by any route; staff previews are kept apart
-- (channel staff_preview, no contact) and never count. HEAD requests and mail scanners write nothing.
CREATE TABLE document_view (
  org_id         bigint NOT NULL,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  document_id    bigint NOT NULL,
  contact_id     bigint,
  api_key_id     bigint,
  channel        text NOT NULL CHECK (channel IN ('email_link', 'portal', 'one_time', 'staff_preview')),
  at             timestamptz NOT NULL DEFAULT now(),
  client_address inet,
  user_agent     text CHECK (length(user_agent) <= 300),
  PRIMARY KEY (org_id, id),
  CHECK ((channel = 'staff_preview') = (contact_id IS NULL)),
  FOREIGN KEY (org_id, document_id) REFERENCES document (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);
CREATE INDEX document_view_document ON document_view (org_id, document_id, id);

-- SPEC §2: the signed evidence of a signature task becomes a document of the signer, whichever route
-- completed the task (a one-time link, the portal, ...). A plain-text record: the evidence, then the text
-- that was signed.
CREATE FUNCTION task_signed_document() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb := coalesce(NEW.response, '{}');
  title text := coalesce(nullif(r->>'document_title', ''), nullif(NEW.spec->>'document_title', ''), NEW.title);
  body bytea;
  doc bigint;
  i integer := 0;
BEGIN
  IF NEW.completed_by IS NULL THEN
    RETURN NULL;
  END IF;
  body := convert_to(
    'Signed document: ' || title || E'\n' ||
    'Signed by: ' || coalesce(r->>'full_name', '') || E'\n' ||
    'Consent given: ' || coalesce(r->>'consent', 'false') || E'\n' ||
    'Signed at: ' || coalesce(r->>'signed_at', to_char(NEW.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) || E'\n' ||
    'From address: ' || coalesce(r->>'client_address', host(NEW.completed_ip), '') || E'\n' ||
    'User agent: ' || coalesce(r->>'user_agent', '') || E'\n' ||
    'Document SHA-256: ' || coalesce(r->>'document_sha256', '') || E'\n' ||
    'Task: ' || NEW.id || ' (completed via ' || coalesce(NEW.completed_via, '') || E')\n' ||
    E'\n----- Document text -----\n' || coalesce(NEW.spec->>'document_text', ''), 'UTF8');
  INSERT INTO document (org_id, kind, tab, title, content_type, size_bytes, sha256, contact_id, task_id)
  VALUES (NEW.org_id, 'signed', 'signed', left('Signed: ' || title, 300), 'text/plain; charset=utf-8',
          length(body), sha256(body), NEW.completed_by, NEW.id)
  RETURNING id INTO doc;
  WHILE i * 262144 < length(body) LOOP
    INSERT INTO document_chunk (org_id, document_id, seq, data)
    VALUES (NEW.org_id, doc, i, substring(body FROM i * 262144 + 1 FOR 262144));
    i := i + 1;
  END LOOP;
  RETURN NULL;
END $$;

CREATE TRIGGER task_signed_document AFTER UPDATE OF state ON task
  FOR EACH ROW WHEN (NEW.state = 'completed' AND OLD.state IS DISTINCT FROM 'completed' AND NEW.type = 'signature')
  EXECUTE FUNCTION task_signed_document();

-- Get in touch (SPEC §6): every message a person sent, for staff; e-mailed through the outbox.
CREATE TABLE message (
  org_id         bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id             bigint GENERATED ALWAYS AS IDENTITY,
  contact_id     bigint NOT NULL,
  visit          text NOT NULL CHECK (visit IN ('full', 'one_time')),
  subject        text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  to_email       text NOT NULL DEFAULT '',  -- the org's contact_email at the time; '' when none was set
  outbox_id      bigint,
  client_address inet,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);
CREATE INDEX message_contact ON message (org_id, contact_id, created_at);
