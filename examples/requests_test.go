package examples

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/requestfile"
	"github.com/leadgen/leadgen/schemas"
)

// request is what a file line asks for, without the time it was read.
type request struct {
	name, number, domain, id string
	providers                []string
}

func parseExample(t *testing.T, path string) []request {
	t.Helper()
	format, err := requestfile.FormatOf(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, err := requestfile.Parse(f, format, time.Now)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []request
	for _, l := range lines {
		if l.Err != nil {
			t.Errorf("%s line %d: %v", path, l.Number, l.Err)
			continue
		}
		out = append(out, requestOf(l.Request))
	}
	return out
}

func requestOf(r *schemas.CompanyRequest) request {
	q := request{name: r.CompanyName, id: r.RequestID, providers: r.Providers}
	if r.CompanyNumber != nil {
		q.number = *r.CompanyNumber
	}
	if r.Domain != nil {
		q.domain = *r.Domain
	}
	return q
}

// The README's request-file section shows these two files: they must
// parse, every line, and ask for the same requests.
func TestTheExampleRequestFilesParseAndAgree(t *testing.T) {
	csv := parseExample(t, "requests/companies.csv")
	jsonl := parseExample(t, "requests/companies.jsonl")
	if len(csv) != 4 || len(jsonl) != 4 {
		t.Fatalf("requests: %d from the CSV, %d from the JSONL; want the 4 the README describes", len(csv), len(jsonl))
	}
	// The third line gives no request_id: each read makes a new one.
	ids := []string{"acme-widgets-1", "acme-holdings-1", "", "bramblewick-1"}
	for i := range csv {
		c, j := csv[i], jsonl[i]
		for _, got := range []string{c.id, j.id} {
			if got == "" || ids[i] != "" && got != ids[i] {
				t.Errorf("request %d: request id %q, want %q (or a new one when none is given)", i+1, got, ids[i])
			}
		}
		c.id, j.id = "", ""
		if c.name != j.name || c.number != j.number || c.domain != j.domain || !slices.Equal(c.providers, j.providers) {
			t.Errorf("request %d: the CSV asks for %+v, the JSONL for %+v", i+1, c, j)
		}
	}
	if got := csv[1].number; got != "07654321" {
		t.Errorf("the CSV's 7654321 became %q, want the register's 07654321", got)
	}
}
