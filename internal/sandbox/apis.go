package sandbox

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/chstream"
	"github.com/leadgen/leadgen/internal/sandbox/companieshouse"
	"github.com/leadgen/leadgen/internal/sandbox/facebook"
	"github.com/leadgen/leadgen/internal/sandbox/fault"
	"github.com/leadgen/leadgen/internal/sandbox/linkedin"
	"github.com/leadgen/leadgen/internal/sandbox/opencorporates"
	"github.com/leadgen/leadgen/internal/sandbox/quota"
	"github.com/leadgen/leadgen/internal/sandbox/route"
	"github.com/leadgen/leadgen/internal/sandbox/website"
	"github.com/leadgen/leadgen/internal/sandbox/x"
)

// The provider names fault settings and quotas are kept under, as
// leadgen names the providers.
const (
	ProviderCompaniesHouse = "companies_house"
	ProviderOpenCorporates = "opencorporates"
	ProviderX              = "x"
	ProviderLinkedIn       = "linkedin"
	ProviderFacebook       = "facebook"
	ProviderWebsite        = "website"
	// ProviderCompaniesHouseStream is the Companies House streaming API,
	// which the watch role follows.
	ProviderCompaniesHouseStream = "companies_house_stream"
)

// The path prefixes of the simulated APIs.
const (
	CompaniesHousePrefix = companieshouse.Prefix
	OpenCorporatesPrefix = opencorporates.Prefix
	XPrefix              = x.Prefix
	LinkedInPrefix       = linkedin.Prefix
	FacebookPrefix       = facebook.Prefix
	WebsitePrefix        = website.Prefix
	// CompaniesHouseStreamPrefix is the streaming API's base URL path.
	CompaniesHouseStreamPrefix = chstream.Prefix
)

// api is one simulated provider API as the Server mounts it: the name
// its faults and quota are kept under, its path prefix and routes, how
// it words each injected failure, and how it reports and enforces a
// quota. A new API is one more row of apis and its own package.
type api struct {
	name, prefix string
	// mount adds the API's routes at their place, whose meter counts
	// the API's quota.
	mount        func(s *Server, at route.Place)
	unavailable  func(http.ResponseWriter)
	unauthorized func(http.ResponseWriter)
	// rateLimited answers an injected spent quota.
	rateLimited func(http.ResponseWriter, quota.Status)
	// quota is how the API reports its quota and refuses calls beyond
	// it; an API without OverQuota takes no quota.
	quota quota.Answers
	// usageBase is the allowance usage is reported against when no quota
	// is configured; zero for none.
	usageBase Quota
}

var apis = []api{
	{name: ProviderCompaniesHouse, prefix: CompaniesHousePrefix,
		mount:       func(s *Server, at route.Place) { companieshouse.Mount(at, s.cfg.MaxPageSize) },
		unavailable: companieshouse.Unavailable.Write, unauthorized: companieshouse.Unauthorized,
		rateLimited: companieshouse.RateLimited,
		quota:       quota.Answers{Usage: companieshouse.Usage, OverQuota: companieshouse.OverQuota.Refuse}},
	{name: ProviderOpenCorporates, prefix: OpenCorporatesPrefix,
		mount:       func(s *Server, at route.Place) { opencorporates.Mount(at, s.cfg.MaxPageSize) },
		unavailable: opencorporates.Unavailable.Write, unauthorized: opencorporates.Unauthorized.Write,
		rateLimited: opencorporates.QuotaSpent.Refuse, quota: quota.Answers{OverQuota: opencorporates.QuotaSpent.Refuse}},
	{name: ProviderX, prefix: XPrefix,
		mount:       func(_ *Server, at route.Place) { x.Mount(at) },
		unavailable: x.Unavailable.Write, unauthorized: x.Unauthorized.Write, rateLimited: x.RateLimited,
		quota: quota.Answers{Usage: x.Usage, OverQuota: x.RateLimited}},
	{name: ProviderLinkedIn, prefix: LinkedInPrefix,
		mount:       func(_ *Server, at route.Place) { linkedin.Mount(at) },
		unavailable: linkedin.Unavailable.Write, unauthorized: linkedin.Unauthorized.Write,
		rateLimited: linkedin.Throttled.Refuse, quota: quota.Answers{OverQuota: linkedin.OverQuota.Refuse}},
	{name: ProviderFacebook, prefix: FacebookPrefix,
		mount:       func(s *Server, at route.Place) { facebook.Mount(at, s.cfg.FacebookAppSecret) },
		unavailable: facebook.Unavailable.Write, unauthorized: facebook.Unauthorized.Write, rateLimited: facebook.Throttled,
		quota:     quota.Answers{Usage: facebook.Usage, OverQuota: facebook.AppLimited},
		usageBase: Quota{Limit: facebook.HourlyBudget, Window: time.Hour}},
	{name: ProviderWebsite, prefix: WebsitePrefix,
		mount:       func(_ *Server, at route.Place) { website.Mount(at) },
		unavailable: website.Unavailable, unauthorized: website.Forbidden, rateLimited: website.RateLimited},
	{name: ProviderCompaniesHouseStream, prefix: CompaniesHouseStreamPrefix,
		mount:       func(s *Server, at route.Place) { chstream.Mount(at, s.cfg.Stream, s.now) },
		unavailable: chstream.Unavailable, unauthorized: chstream.Unauthorized,
		rateLimited: func(w http.ResponseWriter, q quota.Status) {
			quota.SetRetryAfter(w.Header(), q)
			chstream.RateLimited(w)
		}},
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

// faultAnswers is how a words the faults injected into its calls, an
// injected spent quota reported against its meter m.
func (s *Server) faultAnswers(a *api, m *quota.Meter) fault.Answers {
	return fault.Answers{Unavailable: a.unavailable, Unauthorized: a.unauthorized,
		RateLimited: func(w http.ResponseWriter, retryAfter time.Duration) {
			a.rateLimited(w, m.Spent(s.now(), retryAfter))
		}}
}
