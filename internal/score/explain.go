package score

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/leadgen/leadgen/internal/people"
	"github.com/leadgen/leadgen/processors/provider"
	"github.com/leadgen/leadgen/schemas"
)

// Explain returns one short sentence per component of the score Compute
// gives for in, in the order of schemas.ScoreComponents, each ending with
// the points the component adds out of its most: "Companies House lists 3
// current officers or owners (40 of 40)." c are Compute's components.
func Explain(in Input, c schemas.ScoreComponents) []string {
	return []string{
		officialSentence(in.Results, in.Sources.Names(provider.Register), c.OfficialSource),
		agreementSentence(in.Executives, companyShare(in.Results, in.Sources), c.CrossSourceAgreement),
		webSentence(in.Results, in.Sources.Names(provider.Web, provider.Social), c.WebPresence),
		statusSentence(in.CompanyStatus, c.CompanyStatus),
	}
}

// points says what a component adds to the score out of its most.
func points(component, weight float64) string {
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }
	return fmt.Sprintf(" (%s of %s).", f(weight*component), f(weight*100))
}

func officialSentence(results []*schemas.DiscoveryResult, register []string, component float64) string {
	var best *schemas.DiscoveryResult
	for _, r := range results {
		if present(r) && slices.Contains(register, r.Provider) && (best == nil || officialScore(r) > officialScore(best)) {
			best = r
		}
	}
	if best == nil {
		return "No official register confirmed the company" + points(component, weightOfficial)
	}
	who := displayName(best.Provider)
	if best.Status == schemas.StatusFallback {
		who += " (from " + layerWords(best.Layer) + ")"
	}
	n := currentPeople(best.Executives)
	if n == 0 {
		return who + " found the company but lists no current officers" + points(component, weightOfficial)
	}
	return fmt.Sprintf("%s lists %s", who, plural(n, "current officer or owner", "current officers or owners")) +
		points(component, weightOfficial)
}

func agreementSentence(people []schemas.Executive, company, component float64) string {
	s := "No people were found"
	if len(people) > 0 {
		s = fmt.Sprintf("Two or more sources name %d of %s", confirmed(people), plural(len(people), "person", "people"))
	}
	if pct := math.Round(100 * company); pct > 0 {
		s += fmt.Sprintf(", and %.0f%% of the other sources agree on the company", pct)
	} else {
		s += ", and no other source agrees on the company"
	}
	return s + points(component, weightAgreement)
}

func webSentence(results []*schemas.DiscoveryResult, webProviders []string, component float64) string {
	expected := expectedWeb(results, webProviders)
	if len(expected) == 0 {
		return "No web or social source was asked" + points(component, weightWeb)
	}
	found, fallback := 0, 0
	for _, p := range expected {
		switch foundBy(p, results) {
		case 1:
			found++
		case 0.5:
			fallback++
		}
	}
	s := fmt.Sprintf("%d of %d web and social sources found the company", found, len(expected))
	if fallback > 0 {
		s += fmt.Sprintf(" and %d more only from a fallback", fallback)
	}
	return s + points(component, weightWeb)
}

func statusSentence(status *string, component float64) string {
	if status == nil || strings.TrimSpace(*status) == "" {
		return "The company's status is unknown" + points(component, weightStatus)
	}
	words := strings.Join(strings.FieldsFunc(strings.ToLower(*status), func(r rune) bool { return r == '-' || r == '_' || r == ' ' }), " ")
	return "The company's status is " + words + points(component, weightStatus)
}

// currentPeople counts the people of a register's result who still hold
// their role; a person listed twice (a director who is also a person with
// significant control) counts once.
func currentPeople(execs []schemas.Executive) int {
	seen := map[string]bool{}
	for _, e := range execs {
		if e.ResignedOn == nil || *e.ResignedOn == "" {
			seen[cmp.Or(e.NormalizedName, people.Normalize(e.Name))] = true
		}
	}
	return len(seen)
}

// displayName writes a provider name as words: companies_house is
// "Companies House".
func displayName(provider string) string {
	words := strings.Fields(strings.ReplaceAll(provider, "_", " "))
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

func layerWords(l schemas.Layer) string {
	if l == schemas.LayerStaleCache {
		return "a stale cache"
	}
	return "a secondary register"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
