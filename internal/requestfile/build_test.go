package requestfile

import (
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/requestcheck"
)

func TestBuildRefuses(t *testing.T) {
	tests := []struct {
		name                 string
		company, number, dom string
		providers            []string
		want                 error
	}{
		{"a missing company name", "", "", "", nil, requestcheck.ErrMissingName},
		{"a blank company name", " \t ", "", "", nil, requestcheck.ErrMissingName},
		{"a company name of 161 characters", strings.Repeat("a", 161), "", "", nil, requestcheck.ErrNameTooLong},
		{"a company name with a newline inside", "ACME\nLTD", "", "", nil, requestcheck.ErrControlCharacters},
		{"a company name with a bidi override", "ACME \u202eDTL", "", "", nil, requestcheck.ErrControlCharacters},
		{"a company name that is not utf-8", "ACME \xff", "", "", nil, requestcheck.ErrEncoding},
		{"a company number of 9 digits", "Acme", "123456789", "", nil, requestcheck.ErrCompanyNumber},
		{"a company number with 3 letters", "Acme", "SCO12345", "", nil, requestcheck.ErrCompanyNumber},
		{"a company number with a letter at the end", "Acme", "1234567A", "", nil, requestcheck.ErrCompanyNumber},
		{"a company number of letters and too few digits", "Acme", "SC1234", "", nil, requestcheck.ErrCompanyNumber},
		{"a domain with a scheme", "Acme", "", "https://acme.example", nil, requestcheck.ErrDomain},
		{"a domain with a path", "Acme", "", "acme.example/about", nil, requestcheck.ErrDomain},
		{"a domain with a port", "Acme", "", "acme.example:8080", nil, requestcheck.ErrDomain},
		{"a domain without a dot", "Acme", "", "localhost", nil, requestcheck.ErrDomain},
		{"an IP address as domain", "Acme", "", "192.168.0.1", nil, requestcheck.ErrDomain},
		{"a domain label starting with a hyphen", "Acme", "", "-acme.example", nil, requestcheck.ErrDomain},
		{"a domain with an empty label", "Acme", "", "acme..example", nil, requestcheck.ErrDomain},
		{"a domain with an underscore", "Acme", "", "ac_me.example", nil, requestcheck.ErrDomain},
		{"a domain label over 63 characters", "Acme", "", strings.Repeat("a", 64) + ".example", nil, requestcheck.ErrDomain},
		{"an unknown provider", "Acme", "", "", []string{"x", "twitter"}, requestcheck.ErrProvider},
		{"the cloud metadata address as domain", "Acme", "", "169.254.169.254", nil, requestcheck.ErrDomain},
		{"a domain of 254 characters", "Acme", "", strings.Repeat(strings.Repeat("a", 63)+".", 3) + strings.Repeat("a", 58) + ".com", nil, requestcheck.ErrDomain},
		{"a path traversal as company number", "Acme", "../../etc/passwd", "", nil, requestcheck.ErrCompanyNumber},
		{"a query string as company number", "Acme", "?x=1&y=", "", nil, requestcheck.ErrCompanyNumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := Build(tt.company, tt.number, tt.dom, tt.providers)
			if !errors.Is(err, tt.want) || req != nil {
				t.Errorf("Build = %v, %v; want error %v", req, err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("the error %q spans lines", err)
			}
		})
	}
}

func TestBuildReportsEveryBadField(t *testing.T) {
	_, err := Build("", "X", "http://x", []string{"myspace"})
	for _, want := range []error{requestcheck.ErrMissingName, requestcheck.ErrCompanyNumber, requestcheck.ErrDomain, requestcheck.ErrProvider} {
		if !errors.Is(err, want) {
			t.Errorf("the error %q does not report %v", err, want)
		}
	}
}

func TestBuildAccepts(t *testing.T) {
	tests := []struct {
		name                 string
		company, number, dom string
		providers            []string
		wantNumber, wantDom  string
		wantProviders        []string
	}{
		{"a name alone", "  Acme Widgets Ltd ", "", "", nil, "", "", nil},
		{"a short number padded with zeros", "Acme", "1234567", "", nil, "01234567", "", nil},
		{"a lower-case prefixed number with a space", "Acme", "sc 123456", "", nil, "SC123456", "", nil},
		{"a domain in capitals with a trailing dot", "Acme", "", "WWW.Acme.CO.UK.", nil, "", "www.acme.co.uk", nil},
		{"an internationalised domain as punycode", "Acme", "", "bücher.de", nil, "", "xn--bcher-kva.de", nil},
		{"providers in any case, listed once", "Acme", "", "", []string{"X;LinkedIn", "x", " website "}, "", "", []string{"x", "linkedin", "website"}},
		{"a 160 character name", strings.Repeat("é", 160), "", "", nil, "", "", nil},
		{"a name in emoji", "🦄 Unicorn 👩‍💻 Labs", "", "", nil, "", "", nil},
		{"a name in Arabic", "شركة الأفق المحدودة", "", "", nil, "", "", nil},
		{"no name but a company number", "", "SC123456", "", nil, "SC123456", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := Build(tt.company, tt.number, tt.dom, tt.providers)
			if err != nil {
				t.Fatal(err)
			}
			if req.CompanyName != strings.TrimSpace(tt.company) || deref(req.CompanyNumber) != tt.wantNumber ||
				deref(req.Domain) != tt.wantDom || !reflect.DeepEqual(req.Providers, tt.wantProviders) {
				t.Errorf("Build = %+v", req)
			}
			if !uuidV4.MatchString(req.RequestID) || req.RequestedAt.IsZero() {
				t.Errorf("RequestID %q, RequestedAt %v: want a UUID v4 and a time", req.RequestID, req.RequestedAt)
			}
		})
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestNewIDsDiffer(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newID()
		if seen[id] || !uuidV4.MatchString(id) {
			t.Fatalf("newID gave %q twice or malformed", id)
		}
		seen[id] = true
	}
}

func TestDomainWritesALabels(t *testing.T) {
	for in, want := range map[string]string{
		"münchen.de":       "xn--mnchen-3ya.de",
		"例え.テスト":           "xn--r8jz45g.xn--zckzah",
		"españa.com":       "xn--espaa-rta.com",
		"straße.de":        "xn--strae-oqa.de",
		"bücher。de":        "xn--bcher-kva.de",
		"xn--bcher-kva.de": "xn--bcher-kva.de",
	} {
		if got := domain(in); deref(got) != want {
			t.Errorf("domain(%q) = %q; want %q", in, deref(got), want)
		}
	}
}

func TestDomainRefusesBadLabels(t *testing.T) {
	for _, in := range []string{"ab--cd.example", "acme-.example", "xn--a.example", "a\u200db.example", "１２７．０．０．１"} {
		if _, err := Build("Acme", "", in, nil); !errors.Is(err, requestcheck.ErrDomain) {
			t.Errorf("Build with domain %q = %v, want requestcheck.ErrDomain", in, err)
		}
	}
}
