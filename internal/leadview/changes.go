package leadview

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ReadChanges calls fn for every committed lead change of topic (the
// lead-changes topic) from the start, stopping at the stable ends as Read
// does, or going on until ctx ends with follow. A record without a value
// says nothing and is skipped; an undecodable one is an error naming its
// offset.
func ReadChanges(ctx context.Context, opts []kgo.Opt, topic string, follow bool, fn func(*schemas.LeadChange)) error {
	return readTopic(ctx, opts, topic, follow, func(r *kgo.Record) error { return deliverChange(r, fn) })
}

// deliverChange decodes r and hands it to fn.
func deliverChange(r *kgo.Record, fn func(*schemas.LeadChange)) error {
	if r.Value == nil {
		return nil
	}
	c, err := schemas.DecodeLeadChange(r.Value)
	if err != nil {
		return fmt.Errorf("%s[%d] offset %d: %w", r.Topic, r.Partition, r.Offset, err)
	}
	fn(c)
	return nil
}

// ChangeMatches reports whether c's company name, number or lead key
// contains text, case folded, as Matches does for a lead; an empty text
// matches every change.
func ChangeMatches(c *schemas.LeadChange, text string) bool {
	return matchesCompany(text, c.CompanyName, opt(c.CompanyNumber), c.LeadKey)
}

// Chronological sorts changes oldest first: by when they were made, then
// by lead key and version, so a read of several partitions prints as the
// leads changed.
func Chronological(changes []*schemas.LeadChange) []*schemas.LeadChange {
	slices.SortStableFunc(changes, func(a, b *schemas.LeadChange) int {
		return cmp.Or(a.ChangedAt.Compare(b.ChangedAt), strings.Compare(a.LeadKey, b.LeadKey), cmp.Compare(a.Version, b.Version))
	})
	return changes
}

// ChangeTable writes lead changes as fixed-width rows, one per change
// item, so a live view lines up without buffering.
type ChangeTable struct {
	w      io.Writer
	header bool
}

// NewChangeTable writes to w.
func NewChangeTable(w io.Writer) *ChangeTable { return &ChangeTable{w: w} }

const changeFormat = "%-20s  %-12s  %-36s  %-9s  %s\n"

// Write adds the rows of one lead change: when, which lead, the versions
// and each sentence, followed by its cause when a stream event made it,
// e.g. "Jane Doe appointed director on 2026-12-01 (officers event 41)".
func (t *ChangeTable) Write(c *schemas.LeadChange) error {
	if !t.header {
		if _, err := fmt.Fprintf(t.w, changeFormat, "CHANGED AT", "LEAD KEY", "COMPANY", "VERSION", "CHANGE"); err != nil {
			return fmt.Errorf("write the changes header: %w", err)
		}
		t.header = true
	}
	for _, text := range changeTexts(c) {
		if _, err := fmt.Fprintf(t.w, changeFormat, c.ChangedAt.UTC().Format(time.RFC3339), printable(clip(c.LeadKey, 12)),
			printable(clip(c.CompanyName, 36)), fmt.Sprintf("v%d→v%d", c.PreviousVersion, c.Version), printable(text)); err != nil {
			return fmt.Errorf("write the changes of lead %s: %w", c.LeadKey, err)
		}
	}
	return nil
}

// changeTexts are the sentences of c with its cause, one per row; a change
// without items still has a row, so no record read goes unseen.
func changeTexts(c *schemas.LeadChange) []string {
	suffix := ""
	if c.Cause != nil && *c.Cause != "" {
		suffix = " (" + *c.Cause + ")"
	}
	if len(c.Changes) == 0 {
		return []string{"no change listed" + suffix}
	}
	out := make([]string, len(c.Changes))
	for i, it := range c.Changes {
		out[i] = it.Text + suffix
	}
	return out
}

// ChangeJSON writes one JSON object per lead change: its JSON view
// (schemas.LeadChangeJSON), the schema's field names as Kafka Connect's
// JsonConverter writes them.
type ChangeJSON struct{ enc *json.Encoder }

// NewChangeJSON writes to w.
func NewChangeJSON(w io.Writer) *ChangeJSON { return &ChangeJSON{enc: json.NewEncoder(w)} }

// Write encodes one lead change.
func (j *ChangeJSON) Write(c *schemas.LeadChange) error {
	if err := j.enc.Encode(schemas.LeadChangeJSON(c)); err != nil {
		return fmt.Errorf("write the changes of lead %s: %w", c.LeadKey, err)
	}
	return nil
}
