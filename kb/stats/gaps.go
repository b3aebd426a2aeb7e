package stats

import "persiankb/kb/store"

// NoClicks is the content-gap count of a grouped query: its searches made in a session that
// returned results and were not followed within Window by a click on a result of the same
// grouped query (before the session searched it again). Only settled searches count: one whose
// window is still open is neither clicked nor a no-click yet, and Do-Not-Track searches (no
// session) are left out, since no click can be tied to them. The store ranks the query tables
// by the same expression (store.ByNoClick).
func NoClicks(c store.QueryCounts) int64 { return store.ByNoClick.Key(c) }

// NoClickRate is NoClicks ÷ the query's settled session searches with results.
func NoClickRate(c store.QueryCounts) Ratio { return Ratio{NoClicks(c), c.WithResults} }
