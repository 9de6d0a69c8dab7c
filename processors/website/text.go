package website

import (
	"html"
	"strings"
)

// text reads a value as display text: a string (HTML entities decoded,
// white space collapsed), a {"@value"} or a named node's name, or the
// first of a list that has any.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return clean(x)
	case node:
		if s := text(x["@value"]); s != "" {
			return s
		}
		return text(x["name"])
	case []any:
		for _, item := range x {
			if s := text(item); s != "" {
				return s
			}
		}
	}
	return ""
}

// clean decodes entities (some sites write "&amp;" or "&#039;" into
// JSON) and collapses white space.
func clean(s string) string {
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// firstText is the text of the first member of n that has one.
func firstText(n node, keys ...string) string {
	for _, k := range keys {
		if s := text(n[k]); s != "" {
			return s
		}
	}
	return ""
}

// date keeps a YYYY-MM-DD prefix of a schema.org date, or "".
func date(v any) string {
	s, _ := v.(string)
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return ""
	}
	for i, c := range s[:10] {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return ""
		}
	}
	return s[:10]
}
