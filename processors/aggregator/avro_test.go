package aggregator

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/linkedin/goavro/v2"
)

// datumOf is what goavro reads of a value encoded by hand with schema.
func datumOf(t *testing.T, schema string, value []byte) map[string]any {
	t.Helper()
	c, err := goavro.NewCodec(schema)
	if err != nil {
		t.Fatal(err)
	}
	native, _, err := c.NativeFromSingle(value)
	if err != nil {
		t.Fatalf("goavro cannot read the value: %v", err)
	}
	return native.(map[string]any)
}

func TestALeadResultsRecordIsAvroAndReadsBack(t *testing.T) {
	for _, rr := range []requestResults{
		{RequestID: "r1", Results: map[string][]byte{"companies_house": []byte("\xc3\x01ch"), "linkedin": {}}},
		{RequestID: "r2", Retract: true},
	} {
		value := rr.marshal()
		d := datumOf(t, leadResultsSchema, value)
		if d["request_id"] != rr.RequestID || d["retract"] != rr.Retract || len(d["results"].(map[string]any)) != len(rr.Results) {
			t.Errorf("goavro reads %v, want %+v", d, rr)
		}
		got, err := unmarshalRequestResults(value)
		if err != nil {
			t.Fatal(err)
		}
		if got.RequestID != rr.RequestID || got.Retract != rr.Retract || !maps.EqualFunc(got.Results, rr.Results, slices.Equal) {
			t.Errorf("read back %+v, want %+v", got, rr)
		}
	}
}

// A deployment's topic still holds the LeadResults records written as
// JSON before they were Avro.
func TestALeadResultsRecordWrittenAsJSONStillReads(t *testing.T) {
	value, err := json.Marshal(requestResults{RequestID: "r1", Results: map[string][]byte{"x": []byte("\xc3\x01x")}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := unmarshalRequestResults(value)
	if err != nil || got.RequestID != "r1" || string(got.Results["x"]) != "\xc3\x01x" {
		t.Fatalf("read %+v, %v", got, err)
	}
	if id, err := LeadResultsRequest(value); id != "r1" || err != nil {
		t.Fatalf("request %q, %v", id, err)
	}
}

func TestALeadStateIsAvroAndReadsBackAsItsJSONDid(t *testing.T) {
	ch := result("companies_house", schemas.StatusOK, schemas.LayerPrimary)
	ch.FetchedAt = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	raw, err := schemas.EncodeDiscoveryResult(ch)
	if err != nil {
		t.Fatal(err)
	}
	s := newLeadState(3)
	s.Results["companies_house"], s.Used = raw, []string{"companies_house"}
	s.RequestID, s.Version, s.Hash = "r1", 7, "abc"
	s.Touched = time.Date(2026, 12, 7, 1, 2, 3, 456789, time.UTC)
	value := s.marshal()
	d := datumOf(t, leadStateSchema, value)
	if d["partition"] != int32(3) || d["version"] != int64(7) || d["touched"] != s.Touched.UnixNano() {
		t.Errorf("goavro reads %v", d)
	}
	old, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range [][]byte{value, old} {
		got, err := unmarshalLeadState(v)
		if err != nil {
			t.Fatal(err)
		}
		if got.Partition != 3 || got.RequestID != "r1" || got.Version != 7 || got.Hash != "abc" || !got.Touched.Equal(s.Touched) ||
			!slices.Equal(got.Used, s.Used) || got.decoded["companies_house"] == nil || !got.decoded["companies_house"].FetchedAt.Equal(ch.FetchedAt) {
			t.Errorf("read back %+v", got)
		}
	}
}

func TestATruncatedInternalRecordIsAnError(t *testing.T) {
	value := requestResults{RequestID: "r1", Results: map[string][]byte{"x": []byte("abc")}}.marshal()
	for n := range len(value) {
		if _, err := unmarshalRequestResults(value[:n]); err == nil {
			t.Fatalf("%d of %d bytes read without an error", n, len(value))
		}
	}
	state := newLeadState(0).marshal()
	if _, err := unmarshalLeadState(append(state, 0)); err == nil {
		t.Fatal("a trailing byte read without an error")
	}
}
