package people

import "strings"

// genderedEndings are pairs of endings that turn a forename into its
// counterpart of the other gender in English and the European languages
// common on the UK register: Paul/Paula, Francesco/Francesca,
// Christian/Christina, Louis/Louise, Julius/Julia, Daniel/Danielle,
// Alexander/Alexandra, Francis/Frances, George/Georgia, Stephen/Stephanie,
// Frederick/Frederica, Patrick/Patricia, Joseph/Josephine, and the Polish
// surnames Kowalski/Kowalska. Two names that differ only by
// such endings are different names, however close their letters.
var genderedEndings = [][2]string{
	{"", "a"}, {"o", "a"}, {"e", "a"}, {"i", "a"}, {"us", "a"}, {"as", "a"},
	{"", "e"}, {"", "ne"}, {"", "le"}, {"", "ette"}, {"", "ine"},
	{"ian", "ina"}, {"ian", "ine"}, {"an", "a"}, {"on", "a"}, {"er", "ra"},
	{"is", "es"}, {"el", "elle"}, {"el", "ella"}, {"o", "e"}, {"y", "ie"},
	{"e", "ia"}, {"", "ia"}, {"en", "anie"}, {"k", "a"}, {"ck", "cia"},
	{"ph", "phine"}, {"y", "ietta"}, {"i", "ka"}, {"ki", "ka"},
	{"c", "que"}, {"ck", "que"},
}

// minGenderStem is the shortest stem the endings are taken from, so
// short names (Jo, Jon) are not read as stems.
const minGenderStem = 3

// gendered reports whether a and b are a gendered pair of forenames.
func gendered(a, b string) bool {
	if d := len(a) - len(b); d > 4 || d < -4 || len(a) < minGenderStem || len(b) < minGenderStem || a[:minGenderStem] != b[:minGenderStem] {
		return false
	}
	for _, p := range genderedEndings {
		if endingPair(a, b, p[0], p[1]) || endingPair(b, a, p[0], p[1]) {
			return true
		}
	}
	return false
}

func endingPair(a, b, x, y string) bool {
	sa, ok := strings.CutSuffix(a, x)
	if !ok || len(sa) < minGenderStem {
		return false
	}
	sb, ok := strings.CutSuffix(b, y)
	return ok && sa == sb
}
