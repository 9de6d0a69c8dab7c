package main

import (
	"fmt"
	"strings"
)

// letterSplits are two different people whose names run together into
// nearly the same letters.
var letterSplits = [][2]string{
	{"Eva Nash", "Evan Ash"}, {"Ann Ewing", "Anne Wing"}, {"Jo Nash", "Jon Ash"}, {"Carlo Wen", "Carl Owen"},
	{"Leo Nash", "Leon Ash"}, {"Leo Newing", "Leon Ewing"}, {"Iva Nash", "Ivan Ash"}, {"Eva Newing", "Evan Ewing"},
	{"Elle Nash", "Ellen Ash"}, {"Laure Nash", "Lauren Ash"}, {"Jan Ewing", "Jane Wing"}, {"Jo Newing", "Jon Ewing"},
	{"Joan Newing", "Joann Ewing"}, {"Maria Nash", "Marian Ash"}, {"Julia Nash", "Julian Ash"}, {"Julia Newing", "Julian Ewing"},
	{"Maria Newing", "Marian Ewing"}, {"Glen Nash", "Glenn Ash"}, {"Lyn Nash", "Lynn Ash"}, {"Glen Newing", "Glenn Ewing"},
	{"Rona Nash", "Ronan Ash"}, {"Rona Newing", "Ronan Ewing"}, {"Ewa Nash", "Ewan Ash"}, {"Eva Noakes", "Evan Oakes"},
	{"Ann Noakes", "Anne Oakes"}, {"Jo Noakes", "Jon Oakes"}, {"Eva Nelson", "Evan Elson"}, {"Ann Nelson", "Anne Elson"},
	{"Ros Sharp", "Ross Harp"}, {"Ros Shaw", "Ross Haw"}, {"Lyn Noakes", "Lynn Oakes"}, {"Bria Nash", "Brian Ash"},
}

func (g *gen) letterSplit() {
	const cat = "letter_split"
	for i, s := range letterSplits {
		a, b := strings.Fields(s[0]), strings.Fields(s[1])
		p, q := g.named(a[0], a[1]), g.named(b[0], b[1])
		switch i % 3 {
		case 0:
			g.add(cat, g.register(p), g.display(q.nat(), q.nat()), false, "hard: "+s[0]+" and "+s[1]+" split the same letters differently")
		default:
			g.add(cat, g.display(p.nat(), p.nat()), g.display(q.nat(), q.nat()), false, "hard: "+s[0]+" and "+s[1]+" split the same letters differently")
		}
		if i%4 == 0 {
			g.add(cat, g.oc(upper(p.nat())), g.register(q), false, "hard: upper-case run-together look-alike")
		}
	}
	// the same split name written two ways is one person
	for _, s := range letterSplits[:12] {
		a := strings.Fields(s[0])
		p := g.named(a[0], a[1])
		g.add(cat, g.register(p), g.display(p.nat(), p.nat()), true, "control: the same person, register vs display")
	}
}

var gendered = [][2]string{{"Christian", "Christina"}, {"Francesco", "Francesca"}, {"Daniel", "Danielle"}, {"Paul", "Paula"},
	{"Louis", "Louise"}, {"Jean", "Jeanne"}, {"Robert", "Roberta"}, {"Nicholas", "Nicola"}, {"George", "Georgia"},
	{"Joseph", "Josephine"}, {"Alexander", "Alexandra"}, {"Gabriel", "Gabrielle"}, {"Michael", "Michaela"},
	{"Patrick", "Patricia"}, {"Carl", "Carla"}, {"Eric", "Erica"}, {"Justin", "Justine"}, {"Dominic", "Dominique"},
	{"Stephen", "Stephanie"}, {"Antonio", "Antonia"}, {"Oliver", "Olivia"}, {"Philip", "Philippa"}, {"Henry", "Henrietta"},
	{"Leon", "Leona"}, {"Martin", "Martina"}, {"Kristian", "Kristina"}, {"Jan", "Jana"}, {"Julius", "Julia"},
	{"Aleksander", "Aleksandra"}, {"Frederick", "Frederica"}, {"Bernard", "Bernadette"}, {"Ivan", "Ivana"}}

var genderedSurnames = split("Rossi Bianchi Martin Dubois Hughes Walker Marsh Kowalski|Kowalska Novak Fitzgerald Lyons Carter Ivanov|Ivanova Popescu Wiśniewski|Wiśniewska Bennett Murphy Gallagher")

