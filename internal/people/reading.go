package people

// reading is one way to take two names apart for comparison.
type reading struct {
	a, b form
}

// readings appends to out the other ways to read a and b when a source did not mark
// the surname: the unmarked name split to the other's surname length
// ("Sarah Smith Jones" against "SMITH JONES, Sarah"), or read surname
// first ("Smith John" against "SMITH, John", "Wang Xiaoming" against
// "Xiaoming Wang"). A name is read surname first only when its first word
// is not a known forename: "James Thomas" is James, not Thomas.
func readings(a, b form, out []reading) []reading {
	if !b.ordered {
		out = rereadings(a, b, out)
	}
	if !a.ordered {
		n := len(out)
		out = rereadings(b, a, out)
		for i := n; i < len(out); i++ {
			out[i].a, out[i].b = out[i].b, out[i].a
		}
	}
	return out
}

// rereadings appends to out the re-splits of the unmarked name u against
// the name k.
func rereadings(k, u form, out []reading) []reading {
	words := u.words
	n := len(k.surname)
	if n >= len(words) {
		return out
	}
	if n > 1 {
		r := reading{a: k, b: split(words, len(words)-n, false)}
		r.b.nickname = u.nickname
		out = append(out, r)
	}
	if !k.ordered {
		n = 1
	}
	if nicknames.known(words[0]) {
		return out
	}
	r := reading{a: k, b: split(words, n, true)}
	r.b.nickname = u.nickname
	return append(out, r)
}

// split cuts words into forenames and surname at i; surnameFirst takes
// the first i words as the surname.
func split(words []string, i int, surnameFirst bool) form {
	if surnameFirst {
		return newForm(words[i:], words[:i], "", true)
	}
	return newForm(words[:i], words[i:], "", true)
}
