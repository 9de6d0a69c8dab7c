package pipeline

import (
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/route"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/processors/worker"
	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

// invalidRequests are requests over a limit or malformed, and what the
// dead letter of each, by request id, must say.
func invalidRequests() ([]*schemas.CompanyRequest, map[string]string) {
	rows := []struct {
		id, reason string
		change     func(r *schemas.CompanyRequest)
	}{
		{"invalid-name-161", "company_name too long: 161 characters, the limit is 160",
			func(r *schemas.CompanyRequest) { r.CompanyName = strings.Repeat("n", 161) }},
		{"invalid-number-path", `invalid company_number "../../etc/passwd"`,
			func(r *schemas.CompanyRequest) { r.CompanyNumber = ptr("../../etc/passwd") }},
		{"invalid-domain-254", "invalid domain: 254 characters, the limit is 253",
			func(r *schemas.CompanyRequest) { r.Domain = ptr(hostOf(254)) }},
		{"invalid-domain-metadata-ip", "not an IP address",
			func(r *schemas.CompanyRequest) { r.Domain = ptr("169.254.169.254") }},
		{"invalid-name-nul", "company_name: control characters (U+0000",
			func(r *schemas.CompanyRequest) { r.CompanyName = "ACME\x00LTD" }},
		{"invalid-provider", `unknown provider "twitter"`,
			func(r *schemas.CompanyRequest) { r.Providers = []string{"x", "twitter"} }},
	}
	var reqs []*schemas.CompanyRequest
	reasons := map[string]string{}
	for _, row := range rows {
		r := okRequest(row.id)
		row.change(r)
		reqs = append(reqs, r)
		reasons[r.RequestID] = row.reason
	}
	return reqs, reasons
}

func TestAnInvalidRequestIsDeadLetteredOnceAndNoProviderIsCalledForIt(t *testing.T) {
	e := newEnv(t, sandbox.Config{RateLimit: -1})
	cfg := e.config(ch, "x", RoleAggregator)
	cfg.Enabled = []string{ch, "x"} // x reads every request too, and must skip these
	e.start(cfg)
	invalid, reasons := invalidRequests()
	e.request(invalid...)
	e.readCommitted(names.DLQ(), atLeast(len(invalid)))
	e.waitCaughtUp(worker.Group("", ch), names.Requests())
	e.waitCaughtUp(worker.Group("", "x"), names.Requests())
	if calls := e.sandbox.Calls("/"); calls != 0 {
		t.Errorf("the sandbox saw %d API calls for invalid requests, want none", calls)
	}

	good, _ := requestsFor(3, 950)
	e.request(good...)
	leads := byRequest(e.leads(e.readCommitted(names.Leads(), leadsFor(ids(good)))))
	for _, r := range good {
		if l := leads[r.RequestID][0]; !l.Complete || len(l.ProvidersOK) != 2 {
			t.Errorf("%s: complete=%v ok=%v failed=%v; want complete by both providers", r.RequestID, l.Complete, l.ProvidersOK, l.ProvidersFailed)
		}
	}
	e.waitCaughtUp(worker.Group("", "x"), names.Requests())
	checkInvalidLetters(t, reasons, e.readCommitted(names.DLQ(), atLeast(len(invalid))))
	for _, m := range e.readCommitted(names.Results(), atLeast(2*len(good))) {
		if _, bad := reasons[string(m.Key)]; bad {
			t.Errorf("a provider answered invalid request %s", m.Key)
		}
	}
	for id := range reasons {
		if len(leads[id]) > 0 {
			t.Errorf("invalid request %s got a lead", id)
		}
	}
}

// checkInvalidLetters asserts each invalid request is dead-lettered once,
// by the designated provider, with class invalid and its reason.
func checkInvalidLetters(t *testing.T, reasons map[string]string, letters []kafka.Message) {
	t.Helper()
	seen := map[string]int{}
	for _, m := range letters {
		id := string(m.Key)
		seen[id]++
		h := headers(m)
		if h[route.HeaderErrorClass] != "invalid" || h[route.HeaderProvider] != ch || !strings.Contains(h[route.HeaderErrorMessage], reasons[id]) {
			t.Errorf("%s: class %s from %s, message %q; want invalid from %s saying %q", id,
				h[route.HeaderErrorClass], h[route.HeaderProvider], h[route.HeaderErrorMessage], ch, reasons[id])
		}
	}
	for id := range reasons {
		if seen[id] != 1 {
			t.Errorf("%s: dead-lettered %d times, want once", id, seen[id])
		}
	}
	if len(letters) != len(reasons) {
		t.Errorf("the dead-letter topic holds %d records, want %d", len(letters), len(reasons))
	}
}
