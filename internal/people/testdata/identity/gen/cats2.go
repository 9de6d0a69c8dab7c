package main

import (
	"fmt"
	"strings"
)

// diacritic entries: forename variants | surname variants, first variant as
// the person writes it.
var diacriticNames = [][2]string{
	{"Hans|", "Müller|Mueller|Muller"}, {"Zoë|Zoe", "Hartley"}, {"Siân|Sian", "Pritchard"}, {"Łukasz|Lukasz", "Nowak"},
	{"Carlos|", "Gómez|Gomez"}, {"Stefan|", "Weiß|Weiss"}, {"Annika|", "Strauß|Strauss"}, {"Seán|Sean", "Kavanagh"},
	{"Siobhán|Siobhan", "Doyle"}, {"Róisín|Roisin", "Quinn"}, {"José|Jose", "Fernández|Fernandez"}, {"François|Francois", "Lefèvre|Lefevre"},
	{"Chloë|Chloe", "Barker"}, {"Noël|Noel", "Fitzgerald"}, {"Björn|Bjorn|Bjoern", "Larsson"}, {"Søren|Soren|Soeren", "Nielsen"},
	{"Małgorzata|Malgorzata", "Wiśniewska|Wisniewska"}, {"Tomasz|", "Dąbrowski|Dabrowski"}, {"Lucía|Lucia", "Núñez|Nunez"},
	{"Mehmet|", "Çelik|Celik"}, {"Ayşe|Ayse", "Yılmaz|Yilmaz"}, {"Emre|", "Şahin|Sahin"}, {"Jiří|Jiri", "Dvořák|Dvorak"},
	{"Sinéad|Sinead", "O'Connor"}, {"Gráinne|Grainne", "Byrne"}, {"Ciarán|Ciaran", "Murphy"}, {"Pádraig|Padraig", "Kelly"},
	{"Paweł|Pawel", "Woźniak|Wozniak"}, {"Michał|Michal", "Zieliński|Zielinski"}, {"Renée|Renee", "Dubois"},
	{"Hélène|Helene", "Moreau"}, {"Jürgen|Juergen|Jurgen", "Schröder|Schroeder|Schroder"}, {"Günther|Guenther|Gunther", "Krüger|Krueger|Kruger"},
	{"Inês|Ines", "Gonçalves|Goncalves"}, {"João|Joao", "Araújo|Araujo"}, {"Dóra|Dora", "Horváth|Horvath"},
	{"Ștefan|Stefan|Ştefan", "Popescu"}, {"Agnieszka|", "Wójcik|Wojcik"}, {"Rhodri|", "Llŷr|Llyr"}, {"Eilís|Eilis", "Ní Bhriain|Ni Bhriain"},
}

var diacriticWrong = [][2]string{{"Siân Evans", "Seán Evans"}, {"Zoë Müller", "Zoe Miller"}, {"René Dubois", "Renée Dubois"},
	{"Jürgen Weiß", "Jürgen Weiser"}, {"Hans Müller", "Hans Möller"}, {"Björn Larsson", "Bjarne Larsson"},
	{"Paweł Wójcik", "Pawel Wojcicki"}, {"José Núñez", "Josué Núñez"}, {"Łukasz Kamiński", "Łucja Kamińska"},
	{"Noël Byrne", "Noelle Byrne"}, {"Seán Quinn", "Sinéad Quinn"}, {"Carlos Gómez", "Carlos Gomes"}}

