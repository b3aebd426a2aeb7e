-- Daily roll-ups of the events table (issue 5), written by kb/stats and read by the dashboard and
-- `kb report`, which never scan raw events. A day is a calendar date (YYYY-MM-DD) in the roll-up
-- time zone (recorded in stats_state). Rolling a day up again replaces its rows, so every table
-- here is keyed by day. Roll-ups are kept when raw events are deleted by retention.
-- Counters are defined in kb/stats and the README's "Metrics" section.

CREATE TABLE stats_days (
    day                   TEXT PRIMARY KEY,
    rolled_at             INTEGER NOT NULL, -- Unix ms: when these figures were computed
    is_final              INTEGER NOT NULL DEFAULT 0, -- 1: the day and its session horizon are over
    -- counted on the day each event occurred (all events, Do-Not-Track ones included)
    events                INTEGER NOT NULL DEFAULT 0,
    dnt_events            INTEGER NOT NULL DEFAULT 0,
    searches              INTEGER NOT NULL DEFAULT 0,
    zero_result_searches  INTEGER NOT NULL DEFAULT 0,
    result_clicks         INTEGER NOT NULL DEFAULT 0,
    article_views         INTEGER NOT NULL DEFAULT 0,
    helpful_yes           INTEGER NOT NULL DEFAULT 0,
    helpful_no            INTEGER NOT NULL DEFAULT 0,
    suggest_shown         INTEGER NOT NULL DEFAULT 0,
    suggest_clicks        INTEGER NOT NULL DEFAULT 0,
    suggest_solved        INTEGER NOT NULL DEFAULT 0,
    forms_started         INTEGER NOT NULL DEFAULT 0,
    forms_submitted       INTEGER NOT NULL DEFAULT 0,
    -- counted on the day each session began (sessions with an ID only)
    sessions              INTEGER NOT NULL DEFAULT 0,
    shown_sessions        INTEGER NOT NULL DEFAULT 0,
    explicit_deflections  INTEGER NOT NULL DEFAULT 0,
    implicit_deflections  INTEGER NOT NULL DEFAULT 0,
    pending_shown         INTEGER NOT NULL DEFAULT 0,
    form_sessions         INTEGER NOT NULL DEFAULT 0,
    form_submitted        INTEGER NOT NULL DEFAULT 0,
    holdout_sessions      INTEGER NOT NULL DEFAULT 0,
    holdout_submitted     INTEGER NOT NULL DEFAULT 0,
    pending_forms         INTEGER NOT NULL DEFAULT 0,
    -- counted on the day of each search made in a session
    settled_searches      INTEGER NOT NULL DEFAULT 0,
    searches_with_results INTEGER NOT NULL DEFAULT 0,
    clicked_searches      INTEGER NOT NULL DEFAULT 0,
    exit_searches         INTEGER NOT NULL DEFAULT 0,
    pending_searches      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE stats_articles (
    day                  TEXT NOT NULL,
    slug                 TEXT NOT NULL,
    views                INTEGER NOT NULL DEFAULT 0,
    views_search         INTEGER NOT NULL DEFAULT 0,
    views_suggestion     INTEGER NOT NULL DEFAULT 0,
    views_agent          INTEGER NOT NULL DEFAULT 0,
    views_direct         INTEGER NOT NULL DEFAULT 0,
    helpful_yes          INTEGER NOT NULL DEFAULT 0,
    helpful_no           INTEGER NOT NULL DEFAULT 0,
    result_clicks        INTEGER NOT NULL DEFAULT 0,
    suggest_clicks       INTEGER NOT NULL DEFAULT 0,
    suggest_solved       INTEGER NOT NULL DEFAULT 0,
    explicit_deflections INTEGER NOT NULL DEFAULT 0,
    implicit_deflections INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, slug)
);

CREATE TABLE stats_queries (
    day           TEXT NOT NULL,
    query         TEXT NOT NULL, -- grouping form (kb/stats NormalizeQuery)
    searches      INTEGER NOT NULL DEFAULT 0,
    zero_results  INTEGER NOT NULL DEFAULT 0,
    with_results  INTEGER NOT NULL DEFAULT 0, -- settled session searches that had results
    clicked       INTEGER NOT NULL DEFAULT 0,
    exits         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, query)
);

-- Roll-up bookkeeping: the last event ID rolled up and the time zone days are cut in.
CREATE TABLE stats_state (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
