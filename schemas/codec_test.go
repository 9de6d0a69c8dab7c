package schemas

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/linkedin/goavro/v2"
)

// recordCase lets one table drive every top-level record through the same
// checks.
type recordCase struct {
	record   string
	codec    *recordCodec
	encode   func(any) ([]byte, error)
	decode   func([]byte) (any, error)
	toNative func(any) map[string]any
}

func caseOf[T any](rc *recordCodec, enc func(*T) ([]byte, error), dec func([]byte) (*T, error), toNative func(*T) map[string]any) recordCase {
	return recordCase{
		record:   rc.name,
		codec:    rc,
		encode:   func(v any) ([]byte, error) { return enc(v.(*T)) },
		decode:   func(b []byte) (any, error) { return dec(b) },
		toNative: func(v any) map[string]any { return toNative(v.(*T)) },
	}
}

var (
	requestCase = caseOf(companyRequests, EncodeCompanyRequest, DecodeCompanyRequest, companyRequestToNative)
	resultCase  = caseOf(discoveryResults, EncodeDiscoveryResult, DecodeDiscoveryResult, discoveryResultToNative)
	leadCase    = caseOf(enrichedLeads, EncodeEnrichedLead, DecodeEnrichedLead, enrichedLeadToNative)
	eventCase   = caseOf(companiesHouseEvents, EncodeCompaniesHouseEvent, DecodeCompaniesHouseEvent, companiesHouseEventFields.toNative)
	watchCase   = caseOf(watchEntries, EncodeWatchEntry, DecodeWatchEntry, watchEntryFields.toNative)
)

// samples returns a record of each type with every field set.
func samples() map[string]any {
	return map[string]any{
		"CompanyRequest":  fullRequest(),
		"DiscoveryResult": fullResult(),
		"EnrichedLead":    fullLead(),
		"CompaniesHouseEvent": &CompaniesHouseEvent{CompanyNumber: "01234567", Stream: "officers", ResourceKind: "company-officers",
			ResourceURI: "/company/01234567/appointments/abc", ResourceID: "abc", EventType: "changed", Timepoint: 48990574,
			PublishedAt: "2026-12-01T09:00:00", FieldsChanged: []string{"resigned_on"}, Data: `{"name":"DOE, Jane"}`, ReceivedAt: fetchedAt},
		"WatchEntry": &WatchEntry{CompanyNumber: "01234567", Source: WatchFromLead, LeadKey: ptr("01234567"), RequestID: ptr("req-1"), AddedAt: requestedAt},
	}
}

func ptr(s string) *string { return &s }

func int32Ptr(n int32) *int32 { return &n }

var (
	requestedAt = time.Date(2025, 3, 14, 9, 26, 53, 589_000_000, time.UTC)
	fetchedAt   = requestedAt.Add(1500 * time.Millisecond)
)

func fullRequest() *CompanyRequest {
	return &CompanyRequest{
		RequestID:     "req-1",
		CompanyName:   "Acme Widgets Ltd",
		CompanyNumber: ptr("01234567"),
		Domain:        ptr("acme.example"),
		Providers:     []string{"companies_house", "web"},
		RequestedAt:   requestedAt,
		NoWatch:       true,
	}
}

func fullExecutive() Executive {
	return Executive{
		Name:           "Jane Q. Doe",
		NormalizedName: "jane doe",
		Role:           "director",
		AppointedOn:    ptr("2019-04-01"),
		ResignedOn:     ptr("2024-12-31"),
		SourceRef:      ptr("https://example.test/officers/abc"),
		Sources:        []string{"companies_house", "web"},
		Confidence:     0.9,
		BirthMonth:     int32Ptr(6),
		BirthYear:      int32Ptr(1975),
		NaturesOfControl: []string{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent",
			"right-to-appoint-and-remove-directors"},
		SourceRefs:         []string{"https://example.test/officers/abc", "https://www.linkedin.com/in/jane-doe"},
		Seniority:          ptr("founder"),
		Function:           ptr("technology"),
		OtherDirectorships: int32Ptr(2),
		ProfileURLs:        []ProfileURL{{Source: "linkedin", URL: "https://www.linkedin.com/in/jane-doe"}},
	}
}

