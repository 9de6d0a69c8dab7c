package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

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
