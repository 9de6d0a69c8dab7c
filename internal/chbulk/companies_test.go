package chbulk

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSnapshotValuesBecomeTheAPIs(t *testing.T) {
	tests := []struct {
		name, in, want string
		of             func(string) string
	}{
		{"an active company is active", "Active", "active", statusOf},
		{"a proposal to strike off is still active to the API", "Active - Proposal to Strike off", "active", statusOf},
		{"a company in liquidation is in liquidation", "Liquidation", "liquidation", statusOf},
		{"a voluntary arrangement is hyphenated", "Voluntary Arrangement", "voluntary-arrangement", statusOf},
		{"an administrative receiver is receivership", "RECEIVER MANAGER / ADMINISTRATIVE RECEIVER", "receivership", statusOf},
		{"a private limited company is ltd", "Private Limited Company", "ltd", typeOf},
		{"a limited liability partnership is llp", "Limited Liability Partnership", "llp", typeOf},
		{"an unknown category has no type", "Something New", "", typeOf},
		{"a SIC text gives its code", "62012 - Business and domestic software development", "62012", sicCode},
		{"None Supplied is no SIC code", "None Supplied", "", sicCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.of(tt.in); got != tt.want {
				t.Fatalf("%q → %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

// A row with an unreadable date is counted with its reason and the rows
// around it are stored.
func TestABadRowIsCountedAndTheOthersStored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BasicCompanyDataAsOneFile-2026-12-01.csv")
	rows := []string{realHeader,
		`"GOOD ONE LIMITED","00000001","","","1 HIGH STREET","","LONDON","","","EC1A 1BB","Private Limited Company","Active","United Kingdom","","14/03/2019","","62012 - Business and domestic software development","","","",""`,
		`"BAD DATE LIMITED","00000002","","","2 HIGH STREET","","LONDON","","","EC1A 1BB","Private Limited Company","Active","United Kingdom","","2019-03-14","","","","","",""`,
		`"GOOD TWO LIMITED","00000003","","","3 HIGH STREET","","LONDON","","","EC1A 1BB","Private Limited Company","Dissolved","United Kingdom","01/02/2024","14/03/2019","","","","","",""`}
	if err := os.WriteFile(path, []byte(strings.Join(rows, "\r\n")+"\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := newTestStore(t)
	sum := importFile(t, s, Companies, path)
	if sum.Stored != 2 || sum.Bad != 1 || len(sum.BadWhy) != 1 || !strings.Contains(sum.BadWhy[0], "row 2: bad row: company 00000002: incorporation date") {
		t.Fatalf("summary %+v; want 2 stored and row 2's date named", sum)
	}
	raw, ok := s.Profile(context.Background(), "00000003")
	if !ok || !strings.Contains(string(raw), `"company_status":"dissolved"`) || !strings.Contains(string(raw), `"date_of_cessation":"2024-02-01"`) {
		t.Fatalf("profile of 00000003: %s", raw)
	}
}

// A zip of several parts is read part after part, in name order.
func TestEveryMemberOfAZipIsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "persons-with-significant-control-snapshot-2026-12-01.zip")
	lines := strings.Split(strings.TrimSpace(pscLines), "\n")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, part := range []struct{ name, text string }{
		{"psc-snapshot-2026-12-01_2of2.txt", strings.Join(lines[3:], "\n")},
		{"psc-snapshot-2026-12-01_1of2.txt", lines[0] + "\n" + lines[2]},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, part.text); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s := newTestStore(t)
	sum := importFile(t, s, PSCs, path)
	if sum.Stored != 3 || sum.Bad != 0 || !sum.Totals {
		t.Fatalf("summary %+v; want 3 stored from two parts and the totals line", sum)
	}
	pscs, _ := s.PSCs(context.Background(), "12345678")
	if len(pscs) != 2 {
		t.Fatalf("PSCs of 12345678 across parts: %d; want 2", len(pscs))
	}
}
