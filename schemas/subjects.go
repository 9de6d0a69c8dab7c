package schemas

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/twmb/franz-go/pkg/sr"
)

// Prepare readies r to write, with Confluent framing, the top-level
// records (CompanyRequest, DiscoveryResult, EnrichedLead) that subjects
// names a subject for (TopicNameStrategy: "<topic>-value"): the ones the
// process writes. It neither reads nor writes the subject of a record it
// is not given; a process that only reads prepares none, and looks the
// ids of the values it reads up as it meets them.
//
// With register, Prepare sets the subject's compatibility to BACKWARD,
// asks the registry whether the current .avsc is compatible with the
// subject's latest version and registers it (a schema already registered
// keeps its id and adds no version). Without register, for registries
// where only an administrator registers schemas, the current .avsc must
// already be a version of the subject and Prepare only looks its id up.
// Either way it also learns every schema the subject holds, so reading
// values written with them needs no lookup.
func (r *Registry) Prepare(ctx context.Context, subjects map[string]string, register bool) error {
	for _, rc := range records {
		subject, ok := subjects[rc.name]
		if !ok {
			continue
		}
		if err := r.prepare(ctx, rc, subject, register); err != nil {
			return fmt.Errorf("schema registry subject %s: %w", subject, err)
		}
		r.learn(ctx, subject)
	}
	return nil
}

func (r *Registry) prepare(ctx context.Context, rc *recordCodec, subject string, register bool) error {
	text, err := Schema(rc.name)
	if err != nil {
		return err
	}
	s := sr.Schema{Schema: text, Type: sr.TypeAvro}
	var id int
	if register {
		id, err = r.register(ctx, rc, subject, s)
	} else {
		id, err = r.find(ctx, rc, subject, s)
	}
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writeIDs[rc.name] = id
	r.prints[id] = rc.current.Rabin
	return nil
}

// register sets BACKWARD on subject, checks s against its latest version
// and registers s.
func (r *Registry) register(ctx context.Context, rc *recordCodec, subject string, s sr.Schema) (int, error) {
	set := r.client.SetCompatibility(ctx, sr.SetCompatibility{Level: sr.CompatBackward}, subject)
	if err := set[0].Err; err != nil {
		return 0, fmt.Errorf("set compatibility BACKWARD: %w", err)
	}
	check, err := r.client.CheckCompatibility(ctx, subject, -1, s)
	switch {
	case err != nil && !notFound(err): // not found: a new subject, nothing to be compatible with
		return 0, fmt.Errorf("check %s against the latest version: %w", rc.name, err)
	case err == nil && !check.Is:
		return 0, fmt.Errorf("the registry refuses leadgen's %s schema: not BACKWARD compatible with the subject's latest version%s",
			rc.name, reasons(check.Messages))
	}
	id, err := r.client.RegisterSchema(ctx, subject, s, -1, -1)
	if err != nil {
		return 0, fmt.Errorf("register %s: %w", rc.name, err)
	}
	return id, nil
}

// find looks up the id of s under subject, registered by someone else.
func (r *Registry) find(ctx context.Context, rc *recordCodec, subject string, s sr.Schema) (int, error) {
	ss, err := r.client.LookupSchema(ctx, subject, s)
	if notFound(err) {
		return 0, fmt.Errorf("leadgen's %s schema (fingerprint 0x%016x) is not registered under this subject, and registering is off (--schema-registry-register=false): "+
			"have it registered, or let leadgen register it", rc.name, rc.current.Rabin)
	}
	if err != nil {
		return 0, fmt.Errorf("look up %s: %w", rc.name, err)
	}
	return ss.ID, nil
}

// learn remembers the fingerprint of every Avro schema under subject. It
// only saves lookups later, so a failure is not an error: the value that
// needs the schema looks it up.
func (r *Registry) learn(ctx context.Context, subject string) {
	all, err := r.client.Schemas(ctx, subject)
	if err != nil {
		return
	}
	for _, ss := range all {
		if fp, err := avroFingerprint(ss.Schema); err == nil {
			r.mu.Lock()
			r.prints[ss.ID] = fp
			r.mu.Unlock()
		}
	}
}

func reasons(messages []string) string {
	messages = slices.DeleteFunc(slices.Clone(messages), func(m string) bool { return m == "" })
	if len(messages) == 0 {
		return ""
	}
	return ": " + strings.Join(messages, "; ")
}
