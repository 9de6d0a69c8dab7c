package main

import (
	"fmt"
	"strings"
)

type company struct {
	Number   string    `json:"number"`
	Name     string    `json:"name"`
	People   []cperson `json:"people"`
	Mentions []mention `json:"mentions"`
}

type cperson struct {
	ID        string `json:"id"`
	Forenames string `json:"forenames"`
	Surname   string `json:"surname"`
	Born      string `json:"born"`
}

// member is a person at a company with how the sources know them.
type member struct {
	person
	id      string
	officer bool   // on the register as an officer
	owner   bool   // a person with significant control
	known   string // the forename they go by, if not the first
	honour  honour // title or letters shown on their own pages
	suffix  string // generation suffix they always write off the register
	plain   bool   // a look-alike shares surname and initial: no initials-only forms
}

// knownAs picks a short form the person goes by, if they have one.
func (g *gen) knownAs(p person) string {
	if len(p.fore) > 1 && g.chance(0.12) {
		return p.fore[1]
	}
	var opts []string
	for _, n := range nicknames {
		if n.formal == p.first() && n.male == p.male {
			opts = append(opts, n.short)
		}
	}
	if len(opts) > 0 && g.chance(0.5) {
		return g.pick(opts)
	}
	return ""
}

func (g *gen) companies() []company {
	var out []company
	for i := 0; i < 50; i++ {
		out = append(out, g.company(i))
	}
	return out
}

func (g *gen) company(i int) company {
	word, tail := domainWords[i%len(domainWords)], domainTails[(i*7)%len(domainTails)]
	c := company{Number: g.companyNumber(), Name: capFirst(word) + " " + capFirst(tail) + " " + g.pick([]string{"Ltd", "Limited", "LLP", "Ltd"})}
	domain := word + tail + ".co.uk"
	n := 3 + g.r.IntN(6)
	var ms []member
	add := func(p person) {
		ms = append(ms, member{person: p, id: fmt.Sprintf("p%d", len(ms)+1)})
	}
	// a few companies with people whose names are easy to confuse
	switch i % 10 {
	case 1: // father and son with one name
		f := g.newPersonSex(g.randOrigin(), true)
		f.fore = f.fore[:1]
		s := f
		s.born = g.dobNot(f.born, "generation")
		if s.born < f.born {
			f.born, s.born = s.born, f.born
		}
		add(f)
		add(s)
		ms[0].suffix = g.pick([]string{"Sr", "Snr", "Senior"})
		ms[1].suffix = g.pick([]string{"Jr", "Jnr", "Junior"})
	case 3: // siblings
		o := g.randOrigin()
		a := g.newPerson(o)
		b := g.newPerson(o)
		b.sur = a.sur
		if fold(b.first()) == fold(a.first()) {
			b.fore[0] = g.pick(o.male)
			if !b.male {
				b.fore[0] = g.pick(o.female)
			}
		}
		if fold(b.first()) == fold(a.first()) {
			b.fore = []string{a.first() + "a"}
		}
		add(a)
		add(b)
	case 5: // letter-split look-alikes
		s := letterSplits[(i/10)%len(letterSplits)]
		x, y := strings.Fields(s[0]), strings.Fields(s[1])
		add(g.named(x[0], x[1]))
		add(g.named(y[0], y[1]))
	case 7: // gendered pair
		w := gendered[(i/10)*3%len(gendered)]
		a := g.named(w[0], g.pick(originByName("english").surnames))
		a.male = true
		b := g.named(w[1], a.sur)
		b.male, b.title = false, g.titleFor(false)
		add(a)
		add(b)
	}
	for len(ms) < n {
		p := g.newPerson(g.randOrigin())
		clash := false
		for _, m := range ms {
			if fold(m.first()) == fold(p.first()) && fold(m.sur) == fold(p.sur) {
				clash = true
			}
		}
		if !clash {
			add(p)
		}
	}
	owners := 0
	for k := range ms {
		m := &ms[k]
		m.officer = g.chance(0.7) || k < 2
		if (m.officer || g.chance(0.2)) && owners < 2 && g.chance(0.45) {
			m.owner = true
			owners++
		}
		m.known = g.knownAs(m.person)
		if g.chance(0.12) {
			h := honours[g.r.IntN(len(honours))]
			if (h.male == 1 && !m.male) || (h.male == 2 && m.male) {
				h = honour{post: "FCA"}
			}
			m.honour = h
		}
	}
	if owners == 0 {
		ms[0].owner = true
	}
	for a := range ms {
		for b := range ms {
			if a != b && fold(ms[a].sur) == fold(ms[b].sur) && []rune(fold(ms[a].first()))[0] == []rune(fold(ms[b].first()))[0] {
				ms[a].plain = true
			}
		}
	}
	for k := range ms {
		c.Mentions = append(c.Mentions, g.memberMentions(&ms[k], c.Number, domain)...)
	}
	// mentions that are not a person
	if i%4 == 2 {
		m := g.officer(fmt.Sprintf(g.pick(corporateForms), upper(word)), "")
		m.Role = "corporate-secretary"
		c.Mentions = append(c.Mentions, m)
	}
	if i%6 == 4 {
		h := g.handle(ms[0].nat())
		c.Mentions = append(c.Mentions, mention{Source: "x", Name: "@" + h, Ref: "https://x.com/" + h})
	}
	if i%9 == 8 {
		c.Mentions = append(c.Mentions, mention{Source: "facebook", Name: capFirst(word) + " " + capFirst(tail), Ref: "https://www.facebook.com/" + word + tail})
	}
	if i%11 == 6 {
		m := g.oc(upper(ms[0].sur) + " HOLDINGS LIMITED")
		m.Role = "corporate-director"
		c.Mentions = append(c.Mentions, m)
	}
	for _, m := range ms {
		c.People = append(c.People, cperson{ID: m.id, Forenames: m.forenames(), Surname: m.sur, Born: m.born})
	}
	// interleave sources as a provider fan-in would: shuffle deterministically
	g.r.Shuffle(len(c.Mentions), func(a, b int) { c.Mentions[a], c.Mentions[b] = c.Mentions[b], c.Mentions[a] })
	pscs := 0
	for _, m := range c.Mentions {
		if m.Role == "person-with-significant-control" {
			pscs++
		}
	}
	for k := range c.Mentions {
		if pscs > 1 && c.Mentions[k].Role == "person-with-significant-control" {
			c.Mentions[k].Natures = natures[0] // two owners hold 25 to 50 percent each
		}
		if c.Mentions[k].Natures == nil {
			c.Mentions[k].Natures = []string{}
		}
	}
	return c
}

