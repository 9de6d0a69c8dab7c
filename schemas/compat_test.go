package schemas

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/linkedin/goavro/v2"
)

var update = flag.Bool("update", false, "write golden files in testdata/ that do not exist yet")

var topLevel = []recordCase{requestCase, resultCase, leadCase, eventCase, watchCase}

// TestEveryReleasedSchemaDecodesWithTheCurrentReader writes a sample with
// each released writer schema and reads it with the current Decode
// function. Writing the result back with the old schema must give the same
// bytes: nothing the old writer knew is lost on the way.
func TestEveryReleasedSchemaDecodesWithTheCurrentReader(t *testing.T) {
	for _, c := range topLevel {
		for _, w := range c.codec.history {
			t.Run(fmt.Sprintf("%s v%d", c.record, w.version), func(t *testing.T) {
				old, err := w.codec.SingleFromNative(nil, c.toNative(samples()[c.record]))
				if err != nil {
					t.Fatalf("encode with v%d: %v", w.version, err)
				}
				got, err := c.decode(old)
				if err != nil {
					t.Fatalf("current reader: %v", err)
				}
				back, err := w.codec.SingleFromNative(nil, c.toNative(got))
				if err != nil || !bytes.Equal(back, old) {
					t.Errorf("v%d fields changed on the way through the current reader: %v\n got %x\nwant %x", w.version, err, back, old)
				}
			})
		}
	}
}

// TestCurrentSchemaIsReleased makes a schema change impossible to ship
// without freezing it in history/, so the next change cannot strand records
// written with it.
func TestCurrentSchemaIsReleased(t *testing.T) {
	for _, c := range topLevel {
		h := c.codec.history
		if len(h) == 0 || h[len(h)-1].codec.Rabin != c.codec.current.Rabin {
			t.Errorf("%s.avsc differs from its latest history version: copy it to history/%s.v%d.avsc",
				c.record, c.record, len(h)+1)
		}
	}
}

// TestAddedFieldsHaveDefaults compares every record, nested ones included,
// of the current schema with the same record in each released version: a
// field the old writer did not write can only be read from its default.
func TestAddedFieldsHaveDefaults(t *testing.T) {
	for _, c := range topLevel {
		current := recordsIn(t, readJSON(t, c.record+".avsc"))
		for _, w := range c.codec.history {
			path := fmt.Sprintf("history/%s.v%d.avsc", c.record, w.version)
			for name, oldFields := range recordsIn(t, readJSON(t, path)) {
				for field, spec := range current[name] {
					if _, ok := oldFields[field]; ok {
						continue
					}
					if _, ok := spec["default"]; !ok {
						t.Errorf("%s.%s is not in %s and has no default", name, field, path)
					}
				}
			}
		}
	}
}

// TestInlineRecordsMatchTheirOwnFiles keeps the copies of Executive and
// CompanyProfile inside the top-level schemas identical to their files.
func TestInlineRecordsMatchTheirOwnFiles(t *testing.T) {
	tests := []struct{ record, in string }{
		{"Executive", "DiscoveryResult"},
		{"Executive", "EnrichedLead"},
		{"CompanyProfile", "DiscoveryResult"},
	}
	for _, tt := range tests {
		own := recordsIn(t, readJSON(t, tt.record+".avsc"))[tt.record]
		inline := recordsIn(t, readJSON(t, tt.in+".avsc"))[tt.record]
		if own == nil || !reflect.DeepEqual(own, inline) {
			t.Errorf("%s inside %s.avsc differs from %s.avsc", tt.record, tt.in, tt.record)
		}
	}
}

// TestGoldenFilesStillDecode reads values written when each schema version
// was released and checks, as above, that no field the writer knew is lost.
// Run with -update once after adding a history version to
// write its golden file; existing ones are never rewritten.
func TestGoldenFilesStillDecode(t *testing.T) {
	for _, c := range topLevel {
		for _, w := range c.codec.history {
			path := filepath.Join("testdata", fmt.Sprintf("%s.v%d.bin", c.record, w.version))
			if *update {
				writeGolden(t, path, c, w)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGoldenFilesStillDecode -update)", err)
			}
			got, err := c.decode(b)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			back, err := w.codec.SingleFromNative(nil, c.toNative(got))
			if err != nil || !bytes.Equal(back, b) {
				t.Errorf("%s lost fields through the current reader: %v\n got %x\nwant %x", path, err, back, b)
			}
		}
	}
}

// TestAnOlderWriterIsResolvedToTheCurrentReader plays the first real schema
// change before it happens: a writer without the fields that have defaults
// (nested ones included) is registered, and its records must decode with
// those fields at their defaults.
func TestAnOlderWriterIsResolvedToTheCurrentReader(t *testing.T) {
	schema := readJSON(t, "DiscoveryResult.avsc")
	dropDefaultedFields(schema)
	text, err := json.Marshal(schema)
	if err != nil {
		t.Fatal(err)
	}
	old, err := goavro.NewCodec(string(text))
	if err != nil {
		t.Fatalf("older schema: %v", err)
	}
	rc := *discoveryResults
	rc.byPrint = maps.Clone(rc.byPrint)
	rc.byPrint[old.Rabin] = old

	b, err := old.SingleFromNative(nil, discoveryResultToNative(fullResult()))
	if err != nil {
		t.Fatalf("encode with the older schema: %v", err)
	}
	got, err := decodeAs(&rc, b, discoveryResultFromNative)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	want := fullResult()
	want.ExpectedProviders, want.CompanyName, want.CompanyNumber, want.RequestedAt, want.Notes = nil, "", nil, time.UnixMilli(0).UTC(), nil
	for i := range want.Executives {
		e := &want.Executives[i]
		e.ResignedOn, e.Confidence, e.BirthMonth, e.BirthYear, e.NaturesOfControl, e.SourceRefs = nil, 0, nil, nil, nil, nil
		e.Seniority, e.Function, e.OtherDirectorships, e.ProfileURLs = nil, nil, nil, nil
	}
	want.Company = &CompanyProfile{Name: want.Company.Name}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// dropDefaultedFields removes every field with a default from every record
// in a parsed schema.
func dropDefaultedFields(v any) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			dropDefaultedFields(x)
		}
	case map[string]any:
		if fields, ok := v["fields"].([]any); ok {
			v["fields"] = slices.DeleteFunc(fields, func(f any) bool {
				_, ok := f.(map[string]any)["default"]
				return ok
			})
		}
		for _, x := range v {
			dropDefaultedFields(x)
		}
	}
}