func fullResult() *DiscoveryResult {
	return &DiscoveryResult{
		RequestID:  "req-1",
		Provider:   "companies_house",
		Status:     StatusFallback,
		Layer:      LayerStaleCache,
		Executives: []Executive{fullExecutive(), {Name: "John Roe", NormalizedName: "john roe", Role: "cfo"}},
		Company: &CompanyProfile{
			Name: "ACME WIDGETS LIMITED", Number: ptr("01234567"), Status: ptr("active"),
			Type: ptr("ltd"), IncorporatedOn: ptr("2001-02-03"), Address: ptr("1 High St, London"),
			Website: ptr("https://acme.example"), SICCodes: []string{"62012", "62020"},
		},
		Confidence:        0.75,
		FetchedAt:         fetchedAt,
		LatencyMs:         1500,
		APICalls:          3,
		FromCache:         true,
		CostUSD:           0.0125,
		Error:             ptr("primary api timed out"),
		ExpectedProviders: []string{"companies_house", "web"},
		CompanyName:       "Acme Widgets Ltd",
		CompanyNumber:     ptr("01234567"),
		RequestedAt:       requestedAt,
		Notes:             []string{"robots.txt of https://acme.example disallows /team for leadgen"},
	}
}

func fullLead() *EnrichedLead {
	return &EnrichedLead{
		LeadKey:          "gb-01234567",
		RequestID:        "req-1",
		CompanyName:      "Acme Widgets Ltd",
		CompanyNumber:    ptr("01234567"),
		CompanyStatus:    ptr("active"),
		Executives:       []Executive{fullExecutive()},
		ProvidersOK:      []string{"companies_house"},
		ProvidersFailed:  []string{"web"},
		Complete:         true,
		LeadScore:        81.5,
		ScoreComponents:  ScoreComponents{OfficialSource: 100, CrossSourceAgreement: 60, WebPresence: 40, CompanyStatus: 100},
		Version:          7,
		UpdatedAt:        fetchedAt,
		RequestedAt:      requestedAt,
		CostUSD:          0.02,
		Notes:            []LeadNote{{Provider: "website", Note: "robots.txt of https://acme.example disallows /team for leadgen"}},
		ScoreExplanation: []string{"Companies House lists 1 current person (40 of 40).", "The company is active (15 of 15)."},
	}
}

func mustEncode(t testing.TB, c recordCase, v any) []byte {
	t.Helper()
	b, err := c.encode(v)
	if err != nil {
		t.Fatalf("encode %s: %v", c.record, err)
	}
	return b
}

