package schemas

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The JSON view of the records is what Kafka Connect's JsonConverter
// writes for an Avro record with schemas.enable=false: an object under the
// schema's field names, every field present, an optional (["null", T])
// field as its plain value or null, an array never null (an empty one is
// []), an enum as its symbol and a timestamp-millis as a number of
// milliseconds since the Unix epoch. `leadgen leads --output jsonl` (with
// --changes too), the enriched-leads.json mirror topic and `leadgen dlq
// show` write it.

// schemaTrees are the parsed current schemas of the top-level records,
// which the view walks beside the values.
var schemaTrees = map[string]any{
	"CompanyRequest":  mustTree("CompanyRequest"),
	"DiscoveryResult": mustTree("DiscoveryResult"),
	"EnrichedLead":    mustTree("EnrichedLead"),
	"LeadChange":      mustTree("LeadChange"),
}

func mustTree(name string) any {
	text, err := Schema(name)
	if err != nil {
		panic(fmt.Sprintf("schemas: %v", err))
	}
	var tree any
	if err := json.Unmarshal([]byte(text), &tree); err != nil {
		panic(fmt.Sprintf("schemas: parse %s: %v", name, err))
	}
	return tree
}

// EnrichedLeadJSON returns l in the JSON view, ready for json.Marshal.
func EnrichedLeadJSON(l *EnrichedLead) map[string]any {
	return plain(schemaTrees["EnrichedLead"], enrichedLeadToNative(l)).(map[string]any)
}

// DiscoveryResultJSON returns r in the JSON view, ready for json.Marshal.
func DiscoveryResultJSON(r *DiscoveryResult) map[string]any {
	return plain(schemaTrees["DiscoveryResult"], discoveryResultToNative(r)).(map[string]any)
}

// CompanyRequestJSON returns r in the JSON view, ready for json.Marshal.
func CompanyRequestJSON(r *CompanyRequest) map[string]any {
	return plain(schemaTrees["CompanyRequest"], companyRequestToNative(r)).(map[string]any)
}

// LeadChangeJSON returns c in the JSON view, ready for json.Marshal.
func LeadChangeJSON(c *LeadChange) map[string]any {
	return plain(schemaTrees["LeadChange"], leadChangeFields.toNative(c)).(map[string]any)
}

// plain turns a goavro native value of schema into its JSON view.
func plain(schema, v any) any {
	switch s := schema.(type) {
	case []any: // a union: goavro wraps a non-null value as {branch: value}
		branch, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for name, inner := range branch {
			return plain(unionBranch(s, name), inner)
		}
		return nil
	case map[string]any:
		return plainComplex(s, v)
	}
	return v
}

func plainComplex(s map[string]any, v any) any {
	switch s["type"] {
	case "record":
		m, _ := v.(map[string]any)
		out := map[string]any{}
		for _, f := range s["fields"].([]any) {
			field := f.(map[string]any)
			name := field["name"].(string)
			out[name] = plain(field["type"], m[name])
		}
		return out
	case "array":
		items, _ := v.([]any)
		out := make([]any, len(items))
		for i, it := range items {
			out[i] = plain(s["items"], it)
		}
		return out
	}
	if t, ok := v.(time.Time); ok {
		return t.UnixMilli()
	}
	return v
}

// unionBranch finds the branch goavro names name: a primitive type, or a
// named type under its full name.
func unionBranch(union []any, name string) any {
	for _, b := range union {
		switch b := b.(type) {
		case string:
			if b == name {
				return b
			}
		case map[string]any:
			if n, _ := b["name"].(string); n == name || strings.HasSuffix(name, "."+n) {
				return b
			}
		}
	}
	return nil
}
