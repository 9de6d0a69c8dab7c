package chinsolvency

import (
	"context"
	"strings"
	"testing"

	"github.com/leadgen/leadgen/internal/apihttp"
	"github.com/leadgen/leadgen/internal/failure"
	"github.com/leadgen/leadgen/internal/providertest"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/leadgen/leadgen/schemas"
)

func client(t *testing.T, f sandbox.Faults) *Client {
	t.Helper()
	c, err := New(Config{APIKey: "sandbox-companies-house-key", Settings: apihttp.Settings{BaseURL: providertest.CompaniesHouse(t, f)}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestACompanyInLiquidationHasItsCaseAndPractitionersNoted(t *testing.T) {
	c := client(t, sandbox.Faults{})
	seen := 0
	for _, co := range sandbox.Companies() {
		if co.Status != "liquidation" {
			continue
		}
		res, err := c.Lookup(context.Background(), providertest.ByNumber(co.Number))
		if err != nil {
			t.Fatalf("%s: %v", co.Number, err)
		}
		if res.Status != schemas.StatusOK || len(res.Executives) != 0 || res.APICalls != 1 || len(res.Notes) != 1 {
			t.Fatalf("%s: status %s, %d people, %d calls, notes %q; want OK, no people, one call, one note", co.Number, res.Status, len(res.Executives), res.APICalls, res.Notes)
		}
		if n := res.Notes[0]; !strings.Contains(n, "creditors voluntary liquidation") || !strings.Contains(n, "practitioners: ") {
			t.Errorf("%s: note %q should name the case and its practitioners", co.Number, n)
		}
		seen++
	}
	if seen == 0 {
		t.Fatal("the sandbox has no company in liquidation")
	}
}

func TestACompanyWithoutACaseARequestWithoutANumberAndAnUnknownOneAreNotFound(t *testing.T) {
	c := client(t, sandbox.Faults{})
	var active string
	for _, co := range sandbox.Companies() {
		if co.Status == "active" {
			active = co.Number
			break
		}
	}
	for _, req := range []*schemas.CompanyRequest{providertest.ByNumber(active), {RequestID: "r1", CompanyName: "ANY LTD"}, providertest.ByNumber("99999999")} {
		res, err := c.Lookup(context.Background(), req)
		if err != nil || res.Status != schemas.StatusNotFound || len(res.Notes) > 1 {
			t.Errorf("%v: %+v, %v; want NOT_FOUND", req.CompanyNumber, res, err)
		}
	}
}

func TestARefusedKeyIsAnAuthFailure(t *testing.T) {
	c := client(t, sandbox.Faults{Unauthorized: 1})
	_, err := c.Lookup(context.Background(), providertest.ByNumber(sandbox.Companies()[0].Number))
	if failure.ClassOf(err) != failure.Auth {
		t.Fatalf("error %v, want class auth", err)
	}
}
