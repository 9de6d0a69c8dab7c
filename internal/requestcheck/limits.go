package requestcheck

import (
	"time"

	"github.com/leadgen/leadgen/internal/companynumber"
	"github.com/leadgen/leadgen/topics"
)

// The limits of a CompanyRequest's fields, in characters (Unicode code
// points) of the value as received.
const (
	// MaxCompanyName is Companies House's own limit: a company name may
	// not be longer than 160 characters, so no registered company has a
	// longer one and a longer value cannot be a UK company's name.
	MaxCompanyName = 160
	// MaxRequestID bounds the request id, which is the record key of
	// every topic a request travels through and a field of every log
	// line about it. 128 holds a UUID (36), a ULID (26) or a producer's
	// own "system:batch:row" id with room to spare, and keeps the key
	// small beside the value.
	MaxRequestID = 128
	// MaxDomain is the longest host name DNS can carry (RFC 1035 §2.3.4:
	// 255 octets on the wire are 253 characters of text).
	MaxDomain = 253
	// MaxDomainLabel is the longest label of a host name (RFC 1035
	// §2.3.4).
	MaxDomainLabel = 63
	// CompanyNumberLength is the length of a number on the register:
	// 8 digits, or 2 letters and 6 digits (see companynumber).
	CompanyNumberLength = companynumber.Length
)

// Providers are the names a request's providers list may hold: every
// provider this build implements, which are the providers the topic
// catalogue carries retry and fallback topics for.
var Providers = topics.Providers

// MaxProviders bounds the providers list: each implemented provider once.
// A longer list can only repeat a name or name an unknown one.
var MaxProviders = len(Providers)

// The sane range of requested_at. A time outside it is flagged as an
// anomaly, not refused: the request is still worth answering, but the
// producer's clock or its unit is wrong.
var (
	// EarliestRequestedAt is 2000-01-01T00:00:00Z: no leadgen request
	// was made before it. An earlier time is most often an unset field
	// (0, 1970) or seconds written where milliseconds are due (a 2025
	// time in seconds reads as January 1970).
	EarliestRequestedAt = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	// MaxRequestedAhead is how far past now requested_at may be: one
	// day covers any time zone written as UTC (at most 14 hours) and
	// clock skew. Further ahead is most often microseconds written where
	// milliseconds are due (the year 50000 and later).
	MaxRequestedAhead = 24 * time.Hour
)
