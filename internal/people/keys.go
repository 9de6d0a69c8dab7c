package people

import "github.com/leadgen/leadgen/schemas"

// Keys returns the blocking keys of a person's name: each word that may
// be its surname (with ä, ö, ü spelled as a, o, u), which is the marked
// surname of a "SURNAME, Forenames" name and any word of a name whose
// order is unknown (a surname may be written first); the Double
// Metaphone code of the surname as parsed (Phillips and Philips, Rahman
// and Rehman share it); and all its letters run together. Same accepts
// two mentions that share none of these only when they agree on an
// appointment date or month of birth (most surname spelling variants,
// such as Johnson and Johnston, need one), so a name held without either,
// such as an erasure, need only be compared with the names sharing one
// of its keys. A mention with no name, or one that is not a person, has
// no keys.
func Keys(e schemas.Executive) []string {
	m := newMention(e)
	m.appointed, m.born = "", ""
	return blockKeys(m)
}
