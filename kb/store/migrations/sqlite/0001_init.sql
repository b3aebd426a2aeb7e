-- Tickets, their attachments and delivery outbox (issue 4), and analytics events (issue 5).
-- Times are INTEGER Unix milliseconds, UTC. Types and SQL are kept close to standard SQL so the
-- PostgreSQL schema (issue 8) can mirror this file column for column.

CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY AUTOINCREMENT, -- AUTOINCREMENT: a number is never reused
    number      TEXT UNIQUE,                       -- "KB-000123", set in the creating transaction
    created_at  INTEGER NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    mobile      TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL,
    description TEXT NOT NULL,
    client_ip   TEXT NOT NULL DEFAULT '',
    user_agent  TEXT NOT NULL DEFAULT '',
    referrer    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX tickets_created_at ON tickets (created_at);

CREATE TABLE attachments (
    id           TEXT PRIMARY KEY, -- random hex, never the client's file name
    ticket_id    INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    data         BLOB NOT NULL
);
CREATE INDEX attachments_ticket ON attachments (ticket_id, position);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_key    TEXT NOT NULL UNIQUE, -- idempotency key sent to the receiver
    ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    delivered_at    INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_ticket ON outbox (ticket_id);

-- One row per site event (issue 5). No personal data: session_id is a random cookie value,
-- NULL for Do-Not-Track/GPC visits. Columns that do not apply to a type are '' or 0.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY, -- rowid alias; no AUTOINCREMENT, retention deletes old rows
    occurred_at  INTEGER NOT NULL,
    type         TEXT NOT NULL,
    session_id   TEXT,
    query        TEXT NOT NULL DEFAULT '', -- as typed (bounded by the site)
    norm_query   TEXT NOT NULL DEFAULT '', -- normalized, groups spelling variants
    slug         TEXT NOT NULL DEFAULT '',
    result_rank  INTEGER NOT NULL DEFAULT 0, -- 1-based position of a clicked result; 0: none
    result_count INTEGER NOT NULL DEFAULT 0,
    source       TEXT NOT NULL DEFAULT '', -- article view: search, suggestion, agent, direct
    value        TEXT NOT NULL DEFAULT '', -- helpful: yes/no
    reason       TEXT NOT NULL DEFAULT '',
    holdout      INTEGER NOT NULL DEFAULT 0 -- 1: the session is in the no-suggestions group
);
CREATE INDEX events_occurred_at ON events (occurred_at);
CREATE INDEX events_type_time ON events (type, occurred_at);
CREATE INDEX events_session ON events (session_id, occurred_at) WHERE session_id IS NOT NULL;
