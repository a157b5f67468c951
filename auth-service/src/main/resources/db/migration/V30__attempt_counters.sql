-- Sign-in limits as counters, replacing the rows of login_failures: one row per subject (a SHA-256 hash of an
-- e-mail or a client address, with a prefix naming the limit), counting attempts in a window that opens with
-- the subject's first attempt. One INSERT ... ON CONFLICT DO UPDATE counts an attempt and reads the count
-- (under the row's lock), so parallel attempts cannot all slip under the limit.
CREATE TABLE attempt_counters (
    subject      text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    attempts     integer     NOT NULL
);
CREATE INDEX attempt_counters_window_idx ON attempt_counters (window_start);

DROP TABLE login_failures;
