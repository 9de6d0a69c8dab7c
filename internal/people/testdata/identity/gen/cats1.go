package main

import (
	"fmt"
	"strings"
)

// easy adds n easy negatives: p rendered by ra against an unrelated
// colleague rendered by rb.
func (g *gen) easy(cat string, n int, o func() origin, ra, rb func(person) mention) {
	for i := 0; i < n; i++ {
		p := g.newPerson(o())
		q := g.easyOther(p)
		g.addEasy(cat, ra(p), rb(q), "easy: different people at the same company")
	}
}

// swaps are names that are both forenames and surnames, so order alone
// tells Thomas James from James Thomas.
var swaps = [][2]string{{"Thomas", "James"}, {"Owen", "Rhys"}, {"Lewis", "Morgan"}, {"Ellis", "Howell"},
	{"Francis", "Grant"}, {"Henry", "Arthur"}, {"Neville", "Graham"}, {"Lloyd", "Owen"}, {"Spencer", "Russell"},
	{"Bruce", "Gordon"}, {"Douglas", "Murray"}, {"Stewart", "Craig"}, {"Leslie", "Howard"}, {"Elliott", "Dean"}}

func (g *gen) registerVsDisplay() {
	const cat = "register_vs_display"
	for i := 0; i < 60; i++ {
		p := g.newPerson(g.randOrigin())
		a := g.officer(p.reg(), p.born)
		var b mention
		note := ""
		switch g.r.IntN(6) {
		case 0:
			b, note = g.oc(upper(p.full())), "register vs OpenCorporates upper-case natural order"
		case 1:
			b, note = g.li(p.full(), p.nat()), "register vs all forenames in natural order"
		case 2:
			b, note = g.x(p.nat(), p.nat()), "register vs X display name"
		case 3:
			b, note = g.fb(p.nat(), p.nat()), "register vs Facebook name"
		default:
			b, note = g.web(p.nat(), ""), "register vs website name"
		}
		g.add(cat, a, b, true, note)
	}
	for i, s := range swaps {
		// Person forename s[0], surname s[1]; the other has them swapped.
		p := person{fore: []string{s[0]}, sur: s[1], born: g.dob(), male: true, title: "Mr"}
		q := person{fore: []string{s[1]}, sur: s[0], born: g.dob(), male: true, title: "Mr"}
		g.add(cat, g.officer(p.reg(), p.born), g.display(p.nat(), p.nat()), true, "forename-like surname in register order")
		if i < 8 {
			g.add(cat, g.officer(p.reg(), p.born), g.display(q.nat(), q.nat()), false, "hard: same two names swapped: "+p.nat()+" is not "+q.nat())
		}
	}
	for i := 0; i < 16; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPerson(o)
		q.sur = p.sur
		if fold(q.first()) == fold(p.first()) || len(p.fore) > 1 && fold(q.first()) == fold(p.fore[1]) {
			i--
			continue
		}
		g.add(cat, g.officer(p.reg(), p.born), g.display(q.nat(), q.nat()), false, "hard: same surname, other forename (relative or namesake)")
	}
	g.easy(cat, 22, g.randOrigin, func(p person) mention { return g.officer(p.reg(), p.born) },
		func(p person) mention { return g.display(p.nat(), p.nat()) })
}

type nick struct {
	formal, short string
	male          bool
	origin        string
}

