package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// mention is one Executive as a source would publish it.
type mention struct {
	Source    string   `json:"source"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	Appointed string   `json:"appointed_on"`
	Born      string   `json:"born"`
	Ref       string   `json:"ref"`
	Natures   []string `json:"natures_of_control"`
	Person    string   `json:"person"`
}

// pair is one labelled row of pairs.csv. hard is only meaningful for
// negatives: the two names look alike.
type pair struct {
	cat  string
	a, b mention
	same bool
	hard bool
	note string
}

// person is the real person a mention is rendered from.
type person struct {
	title  string   // Mr, Mrs, Ms, Miss, Dr ...
	fore   []string // forenames in register order
	sur    string
	born   string // YYYY-MM
	male   bool
	origin string
}

func (p person) first() string     { return p.fore[0] }
func (p person) forenames() string { return strings.Join(p.fore, " ") }

// reg is the Companies House officer form "SURNAME, Forenames".
func (p person) reg() string { return upper(p.sur) + ", " + p.forenames() }

// pscName is the PSC name line "Mr Forenames Surname".
func (p person) pscName() string { return p.title + " " + p.forenames() + " " + p.sur }

// nat is the everyday "First Surname".
func (p person) nat() string { return p.first() + " " + p.sur }

// full is "Forenames Surname".
func (p person) full() string { return p.forenames() + " " + p.sur }

func upper(s string) string { return strings.ToUpper(s) }

// gen holds the seeded source of every random choice.
type gen struct {
	r     *rand.Rand
	pairs []pair
}

func (g *gen) pick(ss []string) string { return ss[g.r.IntN(len(ss))] }
func (g *gen) chance(p float64) bool   { return g.r.Float64() < p }

func (g *gen) dob() string {
	return fmt.Sprintf("%04d-%02d", 1948+g.r.IntN(50), 1+g.r.IntN(12))
}

// dobNot returns a date of birth differing from d: by decades (a parent or
// child), by a few years, or (hard) by months in the same year.
func (g *gen) dobNot(d string, kind string) string {
	var y, m int
	fmt.Sscanf(d, "%d-%d", &y, &m)
	for {
		ny, nm := y, m
		switch kind {
		case "generation":
			ny = y + 24 + g.r.IntN(8)
			if (g.chance(0.5) || ny > 2004) && y-26 > 1932 {
				ny = y - 24 - g.r.IntN(8)
			}
			nm = 1 + g.r.IntN(12)
		case "month":
			nm = 1 + g.r.IntN(12)
		default:
			ny = y + (1+g.r.IntN(12))*(1-2*g.r.IntN(2))
			nm = 1 + g.r.IntN(12)
		}
		if (ny != y || nm != m) && ny >= 1932 && ny <= 2004 {
			return fmt.Sprintf("%04d-%02d", ny, nm)
		}
	}
}

func (g *gen) date(fromYear int) string {
	return fmt.Sprintf("%04d-%02d-%02d", fromYear+g.r.IntN(2025-fromYear), 1+g.r.IntN(12), 1+g.r.IntN(28))
}

const idChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"

func (g *gen) chID() string {
	b := make([]byte, 27)
	for i := range b {
		b[i] = idChars[g.r.IntN(len(idChars))]
	}
	return string(b)
}

func (g *gen) companyNumber() string {
	if g.chance(0.12) {
		return fmt.Sprintf("SC%06d", 100000+g.r.IntN(800000))
	}
	return fmt.Sprintf("%08d", 1000000+g.r.IntN(14000000))
}

var domainWords = []string{"ashgrove", "northbank", "ridgeway", "kestrel", "harbourline", "thistle", "redkite",
	"brightwell", "oakhurst", "calder", "severn", "pennine", "lowther", "marlow", "tamar", "fenwick", "orchardgate",
	"blackthorn", "claymore", "dunmore", "tyne", "mersey", "wyvern", "cobalt", "larch", "heron", "granite", "solent"}
var domainTails = []string{"consulting", "group", "labs", "partners", "engineering", "foods", "digital", "homes",
	"logistics", "studio", "health", "legal", "energy", "capital", "systems", "design"}

func (g *gen) domain() string {
	return g.pick(domainWords) + g.pick(domainTails) + g.pick([]string{".co.uk", ".co.uk", ".com", ".uk"})
}

// fold lower-cases and strips marks and punctuation for handles and slugs.
func fold(s string) string {
	rep := map[rune]string{'ł': "l", 'Ł': "l", 'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'đ': "d", 'ı': "i", 'þ': "th"}
	var b strings.Builder
	for _, r := range s {
		if x, ok := rep[r]; ok {
			b.WriteString(x)
			continue
		}
		r = unicode.ToLower(r)
		if base, ok := stripMark[r]; ok {
			r = base
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else if r == ' ' || r == '-' {
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

var stripMark = func() map[rune]rune {
	m := map[rune]rune{}
	for base, list := range map[rune]string{
		'a': "àáâãäåąă", 'c': "çćč", 'e': "èéêëęě", 'i': "ìíîïı", 'n': "ñńň", 'o': "òóôõöő", 'u': "ùúûüůű",
		'y': "ýÿ", 's': "śšş", 'z': "źżž", 'r': "ř", 'g': "ğ", 'l': "ľĺ", 't': "ťţ", 'd': "ď",
	} {
		for _, r := range list {
			m[r] = base
		}
	}
	return m
}()

func (g *gen) handle(natural string) string {
	parts := strings.Fields(fold(natural))
	if len(parts) == 0 {
		return "user" + fmt.Sprint(g.r.IntN(9999))
	}
	first, last := parts[0], parts[len(parts)-1]
	switch g.r.IntN(5) {
	case 0:
		return first + last
	case 1:
		return first + "_" + last
	case 2:
		return first[:1] + last
	case 3:
		return first + last + fmt.Sprint(10+g.r.IntN(89))
	default:
		return last + first[:1]
	}
}

func (g *gen) slug(natural string) string {
	parts := strings.Fields(fold(natural))
	s := strings.Join(parts, "-")
	if g.chance(0.6) {
		s += fmt.Sprintf("-%x", 0x1000+g.r.IntN(0xeffff))
	}
	return s
}

var natures = [][]string{
	{"ownership-of-shares-25-to-50-percent", "voting-rights-25-to-50-percent"},
	{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent", "right-to-appoint-and-remove-directors"},
	{"ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent", "right-to-appoint-and-remove-directors"},
	{"ownership-of-shares-25-to-50-percent"},
	{"significant-influence-or-control"},
}

var chRoles = []string{"director", "director", "director", "director", "secretary", "llp-designated-member", "llp-member"}
var siteRoles = []string{"Founder & CEO", "Managing Director", "Finance Director", "Operations Director", "Co-founder",
	"Chief Technology Officer", "Head of Sales", "Director", "Partner", "Chair", "Commercial Director", "Head of People"}

// officer renders a Companies House officer.
func (g *gen) officer(name, born string) mention {
	return mention{Source: "companies_house", Name: name, Role: g.pick(chRoles), Appointed: g.date(2003),
		Born: born, Ref: "/officers/" + g.chID() + "/appointments"}
}

// pscM renders a Companies House person with significant control.
func (g *gen) pscM(name, born string) mention {
	return mention{Source: "companies_house", Name: name, Role: "person-with-significant-control",
		Appointed: g.date(2016), Born: born, Natures: natures[g.r.IntN(len(natures))],
		Ref: "/company/" + g.companyNumber() + "/persons-with-significant-control/individual/" + g.chID()}
}

func (g *gen) web(name, role string) mention {
	if role == "" {
		role = g.pick(siteRoles)
	}
	return mention{Source: "website", Name: name, Role: role, Ref: "https://www." + g.domain() + g.pick([]string{"/about", "/team", "/about-us", "/our-people", "/"})}
}

func (g *gen) x(name, natural string) mention {
	role := ""
	if g.chance(0.3) {
		role = g.pick(siteRoles)
	}
	return mention{Source: "x", Name: name, Role: role, Ref: "https://x.com/" + g.handle(natural)}
}

func (g *gen) li(name, natural string) mention {
	return mention{Source: "linkedin", Name: name, Role: g.pick(siteRoles), Ref: "https://www.linkedin.com/in/" + g.slug(natural)}
}

func (g *gen) fb(name, natural string) mention {
	return mention{Source: "facebook", Name: name, Role: "", Ref: "https://www.facebook.com/" + strings.ReplaceAll(fold(natural), " ", ".")}
}

func (g *gen) oc(name string) mention {
	return mention{Source: "opencorporates", Name: name, Role: g.pick([]string{"director", "secretary"}), Appointed: g.date(2003),
		Ref: fmt.Sprintf("https://opencorporates.com/officers/%d", 100000000+g.r.IntN(800000000))}
}

// display renders a display name on a random non-register source.
func (g *gen) display(name, natural string) mention {
	switch g.r.IntN(10) {
	case 0, 1, 2, 3:
		return g.web(name, "")
	case 4, 5, 6:
		return g.li(name, natural)
	case 7, 8:
		return g.x(name, natural)
	default:
		return g.fb(name, natural)
	}
}

// register renders a person from the register: officer or PSC.
func (g *gen) register(p person) mention {
	if g.chance(0.7) {
		return g.officer(p.reg(), p.born)
	}
	return g.pscM(p.pscName(), p.born)
}

// any renders p on any source in a plain form.
func (g *gen) any(p person) mention {
	switch g.r.IntN(6) {
	case 0, 1:
		return g.register(p)
	case 2:
		return g.oc(upper(p.full()))
	default:
		return g.display(p.nat(), p.nat())
	}
}

func (g *gen) add(cat string, a, b mention, same bool, note string) {
	if g.chance(0.5) {
		a, b = b, a
	}
	g.pairs = append(g.pairs, pair{cat: cat, a: a, b: b, same: same, hard: !same, note: note})
}

func (g *gen) addEasy(cat string, a, b mention, note string) {
	if g.chance(0.5) {
		a, b = b, a
	}
	g.pairs = append(g.pairs, pair{cat: cat, a: a, b: b, same: false, hard: false, note: note})
}

func capFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[:1])) + string(r[1:])
}
