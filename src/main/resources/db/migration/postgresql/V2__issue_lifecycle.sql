-- The issue lifecycle: a GitHub issue is open, closed by Sentry's word or by a person, held, or gone.

-- pending: claimed, creation queued; open; resolved: closed as completed; archived: closed as not planned by
-- the bridge (Sentry archived it); held: closed as not planned or duplicate by a person, never written again;
-- gone: deleted or transferred, the next alert opens a new issue
ALTER TABLE sentry_issue DROP CONSTRAINT sentry_issue_state_check;
UPDATE sentry_issue SET state = 'open' WHERE state = 'filed';
ALTER TABLE sentry_issue ADD CONSTRAINT sentry_issue_state_check
    CHECK (state IN ('pending', 'open', 'resolved', 'archived', 'held', 'gone'));
ALTER TABLE sentry_issue ADD COLUMN github_repository TEXT;
-- the issue this one is a regression of, or the deleted one it replaces
ALTER TABLE sentry_issue ADD COLUMN previous_issue_number BIGINT;
ALTER TABLE sentry_issue ADD COLUMN closed_by TEXT CHECK (closed_by IN ('bridge', 'person'));
ALTER TABLE sentry_issue ADD COLUMN closed_at BIGINT;
-- the last change the bridge made on GitHub ("closed <reason> <closed_at>" or "open"): its echo is no person's
ALTER TABLE sentry_issue ADD COLUMN bridge_change TEXT;
ALTER TABLE sentry_issue ADD COLUMN last_alert_at BIGINT;
-- each transition adds one: a decision commits only on the state it saw
ALTER TABLE sentry_issue ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
UPDATE sentry_issue SET last_alert_at = last_update_at;
CREATE INDEX sentry_issue_github ON sentry_issue (github_issue_number);

-- create, comment, close, reopen (GitHub); sentry-status (Sentry's web API)
ALTER TABLE pending_write DROP CONSTRAINT pending_write_action_check;
-- a Sentry issue's writes go out in the order they were accepted: the lane looks for an earlier one
CREATE INDEX pending_write_order ON pending_write (sentry_issue_key, id);
