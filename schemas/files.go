package schemas

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// files holds the current schema of every record and, under history/, every
// released writer schema of the top-level records.
//
//go:embed *.avsc history/*.avsc
var files embed.FS

// names lists the records that have a current .avsc file, sorted.
var names = mustNames()

func mustNames() []string {
	paths, err := fs.Glob(files, "*.avsc")
	if err != nil {
		panic(fmt.Sprintf("schemas: list embedded schemas: %v", err))
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = strings.TrimSuffix(p, ".avsc")
	}
	slices.Sort(out)
	return out
}

// Names lists the records whose Avro schema Schema can return, sorted:
// the top-level records carried on topics and the records they embed.
func Names() []string {
	return slices.Clone(names)
}

// Schema returns the current .avsc text of the named record, e.g.
// "EnrichedLead" (a trailing ".avsc" is accepted). The error wraps
// fs.ErrNotExist when no such record exists.
func Schema(name string) (string, error) {
	name = strings.TrimSuffix(name, ".avsc")
	if !slices.Contains(names, name) {
		return "", fmt.Errorf("schema %q (known: %s): %w", name, strings.Join(names, ", "), fs.ErrNotExist)
	}
	b, err := files.ReadFile(name + ".avsc")
	if err != nil {
		return "", fmt.Errorf("read schema %q: %w", name, err)
	}
	return string(b), nil
}
