package leadview

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/leadgen/leadgen/schemas"
)

// Table writes leads as fixed-width rows, one per lead version, so a live
// view lines up without buffering.
type Table struct {
	w      io.Writer
	header bool
}

// NewTable writes to w.
func NewTable(w io.Writer) *Table { return &Table{w: w} }

const rowFormat = "%-12s %-36s %-11s %5s %3s  %-28s %s\n"

// Write adds one lead version (or tombstone).
func (t *Table) Write(ev Event) error {
	if !t.header {
		if _, err := fmt.Fprintf(t.w, rowFormat, "LEAD KEY", "COMPANY", "STATUS", "SCORE", "VER", "PROVIDERS", "PEOPLE"); err != nil {
			return err
		}
		t.header = true
	}
	if ev.Lead == nil {
		_, err := fmt.Fprintf(t.w, rowFormat, clip(ev.Key, 12), "(erased)", "", "", "", "", "")
		return err
	}
	l := ev.Lead
	_, err := fmt.Fprintf(t.w, rowFormat, printable(clip(l.LeadKey, 12)), printable(clip(l.CompanyName, 36)),
		printable(clip(deref(l.CompanyStatus), 11)), fmt.Sprintf("%.1f", l.LeadScore), fmt.Sprint(l.Version),
		printable(clip(providers(l), 28)), printable(people(l.Executives, 3)+notes(l.Notes)))
	return err
}

// printable replaces control and format characters with spaces: a lead's
// text comes from APIs and web pages, and an escape sequence or a
// bidirectional override in it must not reach the operator's terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
}

// notes are the providers' notes on what they left out, after the people:
// " [website: robots.txt of https://acme.example disallows /team for leadgen]".
func notes(ns []schemas.LeadNote) string {
	var s strings.Builder
	for _, n := range ns {
		fmt.Fprintf(&s, " [%s: %s]", n.Provider, n.Note)
	}
	return s.String()
}

// providers says how many providers answered, and names the failed ones.
func providers(l *schemas.EnrichedLead) string {
	s := fmt.Sprintf("%d/%d ok", len(l.ProvidersOK), len(l.ProvidersOK)+len(l.ProvidersFailed))
	if len(l.ProvidersFailed) > 0 {
		s += ", failed: " + strings.Join(l.ProvidersFailed, ",")
	}
	return s
}

// people names the first n people with their role and, for a person with
// significant control, their control in words.
func people(execs []schemas.Executive, n int) string {
	var names []string
	for i, e := range execs {
		if i == n {
			names = append(names, fmt.Sprintf("+%d more", len(execs)-n))
			break
		}
		about := e.Role
		switch n := e.OtherDirectorships; {
		case n != nil && *n == 1:
			about += ", 1 other directorship"
		case n != nil && *n > 1:
			about += fmt.Sprintf(", %d other directorships", *n)
		}
		if c := control(e.NaturesOfControl); c != "" {
			about += "; " + c
		}
		names = append(names, fmt.Sprintf("%s (%s)", e.Name, about))
	}
	if len(names) == 0 {
		return "-"
	}
	return strings.Join(names, "; ")
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// JSON writes one JSON object per lead version: the lead's JSON view
// (schemas.EnrichedLeadJSON), what Kafka Connect's JsonConverter writes.
type JSON struct{ enc *json.Encoder }

// NewJSON writes to w.
func NewJSON(w io.Writer) *JSON { return &JSON{enc: json.NewEncoder(w)} }

// Write encodes one lead version, or a tombstone as {"lead_key":K,"erased":true}.
func (j *JSON) Write(ev Event) error {
	if ev.Lead == nil {
		return j.enc.Encode(map[string]any{"lead_key": ev.Key, "erased": true})
	}
	return j.enc.Encode(schemas.EnrichedLeadJSON(ev.Lead))
}
