-- PostgreSQL mirror of migrations/sqlite/0002_stats_rollups.sql. Keys are text COLLATE "C":
-- byte order, the order SQLite sorts days, slugs and queries in.
--
-- Daily roll-ups of the events table (issue 5), written by kb/stats and read by the dashboard and
-- `kb report`, which never scan raw events. A day is a calendar date (YYYY-MM-DD) in the roll-up
-- time zone (recorded in stats_state). Rolling a day up again replaces its rows, so every table
-- here is keyed by day. Roll-ups are kept when raw events are deleted by retention.
-- Counters are defined in kb/stats and the README's "Metrics" section.

CREATE TABLE stats_days (
    day                   text COLLATE "C" PRIMARY KEY, -- YYYY-MM-DD
    rolled_at             timestamptz NOT NULL, -- when these figures were computed
    is_final              boolean NOT NULL DEFAULT false, -- the day and its session horizon are over
    -- counted on the day each event occurred (all events, Do-Not-Track ones included)
    events                bigint NOT NULL DEFAULT 0,
    dnt_events            bigint NOT NULL DEFAULT 0,
    searches              bigint NOT NULL DEFAULT 0,
    zero_result_searches  bigint NOT NULL DEFAULT 0,
    result_clicks         bigint NOT NULL DEFAULT 0,
    article_views         bigint NOT NULL DEFAULT 0,
    helpful_yes           bigint NOT NULL DEFAULT 0,
    helpful_no            bigint NOT NULL DEFAULT 0,
    suggest_shown         bigint NOT NULL DEFAULT 0,
    suggest_clicks        bigint NOT NULL DEFAULT 0,
    suggest_solved        bigint NOT NULL DEFAULT 0,
    forms_started         bigint NOT NULL DEFAULT 0,
    forms_submitted       bigint NOT NULL DEFAULT 0,
    -- counted on the day each session began (sessions with an ID only)
    sessions              bigint NOT NULL DEFAULT 0,
    shown_sessions        bigint NOT NULL DEFAULT 0,
    explicit_deflections  bigint NOT NULL DEFAULT 0,
    implicit_deflections  bigint NOT NULL DEFAULT 0,
    pending_shown         bigint NOT NULL DEFAULT 0,
    form_sessions         bigint NOT NULL DEFAULT 0,
    form_submitted        bigint NOT NULL DEFAULT 0,
    holdout_sessions      bigint NOT NULL DEFAULT 0,
    holdout_submitted     bigint NOT NULL DEFAULT 0,
    pending_forms         bigint NOT NULL DEFAULT 0,
    -- counted on the day of each search made in a session
    settled_searches      bigint NOT NULL DEFAULT 0,
    searches_with_results bigint NOT NULL DEFAULT 0,
    clicked_searches      bigint NOT NULL DEFAULT 0,
    exit_searches         bigint NOT NULL DEFAULT 0,
    pending_searches      bigint NOT NULL DEFAULT 0
);

CREATE TABLE stats_articles (
    day                  text COLLATE "C" NOT NULL,
    slug                 text COLLATE "C" NOT NULL,
    views                bigint NOT NULL DEFAULT 0,
    views_search         bigint NOT NULL DEFAULT 0,
    views_suggestion     bigint NOT NULL DEFAULT 0,
    views_agent          bigint NOT NULL DEFAULT 0,
    views_direct         bigint NOT NULL DEFAULT 0,
    helpful_yes          bigint NOT NULL DEFAULT 0,
    helpful_no           bigint NOT NULL DEFAULT 0,
    result_clicks        bigint NOT NULL DEFAULT 0,
    suggest_clicks       bigint NOT NULL DEFAULT 0,
    suggest_solved       bigint NOT NULL DEFAULT 0,
    explicit_deflections bigint NOT NULL DEFAULT 0,
    implicit_deflections bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, slug)
);

CREATE TABLE stats_queries (
    day           text COLLATE "C" NOT NULL,
    query         text COLLATE "C" NOT NULL, -- grouping form (kb/stats NormalizeQuery)
    searches      bigint NOT NULL DEFAULT 0,
    zero_results  bigint NOT NULL DEFAULT 0,
    with_results  bigint NOT NULL DEFAULT 0, -- settled session searches that had results
    clicked       bigint NOT NULL DEFAULT 0,
    exits         bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, query)
);

-- Roll-up bookkeeping: the last event ID rolled up and the time zone days are cut in.
CREATE TABLE stats_state (
    name  text PRIMARY KEY,
    value text NOT NULL
);
