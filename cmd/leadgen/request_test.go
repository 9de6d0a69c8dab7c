package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestARequestFileWithAnOverlongNameReportsItsLineAndSendsTheRest(t *testing.T) {
	addr, _ := testBroker(t)
	file := filepath.Join(t.TempDir(), "requests.csv")
	text := "request_id,company_name,company_number\n" +
		"r1,Acme Widgets Ltd,\n" +
		"r2," + strings.Repeat("n", 161) + ",\n" +
		"r3,,SC123456\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	root := newRoot()
	root.SetArgs([]string{"request", "--file", file, "--brokers", addr})
	var out, errs strings.Builder
	root.SetOut(&out)
	root.SetErr(&errs)
	err := root.Execute()

	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "1 of 3 lines rejected") {
		t.Errorf("err = %v; want exit 2 saying 1 of 3 lines was rejected", err)
	}
	if want := file + ":3: company_name too long: 161 characters, the limit is 160\n"; !strings.Contains(errs.String(), want) {
		t.Errorf("report %q, want it to hold %q", errs.String(), want)
	}
	if !strings.Contains(out.String(), "sent r1 Acme Widgets Ltd") || !strings.Contains(out.String(), "sent r3") {
		t.Errorf("output %q does not say r1 and r3 were sent", out.String())
	}
	if got := sentRequests(t, addr, 2); got != "r1 r3" {
		t.Errorf("company-requests holds %q, want r1 r3", got)
	}
}

// sentRequests reads n requests from company-requests and returns their
// ids in order.
func sentRequests(t *testing.T, addr string, n int) string {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.ConsumeTopics(topics.Names{}.Requests()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var ids []string
	for len(ids) < n && ctx.Err() == nil {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) {
			req, err := schemas.DecodeCompanyRequest(r.Value)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, req.RequestID)
		})
	}
	slices.Sort(ids)
	return strings.Join(ids, " ")
}

// Regression: a CSV row of separators only was skipped in silence, so the
// totals did not add up to the file's lines.
func TestRequestFileReportsEmptyRowsAndTotalsEveryLine(t *testing.T) {
	addr, _ := testBroker(t)
	path := filepath.Join(t.TempDir(), "requests.csv")
	csv := "company_name,domain\nAcme Ltd,acme.example\n,\nBad Domain Ltd,http://x/\n , \nLast Ltd,\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	root := newRoot()
	root.SetArgs([]string{"request", "--brokers", addr, "--file", path})
	var stderr strings.Builder
	root.SetOut(new(strings.Builder))
	root.SetErr(&stderr)
	err := root.Execute()
	if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "3 of 5 lines rejected") {
		t.Fatalf("err = %v, want a usage error counting 3 of 5 lines rejected", err)
	}
	for _, want := range []string{
		path + ":3: empty row",
		path + ":4: invalid domain",
		path + ":5: empty row",
		path + ": 5 lines read: 2 sent, 3 rejected",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
