package sandbox

import "github.com/leadgen/leadgen/internal/sandbox/dataset"

// The dataset's types, as the rest of leadgen names them; see package
// dataset.
type (
	// Company is one fictional company of the dataset.
	Company = dataset.Company
	// Address is a registered office address.
	Address = dataset.Address
	// Officer is one appointment in Companies House form.
	Officer = dataset.Officer
	// PSC is one person (or corporate entity) with significant control.
	PSC = dataset.PSC
	// Presence says which simulated web presences a company has.
	Presence = dataset.Presence
	// Website is how a company's simulated site is served.
	Website = dataset.Website
	// SiteLayout is where a company's simulated site answers.
	SiteLayout = dataset.SiteLayout
	// SiteRobots is what a company's simulated site says in robots.txt.
	SiteRobots = dataset.SiteRobots
)

// The site layouts; see dataset.SiteLayout.
const (
	LayoutBoth      = dataset.LayoutBoth
	LayoutToWWW     = dataset.LayoutToWWW
	LayoutWWWOnly   = dataset.LayoutWWWOnly
	LayoutHTTPEntry = dataset.LayoutHTTPEntry
	LayoutHTTPOnly  = dataset.LayoutHTTPOnly
)

// The robots.txt files; see dataset.SiteRobots.
const (
	RobotsPlain       = dataset.RobotsPlain
	RobotsMissing     = dataset.RobotsMissing
	RobotsForbidden   = dataset.RobotsForbidden
	RobotsNoPeople    = dataset.RobotsNoPeople
	RobotsOnlyLeadgen = dataset.RobotsOnlyLeadgen
	RobotsSlow        = dataset.RobotsSlow
	// SlowCrawlDelay is the Crawl-delay of the RobotsSlow site, in
	// seconds.
	SlowCrawlDelay = dataset.SlowCrawlDelay
)

// Companies returns a copy of the whole dataset, hand-written companies
// first, so tests and benchmarks can pick real entries by name or number.
func Companies() []Company { return dataset.Companies() }

// CompanyByNumber returns a copy of the company with this number.
func CompanyByNumber(number string) (Company, bool) { return dataset.CompanyByNumber(number) }

// PresenceOf says which of X, LinkedIn, Facebook and a website the
// company is found on.
func PresenceOf(c Company) Presence { return dataset.PresenceOf(c) }

// DisplayName is how a dataset company writes its own name on its site
// and social pages ("ACME WIDGETS (UK) LTD" → "Acme Widgets (UK)").
func DisplayName(c Company) string { return dataset.DisplayName(c) }

// WebsiteOf describes a company's site; false for a company without one.
func WebsiteOf(c Company) (Website, bool) { return dataset.WebsiteOf(c) }

// SiteGivesPeople reports whether a reader that obeys robots.txt as
// leadgen, and reads plain http only when allowHTTP, finds people on the
// company's site.
func SiteGivesPeople(c Company, allowHTTP bool) bool { return dataset.SiteGivesPeople(c, allowHTTP) }

// SiteNamesPeople reports whether a company's simulated site names its
// people in JSON-LD.
func SiteNamesPeople(c Company) bool { return dataset.SiteNamesPeople(c) }
