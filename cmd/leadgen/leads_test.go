package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/leadview"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// salesLead is a lead with what a sales team acts on: seniority, function,
// other directorships, a profile address and the score explained.
func salesLead() *schemas.EnrichedLead {
	founder, tech, two := "founder", "technology", int32(2)
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	return &schemas.EnrichedLead{LeadKey: "01234567", RequestID: "r-acme", CompanyName: "ACME WIDGETS LTD", CompanyNumber: str("01234567"),
		CompanyStatus: str("active"), ProvidersOK: []string{"companies_house", "linkedin"}, Complete: true, LeadScore: 61.5,
		ScoreExplanation: []string{"Companies House lists 2 current officers or owners (40 of 40).", "The company's status is active (15 of 15)."},
		Executives: []schemas.Executive{
			{Name: "Jane Smith", NormalizedName: "jane smith", Role: "director", Sources: []string{"companies_house", "linkedin"}, Confidence: 0.92,
				Seniority: &founder, Function: &tech, OtherDirectorships: &two,
				ProfileURLs: []schemas.ProfileURL{{Source: "linkedin", URL: "https://www.linkedin.com/in/jane-smith"}}},
			{Name: "Bob Jones", NormalizedName: "bob jones", Role: "secretary", Sources: []string{"companies_house"}, Confidence: 0.7},
		},
		Version: 3, UpdatedAt: at, RequestedAt: at}
}

func TestLeadsAsJSONLinesAreTheSchemasFieldsOneLeadPerLine(t *testing.T) {
	addr, cl := testBroker(t)
	produceLead(t, cl, salesLead())
	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			out, err := capture(t, "leads", "--brokers", addr, "--output", format)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 1 {
				t.Fatalf("%d lines, want one lead:\n%s", len(lines), out)
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(schemas.EnrichedLeadJSON(salesLead()))
			if again, _ := json.Marshal(got); string(again) != string(want) {
				t.Fatalf("leads --output %s:\n%s\nwant the lead's JSON view:\n%s", format, lines[0], want)
			}
			if got["updated_at"] != float64(salesLead().UpdatedAt.UnixMilli()) {
				t.Errorf("updated_at %v, want milliseconds since the epoch", got["updated_at"])
			}
		})
	}
}

func TestLeadsAsCSVHaveOneRowPerPerson(t *testing.T) {
	addr, cl := testBroker(t)
	produceLead(t, cl, salesLead())
	out, err := capture(t, "leads", "--brokers", addr, "--output", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], leadview.CSVHeader) {
		t.Fatalf("want the header and one row per person:\n%s", out)
	}
	col := func(name string) int { return slices.Index(rows[0], name) }
	jane, bob := rows[1], rows[2]
	if jane[col("company_name")] != "ACME WIDGETS LTD" || bob[col("company_name")] != "ACME WIDGETS LTD" {
		t.Errorf("the company is not repeated on each person's row:\n%s", out)
	}
	if jane[col("seniority")] != "founder" || jane[col("other_directorships")] != "2" ||
		jane[col("linkedin_url")] != "https://www.linkedin.com/in/jane-smith" || bob[col("person_name")] != "Bob Jones" {
		t.Errorf("people's columns:\n%s", out)
	}
}

// acmeChange is ACME's version 2, made by an officers stream event: a
// director appointed and the company gone into liquidation.
func acmeChange() *schemas.LeadChange {
	return &schemas.LeadChange{LeadKey: "01234567", CompanyName: "ACME WIDGETS LTD", CompanyNumber: str("01234567"),
		Version: 2, PreviousVersion: 1, Cause: str("officers event 41"), ChangedAt: time.Date(2026, 12, 7, 4, 20, 0, 0, time.UTC),
		Changes: []schemas.LeadChangeItem{
			{Kind: schemas.ChangeAppointed, Person: str("Jane Doe"), Text: "Jane Doe appointed director on 2026-12-01"},
			{Kind: schemas.ChangeStatus, Text: "company status: active → liquidation"},
		}}
}

// boltChange is Bolt's version 4, made by a request's results.
func boltChange() *schemas.LeadChange {
	return &schemas.LeadChange{LeadKey: "07654321", CompanyName: "BOLT ENGINEERING PLC", CompanyNumber: str("07654321"),
		Version: 4, PreviousVersion: 3, ChangedAt: time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC),
		Changes: []schemas.LeadChangeItem{{Kind: schemas.ChangeResigned, Person: str("Bob Jones"), Text: "Bob Jones resigned as secretary on 2026-12-03"}}}
}

func produceChange(t *testing.T, cl *kgo.Client, c *schemas.LeadChange) {
	t.Helper()
	val, err := schemas.EncodeLeadChange(c)
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: topics.Names{}.LeadChanges(), Key: []byte(c.LeadKey), Value: val}).FirstErr(); err != nil {
		t.Fatal(err)
	}
}