var nicknames = []nick{
	{"Alexander", "Alex", true, "english"}, {"Alexander", "Sandy", true, "scottish"}, {"William", "Bill", true, "english"},
	{"William", "Will", true, "english"}, {"William", "Billy", true, "irish"}, {"Margaret", "Peggy", false, "english"},
	{"Margaret", "Maggie", false, "scottish"}, {"Margaret", "Meg", false, "english"}, {"David", "Dai", true, "welsh"},
	{"Dafydd", "Dai", true, "welsh"}, {"David", "Dave", true, "english"}, {"John", "Jack", true, "english"},
	{"John", "Johnny", true, "irish"}, {"Gerard", "Gerry", true, "irish"}, {"Gerald", "Gerry", true, "english"},
	{"James", "Jim", true, "english"}, {"James", "Jimmy", true, "scottish"}, {"James", "Hamish", true, "scottish"},
	{"James", "Jamie", true, "scottish"}, {"Katherine", "Kate", false, "english"}, {"Catherine", "Kate", false, "welsh"},
	{"Katherine", "Kathy", false, "english"}, {"Kathleen", "Kate", false, "irish"}, {"Elizabeth", "Liz", false, "english"},
	{"Elizabeth", "Beth", false, "english"}, {"Elizabeth", "Libby", false, "english"}, {"Robert", "Bob", true, "english"},
	{"Robert", "Rob", true, "english"}, {"Robert", "Rab", true, "scottish"}, {"Richard", "Rich", true, "english"},
	{"Richard", "Dick", true, "english"}, {"Edward", "Ted", true, "english"}, {"Edward", "Ned", true, "irish"},
	{"Anthony", "Tony", true, "english"}, {"Michael", "Mike", true, "english"}, {"Michael", "Mick", true, "irish"},
	{"Nicholas", "Nick", true, "english"}, {"Christopher", "Chris", true, "english"}, {"Christopher", "Kit", true, "english"},
	{"Stephen", "Steve", true, "welsh"}, {"Andrew", "Andy", true, "scottish"}, {"Andrew", "Drew", true, "scottish"},
	{"Thomas", "Tom", true, "english"}, {"Benjamin", "Ben", true, "english"}, {"Daniel", "Dan", true, "english"},
	{"Matthew", "Matt", true, "english"}, {"Timothy", "Tim", true, "english"}, {"Henry", "Harry", true, "english"},
	{"Charles", "Charlie", true, "english"}, {"Patrick", "Paddy", true, "irish"}, {"Francis", "Frank", true, "irish"},
	{"Susan", "Sue", false, "english"}, {"Jennifer", "Jenny", false, "welsh"}, {"Rebecca", "Becky", false, "english"},
	{"Victoria", "Vicky", false, "english"}, {"Philippa", "Pippa", false, "english"}, {"Deborah", "Debbie", false, "english"},
	{"Patricia", "Trish", false, "irish"}, {"Alexandra", "Sandy", false, "scottish"}, {"Eleanor", "Ellie", false, "english"},
	{"Kenneth", "Ken", true, "scottish"}, {"Lachlan", "Lachie", true, "scottish"}, {"Alasdair", "Ally", true, "scottish"},
	{"Gwilym", "Gwil", true, "welsh"}, {"Llywelyn", "Llew", true, "welsh"}, {"Rhiannon", "Rhi", false, "welsh"},
	{"John", "Siôn", true, "welsh"}, {"Katarzyna", "Kasia", false, "polish"}, {"Małgorzata", "Gosia", false, "polish"},
	{"Barbara", "Basia", false, "polish"}, {"Tomasz", "Tomek", true, "polish"}, {"Jakub", "Kuba", true, "polish"},
	{"Wojciech", "Wojtek", true, "polish"}, {"Aleksandra", "Ola", false, "polish"}, {"Magdalena", "Magda", false, "polish"},
	{"Krzysztof", "Krzysiek", true, "polish"}, {"Aleksandr", "Sasha", true, "easteuropean"}, {"Dmitri", "Dima", true, "easteuropean"},
	{"Ekaterina", "Katya", false, "easteuropean"}, {"Natalia", "Natasha", false, "easteuropean"}, {"Mikhail", "Misha", true, "easteuropean"},
	{"Rajesh", "Raj", true, "southasian"}, {"Jaswinder", "Jas", true, "southasian"}, {"Sukhwinder", "Sukh", true, "southasian"},
	{"Harjinder", "Harj", true, "southasian"}, {"Navdeep", "Nav", true, "southasian"}, {"Vikram", "Vik", true, "southasian"},
	{"Devendra", "Dev", true, "southasian"}, {"Sandeep", "Sandy", true, "southasian"}, {"Mohammed", "Mo", true, "southasian_muslim"},
	{"Balwinder", "Bal", true, "southasian"}, {"Kamaljit", "Kam", false, "southasian"}, {"Adebayo", "Ade", true, "westafrican"},
	{"Adewale", "Wale", true, "westafrican"}, {"Babatunde", "Tunde", true, "westafrican"}, {"Oluwaseun", "Seun", true, "westafrican"},
	{"Oluwafemi", "Femi", true, "westafrican"}, {"Olufunmilayo", "Funmi", false, "westafrican"}, {"Chukwuemeka", "Emeka", true, "westafrican"},
	{"Chidiebere", "Chidi", true, "westafrican"}, {"Uchenna", "Uche", true, "westafrican"}, {"Oluwatoyin", "Toyin", false, "westafrican"},
	{"Oluwakemi", "Kemi", false, "westafrican"}, {"Olubunmi", "Bunmi", false, "westafrican"},
}

