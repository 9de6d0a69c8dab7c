package schemas

import "time"

// The kinds of a LeadChangeItem.
const (
	ChangeAppointed = "appointed" // an officer appointed
	ChangeResigned  = "resigned"  // an officer resigned
	ChangeNotified  = "notified"  // a person with significant control notified
	ChangeCeased    = "ceased"    // a person with significant control ceased
	ChangeAdded     = "added"     // a person a source now names, without a date
	ChangeRemoved   = "removed"   // a person no source names any longer
	ChangeStatus    = "status"    // the company's status
)

// LeadChange is what changed between two versions of a lead: the value of
// the lead-changes topic, keyed by LeadKey.
type LeadChange struct {
	LeadKey         string
	CompanyName     string
	CompanyNumber   *string
	Version         int64
	PreviousVersion int64
	Changes         []LeadChangeItem
	// Cause names the Companies House stream events that made the
	// version, e.g. "officers event 4812" or, for several in one
	// transaction, "officers event 4812, officers event 4815"; nil for a
	// request's results.
	Cause     *string
	ChangedAt time.Time
}

// LeadChangeItem is one change: its kind (Change*), the person it is
// about, if any, and the sentence a sales team reads.
type LeadChangeItem struct {
	Kind   string
	Person *string
	Text   string
}

// EncodeLeadChange returns c as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeLeadChange(c *LeadChange) ([]byte, error) {
	return encodeAs(leadChanges, c, leadChangeFields.toNative)
}

// DecodeLeadChange reads a LeadChange written with the current or any
// released schema. Errors are *DecodeError.
func DecodeLeadChange(b []byte) (*LeadChange, error) {
	return decodeAs(leadChanges, b, leadChangeFields.fromNative)
}

// leadChangeFields map a LeadChange to and from goavro's native form.
var leadChangeFields = recordFields[LeadChange]{
	field("lead_key", func(c *LeadChange) *string { return &c.LeadKey }, asIs, get[string]),
	field("company_name", func(c *LeadChange) *string { return &c.CompanyName }, asIs, get[string]),
	field("company_number", func(c *LeadChange) **string { return &c.CompanyNumber }, optStringToNative, (*fields).optString),
	field("version", func(c *LeadChange) *int64 { return &c.Version }, asIs, get[int64]),
	field("previous_version", func(c *LeadChange) *int64 { return &c.PreviousVersion }, asIs, get[int64]),
	field("changes", func(c *LeadChange) *[]LeadChangeItem { return &c.Changes }, changeItemsToNative,
		func(f *fields, name string) []LeadChangeItem { return recordList(f, name, changeItemFromNative) }),
	field("cause", func(c *LeadChange) **string { return &c.Cause }, optStringToNative, (*fields).optString),
	field("changed_at", func(c *LeadChange) *time.Time { return &c.ChangedAt }, asIs, (*fields).time),
}

func changeItemsToNative(items []LeadChangeItem) []any {
	out := make([]any, len(items))
	for i, it := range items {
		out[i] = map[string]any{"kind": it.Kind, "person": optStringToNative(it.Person), "text": it.Text}
	}
	return out
}

func changeItemFromNative(m map[string]any) (LeadChangeItem, error) {
	f := &fields{m: m}
	it := LeadChangeItem{Kind: get[string](f, "kind"), Person: f.optString("person"), Text: get[string](f, "text")}
	return it, f.err
}
