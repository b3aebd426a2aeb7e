package site

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"persiankb/kb/store"
	"persiankb/search"
)

// TestAsHTTPErrorStore: the one error wrapper answers an unavailable store with 503 and the
// store's Retry-After, wherever the error was wrapped, and anything else unknown with 500.
func TestAsHTTPErrorStore(t *testing.T) {
	unavailable := fmt.Errorf("store: create ticket: %w", store.ErrUnavailable)
	tests := []struct {
		name       string
		err        error
		status     int
		retryAfter string
	}{
		{"store unavailable", unavailable, http.StatusServiceUnavailable, storeRetryAfterSeconds},
		{"wrapped again by a handler", fmt.Errorf("dashboard: %w", errors.Join(nil, unavailable)), http.StatusServiceUnavailable, storeRetryAfterSeconds},
		{"index not loaded", errUnavailable, http.StatusServiceUnavailable, ""},
		{"store bug", errors.New("store: create ticket: constraint failed"), http.StatusInternalServerError, ""},
		{"bad search request", &search.RequestError{Field: "query"}, http.StatusBadRequest, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			he := asHTTPError(tc.err)
			if he.Status != tc.status || he.RetryAfter != tc.retryAfter {
				t.Errorf("asHTTPError(%v) = %d, Retry-After %q; want %d, %q", tc.err, he.Status, he.RetryAfter, tc.status, tc.retryAfter)
			}
			if tc.status == http.StatusServiceUnavailable && tc.retryAfter != "" && (he.Message != msgStoreUnavailable || !errors.Is(he, store.ErrUnavailable)) {
				t.Errorf("message %q, cause %v", he.Message, he.Err)
			}
		})
	}
}
