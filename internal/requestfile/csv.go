package requestfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// columns are the CSV columns a header may name.
var columns = []string{"company_name", "company_number", "domain", "providers", "request_id", "watch"}

func eachCSV(r io.Reader, now func() time.Time, fn func(Line) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: the file is empty, want a header row naming company_name", ErrHeader)
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrHeader, err)
	}
	names, err := headerColumns(header)
	if err != nil {
		return err
	}
	for {
		line, ok, err := nextCSV(cr, names, now)
		if err != nil || !ok {
			return err
		}
		if err := fn(line); err != nil {
			return err
		}
	}
}

// nextCSV reads the next record; ok is false at the end of the file. A
// row whose fields are all blank (",,,", as spreadsheets export empty
// rows) is refused with ErrEmptyRow like any bad line, so every row is
// either sent or reported. An empty line is no row at all: encoding/csv
// skips it.
func nextCSV(cr *csv.Reader, names []string, now func() time.Time) (Line, bool, error) {
	rec, err := cr.Read()
	var perr *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
		return Line{}, false, nil
	case errors.As(err, &perr):
		return Line{Number: perr.StartLine, Err: fmt.Errorf("%w: %w", ErrMalformed, perr.Err)}, true, nil
	case err != nil:
		return Line{}, false, fmt.Errorf("read csv: %w", err)
	}
	n, _ := cr.FieldPos(0)
	switch {
	case isBlank(rec):
		return Line{Number: n, Err: fmt.Errorf("%w: every field is blank", ErrEmptyRow)}, true, nil
	case len(rec) != len(names):
		err := fmt.Errorf("%w: %d fields, the header has %d", ErrMalformed, len(rec), len(names))
		return Line{Number: n, Err: err}, true, nil
	}
	return lineOf(n, csvFields(names, rec), now), true, nil
}

func isBlank(rec []string) bool {
	return !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// headerColumns checks the header row: known column names, each once,
// company_name or company_number among them. Names are trimmed and matched in any case.
func headerColumns(header []string) ([]string, error) {
	names := make([]string, len(header))
	var unknown, dup []string
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		switch {
		case !slices.Contains(columns, h):
			unknown = append(unknown, fmt.Sprintf("%q", h))
		case slices.Contains(names, h):
			dup = append(dup, fmt.Sprintf("%q", h))
		}
		names[i] = h
	}
	switch {
	case len(unknown) > 0:
		return nil, fmt.Errorf("%w: unknown columns %s: want %s", ErrHeader, strings.Join(unknown, ", "), strings.Join(columns, ", "))
	case len(dup) > 0:
		return nil, fmt.Errorf("%w: repeated columns %s", ErrHeader, strings.Join(dup, ", "))
	case !slices.Contains(names, "company_name") && !slices.Contains(names, "company_number"):
		return nil, fmt.Errorf("%w: no company_name or company_number column", ErrHeader)
	}
	return names, nil
}

func csvFields(names, rec []string) fields {
	var f fields
	for i, name := range names {
		switch v := rec[i]; name {
		case "company_name":
			f.name = v
		case "company_number":
			f.number = v
		case "domain":
			f.domain = v
		case "providers":
			f.providers = splitProviders(v)
		case "request_id":
			f.requestID = v
		case "watch":
			f.watch = v
		}
	}
	return f
}
