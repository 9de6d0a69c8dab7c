package people

import (
	"math/bits"

	"github.com/antzucaro/matchr"
)

// candidatePairs are the pairs of mentions Same could accept: those that
// share a blocking key (see Keys), an appointment date or a month of
// birth. Comparing only these keeps a large company's merge fast; the
// pairs come in order, each once, first index lower.
func candidatePairs(ms []mention) [][2]int {
	index := map[string][]int{}
	for i, m := range ms {
		for _, k := range blockKeys(m) {
			index[k] = append(index[k], i)
		}
	}
	n := len(ms)
	seen := make([]uint64, (n*n+63)/64) // bit i*n+j, i < j: the pair shares a key
	count := 0
	for _, ids := range index {
		for x, i := range ids {
			for _, j := range ids[x+1:] {
				if bit := i*n + j; i != j && seen[bit/64]&(1<<(bit%64)) == 0 {
					seen[bit/64] |= 1 << (bit % 64)
					count++
				}
			}
		}
	}
	out := make([][2]int, 0, count)
	for w, word := range seen { // in bit order, which is pair order
		for ; word != 0; word &= word - 1 {
			bit := w*64 + bits.TrailingZeros64(word)
			out = append(out, [2]int{bit / n, bit % n})
		}
	}
	return out
}

// surnameCandidates are the words that can be the surname in some
// reading of a name: the marked surname, or any word when unmarked.
func surnameCandidates(f form) []string {
	if f.ordered {
		return f.surname
	}
	return f.words
}

// blockKeys are a mention's name keys (see Keys) plus its appointment
// date and month of birth, the evidence most surname spelling variants
// need.
func blockKeys(m mention) []string {
	if m.notPerson || len(m.words) == 0 {
		return nil
	}
	keys := make([]string, 0, len(m.words)+3)
	for _, w := range surnameCandidates(m.form) {
		keys = append(keys, "word:"+umlautKey(w))
	}
	if s := m.form.family; len(s) >= variantMinRunes {
		code, _ := matchr.DoubleMetaphone(s)
		keys = append(keys, "sound:"+code)
	}
	keys = append(keys, "letters:"+m.form.letters)
	if m.appointed != "" {
		keys = append(keys, "date:"+m.appointed)
	}
	if m.born != "" {
		keys = append(keys, "born:"+m.born)
	}
	return keys
}