func writeGolden(t *testing.T, path string, c recordCase, w writer) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		return
	}
	b, err := w.codec.SingleFromNative(nil, c.toNative(samples()[c.record]))
	if err != nil {
		t.Fatalf("encode golden %s: %v", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string) any {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// recordsIn finds every record definition in a parsed schema and returns
// its fields by name, each field's JSON by field name.
func recordsIn(t *testing.T, schema any) map[string]map[string]map[string]any {
	t.Helper()
	out := make(map[string]map[string]map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			if v["type"] == "record" {
				out[v["name"].(string)] = fieldsByName(v["fields"].([]any))
			}
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(schema)
	return out
}

func fieldsByName(fields []any) map[string]map[string]any {
	out := make(map[string]map[string]any, len(fields))
	for _, f := range fields {
		m := f.(map[string]any)
		out[m["name"].(string)] = m
	}
	return out
}

// TestRecordsWrittenBeforeBirthAndControlDecodeWithThemEmpty reads the v1
// golden files, written before Executive had birth_month, birth_year and
// natures_of_control, with the current reader: the people keep everything
// v1 wrote and the new fields read as their defaults.
func TestRecordsWrittenBeforeBirthAndControlDecodeWithThemEmpty(t *testing.T) {
	tests := []struct {
		name  string
		c     recordCase
		execs func(any) []Executive
	}{
		{"a v1 discovery result", resultCase, func(v any) []Executive { return v.(*DiscoveryResult).Executives }},
		{"a v1 enriched lead", leadCase, func(v any) []Executive { return v.(*EnrichedLead).Executives }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.c.record+".v1.bin"))
			if err != nil {
				t.Fatal(err)
			}
			got, err := tt.c.decode(b)
			if err != nil {
				t.Fatalf("current reader: %v", err)
			}
			execs := tt.execs(got)
			if len(execs) == 0 || execs[0].Name != "Jane Q. Doe" || execs[0].AppointedOn == nil || *execs[0].AppointedOn != "2019-04-01" {
				t.Fatalf("executives = %+v, want Jane Q. Doe as v1 wrote her", execs)
			}
			for _, e := range execs {
				if e.BirthMonth != nil || e.BirthYear != nil || e.NaturesOfControl != nil {
					t.Errorf("%s: birth %v/%v, control %q; want the defaults", e.Name, e.BirthMonth, e.BirthYear, e.NaturesOfControl)
				}
			}
		})
	}
}

// TestBirthAndControlReadWithTheSchemaFileAlone decodes a current record
// as a non-Go consumer would, with a codec built from the .avsc on disk
// and nothing of this package: the new fields are where the file says.
func TestBirthAndControlReadWithTheSchemaFileAlone(t *testing.T) {
	want := map[string]any{
		"birth_month": map[string]any{"int": int32(6)},
		"birth_year":  map[string]any{"int": int32(1975)},
		"natures_of_control": []any{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent",
			"right-to-appoint-and-remove-directors"},
	}
	for _, c := range []recordCase{resultCase, leadCase} {
		t.Run(c.record, func(t *testing.T) {
			b := mustEncode(t, c, samples()[c.record])
			native, _, err := freshCodec(t, c.record+".avsc").NativeFromBinary(b[10:])
			if err != nil {
				t.Fatalf("plain decode: %v", err)
			}
			first := native.(map[string]any)["executives"].([]any)[0].(map[string]any)
			for field, w := range want {
				if got := first[field]; !reflect.DeepEqual(got, w) {
					t.Errorf("%s = %#v, want %#v", field, got, w)
				}
			}
		})
	}
}

// TestExecutiveCannotHoldADayOfBirth pins DESIGN §9: the only birth
// fields are a nullable month and year, in every copy of Executive.
func TestExecutiveCannotHoldADayOfBirth(t *testing.T) {
	for _, file := range []string{"Executive.avsc", "DiscoveryResult.avsc", "EnrichedLead.avsc"} {
		var birth []string
		for name, spec := range recordsIn(t, readJSON(t, file))["Executive"] {
			if strings.Contains(name, "birth") || strings.Contains(name, "day") || strings.Contains(name, "dob") {
				birth = append(birth, name)
				if !reflect.DeepEqual(spec["type"], []any{"null", "int"}) {
					t.Errorf("%s: %s has type %v, want [null int]", file, name, spec["type"])
				}
			}
		}
		slices.Sort(birth)
		if !slices.Equal(birth, []string{"birth_month", "birth_year"}) {
			t.Errorf("%s: birth fields %q, want only birth_month and birth_year", file, birth)
		}
	}
}
