package people

import (
	"bufio"
	"embed"
	"strings"
)

// The word lists are data, kept in data/ so they can grow without code
// changes; see data/README.md for their sources and licences.
//
//go:embed data/*.txt data/*.csv
var dataFS embed.FS

// titles are honorifics and ranks written before a name; they are
// dropped only from the front of the forenames.
var titles = wordList("data/titles.txt")

// postNominals are honours, degrees and professional letters written
// after a name; they are dropped only from the end of a name part.
var postNominals = wordList("data/postnominals.txt")

// corporateWords mark an organisation's name (Limited, LLP, Nominees).
var corporateWords = wordList("data/corporate.txt")

// generations mark father and son; they are kept apart from the name so
// that Same can tell the two apart.
var generations = map[string]string{
	"jr": "Jr", "jnr": "Jr", "junior": "Jr", "sr": "Sr", "snr": "Sr", "senior": "Sr",
	"ii": "II", "iii": "III", "iv": "IV", "2nd": "II", "3rd": "III", "4th": "IV",
}

// wordList reads one folded key per line, skipping blank lines and
// comments.
func wordList(path string) map[string]bool {
	m := map[string]bool{}
	for _, line := range dataLines(path) {
		if k := key(line); k != "" {
			m[k] = true
		}
	}
	return m
}

// wordsIn reads folded words, any number a line.
func wordsIn(path string) map[string]bool {
	m := map[string]bool{}
	for _, line := range dataLines(path) {
		for _, w := range strings.Fields(line) {
			m[key(w)] = true
		}
	}
	return m
}

// dataLines returns the non-blank lines of an embedded file that are not
// comments. The files are part of the binary, so a missing one is a
// build mistake and panics at start-up.
func dataLines(path string) []string {
	f, err := dataFS.Open(path)
	if err != nil {
		panic("people: " + err.Error())
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
