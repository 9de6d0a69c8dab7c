package people

import (
	"testing"

	"github.com/leadgen/leadgen/schemas"
)

// mentionOf is a mention as one source gives it.
func mentionOf(name, role, source, born string) schemas.Executive {
	e := schemas.Executive{Name: name, Role: role, Sources: []string{source}}
	if born != "" {
		var y, m int32
		for _, r := range born[:4] {
			y = y*10 + int32(r-'0')
		}
		m = int32(born[5]-'0')*10 + int32(born[6]-'0')
		e.BirthYear, e.BirthMonth = &y, &m
	}
	return e
}

func TestSameOnTheFormsSourcesWrite(t *testing.T) {
	ch := func(name, born string) schemas.Executive { return mentionOf(name, "director", "companies_house", born) }
	psc := func(name, born string) schemas.Executive {
		return mentionOf(name, "person-with-significant-control", "companies_house", born)
	}
	web := func(name string) schemas.Executive { return mentionOf(name, "", "website", "") }
	x := func(name string) schemas.Executive { return mentionOf(name, "", "x", "") }
	tests := []struct {
		name string
		a, b schemas.Executive
		want bool
	}{
		{"a short form from the nickname table is the same forename", ch("TAYLOR, Alexander", ""), web("Alex Taylor"), true},
		{"a Welsh short form is the same forename", ch("EVANS, Dafydd Rhys", ""), web("Dai Evans"), true},
		{"a Yoruba short form is the same forename", ch("ADEYEMI, Oluwafemi", ""), x("Femi Adeyemi"), true},
		{"a Polish short form is the same forename", ch("NOWAK, Katarzyna", ""), web("Kasia Nowak"), true},
		{"a surname written first in capitals is read as the surname", ch("OKAFOR, Chidi", ""), web("OKAFOR Chidi"), true},
		{"a surname written first without a cue is read against the register", ch("SMITH, John", ""), web("Smith John"), true},
		{"a middle name used as the known name joins", ch("SMITH, John Robert", ""), web("Robert Smith"), true},
		{"a transliterated forename joins", ch("KHAN, Muhammad", ""), web("Mohammed Khan"), true},
		{"a transliterated Russian forename joins", ch("IVANOV, Sergei", ""), web("Sergey Ivanov"), true},
		{"a German umlaut spelled out joins", ch("MÜLLER, Hans", ""), web("Hans Mueller"), true},
		{"post-nominals after commas are left out", ch("CHANDRA, Vikram", ""), web("Vikram Chandra, ACCA, CTA"), true},
		{"honours and military ranks are left out", ch("HUGHES, David", ""), web("Capt David Hughes KCVO DL"), true},
		{"a job title after a bar is left out", ch("CARTER, Benjamin", ""), x("Benjamin Carter | Founder & CEO"), true},
		{"a job title after a dash is left out", ch("CARTER, Benjamin", ""), web("Benjamin Carter - Managing Director"), true},
		{"a bracketed nickname stands for the forename", ch("WANG, Xiaoming", ""), web("Jimmy Wang"), false},
		{"a bracketed nickname joins both forms", web("Xiaoming (Jimmy) Wang"), x("Jimmy Wang"), true},
		{"a quoted nickname joins", ch("LYONS, Robert", ""), web("Robert 'Bob' Lyons"), true},
		{"letters split differently are two people", ch("NASH, Eva", ""), web("Evan Ash"), false},
		{"letters split differently at one source are two people", ch("EWING, Ann", ""), ch("WING, Anne", ""), false},
		{"a gendered forename pair is two people", ch("ROSSI, Francesco", ""), web("Francesca Rossi"), false},
		{"Christian and Christina are two people", ch("BAUER, Christian", ""), web("Christina Bauer"), false},
		{"a generation on one side only is father and son", ch("LYONS, Robert", ""), web("Robert Lyons Jr"), false},
		{"a corporate officer without a legal suffix is no person",
			mentionOf("SPENCER STUART", "corporate-secretary", "companies_house", ""), web("Spencer Stuart"), false},
		{"a handle is no person", x("@priyaraman"), web("Priya Raman"), false},
		{"a director and a PSC with the same month of birth join", ch("PATEL, Rajesh Kumar", "1975-04"), psc("PATEL, Rajesh", "1975-04"), true},
		{"the same name with another month of birth is another person", ch("PATEL, Rajesh", "1975-04"), psc("PATEL, Rajesh", "1980-01"), false},
		{"John and Joan stay apart", ch("SMITH, John", ""), web("Joan Smith"), false},
		{"Smith and Smyth stay apart", ch("SMITH, John", ""), web("John Smyth"), false},
		{"two different forenames read in either order stay apart", web("James Thomas"), x("Thomas Williams"), false},
		{"two forenames of their own stay apart however close their letters", ch("SMITH, Andrew", ""), web("Andrea Smith"), false},
		{"a short form of a name no table knows joins by its sound", ch("PAPADOPOULOS, Nikolaos", ""), x("Nick Papadopoulos"), true},
		{"a short form of a name no table knows joins by its letters", ch("PAPADOPOULOS, Dimitrios", ""), web("Dimi Papadopoulos"), true},
		{"a short form never joins a gendered pair", ch("BYRNE, Noel", ""), web("Noelle Byrne"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, score := Same(tt.a, tt.b, testSources); got != tt.want {
				t.Errorf("Same(%q, %q) = %v (%.3f), want %v", tt.a.Name, tt.b.Name, got, score, tt.want)
			}
		})
	}
}

func TestParseReadsEveryForm(t *testing.T) {
	tests := []struct{ raw, display, normalized string }{
		{"SMITH, John Robert", "John Robert Smith", "john robert smith"},
		{"OKAFOR Chidi", "Chidi Okafor", "chidi okafor"},
		{"Vikram Chandra, ACCA, CTA", "Vikram Chandra", "vikram chandra"},
		{"Benjamin Carter | Founder & CEO", "Benjamin Carter", "benjamin carter"},
		{"Xiaoming (Jimmy) Wang", "Xiaoming Wang", "xiaoming wang"},
		{"Robert 'Bob' Lyons", "Robert Lyons", "robert lyons"},
		{"The Rt Hon Sir John Smith KCVO MP", "John Smith", "john smith"},
		{"Revd Canon Mary Jones", "Mary Jones", "mary jones"},
		{"Jack Ma", "Jack Ma", "jack ma"},
		{"JONES, Olivia, Dr", "Olivia Jones", "olivia jones"},
		{"O'BRIEN, Mary, Jr", "Mary O'Brien Jr", "mary obrien"},
	}
	for _, tt := range tests {
		if got := DisplayName(tt.raw); got != tt.display {
			t.Errorf("DisplayName(%q) = %q, want %q", tt.raw, got, tt.display)
		}
		if got := Normalize(tt.raw); got != tt.normalized {
			t.Errorf("Normalize(%q) = %q, want %q", tt.raw, got, tt.normalized)
		}
	}
}
