// Package companynumber reads a UK company registration number written
// the ways people write it, and says whether it has the registry's form.
// Every place that takes a company number from input uses it: the input
// limits (requestcheck), and the Companies House and OpenCorporates
// lookups, so a number the input check accepts is one they can look up.
package companynumber

import (
	"regexp"
	"strings"
)

// Length is the length of every number on the register.
const Length = 8

// form is the registry's format: 8 digits (companies registered in
// England and Wales), or a 2-letter register prefix (SC Scotland, NI
// Northern Ireland, OC limited liability partnerships, ...) and 6 digits.
var form = regexp.MustCompile(`^([0-9]{8}|[A-Z]{2}[0-9]{6})$`)

// Normalize returns s as the registry writes it: upper case, no spaces,
// and the leading zeros people drop put back ("1234567" → "01234567").
// ok says whether the result has the registry's format; when it does not,
// the result is only for messages and must not be used in a URL.
func Normalize(s string) (number string, ok bool) {
	n := strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(n) < Length && len(n) > 0 && strings.Trim(n, "0123456789") == "" {
		n = strings.Repeat("0", Length-len(n)) + n
	}
	return n, form.MatchString(n)
}
