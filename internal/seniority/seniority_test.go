package seniority

import "testing"

// TestTitles is the labelled set the rules are written against: Companies
// House officer roles as the API spells them, and job titles as websites
// and social profiles write them, messy forms included.
func TestTitles(t *testing.T) {
	tests := []struct {
		title    string
		level    Level
		function Function
	}{
		// Companies House officer roles and the PSC role.
		{"director", Board, ""},
		{"nominee-director", Board, ""},
		{"secretary", Secretary, Governance},
		{"nominee-secretary", Secretary, Governance},
		{"llp-designated-member", Board, ""},
		{"llp-member", Board, ""},
		{"person-with-significant-control", Owner, ""},
		{"judicial-factor", Other, ""},
		{"receiver-and-manager", Other, ""},
		{"cic-manager", Manager, ""},
		// Founders: the founder part outranks the title beside it, which
		// still gives the function.
		{"Founder", Founder, ""},
		{"Co-Founder & CEO", Founder, Executive},
		{"co-founder and cto", Founder, Technology},
		{"CTO & Co-founder", Founder, Technology},
		{"Cofounder / Chief Product Officer", Founder, Product},
		{"🚀 Founder | Investor", Founder, ""},
		// The C-suite, spelt out, abbreviated, dotted, in lower case.
		{"Chief Executive Officer", CSuite, Executive},
		{"Chief Executive", CSuite, Executive},
		{"CEO", CSuite, Executive},
		{"C.E.O.", CSuite, Executive},
		{"ceo.", CSuite, Executive},
		{"Chief Financial Officer", CSuite, Finance},
		{"CFO and Company Secretary", CSuite, Finance},
		{"COO", CSuite, Operations},
		{"Chief Operating Officer", CSuite, Operations},
		{"Chief Technology Officer", CSuite, Technology},
		{"Chief Marketing Officer", CSuite, Marketing},
		{"Chief Revenue Officer", CSuite, Sales},
		{"Chief People Officer", CSuite, People},
		{"MD", CSuite, Executive},
		{"M.D.", CSuite, Executive},
		{"Managing Director", CSuite, Executive},
		{"managing director, UK", CSuite, Executive},
		{"President", CSuite, Executive},
		{"Managing Partner", CSuite, Executive},
		// Boards and owners.
		{"Non-Executive Director", Board, Governance},
		{"non executive director", Board, Governance},
		{"NED", Board, Governance},
		{"Executive Director", Board, ""},
		{"Director", Board, ""},
		{"Company Director", Board, ""},
		{"Board Member", Board, Governance},
		{"Chairman", Board, Governance},
		{"Chair of the Board", Board, Governance},
		{"Partner", Board, ""},
		{"Designated Partner", Board, ""},
		{"Owner", Owner, ""},
		{"Owner & Proprietor", Owner, ""},
		// Vice presidents, heads and functional directors.
		{"VP Engineering", VP, Technology},
		{"Vice President, Sales", VP, Sales},
		{"SVP Marketing", VP, Marketing},
		{"Head of Sales", Head, Sales},
		{"head of people & culture", Head, People},
		{"Head of Finance", Head, Finance},
		{"Sales Director", Head, Sales},
		{"Director of Engineering", Head, Technology},
		{"Finance Director", Head, Finance},
		{"Marketing & Communications Director", Head, Marketing},
		{"General Manager", Head, Executive},
		// Managers and everyone else.
		{"Sales Manager", Manager, Sales},
		{"Office Manager", Manager, Operations},
		{"Company Secretary", Secretary, Governance},
		{"Engineer", Other, Technology},
		{"Accountant", Other, Finance},
		{"Designer", Other, Design},
		{"Consultant", Other, ""},
		{"Chef", Other, ""},
		{"General Counsel", Head, Legal},
		{"Executive Assistant", Other, ""},
		{"", Unknown, ""},
		{"  --  ", Unknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			level, function := Classify(tt.title)
			if level != tt.level || function != tt.function {
				t.Errorf("Classify(%q) = %q, %q; want %q, %q", tt.title, level, function, tt.level, tt.function)
			}
		})
	}
}

func TestOfManyTitlesTheMostSeniorWinsAndTheFirstFunctionFillsIn(t *testing.T) {
	tests := []struct {
		name     string
		titles   []string
		level    Level
		function Function
	}{
		{"a register director whose website says co-founder and CTO", []string{"director", "Co-Founder & CTO"}, Founder, Technology},
		{"a director who is also a person with significant control", []string{"director", "person-with-significant-control"}, Owner, ""},
		{"a secretary the website calls finance director", []string{"secretary", "Finance Director"}, Head, Finance},
		{"no titles at all", nil, Unknown, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			level, function := Best(tt.titles...)
			if level != tt.level || function != tt.function {
				t.Errorf("Best(%q) = %q, %q; want %q, %q", tt.titles, level, function, tt.level, tt.function)
			}
		})
	}
}
