package chbulk

import (
	"archive/zip"
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/redistest"
)

// snapshotDay is the date of the test snapshots; the store's clock is
// half a day later, so each is fresh.
var snapshotDay = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// newTestStore is a store over a redis-server of the test's own: the
// tests import the same companies, so a shared server (REDIS_URL in CI,
// with tests shuffled) would let one test's snapshot stand in another's.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	rdb := redistest.ClientOf(t, redistest.OwnURL(t))
	return NewStore(StoreConfig{Redis: rdb, Now: func() time.Time { return snapshotDay.Add(12 * time.Hour) }})
}

const realHeader = `CompanyName, CompanyNumber,RegAddress.CareOf,RegAddress.POBox,RegAddress.AddressLine1, RegAddress.AddressLine2,RegAddress.PostTown,RegAddress.County,RegAddress.Country,RegAddress.PostCode,CompanyCategory,CompanyStatus,CountryOfOrigin,DissolutionDate,IncorporationDate,Accounts.AccountRefDay,SICCode.SicText_1,SICCode.SicText_2,SICCode.SicText_3,SICCode.SicText_4,URI`

// writeCompanies writes a company snapshot of n generated rows to a file
// named for the snapshot day, zipped when zipped is set, and returns its
// path. Rows are written as they are made: the test's memory does not
// hold the file either.
func writeCompanies(t testing.TB, n int, zipped bool) string {
	t.Helper()
	name := "BasicCompanyDataAsOneFile-2026-12-01"
	path := filepath.Join(t.TempDir(), name+".csv")
	if zipped {
		path = filepath.Join(t.TempDir(), name+".zip")
	}
	writeFile(t, path, zipped, name+".csv", func(w io.Writer) {
		fmt.Fprintln(w, realHeader)
		for i := range n {
			fmt.Fprintf(w, "\"WIDGET NUMBER %d LIMITED\",%08d,,,\"%d HIGH STREET\",,LONDON,,UNITED KINGDOM,EC1A 1BB,Private Limited Company,Active,United Kingdom,,14/03/2019,31,62012 - Business and domestic software development,None Supplied,,,http://business.data.gov.uk/id/company/%08d\n", i, i, i, i)
		}
	})
	return path
}

func writeFile(t testing.TB, path string, zipped bool, member string, write func(io.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	var w io.Writer = bw
	var zw *zip.Writer
	if zipped {
		zw = zip.NewWriter(bw)
		if w, err = zw.Create(member); err != nil {
			t.Fatal(err)
		}
	}
	write(w)
	if zw != nil {
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
}

func importFile(t testing.TB, s *Store, kind Kind, path string) Summary {
	t.Helper()
	sum, err := Import(context.Background(), Job{Kind: kind, Path: path, Store: s})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}
