package aggregator

// The aggregator's internal records (a LeadResults value, a lead state on
// its changelog) are Avro, single-object encoded: 0xC3 0x01, the schema's
// CRC-64-AVRO fingerprint (little-endian), then the datum. Their results
// are Avro bytes already, which Avro carries as they are. Records written
// before were JSON, which always starts with '{': those still decode.
//
// The encoding is written by hand rather than through goavro's native
// maps: these records are written and read once per request, and
// avro_test.go checks both against goavro and the schemas.

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/linkedin/goavro/v2"
)

// leadResultsSchema is a LeadResults record's schema.
const leadResultsSchema = `{"type":"record","name":"LeadResults","namespace":"io.leadgen.aggregator",
"doc":"One request's results, sent by the aggregator's request stage to its lead stage, keyed by lead_key.",
"fields":[
 {"name":"request_id","type":"string"},
 {"name":"results","type":{"type":"map","values":"bytes"},"doc":"provider to Avro DiscoveryResult, single-object encoded"},
 {"name":"retract","type":"boolean","doc":"the request's company now has another lead_key: drop its results"}]}`

// leadStateSchema is the lead stage's changelog value's schema.
const leadStateSchema = `{"type":"record","name":"LeadState","namespace":"io.leadgen.aggregator",
"doc":"The aggregator's lead stage state of one lead_key.",
"fields":[
 {"name":"partition","type":"int"},
 {"name":"results","type":{"type":"map","values":"bytes"},"doc":"provider to Avro DiscoveryResult, single-object encoded"},
 {"name":"used","type":{"type":"array","items":"string"}},
 {"name":"request_id","type":"string"},
 {"name":"version","type":"long"},
 {"name":"hash","type":"string"},
 {"name":"touched","type":"long","doc":"nanoseconds since the Unix epoch; 0 when unknown"}]}`

// leadEventSchema is a Companies House event forwarded by the request
// stage to the lead stage, on the LeadResults topic.
const leadEventSchema = `{"type":"record","name":"LeadEvent","namespace":"io.leadgen.aggregator",
"doc":"A Companies House stream event about the company of a lead, sent by the aggregator's request stage to its lead stage, keyed by lead_key.",
"fields":[
 {"name":"event","type":"bytes","doc":"the CompaniesHouseEvent as the companies-house-events topic carried it"}]}`

var (
	leadResultsHeader = soeHeader(leadResultsSchema)
	leadStateHeader   = soeHeader(leadStateSchema)
	leadEventHeader   = soeHeader(leadEventSchema)
)

// soeHeader is the single-object encoding header of schema.
func soeHeader(schema string) []byte {
	c, err := goavro.NewCodec(schema)
	if err != nil {
		panic(fmt.Sprintf("aggregator: internal schema: %v", err))
	}
	return binary.LittleEndian.AppendUint64([]byte{0xC3, 0x01}, c.Rabin)
}

// isJSON says whether a value was written before the records were Avro.
func isJSON(b []byte) bool { return len(b) > 0 && b[0] == '{' }

func appendLong(b []byte, n int64) []byte { return binary.AppendVarint(b, n) }

func appendBytes(b, v []byte) []byte { return append(appendLong(b, int64(len(v))), v...) }

func appendString(b []byte, s string) []byte { return append(appendLong(b, int64(len(s))), s...) }

func appendBool(b []byte, v bool) []byte {
	if v {
		return append(b, 1)
	}
	return append(b, 0)
}

// appendBytesMap writes m as one block, keys in order, so equal maps
// encode alike.
func appendBytesMap(b []byte, m map[string][]byte) []byte {
	if len(m) > 0 {
		b = appendLong(b, int64(len(m)))
		for _, k := range slices.Sorted(maps.Keys(m)) {
			b = appendBytes(appendString(b, k), m[k])
		}
	}
	return append(b, 0)
}

func appendStrings(b []byte, ss []string) []byte {
	if len(ss) > 0 {
		b = appendLong(b, int64(len(ss)))
		for _, s := range ss {
			b = appendString(b, s)
		}
	}
	return append(b, 0)
}

var errTruncated = errors.New("truncated datum")

// avroReader reads a datum; the first error sticks and ends the reading.
type avroReader struct {
	b   []byte
	err error
}

// newAvroReader reads the datum of b after header.
func newAvroReader(b, header []byte, what string) *avroReader {
	if !bytes.HasPrefix(b, header) {
		return &avroReader{err: fmt.Errorf("%s: not single-object encoded with its schema", what)}
	}
	return &avroReader{b: b[len(header):]}
}

func (r *avroReader) long() int64 {
	if r.err != nil {
		return 0
	}
	n, size := binary.Varint(r.b)
	if size <= 0 {
		r.err = errTruncated
		return 0
	}
	r.b = r.b[size:]
	return n
}

// bytes returns a copy: the datum may share a fetch buffer.
func (r *avroReader) bytes() []byte {
	n := r.long()
	if r.err == nil && (n < 0 || n > int64(len(r.b))) {
		r.err = errTruncated
	}
	if r.err != nil {
		return nil
	}
	v := bytes.Clone(r.b[:n])
	r.b = r.b[n:]
	return v
}

func (r *avroReader) string() string { return string(r.bytes()) }

func (r *avroReader) bool() bool {
	if r.err == nil && len(r.b) == 0 {
		r.err = errTruncated
	}
	if r.err != nil {
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

// blocks reads an array's or a map's blocks, calling item for each item.
func (r *avroReader) blocks(item func()) {
	for r.err == nil {
		n := r.long()
		if n == 0 {
			return
		}
		if n < 0 {
			n = -n
			r.long() // the block's size in bytes
		}
		for range n {
			if item(); r.err != nil {
				return
			}
		}
	}
}

func (r *avroReader) bytesMap() map[string][]byte {
	m := map[string][]byte{}
	r.blocks(func() {
		k := r.string()
		m[k] = r.bytes()
	})
	return m
}

func (r *avroReader) strings() []string {
	var ss []string
	r.blocks(func() { ss = append(ss, r.string()) })
	return ss
}

// end is the reading's error, with what was read named.
func (r *avroReader) end(what string) error {
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("%d trailing bytes after the datum", len(r.b))
	}
	if r.err != nil {
		return fmt.Errorf("%s: %w", what, r.err)
	}
	return nil
}

// nanos is t as the touched field holds it.
func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
