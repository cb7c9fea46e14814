-- The bridge's state. Times are epoch milliseconds.

-- One row per Sentry issue: the claim (taken atomically by the primary key before any GitHub call),
-- then the GitHub issue it became and the cooldown of its update comments.
CREATE TABLE sentry_issue (
    sentry_issue_key    TEXT PRIMARY KEY,
    state               TEXT NOT NULL CHECK (state IN ('pending', 'filed')),
    github_issue_number BIGINT,
    last_update_at      BIGINT NOT NULL, -- the issue opened or last commented: the cooldown runs from here
    events_since_update BIGINT NOT NULL DEFAULT 0
);

-- Accepted GitHub writes not yet confirmed by GitHub. A replica leases one at a time; a dead replica's
-- lease runs out and another takes the write over.
CREATE TABLE pending_write (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sentry_issue_key TEXT   NOT NULL,
    sentry_issue_id  TEXT,
    action           TEXT   NOT NULL CHECK (action IN ('create', 'comment')),
    request          TEXT   NOT NULL, -- the issue or comment, as JSON
    accepted_at      BIGINT NOT NULL,
    attempts         INT    NOT NULL DEFAULT 0, -- requests sent: above 0, GitHub may already have it
    not_before       BIGINT NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_until      BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX pending_write_due ON pending_write (lease_until, not_before, id);

-- Writes the bridge gave up on, until someone replays them.
CREATE TABLE dead_letter (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sentry_issue_key TEXT   NOT NULL,
    sentry_issue_id  TEXT,
    action           TEXT   NOT NULL,
    request          TEXT   NOT NULL,
    accepted_at      BIGINT NOT NULL,
    attempts         INT    NOT NULL,
    error            TEXT   NOT NULL,
    failed_at        BIGINT NOT NULL
);

-- /health writes here to prove the storage takes writes (a full disk still answers reads).
CREATE TABLE storage_probe (
    id         INT PRIMARY KEY,
    checked_at BIGINT NOT NULL
);
INSERT INTO storage_probe (id, checked_at) VALUES (1, 0);
