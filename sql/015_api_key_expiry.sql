-- Staff API keys may be given a lifetime (portico-admin apikey create --expires-days N); NULL: until revoked.
ALTER TABLE api_key ADD COLUMN expires_at timestamptz;