// TestLeadChangesAreOneLinePerSentenceWithTheirCause reads the changes,
// not the leads, and prints them oldest first whatever order they were
// written in.
func TestLeadChangesAreOneLinePerSentenceWithTheirCause(t *testing.T) {
	addr, cl := testBroker(t)
	produceLead(t, cl, salesLead())
	produceChange(t, cl, boltChange())
	produceChange(t, cl, acmeChange())
	out, err := capture(t, "leads", "--changes", "--brokers", addr)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"CHANGED AT            LEAD KEY      COMPANY                               VERSION    CHANGE",
		"2026-12-07T04:20:00Z  01234567      ACME WIDGETS LTD                      v1→v2      Jane Doe appointed director on 2026-12-01 (officers event 41)",
		"2026-12-07T04:20:00Z  01234567      ACME WIDGETS LTD                      v1→v2      company status: active → liquidation (officers event 41)",
		"2026-12-07T05:00:00Z  07654321      BOLT ENGINEERING PLC                  v3→v4      Bob Jones resigned as secretary on 2026-12-03",
	}
	if got := strings.Split(strings.TrimSuffix(out, "\n"), "\n"); !slices.Equal(got, want) {
		t.Fatalf("leads --changes:\n%s\nwant the changes, not the leads:\n%s", out, strings.Join(want, "\n"))
	}
}

func TestLeadChangesAsJSONLinesAreTheSchemasFields(t *testing.T) {
	addr, cl := testBroker(t)
	produceChange(t, cl, acmeChange())
	for _, format := range []string{"jsonl", "json"} {
		t.Run(format, func(t *testing.T) {
			out, err := capture(t, "leads", "--changes", "--brokers", addr, "--output", format)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := json.Marshal(schemas.LeadChangeJSON(acmeChange()))
			if strings.TrimSuffix(out, "\n") != string(want) {
				t.Fatalf("leads --changes --output %s:\n%s\nwant one line, the change's JSON view:\n%s", format, out, want)
			}
			var got struct {
				Changes []struct {
					Kind   string  `json:"kind"`
					Person *string `json:"person"`
				} `json:"changes"`
				Cause     string `json:"cause"`
				ChangedAt int64  `json:"changed_at"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Changes) != 2 || got.Changes[0].Kind != "appointed" || *got.Changes[0].Person != "Jane Doe" || got.Changes[1].Person != nil ||
				got.Cause != "officers event 41" || got.ChangedAt != acmeChange().ChangedAt.UnixMilli() {
				t.Errorf("the schema's field names and plain values: %+v", got)
			}
		})
	}
}

func TestLeadChangesAreSearchedByCompanyNameOrNumber(t *testing.T) {
	addr, cl := testBroker(t)
	produceChange(t, cl, acmeChange())
	produceChange(t, cl, boltChange())
	for _, search := range []string{"bolt", "Engineering", "07654"} {
		out, err := capture(t, "leads", "--changes", "--search", search, "--brokers", addr)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Bob Jones resigned") || strings.Contains(out, "ACME") {
			t.Errorf("leads --changes --search %s:\n%s\nwant Bolt's change only", search, out)
		}
	}
}

func TestLeadChangesAsCSVAreAUsageError(t *testing.T) {
	code, err := execute(t, "leads", "--changes", "--output", "csv", "--brokers", "127.0.0.1:1")
	if code != 2 || err == nil || !strings.Contains(err.Error(), "does not go with --changes") {
		t.Fatalf("leads --changes --output csv: exit %d, %v; want a usage error (exit 2) naming --changes", code, err)
	}
}

// TestLeadChangesFollowedPrintEachAsItArrives follows the changes: the
// retained one first, then one written while it follows; it stops without
// an error when its context ends.
func TestLeadChangesFollowedPrintEachAsItArrives(t *testing.T) {
	addr, cl := testBroker(t)
	produceChange(t, cl, acmeChange())
	ctx, stop := context.WithCancel(t.Context())
	defer stop()
	out := &syncBuffer{changed: make(chan struct{}, 100)}
	done := make(chan error, 1)
	go func() {
		root := newRoot()
		root.SetArgs([]string{"leads", "--changes", "--follow", "--brokers", addr})
		root.SetOut(out)
		root.SetErr(new(strings.Builder))
		done <- root.ExecuteContext(ctx)
	}()
	out.waitFor(t, "company status: active → liquidation (officers event 41)")
	produceChange(t, cl, boltChange())
	out.waitFor(t, "Bob Jones resigned as secretary on 2026-12-03")
	stop()
	if err := <-done; err != nil {
		t.Fatalf("leads --changes --follow after it was stopped: %v\n%s", err, out.String())
	}
	if got := strings.Count(out.String(), "\n"); got != 4 {
		t.Errorf("%d lines, want the header and three changes:\n%s", got, out.String())
	}
}
