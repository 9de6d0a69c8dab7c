package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/redistest"
)

// executeOut runs the CLI in-process and returns its exit status and
// what it wrote to stdout.
func executeOut(t *testing.T, args ...string) (int, string) {
	t.Helper()
	root := newRoot()
	var out strings.Builder
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(new(strings.Builder))
	if err := root.Execute(); err != nil {
		return exitCode(err), err.Error()
	}
	return 0, out.String()
}

func TestImportOfTheSandboxSnapshotsThenAgainDoesNothing(t *testing.T) {
	dir, url := t.TempDir(), redistest.OwnURL(t)
	day := time.Now().UTC().Format(time.DateOnly)
	if code, out := executeOut(t, "ch", "sandbox-snapshots", "--dir", dir); code != 0 {
		t.Fatalf("sandbox-snapshots: exit %d: %s", code, out)
	}
	companies := filepath.Join(dir, "BasicCompanyDataAsOneFile-"+day+".zip")
	pscs := filepath.Join(dir, "persons-with-significant-control-snapshot-"+day+".zip")
	code, out := executeOut(t, "ch", "import", "--redis", url, "--companies", companies, "--psc", pscs)
	if code != 0 || !strings.Contains(out, "companies snapshot of "+day+": 248 rows stored, 0 bad") ||
		!strings.Contains(out, "psc snapshot of "+day+": 409 rows stored, 0 bad") {
		t.Fatalf("import: exit %d:\n%s", code, out)
	}
	if code, out := executeOut(t, "ch", "import", "--redis", url, "--companies", companies); code != 0 || !strings.Contains(out, "already imported") {
		t.Fatalf("second import: exit %d:\n%s", code, out)
	}
}

func TestImportRefusesWhatItCannotUse(t *testing.T) {
	t.Setenv("REDIS_URL", "")
	notCSV := filepath.Join(t.TempDir(), "BasicCompanyDataAsOneFile-"+time.Now().UTC().Format(time.DateOnly)+".csv")
	if err := os.WriteFile(notCSV, []byte("Name,Number\nACME,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	url := redistest.OwnURL(t)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"an import without Redis is a usage error", []string{"--companies", notCSV}, 2, "--redis"},
		{"an import of nothing is a usage error", []string{"--redis", url}, 2, "--companies"},
		{"a malformed --date is a usage error", []string{"--redis", url, "--companies", notCSV, "--date", "1/12/2026"}, 2, "--date"},
		{"a CSV that is not the snapshot fails", []string{"--redis", url, "--companies", notCSV}, 1, "not a companies house snapshot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out := executeOut(t, append([]string{"ch", "import"}, tc.args...)...)
			if code != tc.code || !strings.Contains(out, tc.want) {
				t.Fatalf("exit %d, %q; want exit %d mentioning %q", code, out, tc.code, tc.want)
			}
		})
	}
}
