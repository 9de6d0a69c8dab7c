package sandbox

import "github.com/leadgen/leadgen/internal/sandbox/dataset"

// Company is one fictional company of the dataset; see package dataset.
type Company = dataset.Company

// Companies returns a copy of the whole dataset, hand-written companies
// first, so tests and benchmarks can pick real entries by name or number.
func Companies() []Company { return dataset.Companies() }

// CompanyByNumber returns a copy of the company with this number.
func CompanyByNumber(number string) (Company, bool) { return dataset.CompanyByNumber(number) }

// PresenceOf says which of X, LinkedIn, Facebook and a website the
// company is found on.
func PresenceOf(c Company) dataset.Presence { return dataset.PresenceOf(c) }

// DisplayName is how a dataset company writes its own name on its site
// and social pages ("ACME WIDGETS (UK) LTD" → "Acme Widgets (UK)").
func DisplayName(c Company) string { return dataset.DisplayName(c) }

// Website is how a company's simulated site is served.
type Website = dataset.Website

// SiteLayout is where a company's simulated site answers.
type SiteLayout = dataset.SiteLayout

// The site layouts; see dataset.SiteLayout.
const (
	LayoutBoth      = dataset.LayoutBoth
	LayoutToWWW     = dataset.LayoutToWWW
	LayoutWWWOnly   = dataset.LayoutWWWOnly
	LayoutHTTPEntry = dataset.LayoutHTTPEntry
	LayoutHTTPOnly  = dataset.LayoutHTTPOnly
)

// WebsiteOf describes a company's site; false for a company without one.
func WebsiteOf(c Company) (Website, bool) { return dataset.WebsiteOf(c) }

// The robots.txt files the rest of leadgen tests against; see
// dataset.SiteRobots.
const (
	RobotsNoPeople = dataset.RobotsNoPeople
	RobotsSlow     = dataset.RobotsSlow
	// SlowCrawlDelay is the Crawl-delay of the RobotsSlow site, in
	// seconds.
	SlowCrawlDelay = dataset.SlowCrawlDelay
)

// SiteGivesPeople reports whether a reader that obeys robots.txt as
// leadgen, and reads plain http only when allowHTTP, finds people on the
// company's site.
func SiteGivesPeople(c Company, allowHTTP bool) bool { return dataset.SiteGivesPeople(c, allowHTTP) }
