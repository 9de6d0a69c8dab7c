package pipeline

import (
	"slices"
	"testing"
	"time"

	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

// robotsKeepOutPeople is a dataset company served over https on its own
// host whose robots.txt disallows the page that names its people.
func robotsKeepOutPeople(t *testing.T) sandbox.Company {
	t.Helper()
	for _, co := range sandbox.Companies() {
		w, ok := sandbox.WebsiteOf(co)
		if ok && w.Layout == sandbox.LayoutBoth && w.Robots == sandbox.RobotsNoPeople && w.PeoplePage == "/team" {
			return co
		}
	}
	t.Fatal("no sandbox company has a robots.txt that disallows its team page")
	return sandbox.Company{}
}

func TestALeadSaysWhyTheCompanysWebsiteGaveNoPeople(t *testing.T) {
	co := robotsKeepOutPeople(t)
	e := newEnv(t, sandbox.Config{})
	cfg := e.config("companies_house", "website", RoleAggregator)
	cfg.Enabled = []string{"companies_house", "website"}
	e.start(cfg)
	number, domain := co.Number, co.Domain
	req := &schemas.CompanyRequest{RequestID: "req-robots", CompanyName: co.Name, CompanyNumber: &number, Domain: &domain,
		RequestedAt: time.Now().UTC().Truncate(time.Millisecond)}
	e.request(req)

	leads := byRequest(e.leads(e.read(names.Leads(), leadsFor([]string{req.RequestID}))))[req.RequestID]
	lead := leads[len(leads)-1]
	if !slices.Contains(lead.ProvidersOK, "website") || !lead.Complete {
		t.Fatalf("lead answered by %v (complete %v), want the website among them", lead.ProvidersOK, lead.Complete)
	}
	if slices.ContainsFunc(lead.Executives, func(x schemas.Executive) bool { return slices.Contains(x.Sources, "website") }) {
		t.Fatalf("executives %+v include website people, though robots.txt keeps the team page out", lead.Executives)
	}
	want := schemas.LeadNote{Provider: "website", Note: "robots.txt of https://" + domain + " disallows /team, /leadership for leadgen"}
	if !slices.Contains(lead.Notes, want) {
		t.Fatalf("lead notes %+v, want %+v", lead.Notes, want)
	}
	if n := e.sandbox.Calls(sandbox.WebsitePrefix + "/" + domain + "/team"); n != 0 {
		t.Fatalf("the disallowed team page was requested %d times", n)
	}
}
