package dataset

// Website is how a dataset company's simulated site is served, for tests
// that need a site of one kind.
type Website struct {
	Layout SiteLayout
	Robots SiteRobots
	// PeoplePage is the path of the page whose JSON-LD names the people:
	// "/", "/about", "/team" or "/leadership"; "" for a site naming
	// nobody.
	PeoplePage string
}

// WebsiteOf describes a company's site; false for a company without one.
func WebsiteOf(c Company) (Website, bool) {
	if !PresenceOf(c).Website {
		return Website{}, false
	}
	return Website{Layout: LayoutOf(&c), Robots: RobotsOf(&c), PeoplePage: PeoplePage(ShapeOf(&c))}, true
}

// SiteGivesPeople reports whether a reader that obeys robots.txt as
// leadgen, and reads plain http only when allowHTTP, finds people on the
// company's site: it names them, at an origin the reader may use, on a
// page robots.txt lets it read.
func SiteGivesPeople(c Company, allowHTTP bool) bool {
	site, ok := WebsiteOf(c)
	switch {
	case !ok || site.PeoplePage == "":
		return false
	case site.Layout == LayoutHTTPOnly && !allowHTTP:
		return false
	}
	return site.Robots != RobotsNoPeople || (site.PeoplePage != "/"+PageTeam && site.PeoplePage != "/"+PageLeadership)
}

// PeoplePage is where a shape names the people.
func PeoplePage(s SiteShape) string {
	switch s {
	case ShapeGraph, ShapeSingle:
		return "/"
	case ShapeRole:
		return "/" + PageAbout
	case ShapeArray:
		return "/" + PageTeam
	case ShapeSplit:
		return "/" + PageLeadership
	}
	return ""
}

// SiteNamesPeople reports whether a company's simulated site names its
// people in JSON-LD: it has a site, and not one of the plain ones.
func SiteNamesPeople(c Company) bool {
	return PresenceOf(c).Website && ShapeOf(&c) != ShapePlain
}
