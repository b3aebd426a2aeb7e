-- The roll-up (kb/stats) reads raw events only by time range (events_occurred_at) and by ID
-- (the primary key), and groups sessions in memory; nothing reads events by session. The
-- session index cost more than anything else on ingestion: inserting through it ran at 17,000
-- events/s, without it at 60,000 (BenchmarkRecorder, 200,000 events, batches of 2,000).
DROP INDEX events_session;
