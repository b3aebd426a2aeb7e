package events

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// SessionCookie is the name of the anonymous session cookie (set by kb/site).
const SessionCookie = "kb_session"

// SessionIdle is the session cookie's Max-Age, renewed on every page: a session ends after 30
// idle minutes, so a session is one visit, as the metrics' 30-minute windows assume. The cookie
// holds only a random ID: no personal data, nothing derived from the visitor.
const SessionIdle = 30 * time.Minute

// sessionIDLen is the length of rand.Text's output: 26 base32 characters, 130 random bits.
const sessionIDLen = 26

// NewSessionID returns a new random session ID.
func NewSessionID() string { return rand.Text() }

// ValidSessionID reports whether s has the form of a NewSessionID (a cookie value is input: an
// invalid one is replaced by a new ID, never stored).
func ValidSessionID(s string) bool {
	if len(s) != sessionIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '2' <= c && c <= '7') {
			return false
		}
	}
	return true
}

// DoNotTrack reports whether the request asks not to be tracked, by Do-Not-Track ("DNT: 1") or
// Global Privacy Control ("Sec-GPC: 1"). Such visits get no session cookie; their events are
// recorded without a session ID: counted in totals, left out of per-session rates.
func DoNotTrack(h http.Header) bool {
	return strings.TrimSpace(h.Get("DNT")) == "1" || strings.TrimSpace(h.Get("Sec-GPC")) == "1"
}

// MaxHoldout is the largest holdout fraction allowed: beyond half, most ticket-form visitors
// would be denied suggestions to measure them.
const MaxHoldout = 0.5

// Holdout assigns sessions to the holdout group, which the ticket form shows no suggestions,
// to measure what suggestions change (causal deflection).
type Holdout struct{ threshold uint64 }

// NewHoldout returns the assignment of the given fraction of sessions (0 disables it).
func NewHoldout(fraction float64) (Holdout, error) {
	if !(fraction >= 0 && fraction <= MaxHoldout) { // also rejects NaN
		return Holdout{}, fmt.Errorf("events: holdout fraction %v: want 0 to %v", fraction, MaxHoldout)
	}
	return Holdout{threshold: uint64(fraction * (1 << 63) * 2)}, nil
}

// Contains reports whether the session is in the holdout group. The assignment is a hash of the
// session ID: random across sessions (the IDs are random), stable within one, so a visitor
// who reloads the form stays in the group. Do-Not-Track visits (no ID) are never held out.
func (h Holdout) Contains(sessionID string) bool {
	if sessionID == "" || h.threshold == 0 {
		return false
	}
	sum := sha256.Sum256([]byte("kb-holdout\x00" + sessionID))
	return binary.BigEndian.Uint64(sum[:8]) < h.threshold
}
