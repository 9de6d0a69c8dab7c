package aggregator

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/erasure"

	"github.com/leadgen/leadgen/schemas"
)

func str(s string) *string { return &s }

func result(provider string, status schemas.Status, layer schemas.Layer) *schemas.DiscoveryResult {
	return &schemas.DiscoveryResult{RequestID: "r1", Provider: provider, Status: status, Layer: layer,
		CompanyName: "Acme Widgets Ltd", ExpectedProviders: []string{"companies_house", "x"}}
}

func entryOf(results ...*schemas.DiscoveryResult) *entry {
	e := newEntry(0)
	for _, r := range results {
		e.decoded[r.Provider] = r
	}
	e.Expected = results[0].ExpectedProviders
	return e
}

func TestALeadTakesTheCompanyFromCompaniesHouseAndListsFailedProviders(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("12345678"), Status: str("active")}
	ch.Executives = []schemas.Executive{{Name: "Jane Doe", NormalizedName: "jane doe", Role: "director", Sources: []string{"companies_house"}}}
	x := result("x", schemas.StatusFailed, schemas.LayerNone)
	lead := buildLead("r1", entryOf(ch, x), erasure.NewSet())
	if lead.LeadKey != "12345678" || lead.CompanyName != "ACME WIDGETS LIMITED" || *lead.CompanyStatus != "active" {
		t.Fatalf("company fields: key=%s name=%s", lead.LeadKey, lead.CompanyName)
	}
	if lead.Complete || len(lead.ProvidersFailed) != 1 || lead.ProvidersFailed[0] != "x" {
		t.Fatalf("complete=%v failed=%v, want false [x]", lead.Complete, lead.ProvidersFailed)
	}
	if len(lead.Executives) != 1 {
		t.Fatalf("executives = %d, want 1", len(lead.Executives))
	}
}

func TestALeadCarriesTheRegistersMonthOfBirthAndNaturesOfControl(t *testing.T) {
	month, year := int32(6), int32(1975)
	control := []string{"ownership-of-shares-50-to-75-percent", "right-to-appoint-and-remove-directors"}
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Confidence = 1
	ch.Executives = []schemas.Executive{
		{Name: "Jane Elizabeth Doe", Role: "director", Sources: []string{"companies_house"}, BirthMonth: &month, BirthYear: &year},
		{Name: "Jane Elizabeth Doe", Role: "person-with-significant-control", Sources: []string{"companies_house"},
			BirthMonth: &month, BirthYear: &year, NaturesOfControl: control},
	}
	x := result("x", schemas.StatusOK, schemas.LayerPrimary)
	x.Confidence = 1
	x.Executives = []schemas.Executive{{Name: "Jane Doe", Role: "CEO", Sources: []string{"x"}}}
	raw, err := schemas.EncodeEnrichedLead(buildLead("r1", entryOf(ch, x), erasure.NewSet()))
	if err != nil {
		t.Fatal(err)
	}
	lead, err := schemas.DecodeEnrichedLead(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(lead.Executives) != 1 {
		t.Fatalf("executives = %+v, want Jane once", lead.Executives)
	}
	e := lead.Executives[0]
	if e.BirthMonth == nil || *e.BirthMonth != 6 || e.BirthYear == nil || *e.BirthYear != 1975 ||
		!slices.Equal(e.NaturesOfControl, control) || !slices.Equal(e.Sources, []string{"companies_house", "x"}) {
		t.Fatalf("Jane on the lead: born %v/%v, control %q, sources %q", e.BirthMonth, e.BirthYear, e.NaturesOfControl, e.Sources)
	}
}

func TestAFallbackWithoutDataIsAFailureAndNotFoundIsAnAnswer(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status schemas.Status
		layer  schemas.Layer
		ok     bool
	}{
		{"an OK result answered", schemas.StatusOK, schemas.LayerPrimary, true},
		{"not found answered", schemas.StatusNotFound, schemas.LayerPrimary, true},
		{"a stale-cache fallback answered", schemas.StatusFallback, schemas.LayerStaleCache, true},
		{"a fallback with no layer failed", schemas.StatusFallback, schemas.LayerNone, false},
		{"a failure failed", schemas.StatusFailed, schemas.LayerNone, false},
	} {
		if got := answered(result("x", tc.status, tc.layer)); got != tc.ok {
			t.Errorf("%s: answered = %v", tc.name, got)
		}
	}
}

