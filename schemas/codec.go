package schemas

import (
	"fmt"

	"github.com/linkedin/goavro/v2"
)

// DecodeClass says why bytes could not be decoded, so routing can act on
// the class rather than the message text.
type DecodeClass string

// The decode failure classes.
const (
	// BadMagic: the bytes are too short for a header or start with
	// neither 0xC3 0x01 (single-object encoding) nor 0x00 (Confluent).
	BadMagic DecodeClass = "bad_magic"
	// NoRegistry: the value is Confluent-framed but this process has no
	// schema registry to look its schema id up in.
	NoRegistry DecodeClass = "no_registry"
	// UnknownSchemaID: the schema registry has no such schema id, holds
	// a schema under it that is not self-contained Avro, or could not be
	// reached.
	UnknownSchemaID DecodeClass = "unknown_schema_id"
	// UnknownFingerprint: the header names a schema that no released
	// version of the expected record has, including another record's.
	UnknownFingerprint DecodeClass = "unknown_fingerprint"
	// CorruptDatum: the header is right but the datum after it is
	// truncated, has trailing bytes or does not match the schema.
	CorruptDatum DecodeClass = "corrupt_datum"
)

// DecodeError is the error of every Decode function. Match it with
// errors.As and read Class; retrying never helps, the bytes are the problem.
type DecodeError struct {
	Class  DecodeClass
	Record string // the record the caller asked for, e.g. "CompanyRequest"
	Err    error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("decode %s: %s: %v", e.Record, e.Class, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// EncodeCompanyRequest returns r as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeCompanyRequest(r *CompanyRequest) ([]byte, error) {
	return encodeAs(companyRequests, r, companyRequestToNative)
}

// DecodeCompanyRequest reads a CompanyRequest written by EncodeCompanyRequest
// with the current or any released schema. Errors are *DecodeError.
func DecodeCompanyRequest(b []byte) (*CompanyRequest, error) {
	return decodeAs(companyRequests, b, companyRequestFromNative)
}

// EncodeDiscoveryResult returns r as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeDiscoveryResult(r *DiscoveryResult) ([]byte, error) {
	return encodeAs(discoveryResults, r, discoveryResultToNative)
}

// DecodeDiscoveryResult reads a DiscoveryResult written by
// EncodeDiscoveryResult with the current or any released schema. Errors are
// *DecodeError.
func DecodeDiscoveryResult(b []byte) (*DiscoveryResult, error) {
	return decodeAs(discoveryResults, b, discoveryResultFromNative)
}

// EncodeEnrichedLead returns l as an Avro value framed as Use set
// (single-object encoded by default).
func EncodeEnrichedLead(l *EnrichedLead) ([]byte, error) {
	return encodeAs(enrichedLeads, l, enrichedLeadToNative)
}

// DecodeEnrichedLead reads an EnrichedLead written by EncodeEnrichedLead
// with the current or any released schema. Errors are *DecodeError.
func DecodeEnrichedLead(b []byte) (*EnrichedLead, error) {
	return decodeAs(enrichedLeads, b, enrichedLeadFromNative)
}

// encodeBufSize fits a typical record, so most encodes allocate once.
const encodeBufSize = 512

// encode frames native as the process's Use asked.
func (rc *recordCodec) encode(native map[string]any) ([]byte, error) {
	var b []byte
	var err error
	if c := current(); c.framing == Confluent {
		b, err = rc.appendConfluent(make([]byte, 0, encodeBufSize), c.registry, native)
	} else {
		b, err = rc.current.SingleFromNative(make([]byte, 0, encodeBufSize), native)
	}
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", rc.name, err)
	}
	return b, nil
}

// encodeAs encodes v with its converter to native, refusing a nil record.
func encodeAs[T any](rc *recordCodec, v *T, toNative func(*T) map[string]any) ([]byte, error) {
	if v == nil {
		return nil, fmt.Errorf("encode %s: nil record", rc.name)
	}
	return rc.encode(toNative(v))
}

func decodeAs[T any](rc *recordCodec, b []byte, fromNative func(map[string]any) (*T, error)) (*T, error) {
	m, err := rc.decode(b)
	if err != nil {
		return nil, err
	}
	v, err := fromNative(m)
	if err != nil {
		return nil, rc.fail(CorruptDatum, err)
	}
	return v, nil
}

// decode reads the header of either framing, picks the writer schema by
// its fingerprint and returns the datum in the current schema's shape.
func (rc *recordCodec) decode(b []byte) (map[string]any, error) {
	w, datum, err := rc.writer(b)
	if err != nil {
		return nil, err
	}
	native, rest, err := w.NativeFromBinary(datum)
	if err != nil {
		return nil, rc.fail(CorruptDatum, err)
	}
	if len(rest) > 0 {
		return nil, rc.fail(CorruptDatum, fmt.Errorf("%d trailing bytes after the datum", len(rest)))
	}
	if w != rc.current {
		if native, err = rc.resolve(native); err != nil {
			return nil, rc.fail(CorruptDatum, err)
		}
	}
	m, ok := native.(map[string]any)
	if !ok {
		return nil, rc.fail(CorruptDatum, fmt.Errorf("datum is %T, not a record", native))
	}
	return m, nil
}

// writer returns the writer schema of b, by its first byte single-object
// encoded or Confluent-framed, and the datum after the header.
func (rc *recordCodec) writer(b []byte) (*goavro.Codec, []byte, error) {
	if len(b) > 0 && b[0] == confluentMagic {
		return rc.confluentWriter(b)
	}
	fp, datum, err := goavro.FingerprintFromSOE(b)
	if err != nil {
		return nil, nil, rc.fail(BadMagic, err)
	}
	w, ok := rc.byPrint[fp]
	if !ok {
		return nil, nil, rc.fail(UnknownFingerprint, rc.unknown(fp))
	}
	return w, datum, nil
}

func (rc *recordCodec) unknown(fp uint64) error {
	if other, ok := owners[fp]; ok {
		return fmt.Errorf("fingerprint 0x%016x is a %s, not a %s", fp, other, rc.name)
	}
	return fmt.Errorf("fingerprint 0x%016x is not a known schema", fp)
}

func (rc *recordCodec) fail(class DecodeClass, err error) *DecodeError {
	return &DecodeError{Class: class, Record: rc.name, Err: err}
}
