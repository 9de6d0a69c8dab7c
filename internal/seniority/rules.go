package seniority

import "strings"

// rule is one phrase of the table and what it says.
type rule struct {
	level    Level
	function Function
	// bareDirector marks the plain "director", which is the board unless
	// the title names a function.
	bareDirector bool
}

// rules maps phrases (words separated by single spaces) to what they say.
// A phrase gives a level, a function or both; the longest phrase at a
// word wins, so "managing director" is not read as "director", nor
// "vice president" as "president".
var rules = map[string]rule{
	// Founders and owners.
	"founder": {level: Founder}, "cofounder": {level: Founder}, "co founder": {level: Founder},
	"owner": {level: Owner}, "proprietor": {level: Owner}, "shareholder": {level: Owner},
	"person with significant control": {level: Owner},

	// The C-suite. A bare "chief" takes its function from the words
	// around it ("Chief Financial Officer").
	"chief": {level: CSuite}, "chief executive": {level: CSuite, function: Executive},
	"ceo": {level: CSuite, function: Executive}, "md": {level: CSuite, function: Executive},
	"managing director": {level: CSuite, function: Executive}, "president": {level: CSuite, function: Executive},
	"managing partner": {level: CSuite, function: Executive},
	"cfo":              {level: CSuite, function: Finance}, "cto": {level: CSuite, function: Technology},
	"cio": {level: CSuite, function: Technology}, "ciso": {level: CSuite, function: Technology},
	"coo": {level: CSuite, function: Operations}, "cmo": {level: CSuite, function: Marketing},
	"cro": {level: CSuite, function: Sales}, "cco": {level: CSuite, function: Sales},
	"chro": {level: CSuite, function: People}, "cpo": {level: CSuite, function: Product},

	// Boards. Companies House directors and LLP members sit on the board.
	"director": {level: Board, bareDirector: true}, "executive director": {level: Board},
	"company director": {level: Board}, "board director": {level: Board},
	"non executive director": {level: Board, function: Governance}, "ned": {level: Board, function: Governance},
	"non executive": {level: Board, function: Governance}, "board member": {level: Board, function: Governance},
	"chair": {level: Board, function: Governance}, "chairman": {level: Board, function: Governance},
	"chairwoman": {level: Board, function: Governance}, "chairperson": {level: Board, function: Governance},
	"partner": {level: Board}, "llp member": {level: Board}, "llp designated member": {level: Board},
	"designated member": {level: Board},

	// Vice presidents, heads, managers, secretaries.
	"vp": {level: VP}, "vice president": {level: VP}, "svp": {level: VP}, "evp": {level: VP},
	"head": {level: Head}, "general manager": {level: Head, function: Executive},
	"general counsel": {level: Head, function: Legal},
	"manager":         {level: Manager}, "team lead": {level: Manager}, "team leader": {level: Manager},
	"secretary": {level: Secretary, function: Governance}, "company secretary": {level: Secretary, function: Governance},

	// Phrases that contain a level word without being that level.
	"executive assistant":  {level: Other},
	"receiver and manager": {level: Other},

	// Functions.
	"executive": {function: Executive},
	"finance":   {function: Finance}, "financial": {function: Finance}, "accounts": {function: Finance},
	"accountant": {function: Finance}, "accounting": {function: Finance}, "treasurer": {function: Finance},
	"technology": {function: Technology}, "technical": {function: Technology}, "engineering": {function: Technology},
	"engineer": {function: Technology}, "developer": {function: Technology}, "software": {function: Technology},
	"it": {function: Technology}, "data": {function: Technology}, "information": {function: Technology},
	"operations": {function: Operations}, "operating": {function: Operations}, "office": {function: Operations},
	"logistics": {function: Operations}, "supply chain": {function: Operations},
	"sales": {function: Sales}, "commercial": {function: Sales}, "revenue": {function: Sales},
	"business development": {function: Sales}, "account": {function: Sales},
	"marketing": {function: Marketing}, "brand": {function: Marketing}, "communications": {function: Marketing},
	"growth": {function: Marketing},
	"people": {function: People}, "hr": {function: People}, "human resources": {function: People},
	"talent": {function: People}, "recruitment": {function: People},
	"legal": {function: Legal}, "counsel": {function: Legal}, "compliance": {function: Legal},
	"product": {function: Product},
	"design":  {function: Design}, "designer": {function: Design}, "creative": {function: Design},
}

// longestPhrase is the number of words of the longest phrase in rules.
var longestPhrase = func() int {
	n := 0
	for p := range rules {
		n = max(n, len(strings.Fields(p)))
	}
	return n
}()

// longestAt returns the rule of the longest phrase starting at words[i]
// and its length in words; 0 when no phrase starts there.
func longestAt(words []string, i int) (rule, int) {
	for n := min(longestPhrase, len(words)-i); n > 0; n-- {
		if r, ok := rules[strings.Join(words[i:i+n], " ")]; ok {
			return r, n
		}
	}
	return rule{}, 0
}
