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
	return encodeAs(companiesHouseEvents, e, companiesHouseEventToNative)
}

// DecodeCompaniesHouseEvent reads a CompaniesHouseEvent written with the
// current or any released schema. Errors are *DecodeError.
func DecodeCompaniesHouseEvent(b []byte) (*CompaniesHouseEvent, error) {
	return decodeAs(companiesHouseEvents, b, companiesHouseEventFromNative)
}

// EncodeWatchEntry returns w as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeWatchEntry(w *WatchEntry) ([]byte, error) {
	return encodeAs(watchEntries, w, watchEntryToNative)
}

// DecodeWatchEntry reads a WatchEntry written with the current or any
// released schema. Errors are *DecodeError.
func DecodeWatchEntry(b []byte) (*WatchEntry, error) {
	return decodeAs(watchEntries, b, watchEntryFromNative)
}

func companiesHouseEventToNative(e *CompaniesHouseEvent) map[string]any {
	return map[string]any{
		"company_number": e.CompanyNumber,
		"stream":         e.Stream,
		"resource_kind":  e.ResourceKind,
		"resource_uri":   e.ResourceURI,
		"resource_id":    e.ResourceID,
		"event_type":     e.EventType,
		"timepoint":      e.Timepoint,
		"published_at":   e.PublishedAt,
		"fields_changed": stringsToNative(e.FieldsChanged),
		"data":           e.Data,
		"received_at":    e.ReceivedAt,
	}
}

func companiesHouseEventFromNative(m map[string]any) (*CompaniesHouseEvent, error) {
	f := &fields{m: m}
	e := &CompaniesHouseEvent{
		CompanyNumber: get[string](f, "company_number"),
		Stream:        get[string](f, "stream"),
		ResourceKind:  get[string](f, "resource_kind"),
		ResourceURI:   get[string](f, "resource_uri"),
		ResourceID:    get[string](f, "resource_id"),
		EventType:     get[string](f, "event_type"),
		Timepoint:     get[int64](f, "timepoint"),
		PublishedAt:   get[string](f, "published_at"),
		FieldsChanged: f.strings("fields_changed"),
		Data:          get[string](f, "data"),
		ReceivedAt:    f.time("received_at"),
	}
	return e, f.err
}

func watchEntryToNative(w *WatchEntry) map[string]any {
	return map[string]any{
		"company_number": w.CompanyNumber,
		"source":         w.Source,
		"lead_key":       optStringToNative(w.LeadKey),
		"request_id":     optStringToNative(w.RequestID),
		"added_at":       w.AddedAt,
	}
}

func watchEntryFromNative(m map[string]any) (*WatchEntry, error) {
	f := &fields{m: m}
	w := &WatchEntry{
		CompanyNumber: get[string](f, "company_number"),
		Source:        get[string](f, "source"),
		LeadKey:       f.optString("lead_key"),
		RequestID:     f.optString("request_id"),
		AddedAt:       f.time("added_at"),
	}
	return w, f.err
}
