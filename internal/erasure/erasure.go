// Package erasure records GDPR erasures (a company, or a person, at one
// company or at every company) on a compacted topic, so every aggregator,
// now and after any restart or replay, leaves erased people out of leads
// and emits no lead for an erased company.
//
// A person erasure matches names as the aggregator's dedupe does (see
// Erasure.Judge): every form of the name that would have merged with it is
// erased, and no other. Erasing a person writes a new version of each lead
// naming them; erasing a company tombstones its lead.
//
// This package is what the aggregator needs at run time (Erasure, Set and
// its Follow); the erase command's preview and apply, with their reports,
// are in package apply beneath it.
package erasure

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Kind is what an erasure names.
type Kind string

// The kinds of erasure.
const (
	Company Kind = "company"
	Person  Kind = "person"
)

// Erasure is one recorded erasure.
type Erasure struct {
	Kind Kind `json:"kind"`
	// Value is the company number (upper case), or the person's normalised
	// name (see people.Normalize).
	Value string `json:"value"`
	// Generation is the person's generation suffix (Jr, Sr, III) when the
	// name gave one, which Value leaves out: erasing a son leaves his
	// father in.
	Generation string `json:"generation,omitempty"`
	// Company scopes a person erasure to the lead of one company, by its
	// number (upper case) or its name-based lead key ("name:acme-ltd");
	// empty erases the person from the leads of every company.
	Company  string    `json:"company,omitempty"`
	ErasedAt time.Time `json:"erased_at"`
}

// NewCompany is the erasure of a company and its lead.
func NewCompany(number string, at time.Time) (Erasure, error) {
	number = strings.ToUpper(strings.TrimSpace(number))
	if number == "" {
		return Erasure{}, fmt.Errorf("erasure of an empty company")
	}
	return Erasure{Kind: Company, Value: number, ErasedAt: at.UTC()}, nil
}

// NewPerson is the erasure of a person named in any form (Companies House
// "SURNAME, Forenames" or natural order), from the lead of company (a
// number or a lead key) or, when company is empty, from every lead.
func NewPerson(name, company string, at time.Time) (Erasure, error) {
	value := people.Normalize(name)
	if value == "" {
		return Erasure{}, fmt.Errorf("erasure of an empty person")
	}
	return Erasure{Kind: Person, Value: value, Generation: people.Generation(name),
		Company: companyKey(company), ErasedAt: at.UTC()}, nil
}

// companyKey is a company number upper-cased, as lead keys hold it, or a
// name-based lead key as given.
func companyKey(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(strings.ToLower(s), "name:") {
		return strings.ToLower(s)
	}
	return strings.ToUpper(s)
}

// key identifies the erasure on the compacted topic. Two different
// erasures never share one, or the later would undo the earlier.
func (e Erasure) key() string {
	k := string(e.Kind) + ":" + e.Value
	if e.Generation != "" {
		k += " " + strings.ToLower(e.Generation)
	}
	if e.Company != "" {
		k += "@" + e.Company
	}
	return k
}

// String describes the erasure for people.
func (e Erasure) String() string {
	if e.Kind == Company {
		return fmt.Sprintf("company %s", e.Value)
	}
	where := "at every company"
	if e.Company != "" {
		where = "at " + e.Company
	}
	return fmt.Sprintf("person %q %s", strings.TrimSpace(e.Value+" "+e.Generation), where)
}

// Record writes an erasure to topic and waits for the broker to take it.
func Record(ctx context.Context, cl *kgo.Client, topic string, e Erasure) error {
	val, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode erasure: %w", err)
	}
	if err := cl.ProduceSync(ctx, &kgo.Record{Topic: topic, Key: []byte(e.key()), Value: val}).FirstErr(); err != nil {
		return fmt.Errorf("record erasure: %w", err)
	}
	return nil
}

// decode reads a recorded erasure. A value that cannot be read falls back
// to the key, which names the erasure as well (see key), rather than lose
// it.
func decode(key, value []byte) (Erasure, bool) {
	var e Erasure
	if json.Unmarshal(value, &e) == nil && e.Value != "" && (e.Kind == Company || e.Kind == Person) {
		return e, true
	}
	kind, rest, _ := strings.Cut(string(key), ":")
	var err error
	switch Kind(kind) {
	case Company:
		e, err = NewCompany(rest, time.Time{})
	case Person:
		name, company, _ := strings.Cut(rest, "@")
		e, err = NewPerson(name, company, time.Time{})
	default:
		return Erasure{}, false
	}
	return e, err == nil
}
