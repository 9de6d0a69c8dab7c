package people

import "strings"

// roleRank orders roles by seniority; it is also the evidence class Same
// compares, so a "Managing Director" on a website and a Companies House
// "director" count as the same kind of role.
type roleRank int

// The role classes, most senior first.
const (
	rankDirector roleRank = iota
	rankPSC
	rankSecretary
	rankOther
)

// directorWords name board-level roles; a website's CEO or founder is, for
// a lead, a director.
var directorWords = set("director", "directors", "ceo", "cfo", "coo",
	"cto", "md", "chief", "founder", "cofounder", "chair", "chairman",
	"chairwoman", "chairperson", "president", "partner", "member",
	"principal", "proprietor")

// pscWords name owners: Companies House persons with significant control
// and beneficial owners.
var pscWords = set("psc", "significant", "owner", "shareholder", "beneficial")

// secretaryWords name company secretaries.
var secretaryWords = set("secretary", "secretaries")

// rankOf classifies a provider's free-text role; a role naming two
// classes ("director and secretary") takes the more senior.
func rankOf(role string) roleRank {
	switch {
	case hasToken(role, directorWords) || strings.Contains(key(role), "director"):
		return rankDirector
	case hasToken(role, pscWords):
		return rankPSC
	case hasToken(role, secretaryWords):
		return rankSecretary
	}
	return rankOther
}