func (g *gen) genderedForename() {
	const cat = "gendered_forename"
	for i, w := range gendered {
		s := g.pick(genderedSurnames)
		p := person{fore: []string{w[0]}, sur: surnameFor(s, true), born: g.dob(), male: true, title: "Mr"}
		q := person{fore: []string{w[1]}, sur: surnameFor(s, false), born: g.dob(), male: false, title: g.titleFor(false)}
		note := "hard: " + w[0] + " and " + w[1] + " are different people (spouses or siblings)"
		switch i % 3 {
		case 0:
			g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, note)
		case 1:
			g.add(cat, g.register(p), g.display(q.nat(), q.nat()), false, note)
		default:
			g.add(cat, g.display(p.nat(), p.nat()), g.display(q.nat(), q.nat()), false, note)
		}
		if i%3 == 0 {
			g.add(cat, g.display(q.nat(), q.nat()), g.register(p), false, note)
		}
	}
	for _, w := range gendered[:12] {
		q := person{fore: []string{w[1]}, sur: g.pick(split("Rossi Hughes Marsh Carter Bennett Murphy")), born: g.dob(), male: false, title: "Ms"}
		g.add(cat, g.register(q), g.display(q.nat(), q.nat()), true, "control: the same woman on two sources")
	}
}

var suffixPairs = [][2]string{{"Jr", "Sr"}, {"Jnr", "Snr"}, {"Junior", "Senior"}, {"II", "Sr"}, {"III", "II"}, {"Jr.", "Sr."}}

func (g *gen) generationSuffix() {
	const cat = "generation_suffix"
	for i := 0; i < 28; i++ {
		o := originByName(g.pick([]string{"english", "english", "welsh", "scottish", "irish", "westafrican"}))
		father := g.newPersonSex(o, true)
		father.fore = father.fore[:1]
		son := father
		son.born = g.dobNot(father.born, "generation")
		if son.born < father.born {
			father.born, son.born = son.born, father.born
		}
		sp := suffixPairs[g.r.IntN(len(suffixPairs))]
		switch i % 4 {
		case 0: // son with suffix on the register vs father without it
			g.add(cat, g.officer(son.reg()+", "+sp[0], son.born), g.officer(father.reg(), father.born), false,
				"hard: father and son, suffix on one side, birth dates a generation apart")
		case 1: // PSC son with suffix vs father officer
			g.add(cat, g.pscM("Mr "+son.forenames()+" "+son.sur+" "+sp[0], son.born), g.officer(father.reg(), father.born), false,
				"hard: son's PSC record vs father's directorship")
		case 2: // two profiles with conflicting suffixes
			a, b := son.nat()+" "+sp[0], father.nat()+" "+sp[1]
			g.add(cat, g.display(a, son.nat()), g.display(b, father.nat()), false, "hard: "+sp[0]+" and "+sp[1]+" are two generations")
		default: // both on the register without suffixes, DOB tells them apart
			g.add(cat, g.pscM(father.pscName(), father.born), g.officer(son.reg(), son.born), false,
				"hard: same name, no suffix, birth dates a generation apart")
		}
	}
	for i := 0; i < 26; i++ {
		o := originByName(g.pick([]string{"english", "english", "welsh", "scottish", "irish", "westafrican"}))
		p := g.newPersonSex(o, true)
		sp := suffixPairs[g.r.IntN(len(suffixPairs))]
		switch i % 3 {
		case 0: // suffix written on the register, omitted on the PSC, same DOB
			g.add(cat, g.officer(p.reg()+", "+sp[0], p.born), g.pscM(p.pscName(), p.born), true, "suffix written once and omitted once, same birth date")
		case 1: // suffix on the PSC, officer without, same DOB
			g.add(cat, g.pscM(p.pscName()+" "+sp[0], p.born), g.officer(p.reg(), p.born), true, "suffix on the PSC only, same birth date")
		default: // two spellings of the same suffix
			alt := map[string]string{"Jr": "Junior", "Jnr": "Jr.", "Junior": "Jnr", "II": "2nd", "III": "3rd", "Jr.": "Jr"}[sp[0]]
			g.add(cat, g.display(p.nat()+" "+sp[0], p.nat()), g.display(p.nat()+" "+alt, p.nat()), true, "the same suffix spelt two ways")
		}
	}
}

