// Package requestcheck holds the documented limits of a CompanyRequest
// and the one check that enforces them, run where a request is first
// read: by every provider's input worker, which dead-letters a request
// that fails it with class invalid before any provider is called, and by
// `leadgen request`, which refuses it before sending.
//
// Oddities that do not stop a request, a requested_at outside the sane
// range or a record key other than the request_id, are Anomalies: the
// request is answered and the oddity counted and logged.
package requestcheck

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/internal/ssrf"
	"github.com/leadgen/leadgen/schemas"
)

// Check returns nil when r keeps every limit, or what is wrong with it: an
// error matching the Err* reasons, Problems when several fields are bad.
//
//   - No string holds invalid UTF-8 or a control character (IsControl).
//   - request_id: 1 to MaxRequestID printable characters, no spaces.
//   - company_name: at most MaxCompanyName characters; not blank unless
//     company_number is valid.
//   - company_number: absent, blank, or in the registry's format
//     (companynumber.Normalize), which rules out paths and query strings.
//   - domain: absent, blank, or a host name (ssrf.Hostname) of at most
//     MaxDomain characters and labels of at most MaxDomainLabel, with no
//     scheme, path, port, user info, or IP address in place of a name.
//   - providers: at most MaxProviders names, each one of Providers. A
//     known provider that is not enabled is not Check's concern.
func Check(r *schemas.CompanyRequest) error {
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	add(requestID(r.RequestID))
	numbered, err := companyNumber(r.CompanyNumber)
	add(err)
	add(companyName(r.CompanyName, numbered))
	add(domain(r.Domain))
	add(providers(r.Providers))
	return Join(errs)
}

// IsControl reports characters that have no place in a one-line value: C0
// and C1 controls (NUL, tab, CR, LF, ESC, ...), the line and paragraph
// separators, and the bidirectional controls that make text display other
// than it reads (the overrides of "Trojan Source" attacks).
func IsControl(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp, unicode.Bidi_Control)
}

// text refuses a value that is not UTF-8 or holds a control character,
// saying which character and where. The error also matches kind, the
// field's own reason, when the field has one (nil: it names field).
func text(field string, kind error, s string) error {
	if !utf8.ValidString(s) {
		return textError(field, kind, ErrEncoding, "")
	}
	n := 0
	for _, r := range s {
		n++
		if IsControl(r) {
			return textError(field, kind, ErrControlCharacters, fmt.Sprintf(" (%U at character %d)", r, n))
		}
	}
	return nil
}

func textError(field string, kind, reason error, detail string) error {
	if kind == nil {
		return fmt.Errorf("%s: %w%s", field, reason, detail)
	}
	return fmt.Errorf("%w: %w%s", kind, reason, detail)
}

func requestID(id string) error {
	if err := text("request_id", ErrRequestID, id); err != nil {
		return err
	}
	switch n := utf8.RuneCountInString(id); {
	case n == 0:
		return fmt.Errorf("%w: empty, want 1 to %d characters", ErrRequestID, MaxRequestID)
	case n > MaxRequestID:
		return fmt.Errorf("%w: %d characters, the limit is %d", ErrRequestID, n, MaxRequestID)
	}
	if i := strings.IndexFunc(id, unprintable); i >= 0 {
		r, _ := utf8.DecodeRuneInString(id[i:])
		return fmt.Errorf("%w %s: %U is not printable; want letters, digits, punctuation and symbols, no spaces", ErrRequestID, quote(id), r)
	}
	return nil
}

// unprintable is anything but a letter, mark, number, punctuation or
// symbol: spaces, and format characters such as zero-width joiners.
func unprintable(r rune) bool { return r == ' ' || !unicode.IsPrint(r) }

// companyNumber checks an optional number and says whether it is one.
func companyNumber(p *string) (bool, error) {
	if p == nil {
		return false, nil
	}
	if err := text("company_number", ErrCompanyNumber, *p); err != nil {
		return false, err
	}
	if strings.TrimSpace(*p) == "" {
		return false, nil
	}
	if _, ok := companynumber.Normalize(*p); !ok {
		return false, fmt.Errorf("%w %s: want %d characters, digits or 2 letters and 6 digits", ErrCompanyNumber, quote(*p), CompanyNumberLength)
	}
	return true, nil
}

func companyName(name string, numbered bool) error {
	if err := text("company_name", nil, name); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(name); n > MaxCompanyName {
		return fmt.Errorf("%w: %d characters, the limit is %d", ErrNameTooLong, n, MaxCompanyName)
	}
	if strings.TrimSpace(name) == "" && !numbered {
		return fmt.Errorf("%w: a name is needed unless a valid company_number is given", ErrMissingName)
	}
	return nil
}

func domain(p *string) error {
	if p == nil {
		return nil
	}
	if err := text("domain", ErrDomain, *p); err != nil {
		return err
	}
	d := strings.TrimSpace(*p)
	if d == "" {
		return nil
	}
	// Counted before the host name check, so a huge value is refused
	// without mapping it; a trailing dot is the root, not a character.
	if n := utf8.RuneCountInString(strings.TrimSuffix(d, ".")); n > MaxDomain {
		return fmt.Errorf("%w: %d characters, the limit is %d", ErrDomain, n, MaxDomain)
	}
	if _, err := ssrf.Hostname(d); err != nil {
		return fmt.Errorf("%w: %w", ErrDomain, err)
	}
	return nil
}

func providers(names []string) error {
	if len(names) > MaxProviders {
		return fmt.Errorf("%w: %d names, the limit is %d (each implemented provider once)", ErrTooManyProviders, len(names), MaxProviders)
	}
	var unknown []string
	for _, p := range names {
		if err := text("providers", ErrProvider, p); err != nil {
			return err
		}
		if !slices.Contains(Providers, p) {
			unknown = append(unknown, quote(p))
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%w %s: want %s", ErrProvider, strings.Join(unknown, ", "), strings.Join(Providers, ", "))
	}
	return nil
}
