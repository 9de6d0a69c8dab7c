package companieshouse

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
)

// classify decides what an answer means; it is the one place that does.
// A 2xx answer is usable (a body that is not JSON fails to decode);
// otherwise 401 and 403 are auth, 404 not_found, 429 rate_limited
// waiting as retryAfter says, 408 and 5xx transient, other 4xx
// permanent, and anything else bad_response.
func (c *Client) classify(status int, h http.Header, body []byte) *failure.Error {
	if status >= 200 && status <= 299 {
		return nil
	}
	err := fmt.Errorf("http %d%s", status, c.apiMessage(body))
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return failure.New(failure.Auth, err)
	case status == http.StatusNotFound:
		return failure.New(failure.NotFound, err)
	case status == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		fe.RetryAfter = retryAfter(h, c.now())
		return fe
	case status == http.StatusRequestTimeout || status >= 500:
		return failure.New(failure.Transient, err)
	case status >= 400:
		return failure.New(failure.Permanent, err)
	default:
		return failure.New(failure.BadResponse, err)
	}
}

// apiMessage quotes the API's error codes from a JSON error body, with the
// API key scrubbed in case a server echoes it back.
func (c *Client) apiMessage(body []byte) string {
	var eb errorBody
	if json.Unmarshal(body, &eb) != nil {
		return ""
	}
	msgs := []string{}
	if eb.Error != "" {
		msgs = append(msgs, eb.Error)
	}
	for _, e := range eb.Errors {
		msgs = append(msgs, e.Error)
	}
	msg := strings.ReplaceAll(strings.Join(msgs, "; "), c.cfg.APIKey, apihttp.Redacted)
	return apihttp.Quote(msg, apihttp.MaxMessage)
}
