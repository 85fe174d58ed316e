-- Upload requests (SPEC §7: a process step that asks the applicant for files): a task type of its own,
-- answered through the upload handler. response: {"documents": [document ids], "note": text?}.
ALTER TABLE task DROP CONSTRAINT task_type_check;
ALTER TABLE task ADD CONSTRAINT task_type_check
  CHECK (type IN ('single_select', 'form', 'signature', 'standard', 'approval', 'upload_request'));
