package main

import "strings"

// origin is a naming tradition: forenames by sex and surnames. A surname
// "Kowalski|Kowalska" has a masculine and a feminine form.
type origin struct {
	name     string
	male     []string
	female   []string
	surnames []string
}

var origins = []origin{
	{"english",
		split("James William Thomas Oliver George Richard Edward Michael Peter Andrew Stephen Mark Paul Simon Christopher Matthew Jonathan Benjamin Daniel Robert Nicholas Timothy Henry Charles Anthony Graham Neil Adrian Martin Philip"),
		split("Sarah Emma Charlotte Katherine Elizabeth Rebecca Hannah Lucy Claire Rachel Victoria Helen Joanna Alison Fiona Amelia Sophie Harriet Margaret Susan Jennifer Louise Deborah Caroline Eleanor Natalie Gemma Laura"),
		split("Smith Jones Taylor Brown Wilson Johnson Walker Wright Robinson Thompson White Hughes Edwards Green Hall Wood Harris Clarke Lewis Jackson Turner Hill Cooper Ward Morris Moore Baker Carter Whitfield Ashworth Pemberton Holloway Fairbairn Lyons Bennett Marsh Gregory Barker Hargreaves Fletcher Kershaw Dawson Booth")},
	{"welsh",
		split("Rhys Gareth Dafydd Owain Huw Iwan Geraint Emyr Aled Gethin Dylan Ieuan Gwilym Rhodri"),
		split("Siân Cerys Angharad Rhiannon Bethan Ffion Nia Catrin Eleri Lowri Gwen Carys Megan"),
		split("Jones Williams Davies Evans Thomas Roberts Pritchard Llewellyn Griffiths Powell Vaughan Pugh Morgan Price Rees Bowen Howells Parry")},
	{"scottish",
		split("Alasdair Callum Fraser Euan Ross Hamish Iain Duncan Angus Murray Lachlan Kenneth Gordon Craig Struan"),
		split("Morag Kirsty Eilidh Catriona Isla Mhairi Shona Ailsa Fiona Morven Kirsteen Iona"),
		split("MacDonald McLeod Campbell Stewart Fraser Robertson Mackenzie Sinclair Buchanan Urquhart McIntyre Ross Gillespie Cameron Munro Ferguson MacKinnon Drummond")},
	{"irish",
		split("Seán Ciarán Pádraig Declan Cormac Eoin Niall Donal Fergal Tadhg Conor Darragh Ronan Cathal"),
		split("Siobhán Aoife Niamh Róisín Sinéad Orla Gráinne Clodagh Aisling Caoimhe Deirdre Maeve"),
		split("O'Brien O'Sullivan Murphy Kelly Byrne Ryan O'Connor Doyle McCarthy Gallagher Brennan Kavanagh Quinn Fitzgerald Donnelly Nolan")},
	{"southasian",
		split("Rajesh Sanjay Vikram Amit Arjun Harjinder Jaswinder Sukhwinder Devendra Anil Kiran Rohan Sunil Nikhil Ashok Manish Navdeep Sandeep"),
		split("Priya Anjali Sunita Neha Kavita Meera Pooja Harpreet Simran Deepa Rupinder Lakshmi Kamaljit"),
		split("Patel Shah Sharma Singh Gill Sandhu Dhillon Mehta Joshi Raman Iyer Mistry Bhatt Kapoor Nair Desai Grewal Chopra")},
	{"southasian_muslim",
		split("Imran Tariq Faisal Zubair Asif Irfan Bilal Usman Kamran Adnan Mohammed Shahid Nadeem"),
		split("Aisha Farah Nusrat Shabnam Ayesha Sana Nadia Rabia Saima Yasmin"),
		split("Khan Hussain Ahmed Chaudhry Rahman Islam Malik Qureshi Siddiqui Butt Akhtar Iqbal Mahmood")},
	{"westafrican",
		split("Chidi Emeka Adebayo Oluwaseun Babatunde Kwame Kofi Yaw Obinna Olumide Ifeanyi Chinedu Kayode Segun Nnamdi"),
		split("Ngozi Chioma Adaeze Folake Funmilayo Yetunde Abena Ama Nneka Ifeoma Temitope Bukola Efua"),
		split("Okafor Okonkwo Adeyemi Oyelaran Mensah Boateng Asante Nwosu Eze Adeleke Ogunleye Owusu Balogun Obi Adewale Okoro Achebe Ogundipe")},
	{"chinese",
		split("Wei Jun Hao Xiaoming Zhiwei Kai Jianhua Tao Yong Chi Wing"),
		split("Mei Xiaoli Ling Yan Jing Hui Xin Yuting Lai"),
		split("Wang Li Zhang Chen Liu Wong Chan Lam Cheung Ng Huang Zhao Yip Tang Lau")},
	{"polish",
		split("Łukasz Tomasz Piotr Krzysztof Wojciech Paweł Michał Jakub Marcin Grzegorz Kamil"),
		split("Katarzyna Małgorzata Agnieszka Magdalena Joanna Aleksandra Ewa Monika Beata Dorota"),
		split("Kowalski|Kowalska Nowak Wiśniewski|Wiśniewska Wójcik Zieliński|Zielińska Lewandowski|Lewandowska Kamiński|Kamińska Dąbrowski|Dąbrowska Mazur Krawczyk Szymański|Szymańska Woźniak")},
	{"arabic",
		split("Mohammed Ahmed Yusuf Omar Khalid Tariq Hassan Ibrahim Karim Samir Walid Bilal Nabil"),
		split("Fatima Layla Mariam Noor Yasmin Rania Huda Salma Dina Lina"),
		split("Al-Masri Haddad Mansour Nasser Saleh Khalil Hamdan El-Sayed Abdullah Farouk Aziz Darwish Jaber")},
	{"easteuropean",
		split("Sergei Dmitri Andrei Aleksandr Mihai Bogdan Ivan Nikolai Vasile Oleksandr Viktor Stefan"),
		split("Olga Irina Natalia Elena Ioana Svetlana Anastasia Daria Oksana Yulia"),
		split("Ivanov|Ivanova Petrov|Petrova Popescu Ionescu Kovalenko Shevchenko Horvath Novak Dimitrov|Dimitrova Volkov|Volkova Sokolov|Sokolova Popa Bondarenko Kuznetsov|Kuznetsova")},
}

