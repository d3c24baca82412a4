-- Timestamps are UTC text in the fixed-width form YYYY-MM-DDTHH:MM:SS.ffffff, so text order is
-- time order and SQL comparisons against the current time work.
CREATE TABLE machines (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    location       TEXT,
    is_active      INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    last_heartbeat TEXT,
    qr_config      TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE sessions (
    session_id     TEXT PRIMARY KEY NOT NULL,
    machine_id     TEXT NOT NULL REFERENCES machines (id),
    status         TEXT NOT NULL,
    user_progress  TEXT NOT NULL,
    created_at     TEXT,
    expires_at     TEXT NOT NULL,
    last_activity  TEXT,
    payment_amount REAL,
    payment_method TEXT,
    order_id       TEXT,
    ip_address     TEXT,
    session_data   TEXT
);

CREATE INDEX sessions_machine_created ON sessions (machine_id, created_at);