func TestTheLeadKeyFallsBackToTheNormalisedName(t *testing.T) {
	l := &schemas.EnrichedLead{CompanyName: "The Acme Widgets (UK) Ltd."}
	if got := leadKey(l); got != "name:acme-widgets-uk" {
		t.Fatalf("leadKey = %q", got)
	}
}

func TestTheContentHashIgnoresVersionAndTimeButNotContent(t *testing.T) {
	e := entryOf(result("companies_house", schemas.StatusNotFound, schemas.LayerPrimary), result("x", schemas.StatusOK, schemas.LayerPrimary))
	a := buildLead("r1", e, erasure.NewSet())
	b := buildLead("r1", e, erasure.NewSet())
	b.Version = 7
	ha, _, _ := contentHash(a)
	hb, _, _ := contentHash(b)
	if ha != hb {
		t.Fatal("version changed the content hash")
	}
	b.CompanyName = "Other"
	if hc, _, _ := contentHash(b); hc == ha {
		t.Fatal("a content change kept the hash")
	}
}

func TestStateSurvivesItsChangelogEncoding(t *testing.T) {
	e := entryOf(result("companies_house", schemas.StatusOK, schemas.LayerPrimary))
	raw, err := schemas.EncodeDiscoveryResult(e.decoded["companies_house"])
	if err != nil {
		t.Fatal(err)
	}
	e.Results["companies_house"] = raw
	e.Version, e.Hash, e.LeadKey = 3, "h", "k"
	b, err := e.marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := unmarshalEntry(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != 3 || got.Hash != "h" || got.decoded["companies_house"].Status != schemas.StatusOK || got.reported() {
		t.Fatalf("state after round trip: %+v", got)
	}
}

func TestALeadCarriesTheNotesOfTheProvidersThatAnswered(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	web := result("website", schemas.StatusNotFound, schemas.LayerPrimary)
	web.Notes = []string{"robots.txt of https://acme.example disallows /team, /leadership for leadgen"}
	x := result("x", schemas.StatusFailed, schemas.LayerNone)
	x.Notes = []string{"a failed result's notes are not an answer's"}
	raw, err := schemas.EncodeEnrichedLead(buildLead("r1", entryOf(ch, web, x), erasure.NewSet()))
	if err != nil {
		t.Fatal(err)
	}
	lead, err := schemas.DecodeEnrichedLead(raw)
	if err != nil {
		t.Fatal(err)
	}
	want := []schemas.LeadNote{{Provider: "website", Note: web.Notes[0]}}
	if !slices.Equal(lead.Notes, want) {
		t.Fatalf("notes = %+v, want %+v", lead.Notes, want)
	}
}

// TestALeadSaysWhoDecidesWhereToFindThemAndWhyItScores: the fields a sales
// team acts on, from the register, a social profile and the appointments
// provider together.
func TestALeadSaysWhoDecidesWhereToFindThemAndWhyItScores(t *testing.T) {
	link := "/officers/abc/appointments"
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Confidence = 1
	ch.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("12345678"), Status: str("active")}
	ch.Executives = []schemas.Executive{{Name: "DOE, Jane", Role: "director", SourceRef: &link, Sources: []string{"companies_house"}}}
	x := result("x", schemas.StatusOK, schemas.LayerPrimary)
	x.Confidence = 1
	x.Executives = []schemas.Executive{{Name: "Jane Doe", Role: "Founder & CEO", SourceRef: str("https://x.com/janedoe"), Sources: []string{"x"}}}
	two := int32(2)
	apps := result("companies_house_appointments", schemas.StatusOK, schemas.LayerPrimary)
	apps.Executives = []schemas.Executive{{Name: "DOE, Jane", Role: "director", SourceRef: &link, OtherDirectorships: &two}}
	lead := buildLead("r1", entryOf(ch, x, apps), erasure.NewSet())
	if len(lead.Executives) != 1 {
		t.Fatalf("%d people, want Jane Doe alone", len(lead.Executives))
	}
	jane := lead.Executives[0]
	if *jane.Seniority != "founder" || *jane.Function != "executive" || *jane.OtherDirectorships != 2 ||
		!slices.Equal(jane.ProfileURLs, []schemas.ProfileURL{{Source: "x", URL: "https://x.com/janedoe"}}) {
		t.Errorf("Jane Doe: seniority %v function %v directorships %v profiles %v", *jane.Seniority, *jane.Function, jane.OtherDirectorships, jane.ProfileURLs)
	}
	want := "Companies House lists 1 current officer or owner (40 of 40)."
	if len(lead.ScoreExplanation) != 4 || lead.ScoreExplanation[0] != want {
		t.Errorf("score explanation %q, want four sentences starting %q", lead.ScoreExplanation, want)
	}
}