func (g *gen) diacritics() {
	const cat = "diacritics"
	for round := 0; round < 2; round++ {
		for _, d := range diacriticNames {
			if round == 1 && g.chance(0.45) {
				continue
			}
			fv := strings.Split(d[0], "|")
			sv := strings.Split(d[1], "|")
			fv = nonEmpty(fv)
			sv = nonEmpty(sv)
			p := g.named(fv[0], sv[0])
			// One side keeps the marks, the other folds or expands them.
			f2, s2 := g.pick(append(append([]string{}, fv[1:]...), fv[0])), g.pick(append(append([]string{}, sv[1:]...), sv[0]))
			if f2 == fv[0] && s2 == sv[0] && len(sv) > 1 {
				s2 = sv[1]
			}
			if f2 == fv[0] && s2 == sv[0] && len(fv) > 1 {
				f2 = fv[1]
			}
			q := p
			q.fore = []string{f2}
			q.sur = s2
			var a mention
			if g.chance(0.5) {
				a = g.register(p)
			} else {
				a = g.display(p.nat(), p.nat())
			}
			if g.chance(0.3) {
				// the register often drops the marks instead
				a, q = g.register(q), p
			}
			g.add(cat, a, g.display(q.nat(), q.nat()), true, "same name with and without diacritics")
		}
	}
	for _, w := range diacriticWrong {
		a := strings.Fields(w[0])
		b := strings.Fields(w[1])
		p := g.named(a[0], a[1])
		q := g.named(b[0], b[1])
		g.add(cat, g.any(p), g.display(q.nat(), q.nat()), false, "hard: "+w[0]+" and "+w[1]+" differ beyond the marks")
	}
	for i := 0; i < 8; i++ {
		d := diacriticNames[g.r.IntN(len(diacriticNames))]
		fv, sv := nonEmpty(strings.Split(d[0], "|")), nonEmpty(strings.Split(d[1], "|"))
		p := g.named(fv[0], sv[0])
		q := g.named(fv[len(fv)-1], sv[len(sv)-1])
		q.born, q.title = g.dobNot(p.born, ""), p.title
		g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, "hard: same name up to diacritics, another birth date")
	}
	g.easy(cat, 12, func() origin {
		return originByName(g.pick([]string{"polish", "irish", "welsh"}))
	}, g.register, func(p person) mention { return g.display(fold(p.nat()), p.nat()) })
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

type honour struct {
	pre, post string // as displayed
	reg       string // title as the register writes it, "" if none
	male      int    // 1 male only, 2 female only, 0 any
}

var honours = []honour{
	{"Dr", "", "Dr", 0}, {"Dr", "PhD", "Dr", 0}, {"", "PhD", "", 0}, {"Prof.", "", "Professor", 0}, {"Professor", "FRCS", "Professor", 0},
	{"Sir", "KCVO", "Sir", 1}, {"Sir", "", "Sir", 1}, {"Dame", "DBE", "Dame", 2}, {"", "OBE", "", 0}, {"", "MBE", "", 0},
	{"", "CBE", "", 0}, {"", "MBE DL", "", 0}, {"", "JP", "", 0}, {"", "FCA", "", 0}, {"", "ACCA", "", 0}, {"", "CTA", "", 0},
	{"", "FCIPD", "", 0}, {"", "RIBA", "", 0}, {"Mr", "FRCS", "", 1}, {"", "KC", "", 0}, {"", "QC", "", 0}, {"", "MRICS", "", 0},
	{"", "FRICS", "", 0}, {"", "CEng MIMechE", "", 0}, {"", "BSc (Hons) MBA", "", 0}, {"The Revd", "", "Reverend", 0},
	{"Revd Canon", "", "Reverend Canon", 0}, {"Canon", "", "Canon", 0}, {"Capt.", "RN", "Captain", 0}, {"Lt Col (Retd)", "OBE", "Lt Col", 0},
	{"Lord", "", "Lord", 1}, {"Baroness", "", "Baroness", 2}, {"Cllr", "", "Councillor", 0}, {"", "MP", "", 0},
	{"Dr", "FRSA", "Dr", 0}, {"Mrs", "MBE", "Mrs", 2}, {"Major", "MC", "Major", 1}, {"Prof. Dr", "", "Professor", 0},
}

// withTitle renders a register name with the title after the forenames
// ("SMITH, John, Dr") or before them ("SMITH, Dr John").
func (g *gen) withTitle(p person, title string) string {
	if title == "" {
		return p.reg()
	}
	if g.chance(0.5) {
		return p.reg() + ", " + title
	}
	return upper(p.sur) + ", " + title + " " + p.forenames()
}

func decorate(h honour, n string) string {
	s := n
	if h.pre != "" {
		s = h.pre + " " + s
	}
	if h.post != "" {
		s += " " + h.post
	}
	return s
}

func (g *gen) sexFor(h honour) bool {
	switch h.male {
	case 1:
		return true
	case 2:
		return false
	}
	return g.chance(0.55)
}

