package website

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ssrf"
)

// statusError classifies a page that answered with a status other than
// 2xx, 404 or 410: the one place that decides what each status means.
func statusError(u *url.URL, page *ssrf.Page) error {
	err := fmt.Errorf("get %s: http %d", u, page.Status)
	switch code := page.Status; {
	case code == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		fe.RetryAfter = retryAfter(page.Header.Get("Retry-After"), time.Now())
		return fe
	case code == http.StatusRequestTimeout || code >= 500:
		return failure.New(failure.Transient, err)
	default:
		// 401 and 403 are the site refusing readers like us, not a
		// credential of ours going bad, and a 3xx left here had no usable
		// Location: retrying fixes neither.
		return failure.New(failure.Permanent, err)
	}
}

// classifyFetch classifies a fetch that got no usable response; an error
// statusError classified already is kept.
func classifyFetch(err error) error {
	var fe *failure.Error
	if errors.As(err, &fe) {
		return err
	}
	switch {
	case errors.Is(err, ssrf.ErrRefused), errors.Is(err, ssrf.ErrTooManyRedirects), errors.Is(err, ssrf.ErrTooLarge),
		errors.Is(err, errPlainHTTP), isCertError(err):
		return failure.New(failure.Permanent, err)
	}
	return failure.New(failure.Transient, err)
}

// isNoSuchHost reports a DNS answer that the name does not exist.
func isNoSuchHost(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

// retryAfter reads Retry-After as seconds or an HTTP date; zero when
// absent or unreadable, which leaves the wait to routing.
func retryAfter(v string, now time.Time) time.Duration {
	if secs, err := strconv.Atoi(v); err == nil {
		return max(time.Duration(secs)*time.Second, 0)
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0)
	}
	return 0
}
