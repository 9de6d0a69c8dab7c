package schemas

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/linkedin/goavro/v2"
	"github.com/twmb/franz-go/pkg/sr"
	"golang.org/x/sync/singleflight"
)

// Framing is how the Encode functions frame a value.
type Framing int

// The framings. Readers accept both at once; the first byte tells them
// apart (0xC3 starts single-object encoding, 0x00 the Confluent format).
const (
	// SingleObject is Avro single-object encoding, the default.
	SingleObject Framing = iota
	// Confluent is the Confluent Schema Registry wire format: 0x00, the
	// 4-byte big-endian schema id, the Avro binary datum. It needs a
	// Registry.
	Confluent
)

// confluentMagic starts a Confluent-framed value.
const confluentMagic = 0x00

// lookupTimeout bounds one schema-id lookup in the registry while decoding.
const lookupTimeout = 10 * time.Second

// Registry connects the codec to a Confluent-compatible Schema Registry:
// it knows the schema id each top-level record is written with (see
// Prepare) and maps the ids of values it reads to the schemas leadgen
// knows, by the fingerprint of their canonical form. An id's schema never
// changes, so each id found is looked up once. A Registry is safe for
// concurrent use.
type Registry struct {
	client *sr.Client

	lookups  singleflight.Group // by schema id
	mu       sync.Mutex
	writeIDs map[string]int // record name to the id of its current schema
	prints   map[int]uint64 // schema id to CRC-64-AVRO fingerprint
	unknown  map[int]error  // ids whose schema is not Avro or does not parse
}

// NewRegistry returns a Registry that speaks to the registry through
// client. Prepare it before Use with Confluent framing.
func NewRegistry(client *sr.Client) *Registry {
	return &Registry{client: client, writeIDs: map[string]int{}, prints: map[int]uint64{}, unknown: map[int]error{}}
}

// codecs is the process's framing and registry, set by Use.
type codecs struct {
	framing  Framing
	registry *Registry
}

var active atomic.Pointer[codecs]

// Use sets, for the whole process, how the Encode functions frame values
// and the registry the Decode functions look Confluent-framed values up
// in (nil: none, and such values are undecodable). A process calls it
// once at start, before any record is encoded; the Encode and Decode
// functions keep their signatures, so no caller threads a registry
// through. Confluent framing needs a registry, prepared (Prepare) for
// each record the process writes: encoding another fails.
func Use(r *Registry, f Framing) error {
	if f == Confluent && r == nil {
		return errors.New("confluent framing needs a schema registry")
	}
	active.Store(&codecs{framing: f, registry: r})
	return nil
}

func current() codecs {
	if c := active.Load(); c != nil {
		return *c
	}
	return codecs{}
}

func (r *Registry) writeID(record string) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	id, ok := r.writeIDs[record]
	return id, ok
}

// appendConfluent frames native with rc's current schema id.
func (rc *recordCodec) appendConfluent(b []byte, r *Registry, native map[string]any) ([]byte, error) {
	id, ok := r.writeID(rc.name)
	if !ok {
		return nil, fmt.Errorf("no schema registry id for %s: the registry was not prepared to write it", rc.name)
	}
	b = append(b, confluentMagic)
	b = binary.BigEndian.AppendUint32(b, uint32(id))
	return rc.current.BinaryFromNative(b, native)
}

// confluentWriter returns the writer schema of a Confluent-framed value
// and its datum.
func (rc *recordCodec) confluentWriter(b []byte) (*goavro.Codec, []byte, error) {
	id, datum, err := new(sr.ConfluentHeader).DecodeID(b)
	if err != nil {
		return nil, nil, rc.fail(BadMagic, err)
	}
	reg := current().registry
	if reg == nil {
		return nil, nil, rc.fail(NoRegistry, fmt.Errorf("value is Confluent-framed (schema id %d) but no schema registry is configured", id))
	}
	fp, err := reg.fingerprint(id)
	if err != nil {
		return nil, nil, rc.fail(UnknownSchemaID, err)
	}
	w, ok := rc.byPrint[fp]
	if !ok {
		return nil, nil, rc.fail(UnknownFingerprint, fmt.Errorf("schema id %d: %w", id, rc.unknown(fp)))
	}
	return w, datum, nil
}

// fingerprint is the CRC-64-AVRO fingerprint of schema id's canonical
// form, looked up in the registry until it is found, one lookup at a time
// per id. A schema that is not Avro or does not parse is remembered as
// unknown; an id the registry lacks, or a registry that cannot be reached,
// is not, so a later value tries again.
func (r *Registry) fingerprint(id int) (uint64, error) {
	r.mu.Lock()
	fp, ok := r.prints[id]
	err := r.unknown[id]
	r.mu.Unlock()
	if ok || err != nil {
		return fp, err
	}
	v, err, _ := r.lookups.Do(strconv.Itoa(id), func() (any, error) { return r.lookup(id) })
	if err != nil {
		return 0, err
	}
	return v.(uint64), nil
}

// lookup asks the registry for schema id and records the answer.
func (r *Registry) lookup(id int) (uint64, error) {
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	s, err := r.client.SchemaByID(ctx, id)
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		if notFound(err) { // not remembered: a registry replica may not have it yet
			return 0, fmt.Errorf("schema id %d is not in the schema registry", id)
		}
		return 0, fmt.Errorf("look up schema id %d in the schema registry: %w", id, err)
	}
	fp, err := avroFingerprint(s)
	if err != nil {
		r.unknown[id] = fmt.Errorf("schema id %d: %w", id, err)
		return 0, r.unknown[id]
	}
	r.prints[id] = fp
	return fp, nil
}

// notFound reports a registry answer of 404: no such id, subject or
// version.
func notFound(err error) bool {
	var re *sr.ResponseError
	return errors.As(err, &re) && re.StatusCode == http.StatusNotFound
}

// avroFingerprint is the fingerprint of a registry schema's canonical form.
func avroFingerprint(s sr.Schema) (uint64, error) {
	if s.Type != sr.TypeAvro {
		return 0, fmt.Errorf("schema is %s, not Avro", s.Type)
	}
	if len(s.References) > 0 {
		return 0, errors.New("schema has references; leadgen reads self-contained schemas only")
	}
	c, err := goavro.NewCodec(s.Schema)
	if err != nil {
		return 0, fmt.Errorf("parse the registry's schema: %w", err)
	}
	return c.Rabin, nil
}
