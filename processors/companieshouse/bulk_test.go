package companieshouse

import (
	"cmp"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/chbulk"
	"github.com/leadgen/leadgen/internal/redistest"
	"github.com/leadgen/leadgen/internal/sandbox"
	chsandbox "github.com/leadgen/leadgen/internal/sandbox/companieshouse"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// warmBulk writes the sandbox dataset's snapshots dated today, imports
// both into a fresh Redis and returns the store.
func warmBulk(t testing.TB) *chbulk.Store {
	t.Helper()
	companies, pscs, err := sandbox.WriteSnapshots(t.TempDir(), time.Now().UTC().Truncate(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	store := chbulk.NewStore(chbulk.StoreConfig{Redis: redistest.ClientOf(t, redistest.OwnURL(t))})
	for _, job := range []chbulk.Job{{Kind: chbulk.Companies, Path: companies}, {Kind: chbulk.PSCs, Path: pscs}} {
		job.Store = store
		sum, err := chbulk.Import(context.Background(), job)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Bad != 0 {
			t.Fatalf("%s: %d bad rows: %v", job.Kind, sum.Bad, sum.BadWhy)
		}
	}
	return store
}

// With both snapshots fresh, a lookup by number reads the profile and
// the PSCs from them and calls the API once, for the officers, and finds
// what the three calls find.
func TestABulkWarmedLookupByNumberCallsOnlyForTheOfficers(t *testing.T) {
	store := warmBulk(t)
	active, dissolved := companyWhere(t, func(c sandbox.Company) bool { return len(c.PSCs) > 1 }),
		companyWhere(t, func(c sandbox.Company) bool { return c.Status == "dissolved" })
	for _, c := range []sandbox.Company{active, dissolved} {
		t.Run(c.Number, func(t *testing.T) {
			rest, restSrv := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", nil)
			bulk, bulkSrv := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", func(cfg *Config) { cfg.Bulk = store })
			want := lookupOK(t, rest, c.Number)
			got := lookupOK(t, bulk, c.Number)
			if n := bulkSrv.Calls(sandbox.CompaniesHousePrefix + "/"); got.APICalls != 1 || n != 1 {
				t.Fatalf("warmed lookup: %d calls counted, %d seen by the sandbox; want 1", got.APICalls, n)
			}
			if n := restSrv.Calls(sandbox.CompaniesHousePrefix + "/"); want.APICalls != 3 || n != 3 {
				t.Fatalf("cold lookup: %d calls counted, %d seen by the sandbox; want 3", want.APICalls, n)
			}
			if !reflect.DeepEqual(got.Company, want.Company) {
				t.Errorf("company\n got %+v\nwant %+v", *got.Company, *want.Company)
			}
			if g, w := byNameRole(got.Executives), byNameRole(want.Executives); !reflect.DeepEqual(g, w) {
				t.Errorf("executives\n got %+v\nwant %+v", g, w)
			}
		})
	}
}

// With the company snapshot fresh, a lookup by a name written another way
// than the register writes it (case, Ltd for Limited, a full stop) finds
// the company in the snapshot's name index instead of searching: one
// call, for the officers, and what the four calls find. A name the index
// does not know (a typo) is searched for as before.
func TestABulkWarmedLookupByNameSkipsTheSearch(t *testing.T) {
	store := warmBulk(t)
	c := companyWhere(t, func(c sandbox.Company) bool { return strings.HasSuffix(c.Name, " LIMITED") && len(c.PSCs) > 0 })
	rest, _ := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", nil)
	want, err := rest.Lookup(context.Background(), byName(c.Name))
	if err != nil || want.APICalls != 4 {
		t.Fatalf("cold lookup of %q: %d calls, %v; want 4", c.Name, want.APICalls, err)
	}
	for name, calls := range map[string]int32{writtenOtherwise(c.Name): 1, c.Name[1:]: 2} {
		t.Run(name, func(t *testing.T) {
			bulk, srv := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", func(cfg *Config) { cfg.Bulk = store })
			got, err := bulk.Lookup(context.Background(), byName(name))
			if err != nil || got.Status != schemas.StatusOK {
				t.Fatalf("warmed lookup of %q: %+v, %v", name, got, err)
			}
			if n := srv.Calls(sandbox.CompaniesHousePrefix + "/"); got.APICalls != calls || n != int64(calls) {
				t.Fatalf("warmed lookup of %q: %d calls counted, %d seen by the sandbox; want %d", name, got.APICalls, n, calls)
			}
			// The people are compared by name and role: a name written
			// another way matches less surely, and so do its people.
			if g, w := names(byNameRole(got.Executives)), names(byNameRole(want.Executives)); !reflect.DeepEqual(got.Company, want.Company) || !slices.Equal(g, w) {
				t.Errorf("warmed lookup of %q found %s with %q; want %s with %q", name, got.Company.Name, g, want.Company.Name, w)
			}
		})
	}
}

// writtenOtherwise is name as a web page or a CRM writes it: "ACME
// WIDGETS LIMITED" → "Acme Widgets Ltd.", "ACME LTD" → "Acme Limited".
func writtenOtherwise(name string) string {
	words := strings.Fields(strings.ToLower(name))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	switch last := &words[len(words)-1]; *last {
	case "Limited":
		*last = "Ltd."
	case "Ltd":
		*last = "Limited"
	}
	return strings.Join(words, " ")
}

func companyWhere(t testing.TB, ok func(sandbox.Company) bool) sandbox.Company {
	t.Helper()
	for _, c := range sandbox.Companies() {
		if ok(c) {
			return c
		}
	}
	t.Fatal("no such company in the sandbox dataset")
	return sandbox.Company{}
}

func lookupOK(t testing.TB, c *Client, number string) *schemas.DiscoveryResult {
	t.Helper()
	res, err := c.Lookup(context.Background(), byNumber(number))
	if err != nil || res.Status != schemas.StatusOK {
		t.Fatalf("lookup %s: %v, %v", number, res, err)
	}
	return res
}

// byNameRole orders executives so that the order the PSCs came in (the
// API's, or the snapshot's by notification date) does not matter.
func byNameRole(execs []schemas.Executive) []schemas.Executive {
	out := slices.Clone(execs)
	slices.SortFunc(out, func(a, b schemas.Executive) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Role, b.Role))
	})
	return out
}

