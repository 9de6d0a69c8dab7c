package dataset

// SiteShape is how a simulated site writes its JSON-LD, in the shapes
// real sites use (see shared/fixtures/website and the website provider's
// doc): each company draws one, so every shape is served and each
// company always gets the same.
type SiteShape uint32

const (
	// ShapeGraph: an @graph on the home page, the founder inline, the
	// employees as @id references to Person nodes with DefinedTerm job
	// titles, the secretary as a Role-wrapped member.
	ShapeGraph SiteShape = iota
	// ShapeArray: the company alone on the home page; a top-level array
	// of Persons that work for it by @id on /team.
	ShapeArray
	// ShapeSingle: one object on the home page, employees inline, the
	// founder as a plain string, trailing commas and HTML entities.
	ShapeSingle
	// ShapeRole: every officer, former ones too, in an OrganizationRole
	// with dates on /about.
	ShapeRole
	// ShapeSplit: an http @context and an @type array at home, one block
	// per Person on /leadership, working for the company by name.
	ShapeSplit
	// ShapePlain: no JSON-LD at all.
	ShapePlain
	// SiteShapes is how many there are.
	SiteShapes
)

// ShapeOf is the JSON-LD shape the company's site draws.
func ShapeOf(c *Company) SiteShape { return SiteShape(Draw(c, "webshape", uint32(SiteShapes))) }

// The pages a company site may have, by path without the slash.
const (
	PageHome       = ""
	PageAbout      = "about"
	PageTeam       = "team"
	PageLeadership = "leadership"
)
