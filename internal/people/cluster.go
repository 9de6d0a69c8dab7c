package people

import (
	"cmp"
	"slices"
)

// clarityMargin is how much better, in Same's score, an ambiguous
// mention's best candidate person must be than the next to be given it.
const clarityMargin = 0.05

// cluster groups mentions into people. Mentions must already be in a
// canonical order so the result does not depend on input order.
//
// Pairs that Same accepts are joined best score first. Two groups join
// when no mention of one is told apart from a mention of the other by
// hard evidence (a different month of birth or generation, letters split
// differently, two appointments at one source), and every name of the
// joined group is compatible with its fullest name. So "J Smith" cannot
// chain "John Smith" and "Jane Smith", while "John Smith" and "Robert
// Smith" both join "SMITH, John Robert", and an X "R. Patel" that only
// one record supports does not keep a director and the same person's PSC
// record apart.
//
// A mention that Same accepts with two mentions that cannot be one person
// (the "John Smith" on X when the register lists two John Smiths) is
// ambiguous: it is placed last, with the person it fits clearly best, or
// left on its own rather than guess.
func cluster(ms []mention) *clustering {
	c := newClustering(ms)
	ambiguous := c.ambiguities()
	for _, e := range c.edges {
		if !ambiguous[e.i] && !ambiguous[e.j] {
			c.join(e.i, e.j)
		}
	}
	for i, amb := range ambiguous {
		if amb {
			c.place(i)
		}
	}
	c.placeGenerations()
	return c
}

// edge is a pair of mentions that Same accepts, with its score.
type edge struct {
	i, j  int
	score float64
}

type clustering struct {
	ms     []mention
	same   map[[2]int]float64
	near   [][]int
	edges  []edge
	owner  []int
	member [][]int
	compat map[[2]int]bool
}

func newClustering(ms []mention) *clustering {
	c := &clustering{ms: ms, same: map[[2]int]float64{}, near: make([][]int, len(ms)),
		owner: make([]int, len(ms)), member: make([][]int, len(ms)), compat: map[[2]int]bool{}}
	for i := range ms {
		c.owner[i], c.member[i] = i, []int{i}
	}
	for _, p := range candidatePairs(ms) {
		if hardApart(ms[p[0]], ms[p[1]]) {
			continue // Same would refuse them whatever their names
		}
		if ok, score := decide(ms[p[0]], ms[p[1]]); ok {
			c.same[p] = score
			c.near[p[0]] = append(c.near[p[0]], p[1])
			c.near[p[1]] = append(c.near[p[1]], p[0])
			c.edges = append(c.edges, edge{p[0], p[1], score})
		}
	}
	slices.SortStableFunc(c.edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j))
	})
	return c
}

// ambiguities marks every mention that is the same as two mentions which
// cannot be one person with it: "J Smith" beside "John Smith" and "Jane
// Smith", but not "SMITH, John Robert" beside "John Smith" and "Robert
// Smith", whose names both fit its fuller one.
func (c *clustering) ambiguities() []bool {
	out := make([]bool, len(c.ms))
	for i, near := range c.near {
		for x, a := range near {
			for _, b := range near[x+1:] {
				if !c.mayJoin([]int{i, a}, []int{b}) {
					out[i] = true
				}
			}
		}
	}
	return out
}

// compatible reports whether two mentions' names may be one person's,
// whatever the evidence; it is cached, as anchors are asked often.
func (c *clustering) compatible(a, b int) bool {
	k := [2]int{min(a, b), max(a, b)}
	if v, ok := c.compat[k]; ok {
		return v
	}
	m := compareNames(c.ms[a].form, c.ms[b].form)
	v := m.kind != conflict && !m.split
	c.compat[k] = v
	return v
}

// join merges the groups of i and j if they may be one person.
func (c *clustering) join(i, j int) bool {
	a, b := c.owner[i], c.owner[j]
	if a == b || !c.mayJoin(c.member[a], c.member[b]) {
		return false
	}
	for _, k := range c.member[b] {
		c.owner[k] = a
	}
	c.member[a], c.member[b] = append(c.member[a], c.member[b]...), nil
	return true
}

func (c *clustering) mayJoin(a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if hardApart(c.ms[x], c.ms[y]) {
				return false
			}
		}
	}
	anchor := c.fullest(c.fullest(a...), c.fullest(b...))
	for _, group := range [][]int{a, b} {
		for _, x := range group {
			if x != anchor && !c.compatible(x, anchor) {
				return false
			}
		}
	}
	return true
}

// fullest is the mention with the fullest name, the first in canonical
// order on a tie.
func (c *clustering) fullest(group ...int) int {
	best := slices.Min(group)
	for _, x := range group {
		f, g := c.ms[x].full, c.ms[best].full
		if f.beats(g) || (f == g && x < best) {
			best = x
		}
	}
	return best
}

// place gives an ambiguous mention to the person it fits clearly best.
func (c *clustering) place(i int) {
	best, second, to := 0.0, 0.0, -1
	for _, j := range c.near[i] {
		s := c.same[[2]int{min(i, j), max(i, j)}]
		switch g := c.owner[j]; {
		case g == to:
			best = max(best, s)
		case s > best:
			best, second, to = s, best, g
		default:
			second = max(second, s)
		}
	}
	if to >= 0 && best-second >= clarityMargin {
		c.join(to, i)
	}
}

// link is the best score by which mention i is the same as another
// mention of its group, or 1 for a mention alone: how strongly the
// evidence ties it to the person.
func (c *clustering) link(i int) float64 {
	g := c.member[c.owner[i]]
	if len(g) == 1 {
		return 1
	}
	best := 0.0
	for _, j := range g {
		best = max(best, c.same[[2]int{min(i, j), max(i, j)}])
	}
	return best
}

// groups are the people found, each a sorted list of mention indexes.
func (c *clustering) groups() [][]int {
	var out [][]int
	for _, g := range c.member {
		if len(g) > 0 {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	return out
}

// hardApart reports whether evidence other than the name tells two
// mentions apart.
func hardApart(a, b mention) bool {
	ev := evidenceOf(a, b)
	return ev.birthsDiffer || !generationsAgree(a, b, ev) ||
		(ev.sameSource && ev.sameRank && ev.datesDiffer && !ev.sameBirth)
}