func split(s string) []string { return strings.Fields(s) }

func originByName(n string) origin {
	for _, o := range origins {
		if o.name == n {
			return o
		}
	}
	panic(n)
}

// surnameFor gives the form of s for the sex.
func surnameFor(s string, male bool) string {
	if m, f, ok := strings.Cut(s, "|"); ok {
		if male {
			return m
		}
		return f
	}
	return s
}

// originWeights favours English names, as the register does.
var originWeights = []int{30, 8, 8, 7, 8, 7, 9, 6, 6, 6, 6}

func (g *gen) randOrigin() origin {
	total := 0
	for _, w := range originWeights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range originWeights {
		if n < w {
			return origins[i]
		}
		n -= w
	}
	return origins[0]
}

// newPerson draws a person of origin o with one or two forenames.
func (g *gen) newPerson(o origin) person {
	male := g.chance(0.6)
	return g.newPersonSex(o, male)
}

func (g *gen) newPersonSex(o origin, male bool) person {
	names := o.female
	if male {
		names = o.male
	}
	p := person{male: male, born: g.dob(), sur: surnameFor(g.pick(o.surnames), male), origin: o.name}
	p.fore = []string{g.pick(names)}
	switch {
	case o.name == "chinese":
	case o.name == "southasian" || o.name == "southasian_muslim":
		// a second forename is mostly Kumar for men; many women have none
		if male && o.name == "southasian" && g.chance(0.3) {
			p.fore = append(p.fore, "Kumar")
		}
		if male && o.name == "southasian_muslim" && g.chance(0.3) {
			p.fore = append([]string{"Mohammed"}, p.fore...)
			if p.fore[1] == "Mohammed" {
				p.fore = p.fore[:1]
			}
		}
	case g.chance(0.55):
		for {
			m := g.pick(names)
			if m != p.fore[0] {
				p.fore = append(p.fore, m)
				break
			}
		}
	}
	p.title = g.titleFor(male)
	return p
}

func (g *gen) titleFor(male bool) string {
	if male {
		if g.chance(0.05) {
			return "Dr"
		}
		return "Mr"
	}
	switch g.r.IntN(10) {
	case 0:
		return "Dr"
	case 1, 2:
		return "Miss"
	case 3, 4, 5:
		return "Mrs"
	default:
		return "Ms"
	}
}

// distinct reports whether two people share no name token at all.
func distinct(a, b person) bool {
	seen := map[string]bool{}
	for _, t := range tokens(a) {
		seen[t] = true
	}
	for _, t := range tokens(b) {
		if seen[t] {
			return false
		}
	}
	return true
}

func tokens(p person) []string {
	return strings.Fields(fold(p.forenames() + " " + p.sur))
}

// easyOther draws a second person sharing no name token with p.
func (g *gen) easyOther(p person) person {
	for {
		q := g.newPerson(g.randOrigin())
		if distinct(p, q) {
			return q
		}
	}
}

// femaleNames lists forenames used only by women in these sets, beyond
// the origin banks.
var femaleNames = map[string]bool{}

func init() {
	for _, o := range origins {
		for _, f := range o.female {
			femaleNames[fold(f)] = true
		}
	}
	for _, f := range split("Anne Ros Joann Laure Rona Lauren Ellen Carla Zoë Chloë Lucía Ayşe Renée Hélène Inês Dóra Eilís Annika Anna Olivia Sophie Maria Nadia Siobhan Ingrid Aoife Francesca Ayesha Harriet Hannah Marta Łucja Noelle Carla Anne-Marie Mary-Jane Chi-Chi Wing-Kei Christina Francesca Danielle Paula Louise Jeanne Roberta Nicola Georgia Josephine Alexandra Gabrielle Michaela Patricia Erica Justine Dominique Stephanie Antonia Olivia Philippa Henrietta Leona Martina Kristina Jana Julia Bernadette Frederica Eva Ann Maria Julia Adria Bria Rona Ewa Elle Laure Lyn Lynn Jo Iva Jane Joann Joan") {
		femaleNames[fold(f)] = true
	}
}

func isMale(forename string) bool { return !femaleNames[fold(forename)] }

// named builds a person from a fixed forename and surname.
func (g *gen) named(fore, sur string) person {
	m := isMale(fore)
	return person{fore: []string{fore}, sur: sur, born: g.dob(), male: m, title: g.titleFor(m)}
}
