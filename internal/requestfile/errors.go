package requestfile

import "errors"

// The reasons a line is refused besides the input limits, whose own
// errors (package requestcheck) say what is wrong with a field, so the
// CLI refuses exactly what the provider workers would dead-letter; test
// them with errors.Is.
var (
	ErrMalformed = errors.New("malformed line")
	ErrEmptyRow  = errors.New("empty row")
)

// The reasons a whole file is refused.
var (
	ErrFormat = errors.New("unknown request file format")
	ErrHeader = errors.New("bad csv header")
)
