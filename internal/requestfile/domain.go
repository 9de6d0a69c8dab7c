package requestfile

import (
	"fmt"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Host name limits of RFC 1035.
const (
	maxDomainLength = 253
	maxLabelLength  = 63
)

// hostProfile maps a host name for DNS lookup by UTS #46 (non-transitional,
// so "ß" stays "ß" as browsers do), checks its labels against RFC 5891 and
// the STD3 letters-digits-hyphen rule, and applies the Bidi rule. Lengths
// are checked by hostname, after the trailing dot is dropped.
var hostProfile = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
)

// domain accepts a host name only, no scheme, port or path, and returns
// it lower-cased in ASCII: an internationalised label is mapped and
// written as its punycode A-label ("bücher.de" → "xn--bcher-kva.de"),
// which is what DNS and HTTP use. A trailing dot is dropped.
func domain(raw string) (*string, error) {
	d := strings.TrimSpace(raw)
	if d == "" {
		return nil, nil
	}
	host, reason := hostname(d)
	if reason != "" {
		return nil, fmt.Errorf("%w %q: %s", ErrDomain, raw, reason)
	}
	return &host, nil
}

// hostname validates d and returns its ASCII form, or why it is refused.
func hostname(d string) (string, string) {
	switch {
	case !utf8.ValidString(d):
		return "", "not valid utf-8"
	case utf8.RuneCountInString(d) > maxDomainLength+1:
		return "", fmt.Sprintf("longer than %d characters", maxDomainLength)
	case strings.ContainsAny(d, "/:?#@\\") || strings.ContainsFunc(d, func(r rune) bool { return unicode.IsSpace(r) || isControl(r) }):
		return "", "want a host name only, like example.co.uk, without scheme, port or path"
	case net.ParseIP(d) != nil:
		return "", "want a host name, not an IP address"
	}
	host, err := hostProfile.ToASCII(d)
	if err != nil {
		return "", "want letters, digits and hyphens in each label (" + strings.TrimPrefix(err.Error(), "idna: ") + ")"
	}
	host = strings.TrimSuffix(host, ".")
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return "", "want a domain with a dot, like example.co.uk"
	}
	for _, l := range labels {
		switch {
		case l == "":
			return "", "empty label"
		case len(l) > maxLabelLength:
			return "", fmt.Sprintf("label %q is longer than %d characters", l, maxLabelLength)
		}
	}
	switch {
	case len(host) > maxDomainLength:
		return "", fmt.Sprintf("longer than %d characters", maxDomainLength)
	case isDigits(labels[len(labels)-1]):
		return "", "the last label is all digits"
	}
	return host, ""
}
