package ratelimit

import (
	"net/http"
)

// Transport makes every HTTP call of a provider client wait for its
// limiter, and feeds what the API says of its quota back to it. A call of
// an admitted lookup (see Gate) spends the turn paid at admission or goes
// ahead of lookups still waiting. When a call's turn would come after its
// deadline (the API's quota is spent), it fails at once as rate_limited:
// a Gate defers the lookup instead of letting it time out, and a caller
// without one (the fallback's secondary source) moves on.
type Transport struct {
	Base    http.RoundTripper
	Limiter *Limiter
	// Read reads the API's quota headers (nil: the API sends none).
	Read Reader
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	p := passFor(ctx, t.Limiter)
	if p == nil || !p.usePrepaid() {
		deadline, _ := ctx.Deadline()
		if err := t.Limiter.take(ctx, deadline); err != nil {
			return nil, err
		}
	}
	resp, err := t.Base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	limited := resp.StatusCode == http.StatusTooManyRequests
	p.count(limited)
	t.Limiter.answered(limited)
	if t.Read != nil {
		t.Limiter.Learn(t.Read(resp.Header, t.Limiter.now()))
	}
	return resp, nil
}
