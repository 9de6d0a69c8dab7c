// Command gen writes the labelled identity set for internal/people:
// pairs.csv (labelled mention pairs) and companies.json (per-company
// mention lists with the person each mention was rendered from).
//
// Every label is fixed by construction: each mention is rendered from a
// person drawn here, so two mentions are the same person exactly when they
// were rendered from the same person. Nothing here calls the matcher.
//
//	go run ./internal/people/testdata/identity/gen          # regenerate
//	go run ./internal/people/testdata/identity/gen -check   # validate the committed files
//
// The output is deterministic (fixed seed, no network, no clock).
package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

const seed1, seed2 = 20240601, 7

var header = []string{"category", "a_name", "a_role", "a_source", "a_appointed", "a_born", "a_ref",
	"b_name", "b_role", "b_source", "b_appointed", "b_born", "b_ref", "same", "note"}

func main() {
	dir := flag.String("dir", "internal/people/testdata/identity", "output directory")
	check := flag.Bool("check", false, "validate the files in -dir instead of writing them")
	flag.Parse()
	if *check {
		if err := validate(*dir); err != nil {
			fmt.Fprintln(os.Stderr, "check:", err)
			os.Exit(1)
		}
		return
	}
	if err := write(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func write(dir string) error {
	g := &gen{r: rand.New(rand.NewPCG(seed1, seed2))}
	g.registerVsDisplay()
	g.nickname()
	g.surnameFirstDisplay()
	g.middleNameKnown()
	g.transliteration()
	g.diacritics()
	g.titlesPostnominals()
	g.displayWithTitle()
	g.bracketQuoteNickname()
	g.initials()
	g.hyphenatedCompound()
	g.letterSplit()
	g.genderedForename()
	g.generationSuffix()
	g.sameNameDOB()
	g.notAPerson()
	g.directorPSC()
	g.differentPeopleSimilar()
	g.formattingNoise()
	g.unrelated()
	hand, err := os.ReadFile(filepath.Join(dir, "gen", "hand.csv"))
	if err != nil {
		return err
	}
	rows, err := csv.NewReader(bytes.NewReader(hand)).ReadAll()
	if err != nil {
		return fmt.Errorf("hand.csv: %w", err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	seen := map[string]bool{}
	key := func(cat, a, ab, b, bb string) bool {
		k1, k2 := cat+"\x00"+a+"\x00"+ab+"\x00"+b+"\x00"+bb, cat+"\x00"+b+"\x00"+bb+"\x00"+a+"\x00"+ab
		dup := seen[k1] || seen[k2]
		seen[k1] = true
		return dup
	}
	for i, r := range rows {
		if i == 0 {
			continue // hand.csv has the same header
		}
		if len(r) != len(header) {
			return fmt.Errorf("hand.csv line %d: %d fields", i+1, len(r))
		}
		if key(r[0], r[1], r[5], r[7], r[11]) {
			return fmt.Errorf("hand.csv line %d repeats another", i+1)
		}
	}
	for _, p := range g.pairs {
		if key(p.cat, p.a.Name, p.a.Born, p.b.Name, p.b.Born) {
			continue
		}
		note := p.note
		w.Write([]string{p.cat, p.a.Name, p.a.Role, p.a.Source, p.a.Appointed, p.a.Born, p.a.Ref,
			p.b.Name, p.b.Role, p.b.Source, p.b.Appointed, p.b.Born, p.b.Ref, fmt.Sprint(p.same), note})
	}
	for _, r := range rows[1:] {
		w.Write(r)
	}
	w.Flush()
	if err := os.WriteFile(filepath.Join(dir, "pairs.csv"), buf.Bytes(), 0o644); err != nil {
		return err
	}
	cs := g.companies()
	var jb bytes.Buffer
	enc := json.NewEncoder(&jb)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cs); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "companies.json"), jb.Bytes(), 0o644)
}

// validate parses both files and checks the rules the set promises.
func validate(dir string) error {
	f, err := os.ReadFile(filepath.Join(dir, "pairs.csv"))
	if err != nil {
		return err
	}
	rows, err := csv.NewReader(bytes.NewReader(f)).ReadAll()
	if err != nil {
		return err
	}
	if strings.Join(rows[0], ",") != strings.Join(header, ",") {
		return fmt.Errorf("header %q", rows[0])
	}
	sources := map[string]bool{"companies_house": true, "opencorporates": true, "website": true, "x": true, "linkedin": true, "facebook": true}
	type tally struct{ t, f, hard, easy int }
	cats := map[string]*tally{}
	var order []string
	var total tally
	for i, r := range rows[1:] {
		line := i + 2
		if len(r) != len(header) {
			return fmt.Errorf("line %d: %d fields", line, len(r))
		}
		for _, k := range []int{1, 7} {
			if strings.TrimSpace(r[k]) == "" {
				return fmt.Errorf("line %d: empty name", line)
			}
			if !sources[r[k+2]] {
				return fmt.Errorf("line %d: source %q", line, r[k+2])
			}
			if b := r[k+4]; b != "" {
				var y, m int
				if n, _ := fmt.Sscanf(b, "%4d-%2d", &y, &m); n != 2 || len(b) != 7 || m < 1 || m > 12 {
					return fmt.Errorf("line %d: born %q", line, b)
				}
				if r[k+2] != "companies_house" {
					return fmt.Errorf("line %d: birth date on %s", line, r[k+2])
				}
			}
			if a := r[k+3]; a != "" && len(a) != 10 {
				return fmt.Errorf("line %d: appointed %q", line, a)
			}
		}
		c := cats[r[0]]
		if c == nil {
			c = &tally{}
			cats[r[0]] = c
			order = append(order, r[0])
		}
		switch r[13] {
		case "true":
			c.t++
			total.t++
		case "false":
			c.f++
			total.f++
			if strings.HasPrefix(r[14], "hard:") {
				c.hard++
				total.hard++
			} else {
				c.easy++
				total.easy++
			}
		default:
			return fmt.Errorf("line %d: same %q", line, r[13])
		}
	}
	fmt.Printf("%-26s %5s %5s %5s %5s %5s\n", "category", "pairs", "true", "false", "hard", "easy")
	for _, k := range order {
		c := cats[k]
		fmt.Printf("%-26s %5d %5d %5d %5d %5d\n", k, c.t+c.f, c.t, c.f, c.hard, c.easy)
		if c.t+c.f < 40 {
			return fmt.Errorf("category %s has %d pairs", k, c.t+c.f)
		}
	}
	fmt.Printf("%-26s %5d %5d %5d %5d %5d\n", "total", total.t+total.f, total.t, total.f, total.hard, total.easy)
	if len(order) < 14 || total.t+total.f < 1100 {
		return fmt.Errorf("%d categories, %d pairs", len(order), total.t+total.f)
	}

	j, err := os.ReadFile(filepath.Join(dir, "companies.json"))
	if err != nil {
		return err
	}
	var cs []company
	dec := json.NewDecoder(bytes.NewReader(j))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cs); err != nil {
		return err
	}
	people, mentions, nonPerson := 0, 0, 0
	for _, c := range cs {
		ids := map[string]int{}
		for _, p := range c.People {
			if _, dup := ids[p.ID]; dup || p.ID == "" || p.Forenames == "" || p.Surname == "" || len(p.Born) != 7 {
				return fmt.Errorf("%s: bad person %+v", c.Number, p)
			}
			ids[p.ID] = 0
		}
		if len(c.People) < 3 || len(c.People) > 8 {
			return fmt.Errorf("%s: %d people", c.Number, len(c.People))
		}
		srcs := map[string]map[string]bool{}
		for _, m := range c.Mentions {
			if !sources[m.Source] || m.Name == "" {
				return fmt.Errorf("%s: bad mention %+v", c.Number, m)
			}
			if m.Person == "" {
				nonPerson++
				continue
			}
			if _, ok := ids[m.Person]; !ok {
				return fmt.Errorf("%s: mention of unknown person %q", c.Number, m.Person)
			}
			ids[m.Person]++
			if srcs[m.Person] == nil {
				srcs[m.Person] = map[string]bool{}
			}
			srcs[m.Person][m.Source] = true
		}
		for id, n := range ids {
			if n == 0 || len(srcs[id]) > 4 {
				return fmt.Errorf("%s: person %s has %d mentions from %d sources", c.Number, id, n, len(srcs[id]))
			}
		}
		people += len(c.People)
		mentions += len(c.Mentions)
	}
	fmt.Printf("companies %d, people %d, mentions %d (not a person %d)\n", len(cs), people, mentions, nonPerson)
	if len(cs) != 50 {
		return fmt.Errorf("%d companies", len(cs))
	}
	return nil
}
