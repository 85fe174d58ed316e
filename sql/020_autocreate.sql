-- Auto-create portal users (SPEC §8): per org and portal settings, the work queue of the hourly job
-- (portico-autocreate), and one summary row per run and portal.

CREATE TABLE autocreate_config (
  org_id          bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  portal          text NOT NULL CHECK (portal IN ('candidate', 'client')),
  enabled         boolean NOT NULL DEFAULT false,
  username_format text NOT NULL DEFAULT 'email' CHECK (username_format IN ('email', 'record_id')),
  template        text NOT NULL DEFAULT 'auto_create_portal_user' CHECK (template = 'auto_create_portal_user'),
  credential_mode text NOT NULL DEFAULT 'set_password_link'
                  CHECK (credential_mode IN ('set_password_link', 'generated_password')),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, portal)
);

-- Candidates and client contacts changed since the job last looked at them. A trigger on contact fills
-- it, the job empties it: so a run costs what changed, never a scan of every contact. Rows the job could
-- not act on (a username clash) stay, with the reason, and are tried again on every run.
CREATE TABLE autocreate_queue (
  org_id         bigint NOT NULL,
  contact_id     bigint NOT NULL,
  portal         text NOT NULL CHECK (portal IN ('candidate', 'client')),
  queued_at      timestamptz NOT NULL DEFAULT now(),
  problem        text,
  problem_detail text,
  PRIMARY KEY (org_id, contact_id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);
CREATE INDEX autocreate_queue_portal ON autocreate_queue (org_id, portal, contact_id);

CREATE FUNCTION autocreate_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IN ('candidate', 'client_contact')
     AND (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status OR NEW.kind IS DISTINCT FROM OLD.kind
          OR NEW.email IS DISTINCT FROM OLD.email OR NEW.record_ref IS DISTINCT FROM OLD.record_ref) THEN
    INSERT INTO autocreate_queue (org_id, contact_id, portal)
    VALUES (NEW.org_id, NEW.id, CASE NEW.kind WHEN 'candidate' THEN 'candidate' ELSE 'client' END)
    ON CONFLICT (org_id, contact_id) DO UPDATE SET portal = EXCLUDED.portal, queued_at = now();
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER contact_autocreate AFTER INSERT OR UPDATE OF status, kind, email, record_ref ON contact
  FOR EACH ROW EXECUTE FUNCTION autocreate_enqueue();

-- Contacts made before this migration are looked at once.
INSERT INTO autocreate_queue (org_id, contact_id, portal)
SELECT org_id, id, CASE kind WHEN 'candidate' THEN 'candidate' ELSE 'client' END
FROM contact WHERE kind IN ('candidate', 'client_contact');

-- One row per run and enabled portal, written as the run goes: each batch updates it in the batch's own
-- transaction, so a killed run leaves a row (outcome 'running', never finished) that counts exactly
-- what it committed. 'busy': another run was working on the same portal, so this one left it alone.
CREATE TABLE autocreate_run (
  org_id      bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  portal      text NOT NULL CHECK (portal IN ('candidate', 'client')),
  runner      text NOT NULL,
  outcome     text NOT NULL DEFAULT 'running' CHECK (outcome IN ('running', 'finished', 'busy', 'failed')),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  duration_ms integer,
  created     integer NOT NULL DEFAULT 0,
  suspended   integer NOT NULL DEFAULT 0,
  skipped     integer NOT NULL DEFAULT 0,
  problems    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(problems) = 'array'),  -- the first 200
  PRIMARY KEY (org_id, id)
);
CREATE INDEX autocreate_run_portal ON autocreate_run (org_id, portal, id);
-- What the staff API lists as the contacts the job could not act on.
CREATE INDEX autocreate_queue_problem ON autocreate_queue (org_id, portal, contact_id) WHERE problem IS NOT NULL;
