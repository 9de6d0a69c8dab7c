package dlq

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/embedded/embeddedtest"
	"github.com/leadgen/leadgen/internal/failure"
)

func TestListCountsLettersByStateProviderAndClassWithUndecodableInputAsItsOwnGroup(t *testing.T) {
	opts := embeddedtest.Opts(t)
	letters(t, opts,
		dead{"x", failure.Transient, "r1", request(t, "r1"), t0.Add(time.Hour), 0},
		dead{"x", failure.Transient, "r2", request(t, "r2"), t0, 3},
		dead{"x", failure.Auth, "r3", request(t, "r3"), t0, 1},
		dead{"companies_house", failure.Undecodable, "r4", []byte("{}"), t0.Add(2 * time.Hour), 5},
		dead{"aggregator", failure.Undecodable, "r5", []byte("junk"), t0, 0},
	)
	book := NewBook(0)
	var tally Tally
	for _, l := range readAll(t, opts, names.DLQ(), All()) {
		book.Annotate(&l, nil)
		tally.Add(l)
	}
	open := letterstate.Open
	want := []Group{
		{open, "aggregator", failure.Undecodable, 1, t0, t0},
		{open, Input, failure.Undecodable, 1, t0.Add(2 * time.Hour), t0.Add(2 * time.Hour)},
		{open, "x", failure.Auth, 1, t0, t0},
		{open, "x", failure.Transient, 2, t0, t0.Add(time.Hour)},
	}
	if got := tally.Groups(); !slices.Equal(got, want) {
		t.Fatalf("groups\n got %v\nwant %v", got, want)
	}
}

func TestGroupsPrintAsATableOrJSONLines(t *testing.T) {
	groups := []Group{{letterstate.Open, "x", failure.Transient, 2, t0, t0.Add(time.Hour)}}
	for _, tc := range []struct {
		name   string
		format Format
		want   []string
	}{
		{"a table has a header and a row per group", Table, []string{
			"STATE  PROVIDER  CLASS      COUNT  OLDEST                NEWEST",
			"open   x         transient  2      2026-03-01T12:00:00Z  2026-03-01T13:00:00Z"}},
		{"json has one object per group", JSON, []string{
			`{"state":"open","provider":"x","error_class":"transient","count":2,"oldest":"2026-03-01T12:00:00Z","newest":"2026-03-01T13:00:00Z"}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteGroups(&b, groups, tc.format); err != nil {
				t.Fatal(err)
			}
			if got := strings.Split(strings.TrimSpace(b.String()), "\n"); !slices.Equal(got, tc.want) {
				t.Fatalf("printed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if tc.format == JSON && !json.Valid([]byte(b.String()[:len(b.String())-1])) {
				t.Fatalf("not JSON: %s", b.String())
			}
		})
	}
}
