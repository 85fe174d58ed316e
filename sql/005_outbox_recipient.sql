-- Staff look up mail by recipient (GET /api/v1/outbox?to=...).
CREATE INDEX outbox_recipient ON outbox (org_id, lower(to_email), id);
