package linkedin

import (
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
)

// The LinkedIn REST bodies (shared/fixtures/linkedin).

type finderPage struct {
	Paging   paging         `json:"paging"`
	Elements []organization `json:"elements"`
}

type paging struct {
	Start int   `json:"start"`
	Count int   `json:"count"`
	Links []any `json:"links"`
	Total int   `json:"total"`
}

// organization is what LinkedIn returns about an organization the app
// does not administer.
type organization struct {
	ID                      int64      `json:"id"`
	VanityName              string     `json:"vanityName"`
	LocalizedName           string     `json:"localizedName"`
	Name                    localized  `json:"name"`
	PrimaryOrganizationType string     `json:"primaryOrganizationType"`
	Locations               []location `json:"locations"`
	LocalizedWebsite        string     `json:"localizedWebsite"`
}

type localized struct {
	Localized       map[string]string `json:"localized"`
	PreferredLocale struct {
		Country  string `json:"country"`
		Language string `json:"language"`
	} `json:"preferredLocale"`
}

type location struct {
	LocationType string `json:"locationType"`
	Address      struct {
		Line1      string `json:"line1"`
		City       string `json:"city"`
		PostalCode string `json:"postalCode"`
		Country    string `json:"country"`
	} `json:"address"`
}

func organizationOf(c *dataset.Company) organization {
	id, _ := strconv.ParseInt(dataset.NumericID(c, "linkedin", 8), 10, 64)
	o := organization{ID: id, VanityName: dataset.SiteLabel(c), LocalizedName: dataset.DisplayName(*c), PrimaryOrganizationType: "NONE",
		LocalizedWebsite: "https://www." + c.Domain + "/"}
	o.Name.Localized = map[string]string{"en_US": dataset.DisplayName(*c)}
	o.Name.PreferredLocale.Country, o.Name.PreferredLocale.Language = "US", "en"
	var hq location
	hq.LocationType = "HEADQUARTERS"
	hq.Address.Line1 = strings.TrimSpace(c.Address.Premises + " " + c.Address.Line1)
	hq.Address.City, hq.Address.PostalCode, hq.Address.Country = c.Address.Locality, c.Address.PostalCode, "GB"
	o.Locations = []location{hq}
	return o
}
