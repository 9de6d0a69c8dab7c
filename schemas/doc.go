// Package schemas defines the records leadgen puts on Kafka (DESIGN §5),
// their Avro schemas and the codec every component uses to write and read
// them.
//
// # Wire format
//
// Every record value is Avro single-object encoded, as the Avro
// specification defines it, by default:
//
//	bytes 0-1   0xC3 0x01                    magic, format version 1
//	bytes 2-9   fingerprint, little-endian   CRC-64-AVRO (Rabin) of the
//	                                         schema's Parsing Canonical Form
//	bytes 10-   the Avro binary datum
//
// or, when the process is given a Confluent-compatible Schema Registry, in
// the Confluent wire format:
//
//	byte 0      0x00                         magic
//	bytes 1-4   schema id, big-endian        the registry's id of the schema
//	bytes 5-    the Avro binary datum
//
// The Decode functions read both; the first byte tells them apart, so a
// topic can change framing without downtime. Which framing the Encode
// functions write, and which registry the Decode functions look schema ids
// up in, is one per-process setting made once at start with Use (the
// leadgen command does it from its --schema-registry and --value-framing
// flags), not a parameter: every producer and consumer keeps calling the
// same functions. Without Use, values are single-object encoded and a
// Confluent-framed value is undecodable (class NoRegistry). A Registry
// maps a value's schema id to one of the schemas below by the fingerprint
// of its canonical form, looking each id up once; Prepare registers the
// current schemas, subject by subject, with BACKWARD compatibility.
//
// The schemas are the .avsc files in this directory (namespace leadgen.v1),
// one self-contained file per top-level record: CompanyRequest,
// DiscoveryResult and EnrichedLead. Executive and CompanyProfile also have
// their own file for documentation; they are defined inline, identically,
// inside the records that carry them. Schema and Names return the text.
//
// # Reading from another language
//
// No Go and no schema registry are needed for single-object values. Check the first two bytes are
// 0xC3 0x01, optionally compare bytes 2-9 with the fingerprint of the .avsc
// you hold, strip the first 10 bytes and decode the rest as plain Avro
// binary with the .avsc. In Python with fastavro:
//
//	schema = fastavro.parse_schema(json.load(open("EnrichedLead.avsc")))
//	lead = fastavro.schemaless_reader(io.BytesIO(value[10:]), schema)
//
// Java's generated classes read the format directly
// (EnrichedLead.getDecoder().decode(value)).
//
// # Decoding in Go
//
// The Decode functions return a *DecodeError whose Class says what was
// wrong with the bytes: BadMagic (neither framing), NoRegistry or
// UnknownSchemaID (a Confluent-framed value this process cannot resolve),
// UnknownFingerprint (a schema this record never had, or another record
// type) or CorruptDatum (the datum does not fit its schema). Empty arrays
// decode as nil slices and timestamps as UTC with millisecond precision.
//
// # Schema evolution
//
// Records evolve only backward-compatibly: add fields, each with a default.
// Every released version of a top-level schema is frozen in
// history/<Record>.v<N>.avsc; the reader finds the writer's schema by the
// fingerprint, decodes with it and fills the fields added since from their
// defaults. To release a change, edit <Record>.avsc and copy it to the next
// history/<Record>.v<N>.avsc; the tests fail until both are done and old
// records, including the golden files in testdata/, still decode.
package schemas