func TestRoundTrip(t *testing.T) {
	paris := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		c    recordCase
		in   any
		want any
	}{
		{"a company request with every field set comes back unchanged", requestCase, fullRequest(), fullRequest()},
		{"a company request with nulls and no providers comes back unchanged", requestCase,
			&CompanyRequest{RequestID: "r"}, &CompanyRequest{RequestID: "r"}},
		{"an empty but non-nil providers list comes back as nil", requestCase,
			&CompanyRequest{RequestID: "r", Providers: []string{}}, &CompanyRequest{RequestID: "r"}},
		{"a timestamp in another zone comes back as the same instant in UTC, to the millisecond", requestCase,
			&CompanyRequest{RequestedAt: time.Date(2025, 3, 14, 10, 26, 53, 589_999_999, paris)},
			&CompanyRequest{RequestedAt: requestedAt}},
		{"a discovery result with every field set comes back unchanged", resultCase, fullResult(), fullResult()},
		{"a failed discovery result with no people and no company comes back unchanged", resultCase,
			&DiscoveryResult{RequestID: "r", Status: StatusFailed, Layer: LayerNone, Error: ptr("auth")},
			&DiscoveryResult{RequestID: "r", Status: StatusFailed, Layer: LayerNone, Error: ptr("auth")}},
		{"a company profile with only a name comes back unchanged", resultCase,
			&DiscoveryResult{Status: StatusOK, Layer: LayerPrimary, Company: &CompanyProfile{Name: "x"}},
			&DiscoveryResult{Status: StatusOK, Layer: LayerPrimary, Company: &CompanyProfile{Name: "x"}}},
		{"an enriched lead with every field set comes back unchanged", leadCase, fullLead(), fullLead()},
		{"an enriched lead with nulls and empty lists comes back unchanged", leadCase,
			&EnrichedLead{LeadKey: "k"}, &EnrichedLead{LeadKey: "k"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.c.decode(mustEncode(t, tt.c, tt.in))
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestEncodeRefusesWhatTheSchemaCannotHold(t *testing.T) {
	tests := []struct {
		name string
		c    recordCase
		in   any
	}{
		{"a nil company request is refused", requestCase, (*CompanyRequest)(nil)},
		{"a nil discovery result is refused", resultCase, (*DiscoveryResult)(nil)},
		{"a nil enriched lead is refused", leadCase, (*EnrichedLead)(nil)},
		{"a discovery result with an unknown status is refused", resultCase, &DiscoveryResult{Status: "MAYBE", Layer: LayerNone}},
		{"a discovery result with no layer is refused", resultCase, &DiscoveryResult{Status: StatusOK}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.c.encode(tt.in)
			if err == nil || b != nil {
				t.Fatalf("got %x, %v; want an error", b, err)
			}
			if !strings.HasPrefix(err.Error(), "encode "+tt.c.record+": ") {
				t.Errorf("error %q lacks the record context", err)
			}
		})
	}
}

// crc64Avro is the CRC-64-AVRO Rabin fingerprint exactly as the Avro
// specification gives it, kept here so the wire format is checked without
// trusting goavro's implementation.
func crc64Avro(b []byte) uint64 {
	const empty = 0xc15d213aa4d7a795
	var table [256]uint64
	for i := range table {
		fp := uint64(i)
		for range 8 {
			fp = (fp >> 1) ^ (empty & -(fp & 1))
		}
		table[i] = fp
	}
	fp := uint64(empty)
	for _, c := range b {
		fp = (fp >> 8) ^ table[byte(fp)^c]
	}
	return fp
}

func TestCRC64AvroMatchesTheSpecExample(t *testing.T) {
	// The single-object encoding of the int 3 under schema "int" is
	// C3 01 8F 5C 39 3F 1A D5 75 72 06 (Avro spec, goavro's example).
	if got, want := crc64Avro([]byte(`"int"`)), uint64(0x7275d51a3f395c8f); got != want {
		t.Fatalf("crc64Avro(\"int\") = %#x, want %#x", got, want)
	}
}

// TestPlainAvroCanReadTheWireFormat decodes values the way a non-Go
// consumer would: check the magic, fingerprint the .avsc on disk, strip 10
// bytes, decode plain Avro binary.
func TestPlainAvroCanReadTheWireFormat(t *testing.T) {
	tests := []struct {
		name string
		c    recordCase
		in   any
		want map[string]any
	}{
		{"a company request reads as plain avro", requestCase, fullRequest(), map[string]any{
			"request_id": "req-1", "company_number": map[string]any{"string": "01234567"}, "domain": map[string]any{"string": "acme.example"},
			"providers": []any{"companies_house", "web"}, "requested_at": requestedAt}},
		{"a discovery result reads as plain avro", resultCase, fullResult(), map[string]any{
			"provider": "companies_house", "status": "FALLBACK", "layer": "STALE_CACHE", "latency_ms": int64(1500),
			"api_calls": int32(3), "from_cache": true, "cost_usd": 0.0125, "fetched_at": fetchedAt,
			"error": map[string]any{"string": "primary api timed out"}}},
		{"an enriched lead reads as plain avro", leadCase, fullLead(), map[string]any{
			"lead_key": "gb-01234567", "company_status": map[string]any{"string": "active"}, "complete": true,
			"lead_score": 81.5, "version": int64(7), "providers_failed": []any{"web"},
			"score_components": map[string]any{"official_source": 100.0, "cross_source_agreement": 60.0, "web_presence": 40.0, "company_status": 100.0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := mustEncode(t, tt.c, tt.in)
			if len(b) < 10 || b[0] != 0xC3 || b[1] != 0x01 {
				t.Fatalf("header %x, want C3 01 and 8 fingerprint bytes", b[:min(len(b), 10)])
			}
			fresh := freshCodec(t, tt.c.record+".avsc")
			if got, want := binary.LittleEndian.Uint64(b[2:10]), crc64Avro([]byte(fresh.CanonicalSchema())); got != want {
				t.Errorf("fingerprint %#x, want %#x", got, want)
			}
			native, rest, err := fresh.NativeFromBinary(b[10:])
			if err != nil || len(rest) != 0 {
				t.Fatalf("plain decode: %v, %d bytes left", err, len(rest))
			}
			for field, want := range tt.want {
				if got := native.(map[string]any)[field]; !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v", field, got, want)
				}
			}
		})
	}
}

// freshCodec builds a codec from the file on disk, independent of the
// embedded copies the package uses.
func freshCodec(t *testing.T, path string) *goavro.Codec {
	t.Helper()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := goavro.NewCodec(string(text))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return c
}

func TestDecodeErrors(t *testing.T) {
	valid := mustEncode(t, requestCase, fullRequest())
	edit := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(valid)) }
	tests := []struct {
		name    string
		in      []byte
		class   DecodeClass
		message string
	}{
		{"no bytes at all are bad magic", nil, BadMagic, "short buffer"},
		{"a header cut short is bad magic", valid[:9], BadMagic, "short buffer"},
		{"a JSON value is bad magic", []byte(`{"request_id":"req-1"}`), BadMagic, "prefix"},
		{"a wrong format version byte is bad magic", edit(func(b []byte) []byte { b[1] = 0x02; return b }), BadMagic, "prefix"},
		{"a fingerprint of no known schema is unknown", edit(func(b []byte) []byte { b[2] ^= 0xff; return b }),
			UnknownFingerprint, "is not a known schema"},
		{"a discovery result handed to the request reader is unknown and named",
			mustEncode(t, resultCase, fullResult()), UnknownFingerprint, "is a DiscoveryResult, not a CompanyRequest"},
		{"a header with no datum is corrupt", valid[:10], CorruptDatum, ""},
		{"a datum cut short is corrupt", valid[:len(valid)-3], CorruptDatum, ""},
		{"trailing bytes after the datum are corrupt", append(bytes.Clone(valid), 0), CorruptDatum, "1 trailing bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeCompanyRequest(tt.in)
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("got %+v, %v; want a *DecodeError", got, err)
			}
			if got != nil || de.Class != tt.class || de.Record != "CompanyRequest" {
				t.Errorf("got %+v, class %q, record %q; want nil, %q, CompanyRequest", got, de.Class, de.Record, tt.class)
			}
			prefix := "decode CompanyRequest: " + string(tt.class) + ": "
			if msg := err.Error(); !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, tt.message) {
				t.Errorf("message %q, want prefix %q and %q", msg, prefix, tt.message)
			}
		})
	}
}

