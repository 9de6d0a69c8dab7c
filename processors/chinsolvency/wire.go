package chinsolvency

import (
	"fmt"
	"strings"
)

// insolvency is the part of GET /company/{number}/insolvency read here.
type insolvency struct {
	Cases []struct {
		Type   string `json:"type"`
		Number string `json:"number"`
		Dates  []struct {
			Type string `json:"type"`
			Date string `json:"date"`
		} `json:"dates"`
		Practitioners []struct {
			Name        string `json:"name"`
			Role        string `json:"role"`
			AppointedOn string `json:"appointed_on"`
			CeasedToAct string `json:"ceased_to_act_on"`
		} `json:"practitioners"`
	} `json:"cases"`
	Status []string `json:"status"`
}

// notes says, case by case, what the case is and who acts in it.
func (b insolvency) notes(number string) []string {
	var out []string
	for _, c := range b.Cases {
		var who []string
		for _, p := range c.Practitioners {
			if p.CeasedToAct == "" {
				who = append(who, fmt.Sprintf("%s (%s, appointed %s)", p.Name, strings.ReplaceAll(p.Role, "-", " "), p.AppointedOn))
			}
		}
		note := fmt.Sprintf("%s insolvency case %s: %s", number, c.Number, strings.ReplaceAll(c.Type, "-", " "))
		for _, d := range c.Dates {
			note += fmt.Sprintf(", %s %s", strings.ReplaceAll(d.Type, "-", " "), d.Date)
		}
		if len(who) > 0 {
			note += "; practitioners: " + strings.Join(who, ", ")
		}
		out = append(out, note)
	}
	return out
}
