package people

import "slices"

// placeGenerations gives a person written with a generation suffix off
// the register ("Oliver Morris Jr" on a website) to the register's son of
// that name, and "Sr" to the father, when the register lists exactly two
// people of that name, told apart by their months of birth. With one
// register record, or three, nothing shows which one the profile means,
// and it stays apart. All moves are decided before any is made, so the
// father's placement does not hide him from the son's.
func (c *clustering) placeGenerations() {
	var moves [][2]int
	var gens []string
	for g, members := range c.member {
		gen := c.offRegisterGeneration(members)
		if gen == "" {
			continue
		}
		cands := c.generationCandidates(members, gen)
		if len(cands) != 2 {
			continue
		}
		slices.SortFunc(cands, func(x, y int) int { return compareBorn(c.born(x), c.born(y)) })
		to := cands[1]
		if gen == "Sr" {
			to = cands[0]
		}
		moves, gens = append(moves, [2]int{to, g}), append(gens, gen)
	}
	for i, mv := range moves {
		for _, m := range c.member[mv[0]] {
			c.ms[m].generation = gens[i]
		}
		c.join(c.member[mv[0]][0], c.member[mv[1]][0])
	}
}

// offRegisterGeneration is the generation every mention of a group
// writes, if none gives a month of birth.
func (c *clustering) offRegisterGeneration(group []int) string {
	if len(group) == 0 {
		return ""
	}
	gen := c.ms[group[0]].generation
	for _, m := range group {
		if c.ms[m].generation != gen || c.ms[m].born != "" {
			return ""
		}
	}
	return gen
}

// generationCandidates are the groups, each with a month of birth and no
// generation, whose fullest mention Same would accept for the group's
// fullest mention if it wrote the generation gen too.
func (c *clustering) generationCandidates(group []int, gen string) []int {
	a := c.ms[c.fullest(group...)]
	var out []int
	for h, members := range c.member {
		if len(members) == 0 || c.born(h) == "" || c.groupGeneration(members) != "" {
			continue
		}
		b := c.ms[c.fullest(members...)]
		b.generation = gen
		if ok, _ := decide(a, b); ok {
			out = append(out, h)
		}
	}
	return out
}

func (c *clustering) groupGeneration(group []int) string {
	for _, m := range group {
		if g := c.ms[m].generation; g != "" {
			return g
		}
	}
	return ""
}

// born is the month of birth a group gives, or "".
func (c *clustering) born(g int) string {
	for _, m := range c.member[g] {
		if b := c.ms[m].born; b != "" {
			return b
		}
	}
	return ""
}

func compareBorn(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
