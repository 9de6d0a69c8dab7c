package requestfile

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/leadgen/leadgen/internal/requestcheck"
)

// Injection attempts a hostile or careless producer might put in a
// request. A name is free text, so it is kept as written and must be
// escaped by whoever puts it in a URL; a domain is a host name, so
// anything that is not one is refused here.
var injections = []string{
	"'; DROP TABLE companies; --",
	"../../etc/passwd",
	"%0d%0aHeader: x",
	"name?x=1#frag",
	"ACME\r\nX-Injected: 1",
	"<script>alert(1)</script>",
	"${jndi:ldap://example.invalid/a}",
	"ACME\x00LTD",
}

func TestInjectionAttemptsAreKeptAsTextInNamesAndRefusedAsDomains(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		nameErr error // nil: accepted as a name, unchanged
	}{
		{"an SQL comment trick is a name like any other", injections[0], nil},
		{"a path traversal is a name like any other", injections[1], nil},
		{"percent-encoded CR LF is a name like any other", injections[2], nil},
		{"a query and fragment is a name like any other", injections[3], nil},
		{"a raw CR LF header injection is refused as control characters", injections[4], requestcheck.ErrControlCharacters},
		{"markup is a name like any other", injections[5], nil},
		{"a log4j lookup is a name like any other", injections[6], nil},
		{"a NUL byte is refused as a control character", injections[7], requestcheck.ErrControlCharacters},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Build(tt.in, "", "", nil)
			if !errors.Is(err, tt.nameErr) {
				t.Fatalf("as a name: %v, want %v", err, tt.nameErr)
			}
			if err == nil && r.CompanyName != tt.in {
				t.Fatalf("as a name it became %q", r.CompanyName)
			}
			if _, err := Build("Acme", "", tt.in, nil); !errors.Is(err, requestcheck.ErrDomain) {
				t.Fatalf("as a domain: %v, want %v", err, requestcheck.ErrDomain)
			}
			if _, err := Build("Acme", tt.in, "", nil); !errors.Is(err, requestcheck.ErrCompanyNumber) {
				t.Fatalf("as a company number: %v, want %v", err, requestcheck.ErrCompanyNumber)
			}
		})
	}
}

func TestEmptyAndHugeNamesAreRefusedWithTheirReason(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want error
	}{
		{"an empty name", "", requestcheck.ErrMissingName},
		{"a name of only spaces and tabs", " \t  ", requestcheck.ErrMissingName},
		{"a name of 161 characters", strings.Repeat("A", requestcheck.MaxCompanyName+1), requestcheck.ErrNameTooLong},
		{"a name of 2 MB", strings.Repeat("ACME ", 2<<20/5), requestcheck.ErrNameTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(tt.in, "", "", nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if len(err.Error()) > 1000 {
				t.Fatalf("the error quotes the whole input: %d bytes", len(err.Error()))
			}
		})
	}
}

// FuzzBuild checks what Build promises for any input: an accepted name is
// valid UTF-8, one line, at most requestcheck.MaxCompanyName characters and free of
// control characters; an accepted domain holds only host name characters;
// a refusal is one valid line.
func FuzzBuild(f *testing.F) {
	for _, in := range injections {
		f.Add(in, "", in)
	}
	f.Add("ACME WIDGETS LIMITED", "sc 123456", "WWW.Acme.CO.UK.")
	f.Add("Bücher GmbH", "1234567", "bücher.de")
	f.Fuzz(func(t *testing.T, name, number, domain string) {
		r, err := Build(name, number, domain, nil)
		if err != nil {
			if msg := err.Error(); strings.Contains(msg, "\n") || !utf8.ValidString(msg) {
				t.Fatalf("error %q is not one valid line", msg)
			}
			return
		}
		if !utf8.ValidString(r.CompanyName) || utf8.RuneCountInString(r.CompanyName) > requestcheck.MaxCompanyName || strings.IndexFunc(r.CompanyName, requestcheck.IsControl) >= 0 {
			t.Fatalf("accepted name %q", r.CompanyName)
		}
		if r.Domain != nil && strings.Trim(*r.Domain, "abcdefghijklmnopqrstuvwxyz0123456789.-") != "" {
			t.Fatalf("accepted domain %q", *r.Domain)
		}
		if r.CompanyNumber != nil && strings.Trim(*r.CompanyNumber, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != "" {
			t.Fatalf("accepted company number %q", *r.CompanyNumber)
		}
	})
}
