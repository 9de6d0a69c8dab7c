package facebook

import "strings"

// The members of Graph's answers this client reads; everything else is
// ignored.

type searchPage struct {
	Data []struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"data"`
}

type page struct {
	ID                 string   `json:"id"`
	Name               string   `json:"name"`
	Website            string   `json:"website"`
	Emails             []string `json:"emails"`
	Phone              string   `json:"phone"`
	SingleLineAddress  string   `json:"single_line_address"`
	Link               string   `json:"link"`
	VerificationStatus string   `json:"verification_status"`
	Location           struct {
		Street  string `json:"street"`
		City    string `json:"city"`
		Zip     string `json:"zip"`
		Country string `json:"country"`
	} `json:"location"`
}

// address is the page's one-line address, else its location's parts.
func (p page) address() string {
	if s := strings.TrimSpace(p.SingleLineAddress); s != "" {
		return s
	}
	var kept []string
	for _, s := range []string{p.Location.Street, p.Location.City, p.Location.Zip, p.Location.Country} {
		if s = strings.TrimSpace(s); s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, ", ")
}

// websites are the URLs in the website field, which Page owners fill
// with one or several, with or without a scheme.
func (p page) websites() []string {
	var out []string
	for _, w := range strings.Fields(strings.ReplaceAll(p.Website, ",", " ")) {
		if !strings.Contains(w, "://") {
			w = "http://" + w
		}
		out = append(out, w)
	}
	return out
}

// verified reports a Page Graph marks verified (blue or grey badge).
func (p page) verified() bool {
	return p.VerificationStatus == "blue_verified" || p.VerificationStatus == "gray_verified"
}
