package people

import "slices"

// evidence is what two mentions share besides the name.
type evidence struct {
	sameSource bool
	// sameRegister: both from the register, where each record is an
	// appointment or a PSC notice, so a second name is a second record.
	sameRegister bool
	sameRank     bool
	sameDate     bool
	datesDiffer  bool
	sameRef      bool
	sameBirth    bool
	birthsDiffer bool
	// unsourced: one mention names no source, such as an erased name held
	// alone, so nothing says the two are of one company.
	unsourced bool
}

func evidenceOf(a, b mention) evidence {
	sameSource := slices.ContainsFunc(a.sources, func(s string) bool { return slices.Contains(b.sources, s) })
	return evidence{
		sameSource:   sameSource,
		sameRegister: sameSource && a.register && b.register,
		unsourced:    len(a.sources) == 0 || len(b.sources) == 0,
		sameRank:     a.rank == b.rank && a.rank != rankOther,
		sameDate:     a.appointed != "" && a.appointed == b.appointed,
		datesDiffer:  a.appointed != "" && b.appointed != "" && a.appointed != b.appointed,
		sameRef:      a.ref != "" && a.ref == b.ref,
		sameBirth:    a.born != "" && a.born == b.born,
		birthsDiffer: a.born != "" && b.born != "" && a.born != b.born,
	}
}

// supports reports whether the evidence backs a weak name match.
func (e evidence) supports() bool { return e.sameDate || e.sameRef || e.sameRank || e.sameBirth }

// bonus raises the similarity for each piece of supporting evidence.
func (e evidence) bonus() float64 {
	n := 0
	for _, ok := range []bool{e.sameDate, e.sameRef, e.sameRank, e.sameBirth} {
		if ok {
			n++
		}
	}
	return 0.05 * float64(n)
}
