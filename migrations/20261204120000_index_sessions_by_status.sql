-- Counting a machine's live sessions (machine info) and expiring its stale `active` sessions
-- (before each creation) filter on status and expiry; without this index both read every
-- session row of the machine.
CREATE INDEX sessions_machine_status_expires ON sessions (machine_id, status, expires_at);
