package requestfile

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/requestcheck"
)

var fixedNow = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// outcome writes a Line as "N: ok NAME NUMBER DOMAIN PROVIDERS ID" or
// "N: error" for comparison.
func outcome(l Line) string {
	if l.Err != nil {
		return fmt.Sprintf("%d: %v", l.Number, firstReason(l.Err))
	}
	r := l.Request
	return fmt.Sprintf("%d: ok %s|%s|%s|%s|%s", l.Number, r.CompanyName, deref(r.CompanyNumber), deref(r.Domain), strings.Join(r.Providers, "+"), r.RequestID)
}

// firstReason names the first sentinel reason err wraps.
func firstReason(err error) error {
	for _, reason := range []error{requestcheck.ErrMissingName, requestcheck.ErrNameTooLong, requestcheck.ErrControlCharacters, requestcheck.ErrEncoding, requestcheck.ErrCompanyNumber, requestcheck.ErrDomain, requestcheck.ErrProvider, requestcheck.ErrRequestID, ErrMalformed, ErrEmptyRow} {
		if errors.Is(err, reason) {
			return reason
		}
	}
	return err
}

func parseAll(t *testing.T, text string, format Format) []string {
	t.Helper()
	lines, err := Parse(strings.NewReader(text), format, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range lines {
		if l.Request != nil && !l.Request.RequestedAt.Equal(fixedNow()) {
			t.Errorf("line %d RequestedAt %v, want %v", l.Number, l.Request.RequestedAt, fixedNow())
		}
		out = append(out, outcome(l))
	}
	return out
}

const mixedCSV = "\ufeffRequest_ID, company_name ,company_number,domain,providers\n" +
	"r1,Acme Widgets Ltd,1234567,acme.example,x;linkedin\n" +
	"r2,,00000001,,\n" +
	"\n" +
	",,,,\n" +
	"r3,\"Multi\nLine Ltd\",SC123456,,\n" +
	"r4,Bad Number Ltd,ABC,,\n" +
	"r5,Bad Domain Ltd,,http://bad.example/,\n" +
	"r6,Bad Provider Ltd,,,x twitter\n" +
	"r7,Too Few Fields\n" +
	"r8,Bad \"Quote Ltd,,,\n" +
	"r9,Last Ltd,,,companies_house website\n"

func TestParseCSVKeepsGoodLinesAndExplainsBadOnes(t *testing.T) {
	got := parseAll(t, mixedCSV, CSV)
	want := []string{
		"2: ok Acme Widgets Ltd|01234567|acme.example|x+linkedin|r1",
		"3: ok |00000001|||r2",
		"5: empty row",
		"6: control characters",
		"8: invalid company_number",
		"9: invalid domain",
		"10: unknown provider",
		"11: malformed line",
		"12: malformed line",
		"13: ok Last Ltd|||companies_house+website|r9",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

const mixedJSONL = "\ufeff{\"company_name\":\"Acme Widgets Ltd\",\"company_number\":\"1234567\",\"domain\":\"Acme.Example\",\"providers\":[\"x\",\"linkedin\"],\"request_id\":\"r1\"}\n" +
	"\n" +
	"   \r\n" +
	"{\"company_name\":\"\",\"request_id\":\"r2\"}\n" +
	"{\"company_name\":\"Acme\",\"company_number\":1234,\"request_id\":\"r3\"}\r\n" +
	"{\"company_name\":\"Acme\",\"providers\":\"x\"}\n" +
	"{\"company_name\":\"Acme\",\"fax\":\"01234\"}\n" +
	"{\"company_name\":\"Acme\",\n" +
	"[\"company_name\"]\n" +
	"{\"company_name\":\"Acme\",\"domain\":\"acme.example:443\"}\n" +
	"{\"company_name\":\"Acme\",\"providers\":[\"myspace\"]}\n" +
	"{\"company_name\":\"Acme\",\"request_id\":\"has space\"}\n" +
	"{\"company_name\":\"Last\",\"company_number\":null,\"domain\":null,\"providers\":null,\"request_id\":\"r13\"}"

func TestParseJSONLKeepsGoodLinesAndExplainsBadOnes(t *testing.T) {
	got := parseAll(t, mixedJSONL, JSONL)
	want := []string{
		"1: ok Acme Widgets Ltd|01234567|acme.example|x+linkedin|r1",
		"4: missing company_name",
		"5: ok Acme|00001234|||r3",
		"6: malformed line",
		"7: malformed line",
		"8: malformed line",
		"9: malformed line",
		"10: invalid domain",
		"11: unknown provider",
		"12: invalid request_id",
		"13: ok Last||||r13",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Regression: a CSV row of separators only (",,,", how spreadsheets export
// an empty row) was skipped in silence, so the request summary's count of
// lines read did not add up to the lines sent plus those reported.
func TestAnEmptyCSVRowIsReportedByItsLineNumber(t *testing.T) {
	text := "request_id,company_name,domain\nr1,Acme,acme.example\n,,\n , ,\t\nr2,Last,\n\n"
	got := parseAll(t, text, CSV)
	want := []string{"2: ok Acme||acme.example||r1", "3: empty row", "4: empty row", "5: ok Last||||r2"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestParseGivesMissingRequestIDsNewOnes(t *testing.T) {
	for format, text := range map[Format]string{
		CSV:   "company_name\nAcme\nAcme\n",
		JSONL: "{\"company_name\":\"Acme\"}\n{\"company_name\":\"Acme\"}\n",
	} {
		lines, err := Parse(strings.NewReader(text), format, fixedNow)
		if err != nil || len(lines) != 2 {
			t.Fatalf("%v: Parse = %v, %v", format, lines, err)
		}
		a, b := lines[0].Request.RequestID, lines[1].Request.RequestID
		if !uuidV4.MatchString(a) || a == b {
			t.Errorf("%v: request ids %q and %q, want two different UUIDs", format, a, b)
		}
	}
}

func TestParseRefusesABadCSVHeader(t *testing.T) {
	tests := []struct {
		name, text, mention string
	}{
		{"an empty file", "", "empty"},
		{"unknown columns, named", "company_name,fax,Phone\nAcme,1,2\n", `"fax", "phone"`},
		{"a header without company_name", "domain\nacme.example\n", "no company_name"},
		{"a repeated column", "company_name,domain,company_name\n", `repeated columns "company_name"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tt.text), CSV, fixedNow)
			if !errors.Is(err, ErrHeader) || !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("Parse error %v, want a header error mentioning %s", err, tt.mention)
			}
		})
	}
}

func TestParseReportsReadErrors(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, format := range []Format{CSV, JSONL} {
		r := &failAfter{r: strings.NewReader("company_name\nAcme\n"), err: boom}
		if _, err := Parse(r, format, fixedNow); !errors.Is(err, boom) {
			t.Errorf("%v: Parse error %v, want %v", format, err, boom)
		}
	}
}

// failAfter reads r, then fails with err instead of io.EOF.
type failAfter struct {
	r   *strings.Reader
	err error
}

func (f *failAfter) Read(p []byte) (int, error) {
	if f.r.Len() == 0 {
		return 0, f.err
	}
	return f.r.Read(p)
}

func TestEachStopsWhenTheCallbackFails(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	err := Each(strings.NewReader("company_name\nA\nB\nC\n"), CSV, fixedNow, func(Line) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("Each = %v after %d calls, want %v after 1", err, calls, stop)
	}
}

func TestJSONLRefusesAnOverlongLineAndGoesOn(t *testing.T) {
	text := "{\"company_name\":\"" + strings.Repeat("a", maxLineBytes) + "\"}\n{\"company_name\":\"Next\",\"request_id\":\"r2\"}\n"
	got := parseAll(t, text, JSONL)
	want := "1: malformed line\n2: ok Next||||r2"
	if strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path string
		want Format
	}{
		{"requests.csv", CSV}, {"/tmp/REQUESTS.CSV", CSV},
		{"requests.jsonl", JSONL}, {"requests.ndjson", JSONL},
	}
	for _, tt := range tests {
		if got, err := FormatOf(tt.path); got != tt.want || err != nil {
			t.Errorf("FormatOf(%q) = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
	for _, path := range []string{"requests.json", "requests.xlsx", "requests", "csv"} {
		if _, err := FormatOf(path); !errors.Is(err, ErrFormat) {
			t.Errorf("FormatOf(%q) error %v, want %v", path, err, ErrFormat)
		}
	}
}

func TestAWatchColumnOrKeyOfFalseOptsTheRequestOutOfTheWatchlist(t *testing.T) {
	for format, text := range map[Format]string{
		CSV:   "company_number,watch\n01234567,false\n01234568,\n01234569,true\n01234570,maybe\n",
		JSONL: `{"company_number":"01234567","watch":false}` + "\n" + `{"company_number":"01234568"}` + "\n" + `{"company_number":"01234569","watch":true}` + "\n" + `{"company_number":"01234570","watch":"maybe"}` + "\n",
	} {
		lines, err := Parse(strings.NewReader(text), format, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != 4 || lines[0].Err != nil || lines[1].Err != nil || lines[2].Err != nil {
			t.Fatalf("%v: lines %+v, want three good and one bad", format, lines)
		}
		if !lines[0].Request.NoWatch || lines[1].Request.NoWatch || lines[2].Request.NoWatch {
			t.Errorf("%v: no-watch %v %v %v, want only the first", format, lines[0].Request.NoWatch, lines[1].Request.NoWatch, lines[2].Request.NoWatch)
		}
		if !errors.Is(lines[3].Err, ErrMalformed) {
			t.Errorf("%v: watch maybe: %v, want ErrMalformed", format, lines[3].Err)
		}
	}
}
