package website

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/ssrf"
)

// Config sets up a Client. The zero value reads real sites under the full
// guard.
type Config struct {
	// Pages are the paths read in order, stopping at the first that names
	// people; default DefaultPages. At most MaxPages, each starting with
	// a slash.
	Pages []string
	// Timeout bounds a whole lookup, every page and redirect included;
	// default and maximum 10s (ssrf.MaxTimeout).
	Timeout time.Duration
	// MatchThreshold is the lowest similarity (0..1] of the requested
	// company name and the site's Organization name that counts as the
	// site naming the same company; default 0.85, as companies_house.
	MatchThreshold float64
	// CostPerCall is the price of one page fetched in USD; default 0, as
	// reading a public site costs only bandwidth.
	CostPerCall float64
	// SandboxURL is for a leadgen sandbox only, e.g.
	// http://127.0.0.1:8081/website: when set, https://<domain>/<path>
	// is fetched from SandboxURL/<domain>/<path>, and the SSRF guard lets
	// exactly SandboxURL's host:port through (a sandbox listens on
	// loopback). The caller sets it from LEADGEN_WEBSITE_URL or --sandbox,
	// never from a request. Default "": real sites, no exception.
	SandboxURL string
	// UserAgent is sent with every request, robots.txt included; default
	// DefaultUserAgent. It must carry the robots.txt product token
	// RobotsToken (RFC 9309 §2.2.1: the token SHOULD be a substring of
	// the User-Agent, so site owners can write rules for what they see)
	// and an http(s) contact URL (DESIGN §9), in printable ASCII of at
	// most MaxUserAgent bytes (see CheckUserAgent).
	UserAgent string
	// AllowHTTP lets a site be read over plain http where it does not
	// answer over https, and lets a redirect lead to http; default false:
	// https only, as a plain http page can be read and changed on the way.
	AllowHTTP bool

	// resolver looks names up for the guarded dialler; tests point names
	// at addresses the guard must refuse. Default net.DefaultResolver.
	resolver *net.Resolver
}

// The defaults and limits.
const (
	DefaultTimeout        = ssrf.MaxTimeout
	DefaultMatchThreshold = 0.85
	// MaxPages bounds the pages one lookup reads.
	MaxPages = 4
)

// DefaultPages are where companies put their JSON-LD and their people.
var DefaultPages = []string{"/", "/about", "/team", "/leadership"}

func (c *Config) setDefaults() {
	if c.Pages == nil {
		c.Pages = DefaultPages
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MatchThreshold == 0 {
		c.MatchThreshold = DefaultMatchThreshold
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	c.SandboxURL = strings.TrimRight(c.SandboxURL, "/")
}

// Validate reports every setting that is out of range.
func (c Config) Validate() error {
	var errs []error
	if len(c.Pages) == 0 || len(c.Pages) > MaxPages {
		errs = append(errs, fmt.Errorf("website pages must number 1..%d, got %d", MaxPages, len(c.Pages)))
	}
	for _, p := range c.Pages {
		if u, err := url.Parse(p); err != nil || !strings.HasPrefix(p, "/") || u.Host != "" || u.Scheme != "" {
			errs = append(errs, fmt.Errorf("website page %q must be a path starting with /", p))
		}
	}
	if c.Timeout <= 0 || c.Timeout > ssrf.MaxTimeout {
		errs = append(errs, fmt.Errorf("website timeout must be within (0, %s], got %s", ssrf.MaxTimeout, c.Timeout))
	}
	if !(c.MatchThreshold > 0 && c.MatchThreshold <= 1) {
		errs = append(errs, fmt.Errorf("website match threshold must be within (0, 1], got %g", c.MatchThreshold))
	}
	if !(c.CostPerCall >= 0) {
		errs = append(errs, fmt.Errorf("website cost per call must not be negative, got %g", c.CostPerCall))
	}
	if c.SandboxURL != "" {
		if u, err := url.Parse(c.SandboxURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			errs = append(errs, fmt.Errorf("website sandbox url %q must be an absolute http(s) url without a query", c.SandboxURL))
		}
	}
	if err := CheckUserAgent(c.UserAgent); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
