package site

import (
	"errors"
	"net/http"

	"persiankb/kb/store"
	"persiankb/search"
)

// requestErrorCodes maps the field of a *search.RequestError to the API error code.
var requestErrorCodes = map[string]string{
	"query": codeQueryTooLong,
	"limit": codeBadLimit,
	"page":  codeBadPage,
}

// httpError is an error a handler returns to choose the response status and the message shown.
type httpError struct {
	Status  int
	Code    string // machine-readable code for the JSON API
	Message string // Persian message for the customer
	Err     error  // the cause, logged for server errors; may be nil
	// RetryAfter is the Retry-After header (seconds) sent with a 503; retryAfterSeconds when
	// empty.
	RetryAfter string
}

func (e *httpError) Error() string {
	if e.Err != nil {
		return e.Code + ": " + e.Err.Error()
	}
	return e.Code
}

func (e *httpError) Unwrap() error { return e.Err }

func errNotFound(msg string) *httpError {
	return &httpError{Status: http.StatusNotFound, Code: codeNotFound, Message: msg}
}

func errBadRequest(code, msg string) *httpError {
	return &httpError{Status: http.StatusBadRequest, Code: code, Message: msg}
}

var errUnavailable = &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: msgStarting}

// storeRetryAfterSeconds is sent with the 503 of a database that is unavailable (a full disk,
// a lock held by a backup, PostgreSQL restarting): that takes an operator or the end of a job,
// so clients come back in half a minute rather than hammer it every few seconds.
const storeRetryAfterSeconds = "30"

// errStoreUnavailable is the response to a store.ErrUnavailable, with its cause for the log.
func errStoreUnavailable(err error) *httpError {
	return &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable, Message: msgStoreUnavailable,
		Err: err, RetryAfter: storeRetryAfterSeconds}
}

// asHTTPError maps any handler error to the response to send: an *httpError as is, a request the
// search package refused as 400 with its Persian message, a database that is unavailable for now
// (store.ErrUnavailable) as 503 with Retry-After, and everything else as a 500 whose cause is
// kept for the log.
func asHTTPError(err error) *httpError {
	var he *httpError
	if errors.As(err, &he) {
		return he
	}
	if errors.Is(err, store.ErrUnavailable) {
		return errStoreUnavailable(err)
	}
	var re *search.RequestError
	if errors.As(err, &re) {
		code, ok := requestErrorCodes[re.Field]
		if !ok {
			code = codeBadRequest
		}
		msg := re.FaMessage
		if msg == "" {
			msg = msgBadRequest
		}
		return &httpError{Status: http.StatusBadRequest, Code: code, Message: msg, Err: err}
	}
	return &httpError{Status: http.StatusInternalServerError, Code: codeInternal, Message: msgInternal, Err: err}
}
