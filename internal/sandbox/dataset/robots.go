package dataset

import (
	"sync"
)

// SiteRobots is what a company's simulated site says in its robots.txt.
type SiteRobots string

// The robots.txt files, as real sites write them.
const (
	// RobotsPlain closes back-office paths to every crawler.
	RobotsPlain SiteRobots = "plain"
	// RobotsMissing answers 404: no rules, everything allowed.
	RobotsMissing SiteRobots = "missing"
	// RobotsForbidden answers 403, a bot wall in front of robots.txt too
	// (RFC 9309 §2.3.1.3: unavailable, everything allowed).
	RobotsForbidden SiteRobots = "forbidden"
	// RobotsNoPeople closes /team and /leadership to every crawler.
	RobotsNoPeople SiteRobots = "no-people"
	// RobotsOnlyLeadgen closes the site to every crawler but leadgen,
	// whose own group allows everything.
	RobotsOnlyLeadgen SiteRobots = "only-leadgen"
	// RobotsSlow asks every crawler for SlowCrawlDelay seconds between
	// requests; exactly one site, whose people are on /about, says so.
	RobotsSlow SiteRobots = "slow"
)

// SlowCrawlDelay is the Crawl-delay of the RobotsSlow site, in seconds:
// long enough to be seen, short enough that a run reading it waits only
// a couple of seconds.
const SlowCrawlDelay = 1

// RobotsOf is what the company's robots.txt says: slow for the one slow
// site, else a drawn file.
func RobotsOf(c *Company) SiteRobots {
	if c.Domain == slowSite() {
		return RobotsSlow
	}
	return drawnRobots(c)
}

// drawnRobots gives an eighth of the sites no robots.txt, an eighth one
// behind a bot wall, a quarter one that closes the people pages, an
// eighth one open only to leadgen and the rest a plain one.
func drawnRobots(c *Company) SiteRobots {
	return drawFrom(c, "webrobots", []SiteRobots{RobotsMissing, RobotsForbidden, RobotsNoPeople, RobotsNoPeople,
		RobotsOnlyLeadgen, RobotsPlain, RobotsPlain, RobotsPlain})
}

// slowSite is the domain of the one RobotsSlow site: the first generated
// company with a site at both hosts whose people are on /about and whose
// drawn robots.txt is plain, so its pages are read in spaced requests.
var slowSite = sync.OnceValue(func() string {
	for _, c := range generatedSites() {
		if LayoutOf(c) == LayoutBoth && ShapeOf(c) == ShapeRole && drawnRobots(c) == RobotsPlain {
			return c.Domain
		}
	}
	return ""
})
