package schemas

import "time"

// CompaniesHouseEvent is one event of the Companies House streaming API
// about a watched company: the value of the companies-house-events topic,
// keyed by CompanyNumber.
type CompaniesHouseEvent struct {
	CompanyNumber string
	// Stream is the stream it came from, e.g. "officers".
	Stream       string
	ResourceKind string
	ResourceURI  string
	ResourceID   string
	// EventType is "changed" or "deleted".
	EventType string
	// Timepoint is the event's position in Stream.
	Timepoint     int64
	PublishedAt   string
	FieldsChanged []string
	// Data is the resource after the event, as JSON text.
	Data       string
	ReceivedAt time.Time
}

// The sources of a WatchEntry.
const (
	WatchFromLead = "lead"
	WatchFromCLI  = "cli"
)

// WatchEntry is a company whose events leadgen follows: the value of the
// compacted watchlist topic, keyed by CompanyNumber. A tombstone stops
// watching it.
type WatchEntry struct {
	CompanyNumber string
	// Source is WatchFromLead or WatchFromCLI.
	Source  string
	LeadKey *string
	// RequestID is the request whose lead watches the company, when
	// Source is WatchFromLead.
	RequestID *string
	AddedAt   time.Time
}

// EncodeCompaniesHouseEvent returns e as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeCompaniesHouseEvent(e *CompaniesHouseEvent) ([]byte, error) {
	return encodeAs(companiesHouseEvents, e, companiesHouseEventFields.toNative)
}

// DecodeCompaniesHouseEvent reads a CompaniesHouseEvent written with the
// current or any released schema. Errors are *DecodeError.
func DecodeCompaniesHouseEvent(b []byte) (*CompaniesHouseEvent, error) {
	return decodeAs(companiesHouseEvents, b, companiesHouseEventFields.fromNative)
}

// EncodeWatchEntry returns w as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeWatchEntry(w *WatchEntry) ([]byte, error) {
	return encodeAs(watchEntries, w, watchEntryFields.toNative)
}

// DecodeWatchEntry reads a WatchEntry written with the current or any
// released schema. Errors are *DecodeError.
func DecodeWatchEntry(b []byte) (*WatchEntry, error) {
	return decodeAs(watchEntries, b, watchEntryFields.fromNative)
}

// companiesHouseEventFields map a CompaniesHouseEvent to and from
// goavro's native form.
var companiesHouseEventFields = recordFields[CompaniesHouseEvent]{
	field("company_number", func(e *CompaniesHouseEvent) *string { return &e.CompanyNumber }, asIs, get[string]),
	field("stream", func(e *CompaniesHouseEvent) *string { return &e.Stream }, asIs, get[string]),
	field("resource_kind", func(e *CompaniesHouseEvent) *string { return &e.ResourceKind }, asIs, get[string]),
	field("resource_uri", func(e *CompaniesHouseEvent) *string { return &e.ResourceURI }, asIs, get[string]),
	field("resource_id", func(e *CompaniesHouseEvent) *string { return &e.ResourceID }, asIs, get[string]),
	field("event_type", func(e *CompaniesHouseEvent) *string { return &e.EventType }, asIs, get[string]),
	field("timepoint", func(e *CompaniesHouseEvent) *int64 { return &e.Timepoint }, asIs, get[int64]),
	field("published_at", func(e *CompaniesHouseEvent) *string { return &e.PublishedAt }, asIs, get[string]),
	field("fields_changed", func(e *CompaniesHouseEvent) *[]string { return &e.FieldsChanged }, stringsToNative, (*fields).strings),
	field("data", func(e *CompaniesHouseEvent) *string { return &e.Data }, asIs, get[string]),
	field("received_at", func(e *CompaniesHouseEvent) *time.Time { return &e.ReceivedAt }, asIs, (*fields).time),
}

// watchEntryFields map a WatchEntry to and from goavro's native form.
var watchEntryFields = recordFields[WatchEntry]{
	field("company_number", func(w *WatchEntry) *string { return &w.CompanyNumber }, asIs, get[string]),
	field("source", func(w *WatchEntry) *string { return &w.Source }, asIs, get[string]),
	field("lead_key", func(w *WatchEntry) **string { return &w.LeadKey }, optStringToNative, (*fields).optString),
	field("request_id", func(w *WatchEntry) **string { return &w.RequestID }, optStringToNative, (*fields).optString),
	field("added_at", func(w *WatchEntry) *time.Time { return &w.AddedAt }, asIs, (*fields).time),
}
