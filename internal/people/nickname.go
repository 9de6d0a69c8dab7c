package people

import "strings"

// nicknames links a forename to its short forms, hypocoristics and
// equivalents in other languages, in both directions. Only direct links
// count: Alexander ~ Alex and
// Alexandra ~ Alex, but never Alexander ~ Alexandra through Alex.
var nicknames = loadNicknames("data/nicknames.csv", "data/nicknames_uk.csv")

type nicknameTable struct {
	links map[string]map[string]bool
}

func loadNicknames(paths ...string) nicknameTable {
	t := nicknameTable{links: map[string]map[string]bool{}}
	for _, p := range paths {
		for _, line := range dataLines(p) {
			f := strings.Split(line, ",")
			if len(f) != 3 || f[1] != "has_nickname" {
				continue
			}
			t.link(key(f[0]), key(f[2]))
		}
	}
	return t
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

// known reports whether w appears in the table as a forename or short
// form; it tells a forename from a surname when a name's order is unknown.
func (t nicknameTable) known(w string) bool { return len(t.links[w]) > 0 }
