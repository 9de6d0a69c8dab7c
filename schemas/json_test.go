package schemas

import (
	"encoding/json"
	"reflect"
	"testing"
)

// roundJSON marshals v and reads it back as generic JSON.
func roundJSON(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestTheJSONViewIsWhatConnectsJsonConverterWrites(t *testing.T) {
	lead := roundJSON(t, EnrichedLeadJSON(fullLead()))
	person := lead["executives"].([]any)[0].(map[string]any)
	tests := []struct {
		name      string
		got, want any
	}{
		{"an optional string is its plain value", lead["company_number"], "01234567"},
		{"a timestamp-millis is milliseconds since the epoch", lead["updated_at"], float64(fetchedAt.UnixMilli())},
		{"a nested optional int is a plain number", person["birth_year"], float64(1975)},
		{"a nested record keeps the schema's field names", person["profile_urls"],
			[]any{map[string]any{"source": "linkedin", "url": "https://www.linkedin.com/in/jane-doe"}}},
		{"the score explanation is a list of sentences", lead["score_explanation"],
			[]any{"Companies House lists 1 current person (40 of 40).", "The company is active (15 of 15)."}},
		{"a record field is an object", lead["score_components"], map[string]any{
			"official_source": float64(100), "cross_source_agreement": float64(60), "web_presence": float64(40), "company_status": float64(100)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v, want %#v", tt.got, tt.want)
			}
		})
	}
}

// TestTheJSONViewHasEveryFieldAndNoNullArrays pins the shape a team copies:
// a field the schema declares as an array is [] when empty, never null, and
// an optional field is present as null.
func TestTheJSONViewHasEveryFieldAndNoNullArrays(t *testing.T) {
	views := map[string]map[string]any{
		"CompanyRequest":  roundJSON(t, CompanyRequestJSON(&CompanyRequest{RequestID: "r"})),
		"DiscoveryResult": roundJSON(t, DiscoveryResultJSON(&DiscoveryResult{RequestID: "r", Status: StatusOK, Layer: LayerPrimary, Executives: []Executive{{Name: "Jane"}}})),
		"EnrichedLead":    roundJSON(t, EnrichedLeadJSON(&EnrichedLead{LeadKey: "k", Executives: []Executive{{Name: "Jane"}}})),
		"LeadChange":      roundJSON(t, LeadChangeJSON(&LeadChange{LeadKey: "k", Changes: []LeadChangeItem{{Kind: ChangeStatus, Text: "company status: active → dissolved"}}})),
	}
	for record, view := range views {
		checkFields(t, record, schemaTrees[record].(map[string]any), view)
	}
	if got := views["DiscoveryResult"]["status"]; got != "OK" {
		t.Errorf("an enum is its symbol: got %#v", got)
	}
}

// checkFields walks a record schema beside its view.
func checkFields(t *testing.T, where string, record, view map[string]any) {
	t.Helper()
	for _, f := range record["fields"].([]any) {
		field := f.(map[string]any)
		name := field["name"].(string)
		v, ok := view[name]
		if !ok {
			t.Errorf("%s.%s is missing", where, name)
			continue
		}
		typ, _ := field["type"].(map[string]any)
		switch {
		case typ["type"] == "array" && v == nil:
			t.Errorf("%s.%s is null, the schema says an array", where, name)
		case typ["type"] == "array":
			items, _ := typ["items"].(map[string]any)
			for _, it := range v.([]any) {
				if items["type"] == "record" {
					checkFields(t, where+"."+name, items, it.(map[string]any))
				}
			}
		case typ["type"] == "record":
			checkFields(t, where+"."+name, typ, v.(map[string]any))
		}
	}
}
