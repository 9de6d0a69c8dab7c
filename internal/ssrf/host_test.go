package ssrf

import (
	"errors"
	"strings"
	"testing"
)

func TestHostname(t *testing.T) {
	tests := []struct {
		name, raw, want string // want "" for a refusal
	}{
		{"a plain domain is kept", "acme-widgets.example", "acme-widgets.example"},
		{"capitals are lowered", "Acme-Widgets.Example", "acme-widgets.example"},
		{"surrounding space is trimmed", "  acme.example ", "acme.example"},
		{"a trailing dot is dropped", "acme.example.", "acme.example"},
		{"an internationalised name becomes punycode", "bücher.example", "xn--bcher-kva.example"},
		{"a domain with a scheme is refused", "https://acme.example", ""},
		{"a domain with a path is refused", "acme.example/team", ""},
		{"a domain with a port is refused", "acme.example:8080", ""},
		{"a domain with user info is refused", "user@acme.example", ""},
		{"a domain with user and password is refused", "user:pw@acme.example", ""},
		{"a domain with a query is refused", "acme.example?x=1", ""},
		{"a domain with a fragment is refused", "acme.example#top", ""},
		{"a backslash trick is refused", `acme.example\@evil.example`, ""},
		{"a percent-encoded name is refused", "acme%2eexample", ""},
		{"an IPv4 literal is refused", "127.0.0.1", ""},
		{"an IPv6 literal is refused", "::1", ""},
		{"a bracketed IPv6 literal is refused", "[::1]", ""},
		{"a decimal IPv4 is refused", "2130706433", ""},
		{"a dotted name with a numeric last label is refused", "127.0.0.1.1", ""},
		{"a hex last label is refused", "foo.0x7f", ""},
		{"a single label is refused", "localhost", ""},
		{"an empty string is refused", "", ""},
		{"an empty label is refused", "acme..example", ""},
		{"inner white space is refused", "acme widgets.example", ""},
		{"an underscore is refused", "acme_widgets.example", ""},
		{"a label over 63 characters is refused", strings.Repeat("a", 64) + ".example", ""},
		{"a name over 253 characters is refused", strings.Repeat("abcdefghi.", 26) + "example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Hostname(tt.raw)
			if tt.want == "" {
				if !errors.Is(err, ErrBadHost) {
					t.Fatalf("Hostname(%q) = %q, %v, want ErrBadHost", tt.raw, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Hostname(%q) = %q, %v, want %q", tt.raw, got, err, tt.want)
			}
		})
	}
}