// BenchmarkCallsPerLead reports the REST calls a lead costs over the
// sandbox dataset's companies, looked up by number and by name (as the
// register writes it, and written another way), without the bulk snapshots
// and with both imported and fresh, and how many lookups found another
// company than the one meant (other-company).
//
//	go test ./processors/companieshouse -run '^$' -bench CallsPerLead -benchtime 248x
func BenchmarkCallsPerLead(b *testing.B) {
	store := warmBulk(b)
	companies := sandbox.Companies()
	requests := map[string]func(sandbox.Company) *schemas.CompanyRequest{
		"by_number": func(c sandbox.Company) *schemas.CompanyRequest { return byNumber(c.Number) },
		"by_name":   func(c sandbox.Company) *schemas.CompanyRequest { return byName(c.Name) },
		"by_name_written_otherwise": func(c sandbox.Company) *schemas.CompanyRequest {
			return byName(writtenOtherwise(c.Name))
		},
	}
	for _, how := range []string{"by_number", "by_name", "by_name_written_otherwise"} {
		for _, warm := range []bool{false, true} {
			b.Run(how+"/"+map[bool]string{false: "rest", true: "bulk"}[warm], func(b *testing.B) {
				client, _ := againstSandbox(b, sandbox.Config{RateLimit: -1}, "sandbox-key", func(cfg *Config) {
					if warm {
						cfg.Bulk = store
					}
				})
				var calls, leads, wrong int
				for i := 0; b.Loop(); i++ {
					c := companies[i%len(companies)]
					res, err := client.Lookup(context.Background(), requests[how](c))
					if err != nil {
						b.Fatal(err)
					}
					if res.Company == nil || res.Company.Number == nil || *res.Company.Number != c.Number {
						wrong++
					}
					calls += int(res.APICalls)
					leads++
				}
				b.ReportMetric(float64(calls)/float64(leads), "calls/lead")
				b.ReportMetric(float64(wrong), "other-company")
			})
		}
	}
}

// `leadgen run` hands the store to the provider as its Conn options: the
// client the Spec builds must read the snapshots through it.
func TestTheSpecReadsTheBulkStoreItIsGiven(t *testing.T) {
	store := warmBulk(t)
	_, srv := againstSandbox(t, sandbox.Config{RateLimit: -1}, "sandbox-key", nil)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	p, err := Spec.New(provider.Conn{URL: ts.URL + sandbox.CompaniesHousePrefix, Credential: "sandbox-key",
		HTTPClient: ts.Client(), Timeout: 5 * time.Second, Setting: func(string) string { return "0" }, Options: store})
	if err != nil {
		t.Fatal(err)
	}
	number := sandbox.Companies()[0].Number
	res, err := p.Lookup(context.Background(), byNumber(number))
	if err != nil || res.Status != schemas.StatusOK || res.APICalls != 1 {
		t.Fatalf("lookup %s through the Spec's client: %+v, %v; want OK with 1 call", number, res, err)
	}
}

// The name index answers only when it is sure: one company of the name,
// or of several that normalise alike the one the request names but for
// case. Two companies the request cannot tell apart, and a name that is a
// company number (the REST search matches numbers, the index names only),
// are for the REST search.
func TestTheNameIndexAnswersOnlyWhenItIsSure(t *testing.T) {
	base := sandbox.Companies()[0]
	company := func(number, name string) sandbox.Company {
		c := base
		c.Number, c.Name = number, name
		return c
	}
	path := filepath.Join(t.TempDir(), "BasicCompanyData-"+time.Now().UTC().Format(time.DateOnly)+".csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chsandbox.WriteCompanyCSV(f, []sandbox.Company{company("00000001", "GADZOOKS WIDGETS LIMITED"),
		company("00000002", "FOO LIMITED"), company("OC000003", "FOO LLP"), company("00000004", "12345678 LIMITED")}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	store := chbulk.NewStore(chbulk.StoreConfig{Redis: redistest.ClientOf(t, redistest.OwnURL(t))})
	if _, err := chbulk.Import(context.Background(), chbulk.Job{Kind: chbulk.Companies, Path: path, Store: store}); err != nil {
		t.Fatal(err)
	}
	l := &lookup{c: &Client{cfg: Config{Bulk: store}}}
	for name, want := range map[string]string{
		"Gadzooks Widgets Ltd.": "00000001", // the only company of the name
		"Foo LLP":               "OC000003", // the one of two it names but for case
		"Foo Ltd":               "",         // FOO LIMITED or FOO LLP: not sure
		"12345678":              "",         // a number: 12345678 LIMITED is not company 12345678
		"Gadzooks Gizmos":       "",         // no company of the name
	} {
		items, ok := l.bulkSearch(context.Background(), name)
		if got := ""; ok != (want != "") || (ok && items[0].CompanyNumber != want) {
			if ok {
				got = items[0].CompanyNumber
			}
			t.Errorf("bulk search %q: %q (answered %v), want %q", name, got, ok, want)
		}
	}
}