// wrongNicks pairs a formal name with a short form that belongs to another name.
var wrongNicks = []nick{
	{"Robert", "Bill", true, "english"}, {"William", "Bob", true, "english"}, {"Margaret", "Kate", false, "english"},
	{"Katherine", "Peggy", false, "english"}, {"John", "Jim", true, "english"}, {"James", "Jack", true, "irish"},
	{"Richard", "Rob", true, "english"}, {"Daniel", "Dave", true, "english"}, {"David", "Dan", true, "welsh"},
	{"Edward", "Tony", true, "english"}, {"Anthony", "Ted", true, "english"}, {"Thomas", "Tim", true, "english"},
	{"Timothy", "Tom", true, "english"}, {"Peter", "Pat", true, "irish"}, {"Patrick", "Pete", true, "irish"},
	{"Susan", "Sally", false, "english"}, {"Jennifer", "Jess", false, "english"}, {"Gareth", "Dai", true, "welsh"},
	{"Alexander", "Hamish", true, "scottish"}, {"James", "Sandy", true, "scottish"}, {"Penelope", "Peggy", false, "english"},
	{"Karen", "Kate", false, "english"}, {"Katarzyna", "Gosia", false, "polish"}, {"Małgorzata", "Kasia", false, "polish"},
	{"Tomasz", "Kuba", true, "polish"}, {"Jakub", "Tomek", true, "polish"}, {"Rajesh", "Ravi", true, "southasian"},
	{"Jaswinder", "Sukh", true, "southasian"}, {"Sukhwinder", "Jas", true, "southasian"}, {"Adebayo", "Tunde", true, "westafrican"},
	{"Oluwaseun", "Femi", true, "westafrican"}, {"Oluwafemi", "Seun", true, "westafrican"}, {"Chukwuemeka", "Chidi", true, "westafrican"},
	{"Mikhail", "Sasha", true, "easteuropean"}, {"Stephen", "Stu", true, "english"}, {"Benjamin", "Bernie", true, "english"},
}

