package requestfile

import (
	"strings"

	"github.com/leadgen/leadgen/internal/ssrf"
)

// domain writes a host name in lower-case ASCII, the form DNS and HTTP
// use: an internationalised label is mapped and written as its punycode
// A-label ("bücher.de" → "xn--bcher-kva.de"), and a trailing dot is
// dropped. A value that is not a host name is kept as given, for the
// check to refuse. Blank is none.
func domain(raw string) *string {
	d := strings.TrimSpace(raw)
	if d == "" {
		return nil
	}
	if host, err := ssrf.Hostname(d); err == nil {
		return &host
	}
	return &d
}
