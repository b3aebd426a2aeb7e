package tickets

import (
	"errors"
	"time"
)

// permanentError is a delivery failure that retrying cannot fix: the delivery is marked
// failed at once, for an admin to look at.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

func permanent(err error) error { return permanentError{err} }

func isPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// retryAfterError is a temporary failure whose receiver asked for a minimum wait.
type retryAfterError struct {
	err   error
	after time.Duration
}

func (e retryAfterError) Error() string { return e.err.Error() }
func (e retryAfterError) Unwrap() error { return e.err }

func retryAfter(err error, after time.Duration) error {
	if after <= 0 {
		return err
	}
	return retryAfterError{err, after}
}

// minWait is the wait the receiver asked for, or 0.
func minWait(err error) time.Duration {
	var r retryAfterError
	if errors.As(err, &r) {
		return r.after
	}
	return 0
}
