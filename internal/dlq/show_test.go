package dlq

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/schemas"
)

func TestShowDecodesValuesAndPrintsEveryHeader(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts,
		dead{"x", failure.Transient, "good", request(t, "good"), t0, 0},
		dead{"x", failure.Undecodable, "bad", append([]byte("not avro \x00\x01"), make([]byte, 80)...), t0, 0},
	)
	ls := readAll(t, opts, names.DLQ(), All())
	for _, tc := range []struct {
		name   string
		letter Letter
		want   []string
	}{
		{"a request shows its fields as JSON", ls[0], []string{`"request_id":"good"`, `"company_name":"ACME good"`}},
		{"a request shows every header, the original ones too", ls[0], []string{
			"trace: trace-good", route.HeaderProvider + ": x", route.HeaderErrorClass + ": transient",
			route.HeaderAttempt + ": 4", route.HeaderOriginalTopic + ": company-requests",
			route.HeaderOriginalPartition + ": 2", route.HeaderOriginalOffset + ": 40",
			route.HeaderFirstFailedAt + ": 2026-03-01T12:00:00Z", route.HeaderErrorMessage + ": transient from x"}},
		{"undecodable bytes say why and preview 64 bytes", ls[1], []string{
			"undecodable: bad_magic: ", `"not avro \x00\x01\x00`, "6e 6f 74 20 61 76 72 6f", "(27 more bytes)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteLetters(&b, []Letter{tc.letter}, Table); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}

func TestShowAsJSONIsOneObjectPerLetter(t *testing.T) {
	ok := Parse(dead{"x", failure.Transient, "good", request(t, "good"), t0, 0}.record())
	bad := Parse(dead{"aggregator", failure.Undecodable, "bad", []byte{0xC3, 0x01, 9}, t0, 0}.record())
	var b strings.Builder
	if err := WriteLetters(&b, []Letter{ok, bad}, JSON); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines, want 2:\n%s", len(lines), b.String())
	}
	var got []letterView
	for _, line := range lines {
		var v letterView
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		got = append(got, v)
	}
	if got[0].Request == nil || got[0].Request["request_id"] != "good" || len(got[0].Headers) != 9 {
		t.Errorf("decoded letter shown as %+v", got[0])
	}
	if got[1].Request != nil || !strings.HasPrefix(got[1].Undecodable, "bad_magic: ") || got[1].PreviewHex != "c3 01 09" {
		t.Errorf("undecodable letter shown as %+v", got[1])
	}
}

// TestShowPrintsWhatTheSchemaSays pins issue 17: dlq show printed
// "providers": null, and a result under its Go field names with null
// arrays, where the schema says a non-null array; a team copying that
// shape wrote invalid records.
func TestShowPrintsWhatTheSchemaSays(t *testing.T) {
	res, err := schemas.EncodeDiscoveryResult(&schemas.DiscoveryResult{RequestID: "r1", Provider: "x", Status: schemas.StatusOK,
		Layer: schemas.LayerPrimary, Executives: []schemas.Executive{{Name: "Jane Doe"}}, FetchedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		letter Letter
		want   []string
	}{
		{"a request without providers shows an empty array", Parse(dead{"x", failure.Transient, "r1", request(t, "r1"), t0, 0}.record()),
			[]string{`"providers":[]`, `"requested_at":` + strconv.FormatInt(t0.UnixMilli(), 10), `"company_number":null`}},
		{"a result shows the schema's field names, empty arrays and enum symbols", Parse(dead{Aggregator, failure.Invalid, "r1", res, t0, 0}.record()),
			[]string{`"request_id":"r1"`, `"expected_providers":[]`, `"notes":[]`, `"status":"OK"`, `"layer":"PRIMARY"`,
				`"natures_of_control":[]`, `"profile_urls":[]`, `"company":null`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, format := range []Format{Table, JSON} {
				var b strings.Builder
				if err := WriteLetters(&b, []Letter{tc.letter}, format); err != nil {
					t.Fatal(err)
				}
				for _, w := range tc.want {
					if !strings.Contains(b.String(), w) {
						t.Errorf("%s output lacks %s:\n%s", format, w, b.String())
					}
				}
				if strings.Contains(b.String(), "null]") || strings.Contains(b.String(), `"Executives"`) {
					t.Errorf("%s output is not the schema's shape:\n%s", format, b.String())
				}
			}
		})
	}
}

func TestASampleKeepsTheFirstLettersByPartitionAndOffsetWhateverTheFetchOrder(t *testing.T) {
	s := Sample{Limit: 3}
	for _, at := range [][2]int64{{2, 0}, {0, 5}, {2, 1}, {0, 6}, {1, 0}, {0, 7}, {0, 8}} {
		s.Add(Letter{Partition: int32(at[0]), Offset: at[1]})
	}
	got := s.Letters()
	if s.Total != 7 || len(got) != 3 || got[0].Offset != 5 || got[1].Offset != 6 || got[2].Offset != 7 {
		t.Fatalf("kept %+v of %d", got, s.Total)
	}
}