func (g *gen) titlesPostnominals() {
	const cat = "titles_postnominals"
	for i := 0; i < 64; i++ {
		h := honours[i%len(honours)]
		p := g.newPersonSex(g.randOrigin(), g.sexFor(h))
		var a mention
		switch g.r.IntN(4) {
		case 0:
			t := h.reg
			if t == "" {
				t = p.title
			}
			a = g.pscM(t+" "+p.forenames()+" "+p.sur, p.born)
		case 1:
			a = g.display(p.nat(), p.nat())
		default:
			a = g.officer(g.withTitle(p, h.reg), p.born)
		}
		n := decorate(h, p.nat())
		g.add(cat, a, g.display(n, p.nat()), true, "title or letters after the name")
	}
	// took silk: QC then KC; doctorate shown two ways
	for i := 0; i < 6; i++ {
		p := g.newPerson(g.randOrigin())
		g.add(cat, g.display(p.nat()+" QC", p.nat()), g.display(p.nat()+" KC", p.nat()), true, "QC became KC in 2022")
		q := g.newPerson(g.randOrigin())
		g.add(cat, g.display("Dr "+q.nat(), q.nat()), g.display(q.nat()+" PhD", q.nat()), true, "doctorate as prefix and as letters")
	}
	for i := 0; i < 14; i++ {
		h := honours[g.r.IntN(len(honours))]
		o := g.randOrigin()
		p := g.newPersonSex(o, g.sexFor(h))
		q := g.newPersonSex(o, g.sexFor(h))
		q.sur = p.sur
		if fold(q.first()) == fold(p.first()) || strings.Contains(p.forenames(), q.first()) {
			i--
			continue
		}
		g.add(cat, g.officer(g.withTitle(p, h.reg), p.born), g.display(decorate(h, q.nat()), q.nat()), false,
			"hard: same title and surname, other forename")
	}
	for i := 0; i < 8; i++ {
		h := honours[g.r.IntN(len(honours))]
		if h.reg == "" {
			i--
			continue
		}
		p := g.newPersonSex(g.randOrigin(), g.sexFor(h))
		g.add(cat, g.officer(g.withTitle(p, h.reg), p.born), g.pscM(h.reg+" "+p.forenames()+" "+p.sur, g.dobNot(p.born, "")), false,
			"hard: same titled name, another birth date")
	}
	g.easy(cat, 12, g.randOrigin, g.register, func(p person) mention {
		h := honours[g.r.IntN(len(honours))]
		if (h.male == 1 && !p.male) || (h.male == 2 && p.male) {
			h = honours[0]
		}
		return g.display(decorate(h, p.nat()), p.nat())
	})
}

var companyNames = []string{"Acme", "Northbank Digital", "Kestrel Foods Ltd", "Ashgrove Homes", "Ridgeway Legal", "Thistle Energy",
	"Redkite Studio", "Severn Logistics", "Calder Health", "Pennine Capital", "Tamar Systems", "Heron & Co"}

var roleTemplates = []string{"%s | %s", "%s - %s", "%s, %s at %s", "%s (%s)", "%s – %s, %s", "%s · %s", "%s | %s | %s",
	"%s 🚀 %s @ %s", "%s, %s", "%s — %s"}

func (g *gen) withRole(n string) string {
	t := g.pick(roleTemplates)
	role := g.pick(siteRoles)
	switch strings.Count(t, "%s") {
	case 3:
		return fmt.Sprintf(t, n, role, g.pick(companyNames))
	default:
		return fmt.Sprintf(t, n, role)
	}
}

func (g *gen) displayWithTitle() {
	const cat = "display_with_title"
	for i := 0; i < 60; i++ {
		p := g.newPerson(g.randOrigin())
		var a mention
		if g.chance(0.7) {
			a = g.register(p)
		} else {
			a = g.display(p.nat(), p.nat())
		}
		n := g.withRole(p.nat())
		var b mention
		if g.chance(0.5) {
			b = g.web(n, "")
		} else {
			b = g.li(n, p.nat())
		}
		g.add(cat, a, b, true, "job title written into the name")
	}
	for i := 0; i < 14; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPerson(o)
		q.sur = p.sur
		if fold(q.first()) == fold(p.first()) || strings.Contains(p.forenames(), q.first()) {
			i--
			continue
		}
		g.add(cat, g.register(p), g.web(g.withRole(q.nat()), ""), false, "hard: same surname with a job title, other forename")
	}
	g.easy(cat, 12, g.randOrigin, g.register, func(p person) mention { return g.web(g.withRole(p.nat()), "") })
}

type bracketed struct {
	formal, known, sur string
	male               bool
}

