package people

import (
	"strings"

	"github.com/leadgen/leadgen/schemas"
)

// Keys returns the blocking keys of a person's name: its surname, and all
// its letters run together. Same accepts two mentions that share no key
// only when they agree on an appointment date (a surname spelling variant
// such as Johnson and Johnston needs one), so a name held without a date,
// such as an erasure, need only be compared with the names sharing one of
// its keys. A mention with no name has no keys.
func Keys(e schemas.Executive) []string {
	words := newMention(e).words
	if len(words) == 0 {
		return nil
	}
	return []string{"surname:" + words[len(words)-1], "letters:" + strings.Join(words, "")}
}
