package dataset

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/leadgen/leadgen/internal/companyname"
)

// index holds the dataset with what search needs precomputed.
type index struct {
	companies []Company
	byNumber  map[string]Company
	titles    [][]token
}

// token is a folded word of a title with its byte span in the title.
type token struct {
	text       string
	start, end int
}

// Hit is one search result: the company, how many query words its title
// matched and where, so a response can fill matches.title.
type Hit struct {
	// Company is the dataset's own record, not to be changed.
	Company *Company
	// Spans are the 1-based, inclusive byte spans of the matched words.
	Spans   [][2]int
	matched int
	exact   bool
}

// legalWords match almost every title, so they only count when the query
// has nothing else.
var legalWords = map[string]bool{"limited": true, "ltd": true, "plc": true, "llp": true, "the": true, "and": true}

func newIndex(cs []Company) *index {
	ix := &index{companies: cs, byNumber: make(map[string]Company, len(cs)), titles: make([][]token, len(cs))}
	for i, c := range cs {
		ix.byNumber[c.Number] = c
		ix.titles[i] = tokenize(c.Name)
	}
	return ix
}

// Search ranks the dataset's titles by the query q; see index.search.
func Search(q string) []Hit { return data().search(q) }

// search ranks titles by the number of query words they contain (a word
// also matches the start of a longer one), then exact titles, then
// shorter titles; a query equal to a company number puts it first.
func (ix *index) search(q string) []Hit {
	words := significant(tokenize(q))
	var hits []Hit
	for i := range ix.companies {
		h := matchTitle(words, ix.titles[i])
		if strings.EqualFold(strings.TrimSpace(q), ix.companies[i].Number) {
			h.matched, h.exact = len(words)+1, true
		}
		if h.matched > 0 {
			h.Company = &ix.companies[i]
			hits = append(hits, h)
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.matched, a.matched), compareBool(b.exact, a.exact),
			cmp.Compare(len(a.Company.Name), len(b.Company.Name)), cmp.Compare(a.Company.Name, b.Company.Name))
	})
	return hits
}

func matchTitle(words []string, title []token) Hit {
	var h Hit
	for _, w := range words {
		for _, t := range title {
			if t.text == w || (len(w) >= 3 && strings.HasPrefix(t.text, w)) {
				h.matched++
				h.Spans = append(h.Spans, [2]int{t.start + 1, t.end})
				break
			}
		}
	}
	h.exact = h.matched == len(words) && slices.Equal(words, significant(title))
	return h
}

func compareBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	default:
		return -1
	}
}

// significant drops the legal words unless nothing else is left.
func significant(ts []token) []string {
	var out []string
	for _, t := range ts {
		if !legalWords[t.text] {
			out = append(out, t.text)
		}
	}
	if len(out) == 0 {
		return tokenTexts(ts)
	}
	return out
}

func tokenTexts(ts []token) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.text
	}
	return out
}

// tokenize splits s into lower-case words without diacritics, keeping each
// word's byte span in s.
func tokenize(s string) []token {
	var out []token
	start := -1
	for i, r := range s + " " {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, token{text: companyname.Fold(s[start:i]), start: start, end: i})
			start = -1
		}
	}
	return out
}
