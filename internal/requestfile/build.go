package requestfile

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/schemas"
)

// Providers are the provider names a request may list.
var Providers = requestcheck.Providers

// fields are the raw values of one request, from a file line or flags.
type fields struct {
	name, number, domain, requestID string
	providers                       []string
	// watch is "false" (or no, 0) to opt the company out of the
	// watchlist; blank watches.
	watch string
}

// Build validates one request given as separate values, as the CLI flags
// give them, and returns it with a new random RequestID and RequestedAt
// set to now. Each providers element may itself list several names
// separated by commas, semicolons or spaces.
func Build(name, number, domain string, providers []string) (*schemas.CompanyRequest, error) {
	f := fields{name: name, number: number, domain: domain}
	for _, p := range providers {
		f.providers = append(f.providers, splitProviders(p)...)
	}
	return f.request(time.Now())
}

// request writes f in the form leadgen sends, then checks it against the
// input limits (requestcheck); the error names every bad field.
func (f fields) request(now time.Time) (*schemas.CompanyRequest, error) {
	req := &schemas.CompanyRequest{
		RequestID:     strings.TrimSpace(f.requestID),
		CompanyName:   strings.TrimSpace(f.name),
		CompanyNumber: companyNumber(f.number),
		Domain:        domain(f.domain),
		Providers:     providers(f.providers),
		// RequestedAt is stored in milliseconds (Avro timestamp-millis).
		RequestedAt: now.UTC().Truncate(time.Millisecond),
	}
	if req.RequestID == "" {
		req.RequestID = newID()
	}
	if err := requestcheck.Check(req); err != nil {
		return nil, err
	}
	noWatch, err := noWatch(f.watch)
	if err != nil {
		return nil, err
	}
	req.NoWatch = noWatch
	return req, nil
}

// noWatch reads the watch field: blank, true, yes or 1 watch; false, no
// or 0 opt out.
func noWatch(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "true", "yes", "1":
		return false, nil
	case "false", "no", "0":
		return true, nil
	}
	return false, fmt.Errorf("%w: watch %q: want true or false", ErrMalformed, v)
}

// companyNumber writes a number as the registry does (spaces removed,
// letters upper-cased, an all-digit number padded with leading zeros:
// 12345 → 00012345); one that cannot be is kept as given, for the check
// to refuse. Blank is none.
func companyNumber(raw string) *string {
	if strings.TrimSpace(raw) == "" {
		return nil
	}
	if n, ok := companynumber.Normalize(raw); ok {
		return &n
	}
	return &raw
}

// splitProviders splits a list separated by semicolons, commas or spaces.
func splitProviders(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) })
}

// providers lower-cases and de-duplicates the names, keeping their order;
// an empty list means every enabled provider.
func providers(names []string) []string {
	var out []string
	for _, p := range names {
		p = strings.ToLower(strings.TrimSpace(p))
		if p != "" && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}