// The request stage routes a request's results by keyOf, without building
// the lead: it must name the key and number the lead stage's lead has.
func TestTheRequestStagesKeyIsTheLeadsKey(t *testing.T) {
	chOK := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	chOK.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("sc123456")}
	chFailed := result("companies_house", schemas.StatusFailed, schemas.LayerNone)
	chFailed.Company = &schemas.CompanyProfile{Name: "OTHER LIMITED", Number: str("99999999")}
	chNoNumber := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	chNoNumber.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS (UK) LIMITED"}
	asked := result("a_first", schemas.StatusOK, schemas.LayerPrimary)
	asked.CompanyNumber = str("07654321")
	for _, e := range []*entry{
		entryOf(chOK, result("x", schemas.StatusOK, schemas.LayerPrimary)),
		entryOf(chFailed, result("x", schemas.StatusOK, schemas.LayerPrimary)),
		entryOf(chNoNumber, asked),
		entryOf(asked, chOK),
		entryOf(result("x", schemas.StatusOK, schemas.LayerPrimary)),
	} {
		lead := buildLead("r1", e, erasure.NewSet())
		key, number := keyOf(e)
		if key != lead.LeadKey || (number == nil) != (lead.CompanyNumber == nil) || number != nil && *number != *lead.CompanyNumber {
			t.Errorf("keyOf = %s, %v; the lead's key and number are %s, %v", key, number, lead.LeadKey, lead.CompanyNumber)
		}
	}
}

// A request's state kept by a leadgen whose request stage hashed its own
// lead: a result re-delivered after the upgrade sends nothing, a changed
// one sends the results.
func TestARequestStateWithTheHashOfItsLeadSendsOnlyAChange(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.Company = &schemas.CompanyProfile{Name: "ACME WIDGETS LIMITED", Number: str("12345678")}
	x := result("x", schemas.StatusOK, schemas.LayerPrimary)
	e := entryOf(ch, x)
	for p, r := range e.decoded {
		raw, err := schemas.EncodeDiscoveryResult(r)
		if err != nil {
			t.Fatal(err)
		}
		e.Results[p] = raw
	}
	a := &Aggregator{erased: erasure.NewSet()}
	tx := newTxn(a, context.Background())
	old, _, err := contentHash(buildLead("r1", e, a.erased))
	if err != nil {
		t.Fatal(err)
	}
	e.Hash, e.LeadKey, e.Version = old, "12345678", 1
	var fx effects
	if err := tx.forward("r1", e, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.recs) != 0 || e.Version != 1 || !strings.HasPrefix(e.Hash, sentPrefix) {
		t.Fatalf("unchanged results: %d records, version %d, hash %s; want none, 1, a hash of what was sent", len(fx.recs), e.Version, e.Hash)
	}
	x.Executives = []schemas.Executive{{Name: "Jane Doe", Role: "CEO", Sources: []string{"x"}}}
	if e.Results["x"], err = schemas.EncodeDiscoveryResult(x); err != nil {
		t.Fatal(err)
	}
	if err := tx.forward("r1", e, &fx); err != nil {
		t.Fatal(err)
	}
	if len(fx.recs) != 1 || e.Version != 2 {
		t.Fatalf("changed results: %d records, version %d; want 1, 2", len(fx.recs), e.Version)
	}
}
