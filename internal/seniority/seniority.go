// Package seniority classifies a person's role or job title into a
// seniority level and a business function, so a sales team can sort the
// people of a lead by who decides and what they look after.
//
// The input is a Companies House officer role as the API spells it
// ("director", "llp-designated-member", "person-with-significant-control")
// or a free-text title from a website or social profile ("Co-Founder &
// CEO", "Head of Sales", "M.D."). The rule is a table of phrases (rules.go):
// the title is lower-cased and split into words at anything that is not a
// letter or digit, runs of single letters are joined ("C.E.O." is "ceo"),
// and the longest phrase of the table is matched at each word. Each phrase
// gives a level, a function or both. The title's level is the most senior
// level a phrase gives; its function is that of the most senior phrase
// that names one. A bare "director" is the board, unless the title names
// a function ("Sales Director", "Director of Engineering"), which makes it
// the head of that function. A title no phrase gives a level is Other, and
// an empty one Unknown. docs/SENIORITY.md lists the table in words.
package seniority

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Level is how senior a person is, for a sales team: who decides.
type Level string

// The levels, most senior first. Unknown is the empty string: a lead
// carries it as null.
const (
	// Founder founded the company ("Founder", "Co-Founder & CEO").
	Founder Level = "founder"
	// Owner owns or controls it: a Companies House person with
	// significant control, an owner or proprietor.
	Owner Level = "owner"
	// CSuite runs it: CEO, CFO, CTO, COO, any "Chief ... Officer",
	// managing director, president, managing partner.
	CSuite Level = "c_suite"
	// Board sits on its board: a Companies House director or LLP member,
	// a non-executive director, chair or partner.
	Board Level = "board"
	// VP is a vice president (VP, SVP, EVP).
	VP Level = "vp"
	// Head leads a function: "Head of Sales", "Sales Director", general
	// manager, general counsel.
	Head Level = "head"
	// Manager manages a team.
	Manager Level = "manager"
	// Secretary is the company secretary.
	Secretary Level = "secretary"
	// Other is any other role or title.
	Other Level = "other"
	// Unknown is no role or title at all.
	Unknown Level = ""
)

// order ranks the levels, most senior first.
var order = []Level{Founder, Owner, CSuite, Board, VP, Head, Manager, Secretary, Other, Unknown}

func (l Level) rank() int {
	for i, x := range order {
		if x == l {
			return i
		}
	}
	return len(order)
}

// Function is the part of the business a person looks after.
type Function string

// The functions. None is the empty string: a lead carries it as null.
const (
	Executive  Function = "executive"
	Finance    Function = "finance"
	Technology Function = "technology"
	Operations Function = "operations"
	Sales      Function = "sales"
	Marketing  Function = "marketing"
	People     Function = "people"
	Legal      Function = "legal"
	Product    Function = "product"
	Design     Function = "design"
	// Governance is the board's oversight: chair, non-executive
	// director, company secretary.
	Governance Function = "governance"
	None       Function = ""
)

// Classify returns the level and function of one role or title.
func Classify(title string) (Level, Function) {
	words := wordsOf(title)
	if len(words) == 0 {
		return Unknown, None
	}
	var found []rule
	for i := 0; i < len(words); {
		r, n := longestAt(words, i)
		if n == 0 {
			i++
			continue
		}
		found = append(found, r)
		i += n
	}
	return decide(found)
}

// decide picks the most senior level the rules give (Other when none
// gives one) and the function of the most senior rule naming one; a rule
// giving only a function ranks after every level.
func decide(found []rule) (Level, Function) {
	// A function named anywhere (governance aside) makes a bare director
	// the head of that function.
	named := slices.ContainsFunc(found, func(r rule) bool { return r.function != None && r.function != Governance })
	level, function, functionRank := Other, None, len(order)
	for _, r := range found {
		l := r.level
		if r.bareDirector && named {
			l = Head
		}
		if l != Unknown && l.rank() < level.rank() {
			level = l
		}
		if r.function != None && l.rank() < functionRank {
			function, functionRank = r.function, l.rank()
		}
	}
	return level, function
}

// Best classifies every title of one person, such as the register's role
// and the website's title: the most senior level wins, with its function,
// or else the first function another title names.
func Best(titles ...string) (Level, Function) {
	level, function := Unknown, None
	for _, t := range titles {
		l, f := Classify(t)
		switch {
		case l != Unknown && l.rank() < level.rank():
			level = l
			if f != None {
				function = f
			}
		case function == None:
			function = f
		}
	}
	return level, function
}

// wordsOf lower-cases title, splits it at anything but letters and digits
// and joins runs of single letters, so "C.E.O." and "ceo" are one word.
func wordsOf(title string) []string {
	parts := strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var out []string
	joining := false // the last word is a run of single letters
	for _, p := range parts {
		single := utf8.RuneCountInString(p) == 1
		if single && joining {
			out[len(out)-1] += p
			continue
		}
		out = append(out, p)
		joining = single
	}
	return out
}