// memberMentions renders one person on one to four sources.
func (g *gen) memberMentions(m *member, number, domain string) []mention {
	var out []mention
	first := m.first()
	if m.known != "" {
		first = m.known
	}
	everyday := first + " " + m.sur
	if m.suffix != "" {
		everyday += " " + m.suffix
	}
	fixed := m.suffix != "" // a father or son: always the suffixed name
	used := map[string]bool{}
	if m.officer {
		name := m.reg()
		if m.honour.reg != "" && g.chance(0.5) {
			name = g.withTitle(m.person, m.honour.reg)
		}
		o := g.officer(name, m.born)
		o.Role = g.pick([]string{"director", "director", "director", "secretary"})
		o.Person = m.id
		out = append(out, o)
		used["companies_house"] = true
	}
	if m.owner {
		title := m.title
		if m.honour.reg != "" {
			title = m.honour.reg
		}
		name := title + " " + m.forenames() + " " + m.sur
		if len(m.fore) > 1 && g.chance(0.2) {
			name = title + " " + m.first() + " " + m.sur
		}
		p := g.pscM(name, m.born)
		p.Ref = "/company/" + number + "/persons-with-significant-control/individual/" + g.chID()
		p.Person = m.id
		out = append(out, p)
		used["companies_house"] = true
	}
	limit := 1 + g.r.IntN(4)
	if len(used) == 0 {
		limit = 1 + g.r.IntN(3)
	}
	want := []string{"website", "linkedin", "x", "opencorporates", "facebook"}
	g.r.Shuffle(len(want), func(a, b int) { want[a], want[b] = want[b], want[a] })
	for _, src := range want {
		if len(used) >= limit && len(out) > 0 {
			break
		}
		if src == "opencorporates" && !m.officer {
			continue
		}
		if src == "facebook" && g.chance(0.6) {
			continue
		}
		var x mention
		if fixed && (src == "opencorporates" || src == "facebook") {
			continue
		}
		switch src {
		case "website":
			name := everyday
			switch r := g.r.IntN(6); {
			case r == 0:
				name = g.withRole(everyday)
			case r == 1 && !fixed:
				name = decorate(m.honour, everyday)
			case r == 2 && !fixed && m.known != "" && m.known != m.fore[len(m.fore)-1]:
				name = fmt.Sprintf(g.pick(bracketForms), m.first(), m.known, m.sur)
			}
			x = g.web(name, "")
			x.Ref = "https://www." + domain + g.pick([]string{"/about", "/team", "/our-people"})
		case "linkedin":
			name := everyday
			switch r := g.r.IntN(5); {
			case fixed:
			case r == 0 && m.honour.post != "":
				name = everyday + " " + m.honour.post
			case r == 0:
				name = everyday + g.pick([]string{", FCA", ", ACCA", " MBA", ""})
			case r == 1 && m.known != "" && m.known != m.fore[len(m.fore)-1]:
				name = fmt.Sprintf(g.pick(bracketForms), m.first(), m.known, m.sur)
			case r == 2 && !m.plain:
				name = initialsOf(m.fore, true, true) + " " + m.sur
			}
			x = g.li(name, everyday)
		case "x":
			name := everyday
			switch r := g.r.IntN(5); {
			case fixed:
			case r == 0:
				name = upper(m.sur) + " " + first
			case r == 1:
				name = everyday + " " + g.pick([]string{"🚀", "✨", "🏴", "🇬🇧", "☕"})
			case r == 2:
				name = strings.ToLower(everyday)
			}
			x = g.x(name, everyday)
		case "opencorporates":
			x = g.oc(upper(m.full()))
		case "facebook":
			x = g.fb(everyday, everyday)
		}
		x.Person = m.id
		out = append(out, x)
		used[src] = true
	}
	return out
}
