package people

import (
	"strings"
	"unicode"
)

// separators part a name from what a profile writes after it
// ("Benjamin Carter | Founder & CEO", "Jane Doe - CFO at Acme").
var separators = strings.NewReplacer(" | ", "|", "｜", "|", " - ", "|", " – ", "|",
	" — ", "|", " · ", "|", " • ", "|", " / ", "|", ": ", "|", " @ ", "|")

// separatorRunes are the characters every separator holds.
const separatorRunes = "|｜-–—·•/:@"

// nameSegment returns the part of s that holds the name: the first
// segment between separators that is not a job title.
func nameSegment(s string) string {
	if !strings.ContainsAny(s, separatorRunes) {
		return s // one segment, the name whatever it holds
	}
	segs := strings.Split(separators.Replace(s), "|")
	for _, seg := range segs {
		words := strings.Fields(seg)
		if len(words) > 0 && !isJobTitle(words) {
			return seg
		}
	}
	return segs[0]
}

// isJobTitle reports whether words describe a job rather than name a
// person ("Founder & CEO", "Non-Executive Director").
func isJobTitle(words []string) bool {
	for _, w := range words {
		if w == "&" {
			return true
		}
		if hasToken(w, jobWords) {
			return true
		}
	}
	return false
}

// jobWords appear in job titles and not, written alone, in names.
var jobWords = set("ceo", "cfo", "coo", "cto", "cmo", "cio", "ciso", "cpo",
	"cro", "founder", "cofounder", "director", "directors", "manager",
	"head", "chairman", "chairwoman", "chairperson", "chair", "officer",
	"executive", "president", "vp", "svp", "evp", "partner", "owner",
	"secretary", "board", "consultant", "engineer", "advisor", "adviser",
	"investor", "team", "lead", "principal", "associate", "analyst",
	"accountant", "solicitor", "architect", "designer", "developer",
	"trustee", "treasurer", "chief", "md", "nonexecutive", "ned",
	"company", "at", "of", "and")

// takeNickname removes asides in (), [] and {} and a quoted word from s,
// returning the rest and the first aside that is one word and could be a
// known-as name ("Xiaoming (Jimmy) Wang", "Robert 'Bob' Lyons").
func takeNickname(s string) (rest, nick string) {
	var b strings.Builder
	var aside strings.Builder
	depth, quote := 0, rune(0)
	prev := ' '
	for _, r := range s {
		switch {
		case r == '(' || r == '[' || r == '{':
			depth++
		case (r == ')' || r == ']' || r == '}') && depth > 0:
			depth--
			nick = pickNickname(nick, aside.String())
			aside.Reset()
			b.WriteRune(' ')
		case quote == 0 && depth == 0 && isOpenQuote(r) && unicode.IsSpace(prev):
			quote = r
		case quote != 0 && closesQuote(quote, r):
			quote = 0
			nick = pickNickname(nick, aside.String())
			aside.Reset()
			b.WriteRune(' ')
		case depth > 0 || quote != 0:
			aside.WriteRune(r)
		case r == ')' || r == ']' || r == '}':
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	if quote != 0 {
		b.WriteString(" " + aside.String())
	}
	return b.String(), nick
}

// pickNickname keeps the first aside that is a single name-like word.
func pickNickname(nick, aside string) string {
	words := strings.Fields(aside)
	if nick != "" || len(words) != 1 || isJobTitle(words) || titles[key(words[0])] ||
		postNominals[key(words[0])] || len(key(words[0])) < 2 {
		return nick
	}
	return words[0]
}

func isOpenQuote(r rune) bool { return strings.ContainsRune("'\"‘“`«", r) }

func closesQuote(open, r rune) bool {
	switch open {
	case '‘':
		return r == '’'
	case '“':
		return r == '”'
	case '«':
		return r == '»'
	}
	return r == open
}
