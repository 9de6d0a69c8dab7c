package people

import "strings"

// nicknames links a forename to its short forms, hypocoristics and
// equivalents in other languages, in both directions. Only direct links
// count: Alexander ~ Alex and
// Alexandra ~ Alex, but never Alexander ~ Alexandra through Alex.
var nicknames = loadNicknames([]string{"data/nicknames.csv", "data/nicknames_uk.csv"},
	"data/spellings.txt", "data/nicknames_not.csv")

type nicknameTable struct {
	links map[string]map[string]bool
}

// loadNicknames reads name,has_nickname,nickname links, then groups of
// spellings of one name (every two in a group linked), then removes the
// links listed in the exclusions file.
func loadNicknames(linkFiles []string, spellings, exclusions string) nicknameTable {
	t := nicknameTable{links: map[string]map[string]bool{}}
	for _, p := range linkFiles {
		for _, l := range linkLines(p) {
			t.link(l[0], l[1])
		}
	}
	for _, line := range dataLines(spellings) {
		group := strings.Fields(line)
		for i, a := range group {
			for _, b := range group[i+1:] {
				t.link(key(a), key(b))
			}
		}
	}
	for _, l := range linkLines(exclusions) {
		delete(t.links[l[0]], l[1])
		delete(t.links[l[1]], l[0])
	}
	return t
}

// linkLines are the name, nickname pairs of a has_nickname file.
func linkLines(path string) [][2]string {
	var out [][2]string
	for _, line := range dataLines(path) {
		if f := strings.Split(line, ","); len(f) == 3 && strings.TrimSpace(f[1]) == "has_nickname" {
			out = append(out, [2]string{key(f[0]), key(f[2])})
		}
	}
	return out
}

func (t nicknameTable) link(a, b string) {
	for _, p := range [][2]string{{a, b}, {b, a}} {
		if t.links[p[0]] == nil {
			t.links[p[0]] = map[string]bool{}
		}
		t.links[p[0]][p[1]] = true
	}
}

// equivalent reports whether a and b are linked directly.
func (t nicknameTable) equivalent(a, b string) bool { return t.links[a][b] }

// known reports whether w is a known forename: in the nickname table, or
// in the list of common forenames; it tells a forename from a surname
// when a name's order is unknown.
func (t nicknameTable) known(w string) bool { return len(t.links[w]) > 0 || forenames[w] }

// forenames are common forenames that the nickname tables may lack.
var forenames = wordsIn("data/forenames.txt")
