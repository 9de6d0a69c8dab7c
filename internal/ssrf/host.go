package ssrf

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// ErrBadHost is wrapped by every refusal of Hostname.
var ErrBadHost = errors.New("not a host name")

// Host name limits of RFC 1035.
const (
	maxHostLength  = 253
	maxLabelLength = 63
)

// hostProfile maps a name for lookup by UTS #46 (non-transitional, as
// browsers do), checks its labels by RFC 5891 and the STD3 rule
// (letters, digits, hyphens) and applies the Bidi rule.
var hostProfile = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.StrictDomainName(true),
)

// Hostname validates a domain taken from untrusted input and returns its
// lower-case ASCII form ("Bücher.Example" → "xn--bcher-kva.example"),
// the only form a URL is ever built from. It refuses anything but a bare
// DNS name with a dot: a scheme, port, path, query, fragment, user info,
// white space, an IP literal, an empty or over-long label.
func Hostname(raw string) (string, error) {
	host, reason := hostname(strings.TrimSpace(raw))
	if reason != "" {
		return "", fmt.Errorf("%w: %q: %s", ErrBadHost, raw, reason)
	}
	return host, nil
}

func hostname(d string) (string, string) {
	switch {
	case d == "":
		return "", "empty"
	case !utf8.ValidString(d):
		return "", "not valid utf-8"
	case len(d) > 4*maxHostLength:
		return "", "too long"
	case strings.ContainsAny(d, "/:?#@\\[]%"):
		return "", "want a host name only, without scheme, port, path or user info"
	case strings.ContainsFunc(d, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return "", "contains white space or control characters"
	case net.ParseIP(d) != nil:
		return "", "want a host name, not an IP address"
	}
	host, err := hostProfile.ToASCII(d)
	if err != nil {
		return "", "want letters, digits and hyphens in each label"
	}
	return checkLabels(strings.TrimSuffix(strings.ToLower(host), "."))
}

// checkLabels applies the length rules and refuses names that parse as
// IPv4 in another notation ("2130706433", "0x7f.1").
func checkLabels(host string) (string, string) {
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return "", "want a domain with a dot, like example.co.uk"
	}
	if len(host) > maxHostLength {
		return "", "longer than 253 characters"
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabelLength {
			return "", "a label is empty or longer than 63 characters"
		}
	}
	if last := labels[len(labels)-1]; strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x") {
		return "", "the last label is numeric"
	}
	return host, ""
}
