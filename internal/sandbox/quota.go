package sandbox

import (
	"fmt"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/quota"
)

// Quota is one API's call allowance per credential: Limit calls in a
// fixed Window that starts with the credential's first call; see
// Config.Quotas.
type Quota = quota.Quota

// ValidateQuota reports a provider that has no quota in the sandbox (an
// unknown name, or website: a company's own server, not an API) and a
// quota out of range.
func ValidateQuota(provider string, q Quota) error {
	a, err := apiNamed(provider)
	if err != nil {
		return err
	}
	if a.quota.OverQuota == nil {
		return fmt.Errorf("sandbox %s has no quota; quotas apply to %s", provider, strings.Join(quotaProviders(), ", "))
	}
	return q.Validate(provider)
}

// quotaProviders names the APIs a quota may be set for.
func quotaProviders() []string {
	var out []string
	for _, a := range apis {
		if a.quota.OverQuota != nil {
			out = append(out, a.name)
		}
	}
	return out
}
