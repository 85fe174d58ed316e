-- Public portals (SPEC §7): a process is a named list of steps; a portal is a public URL (/p/{slug})
-- where anyone starts one of its processes; each start is an application whose steps are rows of task
-- assigned to the applicant, so every task route serves them.

CREATE TABLE process (
  org_id      bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
  -- [{"type", "title", "instructions", "spec"}, ...]: each a task template of §2, checked by the API.
  steps       jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) BETWEEN 1 AND 50),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);

CREATE TABLE portal (
  org_id               bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id                   bigint GENERATED ALWAYS AS IDENTITY,
  slug                 text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  introduction         text NOT NULL DEFAULT '' CHECK (length(introduction) <= 20000),
  enabled              boolean NOT NULL DEFAULT true,
  multi_process        boolean NOT NULL DEFAULT false,
  registration_enabled boolean NOT NULL DEFAULT true,
  allow_duplicates     boolean NOT NULL DEFAULT true,
  tags                 text[] NOT NULL DEFAULT '{}',
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, slug)
);

-- The processes a portal offers, in the order the visitor sees them.
CREATE TABLE portal_process (
  org_id     bigint NOT NULL,
  portal_id  bigint NOT NULL,
  process_id bigint NOT NULL,
  position   integer NOT NULL,
  PRIMARY KEY (org_id, portal_id, process_id),
  FOREIGN KEY (org_id, portal_id) REFERENCES portal (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, process_id) REFERENCES process (org_id, id)
);
CREATE INDEX portal_process_process ON portal_process (org_id, process_id);

CREATE TABLE application (
  org_id     bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id         bigint GENERATED ALWAYS AS IDENTITY,
  portal_id  bigint NOT NULL,
  process_id bigint NOT NULL,
  contact_id bigint NOT NULL,
  tags       text[] NOT NULL DEFAULT '{}',  -- the portal's tags when it was started
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  FOREIGN KEY (org_id, portal_id) REFERENCES portal (org_id, id),
  FOREIGN KEY (org_id, process_id) REFERENCES process (org_id, id),
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id)
);
CREATE INDEX application_contact ON application (org_id, contact_id, created_at);
CREATE INDEX application_process ON application (org_id, process_id, contact_id);
CREATE INDEX application_portal ON application (org_id, portal_id, id);
CREATE INDEX application_tags ON application USING gin (tags);

-- A step of an application is a task with its application and its place in the process.
ALTER TABLE task ADD COLUMN application_id bigint, ADD COLUMN step_no integer,
  ADD CHECK ((application_id IS NULL) = (step_no IS NULL)),
  ADD FOREIGN KEY (org_id, application_id) REFERENCES application (org_id, id);
CREATE UNIQUE INDEX task_application_step ON task (org_id, application_id, step_no) WHERE application_id IS NOT NULL;