var bracketNames = []bracketed{
	{"Xiaoming", "Jimmy", "Wang", true}, {"Wing Kei", "Vicky", "Chan", false}, {"Zhiwei", "David", "Zhang", true},
	{"Jianhua", "Jason", "Liu", true}, {"Xiaoli", "Lily", "Chen", false}, {"Yuting", "Tina", "Huang", false},
	{"Hao", "Howard", "Lam", true}, {"Mei Ling", "May", "Cheung", false}, {"Hyun-woo", "Harry", "Kim", true},
	{"Ji-yeon", "Jenny", "Park", false}, {"Oluwaseun", "Seun", "Adeyemi", true}, {"Babatunde", "Tunde", "Ogunleye", true},
	{"Chukwuemeka", "Emeka", "Okonkwo", true}, {"Oluwafemi", "Femi", "Balogun", true}, {"Olufunmilayo", "Funmi", "Adeleke", false},
	{"Robert", "Bob", "Lyons", true}, {"Catherine", "Kate", "Hughes", false}, {"Alexander", "Sandy", "Fraser", true},
	{"Elizabeth", "Libby", "Ashworth", false}, {"Margaret", "Peggy", "Doyle", false}, {"Edward", "Ted", "Marsh", true},
	{"Jaswinder", "Jas", "Sandhu", true}, {"Sandeep", "Sandy", "Gill", true}, {"Rajesh", "Raj", "Mehta", true},
	{"Katarzyna", "Kasia", "Nowak", false}, {"Wojciech", "Wojtek", "Mazur", true}, {"Grzegorz", "Greg", "Krawczyk", true},
	{"Aleksandr", "Sasha", "Volkov", true}, {"Ekaterina", "Katya", "Sokolova", false}, {"Nguyen Van", "Tony", "Tran", true},
	{"Thanh Huong", "Helen", "Nguyen", false}, {"Mohammed", "Mo", "Rahman", true},
}

var bracketForms = []string{"%s (%s) %s", "%s '%s' %s", "%s “%s” %s", "%s \"%s\" %s", "%s ‘%s’ %s", "%[1]s %[3]s (%[2]s)"}

func (g *gen) bracketQuoteNickname() {
	const cat = "bracket_quote_nickname"
	for _, bn := range bracketNames {
		p := person{fore: strings.Fields(bn.formal), sur: bn.sur, born: g.dob(), male: bn.male, title: g.titleFor(bn.male)}
		if strings.Contains(bn.formal, "-") {
			p.fore = []string{bn.formal}
		}
		form := fmt.Sprintf(g.pick(bracketForms), p.forenames(), bn.known, p.sur)
		if g.chance(0.2) {
			form += g.pick([]string{", FCA", " MBE", " | Founder"})
		}
		g.add(cat, g.register(p), g.display(form, bn.known+" "+p.sur), true, "known-as name in brackets or quotes")
		k := bn.known + " " + p.sur
		if g.chance(0.65) {
			g.add(cat, g.display(form, k), g.display(k, k), true, "bracketed known-as name vs the known-as name alone")
		}
	}
	for _, bn := range bracketNames {
		if g.chance(0.45) {
			continue
		}
		// A relative with the same surname, other formal forename.
		o := g.randOrigin()
		for _, oo := range origins {
			for _, s := range oo.surnames {
				if surnameFor(s, bn.male) == bn.sur || surnameFor(s, !bn.male) == bn.sur {
					o = oo
				}
			}
		}
		q := g.newPerson(o)
		q.sur = bn.sur
		if strings.Contains(bn.formal, q.first()) {
			continue
		}
		form := fmt.Sprintf(g.pick(bracketForms), bn.formal, bn.known, bn.sur)
		g.add(cat, g.display(form, bn.known+" "+bn.sur), g.register(q), false, "hard: same surname, the register forename is another")
	}
	g.easy(cat, 10, g.randOrigin, g.register, func(p person) mention {
		bn := bracketNames[g.r.IntN(len(bracketNames))]
		f := fmt.Sprintf(g.pick(bracketForms), bn.formal, bn.known, bn.sur)
		if bn.sur == p.sur {
			f = fmt.Sprintf(bracketForms[0], "Ifeoma", "Ify", "Obi")
		}
		return g.display(f, bn.known+" "+bn.sur)
	})
}

func initialsOf(fore []string, dots, spaces bool) string {
	var parts []string
	for _, f := range fore {
		r := []rune(f)
		s := string(r[0])
		if dots {
			s += "."
		}
		parts = append(parts, s)
	}
	if spaces {
		return strings.Join(parts, " ")
	}
	return strings.Join(parts, "")
}

