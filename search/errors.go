package search

import "errors"

// ErrInvalidRequest matches every *RequestError with errors.Is: the request itself is wrong
// (a client error, HTTP 400), not the index.
var ErrInvalidRequest = errors.New("search: invalid request")

// RequestError is a search request refused because of its own content (query too long, limit or
// page out of range). Callers detect it with errors.As and show FaMessage to customers.
type RequestError struct {
	Field     string // the request field at fault: "query", "limit" or "page"
	Message   string // English, for logs and operators
	FaMessage string // Persian, for customers
}

func (e *RequestError) Error() string { return "search: " + e.Message }

// Is makes errors.Is(err, ErrInvalidRequest) true for every RequestError.
func (e *RequestError) Is(target error) bool { return target == ErrInvalidRequest }
