package sandbox

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/sandbox/dataset"
	"github.com/leadgen/leadgen/internal/sandbox/website"
)

// ocUnused are OpenCorporates members no leadgen client reads; the
// sandbox keeps that API modest.
var ocUnused = []string{"agent_name", "agent_address", "alternative_names", "previous_names[]",
	"number_of_employees", "native_company_number", "alternate_registration_entities",
	"previous_registration_entities", "subsequent_registration_entities", "identifiers",
	"trademark_registrations", "corporate_groupings", "data", "financial_summary", "home_company",
	"controlling_entity", "ultimate_beneficial_owners", "filings", "industry_codes[].industry_code.description"}

// TestResponsesHaveTheFixtureShapes checks that every member of a real
// API's response body (testdata copies of shared/fixtures) is in the
// sandbox's body for the company the fixture mirrors, with the same JSON
// type, so a client built on the fixtures decodes the sandbox unchanged.
func TestResponsesHaveTheFixtureShapes(t *testing.T) {
	tests := []struct {
		name, fixture, target string
		ignore                []string
	}{
		{"a search answers like search#companies", "companies_house/search_companies.json",
			"/companies-house/search/companies?q=acme+widgets", []string{"snippet", "matches.snippet"}},
		{"a profile answers like the company profile", "companies_house/company_profile.json",
			"/companies-house/company/12345678", nil},
		{"an officer list answers like officer-list", "companies_house/officers.json",
			"/companies-house/company/12345678/officers", nil},
		{"a PSC list answers like the PSC list", "companies_house/persons_with_significant_control.json",
			"/companies-house/company/12345678/persons-with-significant-control", nil},
		{"an OpenCorporates company answers with embedded officers", "opencorporates/company.json",
			"/opencorporates/v0.4/companies/gb/12345678?api_token=t", ocUnused},
		{"an OpenCorporates search answers with light company records", "opencorporates/companies_search.json",
			"/opencorporates/v0.4/companies/search?q=acme+widgets&api_token=t", ocUnused},
	}
	s := newServer(t, Config{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, tt.target, testKey)
			wantStatus(t, rec, 200)
			wantShape(t, tt.fixture, rec.Body.Bytes(), tt.ignore)
		})
	}
}

// wantShape checks that every member of a documented example (a path
// such as "items[].name") is in body with the same JSON type, unless
// ignored; null matches any type.
func wantShape(t *testing.T, fixture string, body []byte, ignore []string) {
	t.Helper()
	want, got := shapeOf(t, readFixture(t, fixture)), shapeOf(t, body)
	for _, path := range slices.Sorted(maps.Keys(want)) {
		kind, ok := got[path]
		switch {
		case ignored(path, ignore):
		case !ok:
			t.Errorf("member %s of %s (%s) is missing", path, fixture, docOf(t, fixture))
		case kind != want[path] && kind != "null" && want[path] != "null":
			t.Errorf("member %s of %s (%s) is a %s, want %s", path, fixture, docOf(t, fixture), kind, want[path])
		}
	}
}

// readFixture reads a documented example response from testdata.
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	docOf(t, name)
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// shapeOf maps every member path of a JSON document ("items[].name") to
// its JSON type.
func shapeOf(t *testing.T, body []byte) map[string]string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
	out := map[string]string{}
	walk(v, "", out)
	return out
}

func walk(v any, path string, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		for k, child := range v {
			p := strings.TrimPrefix(path+"."+k, ".")
			out[p] = kindOf(child)
			walk(child, p, out)
		}
	case []any:
		for _, child := range v {
			walk(child, path+"[]", out)
		}
	}
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	default:
		return "null"
	}
}

// ignored reports whether path is, or is inside, a listed member at any
// depth.
func ignored(path string, members []string) bool {
	p := "." + path
	for _, m := range members {
		m = "." + m
		if strings.HasSuffix(p, m) || strings.Contains(p, m+".") || strings.Contains(p, m+"[]") {
			return true
		}
	}
	return false
}

func TestErrorsHaveTheDocumentedShapes(t *testing.T) {
	xTarget, liTarget := "/x/2/users/by?usernames=acmewidgets", "/linkedin/rest/organizations?q=vanityName&vanityName=acme-widgets"
	tests := []struct {
		name, fixture, target, token string
		faults                       map[string]Faults
		status                       int
	}{
		{"X without a token answers a problem", "x/error_401.json", xTarget, "", nil, 401},
		{"X over its limit answers a problem", "x/error_429.json", xTarget, "t", map[string]Faults{ProviderX: {RateLimited: 1}}, 429},
		{"LinkedIn without a token answers its error body", "linkedin/error_documented.json", liTarget, "", nil, 401},
		{"LinkedIn over its quota answers its error body", "linkedin/error_429.json", liTarget, "t", map[string]Faults{ProviderLinkedIn: {RateLimited: 1}}, 429},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := call(t, newServer(t, Config{Faults: tt.faults}), tt.target, tt.token)
			wantStatus(t, rec, tt.status)
			wantShape(t, tt.fixture, rec.Body.Bytes(), nil)
		})
	}
}

// TestCompanySitesUseTheFixturesSchemaOrgTerms checks that every
// schema.org type and property the website fixture uses to name people
// appears on the sandbox's company sites, so the sandbox exercises the
// reader with the markup real sites publish.
func TestCompanySitesUseTheFixturesSchemaOrgTerms(t *testing.T) {
	// unread are properties of the fixture no leadgen reader looks at.
	unread := []string{"ImageObject", "ContactPoint", "logo", "contactPoint", "foundingDate", "worksFor"}
	want := schemaTerms(t, string(readFixture(t, "website/organization_graph.html")))
	got := map[string]bool{}
	s := newServer(t, Config{})
	for _, c := range Companies() {
		for _, page := range []string{dataset.PageHome, dataset.PageAbout, dataset.PageTeam, dataset.PageLeadership} {
			if rec := get(t, s, website.ServedAt(&c)+"/"+page, ""); rec.Code == 200 {
				maps.Copy(got, schemaTerms(t, rec.Body.String()))
			}
		}
	}
	for _, term := range slices.Sorted(maps.Keys(want)) {
		if !got[term] && !slices.ContainsFunc(unread, func(u string) bool {
			return term == u || strings.HasPrefix(term, u+".") || strings.HasSuffix(term, "."+u)
		}) {
			t.Errorf("no sandbox site uses %s, which %s shows", term, docOf(t, "website/organization_graph.html"))
		}
	}
}

// schemaTerms are the "Type.property" pairs (and bare "Type" names) the
// JSON-LD blocks of an HTML page use.
func schemaTerms(t *testing.T, page string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	const open = `<script type="application/ld+json">`
	for rest := page; ; {
		i := strings.Index(rest, open)
		if i < 0 {
			return out
		}
		rest = rest[i+len(open):]
		block, after, _ := strings.Cut(rest, "</script>")
		rest = after
		var v any
		if json.Unmarshal([]byte(block), &v) == nil {
			collectTerms(v, out)
		}
	}
}

func collectTerms(v any, out map[string]bool) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			collectTerms(x, out)
		}
	case map[string]any:
		types, _ := v["@type"].(string)
		if types != "" {
			out[types] = true
		}
		for k, x := range v {
			if types != "" && !strings.HasPrefix(k, "@") {
				out[types+"."+k] = true
			}
			collectTerms(x, out)
		}
	}
}
