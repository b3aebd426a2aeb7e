-- The article and query roll-ups become clustered tables (WITHOUT ROWID): rows are stored in
-- primary-key order, so the dashboard's reads are contiguous range scans instead of an index
-- lookup per row. stats_queries is keyed by (query, day): QueryTotals sums its candidates one
-- query at a time, and the per-day ranking indexes carry the query (the key) with them.
CREATE TABLE stats_articles_new (
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
) WITHOUT ROWID;
INSERT INTO stats_articles_new SELECT day, slug, views, views_search, views_suggestion, views_agent,
    views_direct, helpful_yes, helpful_no, result_clicks, suggest_clicks, suggest_solved,
    explicit_deflections, implicit_deflections FROM stats_articles;
DROP TABLE stats_articles;
ALTER TABLE stats_articles_new RENAME TO stats_articles;

CREATE TABLE stats_queries_new (
    query         TEXT NOT NULL,
    day           TEXT NOT NULL,
    searches      INTEGER NOT NULL DEFAULT 0,
    zero_results  INTEGER NOT NULL DEFAULT 0,
    with_results  INTEGER NOT NULL DEFAULT 0,
    clicked       INTEGER NOT NULL DEFAULT 0,
    exits         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (query, day)
) WITHOUT ROWID;
INSERT INTO stats_queries_new SELECT query, day, searches, zero_results, with_results, clicked, exits
    FROM stats_queries;
DROP TABLE stats_queries; -- and the indexes of 0004
ALTER TABLE stats_queries_new RENAME TO stats_queries;
CREATE INDEX stats_queries_top_searches ON stats_queries (day, searches);
CREATE INDEX stats_queries_top_zero ON stats_queries (day, zero_results);
CREATE INDEX stats_queries_top_noclick ON stats_queries (day, with_results - clicked);
