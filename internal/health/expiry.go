package health

import (
	"fmt"
	"time"
)

// ExpiryWarning is how long before a credential lapses, with nothing to
// renew it, that its provider turns DEGRADED: a week leaves an operator
// time to have the member authorize the app again.
const ExpiryWarning = 7 * 24 * time.Hour

// Expiry is what a provider's client knows of its credential's lifetime
// (LinkedIn's member token: 60 days, renewed for up to a year by a
// refresh token).
type Expiry struct {
	// Token is when the access token lapses; zero when unknown.
	Token time.Time
	// Refresh is when the refresh token that renews it lapses; zero when
	// unknown.
	Refresh time.Time
	// Renewable says the client renews the access token itself: it holds
	// a refresh token the token endpoint has not refused.
	Renewable bool
}

// lapse is when the credential stops working unless an operator acts:
// the refresh token's end for a renewable one, else the access token's.
func (e Expiry) lapse() time.Time {
	if e.Renewable {
		return e.Refresh
	}
	return e.Token
}

// Grade is the state the credential allows at now: UNHEALTHY once it has
// lapsed, DEGRADED within ExpiryWarning of lapsing, else HEALTHY (an
// unknown lapse included); and a detail such as "token expires in 3d".
func (e Expiry) Grade(now time.Time) (state, detail string) {
	detail = e.detail(now)
	lapse := e.lapse()
	switch {
	case lapse.IsZero():
		return Healthy, detail
	case !now.Before(lapse):
		return Unhealthy, detail
	case lapse.Sub(now) <= ExpiryWarning:
		return Degraded, detail
	}
	return Healthy, detail
}

// detail words the lifetimes known, e.g. "token expires in 59d, renewed
// by a refresh token that expires in 300d".
func (e Expiry) detail(now time.Time) string {
	var s string
	if !e.Token.IsZero() {
		s = "token " + expiresIn(e.Token.Sub(now))
	}
	if !e.Renewable {
		return s
	}
	r := "renewed by a refresh token"
	if !e.Refresh.IsZero() {
		r += " that " + expiresIn(e.Refresh.Sub(now))
	}
	if s == "" {
		return r
	}
	return s + ", " + r
}

// expiresIn words a remaining lifetime: "expires in 3d", "expired 2h ago".
func expiresIn(d time.Duration) string {
	if d <= 0 {
		return "expired " + approx(-d) + " ago"
	}
	return "expires in " + approx(d)
}

// approx rounds d down to whole days from two days up, else to hours,
// else to minutes.
func approx(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf("%dd", d/(24*time.Hour))
	case d >= time.Hour:
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return fmt.Sprintf("%dm", d/time.Minute)
}

// WithExpiry grades p's credential at now: the detail goes in Credential
// and the state is the worse of p's and the credential's.
func (p Provider) WithExpiry(e Expiry, now time.Time) Provider {
	state, detail := e.Grade(now)
	p.Credential = detail
	if rank[state] > rank[p.State] {
		p.State = state
	}
	return p
}

// rank orders the states from best to worst.
var rank = map[string]int{Healthy: 0, Degraded: 1, Unhealthy: 2}
