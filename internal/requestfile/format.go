package requestfile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is the syntax of a request file.
type Format int

// The request file formats.
const (
	// CSV is comma-separated values with a header row (.csv).
	CSV Format = iota + 1
	// JSONL is one JSON object per line (.jsonl or .ndjson).
	JSONL
)

// String returns the format's usual file extension without the dot.
func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case JSONL:
		return "jsonl"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// FormatOf picks the format from the file name's extension, in any case:
// .csv is CSV, .jsonl and .ndjson are JSONL; anything else is an error.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	}
	return 0, fmt.Errorf("%w %q: want a .csv or .jsonl file", ErrFormat, filepath.Base(path))
}
