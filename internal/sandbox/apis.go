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
// its path prefix, and how it words each injected failure. A new API is
// one more row of apis, plus its routes.
type api struct {
	name, prefix string
	unavailable  func(http.ResponseWriter)
	unauthorized func(http.ResponseWriter)
	rateLimited  func(http.ResponseWriter, time.Duration)
}

var apis = []api{
	{name: ProviderCompaniesHouse, prefix: CompaniesHousePrefix,
		unavailable: chUnavailable, unauthorized: chUnauthorized, rateLimited: chRateLimited},
	{name: ProviderOpenCorporates, prefix: OpenCorporatesPrefix,
		unavailable: ocUnavailable, unauthorized: ocUnauthorized, rateLimited: ocQuotaSpent},
	{name: ProviderX, prefix: XPrefix,
		unavailable: xUnavailable, unauthorized: xUnauthorized, rateLimited: xRateLimited},
	{name: ProviderLinkedIn, prefix: LinkedInPrefix,
		unavailable: liUnavailable, unauthorized: liUnauthorized, rateLimited: liRateLimited},
	{name: ProviderFacebook, prefix: FacebookPrefix,
		unavailable: fbUnavailable, unauthorized: fbUnauthorized, rateLimited: fbThrottled},
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