func (g *gen) initials() {
	const cat = "initials"
	for i := 0; i < 58; i++ {
		p := g.newPerson(g.randOrigin())
		var n, note string
		switch g.r.IntN(5) {
		case 0:
			n, note = initialsOf(p.fore, true, true)+" "+p.sur, "all initials with dots"
		case 1:
			n, note = initialsOf(p.fore, false, false)+" "+p.sur, "run-together initials"
		case 2:
			n, note = initialsOf(p.fore[:1], true, false)+" "+p.sur, "first initial only"
		case 3:
			if len(p.fore) > 1 {
				n, note = p.first()+" "+initialsOf(p.fore[1:], true, true)+" "+p.sur, "middle initial"
			} else {
				n, note = initialsOf(p.fore, false, false)+" "+p.sur, "initial without a dot"
			}
		default:
			n, note = initialsOf(p.fore, true, false)+" "+p.sur, "initials with dots, no spaces"
		}
		var a mention
		if g.chance(0.75) {
			a = g.register(p)
		} else {
			a = g.display(p.full(), p.nat())
		}
		g.add(cat, a, g.display(n, p.nat()), true, note)
	}
	for i := 0; i < 26; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPersonSex(o, p.male)
		q.sur = p.sur
		var n, note string
		if i%2 == 0 || len(p.fore) < 2 {
			// the first initial conflicts
			if []rune(q.first())[0] == []rune(p.first())[0] {
				i--
				continue
			}
			n, note = initialsOf(q.fore, true, true)+" "+q.sur, "hard: first initial conflicts"
		} else {
			// first initial agrees, middle initial conflicts
			q.fore = []string{p.first(), q.first()}
			if []rune(q.fore[1])[0] == []rune(p.fore[1])[0] || q.fore[1] == p.fore[0] {
				i--
				continue
			}
			n, note = initialsOf(q.fore, true, true)+" "+q.sur, "hard: middle initial conflicts with the register's middle name"
		}
		g.add(cat, g.register(p), g.display(n, q.nat()), false, note)
	}
	g.easy(cat, 12, g.randOrigin, g.register, func(p person) mention {
		n := initialsOf(p.fore, true, true) + " " + p.sur
		return g.display(n, p.nat())
	})
}

// compound entries: forename, then surname forms: register form first.
type compound struct {
	fore  string
	forms []string // first is as the register holds it (upper-cased on render)
	male  bool
}

var compounds = []compound{
	{"Anna", bar("Smith-Jones|Smith_Jones|Smith-jones"), false}, {"Charles", bar("Fiennes-Clinton|Fiennes_Clinton"), true},
	{"Olivia", bar("Lloyd-Hughes|Lloyd_Hughes"), false}, {"Rupert", bar("Montagu-Scott|Montagu_Scott"), true},
	{"Sophie", bar("Greaves-Lord|Greaves_Lord"), false}, {"James", bar("Pryce-Jones|Pryce_Jones|Pryce–Jones"), true},
	{"Pieter", bar("van_der_Berg|Van_Der_Berg|van_der_Berg"), true}, {"Maria", bar("de_Souza|De_Souza|DeSouza"), false},
	{"João", bar("da_Silva|Da_Silva|da_Silva"), true}, {"Khalid", bar("Al-Masri|Al_Masri|al-Masri|Almasri"), true},
	{"Nadia", bar("El-Sayed|El_Sayed|Elsayed"), false}, {"Ahmad", bar("bin_Ismail|Bin_Ismail"), true},
	{"Ewan", bar("MacDonald|Macdonald|MACDONALD"), true}, {"Fiona", bar("McLeod|Mcleod|MCLEOD"), false},
	{"Siobhan", bar("O'Brien|O’Brien|OBrien|O_Brien"), false}, {"Anil", bar("D'Souza|D’Souza|Dsouza"), true},
	{"Henry", bar("St_John|St._John"), true}, {"Rhys", bar("ap_Gwilym|Ap_Gwilym"), true},
	{"Johan", bar("du_Plessis|Du_Plessis|Duplessis"), true}, {"Mark", bar("Le_Roux|le_Roux|LeRoux"), true},
	{"Ingrid", bar("van_Dijk|Van_Dijk|Van_Dyk"), false}, {"Callum", bar("MacKinnon|Mackinnon|McKinnon"), true},
	{"Declan", bar("O'Sullivan|O’Sullivan|O_Sullivan"), true}, {"Aoife", bar("Ní_Bhriain|Ni_Bhriain"), false},
	{"Francesca", bar("di_Stefano|Di_Stefano|DiStefano"), false}, {"Ayesha", bar("Khan-Mahmood|Khan_Mahmood"), false},
	{"Tom", bar("Rees-Williams|Rees_Williams"), true}, {"Harriet", bar("Bowes-Lyon|Bowes_Lyon"), false},
}

