package requestcheck

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/leadgen/leadgen/schemas"
)

// good is a request within every limit.
func good() *schemas.CompanyRequest {
	return &schemas.CompanyRequest{RequestID: "req-1", CompanyName: "Acme Widgets Ltd",
		RequestedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func ptr(s string) *string { return &s }

// label returns a host name label of n letters.
func label(n int) string { return strings.Repeat("a", n) }

// domainOf returns a host name of exactly n characters: 63-letter labels
// joined by dots, ending in a short one.
func domainOf(n int) string {
	var parts []string
	for n > 64 {
		parts = append(parts, label(63))
		n -= 64
	}
	return strings.Join(append(parts, label(n-4)+".com"), ".")
}

func TestCheckAcceptsEachLimitAtItsMaximum(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *schemas.CompanyRequest)
	}{
		{"a company name of 160 characters", func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("é", MaxCompanyName) }},
		{"a request id of 128 characters", func(r *schemas.CompanyRequest) { r.RequestID = strings.Repeat("r", MaxRequestID) }},
		{"a request id of 1 character", func(r *schemas.CompanyRequest) { r.RequestID = "r" }},
		{"a domain of 253 characters", func(r *schemas.CompanyRequest) { r.Domain = ptr(domainOf(MaxDomain)) }},
		{"a domain of 253 characters and the root's dot", func(r *schemas.CompanyRequest) { r.Domain = ptr(domainOf(MaxDomain) + ".") }},
		{"a domain label of 63 characters", func(r *schemas.CompanyRequest) { r.Domain = ptr(label(MaxDomainLabel) + ".example") }},
		{"a company number of 8 digits", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("12345678") }},
		{"a Scottish company number", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("SC123456") }},
		{"a company number as people write it, short and spaced", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr(" sc 123456 ") }},
		{"every implemented provider once", func(r *schemas.CompanyRequest) { r.Providers = append([]string(nil), Providers...) }},
		{"a blank name with a company number", func(r *schemas.CompanyRequest) { r.CompanyName, r.CompanyNumber = " ", ptr("01234567") }},
		{"an emoji name", func(r *schemas.CompanyRequest) { r.CompanyName = "🦄 Unicorn 👩‍💻 Labs 🇬🇧 Ltd" }},
		{"a right-to-left name", func(r *schemas.CompanyRequest) { r.CompanyName = "شركة الأفق المحدودة" }},
		{"a Hebrew name with Latin letters", func(r *schemas.CompanyRequest) { r.CompanyName = "אופק Holdings Ltd" }},
		{"SQL in a name, which is only text", func(r *schemas.CompanyRequest) { r.CompanyName = "'; DROP TABLE companies; --" }},
		{"markup in a name, which is only text", func(r *schemas.CompanyRequest) { r.CompanyName = "<script>alert(1)</script>" }},
		{"an internationalised domain", func(r *schemas.CompanyRequest) { r.Domain = ptr("bücher.de") }},
		{"a blank domain, read as none", func(r *schemas.CompanyRequest) { r.Domain = ptr("  ") }},
		{"a blank company number beside a name, read as none", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.change(r)
			if err := Check(r); err != nil {
				t.Errorf("Check = %v, want nil", err)
			}
		})
	}
}

