package companieshouse

import (
	"context"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
)

func TestSandboxFaultKindsAreClassified(t *testing.T) {
	tests := []struct {
		name       string
		faults     sandbox.Faults
		class      failure.Class
		retryAfter time.Duration
	}{
		{"an injected 503 is transient", sandbox.Faults{Status5xx: 1}, failure.Transient, 0},
		{"an injected 429 waits as Retry-After says", sandbox.Faults{RateLimited: 1, RetryAfter: 90 * time.Second}, failure.RateLimited, 90 * time.Second},
		{"an injected 401 is auth", sandbox.Faults{Unauthorized: 1}, failure.Auth, 0},
		{"an injected truncated body is a bad response", sandbox.Faults{Malformed: 1}, failure.BadResponse, 0},
		{"a call that is never answered is transient", sandbox.Faults{Timeout: 1}, failure.Transient, 0},
		{"a body that trickles past the call timeout is transient", sandbox.Faults{SlowBody: 1, Latency: time.Hour}, failure.Transient, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := sandbox.Config{Faults: map[string]sandbox.Faults{sandbox.ProviderCompaniesHouse: tt.faults}}
			c, _ := againstSandbox(t, sb, "sandbox-key", func(c *Config) { c.Timeout = providertest.CallTimeout(tt.faults, apihttp.DefaultTimeout) })
			_, err := c.Lookup(context.Background(), byNumber("12345678"))
			wantClass(t, err, tt.class)
			if got := failure.RetryAfterOf(err); got != tt.retryAfter {
				t.Fatalf("RetryAfter = %s, want %s", got, tt.retryAfter)
			}
		})
	}
}