var commonNames = [][2]string{{"David", "Jones"}, {"John", "Smith"}, {"Mohammed", "Khan"}, {"Sarah", "Williams"}, {"Gareth", "Davies"},
	{"Wei", "Zhang"}, {"Paul", "Evans"}, {"Michael", "Brown"}, {"Mohammed", "Ali"}, {"Rajesh", "Patel"}, {"Amit", "Patel"},
	{"Emma", "Wilson"}, {"James", "Taylor"}, {"Ian", "Campbell"}, {"Sean", "Murphy"}, {"Olumide", "Adeyemi"}, {"Piotr", "Nowak"},
	{"Li", "Wang"}, {"Robert", "Jones"}, {"Susan", "Thomas"}, {"Andrew", "Stewart"}, {"Karen", "Roberts"}, {"Imran", "Hussain"},
	{"Peter", "Kelly"}, {"Rachel", "Green"}, {"Kwame", "Mensah"}, {"Priya", "Shah"}, {"Thomas", "Evans"}}

func (g *gen) sameNameDOB() {
	const cat = "same_name_dob"
	for i := 0; i < 36; i++ {
		c := commonNames[i%len(commonNames)]
		p := g.named(c[0], c[1])
		switch i % 3 {
		case 0:
			g.add(cat, g.officer(p.reg(), p.born), g.pscM(p.pscName(), p.born), true, "common name, same birth month and year, director and PSC")
		case 1:
			a := g.officer(p.reg(), p.born)
			b := a
			b.Role = "secretary"
			if a.Role == "secretary" {
				b.Role = "director"
			}
			b.Appointed = g.date(2003)
			g.add(cat, a, b, true, "one officer holding two appointments (same officer link and birth date)")
		default:
			a := g.officer(p.reg(), p.born)
			b := g.officer(p.reg(), p.born)
			g.add(cat, a, b, true, "same name and birth date under two officer links (register not linked)")
		}
	}
	for i := 0; i < 30; i++ {
		c := commonNames[(i*5)%len(commonNames)]
		p := g.named(c[0], c[1])
		q := p
		kind, note := "", "hard: common name, birth year differs"
		switch i % 3 {
		case 0:
			kind, note = "month", "hard: common name, same name, birth month differs"
		case 1:
			kind, note = "generation", "hard: common name, birth dates a generation apart"
		}
		q.born = g.dobNot(p.born, kind)
		if i%2 == 0 {
			g.add(cat, g.officer(p.reg(), p.born), g.officer(q.reg(), q.born), false, note)
		} else {
			g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, note)
		}
	}
}

var corporateForms = []string{"%s HOLDINGS LIMITED", "%s & CO TRUSTEES LIMITED", "%s NOMINEES LTD", "%s & PARTNERS LLP",
	"THE %s FAMILY TRUST", "%s PROPERTIES LTD", "%s COSEC LIMITED", "%s SECRETARIES LIMITED", "%s & SONS LIMITED", "%s GROUP PLC"}

func (g *gen) notAPerson() {
	const cat = "not_a_person"
	corp := func(name string) mention {
		if g.chance(0.6) {
			m := g.officer(name, "")
			m.Role = g.pick([]string{"corporate-secretary", "corporate-director", "corporate-nominee-director", "corporate-llp-member"})
			return m
		}
		m := g.oc(name)
		return m
	}
	// corporate names built from a person's surname or whole name
	for i := 0; i < 12; i++ {
		p := g.newPerson(g.randOrigin())
		var name string
		if i%4 == 0 {
			name = upper(p.sur) + " " + upper(p.first()) + " " + g.pick([]string{"LIMITED", "LLP", "LTD"})
		} else {
			name = fmt.Sprintf(g.pick(corporateForms), upper(p.sur))
		}
		g.add(cat, corp(name), g.any(p), false, "hard: a company carrying the person's name")
	}
	fixed := [][2]string{{"SPENCER STUART", "Stuart Spencer"}, {"SPENCER STUART", "SPENCER, Stuart James"}, {"JORDAN COSEC LIMITED", "Jordan Cole"},
		{"Smith & Co Trustees", "John Smith"}, {"MORGAN PRICE LLP", "Morgan Price"}, {"HARRIS HOLDINGS LTD", "HARRIS, Holly"},
		{"OKAFOR & CO SOLICITORS", "Chidi Okafor"}, {"PATEL FAMILY TRUST", "Rajesh Patel"}, {"KHAN PROPERTIES LTD", "KHAN, Imran"},
		{"GRANT THORNTON UK LLP", "Grant Thornton"}, {"BAKER TILLY NOMINEES LIMITED", "Tilly Baker"}, {"ELLIS JONES SOLICITORS LLP", "Ellis Jones"}}
	for _, f := range fixed {
		var b mention
		if strings.Contains(f[1], ",") {
			b = g.officer(f[1], g.dob())
		} else {
			b = g.display(f[1], f[1])
		}
		a := corp(f[0])
		if !strings.Contains(f[0], "LIMITED") && !strings.Contains(f[0], "LTD") && !strings.Contains(f[0], "LLP") {
			a = g.officer(f[0], "")
			a.Role = "corporate-secretary"
		}
		g.add(cat, a, b, false, "hard: firm name that reads like a person")
	}
	// handles in the name field
	for i := 0; i < 10; i++ {
		p := g.newPerson(g.randOrigin())
		h := g.handle(p.nat())
		name := h
		if i%2 == 0 {
			name = "@" + h
		}
		x := mention{Source: "x", Name: name, Ref: "https://x.com/" + h}
		g.add(cat, x, g.any(p), false, "hard: an X handle used as the name is not a person name")
	}
	// brand accounts and team pages
	for i := 0; i < 8; i++ {
		p := g.newPerson(g.randOrigin())
		d := g.domain()
		word := strings.SplitN(d, ".", 2)[0]
		brand := capFirst(word)
		name := g.pick([]string{brand, brand + " ☕", "Team " + brand, brand + " Ltd", "The " + brand + " Team", "Info " + brand})
		src := g.pick([]string{"x", "facebook", "linkedin"})
		ref := map[string]string{"x": "https://x.com/", "facebook": "https://www.facebook.com/", "linkedin": "https://www.linkedin.com/company/"}[src] + word
		g.add(cat, mention{Source: src, Name: name, Ref: ref}, g.any(p), false,
			"easy: a brand account, not a person")
		g.pairs[len(g.pairs)-1].hard = false
	}
	for i := 0; i < 10; i++ {
		p := g.newPerson(g.randOrigin())
		name := fmt.Sprintf(g.pick(corporateForms), upper(g.pick(domainWords)))
		g.addEasy(cat, corp(name), g.any(p), "easy: a corporate officer and an unrelated person")
	}
}

