-- E-mail: an outbox row is written in the same transaction as the change that causes it; portico-mailer
-- delivers it. Bodies can hold secrets (set-password links, generated passwords), so they are stored
-- encrypted (XChaCha20-Poly1305 under a key derived from the server key) and dropped once sent.

CREATE TABLE outbox (
  org_id          bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id              bigint GENERATED ALWAYS AS IDENTITY,
  idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  folder          text NOT NULL,
  contact_id      bigint,
  to_email        text NOT NULL,
  to_name         text NOT NULL DEFAULT '',
  subject         text NOT NULL,
  sealed_body     bytea,   -- encrypted {text, html}; NULL once sent
  key_id          text,    -- which server key sealed it
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  lease_until     timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, idempotency_key),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE SET NULL (contact_id)
);
-- What the mailer scans: only rows still to deliver.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state IN ('pending', 'sending');
CREATE INDEX outbox_state ON outbox (org_id, state, id);
CREATE INDEX outbox_contact ON outbox (org_id, contact_id, id);

CREATE TABLE outbox_attempt (
  org_id    bigint NOT NULL,
  outbox_id bigint NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  outcome   text NOT NULL CHECK (outcome IN ('sent', 'temporary', 'permanent')),
  smtp_code integer,
  detail    text NOT NULL DEFAULT '',
  FOREIGN KEY (org_id, outbox_id) REFERENCES outbox (org_id, id) ON DELETE CASCADE
);
CREATE INDEX outbox_attempt_row ON outbox_attempt (org_id, outbox_id, at);

-- Per-org overrides of the shipped e-mail templates (templates/mail/<folder>/).
CREATE TABLE mail_template (
  org_id     bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  folder     text NOT NULL,
  subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body_text  text NOT NULL CHECK (length(body_text) <= 100000),
  body_html  text NOT NULL CHECK (length(body_html) <= 200000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, folder)
);
