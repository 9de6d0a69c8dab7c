package dlq

import (
	"fmt"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"
)

// Format is how list and show print: an aligned table for people, or JSON
// lines (one object per line) for programs.
type Format string

// The output formats.
const (
	Table Format = "table"
	JSON  Format = "json"
)

// ParseFormat checks an --output value.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case Table, JSON:
		return f, nil
	}
	return "", fmt.Errorf("output %q: want table or json", s)
}

// printable shows bytes as text when they are plain UTF-8, else as a Go
// quoted string, so a binary key or header cannot garble a terminal.
func printable(b []byte) string {
	if !utf8.Valid(b) {
		return strconv.Quote(string(b))
	}
	for _, r := range string(b) {
		if !unicode.IsPrint(r) {
			return strconv.Quote(string(b))
		}
	}
	return string(b)
}

// stamp writes a time for a table; a zero time is "-".
func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}