var compoundForenames = []compound{
	{"Smith", bar("Jean-Paul|Jean_Paul"), true}, {"Martin", bar("Anne-Marie|Anne_Marie|Annemarie"), false},
	{"Kim", bar("Hyun-woo|Hyunwoo|Hyun_Woo"), true}, {"Chan", bar("Wing-Kei|Wing_Kei|Wingkei"), false},
	{"Kelly", bar("Mary-Jane|Mary_Jane"), false}, {"Lefevre", bar("Jean-Pierre|Jean_Pierre"), true},
	{"Mensah", bar("Kwame-Kofi|Kwame_Kofi"), true}, {"Obi", bar("Chi-Chi|Chichi"), false},
}

var compoundWrong = [][2]string{{"Anna Smith-Jones", "Hannah Smith-Jones"}, {"Fiona McLeod", "Fiona McLean"},
	{"Ewan MacDonald", "Ewan MacDougall"}, {"Khalid Al-Masri", "Khalid Al-Mansour"}, {"Anil D'Souza", "Anil Desai"},
	{"Pieter van der Berg", "Pieter van den Berg"}, {"Maria de Souza", "Marta de Souza"}, {"Siobhan O'Brien", "Siobhan O'Byrne"},
	{"Callum MacKinnon", "Calum MacKenzie"}, {"James Pryce-Jones", "James Price"}, {"Henry St John", "Henry Johns"},
	{"Declan O'Sullivan", "Declan Sullivan-Hart"}, {"Johan du Plessis", "Johan du Toit"}, {"Tom Rees-Williams", "Tom Rees-Evans"},
	{"Ahmad bin Ismail", "Ahmad bin Ishak"}, {"Harriet Bowes-Lyon", "Harriet Bowes-Lydon"}}

func (g *gen) hyphenatedCompound() {
	const cat = "hyphenated_compound"
	render := func(s string) string { return strings.ReplaceAll(s, "_", " ") }
	for _, c := range compounds {
		p := person{fore: []string{c.fore}, sur: render(c.forms[0]), born: g.dob(), male: c.male, title: g.titleFor(c.male)}
		alt := render(c.forms[1+g.r.IntN(len(c.forms)-1)])
		g.add(cat, g.register(p), g.display(c.fore+" "+alt, p.nat()), true, "compound surname written another way")
		if g.chance(0.6) {
			alt2 := render(c.forms[g.r.IntN(len(c.forms))])
			g.add(cat, g.display(p.nat(), p.nat()), g.display(c.fore+" "+alt2, p.nat()), true, "compound surname on two profiles")
		}
	}
	for _, c := range compoundForenames {
		p := person{fore: []string{render(c.forms[0])}, sur: c.fore, born: g.dob(), male: c.male, title: g.titleFor(c.male)}
		alt := render(c.forms[1+g.r.IntN(len(c.forms)-1)])
		g.add(cat, g.register(p), g.display(alt+" "+p.sur, p.nat()), true, "compound forename written another way")
	}
	for _, w := range compoundWrong {
		a, b := strings.Fields(w[0]), strings.Fields(w[1])
		p := g.named(a[0], strings.Join(a[1:], " "))
		q := g.named(b[0], strings.Join(b[1:], " "))
		g.add(cat, g.any(p), g.display(q.nat(), q.nat()), false, "hard: "+w[0]+" and "+w[1]+" are different names")
	}
	g.easy(cat, 12, g.randOrigin, g.register, func(p person) mention {
		c := compounds[g.r.IntN(len(compounds))]
		n := c.fore + " " + render(c.forms[0])
		if strings.Contains(n, p.sur) || c.fore == p.first() {
			n = "Lucinda Hartley-Booth"
		}
		return g.display(n, n)
	})
}

func bar(s string) []string { return strings.Split(s, "|") }
