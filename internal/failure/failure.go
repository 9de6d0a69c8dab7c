// Package failure classifies why a provider call or an input record failed.
// Routing reads the class, never the message text.
package failure

import (
	"errors"
	"fmt"
	"time"
)

// Class is one of the error classes of DESIGN §6; its string is the value of
// the leadgen.error.class header.
type Class string

// The error classes.
const (
	Transient   Class = "transient"
	RateLimited Class = "rate_limited"
	Auth        Class = "auth"
	Permanent   Class = "permanent"
	NotFound    Class = "not_found"
	BadResponse Class = "bad_response"
	Undecodable Class = "undecodable"
	BreakerOpen Class = "breaker_open"
	// Invalid is a request with a field over its documented limit or
	// malformed: dead-lettered where it is first read, no provider called.
	Invalid Class = "invalid"
	// Conflict is a request_id already used for another company.
	Conflict Class = "conflict"
	// TooLarge is a record the broker would refuse for its size.
	TooLarge Class = "too_large"
)

// Error is a classified failure. RetryAfter is set when the provider said
// how long to wait (Retry-After or a reset header).
type Error struct {
	Class      Class
	RetryAfter time.Duration
	Err        error
}

// Error implements error.
func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Class, e.Err) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// New returns a classified error wrapping err.
func New(class Class, err error) *Error { return &Error{Class: class, Err: err} }

// OrNil returns e as an error: nil for a nil e, where returning e itself
// would make a non-nil error holding a nil *Error.
func (e *Error) OrNil() error {
	if e == nil {
		return nil
	}
	return e
}

// ClassOf returns the class of err; an unclassified error is transient,
// because a failure nobody understood deserves another try.
func ClassOf(err error) Class {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Class
	}
	return Transient
}

// RetryAfterOf returns the wait the provider asked for, or zero.
func RetryAfterOf(err error) time.Duration {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.RetryAfter
	}
	return 0
}