func (g *gen) directorPSC() {
	const cat = "director_psc"
	for i := 0; i < 56; i++ {
		p := g.newPerson(g.randOrigin())
		name := p.pscName()
		note := "director and PSC records of one person, same birth date"
		if len(p.fore) > 1 && g.chance(0.25) {
			name = p.title + " " + p.first() + " " + p.sur
			note = "PSC without the middle name, same birth date"
		}
		g.add(cat, g.officer(p.reg(), p.born), g.pscM(name, p.born), true, note)
	}
	for i := 0; i < 14; i++ {
		p := g.newPersonSex(g.randOrigin(), true)
		q := p
		q.born = g.dobNot(p.born, "generation")
		g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, "hard: same name, PSC is a parent or child (birth dates a generation apart)")
	}
	for i := 0; i < 10; i++ {
		o := g.randOrigin()
		p := g.newPersonSex(o, true)
		q := g.newPersonSex(o, false)
		q.sur = p.sur
		if o.name == "polish" || o.name == "easteuropean" {
			for _, s := range o.surnames {
				if surnameFor(s, true) == p.sur {
					q.sur = surnameFor(s, false)
				}
			}
		}
		g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, "hard: spouse with the same surname is the PSC")
	}
	g.easy(cat, 12, g.randOrigin, func(p person) mention { return g.officer(p.reg(), p.born) }, func(p person) mention { return g.pscM(p.pscName(), p.born) })
}

var nearForenames = [][2]string{{"John", "Jon"}, {"Stephen", "Steven"}, {"Claire", "Clare"}, {"Catherine", "Kathryn"},
	{"Philip", "Phillip"}, {"Sarah", "Sara"}, {"Mark", "Marc"}, {"Alan", "Allan"}, {"Geoffrey", "Jeffrey"}, {"Rebecca", "Rebekah"},
	{"Ann", "Anne"}, {"Matthew", "Mathew"}, {"Shaun", "Sean"}, {"Lindsay", "Lindsey"}, {"Carl", "Karl"}, {"Neil", "Niall"}}

var nearSurnames = [][2]string{{"Smith", "Smyth"}, {"Thompson", "Thomson"}, {"Clark", "Clarke"}, {"Mackay", "McKay"},
	{"Philips", "Phillips"}, {"Reid", "Reed"}, {"Stewart", "Stuart"}, {"Matthews", "Mathews"}, {"Davies", "Davis"},
	{"Patel", "Patil"}, {"Khan", "Kahn"}, {"Chen", "Cheng"}, {"Grey", "Gray"}, {"Byrne", "Burn"}, {"Adeyemi", "Adeyemo"}}