func (g *gen) nickname() {
	const cat = "nickname"
	for _, n := range nicknames {
		o := originByName(n.origin)
		p := g.newPersonSex(o, n.male)
		p.fore[0] = n.formal
		if len(p.fore) > 1 && p.fore[1] == n.formal {
			p.fore = p.fore[:1]
		}
		short := n.short + " " + p.sur
		var a mention
		switch g.r.IntN(5) {
		case 0:
			a = g.pscM(p.pscName(), p.born)
		case 1:
			a = g.web(p.nat(), "")
		default:
			a = g.officer(p.reg(), p.born)
		}
		g.add(cat, a, g.display(short, short), true, n.short+" is a form of "+n.formal)
	}
	for _, n := range wrongNicks {
		o := originByName(n.origin)
		p := g.newPersonSex(o, n.male)
		p.fore = []string{n.formal}
		short := n.short + " " + p.sur
		g.add(cat, g.register(p), g.display(short, short), false, fmt.Sprintf("hard: %s is not a form of %s (a relative)", n.short, n.formal))
	}
	g.easy(cat, 18, g.randOrigin, func(p person) mention { return g.register(p) },
		func(p person) mention {
			for _, n := range nicknames {
				if n.male == p.male && strings.Contains(p.forenames(), n.formal) {
					s := n.short + " " + p.sur
					return g.display(s, s)
				}
			}
			return g.display(p.nat(), p.nat())
		})
}

func (g *gen) surnameFirstDisplay() {
	const cat = "surname_first_display"
	for i := 0; i < 46; i++ {
		o := g.randOrigin()
		if i%4 == 0 {
			o = originByName("chinese")
		}
		p := g.newPerson(o)
		var b mention
		note := ""
		switch {
		case o.name == "chinese" && g.chance(0.6):
			n := p.sur + " " + p.forenames()
			b, note = g.display(n, p.nat()), "Chinese name order on a profile"
		case g.chance(0.55):
			n := upper(p.sur) + " " + p.first()
			b, note = g.display(n, p.nat()), "surname first in capitals"
		case g.chance(0.5):
			n := p.sur + ", " + p.first()
			b, note = g.li(n, p.nat()), "surname, forename on a profile"
		default:
			n := p.sur + " " + p.first()
			b, note = g.x(n, p.nat()), "surname first without a case cue"
		}
		var a mention
		if g.chance(0.6) {
			a = g.register(p)
		} else {
			a = g.display(p.nat(), p.nat())
		}
		g.add(cat, a, b, true, note)
	}
	for _, s := range swaps[:5] {
		p := person{fore: []string{s[0]}, sur: s[1], born: g.dob(), male: true, title: "Mr"}
		q := person{fore: []string{s[1]}, sur: s[0], born: g.dob(), male: true, title: "Mr"}
		// q written surname first in capitals: "THOMAS James" is James Thomas.
		g.add(cat, g.display(p.nat(), p.nat()), g.x(upper(q.sur)+" "+q.first(), q.nat()), false,
			"hard: capitalised surname first; "+upper(q.sur)+" "+q.first()+" is "+q.nat()+", not "+p.nat())
	}
	for i := 0; i < 10; i++ {
		o := g.randOrigin()
		p := g.newPerson(o)
		q := g.newPerson(o)
		if fold(q.first()) == fold(p.first()) {
			i--
			continue
		}
		note := "hard: same surname, other forename"
		if g.chance(0.5) {
			q.fore[0] = p.fore[0]
			q.sur = surnameFor(g.pick(o.surnames), q.male)
			if fold(q.sur) == fold(p.sur) {
				i--
				continue
			}
			note = "hard: same forename, other surname"
		} else {
			q.sur = p.sur
		}
		g.add(cat, g.display(upper(p.sur)+" "+p.first(), p.nat()), g.any(q), false, note)
	}
	g.easy(cat, 14, g.randOrigin, func(p person) mention { return g.display(upper(p.sur)+" "+p.first(), p.nat()) }, g.any)
}

