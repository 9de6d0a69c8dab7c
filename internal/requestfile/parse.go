package requestfile

import (
	"fmt"
	"io"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

// Line is one request line of a file: either Request or Err is set.
type Line struct {
	// Number is the 1-based line number where the request starts.
	Number int
	// Request is the validated request; nil when Err is set.
	Request *schemas.CompanyRequest
	// Err says everything that is wrong with the line; test it with
	// errors.Is against the Err* reasons.
	Err error
}

// Parse reads every request line of r. now stamps RequestedAt (nil means
// time.Now). Bad lines come back with Err set and do not stop the good
// ones; the error is for a file that cannot be read at all.
func Parse(r io.Reader, format Format, now func() time.Time) ([]Line, error) {
	var lines []Line
	err := Each(r, format, now, func(l Line) error {
		lines = append(lines, l)
		return nil
	})
	return lines, err
}

// Each is the streaming form of Parse: it calls fn for each request line
// in file order, and stops at the first error fn returns, returning it.
func Each(r io.Reader, format Format, now func() time.Time, fn func(Line) error) error {
	if now == nil {
		now = time.Now
	}
	switch format {
	case CSV:
		return eachCSV(r, now, fn)
	case JSONL:
		return eachJSONL(r, now, fn)
	}
	return fmt.Errorf("%w: %v", ErrFormat, format)
}

// lineOf validates the fields of line n.
func lineOf(n int, f fields, now func() time.Time) Line {
	req, err := f.request(now())
	return Line{Number: n, Request: req, Err: err}
}
