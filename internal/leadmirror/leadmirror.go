// Package leadmirror writes the enriched-leads.json mirror: for every
// record on enriched-leads, a record with the same key on
// enriched-leads.json whose value is the lead's JSON view
// (schemas.EnrichedLeadJSON, what Kafka Connect's JsonConverter writes),
// or a tombstone for a tombstone. The mirror is on when
// topics.Names.MirrorLeadsJSON is set; its records go in the same
// transaction, or the same produce, as the Avro ones, so an erasure
// reaches both topics.
package leadmirror

import (
	"encoding/json"
	"fmt"

	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Add returns recs with, after each record on the leads topic, its mirror
// record; recs unchanged when the mirror is off. lead is the decoded lead
// of the one record of recs that carries a lead value (nil when none
// does).
func Add(names topics.Names, recs []*kgo.Record, lead *schemas.EnrichedLead) ([]*kgo.Record, error) {
	if !names.MirrorLeadsJSON {
		return recs, nil
	}
	out := make([]*kgo.Record, 0, len(recs)+1)
	for _, r := range recs {
		out = append(out, r)
		if r.Topic != names.Leads() {
			continue
		}
		m, err := Record(names, string(r.Key), lead, r.Value == nil)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// Record is the mirror record of the lead under key, or its tombstone.
func Record(names topics.Names, key string, lead *schemas.EnrichedLead, tombstone bool) (*kgo.Record, error) {
	m := &kgo.Record{Topic: names.LeadsJSON(), Key: []byte(key)}
	if tombstone {
		return m, nil
	}
	if lead == nil {
		return nil, fmt.Errorf("mirror lead %s: no lead to write as JSON", key)
	}
	val, err := json.Marshal(schemas.EnrichedLeadJSON(lead))
	if err != nil {
		return nil, fmt.Errorf("mirror lead %s as JSON: %w", key, err)
	}
	m.Value = val
	return m, nil
}