func TestUnknownFingerprintMessageShowsTheFingerprint(t *testing.T) {
	b := append([]byte{0xC3, 0x01}, 1, 2, 3, 4, 5, 6, 7, 8, 0)
	_, err := DecodeEnrichedLead(b)
	want := "decode EnrichedLead: unknown_fingerprint: fingerprint 0x0807060504030201 is not a known schema"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
}

func FuzzDecodeCompanyRequest(f *testing.F) {
	valid, err := EncodeCompanyRequest(fullRequest())
	if err != nil {
		f.Fatal(err)
	}
	empty, err := EncodeCompanyRequest(&CompanyRequest{})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{valid, empty, valid[:10], valid[:len(valid)-1], {0xC3, 0x01}, nil} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeCompanyRequest(b)
		if err != nil {
			var de *DecodeError
			if !errors.As(err, &de) {
				t.Fatalf("error %v is not a *DecodeError", err)
			}
			return
		}
		again, err := EncodeCompanyRequest(r)
		if err != nil {
			t.Fatalf("re-encode a decoded request: %v", err)
		}
		if r2, err := DecodeCompanyRequest(again); err != nil || !reflect.DeepEqual(r, r2) {
			t.Fatalf("re-decode: %v; got %+v, want %+v", err, r2, r)
		}
	})
}

func BenchmarkEncodeDiscoveryResult(b *testing.B) {
	r := fullResult()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EncodeDiscoveryResult(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodeDiscoveryResult(b *testing.B) {
	v := mustEncode(b, resultCase, fullResult())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeDiscoveryResult(v); err != nil {
			b.Fatal(err)
		}
	}
}
