package apihttp

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
)

// ClassifyStatus is the ClassifyFunc of an API whose status says all: 2xx
// usable; 404 not_found; 401 and 403 auth; 429 rate_limited, waiting the
// seconds Retry-After gives; 408 and 5xx transient; anything else
// permanent. The Companies House clients that read one endpoint each use
// it; a provider whose API words more in its body has its own.
func ClassifyStatus(status int, h http.Header, _ []byte) *failure.Error {
	err := fmt.Errorf("http %d", status)
	switch {
	case status >= 200 && status <= 299:
		return nil
	case status == http.StatusNotFound:
		return failure.New(failure.NotFound, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return failure.New(failure.Auth, err)
	case status == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		if s, perr := strconv.Atoi(h.Get("Retry-After")); perr == nil {
			fe.RetryAfter = time.Duration(s) * time.Second
		}
		return fe
	case status == http.StatusRequestTimeout || status >= 500:
		return failure.New(failure.Transient, err)
	default:
		return failure.New(failure.Permanent, err)
	}
}

// StartsWithTag reports a body that starts with a tag, whatever space
// comes first: an HTML page where the API should have answered JSON.
func StartsWithTag(body []byte) bool {
	return bytes.HasPrefix(bytes.TrimSpace(body), []byte("<"))
}
