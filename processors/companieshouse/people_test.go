package companieshouse

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
)

// birthOf formats an executive's date of birth as "6/1975", or "-".
func birthOf(month, year *int32) string {
	if month == nil || year == nil {
		if month != nil || year != nil {
			return "half a date"
		}
		return "-"
	}
	return fmt.Sprintf("%d/%d", *month, *year)
}

func TestExecutivesCarryMonthAndYearOfBirthAndNaturesOfControl(t *testing.T) {
	api := newFakeAPI(t, fixtureRoutes(t))
	res, err := newTestClient(t, api.URL, nil).Lookup(context.Background(), byNumber("12345678"))
	if err != nil {
		t.Fatal(err)
	}
	majority := []string{"ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent", "right-to-appoint-and-remove-directors"}
	tests := []struct {
		name    string
		idx     int
		birth   string
		control []string
	}{
		{"a director carries the month and year the register publishes", 0, "6/1975", nil},
		{"a secretary the register gives no date of birth has none", 1, "-", nil},
		{"a PSC carries its date of birth and its natures of control as published", 2, "6/1975", majority},
		{"a resigned director keeps the date of birth", 3, "2/1980", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := res.Executives[tt.idx]
			if got := birthOf(e.BirthMonth, e.BirthYear); got != tt.birth || !slices.Equal(e.NaturesOfControl, tt.control) {
				t.Fatalf("%s: birth %s, control %q; want %s, %q", e.Name, got, e.NaturesOfControl, tt.birth, tt.control)
			}
		})
	}
}

func TestDateOfBirthIsMonthAndYearOrNothing(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"numbers are read", `{"month":6,"year":1975}`, "6/1975"},
		{"a day, were one sent, is dropped", `{"day":12,"month":6,"year":1975}`, "6/1975"},
		{"numeric strings are read", `{"month":"06","year":"1975"}`, "6/1975"},
		{"a month without a year is no date", `{"month":6}`, "-"},
		{"a thirteenth month is no date", `{"month":13,"year":1975}`, "-"},
		{"a year of zero is no date", `{"month":6,"year":0}`, "-"},
		{"a date written as a string is no date, and no error", `"1975-06-12"`, "-"},
		{"null is no date", `null`, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o officer
			if err := json.Unmarshal([]byte(`{"name":"DOE, Jane","date_of_birth":`+tt.body+`}`), &o); err != nil {
				t.Fatalf("officer body failed over its date of birth: %v", err)
			}
			if got := birthOf(o.executive().BirthMonth, o.executive().BirthYear); got != tt.want {
				t.Fatalf("birth %s, want %s", got, tt.want)
			}
		})
	}
}

func TestNaturesOfControlKeepOnlyCodesOnceEach(t *testing.T) {
	got := controlCodes([]string{"ownership-of-shares-25-to-50-percent", "", "Voting Rights",
		"significant-influence-or-control\x1b[2J", "ownership-of-shares-25-to-50-percent", "right-to-appoint-and-remove-directors"})
	want := []string{"ownership-of-shares-25-to-50-percent", "right-to-appoint-and-remove-directors"}
	if !slices.Equal(got, want) {
		t.Fatalf("codes %q, want %q", got, want)
	}
}
