package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// leadRecord is version 1 of a lead at company number naming people.
func leadRecord(t *testing.T, number string, people ...string) *kgo.Record {
	t.Helper()
	l := &schemas.EnrichedLead{LeadKey: number, RequestID: "req-" + number, CompanyName: "COMPANY " + number, CompanyNumber: &number,
		Version: 1, UpdatedAt: time.Now().UTC(), RequestedAt: time.Now().UTC()}
	for _, p := range people {
		l.Executives = append(l.Executives, schemas.Executive{Name: p, Role: "director", Sources: []string{"companies_house"}})
	}
	v, err := schemas.EncodeEnrichedLead(l)
	if err != nil {
		t.Fatal(err)
	}
	return &kgo.Record{Topic: topics.Names{}.Leads(), Key: []byte(number), Value: v}
}

// written counts the records of each topic.
func written(t *testing.T, cl *kgo.Client, names ...string) map[string]int64 {
	t.Helper()
	ends, err := kadm.NewClient(cl).ListEndOffsets(context.Background(), names...)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	ends.Each(func(o kadm.ListedOffset) { out[o.Topic] += o.Offset })
	return out
}

func TestEraseDryRunListsMatchesAndNearMatchesAndWritesNothing(t *testing.T) {
	addr, cl := testBroker(t)
	names := topics.Names{}
	if err := cl.ProduceSync(context.Background(),
		leadRecord(t, "01234567", "Jane Elizabeth Doe", "J Doe", "John Smith"),
		leadRecord(t, "07654321", "Jane Doe")).FirstErr(); err != nil {
		t.Fatal(err)
	}
	before := written(t, cl, names.Leads(), names.Erasures())

	out, err := capture(t, "erase", "--brokers", addr, "--person", "DOE, Jane", "--company", "01234567", "--dry-run")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"nothing written", "Jane Elizabeth Doe", "erased", "J Doe", "near match",
		"07654321", "another company", "1 lead would get a new version without the person (01234567)"} {
		if !strings.Contains(out, want) {
			t.Errorf("the dry run does not say %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "John Smith") {
		t.Errorf("the dry run lists an unrelated person:\n%s", out)
	}
	if after := written(t, cl, names.Leads(), names.Erasures()); after[names.Leads()] != before[names.Leads()] || after[names.Erasures()] != 0 {
		t.Errorf("the dry run wrote records: before %v, after %v", before, after)
	}

	out, err = capture(t, "erase", "--brokers", addr, "--person", "DOE, Jane", "--company", "01234567")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 lead rewritten by this command") {
		t.Errorf("the erasure says %q", out)
	}
	if after := written(t, cl, names.Leads(), names.Erasures()); after[names.Leads()] != before[names.Leads()]+1 || after[names.Erasures()] != 1 {
		t.Errorf("the erasure wrote %v records, had %v; want one new lead version and one erasure", after, before)
	}
}
