package requestcheck

import (
	"errors"
	"strconv"
	"strings"
)

// The reasons a request is refused; test them with errors.Is. Each
// refusal's message names the field and, for a limit, the limit.
var (
	ErrMissingName       = errors.New("missing company_name")
	ErrNameTooLong       = errors.New("company_name too long")
	ErrControlCharacters = errors.New("control characters")
	ErrEncoding          = errors.New("invalid utf-8")
	ErrCompanyNumber     = errors.New("invalid company_number")
	ErrDomain            = errors.New("invalid domain")
	ErrProvider          = errors.New("unknown provider")
	ErrTooManyProviders  = errors.New("too many providers")
	ErrRequestID         = errors.New("invalid request_id")
)

// Problems holds every refusal of one request, so whoever fixes it fixes
// every field in one pass; its message is one line.
type Problems []error

// Error joins the problems with "; ".
func (p Problems) Error() string {
	msgs := make([]string, len(p))
	for i, err := range p {
		msgs[i] = err.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns the problems, for errors.Is and errors.As.
func (p Problems) Unwrap() []error { return p }

// Join returns nil, the one error, or all of them as Problems (one line).
func Join(errs []error) error {
	switch len(errs) {
	case 0:
		return nil
	case 1:
		return errs[0]
	}
	return Problems(errs)
}

// quoteLimit is how many characters of a refused value a message quotes:
// enough to find it, never the whole of a hostile megabyte.
const quoteLimit = 40

// quote quotes s for a message, escaping control characters and cutting
// it to quoteLimit characters.
func quote(s string) string {
	n := 0
	for i := range s {
		if n == quoteLimit {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
