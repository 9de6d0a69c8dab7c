package linkedin

import "strings"

// The members of the organization finder's answer this client reads;
// everything else (logos, localized maps, paging links) is ignored.

type finderPage struct {
	Elements []organization `json:"elements"`
}

type organization struct {
	ID               int64      `json:"id"`
	VanityName       string     `json:"vanityName"`
	LocalizedName    string     `json:"localizedName"`
	LocalizedWebsite string     `json:"localizedWebsite"`
	Locations        []location `json:"locations"`
}

type location struct {
	LocationType string `json:"locationType"`
	Address      struct {
		Line1          string `json:"line1"`
		Line2          string `json:"line2"`
		City           string `json:"city"`
		GeographicArea string `json:"geographicArea"`
		PostalCode     string `json:"postalCode"`
		Country        string `json:"country"`
	} `json:"address"`
}

// headquarters is the HEADQUARTERS location on one line, else the first
// location's, else "".
func (o organization) headquarters() string {
	for _, l := range o.Locations {
		if s := l.oneLine(); s != "" && l.LocationType == "HEADQUARTERS" {
			return s
		}
	}
	for _, l := range o.Locations {
		if s := l.oneLine(); s != "" {
			return s
		}
	}
	return ""
}

func (l location) oneLine() string {
	a := l.Address
	var kept []string
	for _, p := range []string{a.Line1, a.Line2, a.City, a.GeographicArea, a.PostalCode, a.Country} {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ", ")
}
