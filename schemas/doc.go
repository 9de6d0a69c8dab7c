// Package schemas defines the records leadgen puts on Kafka (DESIGN §5),
// their Avro schemas and the codec every component uses to write and read
// them.
//
// # Wire format
//
// Every record value is Avro single-object encoded, as the Avro
// specification defines it:
//
//	bytes 0-1   0xC3 0x01                    magic, format version 1
//	bytes 2-9   fingerprint, little-endian   CRC-64-AVRO (Rabin) of the
//	                                         schema's Parsing Canonical Form
//	bytes 10-   the Avro binary datum
//
// The schemas are the .avsc files in this directory (namespace leadgen.v1),
// one self-contained file per top-level record: CompanyRequest,
// DiscoveryResult and EnrichedLead. Executive and CompanyProfile also have
// their own file for documentation; they are defined inline, identically,
// inside the records that carry them. Schema and Names return the text.
//
// # Reading from another language
//
// No Go and no schema registry are needed. Check the first two bytes are
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
// wrong with the bytes: BadMagic (not single-object encoded),
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
