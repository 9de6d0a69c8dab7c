package people

import "strings"

// nicknames links a forename to its short forms, hypocoristics and
// equivalents in other languages, in both directions, and each short form
// to the names it shortens. Only direct links count: Alexander ~ Alex and
// Alexandra ~ Alex, but never Alexander ~ Alexandra through Alex.
var nicknames = loadNicknames("data/nicknames.csv", "data/nicknames_uk.csv")

type nicknameTable struct {
	links map[string]map[string]bool
	// formal maps a short form to the names it shortens.
	formal map[string][]string
}

func loadNicknames(paths ...string) nicknameTable {
	t := nicknameTable{links: map[string]map[string]bool{}, formal: map[string][]string{}}
	for _, p := range paths {
		for _, line := range dataLines(p) {
			f := strings.Split(line, ",")
			if len(f) != 3 || f[1] != "has_nickname" {
				continue
			}
			name, nick := key(f[0]), key(f[2])
			t.link(name, nick)
			t.formal[nick] = append(t.formal[nick], name)
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

// equivalent reports whether a and b are linked directly, or are two
// spellings of one short form of the same name, one extending the other
// (Rob and Robbie, both of Robert).
func (t nicknameTable) equivalent(a, b string) bool {
	if t.links[a][b] {
		return true
	}
	if !strings.HasPrefix(a, b) && !strings.HasPrefix(b, a) {
		return false
	}
	for _, fa := range t.formal[a] {
		for _, fb := range t.formal[b] {
			if fa == fb {
				return true
			}
		}
	}
	return false
}

// known reports whether w appears in the table as a forename or short
// form; it tells a forename from a surname when a name's order is unknown.
func (t nicknameTable) known(w string) bool { return len(t.links[w]) > 0 }
