-- Tasks ("criteria", SPEC §2): assigned by staff to one contact or to a workgroup, completed in the
-- portal or through a one-time link that dies with the task.

CREATE TABLE task (
  org_id              bigint NOT NULL REFERENCES org ON DELETE CASCADE,
  id                  bigint GENERATED ALWAYS AS IDENTITY,
  type                text NOT NULL CHECK (type IN ('single_select', 'form', 'signature', 'standard', 'approval')),
  title               text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  instructions        text NOT NULL DEFAULT '' CHECK (length(instructions) <= 20000),
  -- What the person answers: single_select {"options": [..]}, form {"fields": [..]},
  -- signature {"document_title", "document_text"}; standard and approval need nothing.
  spec                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(spec) = 'object'),
  assignee_contact_id bigint,
  assignee_group_id   bigint,
  state               text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'in_progress', 'completed', 'cancelled')),
  taken_by            bigint,  -- contact who took it in charge
  taken_at            timestamptz,
  completed_by        bigint,
  completed_at        timestamptz,
  completed_via       text CHECK (completed_via IN ('link', 'portal')),
  completed_ip        inet,
  response            jsonb,   -- the answer, shaped by type
  due_at              timestamptz,
  created_by_key      bigint,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, id),
  CHECK ((assignee_contact_id IS NULL) <> (assignee_group_id IS NULL)),
  CHECK ((state = 'completed') = (completed_at IS NOT NULL)),
  FOREIGN KEY (org_id, assignee_contact_id) REFERENCES contact (org_id, id),
  FOREIGN KEY (org_id, assignee_group_id) REFERENCES contact_group (org_id, id),
  FOREIGN KEY (org_id, taken_by) REFERENCES contact (org_id, id),
  FOREIGN KEY (org_id, completed_by) REFERENCES contact (org_id, id)
);
CREATE INDEX task_contact ON task (org_id, assignee_contact_id, state) WHERE assignee_contact_id IS NOT NULL;
CREATE INDEX task_group ON task (org_id, assignee_group_id, state) WHERE assignee_group_id IS NOT NULL;
CREATE INDEX task_state ON task (org_id, state, id);
CREATE INDEX task_completed_by ON task (org_id, completed_by, completed_at) WHERE completed_by IS NOT NULL;

-- The history of a task: assigned, notified, taken, completed, cancelled, link_resent.
CREATE TABLE task_event (
  org_id     bigint NOT NULL,
  task_id    bigint NOT NULL,
  id         bigint GENERATED ALWAYS AS IDENTITY,
  at         timestamptz NOT NULL DEFAULT now(),
  kind       text NOT NULL,
  contact_id bigint,
  actor_key  bigint,
  detail     jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, task_id, id),
  FOREIGN KEY (org_id, task_id) REFERENCES task (org_id, id) ON DELETE CASCADE
);

-- One-time completion links (SPEC §3.2), one per (task, recipient). Secret stored only as a hash.
CREATE TABLE completion_link (
  org_id      bigint NOT NULL,
  id          bigint GENERATED ALWAYS AS IDENTITY,
  task_id     bigint NOT NULL,
  contact_id  bigint NOT NULL,
  secret_hash bytea NOT NULL UNIQUE CHECK (length(secret_hash) = 32),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  dead_at     timestamptz,
  dead_reason text CHECK (dead_reason IN ('completed', 'cancelled', 'revoked')),
  PRIMARY KEY (org_id, id),
  CHECK ((dead_at IS NULL) = (dead_reason IS NULL)),
  FOREIGN KEY (org_id, task_id) REFERENCES task (org_id, id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, contact_id) REFERENCES contact (org_id, id) ON DELETE CASCADE
);
CREATE INDEX completion_link_task ON completion_link (org_id, task_id) WHERE dead_at IS NULL;
