package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Tehran and other zones on hosts without a zone database

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// Report defaults and bounds.
const (
	defaultTimeZone = "Asia/Tehran" // days of the metrics are cut at midnight in this zone
	defaultSince    = "30d"
	defaultTop      = 10
	maxReportDays   = 3660 // ten years: more is a typo
)

// reportConfig is the configuration of `kb report`.
type reportConfig struct {
	Data     string
	Store    string // store DSN; "" = DATA/kb.db
	TimeZone string
	Since    string // "30d": the last 30 days, today included
	From, To string // YYYY-MM-DD; From overrides Since, To defaults to today
	Top      int
	NoRollup bool

	loc *time.Location
}

func parseReportConfig(env *cliEnv, args []string) (reportConfig, error) {
	var c reportConfig
	fs := newFlagSet(env, "report", "")
	fs.StringVar(&c.Data, "data", envOr(env, "KB_DATA", "./data"), "data folder holding the store (KB_DATA)")
	fs.StringVar(&c.Store, "store", envOr(env, "KB_STORE", ""), "store: SQLite file, sqlite:PATH or postgres://URL (KB_STORE; default DATA/"+defaultStoreFile+")")
	fs.StringVar(&c.TimeZone, "tz", envOr(env, "KB_TZ", defaultTimeZone), "time zone days are cut in (KB_TZ)")
	fs.StringVar(&c.Since, "since", defaultSince, "report the last N days, today included: Nd")
	fs.StringVar(&c.From, "from", "", "first day YYYY-MM-DD (instead of --since)")
	fs.StringVar(&c.To, "to", "", "last day YYYY-MM-DD (default today)")
	fs.IntVar(&c.Top, "top", defaultTop, "rows per table")
	fs.BoolVar(&c.NoRollup, "no-rollup", false, "read the roll-ups as they are, without bringing them up to date first")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, usagef("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.loc, err = time.LoadLocation(c.TimeZone); err != nil || c.TimeZone == "" {
		return c, usagef("unknown --tz %q: want an IANA zone such as Asia/Tehran or UTC", c.TimeZone)
	}
	if c.Top < 1 || c.Top > 1000 {
		return c, usagef("--top %d: want 1 to 1000", c.Top)
	}
	if c.Data == "" && c.Store == "" {
		return c, usagef("--data or --store is needed")
	}
	return c, nil
}

// reportRange is the range of days to report at time now.
func (c reportConfig) reportRange(now time.Time) (stats.Range, error) {
	last := stats.DayOf(now, c.loc)
	if c.To != "" {
		d, err := stats.ParseDay(c.To)
		if err != nil {
			return stats.Range{}, usagef("--to: %v", err)
		}
		last = d
	}
	var rng stats.Range
	if c.From != "" {
		first, err := stats.ParseDay(c.From)
		if err != nil {
			return rng, usagef("--from: %v", err)
		}
		rng = stats.Range{First: first, Last: last}
	} else {
		n, err := parseSince(c.Since)
		if err != nil {
			return rng, err
		}
		rng = stats.Range{First: last.AddDays(1 - n), Last: last}
	}
	if rng.Len() < 1 || rng.Len() > maxReportDays {
		return rng, usagef("range %s: want 1 to %d days, first before last", rng, maxReportDays)
	}
	return rng, nil
}

// parseSince parses "30d" (or "30").
func parseSince(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSuffix(s, "d"))
	if err != nil || n < 1 || n > maxReportDays {
		return 0, usagef("--since %q: want a number of days such as 30d (1 to %d)", s, maxReportDays)
	}
	return n, nil
}

// dsn is the store to open: --store, or the SQLite file in the data folder.
func (c reportConfig) dsn() string {
	if c.Store != "" {
		return c.Store
	}
	return filepath.Join(c.Data, defaultStoreFile)
}

// reportStore is what `kb report` needs of the store.
type reportStore interface {
	stats.RollerStore
	Close() error
}

func runReport(ctx context.Context, env *cliEnv, args []string) error {
	c, err := parseReportConfig(env, args)
	if err != nil {
		return err
	}
	now := time.Now()
	rng, err := c.reportRange(now)
	if err != nil {
		return err
	}
	st, err := openReportStore(ctx, c.dsn())
	if err != nil {
		return err
	}
	defer st.Close()
	if !c.NoRollup {
		// No retention here (KeepRaw 0): deleting raw events is kb serve's job.
		roller, err := stats.NewRoller(st, stats.RollerConfig{Location: c.loc})
		if err != nil {
			return err
		}
		if _, err := roller.RollUp(ctx, now); err != nil {
			return err
		}
	}
	rep, err := stats.Compute(ctx, st, rng, c.Top)
	if err != nil {
		return err
	}
	printReport(env.stdout, rep, c.loc)
	return nil
}

// openReportStore opens an existing store: a report never creates an empty database.
func openReportStore(ctx context.Context, dsn string) (reportStore, error) {
	if !strings.Contains(dsn, "://") {
		path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "file:")
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: give --data or --store of a site that has run `kb serve`", path)
		}
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	rs, ok := s.(reportStore)
	if !ok {
		s.Close()
		return nil, fmt.Errorf("the %T store does not keep metrics roll-ups yet", s)
	}
	return rs, nil
}
