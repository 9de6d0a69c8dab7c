package sandbox

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The provider names fault settings are kept under, as leadgen names the
// providers.
const (
	ProviderCompaniesHouse = "companies_house"
	ProviderOpenCorporates = "opencorporates"
	ProviderX              = "x"
	ProviderLinkedIn       = "linkedin"
	ProviderFacebook       = "facebook"
	ProviderWebsite        = "website"
)

// api is one simulated provider API: the name its faults are kept under,
// its path prefix, how it words each injected failure, and how it
// reports and enforces a quota. A new API is one more row of apis, plus
// its routes.
type api struct {
	name, prefix string
	unavailable  func(http.ResponseWriter)
	unauthorized func(http.ResponseWriter)
	// rateLimited answers an injected spent quota (see Server.spent).
	rateLimited func(http.ResponseWriter, quota)
	// usage writes the headers the API sends on every answer under a
	// quota; nil when it sends none.
	usage func(http.Header, quota)
	// overQuota answers a call beyond its credential's quota; nil for an
	// API that has none.
	overQuota func(http.ResponseWriter, quota)
	// usageBase is the allowance usage is reported against when no quota
	// is configured; zero for none.
	usageBase Quota
}

var apis = []api{
	{name: ProviderCompaniesHouse, prefix: CompaniesHousePrefix,
		unavailable: chUnavailable, unauthorized: chUnauthorized, rateLimited: chRateLimited,
		usage: chUsage, overQuota: chOverQuota},
	{name: ProviderOpenCorporates, prefix: OpenCorporatesPrefix,
		unavailable: ocUnavailable, unauthorized: ocUnauthorized, rateLimited: ocQuotaSpent,
		overQuota: ocQuotaSpent},
	{name: ProviderX, prefix: XPrefix,
		unavailable: xUnavailable, unauthorized: xUnauthorized, rateLimited: xRateLimited,
		usage: xUsage, overQuota: xRateLimited},
	{name: ProviderLinkedIn, prefix: LinkedInPrefix,
		unavailable: liUnavailable, unauthorized: liUnauthorized, rateLimited: liThrottled,
		overQuota: liRateLimited},
	{name: ProviderFacebook, prefix: FacebookPrefix,
		unavailable: fbUnavailable, unauthorized: fbUnauthorized, rateLimited: fbThrottled,
		usage: fbUsage, overQuota: fbAppLimited, usageBase: Quota{Limit: fbHourlyBudget, Window: time.Hour}},
	{name: ProviderWebsite, prefix: WebsitePrefix,
		unavailable: webUnavailable, unauthorized: webForbidden, rateLimited: webRateLimited},
}

// Providers returns the names of the simulated APIs, the keys of
// Config.Faults and of SetFaults.
func Providers() []string {
	out := make([]string, len(apis))
	for i, a := range apis {
		out[i] = a.name
	}
	return out
}

// apiFor returns the API that serves path, or nil for the sandbox's own
// pages.
func apiFor(path string) *api {
	for i := range apis {
		if strings.HasPrefix(path, apis[i].prefix+"/") {
			return &apis[i]
		}
	}
	return nil
}

func apiNamed(name string) (*api, error) {
	for i := range apis {
		if apis[i].name == name {
			return &apis[i], nil
		}
	}
	return nil, fmt.Errorf("sandbox has no provider %q; it serves %s", name, strings.Join(Providers(), ", "))
}

// retryAfterSeconds writes d as Retry-After's whole seconds, rounded up
// so a client never returns early.
func retryAfterSeconds(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
}
