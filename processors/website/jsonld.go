package website

import (
	"bytes"
	"encoding/json"
	"errors"
	"html"
	"io"
	"strings"

	xhtml "golang.org/x/net/html"
)

// scriptBlocks returns the text of every <script type="application/ld+json">
// in an HTML page, whatever the case of the type and its parameters.
func scriptBlocks(page []byte) []string {
	var out []string
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	inBlock := false
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out
		case xhtml.StartTagToken:
			name, hasAttr := z.TagName()
			inBlock = string(name) == "script" && hasAttr && isJSONLD(z)
		case xhtml.TextToken:
			if inBlock {
				out = append(out, string(z.Text()))
			}
		case xhtml.EndTagToken:
			inBlock = false
		}
	}
}

// isJSONLD reads the current tag's attributes for a JSON-LD type.
func isJSONLD(z *xhtml.Tokenizer) bool {
	for {
		key, val, more := z.TagAttr()
		if string(key) == "type" {
			media, _, _ := strings.Cut(string(val), ";")
			return strings.EqualFold(strings.TrimSpace(media), "application/ld+json")
		}
		if !more {
			return false
		}
	}
}

// decodeBlock reads one block leniently, as JSON-LD is written in the
// wild, and returns the JSON values in it (usually one); a block that
// cannot be read even so gives none.
func decodeBlock(raw string) []any {
	s := unwrap(raw)
	for _, try := range []string{s, repair(s), repair(html.UnescapeString(s))} {
		if vals, err := decodeAll(try); err == nil {
			return vals
		}
	}
	return nil
}

// unwrap drops the comment and CDATA wrappers old pages put round
// scripts.
func unwrap(s string) string {
	s = strings.TrimSpace(s)
	for _, w := range [][2]string{{"<!--", "-->"}, {"//<![CDATA[", "//]]>"}, {"<![CDATA[", "]]>"}} {
		if strings.HasPrefix(s, w[0]) && strings.HasSuffix(s, w[1]) {
			s = strings.TrimSpace(s[len(w[0]) : len(s)-len(w[1])])
		}
	}
	return s
}

// decodeAll decodes one or more JSON values written one after another.
func decodeAll(s string) ([]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			if len(out) == 0 {
				return nil, io.ErrUnexpectedEOF
			}
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// repair fixes the two mistakes hand-written JSON-LD makes most: a comma
// before a closing bracket, and raw line breaks or tabs inside strings.
func repair(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inString, escaped := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inString:
			inString, escaped = stringByte(&b, c, escaped)
			continue
		case c == '"':
			inString = true
		case c == ',' && closesNext(s[i+1:]):
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// stringByte writes one byte inside a string literal, escaping raw
// control characters, and reports whether the string goes on.
func stringByte(b *strings.Builder, c byte, escaped bool) (inString, nowEscaped bool) {
	switch {
	case escaped:
		b.WriteByte(c)
		return true, false
	case c == '\\':
		b.WriteByte(c)
		return true, true
	case c == '"':
		b.WriteByte(c)
		return false, false
	case c == '\n', c == '\r', c == '\t':
		b.WriteByte(' ')
		return true, false
	}
	b.WriteByte(c)
	return true, false
}

// closesNext reports whether the next non-space byte closes an object or
// array, which makes a comma before it a trailing one.
func closesNext(rest string) bool {
	t := strings.TrimLeft(rest, " \t\r\n")
	return t != "" && (t[0] == '}' || t[0] == ']')
}
