// Package chstream follows the Companies House streaming API
// (stream.companieshouse.gov.uk): long-lived HTTP streams of
// newline-delimited JSON events, one stream per resource family. A Client
// resumes a stream from a timepoint, reconnects with a backoff after a
// drop, a 429 or an error, restarts from "now" when the API says the
// timepoint is too old (416), and never holds more connections than the
// account may open.
package chstream

import (
	"encoding/json"
	"strings"
)

// Stream is one of the API's streams, named by its path.
type Stream string

// The streams the watch role knows. The API has more (filings, charges,
// insolvency-cases, disqualified-officers); leadgen does not follow them.
const (
	Officers  Stream = "officers"
	PSCs      Stream = "persons-with-significant-control"
	Companies Stream = "companies"
)

// Streams are every stream ParseStream accepts, in a stable order.
var Streams = []Stream{Officers, PSCs, Companies}

// Event is one event of a stream, as the API sends it. Data is the
// resource in the shape the REST API returns it, kept raw: most events
// are dropped unread.
type Event struct {
	ResourceKind string          `json:"resource_kind"`
	ResourceURI  string          `json:"resource_uri"`
	ResourceID   string          `json:"resource_id"`
	Data         json.RawMessage `json:"data"`
	Event        Meta            `json:"event"`
}

// Meta is an event's envelope: its position in the stream and what
// happened to the resource.
type Meta struct {
	Timepoint     int64    `json:"timepoint"`
	PublishedAt   string   `json:"published_at"`
	Type          string   `json:"type"` // changed or deleted
	FieldsChanged []string `json:"fields_changed,omitempty"`
}

// CompanyNumber is the company the event is about, read from its
// resource URI (/company/{number}/...), or "" when the URI names none.
func (e *Event) CompanyNumber() string {
	return CompanyNumberOf(e.ResourceURI)
}

// CompanyNumberOf reads the company number of a resource URI without
// allocating: the path segment after "/company/".
func CompanyNumberOf(uri string) string {
	rest, ok := strings.CutPrefix(uri, "/company/")
	if !ok {
		return ""
	}
	if i := strings.IndexByte(rest, '/'); i >= 0 {
		rest = rest[:i]
	}
	return rest
}
