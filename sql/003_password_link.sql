-- Single-use set-password links (welcome e-mails for new accounts, and resets). The token's secret is
-- stored only as a hash; using a link is one conditional UPDATE, so concurrent submits succeed once.
CREATE TABLE password_link (
  org_id      bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  account_id  bigint NOT NULL,
  purpose     text NOT NULL CHECK (purpose IN ('welcome', 'reset')),
  secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz,  -- a newer link for the same account replaced it
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, account_id) REFERENCES account (org_id, id) ON DELETE CASCADE
);
CREATE INDEX password_link_account ON password_link (org_id, account_id);

-- Events counted for rate limits other than sign-in (forgotten passwords, registrations, ...).
CREATE TABLE throttle_event (
  org_id bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  kind   text NOT NULL,
  key    text NOT NULL,
  at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX throttle_event_key ON throttle_event (org_id, kind, key, at);