func (g *gen) differentPeopleSimilar() {
	const cat = "different_people_similar"
	for i := 0; i < 15; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPerson(o)
		q.sur = p.sur
		if o.name == "polish" || o.name == "easteuropean" {
			for _, s := range o.surnames {
				if surnameFor(s, p.male) == p.sur {
					q.sur = surnameFor(s, q.male)
				}
			}
		}
		if fold(q.first()) == fold(p.first()) || strings.Contains(p.forenames(), q.first()) || strings.Contains(q.forenames(), p.first()) {
			i--
			continue
		}
		g.add(cat, g.any(p), g.any(q), false, "hard: same surname, other forename (siblings or spouses at one company)")
	}
	for _, n := range nearForenames {
		p := g.named(n[0], g.pick(originByName("english").surnames))
		q := g.named(n[1], p.sur)
		q.born = g.dobNot(p.born, "")
		g.add(cat, g.officer(p.reg(), p.born), g.register(q), false, "hard: near-identical forenames, birth dates differ")
	}
	for _, n := range nearSurnames {
		f := g.pick(originByName("english").male)
		p := g.named(f, n[0])
		q := g.named(f, n[1])
		q.born = g.dobNot(p.born, "")
		g.add(cat, g.register(p), g.register(q), false, "hard: near-identical surnames, birth dates differ")
	}
	close := [][2]string{{"John Smith", "Jon Smyth"}, {"Stephen Thomson", "Steven Thompson"}, {"Clare Reid", "Claire Reed"},
		{"Mark Davies", "Marc Davis"}, {"Sara Patel", "Sarah Patil"}, {"Alan Grey", "Allan Gray"}, {"Philip Mathews", "Phillip Matthews"},
		{"Catherine Clark", "Kathryn Clarke"}, {"Sean Byrne", "Shaun Burn"}, {"Carl Stewart", "Karl Stuart"}, {"Neil Mackay", "Niall McKay"},
		{"Rebecca Smyth", "Rebekah Smith"}}
	for _, c := range close {
		a, b := strings.Fields(c[0]), strings.Fields(c[1])
		p, q := g.named(a[0], a[1]), g.named(b[0], b[1])
		q.born = g.dobNot(p.born, "")
		g.add(cat, g.register(p), g.register(q), false, "hard: both names a letter or two apart, birth dates differ")
	}
	for i := 0; i < 10; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPersonSex(o, p.male)
		q.fore = []string{p.first()}
		if fold(q.sur) == fold(p.sur) {
			i--
			continue
		}
		q.born = g.dobNot(p.born, "")
		g.add(cat, g.officer(p.reg(), p.born), g.register(q), false, "hard: same forename, other surname of the same origin, birth dates differ")
	}
}

func (g *gen) unrelated() {
	const cat = "unrelated"
	g.easy(cat, 250, g.randOrigin, g.any, g.any)
}

func (g *gen) formattingNoise() {
	const cat = "formatting_noise"
	forms := []struct {
		f    func(p person) string
		note string
	}{
		{func(p person) string { return upper(p.nat()) }, "all capitals"},
		{func(p person) string { return strings.ToLower(p.nat()) }, "all lower case"},
		{func(p person) string { return p.first() + "  " + p.sur + " " }, "extra spaces"},
		{func(p person) string { return p.nat() + " 🚀" }, "emoji after the name"},
		{func(p person) string { return "✨ " + p.nat() + " ✨" }, "emoji around the name"},
		{func(p person) string { return p.nat() + "." }, "trailing full stop"},
		{func(p person) string { return p.first() + "\u00a0" + p.sur }, "non-breaking space"},
		{func(p person) string { return p.nat() + " 🇬🇧🏴" }, "flags after the name"},
		{func(p person) string {
			if p.male {
				return p.nat() + " (he/him)"
			}
			return p.nat() + " (she/her)"
		}, "pronouns after the name"},
		{func(p person) string { return p.first() + " " + upper(p.sur) }, "surname in capitals, natural order"},
	}
	for i := 0; i < 56; i++ {
		p := g.newPerson(g.randOrigin())
		f := forms[i%len(forms)]
		g.add(cat, g.any(p), g.display(f.f(p), p.nat()), true, f.note)
	}
	for i := 0; i < 12; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPersonSex(o, p.male)
		q.sur = p.sur
		if fold(q.first()) == fold(p.first()) || strings.Contains(p.forenames(), q.first()) {
			i--
			continue
		}
		f := forms[g.r.IntN(4)]
		g.add(cat, g.display(f.f(p), p.nat()), g.any(q), false, "hard: decorated name, same surname, other forename")
	}
	g.easy(cat, 8, g.randOrigin, g.any, func(p person) mention { return g.display(forms[g.r.IntN(len(forms))].f(p), p.nat()) })
}
