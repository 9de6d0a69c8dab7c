package apply

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/leadgen/leadgen/internal/erasure"
)

// WritePlan writes what an erasure would do, as a dry run shows it: for a
// person, every matching and near-matching person lead by lead, then the
// leads that would change.
func WritePlan(w io.Writer, p Plan) error {
	if _, err := fmt.Fprintf(w, "dry run: erasure of %s; nothing written\n", p.Erasure); err != nil {
		return err
	}
	if p.Erasure.Kind == erasure.Person {
		if err := writeFindings(w, p.Findings); err != nil {
			return err
		}
	}
	_, err := fmt.Fprintln(w, planSummary(p))
	return err
}

func writeFindings(w io.Writer, findings []Finding) error {
	if len(findings) == 0 {
		_, err := fmt.Fprintln(w, "no current lead names this person or a near match")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "LEAD KEY\tCOMPANY\tNAME ON LEAD\tSIMILARITY\tOUTCOME")
	for _, f := range findings {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.2f\t%s\n", f.LeadKey, f.Company, f.Name, f.Score, f.Verdict)
	}
	return tw.Flush()
}

// planSummary says which leads would change and how.
func planSummary(p Plan) string {
	what := "get a new version without the person"
	if p.Erasure.Kind == erasure.Company {
		what = "be tombstoned"
	}
	return fmt.Sprintf("%s would %s%s", leads(len(p.Leads)), what, list(p.Leads))
}

// Summary says in one line what an applied erasure did.
func Summary(o Outcome) string {
	var parts []string
	if o.Erasure.Kind == erasure.Company {
		parts = append(parts, leads(len(o.Tombstoned))+" tombstoned"+list(o.Tombstoned))
	} else {
		parts = append(parts, leads(len(o.ByAggregator))+" rewritten by the aggregator without the person"+list(o.ByAggregator),
			leads(len(o.Rewritten))+" rewritten by this command (their requests are past the aggregator's retention)"+list(o.Rewritten))
	}
	parts = append(parts, fmt.Sprintf("%d cache entries purged", o.Cached))
	return fmt.Sprintf("erased %s: %s", o.Erasure, strings.Join(parts, "; "))
}

func leads(n int) string {
	if n == 1 {
		return "1 lead"
	}
	return fmt.Sprintf("%d leads", n)
}

func list(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	return " (" + strings.Join(keys, ", ") + ")"
}
