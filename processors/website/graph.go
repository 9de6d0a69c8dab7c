package website

import (
	"maps"
	"slices"
	"strings"
)

// node is one JSON-LD object.
type node = map[string]any

// maxDepth bounds how deep the walk goes into nested objects; real
// JSON-LD is a few levels deep.
const maxDepth = 32

// graph is the JSON-LD of one page: its top-level nodes (a block's
// object, an array's items, an @graph's items) and every node with an
// @id, for resolving references.
type graph struct {
	tops []node
	byID map[string]node
}

func newGraph(values []any) *graph {
	g := &graph{byID: map[string]node{}}
	for _, v := range values {
		g.addTop(v, 0)
	}
	for _, t := range g.tops {
		g.index(t, 0)
	}
	return g
}

func (g *graph) addTop(v any, depth int) {
	eachNode(v, depth, func(x node, depth int) {
		if items, ok := x["@graph"]; ok {
			g.addTop(items, depth+1)
			return
		}
		g.tops = append(g.tops, x)
	})
}

// index records every node that defines an @id (more than a bare
// reference), merging the members of repeated definitions.
func (g *graph) index(v any, depth int) {
	eachNode(v, depth, func(x node, depth int) {
		if id, ok := x["@id"].(string); ok && !isReference(x) {
			g.byID[id] = merged(g.byID[id], x)
		}
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if k != "@id" {
				g.index(x[k], depth+1)
			}
		}
	})
}

// eachNode calls visit with the node v is, or with every node in the
// array v is (arrays nested in it included), each with its depth; it
// goes no deeper than maxDepth and skips any other value.
func eachNode(v any, depth int, visit func(x node, depth int)) {
	if depth > maxDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, item := range x {
			eachNode(item, depth+1, visit)
		}
	case node:
		visit(x, depth)
	}
}

// isReference reports a node that only points at another: {"@id": ...},
// perhaps with its @type.
func isReference(n node) bool {
	for k := range n {
		if k != "@id" && k != "@type" {
			return false
		}
	}
	return true
}

func merged(into, from node) node {
	if into == nil {
		return from
	}
	out := make(node, len(into)+len(from))
	for k, v := range from {
		out[k] = v
	}
	for k, v := range into {
		out[k] = v
	}
	return out
}

// resolve returns the node v stands for: v itself, or the definition of
// the @id it references.
func (g *graph) resolve(v any) node {
	n, ok := v.(node)
	if !ok {
		return nil
	}
	if id, ok := n["@id"].(string); ok && isReference(n) {
		if def, ok := g.byID[id]; ok {
			return def
		}
	}
	return n
}

// types lists a node's @type values without their schema.org prefix.
func types(n node) []string {
	var out []string
	for _, v := range list(n["@type"]) {
		if s, ok := v.(string); ok {
			out = append(out, shortType(s))
		}
	}
	return out
}

func shortType(s string) string {
	for _, p := range []string{"https://schema.org/", "http://schema.org/", "schema:"} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func hasType(n node, want func(string) bool) bool {
	for _, t := range types(n) {
		if want(t) {
			return true
		}
	}
	return false
}

// isOrgType matches Organization and its common subtypes: Corporation,
// LocalBusiness and the many ...Organization and ...Business types.
func isOrgType(t string) bool {
	return t == "Corporation" || t == "NGO" || t == "Store" || t == "ProfessionalService" ||
		strings.HasSuffix(t, "Organization") || strings.HasSuffix(t, "Business")
}

func isPersonType(t string) bool { return t == "Person" }

// isRoleType matches the Role wrappers schema.org puts round a member.
func isRoleType(t string) bool { return t == "Role" || strings.HasSuffix(t, "Role") }

// list reads a value as a list: JSON-LD writes a single item without the
// array.
func list(v any) []any {
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		return x
	default:
		return []any{x}
	}
}
