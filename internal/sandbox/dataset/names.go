package dataset

import (
	"regexp"
	"strings"
	"unicode"
)

// The names a company goes by online, derived from its registered title
// and domain.

// SiteLabel is the company's domain without ".example": "acme-widgets".
func SiteLabel(c *Company) string { return strings.TrimSuffix(c.Domain, ".example") }

// HandleForm is what X allows as a username.
var HandleForm = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// Handle is the company's X username: its site label squashed, cut to
// the 15 characters X allows ("thistlewhipcycles" → "thistlewhipcycl"),
// as companies with long names do; such a handle is found by a search
// for posts linking to the site, not by guessing it.
func Handle(c *Company) string {
	h := strings.ReplaceAll(SiteLabel(c), "-", "")
	if len(h) > 15 {
		h = h[:15]
	}
	if !HandleForm.MatchString(h) {
		return ""
	}
	return h
}

// DisplayName is how a dataset company writes its own name on its site
// and social pages ("ACME WIDGETS (UK) LTD" → "Acme Widgets (UK)").
func DisplayName(c Company) string { return displayName(&c) }

// displayName is how the company writes its own name: the registered
// title without its legal form, in title case ("ACME WIDGETS (UK) LTD" →
// "Acme Widgets (UK)").
func displayName(c *Company) string {
	words := strings.Fields(c.Name)
	if n := len(words); n > 1 && legalSuffixes[words[n-1]] {
		words = words[:n-1]
	}
	for i, w := range words {
		if len(strings.Trim(w, "()")) > 2 {
			words[i] = titleWord(w)
		}
	}
	return strings.Join(words, " ")
}

var legalSuffixes = map[string]bool{"LIMITED": true, "LTD": true, "PLC": true, "LLP": true}

func titleWord(w string) string {
	r := []rune(strings.ToLower(w))
	for i := range r {
		if i == 0 || !unicode.IsLetter(r[i-1]) {
			r[i] = unicode.ToUpper(r[i])
		}
	}
	return string(r)
}

// HandleOrLabel is the company's X handle, or its site label with dots
// for a company without one: the name of its Facebook Page.
func HandleOrLabel(c *Company) string {
	if h := Handle(c); h != "" {
		return h
	}
	return strings.ReplaceAll(SiteLabel(c), "-", ".")
}
