package chinsolvency

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
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

// classify reads an answer as the companies_house provider does: 404
// not_found (no case), 401/403 auth, 429 rate_limited after Retry-After,
// 408 and 5xx transient, any other non-2xx permanent.
func classify(status int, h http.Header, _ []byte) *failure.Error {
	err := fmt.Errorf("http %d", status)
	switch {
	case status >= 200 && status <= 299:
		return nil
	case status == http.StatusNotFound:
		return failure.New(failure.NotFound, err)
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return failure.New(failure.Auth, err)
	case status == http.StatusTooManyRequests:
		fe := failure.New(failure.RateLimited, err)
		if s, perr := strconv.Atoi(h.Get("Retry-After")); perr == nil {
			fe.RetryAfter = time.Duration(s) * time.Second
		}
		return fe
	case status == http.StatusRequestTimeout || status >= 500:
		return failure.New(failure.Transient, err)
	default:
		return failure.New(failure.Permanent, err)
	}
}
