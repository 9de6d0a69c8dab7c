package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWhereTheOutputIsNoTerminalOnlyASummaryLineIsWritten(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "progress.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	var buf strings.Builder
	for _, b := range []*Bar{New(&buf, 30, 20, "sending"), New(file, 30, 20, "sending")} {
		for range 30 {
			b.Add(1)
		}
		b.Finish()
	}
	written, err := os.ReadFile(file.Name())
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{buf.String(), string(written)} {
		if got != "sending: 30/30 done\n" {
			t.Errorf("a writer that is no terminal got %q, want only the summary line", got)
		}
		if strings.Contains(got, "\r") {
			t.Errorf("a writer that is no terminal got a carriage return: %q", got)
		}
	}
}

func TestWorkOfAFewItemsShowsNoProgress(t *testing.T) {
	var buf strings.Builder
	b := New(&buf, 20, 20, "sending")
	b.Add(20)
	b.Finish()
	if buf.Len() != 0 {
		t.Fatalf("twenty items of a bar shown above twenty wrote %q", buf.String())
	}
}
