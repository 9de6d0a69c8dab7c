package people

import (
	"cmp"
	"slices"
)

// edge is a pair of mentions that Same accepts, with its score.
type edge struct {
	i, j  int
	score float64
}

// cluster groups mentions into people. Mentions must already be in a
// canonical order so the result does not depend on input order.
//
// It is complete-linkage clustering: pairs are joined best score first,
// and two groups join only if every mention of one is the same person as
// every mention of the other, so "j smith" cannot chain "john smith" and
// "jane smith" together. A mention that fits two mentions which are told
// apart (the "John Smith" on X when Companies House lists two different
// John Smiths) is ambiguous and stays on its own rather than guess.
func cluster(ms []mention) [][]int {
	same, edges := pairs(ms)
	ambiguous := ambiguities(same)
	owner := make([]int, len(ms))
	groups := make([][]int, len(ms))
	for i := range ms {
		owner[i], groups[i] = i, []int{i}
	}
	for _, e := range edges {
		a, b := owner[e.i], owner[e.j]
		if ambiguous[e.i] || ambiguous[e.j] || a == b || !allSame(groups[a], groups[b], same) {
			continue
		}
		for _, k := range groups[b] {
			owner[k] = a
		}
		groups[a], groups[b] = append(groups[a], groups[b]...), nil
	}
	var out [][]int
	for _, g := range groups {
		if len(g) > 0 {
			slices.Sort(g)
			out = append(out, g)
		}
	}
	return out
}

// pairs runs Same on every pair and returns the decisions and the
// accepted pairs, best first.
func pairs(ms []mention) ([][]bool, []edge) {
	same := make([][]bool, len(ms))
	for i := range same {
		same[i] = make([]bool, len(ms))
		same[i][i] = true
	}
	var edges []edge
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			ok, score := decide(ms[i], ms[j])
			same[i][j], same[j][i] = ok, ok
			if ok {
				edges = append(edges, edge{i, j, score})
			}
		}
	}
	slices.SortStableFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.i, y.i), cmp.Compare(x.j, y.j))
	})
	return same, edges
}

// ambiguities marks every mention that is the same as two mentions which
// are not the same as each other.
func ambiguities(same [][]bool) []bool {
	out := make([]bool, len(same))
	for i, row := range same {
		var near []int
		for j, ok := range row {
			if ok && j != i {
				near = append(near, j)
			}
		}
		out[i] = conflicted(near, same)
	}
	return out
}

func conflicted(near []int, same [][]bool) bool {
	for x, a := range near {
		for _, b := range near[x+1:] {
			if !same[a][b] {
				return true
			}
		}
	}
	return false
}

func allSame(a, b []int, same [][]bool) bool {
	for _, i := range a {
		for _, j := range b {
			if !same[i][j] {
				return false
			}
		}
	}
	return true
}
