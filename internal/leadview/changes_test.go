package leadview

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

func TestAChangeRowKeepsControlCharactersOffTheTerminal(t *testing.T) {
	var out bytes.Buffer
	c := &schemas.LeadChange{LeadKey: "k1", CompanyName: "EVIL\x1b[2J LTD", Version: 3, PreviousVersion: 2,
		ChangedAt: time.Date(2026, 12, 7, 4, 20, 0, 0, time.UTC),
		Changes:   []schemas.LeadChangeItem{{Kind: schemas.ChangeAdded, Text: "Eve\u202e now listed by website"}}}
	if err := NewChangeTable(&out).Write(c); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(out.String(), "\x1b\u202e") {
		t.Fatalf("a control or format character reached the table: %q", out.String())
	}
	if !strings.Contains(out.String(), "v2→v3      Eve  now listed by website\n") {
		t.Fatalf("table:\n%s", out.String())
	}
}

func TestAChangeWithoutItemsStillHasARow(t *testing.T) {
	var out bytes.Buffer
	c := &schemas.LeadChange{LeadKey: "k1", CompanyName: "ACME", Version: 2, PreviousVersion: 1, Cause: str("psc event 7")}
	if err := NewChangeTable(&out).Write(c); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out.String()), "\n"); len(lines) != 2 || !strings.HasSuffix(lines[1], "no change listed (psc event 7)") {
		t.Fatalf("table:\n%s\nwant the header and one row", out.String())
	}
}

func TestChangesAreSortedOldestFirst(t *testing.T) {
	at := time.Date(2026, 12, 7, 4, 0, 0, 0, time.UTC)
	late := &schemas.LeadChange{LeadKey: "a", Version: 2, ChangedAt: at.Add(time.Minute)}
	b3 := &schemas.LeadChange{LeadKey: "b", Version: 3, ChangedAt: at}
	b2 := &schemas.LeadChange{LeadKey: "b", Version: 2, ChangedAt: at}
	a := &schemas.LeadChange{LeadKey: "a", Version: 5, ChangedAt: at}
	got := Chronological([]*schemas.LeadChange{late, b3, b2, a})
	if got[0] != a || got[1] != b2 || got[2] != b3 || got[3] != late {
		t.Fatalf("order %v %v %v %v", got[0], got[1], got[2], got[3])
	}
}

func str(s string) *string { return &s }
