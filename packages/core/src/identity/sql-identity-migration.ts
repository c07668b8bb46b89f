/**
 * Identity tables, to register as migration `0003-identity` after the shared ones.
 * Built-in accounts are rows of `users` with a password hash, so the admin API manages one list of
 * users whatever way they sign in; `status` also suspends users from identity providers.
 * `users.role` (single, from 0001) is kept in step with `roles` for older readers.
 */
export const migration0003Identity = `
ALTER TABLE users ADD COLUMN roles text[] NOT NULL DEFAULT '{user}';
ALTER TABLE users ADD COLUMN tier text NOT NULL DEFAULT 'free';
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended'));
ALTER TABLE users ADD COLUMN password_hash text;
CREATE UNIQUE INDEX users_account_email ON users (tenant_id, email) WHERE password_hash IS NOT NULL;

CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY,
  tenant_id text NOT NULL,
  account_id text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX auth_sessions_account ON auth_sessions (tenant_id, account_id);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

ALTER TABLE api_keys ADD COLUMN roles text[] NOT NULL DEFAULT '{user}';
ALTER TABLE api_keys ADD COLUMN tier text NOT NULL DEFAULT 'free';
CREATE INDEX api_keys_prefix ON api_keys (prefix);
`;
