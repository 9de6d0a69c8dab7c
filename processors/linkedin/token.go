package linkedin

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/health"
)

// renewBefore is how long before the access token lapses it is renewed:
// a day, small beside the 60 days a token lasts, and long enough that a
// renewal that fails is tried again on later calls while the token still
// works.
const renewBefore = 24 * time.Hour

// retryRenewAfter spaces the renewals tried ahead of a lapse after one
// failed, so calls do not hammer the token endpoint while the old token
// still serves them.
const retryRenewAfter = 5 * time.Minute

// tokens holds the member's access token and renews it with the refresh
// token, if there is one. It is safe for concurrent use: one caller
// renews while the others wait for the new token.
type tokens struct {
	refresher *refresher // nil without a refresh token
	now       func() time.Time
	// renewing is held by the caller renewing the token.
	renewing chan struct{}

	mu             sync.Mutex
	access         string
	expires        time.Time // zero: unknown
	refreshExpires time.Time // zero: unknown
	refused        bool      // the token endpoint refused the refresh token
	failedAt       time.Time // of the last renewal ahead of a lapse that failed
}

func newTokens(cfg Config, now func() time.Time) *tokens {
	t := &tokens{now: now, renewing: make(chan struct{}, 1), access: cfg.AccessToken, expires: cfg.AccessTokenExpiresAt}
	if cfg.RefreshToken != "" {
		t.refresher = newRefresher(cfg)
	}
	return t
}

// current returns the access token to call with, renewing it first when
// it is missing or due. A renewal ahead of a lapse that fails is not the
// call's failure while the old token still works.
func (t *tokens) current(ctx context.Context) (string, error) {
	access, due := t.due()
	if !due {
		return access, nil
	}
	renewed, err := t.renew(ctx, access)
	if err != nil && access != "" && t.stillValid() {
		t.noteFailure()
		return access, nil
	}
	return renewed, err
}

// due returns the token and whether it must be renewed now: there is a
// refresh token and the access token is missing or within renewBefore of
// lapsing (not sooner after a failed try than retryRenewAfter).
func (t *tokens) due() (string, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refresher == nil || t.refused {
		return t.access, false
	}
	if t.access == "" {
		return "", true
	}
	now := t.now()
	return t.access, !t.expires.IsZero() && !now.Before(t.expires.Add(-renewBefore)) &&
		!now.Before(t.failedAt.Add(retryRenewAfter))
}

// renewable says whether a refused token (a 401) may be renewed.
func (t *tokens) renewable() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.refresher != nil && !t.refused
}

// unrenewed adds to a 401 the client cannot renew its way out of what
// the operator must do.
func (t *tokens) unrenewed(err error) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.refresher == nil {
		return fmt.Errorf("%w: renew it, or set LEADGEN_LINKEDIN_REFRESH_TOKEN to have it renewed", err)
	}
	return fmt.Errorf("%w: the refresh token was refused too, so the member must authorize the app again", err)
}

// renew replaces stale, the token a caller found wanting, with a new one
// from the token endpoint; when another caller already replaced it, its
// replacement is returned without a second call.
func (t *tokens) renew(ctx context.Context, stale string) (string, error) {
	select {
	case t.renewing <- struct{}{}:
	case <-ctx.Done():
		return "", failure.New(failure.Transient, ctx.Err())
	}
	defer func() { <-t.renewing }()
	if access := t.token(); access != stale && access != "" {
		return access, nil
	}
	g, err := t.refresher.exchange(ctx)
	if err != nil {
		t.refusedIf(err)
		return "", err
	}
	t.store(g)
	return g.AccessToken, nil
}

// store keeps a grant's token, its lifetime and its refresh token's.
func (t *tokens) store(g grant) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	t.access, t.expires, t.refused, t.failedAt = g.AccessToken, time.Time{}, false, time.Time{}
	if g.ExpiresIn > 0 {
		t.expires = now.Add(time.Duration(g.ExpiresIn) * time.Second)
	}
	if g.RefreshTokenExpiresIn > 0 {
		t.refreshExpires = now.Add(time.Duration(g.RefreshTokenExpiresIn) * time.Second)
	}
}

// refusedIf stops renewals once the token endpoint refuses the refresh
// token or the app's credentials: only an operator can fix that.
func (t *tokens) refusedIf(err error) {
	if failure.ClassOf(err) != failure.Auth {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.refused = true
}

func (t *tokens) noteFailure() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failedAt = t.now()
}

func (t *tokens) token() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.access
}

// stillValid says whether the token has not lapsed, as far as is known.
func (t *tokens) stillValid() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.expires.IsZero() || t.now().Before(t.expires)
}

// expiry reports the token's lifetime for health.
func (t *tokens) expiry() health.Expiry {
	t.mu.Lock()
	defer t.mu.Unlock()
	return health.Expiry{Token: t.expires, Refresh: t.refreshExpires, Renewable: t.refresher != nil && !t.refused}
}
