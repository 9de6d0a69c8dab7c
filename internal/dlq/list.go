package dlq

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/failure"
)

// Group counts the letters of one state, provider (or Input) and error
// class, with the first-failure times of the oldest and newest.
type Group struct {
	State    letterstate.State `json:"state"`
	Provider string            `json:"provider"`
	Class    failure.Class     `json:"error_class"`
	Count    int               `json:"count"`
	Oldest   time.Time         `json:"oldest"`
	Newest   time.Time         `json:"newest"`
}

type groupKey struct {
	state    letterstate.State
	provider string
	class    failure.Class
}

// Tally groups letters by state, provider and error class. The zero Tally
// is ready to use; it counts the state letters have been annotated with
// (see Book.Annotate).
type Tally struct{ groups map[groupKey]*Group }

// Add counts l.
func (t *Tally) Add(l Letter) {
	if t.groups == nil {
		t.groups = map[groupKey]*Group{}
	}
	k := groupKey{l.Status.State, l.Group(), l.Class}
	g, ok := t.groups[k]
	at := l.FailedAt()
	if !ok {
		g = &Group{State: k.state, Provider: k.provider, Class: l.Class, Oldest: at, Newest: at}
		t.groups[k] = g
	}
	g.Count++
	if at.Before(g.Oldest) {
		g.Oldest = at
	}
	if at.After(g.Newest) {
		g.Newest = at
	}
}

// Groups returns the counts ordered by provider, then class.
func (t *Tally) Groups() []Group {
	out := make([]Group, 0, len(t.groups))
	for _, g := range t.groups {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Group) int {
		return cmp.Or(cmp.Compare(stateOrder(a.State), stateOrder(b.State)),
			cmp.Compare(a.Provider, b.Provider), cmp.Compare(a.Class, b.Class))
	})
	return out
}

func stateOrder(s letterstate.State) int { return slices.Index(letterstate.States, s) }

// WriteGroups prints groups as a STATE PROVIDER CLASS COUNT OLDEST NEWEST
// table or as JSON lines.
func WriteGroups(w io.Writer, groups []Group, format Format) error {
	if format == JSON {
		enc := json.NewEncoder(w)
		for _, g := range groups {
			if err := enc.Encode(g); err != nil {
				return fmt.Errorf("write group: %w", err)
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tPROVIDER\tCLASS\tCOUNT\tOLDEST\tNEWEST")
	for _, g := range groups {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", orDash(string(g.State)), orDash(g.Provider), orDash(string(g.Class)), g.Count, stamp(g.Oldest), stamp(g.Newest))
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
