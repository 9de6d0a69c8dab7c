package requestfile

import (
	"errors"
	"strings"
)

// The reasons a line or a request is refused; test them with errors.Is.
var (
	ErrMissingName       = errors.New("missing company_name")
	ErrNameTooLong       = errors.New("company_name too long")
	ErrControlCharacters = errors.New("control characters")
	ErrEncoding          = errors.New("invalid utf-8")
	ErrCompanyNumber     = errors.New("invalid company_number")
	ErrDomain            = errors.New("invalid domain")
	ErrProvider          = errors.New("unknown provider")
	ErrRequestID         = errors.New("invalid request_id")
	ErrMalformed         = errors.New("malformed line")
	ErrEmptyRow          = errors.New("empty row")
)

// The reasons a whole file is refused.
var (
	ErrFormat = errors.New("unknown request file format")
	ErrHeader = errors.New("bad csv header")
)

// fieldErrors holds every problem of one line, so a user fixes them in
// one pass; its message is one line.
type fieldErrors []error

func (e fieldErrors) Error() string {
	msgs := make([]string, len(e))
	for i, err := range e {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

func (e fieldErrors) Unwrap() []error { return e }

// join returns nil, the one error, or all of them.
func join(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return fieldErrors(errs)
}
