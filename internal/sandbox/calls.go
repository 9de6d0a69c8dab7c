package sandbox

import (
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/calllog"
)

// Calls returns how many API calls reached a path starting with prefix,
// e.g. "/companies-house/" for every Companies House call or
// "/companies-house/company/12345678/officers" for one route of one
// company. Calls refused for auth, quota or an injected fault count too:
// the client made them.
func (s *Server) Calls(prefix string) int64 { return s.calls.Calls(prefix) }

// CallTimes returns when the named API (a provider name, see Providers)
// was called, oldest first: every call that reached the sandbox, faulted
// or not and refused for quota or not, up to the first 262,144 per API.
// A client whose MostCallsWithin(CallTimes(p), window) stays within the
// limit was never refused; QuotaRefusals counts the calls that were.
func (s *Server) CallTimes(provider string) []time.Time { return s.timeline.Times(provider) }

// MostCallsWithin is the largest number of calls of times (sorted) that
// fall within any period of length d.
func MostCallsWithin(times []time.Time, d time.Duration) int {
	return calllog.MostCallsWithin(times, d)
}

// QuotaRefusals returns how many calls of the named API (a provider
// name, see Providers) the sandbox refused because their credential's
// quota was spent. Injected RateLimited and FirstCallsRateLimited faults
// are not counted: they are the test's doing, not the client's.
func (s *Server) QuotaRefusals(provider string) int { return s.meters[provider].Refusals() }
