-- An org may send through its own mail relay instead of the deployment's (PORTICO_SMTP_URL).
-- Credentials are not stored here: the URL names host, port and TLS only.
ALTER TABLE org ADD COLUMN smtp_url text NOT NULL DEFAULT ''
  CHECK (smtp_url = '' OR (smtp_url ~ '^smtps?://[^/@\s]+(/[^@\s]*)?$'));
