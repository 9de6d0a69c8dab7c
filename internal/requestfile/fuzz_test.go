package requestfile

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkLines asserts what must hold for any input: numbered lines in
// order, each with exactly one of Request and Err, and requests that pass
// validation again.
func checkLines(t *testing.T, lines []Line) {
	t.Helper()
	prev := 0
	for _, l := range lines {
		if l.Number < prev || l.Number < 1 {
			t.Fatalf("line number %d after %d", l.Number, prev)
		}
		prev = l.Number
		if (l.Request == nil) == (l.Err == nil) {
			t.Fatalf("line %d: request %v and error %v", l.Number, l.Request, l.Err)
		}
		if l.Err != nil {
			if strings.Contains(l.Err.Error(), "\n") || !utf8.ValidString(l.Err.Error()) {
				t.Fatalf("line %d: error %q is not one valid line", l.Number, l.Err)
			}
			continue
		}
		r := l.Request
		again, err := Build(r.CompanyName, deref(r.CompanyNumber), deref(r.Domain), r.Providers)
		if err != nil || again.CompanyName != r.CompanyName || deref(again.CompanyNumber) != deref(r.CompanyNumber) || deref(again.Domain) != deref(r.Domain) {
			t.Fatalf("line %d: request %+v does not validate again: %v", l.Number, r, err)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add([]byte(mixedCSV))
	f.Add([]byte("company_name\n\"unterminated\n"))
	f.Add([]byte("company_name,domain\nAcme,bücher.de\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := Parse(strings.NewReader(string(data)), CSV, fixedNow)
		if err == nil {
			checkLines(t, lines)
		}
	})
}

func FuzzParseJSONL(f *testing.F) {
	f.Add([]byte(mixedJSONL))
	f.Add([]byte("{\"company_name\":\"Acme\",\"domain\":\"例え.テスト\"}"))
	f.Add([]byte("{\"company_number\":1e9}\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines, err := Parse(strings.NewReader(string(data)), JSONL, fixedNow)
		if err != nil {
			t.Fatalf("Parse of a readable JSONL stream failed: %v", err)
		}
		checkLines(t, lines)
	})
}
