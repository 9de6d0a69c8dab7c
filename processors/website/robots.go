package website

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/temoto/robotstxt"
)

// policy is what one origin's robots.txt lets leadgen read, parsed by
// github.com/temoto/robotstxt for the product token RobotsToken.
type policy struct {
	data *robotstxt.RobotsData
	// delay is the Crawl-delay of leadgen's group: the least time between
	// two requests to the origin.
	delay time.Duration
}

func (p *policy) allows(path string) bool { return p.data.TestAgent(path, RobotsToken) }

// The two whole-site policies.
var (
	allowAll    = rulesPolicy([]byte{})
	disallowAll = rulesPolicy([]byte("User-agent: *\nDisallow: /\n"))
)

// rulesPolicy parses a robots.txt that answered 2xx. A file the parser
// still refuses once tidied holds rules leadgen cannot tell apart, so it
// is read as disallowing everything.
func rulesPolicy(body []byte) *policy {
	data, err := robotstxt.FromBytes(tidyRobots(body))
	if err != nil {
		data, _ = robotstxt.FromString("User-agent: *\nDisallow: /\n")
	}
	return &policy{data: data, delay: max(data.FindGroup(RobotsToken).CrawlDelay, 0)}
}

// readRobots turns the answer to an origin's robots.txt into its policy,
// as RFC 9309 §2.3.1 says:
//
//   - 2xx: the file's rules (§2.3.1.1);
//   - a redirect is followed (§2.3.1.2) up to ssrf.MaxRedirects, fewer
//     than the five the RFC suggests as the guard caps every fetch; past
//     that, or one that leads nowhere, the file is unavailable;
//   - 400-499, 401 and 403 included: unavailable, so everything is
//     allowed (§2.3.1.3 "MAY access any resources"; a 401 or 403 on
//     robots.txt is not read as a keep-out sign). 429 is the exception:
//     the site asks for fewer requests, so the lookup is rate_limited
//     and waits as told instead of reading on;
//   - 5xx and no answer at all (a timeout, a reset): unreachable, so
//     complete disallow (§2.3.1.4); the lookup fails transient and is
//     retried later, and nothing is cached;
//   - a file over ssrf.MaxBody cannot be read, and is read as
//     disallowing everything.
//
// err is the fetch's own error; one this function does not settle is
// returned for the caller, which tells a site that is elsewhere from one
// that failed.
func readRobots(o origin, page *ssrf.Page, err error) (*policy, error) {
	switch {
	case errors.Is(err, ssrf.ErrTooManyRedirects):
		return allowAll, nil
	case errors.Is(err, ssrf.ErrTooLarge):
		return disallowAll, nil
	case err != nil:
		return nil, err
	}
	switch code := page.Status; {
	case code >= 200 && code <= 299:
		return rulesPolicy(page.Body), nil
	case code == http.StatusTooManyRequests:
		return nil, statusError(o.url(robotsPath), page)
	case code >= 300 && code <= 499:
		return allowAll, nil
	}
	return nil, failure.New(failure.Transient, fmt.Errorf("robots.txt of %s answered http %d: unreachable, so nothing may be read until it answers (RFC 9309 §2.3.1.4)", o, page.Status))
}

// robotsPath is where an origin's rules are (RFC 9309 §2.3).
const robotsPath = "/robots.txt"