func TestCheckRefusesOneOverEachLimitNamingTheFieldAndTheLimit(t *testing.T) {
	tests := []struct {
		name    string
		change  func(r *schemas.CompanyRequest)
		want    error
		mention string
	}{
		{"a company name of 161 characters", func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("é", MaxCompanyName+1) },
			ErrNameTooLong, "company_name too long: 161 characters, the limit is 160"},
		{"a request id of 129 characters", func(r *schemas.CompanyRequest) { r.RequestID = strings.Repeat("r", MaxRequestID+1) },
			ErrRequestID, "invalid request_id: 129 characters, the limit is 128"},
		{"an empty request id", func(r *schemas.CompanyRequest) { r.RequestID = "" },
			ErrRequestID, "invalid request_id: empty, want 1 to 128 characters"},
		{"a domain of 254 characters", func(r *schemas.CompanyRequest) { r.Domain = ptr(domainOf(MaxDomain + 1)) },
			ErrDomain, "invalid domain: 254 characters, the limit is 253"},
		{"a domain label of 64 characters", func(r *schemas.CompanyRequest) { r.Domain = ptr(label(MaxDomainLabel+1) + ".example") },
			ErrDomain, "longer than 63 characters"},
		{"a company number of 9 digits", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("123456789") },
			ErrCompanyNumber, "want 8 characters"},
		{"one provider more than are implemented", func(r *schemas.CompanyRequest) { r.Providers = append(append([]string(nil), Providers...), "x") },
			ErrTooManyProviders, fmt.Sprintf("too many providers: %d names, the limit is %d", MaxProviders+1, MaxProviders)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.change(r)
			err := Check(r)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Check = %v; want %v mentioning %q", err, tt.want, tt.mention)
			}
		})
	}
}

func TestCheckRefusesMalformedFields(t *testing.T) {
	tests := []struct {
		name    string
		change  func(r *schemas.CompanyRequest)
		want    error
		mention string
	}{
		{"a NUL in the company name", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\x00LTD" },
			ErrControlCharacters, "company_name: control characters (U+0000 at character 5)"},
		{"a CR LF in the company name", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\r\nX-Injected: 1" },
			ErrControlCharacters, "company_name"},
		{"an escape sequence in the company name", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\x1b[31m" },
			ErrControlCharacters, "U+001B"},
		{"a bidi override in the company name", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME \u202eDTL" },
			ErrControlCharacters, "U+202E"},
		{"a line separator in the company name", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\u2028LTD" },
			ErrControlCharacters, "U+2028"},
		{"a company name that is not utf-8", func(r *schemas.CompanyRequest) { r.CompanyName = "ACME \xff" },
			ErrEncoding, "company_name: invalid utf-8"},
		{"a blank company name without a number", func(r *schemas.CompanyRequest) { r.CompanyName = " \u00a0 " },
			ErrMissingName, "missing company_name"},
		{"a blank company name with a bad number", func(r *schemas.CompanyRequest) { r.CompanyName, r.CompanyNumber = "", ptr("X") },
			ErrMissingName, "missing company_name"},
		{"a NUL in the request id", func(r *schemas.CompanyRequest) { r.RequestID = "req\x00" },
			ErrControlCharacters, "invalid request_id: control characters"},
		{"a space in the request id", func(r *schemas.CompanyRequest) { r.RequestID = "req 1" },
			ErrRequestID, "U+0020 is not printable"},
		{"a zero-width joiner in the request id", func(r *schemas.CompanyRequest) { r.RequestID = "req\u200d1" },
			ErrRequestID, "U+200D is not printable"},
		{"a path traversal as company number", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("../../etc/passwd") },
			ErrCompanyNumber, `invalid company_number "../../etc/passwd"`},
		{"a query string as company number", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("?x=1&y=") },
			ErrCompanyNumber, `invalid company_number "?x=1&y="`},
		{"a NUL in the company number", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("1234\x005678") },
			ErrControlCharacters, "invalid company_number: control characters (U+0000 at character 5)"},
		{"a tab as company number", func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("\t") },
			ErrControlCharacters, "company_number"},
		{"the cloud metadata address as domain", func(r *schemas.CompanyRequest) { r.Domain = ptr("169.254.169.254") },
			ErrDomain, "not an IP address"},
		{"an IPv6 literal as domain", func(r *schemas.CompanyRequest) { r.Domain = ptr("[fd00:ec2::254]") },
			ErrDomain, "invalid domain"},
		{"a decimal IPv4 as domain", func(r *schemas.CompanyRequest) { r.Domain = ptr("2130706433") },
			ErrDomain, "invalid domain"},
		{"a domain with a scheme", func(r *schemas.CompanyRequest) { r.Domain = ptr("https://acme.example") },
			ErrDomain, "without scheme"},
		{"a domain with a path", func(r *schemas.CompanyRequest) { r.Domain = ptr("acme.example/../admin") },
			ErrDomain, "invalid domain"},
		{"a domain with a port", func(r *schemas.CompanyRequest) { r.Domain = ptr("acme.example:8080") },
			ErrDomain, "invalid domain"},
		{"a domain with user info", func(r *schemas.CompanyRequest) { r.Domain = ptr("admin@acme.example") },
			ErrDomain, "invalid domain"},
		{"a domain without a dot", func(r *schemas.CompanyRequest) { r.Domain = ptr("localhost") },
			ErrDomain, "invalid domain"},
		{"a NUL in the domain", func(r *schemas.CompanyRequest) { r.Domain = ptr("acme.example\x00.evil") },
			ErrControlCharacters, "invalid domain: control characters"},
		{"an unknown provider", func(r *schemas.CompanyRequest) { r.Providers = []string{"x", "twitter"} },
			ErrProvider, `unknown provider "twitter": want companies_house`},
		{"a provider name in capitals", func(r *schemas.CompanyRequest) { r.Providers = []string{"X"} },
			ErrProvider, `"X"`},
		{"a NUL in a provider name", func(r *schemas.CompanyRequest) { r.Providers = []string{"x\x00"} },
			ErrControlCharacters, "unknown provider: control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := good()
			tt.change(r)
			err := Check(r)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Check = %v; want %v mentioning %q", err, tt.want, tt.mention)
			}
		})
	}
}