func (g *gen) middleNameKnown() {
	const cat = "middle_name_known"
	for i := 0; i < 56; i++ {
		p := g.newPerson(g.randOrigin())
		if len(p.fore) < 2 {
			p = g.newPerson(g.randOrigin())
			i--
			continue
		}
		if g.chance(0.15) {
			o := originByName(p.origin)
			third := g.pick(o.male)
			if !p.male {
				third = g.pick(o.female)
			}
			if third != p.fore[0] && third != p.fore[1] {
				p.fore = append(p.fore, third)
			}
		}
		mid := p.fore[1]
		a := g.register(p)
		var b mention
		note := "goes by the middle name"
		switch r := g.r.IntN(10); {
		case r < 6:
			b = g.display(mid+" "+p.sur, mid+" "+p.sur)
		case r < 8:
			b, note = g.display(p.nat(), p.nat()), "first forename only, middle name omitted"
		default:
			n := p.first()[:1] + ". " + mid + " " + p.sur
			b, note = g.display(n, mid+" "+p.sur), "initial then middle name"
		}
		g.add(cat, a, b, true, note)
	}
	for i := 0; i < 14; i++ {
		p := g.newPerson(g.randOrigin())
		o := originByName(p.origin)
		if len(p.fore) < 2 {
			i--
			continue
		}
		other := g.pick(o.male)
		if !p.male {
			other = g.pick(o.female)
		}
		if strings.Contains(p.forenames(), other) {
			i--
			continue
		}
		n := other + " " + p.sur
		g.add(cat, g.register(p), g.display(n, n), false, "hard: forename is neither the first nor a middle name")
	}
	for i := 0; i < 8; i++ {
		p := g.newPerson(g.randOrigin())
		if len(p.fore) < 2 {
			i--
			continue
		}
		q := p
		q.fore = []string{p.fore[1], p.fore[0]}
		q.born = g.dobNot(p.born, "generation")
		g.add(cat, g.officer(p.reg(), p.born), g.register(q), false, "hard: forenames in the other order and another birth date (father and son)")
	}
	g.easy(cat, 10, g.randOrigin, g.register, func(p person) mention {
		n := p.fore[len(p.fore)-1] + " " + p.sur
		return g.display(n, n)
	})
}

type variants struct {
	names  []string
	male   bool
	origin string
}

var translitFore = []variants{
	{split("Mohammed Muhammad Mohamed Mohammad"), true, "southasian_muslim"}, {split("Mohammed Muhammad Mohamed"), true, "arabic"},
	{split("Ahmed Ahmad"), true, "arabic"}, {split("Yusuf Yousef Youssef Yousuf"), true, "arabic"},
	{split("Hussain Hussein Husain"), true, "southasian_muslim"}, {split("Hassan Hasan"), true, "arabic"},
	{split("Khalid Khaled"), true, "arabic"}, {split("Karim Kareem"), true, "arabic"}, {split("Omar Umar Omer"), true, "arabic"},
	{split("Usman Osman Othman"), true, "southasian_muslim"}, {split("Ibrahim Ebrahim"), true, "arabic"}, {split("Rashid Rasheed"), true, "southasian_muslim"},
	{split("Saeed Said Sayeed"), true, "arabic"}, {split("Sergei Sergey Serguei"), true, "easteuropean"},
	{split("Aleksandr Alexander Aleksander"), true, "easteuropean"}, {split("Dmitri Dmitry Dmitriy"), true, "easteuropean"},
	{split("Andrei Andrey"), true, "easteuropean"}, {split("Nikolai Nikolay"), true, "easteuropean"},
	{split("Yevgeny Evgeny Evgeniy"), true, "easteuropean"}, {split("Alexei Aleksey Alexey"), true, "easteuropean"},
	{split("Yuri Yury Yuriy"), true, "easteuropean"}, {split("Tatiana Tatyana"), false, "easteuropean"},
	{split("Natalia Natalya Nataliya"), false, "easteuropean"}, {split("Yulia Julia Yuliya"), false, "easteuropean"},
	{split("Aisha Ayesha Aysha"), false, "southasian_muslim"}, {split("Layla Leila Laila"), false, "arabic"},
	{split("Mariam Maryam"), false, "arabic"}, {split("Fatima Fatimah"), false, "arabic"}, {split("Noor Nour"), false, "arabic"},
	{split("Yasmin Yasmeen"), false, "southasian_muslim"}, {split("Tariq Tarik"), true, "southasian_muslim"}, {split("Bilal Belal"), true, "arabic"},
}

