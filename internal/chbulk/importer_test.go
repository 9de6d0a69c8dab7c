package chbulk

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// The company snapshot holds about 5.7 million rows: an import must not
// hold the file, or a growing part of it, in memory. Live heap is
// sampled after a collection every 10 batches while 100,000 rows (about
// 20 MB of CSV) go through; it must stay within a few MiB of where it
// started.
func TestImportOf100000RowsKeepsLiveMemoryConstant(t *testing.T) {
	for _, zipped := range []bool{false, true} {
		t.Run(map[bool]string{false: "csv", true: "zip"}[zipped], func(t *testing.T) {
			s := newTestStore(t)
			path := writeCompanies(t, 100_000, zipped)
			var base, peak runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&base)
			batches := 0
			sum, err := Import(context.Background(), Job{Kind: Companies, Path: path, Store: s, Progress: func(Progress) {
				if batches++; batches%10 == 0 {
					var m runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&m)
					peak.HeapAlloc = max(peak.HeapAlloc, m.HeapAlloc)
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Stored != 100_000 || sum.Bad != 0 {
				t.Fatalf("stored %d, bad %d (%v); want 100000 and 0", sum.Stored, sum.Bad, sum.BadWhy)
			}
			const bound = 4 << 20
			growth := int64(peak.HeapAlloc) - int64(base.HeapAlloc)
			t.Logf("live heap: %d B before, peak %d B during (+%d B)", base.HeapAlloc, peak.HeapAlloc, growth)
			if growth > bound {
				t.Fatalf("live heap grew %d B during the import; want at most %d", growth, bound)
			}
		})
	}
}

func TestAnImportedRowReadsAsTheAPIProfile(t *testing.T) {
	s := newTestStore(t)
	importFile(t, s, Companies, writeCompanies(t, 3, true))
	raw, ok := s.Profile(context.Background(), "00000002")
	if !ok {
		t.Fatal("no profile for 00000002")
	}
	want := `{"company_name":"WIDGET NUMBER 2 LIMITED","company_number":"00000002","company_status":"active","type":"ltd","date_of_creation":"2019-03-14","registered_office_address":{"address_line_1":"2 HIGH STREET","locality":"LONDON","country":"UNITED KINGDOM","postal_code":"EC1A 1BB"},"sic_codes":["62012"]}`
	if string(raw) != want {
		t.Fatalf("profile\n got %s\nwant %s", raw, want)
	}
}

// An import stopped part way (a crash, ^C) starts again after the last
// checkpoint: the rows done are not stored again, and none is lost.
func TestAnInterruptedImportResumesAfterTheRowsDone(t *testing.T) {
	s := newTestStore(t)
	path := writeCompanies(t, 1000, true)
	ctx, cancel := context.WithCancel(context.Background())
	batches := 0
	_, err := Import(ctx, Job{Kind: Companies, Path: path, Store: s, Batch: 100, Progress: func(Progress) {
		if batches++; batches == 3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted import: err %v, want context.Canceled", err)
	}
	sum := importFile(t, s, Companies, path)
	if sum.Resumed != 300 || sum.Stored != 700 {
		t.Fatalf("resumed %d and stored %d; want 300 and 700", sum.Resumed, sum.Stored)
	}
	for _, n := range []string{"00000000", "00000299", "00000300", "00000999"} {
		if _, ok := s.Profile(context.Background(), n); !ok {
			t.Errorf("company %s missing after the resumed import", n)
		}
	}
	if again := importFile(t, s, Companies, path); !again.Already || again.Stored != 0 {
		t.Fatalf("a third import of the same file: %+v; want nothing to do", again)
	}
}

const pscLines = `{"company_number":"12345678","data":{"kind":"individual-person-with-significant-control","name":"Mrs Jane Mary Smith","name_elements":{"title":"Mrs","forename":"Jane","middle_name":"Mary","surname":"Smith"},"nationality":"British","natures_of_control":["ownership-of-shares-75-to-100-percent"],"notified_on":"2019-03-14","date_of_birth":{"month":6,"year":1975},"links":{"self":"/company/12345678/persons-with-significant-control/individual/abc"}}}
not json at all
{"company_number":"sc000001","data":{"kind":"persons-with-significant-control-statement","statement":"no-individual-or-entity-with-signficant-control","notified_on":"2020-01-01"}}
{"company_number":"12345678","data":{"kind":"individual-person-with-significant-control","name":"Mr John Smith","name_elements":{"forename":"John","surname":"Smith"},"natures_of_control":["voting-rights-25-to-50-percent"],"notified_on":"2016-04-06","ceased_on":"2018-01-01"}}
{"data":{"kind":"totals#persons-of-significant-control-snapshot","persons-of-significant-control-count":2,"statements-count":1,"exemptions-count":0}}
`

func TestThePSCSnapshotIsReadLineByLine(t *testing.T) {
	s := newTestStore(t)
	path := filepath.Join(t.TempDir(), "persons-with-significant-control-snapshot-2026-12-01.zip")
	writeFile(t, path, true, "psc-snapshot-2026-12-01_1of1.txt", func(w io.Writer) { io.WriteString(w, pscLines) })
	sum := importFile(t, s, PSCs, path)
	if sum.Stored != 3 || sum.Bad != 1 || !sum.Totals {
		t.Fatalf("summary %+v; want 3 stored, 1 bad, the totals line read", sum)
	}
	if len(sum.BadWhy) != 1 || !strings.Contains(sum.BadWhy[0], "line 2") {
		t.Fatalf("bad rows %q; want line 2 named", sum.BadWhy)
	}
	pscs, ok := s.PSCs(context.Background(), "12345678")
	if !ok || len(pscs) != 2 {
		t.Fatalf("PSCs of 12345678: %d, %v; want 2", len(pscs), ok)
	}
	var first struct{ Name string }
	if err := json.Unmarshal(pscs[0], &first); err != nil || first.Name != "Mr John Smith" {
		t.Fatalf("first PSC %s; want the one notified first, Mr John Smith", pscs[0])
	}
	if statements, ok := s.PSCs(context.Background(), "SC000001"); !ok || len(statements) != 1 {
		t.Fatalf("a company with only a statement: %d, %v; want it listed", len(statements), ok)
	}
	if _, ok := s.PSCs(context.Background(), "99999999"); ok {
		t.Fatal("a company the snapshot does not list has PSCs; want unknown")
	}
}

func TestAFileThatIsNotTheSnapshotIsRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name string
		kind Kind
		path string
	}{
		{"a CSV without the company columns", Companies, write("other-2026-12-01.csv", "Name,Number\nACME,1\n")},
		{"a binary file as companies", Companies, write("blob-2026-12-01.csv", "\x00\x01\x02")},
		{"a CSV as the PSC snapshot", PSCs, write("psc-2026-12-01.json", realHeader+"\n")},
		{"an empty file", Companies, write("empty-2026-12-01.csv", "")},
		{"an empty PSC file", PSCs, write("empty-2026-12-01.json", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Import(context.Background(), Job{Kind: tt.kind, Path: tt.path, Store: newTestStore(t)})
			if !errors.Is(err, ErrBadHeader) {
				t.Fatalf("err %v; want ErrBadHeader", err)
			}
		})
	}
}

func TestSnapshotsAgeAndGiveWayToNewerOnes(t *testing.T) {
	s := newTestStore(t)
	ctx := context.Background()
	older := filepath.Join(t.TempDir(), "persons-with-significant-control-snapshot-2026-11-30.txt")
	newer := filepath.Join(t.TempDir(), "persons-with-significant-control-snapshot-2026-12-01.txt")
	writeFile(t, older, false, "", func(w io.Writer) { io.WriteString(w, pscLines) })
	writeFile(t, newer, false, "", func(w io.Writer) { io.WriteString(w, strings.SplitN(pscLines, "\n", 2)[0]+"\n") })
	importFile(t, s, PSCs, newer)
	importFile(t, s, PSCs, older)
	if pscs, _ := s.PSCs(ctx, "12345678"); len(pscs) != 1 {
		t.Fatalf("after an older snapshot: %d PSCs; want the newer snapshot's 1", len(pscs))
	}
	stale := NewStore(StoreConfig{Redis: s.rdb, Now: func() time.Time { return snapshotDay.Add(DefaultPSCMaxAge) }})
	if _, ok := stale.PSCs(ctx, "12345678"); ok {
		t.Fatal("a PSC snapshot past its max age was served")
	}
	if _, err := Import(ctx, Job{Kind: PSCs, Path: newer, Store: stale}); err == nil {
		t.Fatal("a snapshot past its max age was imported")
	}
}
