package requestfile

import (
	"errors"

	"github.com/leadgen/leadgen/internal/requestcheck"
)

// The reasons a line or a request is refused; test them with errors.Is.
// Those about a field are the input limits' own (requestcheck), so the
// CLI refuses exactly what the provider workers would dead-letter.
var (
	ErrMissingName       = requestcheck.ErrMissingName
	ErrNameTooLong       = requestcheck.ErrNameTooLong
	ErrControlCharacters = requestcheck.ErrControlCharacters
	ErrEncoding          = requestcheck.ErrEncoding
	ErrCompanyNumber     = requestcheck.ErrCompanyNumber
	ErrDomain            = requestcheck.ErrDomain
	ErrProvider          = requestcheck.ErrProvider
	ErrTooManyProviders  = requestcheck.ErrTooManyProviders
	ErrRequestID         = requestcheck.ErrRequestID
	ErrMalformed         = errors.New("malformed line")
	ErrEmptyRow          = errors.New("empty row")
)

// The reasons a whole file is refused.
var (
	ErrFormat = errors.New("unknown request file format")
	ErrHeader = errors.New("bad csv header")
)
