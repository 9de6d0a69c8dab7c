package requestfile

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/leadgen/leadgen/schemas"
)

// Limits on field lengths, in characters.
const (
	// MaxNameLength bounds company_name: the longest registered UK
	// company names are under 200 characters.
	MaxNameLength = 300
	// maxRequestIDLength bounds request_id, a Kafka record key.
	maxRequestIDLength = 128
)

// Providers are the provider names a request may list.
var Providers = []string{"companies_house", "x", "linkedin", "facebook", "website"}

// fields are the raw values of one request, from a file line or flags.
type fields struct {
	name, number, domain, requestID string
	providers                       []string
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

// request validates f; the error names every bad field.
func (f fields) request(now time.Time) (*schemas.CompanyRequest, error) {
	// RequestedAt is stored in milliseconds (Avro timestamp-millis).
	req := &schemas.CompanyRequest{RequestedAt: now.UTC().Truncate(time.Millisecond)}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	var err error
	req.CompanyName, err = companyName(f.name)
	add(err)
	req.CompanyNumber, err = companyNumber(f.number)
	add(err)
	req.Domain, err = domain(f.domain)
	add(err)
	req.Providers, err = providers(f.providers)
	add(err)
	req.RequestID, err = requestID(f.requestID)
	add(err)
	if err := join(errs); err != nil {
		return nil, err
	}
	return req, nil
}

// isControl reports characters that have no place in a one-line value:
// C0/C1 controls, line and paragraph separators, and bidirectional
// overrides that make text display other than it reads.
func isControl(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control)
}

func companyName(raw string) (string, error) {
	name := strings.TrimSpace(raw)
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return "", ErrMissingName
	case !utf8.ValidString(name):
		return "", fmt.Errorf("company_name is %w", ErrEncoding)
	case strings.ContainsFunc(name, isControl):
		return "", fmt.Errorf("company_name has %w", ErrControlCharacters)
	case n > MaxNameLength:
		return "", fmt.Errorf("%w: %d characters, the limit is %d", ErrNameTooLong, n, MaxNameLength)
	}
	return name, nil
}

// companyNumber accepts a UK company number: 8 digits, or 2 letters and
// 6 digits (SC123456). Spaces are removed, letters upper-cased, and a
// shorter all-digit number is padded with leading zeros (12345 →
// 00012345), as Companies House writes it.
func companyNumber(raw string) (*string, error) {
	n := strings.ToUpper(strings.Join(strings.Fields(raw), ""))
	if n == "" {
		return nil, nil
	}
	if len(n) < 8 && isDigits(n) {
		n = strings.Repeat("0", 8-len(n)) + n
	}
	if len(n) != 8 || !isDigits(n[2:]) || !(isDigits(n[:2]) || isLetters(n[:2])) {
		return nil, fmt.Errorf("%w %q: want 8 characters, digits or 2 letters and 6 digits", ErrCompanyNumber, raw)
	}
	return &n, nil
}

func isDigits(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
}

func isLetters(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r < 'A' || r > 'Z' })
}

// splitProviders splits a list separated by semicolons, commas or spaces.
func splitProviders(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || unicode.IsSpace(r) })
}

// providers lower-cases and de-duplicates the names, keeping their order;
// an empty list means every enabled provider.
func providers(names []string) ([]string, error) {
	var out, unknown []string
	for _, p := range names {
		p = strings.ToLower(strings.TrimSpace(p))
		switch {
		case p == "" || slices.Contains(out, p):
		case slices.Contains(Providers, p):
			out = append(out, p)
		default:
			unknown = append(unknown, fmt.Sprintf("%q", p))
		}
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("%w %s: want %s", ErrProvider, strings.Join(unknown, ", "), strings.Join(Providers, ", "))
	}
	return out, nil
}

// requestID keeps a given ID or makes a new one.
func requestID(raw string) (string, error) {
	id := strings.TrimSpace(raw)
	switch {
	case id == "":
		return newID(), nil
	case !utf8.ValidString(id) || utf8.RuneCountInString(id) > maxRequestIDLength ||
		strings.ContainsFunc(id, func(r rune) bool { return isControl(r) || unicode.IsSpace(r) }):
		return "", fmt.Errorf("%w %q: want at most %d characters, no spaces or control characters", ErrRequestID, raw, maxRequestIDLength)
	}
	return id, nil
}
