package requestfile

import (
	"fmt"
	"net"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Host name limits of RFC 1035.
const (
	maxDomainLength = 253
	maxLabelLength  = 63
)

// domain accepts a host name only, no scheme, port or path, and returns
// it lower-cased in ASCII: an internationalised label is NFC-normalised
// and written as its punycode A-label ("bücher.de" → "xn--bcher-kva.de"),
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
	d = strings.NewReplacer("。", ".", "．", ".", "｡", ".").Replace(d)
	labels := strings.Split(strings.TrimSuffix(norm.NFC.String(strings.ToLower(d)), "."), ".")
	if len(labels) < 2 {
		return "", "want a domain with a dot, like example.co.uk"
	}
	for i, l := range labels {
		a, reason := asciiLabel(l)
		if reason != "" {
			return "", reason
		}
		labels[i] = a
	}
	host := strings.Join(labels, ".")
	switch {
	case len(host) > maxDomainLength:
		return "", fmt.Sprintf("longer than %d characters", maxDomainLength)
	case isDigits(labels[len(labels)-1]):
		return "", "the last label is all digits"
	}
	return host, ""
}

// asciiLabel checks one label and encodes a Unicode one as punycode.
func asciiLabel(l string) (string, string) {
	switch {
	case l == "":
		return "", "empty label"
	case utf8.RuneCountInString(l) > maxLabelLength:
		return "", fmt.Sprintf("a label is longer than %d characters", maxLabelLength)
	}
	if strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
		return "", fmt.Sprintf("label %q starts or ends with a hyphen", l)
	}
	for _, r := range l {
		if !isLabelRune(r) {
			return "", fmt.Sprintf("label %q has %q: want letters, digits and hyphens", l, r)
		}
	}
	if !isASCII(l) {
		l = "xn--" + punycode(l)
	}
	if len(l) > maxLabelLength {
		return "", fmt.Sprintf("label %q is longer than %d characters", l, maxLabelLength)
	}
	return l, ""
}

func isLabelRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '-' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc)
}

func isASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}