func TestCheckReportsEveryBadFieldOnOneLine(t *testing.T) {
	r := &schemas.CompanyRequest{RequestID: "", CompanyName: "", CompanyNumber: ptr("X"),
		Domain: ptr("http://x"), Providers: []string{"myspace"}}
	err := Check(r)
	for _, want := range []error{ErrRequestID, ErrMissingName, ErrCompanyNumber, ErrDomain, ErrProvider} {
		if !errors.Is(err, want) {
			t.Errorf("the error %q does not report %v", err, want)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("the error %q spans lines", err)
	}
}

func TestCheckQuotesAHugeValueOnlyInPart(t *testing.T) {
	huge := strings.Repeat("../", 1<<20)
	r := good()
	r.CompanyNumber, r.Providers = &huge, []string{huge}
	err := Check(r)
	if err == nil || len(err.Error()) > 500 || !utf8.ValidString(err.Error()) {
		t.Fatalf("Check of a 3 MB value = %d bytes of message: %.200v", len(err.Error()), err)
	}
}

// FuzzCheck checks that Check never panics and that whatever it accepts
// is within the limits by other measures.
func FuzzCheck(f *testing.F) {
	f.Add("req-1", "Acme Ltd", "12345678", "acme.example", "x")
	f.Add("", "", "../../etc/passwd", "169.254.169.254", "twitter")
	f.Add("r\x00", "ACME\x00", "?x=1&y=", "http://a/b", "")
	f.Fuzz(func(t *testing.T, id, name, number, dom, prov string) {
		r := &schemas.CompanyRequest{RequestID: id, CompanyName: name, CompanyNumber: &number, Domain: &dom, Providers: []string{prov}}
		err := Check(r)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q spans lines", err)
			}
			return
		}
		for _, s := range []string{id, name, number, dom, prov} {
			if !utf8.ValidString(s) || strings.ContainsFunc(s, IsControl) {
				t.Fatalf("accepted %q", s)
			}
		}
		if utf8.RuneCountInString(name) > MaxCompanyName || utf8.RuneCountInString(id) > MaxRequestID || strings.ContainsAny(dom, "/:@?#") {
			t.Fatalf("accepted %+v", r)
		}
	})
}
