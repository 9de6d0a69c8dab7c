package secret

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLookupReadsTheValueOrTheFileAndNeverEchoesIt(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "key")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Run("a value in the variable is used", func(t *testing.T) {
		t.Setenv("LG_KEY", " direct ")
		if v, ok, err := Lookup("LG_KEY"); v != "direct" || !ok || err != nil {
			t.Fatalf("got %q %v %v", v, ok, err)
		}
	})
	t.Run("a file named by _FILE is read and trimmed", func(t *testing.T) {
		t.Setenv("LG_KEY_FILE", file)
		if v, ok, err := Lookup("LG_KEY"); v != "from-file" || !ok || err != nil {
			t.Fatalf("got %q %v %v", v, ok, err)
		}
	})
	t.Run("both set is an error that does not hold the value", func(t *testing.T) {
		t.Setenv("LG_KEY", "sentinel-value")
		t.Setenv("LG_KEY_FILE", file)
		_, _, err := Lookup("LG_KEY")
		if err == nil || strings.Contains(err.Error(), "sentinel-value") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("nothing set is not found", func(t *testing.T) {
		if _, ok, err := Lookup("LG_ABSENT"); ok || err != nil {
			t.Fatalf("got %v %v", ok, err)
		}
	})
}
