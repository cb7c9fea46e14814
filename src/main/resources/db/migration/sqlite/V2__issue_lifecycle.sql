-- The issue lifecycle: a GitHub issue is open, closed by Sentry's word or by a person, held, or gone.
-- SQLite cannot change a CHECK constraint in place, so both tables are rebuilt and their rows copied.

CREATE TABLE sentry_issue_v2 (
    sentry_issue_key      TEXT PRIMARY KEY,
    -- pending: claimed, creation queued; open; resolved: closed as completed; archived: closed as not planned
    -- by the bridge (Sentry archived it); held: closed as not planned or duplicate by a person, never written
    -- again; gone: deleted or transferred, the next alert opens a new issue
    state                 TEXT   NOT NULL CHECK (state IN ('pending', 'open', 'resolved', 'archived', 'held', 'gone')),
    github_repository     TEXT,
    github_issue_number   BIGINT,
    previous_issue_number BIGINT, -- the issue this one is a regression of, or the deleted one it replaces
    closed_by             TEXT CHECK (closed_by IN ('bridge', 'person')),
    closed_at             BIGINT,
    bridge_change         TEXT, -- the last change the bridge made on GitHub ("closed <reason> <closed_at>" or "open"): its echo is no person's
    last_update_at        BIGINT NOT NULL, -- the issue opened or last commented: the cooldown runs from here
    events_since_update   BIGINT NOT NULL DEFAULT 0,
    last_alert_at         BIGINT,
    version               BIGINT NOT NULL DEFAULT 0 -- each transition adds one: a decision commits only on the state it saw
);
INSERT INTO sentry_issue_v2 (sentry_issue_key, state, github_issue_number, last_update_at, events_since_update, last_alert_at)
SELECT sentry_issue_key, CASE state WHEN 'filed' THEN 'open' ELSE state END, github_issue_number, last_update_at,
       events_since_update, last_update_at
FROM sentry_issue;
DROP TABLE sentry_issue;
ALTER TABLE sentry_issue_v2 RENAME TO sentry_issue;
CREATE INDEX sentry_issue_github ON sentry_issue (github_issue_number);

CREATE TABLE pending_write_v2 (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    sentry_issue_key TEXT   NOT NULL,
    sentry_issue_id  TEXT,
    -- create, comment, close, reopen (GitHub); sentry-status (Sentry's web API)
    action           TEXT   NOT NULL,
    request          TEXT   NOT NULL, -- the write's body, as JSON
    accepted_at      BIGINT NOT NULL,
    attempts         INT    NOT NULL DEFAULT 0, -- requests sent: above 0, GitHub may already have it
    not_before       BIGINT NOT NULL DEFAULT 0,
    lease_owner      TEXT,
    lease_until      BIGINT NOT NULL DEFAULT 0
);
INSERT INTO pending_write_v2 (id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts, not_before,
                              lease_owner, lease_until)
SELECT id, sentry_issue_key, sentry_issue_id, action, request, accepted_at, attempts, not_before, lease_owner, lease_until
FROM pending_write;
-- ids are never reused: a comment on GitHub carries its write's id
DELETE FROM sqlite_sequence WHERE name = 'pending_write_v2';
INSERT INTO sqlite_sequence (name, seq) SELECT 'pending_write_v2', seq FROM sqlite_sequence WHERE name = 'pending_write';
DROP TABLE pending_write;
ALTER TABLE pending_write_v2 RENAME TO pending_write;
CREATE INDEX pending_write_due ON pending_write (lease_until, not_before, id);
-- a Sentry issue's writes go out in the order they were accepted: the lane looks for an earlier one
CREATE INDEX pending_write_order ON pending_write (sentry_issue_key, id);
