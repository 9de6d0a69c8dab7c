package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/CLI.md from the code")

func TestTheReferenceIsCurrent(t *testing.T) {
	var b bytes.Buffer
	writeReference(&b, newRoot())
	path := filepath.Join("..", "..", "docs", "CLI.md")
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Fatal("docs/CLI.md is stale: run go test ./cmd/leadgen -run TestTheReferenceIsCurrent -update")
	}
}
