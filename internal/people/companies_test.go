package people

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

// labelledCompany is one company of companies.json: its real people and
// the mentions sources made of them; a mention whose person is "" names
// no person (a company, a handle).
type labelledCompany struct {
	Name     string                `json:"name"`
	People   []struct{ ID string } `json:"people"`
	Mentions []labelledMention     `json:"mentions"`
}

type labelledMention struct {
	Source           string   `json:"source"`
	Name             string   `json:"name"`
	Role             string   `json:"role"`
	AppointedOn      string   `json:"appointed_on"`
	Born             string   `json:"born"`
	Ref              string   `json:"ref"`
	NaturesOfControl []string `json:"natures_of_control"`
	Person           string   `json:"person"`
}

func readCompanies(t testing.TB) []labelledCompany {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(identityDir, "companies.json"))
	if err != nil {
		t.Fatal(err)
	}
	var out []labelledCompany
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("companies.json: %v", err)
	}
	return out
}

// results are the company's mentions as one result per source, and a key
// per mention that finds it again after resolving.
func (c labelledCompany) results() ([]*schemas.DiscoveryResult, map[string][]string) {
	bySource := map[string]*schemas.DiscoveryResult{}
	owners := map[string][]string{}
	var out []*schemas.DiscoveryResult
	for _, m := range c.Mentions {
		r := bySource[m.Source]
		if r == nil {
			r = &schemas.DiscoveryResult{Provider: m.Source, Status: schemas.StatusOK, Confidence: 1}
			if c.Name != "" {
				r.Company = &schemas.CompanyProfile{Name: c.Name}
			}
			bySource[m.Source] = r
			out = append(out, r)
		}
		e := labelledExecutive(m.Name, m.Role, m.Source, m.AppointedOn, m.Born, m.Ref)
		e.NaturesOfControl = m.NaturesOfControl
		r.Executives = append(r.Executives, e)
		k := mentionKey(m.Source, e)
		owners[k] = append(owners[k], m.Person)
	}
	return out, owners
}

func mentionKey(source string, e schemas.Executive) string {
	return strings.Join([]string{source, e.Name, e.Role, deref(e.AppointedOn), deref(e.SourceRef), bornOf(e)}, "\x00")
}

// listScore counts what resolving a company's mentions got wrong.
type listScore struct {
	people, found, invented, wrongMerges, duplicates int
}

func scoreCompany(c labelledCompany) listScore {
	results, owners := c.results()
	groups := resolve(results, testSources)
	s := listScore{found: len(groups)}
	seen := map[string]int{}
	for _, g := range groups {
		persons := map[string]bool{}
		for _, e := range g {
			k := mentionKey(e.source, e.exec)
			persons[owners[k][0]] = true
			owners[k] = owners[k][1:]
		}
		real := len(persons)
		if persons[""] {
			real--
		}
		switch {
		case real == 0:
			s.invented++
		case persons[""] || real > 1:
			s.wrongMerges += len(persons) - 1
		}
		for p := range persons {
			seen[p]++
		}
	}
	delete(seen, "")
	for _, n := range seen {
		s.people++
		s.duplicates += n - 1
	}
	return s
}

// TestIdentityCompanies resolves the people of 50 labelled companies
// from all their sources' mentions: no mention that is not a person may
// become one, no two people may merge, and at most 2 % of people may be
// left split in two.
func TestIdentityCompanies(t *testing.T) {
	var total listScore
	for _, c := range readCompanies(t) {
		s := scoreCompany(c)
		if s.invented+s.wrongMerges+s.duplicates > 0 {
			t.Logf("%s: %+v", c.Name, s)
		}
		total.people += s.people
		total.found += s.found
		total.invented += s.invented
		total.wrongMerges += s.wrongMerges
		total.duplicates += s.duplicates
	}
	dup := ratio(total.duplicates, total.people)
	if total.people == 0 {
		dup = 0
	}
	t.Logf("people=%d found=%d invented=%d wrong_merges=%d duplicates=%d (%.2f%%)",
		total.people, total.found, total.invented, total.wrongMerges, total.duplicates, 100*dup)
	if total.invented != 0 || total.wrongMerges != 0 || dup > targetDuplicateFraction {
		t.Errorf("invented %d, wrong merges %d, duplicates %.2f%%: want 0, 0, ≤ %.0f%%",
			total.invented, total.wrongMerges, 100*dup, 100*targetDuplicateFraction)
	}
}
