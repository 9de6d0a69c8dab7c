package x

import (
	"regexp"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/companyname"
	"github.com/leadgen/leadgen/schemas"
)

// handleForm is what X accepts as a username.
var handleForm = regexp.MustCompile(`^[A-Za-z0-9_]{1,15}$`)

// maxCandidates bounds the handles asked for in one lookup: each that
// exists is billed as a user read.
const maxCandidates = 6

// candidates are the handles a company is likely to use, most likely
// first: its domain's first label and its name without legal words,
// squashed ("acmewidgets") and with underscores ("acme_widgets"), and the
// squashed name with "hq". Handles X would refuse are dropped, as one
// invalid handle fails the whole lookup.
func candidates(req *schemas.CompanyRequest) []string {
	var out []string
	add := func(h string) {
		if handleForm.MatchString(h) && !slices.Contains(out, h) && len(out) < maxCandidates {
			out = append(out, h)
		}
	}
	if label := domainLabel(req); label != "" {
		add(squash(label, ""))
		add(squash(label, "_"))
	}
	if words := strings.Fields(companyname.Normalize(req.CompanyName)); len(words) > 0 {
		add(strings.Join(words, ""))
		add(strings.Join(words, "_"))
		add(strings.Join(words, "") + "hq")
	}
	return out
}

// domainLabel is the first label of the request's domain, less "www.".
func domainLabel(req *schemas.CompanyRequest) string {
	if req.Domain == nil {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(*req.Domain)), "www.")
	label, _, _ := strings.Cut(host, ".")
	return label
}

// squash joins a label's words (split at hyphens) with sep.
func squash(label, sep string) string {
	return strings.Join(strings.FieldsFunc(label, func(r rune) bool { return r == '-' }), sep)
}
