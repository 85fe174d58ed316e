-- Tenants, the people they work with, their logins and sessions, staff API keys, and the audit log.
-- Every tenant table carries org_id, and org_id leads every key, so no row can reference another org's
-- row and the schema can be sharded by org.

CREATE TABLE org (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  contact_email text NOT NULL DEFAULT '',
  mail_from     text NOT NULL DEFAULT '',
  stylesheet    text NOT NULL DEFAULT '' CHECK (length(stylesheet) <= 200000),
  base_url      text NOT NULL CHECK (base_url ~ '^https?://'),
  link_ttl      interval NOT NULL DEFAULT '30 days',
  external_assignee_seats integer NOT NULL DEFAULT 5 CHECK (external_assignee_seats >= 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE org_host (
  host   text PRIMARY KEY CHECK (host = lower(host) AND host !~ '[/:\s]'),
  org_id bigint NOT NULL REFERENCES org ON DELETE CASCADE
);
CREATE INDEX org_host_org ON org_host (org_id);

CREATE TABLE client (
  org_id     bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id         bigint GENERATED ALWAYS AS IDENTITY,
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  record_ref text CHECK (length(record_ref) BETWEEN 1 AND 100),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, record_ref)
);

CREATE TABLE contact (
  org_id      bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  kind        text NOT NULL CHECK (kind IN ('candidate', 'client_contact', 'target', 'end_user', 'applicant')),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  email       text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  record_ref  text CHECK (length(record_ref) BETWEEN 1 AND 100),
  client_id   bigint,
  identifiers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(identifiers) = 'object'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, record_ref),
  FOREIGN KEY (org_id, client_id) REFERENCES client (org_id, id)
);
CREATE INDEX contact_email ON contact (org_id, lower(email));
CREATE INDEX contact_client ON contact (org_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX contact_updated ON contact (org_id, updated_at);

-- "group" is a reserved word.
CREATE TABLE contact_group (
  org_id            bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id                bigint GENERATED ALWAYS AS IDENTITY,
  kind              text NOT NULL CHECK (kind IN ('target_group', 'workgroup')),
  name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  auth_mode         text NOT NULL DEFAULT 'full_account' CHECK (auth_mode IN ('full_account', 'one_time')),
  identifier_fields text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE group_member (
  org_id     bigint NOT NULL,
  group_id   bigint NOT NULL,
  contact_id bigint NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, group_id, contact_id),
  FOREIGN KEY (org_id, group_id) REFERENCES contact_group (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);
CREATE INDEX group_member_contact ON group_member (org_id, contact_id);

CREATE TABLE account (
  org_id               bigint NOT NULL,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  contact_id           bigint NOT NULL,
  username             text NOT NULL CHECK (length(username) BETWEEN 1 AND 254),
  password_hash        text,  -- Argon2id string; NULL until the person sets one
  state                text NOT NULL DEFAULT 'invited' CHECK (state IN ('invited', 'active', 'suspended')),
  must_change_password boolean NOT NULL DEFAULT false,
  external_assignee    boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  last_login_at        timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, contact_id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id)
);
CREATE UNIQUE INDEX account_username ON account (org_id, lower(username));

-- Sessions: the id is only ever stored as a keyed hash. kind 'one_time' is a visit after completing a
-- task through an e-mailed link, with no account.
CREATE TABLE session (
  org_id       bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id_hash      bytea NOT NULL CHECK (length(id_hash) = 32),
  kind         text NOT NULL CHECK (kind IN ('full', 'one_time')),
  contact_id   bigint NOT NULL,
  account_id   bigint,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  idle_timeout interval NOT NULL,
  expires_at   timestamptz NOT NULL,
  ip           inet,
  user_agent   text,
  PRIMARY KEY (org_id, id_hash),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, account_id) REFERENCES account (org_id, id) ON DELETE CASCADE
);
CREATE INDEX session_account ON session (org_id, account_id);
CREATE INDEX session_expires ON session (org_id, expires_at);

-- Failed logins, for throttling per account name and per client address.
CREATE TABLE login_failure (
  org_id   bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  at       timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,  -- lower-cased as typed, whether or not such an account exists
  ip       inet NOT NULL
);
CREATE INDEX login_failure_user ON login_failure (org_id, username, at);
CREATE INDEX login_failure_ip ON login_failure (org_id, ip, at);

CREATE TABLE api_key (
  org_id       bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id           bigint GENERATED ALWAYS AS IDENTITY,
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_hash     bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
  permissions  text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz,
  PRIMARY KEY (org_id, id)
);

CREATE TABLE audit_log (
  org_id      bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_type  text NOT NULL CHECK (actor_type IN ('staff_key', 'contact', 'system', 'admin')),
  actor_id    bigint,
  action      text NOT NULL,
  object_type text,
  object_id   bigint,
  detail      jsonb NOT NULL DEFAULT '{}',
  ip          inet,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX audit_log_at ON audit_log (org_id, at);
