-- The staff dashboard's last activity reads a contact's latest session (one-time visits have no account,
-- so session_account does not serve it).
CREATE INDEX session_contact ON session (org_id, contact_id, last_seen_at);
