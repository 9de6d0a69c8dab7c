package console

import (
	"html"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// twoVersions are ACME before and after Jane Smith resigned, Bob Jones
// was appointed and the company went into liquidation, which lowered its
// score.
func twoVersions() (v1, v2 *schemas.EnrichedLead) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	active, liquidation, resigned, appointed := "active", "liquidation", "2026-12-03", "2026-12-01"
	jane := schemas.Executive{Name: "Jane Smith", NormalizedName: "jane smith", Role: "director", Sources: []string{"companies_house"}}
	v1 = &schemas.EnrichedLead{LeadKey: "01234567", RequestID: "r-acme", CompanyName: "ACME WIDGETS LTD", CompanyStatus: &active,
		Executives: []schemas.Executive{jane}, ProvidersOK: []string{"companies_house"}, LeadScore: 50, Version: 1, UpdatedAt: at, RequestedAt: at}
	gone := jane
	gone.ResignedOn = &resigned
	bob := schemas.Executive{Name: "Bob Jones", NormalizedName: "bob jones", Role: "secretary", Sources: []string{"companies_house"}, AppointedOn: &appointed}
	next := *v1
	next.CompanyStatus, next.Executives, next.LeadScore, next.Version, next.UpdatedAt = &liquidation, []schemas.Executive{gone, bob}, 40, 2, at.Add(time.Hour)
	return v1, &next
}

// wantChanges are the lead-changes topic's sentences, then the score.
var wantChanges = []string{
	"Bob Jones appointed secretary on 2026-12-01",
	"Jane Smith resigned as director on 2026-12-03",
	"company status: active → liquidation",
	"score 50.0 → 40.0",
}

func TestAVersionsChangesAreTheTopicsSentencesThenTheScore(t *testing.T) {
	v1, v2 := twoVersions()
	if got := changes(v1, v2); !slices.Equal(got, wantChanges) {
		t.Fatalf("changes:\n%q\nwant:\n%q", got, wantChanges)
	}
	if got := changes(v2, v2); !slices.Equal(got, []string{"no visible change"}) {
		t.Fatalf("changes of a version to itself: %q", got)
	}
	v3 := *v2
	v3.ProvidersFailed = []string{"website"}
	if got := changes(v2, &v3); !slices.Equal(got, []string{"providers ok [companies_house], failed [website]"}) {
		t.Fatalf("changes of the providers: %q", got)
	}
}

func TestTheLeadPageShowsWhatChangedInTheTopicsWords(t *testing.T) {
	opts := embeddedtest.Opts(t)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cl.Close)
	v1, v2 := twoVersions()
	for _, l := range []*schemas.EnrichedLead{v1, v2} {
		val, err := schemas.EncodeEnrichedLead(l)
		if err != nil {
			t.Fatal(err)
		}
		if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: topics.Names{}.Leads(), Key: []byte(l.LeadKey), Value: val}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(Config{Token: "s3cret", Opts: opts, Names: topics.Names{}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	req, _ := http.NewRequestWithContext(t.Context(), "GET", ts.URL+"/leads/01234567", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	code, body := do(t, req)
	if code != http.StatusOK {
		t.Fatalf("GET /leads/01234567: %d\n%s", code, body)
	}
	body = html.UnescapeString(body)
	for _, want := range wantChanges {
		if !strings.Contains(body, "<li>"+want+"</li>") {
			t.Errorf("the lead page lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("page:\n%s", body)
	}
}
