package failure

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestClassOfAndRetryAfterOfReadTheClassifiedErrorThroughWrapping(t *testing.T) {
	limited := &Error{Class: RateLimited, RetryAfter: 30 * time.Second, Err: errors.New("429")}
	for _, tc := range []struct {
		name  string
		err   error
		class Class
		wait  time.Duration
	}{
		{"a classified error gives its class", New(Auth, errors.New("401")), Auth, 0},
		{"a wrapped classified error still gives its class and wait", fmt.Errorf("lookup 01234567: %w", limited), RateLimited, 30 * time.Second},
		{"an unclassified error is transient: it deserves another try", errors.New("connection reset"), Transient, 0},
		{"no error at all is transient too, never a panic", nil, Transient, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ClassOf(tc.err); got != tc.class {
				t.Errorf("ClassOf = %s, want %s", got, tc.class)
			}
			if got := RetryAfterOf(tc.err); got != tc.wait {
				t.Errorf("RetryAfterOf = %v, want %v", got, tc.wait)
			}
		})
	}
}

func TestAClassifiedErrorNamesItsClassAndUnwrapsToItsCause(t *testing.T) {
	cause := errors.New("HTTP 401")
	err := New(Auth, cause)
	if got, want := err.Error(), "auth: HTTP 401"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if !errors.Is(err, cause) {
		t.Error("errors.Is does not reach the cause")
	}
}
