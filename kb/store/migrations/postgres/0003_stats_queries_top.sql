-- PostgreSQL mirror of migrations/sqlite/0004_stats_queries_top.sql: indexes for QueryTotals
-- (querytop.go), which ranks queries over a range of days without grouping every query row of
-- the range: it reads each day's top rows by the ranking counter (stats_queries_top_*), then
-- sums the candidates exactly (stats_queries_by_query). At 1 million events a GROUP BY over 30
-- days of query rows took 70-110 ms here, 250 ms over 90 days, growing with the traffic.
CREATE INDEX stats_queries_by_query ON stats_queries (query, day);
CREATE INDEX stats_queries_top_searches ON stats_queries (day, searches);
CREATE INDEX stats_queries_top_zero ON stats_queries (day, zero_results);
CREATE INDEX stats_queries_top_noclick ON stats_queries (day, (with_results - clicked));
