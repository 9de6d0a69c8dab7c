package sandbox

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestResponsesHaveTheFixtureShapes checks that every member of a real
// API's response body (testdata copies of shared/fixtures) is in the
// sandbox's body for the company the fixture mirrors, with the same JSON
// type, so a client built on the fixtures decodes the sandbox unchanged.
func TestResponsesHaveTheFixtureShapes(t *testing.T) {
	// ocUnused are OpenCorporates members no leadgen client reads; the
	// sandbox keeps that API modest.
	ocUnused := []string{"agent_name", "agent_address", "alternative_names", "previous_names[]",
		"number_of_employees", "native_company_number", "alternate_registration_entities",
		"previous_registration_entities", "subsequent_registration_entities", "identifiers",
		"trademark_registrations", "corporate_groupings", "data", "financial_summary", "home_company",
		"controlling_entity", "ultimate_beneficial_owners", "filings", "industry_codes[].industry_code.description"}
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
			want := shapeOf(t, readFixture(t, tt.fixture))
			rec := get(t, s, tt.target, testKey)
			wantStatus(t, rec, 200)
			got := shapeOf(t, rec.Body.Bytes())
			for _, path := range slices.Sorted(maps.Keys(want)) {
				if ignored(path, tt.ignore) {
					continue
				}
				kind, ok := got[path]
				if !ok {
					t.Errorf("member %s is missing", path)
				} else if kind != want[path] && kind != "null" && want[path] != "null" {
					t.Errorf("member %s is a %s, want %s", path, kind, want[path])
				}
			}
		})
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
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