var translitSur = []variants{
	{split("Chaudhry Chaudhary Choudhury Chowdhury"), true, "southasian_muslim"}, {split("Hussain Hussein"), true, "southasian_muslim"},
	{split("Rahman Rehman"), true, "southasian_muslim"}, {split("Qureshi Quraishi"), true, "southasian_muslim"},
	{split("Siddiqui Siddiqi"), true, "southasian_muslim"}, {split("Al-Masri Almasri"), true, "arabic"},
	{split("Abdullah Abdalla"), true, "arabic"}, {split("Mohammed Muhammad Mohamed"), true, "arabic"},
	{split("Tkachenko Tkatchenko"), true, "easteuropean"}, {split("Kuznetsov Kuznetsoff"), true, "easteuropean"},
}

var translitWrong = [][3]string{{"Hassan", "Hussain", "southasian_muslim"}, {"Mohammed", "Mahmood", "southasian_muslim"}, {"Yusuf", "Yunus", "arabic"},
	{"Ahmed", "Hamid", "arabic"}, {"Omar", "Amir", "arabic"}, {"Khalid", "Khalil", "arabic"}, {"Irfan", "Imran", "southasian_muslim"},
	{"Faisal", "Fazal", "southasian_muslim"}, {"Asif", "Arif", "southasian_muslim"}, {"Nikolai", "Nikita", "easteuropean"},
	{"Sergei", "Stepan", "easteuropean"}, {"Andrei", "Anatoly", "easteuropean"}, {"Rashid", "Rashad", "arabic"}, {"Samir", "Sami", "arabic"}}

func (g *gen) transliteration() {
	const cat = "transliteration"
	two := func(v []string) (string, string) {
		i := g.r.IntN(len(v))
		j := g.r.IntN(len(v) - 1)
		if j >= i {
			j++
		}
		return v[i], v[j]
	}
	for round := 0; round < 2; round++ {
		for _, v := range translitFore {
			if round == 1 && g.chance(0.5) {
				continue
			}
			p := g.newPersonSex(originByName(v.origin), v.male)
			x, y := two(v.names)
			p.fore[0] = x
			q := p
			q.fore = append([]string{y}, p.fore[1:]...)
			g.add(cat, g.register(p), g.display(q.nat(), q.nat()), true, x+" and "+y+" are one name romanised")
		}
	}
	for _, v := range translitSur {
		p := g.newPersonSex(originByName(v.origin), true)
		x, y := two(v.names)
		p.sur = x
		q := p
		q.sur = y
		g.add(cat, g.register(p), g.display(q.nat(), q.nat()), true, "surname "+x+" and "+y+" romanised differently")
	}
	for _, w := range translitWrong {
		o := originByName(w[2])
		p := g.newPersonSex(o, true)
		p.fore = []string{w[0]}
		q := p
		q.fore = []string{w[1]}
		g.add(cat, g.any(p), g.display(q.nat(), q.nat()), false, "hard: "+w[0]+" and "+w[1]+" are different names")
	}
	for i := 0; i < 10; i++ {
		v := translitFore[g.r.IntN(len(translitFore))]
		p := g.newPersonSex(originByName(v.origin), v.male)
		x, y := two(v.names)
		p.fore = []string{x}
		q := p
		q.fore = []string{y}
		q.born = g.dobNot(p.born, "")
		g.add(cat, g.officer(p.reg(), p.born), g.pscM(q.pscName(), q.born), false, "hard: same name romanised differently but another birth date")
	}
	pick := func() origin {
		return originByName(g.pick([]string{"arabic", "southasian_muslim", "easteuropean"}))
	}
	g.easy(cat, 12, pick, g.register, func(p person) mention { return g.display(p.nat(), p.nat()) })
}
