package website

import (
	"strings"
	"testing"
)

func TestReadPage(t *testing.T) {
	tests := []struct {
		name, html, want string
	}{
		{"the fixture's @graph resolves @id references, founder, employees and a Role-wrapped member",
			fixture(t, "organization_graph.html"),
			"org Acme Widgets | Jane Doe (Chief Executive Officer); Sam Patel (Chief Financial Officer); Alice Brown (Non-Executive Chair)"},
		{"a single object with founder as a plain string names the founder",
			page(`{"@context":"https://schema.org","@type":"Organization","name":"Acme","founder":"Jane Doe"}`),
			"org Acme | Jane Doe (founder)"},
		{"an @context over http is read the same",
			page(`{"@context":"http://schema.org","@type":"Organization","name":"Acme","founder":{"@type":"Person","name":"Jane Doe"}}`),
			"org Acme | Jane Doe (founder)"},
		{"a top-level array holds the company and people who work for it by @id",
			page(`[{"@context":"https://schema.org","@type":"Organization","@id":"#org","name":"Acme"},
			      {"@type":"Person","name":"Jane Doe","jobTitle":"CEO","worksFor":{"@id":"#org"}},
			      {"@type":"Person","name":"Sam Patel","jobTitle":"CFO","worksFor":{"@id":"#org"}}]`),
			"org Acme | Jane Doe (CEO); Sam Patel (CFO)"},
		{"@type as an array with a subtype is an organization",
			page(`{"@type":["Organization","Corporation"],"name":"Acme","employee":{"@type":"Person","name":"Jane Doe","jobTitle":"CEO"}}`),
			"org Acme | Jane Doe (CEO)"},
		{"prefixed types are read without their prefix",
			page(`{"@type":"schema:Corporation","name":"Acme","employee":[{"@type":"http://schema.org/Person","name":"Jane Doe"}]}`),
			"org Acme | Jane Doe (employee)"},
		{"a LocalBusiness is an organization",
			page(`{"@type":"LocalBusiness","name":"Acme Bakery","founder":[{"@type":"Person","name":"Jane Doe"}]}`),
			"org Acme Bakery | Jane Doe (founder)"},
		{"a single employee object where a list belongs is read",
			page(`{"@type":"Organization","name":"Acme","employee":{"@type":"Person","name":"Sam Patel","jobTitle":"CFO"}}`),
			"org Acme | Sam Patel (CFO)"},
		{"a jobTitle DefinedTerm gives its name",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","name":"Jane Doe","jobTitle":{"@type":"DefinedTerm","name":"Managing Director"}}]}`),
			"org Acme | Jane Doe (Managing Director)"},
		{"a jobTitle list gives its first title",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","name":"Jane Doe","jobTitle":["CEO","Founder"]}]}`),
			"org Acme | Jane Doe (CEO)"},
		{"an occupation stands in for a missing jobTitle",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","name":"Jane Doe","hasOccupation":{"@type":"Occupation","name":"Chief Executive"}}]}`),
			"org Acme | Jane Doe (Chief Executive)"},
		{"given and family names make a name",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","givenName":"Jane","additionalName":"E.","familyName":"Doe","jobTitle":"CEO"}]}`),
			"org Acme | Jane E. Doe (CEO)"},
		{"a Role-wrapped employee carries the role name and its dates",
			page(`{"@type":"Organization","name":"Acme","employee":{"@type":"EmployeeRole","roleName":"Finance Director","startDate":"2015-04-01","endDate":"2020-03-31","employee":{"@type":"Person","name":"Sam Patel"}}}`),
			"org Acme | Sam Patel (Finance Director) until 2020-03-31"},
		{"a Role-wrapped member without a type is read by its nesting",
			page(`{"@type":"Organization","name":"Acme","member":[{"roleName":"Chair","member":"Alice Brown"}]}`),
			"org Acme | Alice Brown (Chair)"},
		{"an organization listed as a member is not a person",
			page(`{"@type":"Organization","name":"Acme","member":[{"@type":"Organization","name":"Widget Trade Association"},{"@type":"Person","name":"Jane Doe"}]}`),
			"org Acme | Jane Doe (member)"},
		{"a person working for another company is left out",
			page(`[{"@type":"Organization","@id":"#org","name":"Acme"},
			      {"@type":"Person","name":"Jane Doe","worksFor":{"@id":"#org"},"jobTitle":"CEO"},
			      {"@type":"Person","name":"Guest Writer","worksFor":{"@type":"Organization","name":"Other Media Ltd"}}]`),
			"org Acme | Jane Doe (CEO)"},
		{"a person working for the company by name is kept",
			page(`{"@type":"Organization","name":"Acme Ltd"}`, `{"@type":"Person","name":"Jane Doe","jobTitle":"CEO","worksFor":"ACME LIMITED"}`),
			"org Acme Ltd | Jane Doe (CEO)"},
		{"people on a team page without an organization are read",
			page(`{"@context":"https://schema.org","@type":"Person","name":"Jane Doe","jobTitle":"CEO"}`, `{"@type":"Person","name":"Sam Patel","jobTitle":"CFO"}`),
			"no org | Jane Doe (CEO); Sam Patel (CFO)"},
		{"a person nested as an article's author is not on the team",
			page(`{"@type":"Article","headline":"News","author":{"@type":"Person","name":"Guest Writer"}}`),
			"no org |"},
		{"an organization referenced as a page's publisher is found",
			page(`{"@context":"https://schema.org","@graph":[{"@type":"WebPage","publisher":{"@id":"#org"}},{"@type":"Organization","@id":"#org","name":"Acme","founder":"Jane Doe"}]}`),
			"org Acme | Jane Doe (founder)"},
		{"the same person listed twice is one person with the stated role",
			page(`{"@type":"Organization","name":"Acme","founder":"Dr Jane Doe","employee":[{"@type":"Person","name":"Jane Doe","jobTitle":"CEO"}]}`),
			"org Acme | Dr Jane Doe (CEO)"},
		{"trailing commas are tolerated",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","name":"Jane Doe","jobTitle":"CEO",},],}`),
			"org Acme | Jane Doe (CEO)"},
		{"raw line breaks inside strings are tolerated",
			page("{\"@type\":\"Organization\",\"name\":\"Acme\",\"founder\":\"Jane\nDoe\"}"),
			"org Acme | Jane Doe (founder)"},
		{"HTML entities inside strings are decoded",
			page(`{"@type":"Organization","name":"Smith &amp; Jones","founder":"Siobh&aacute;n O&#039;Brien"}`),
			"org Smith & Jones | Siobhán O'Brien (founder)"},
		{"a block written entirely HTML-escaped is read",
			page(`{&quot;@type&quot;:&quot;Organization&quot;,&quot;name&quot;:&quot;Acme&quot;,&quot;founder&quot;:&quot;Jane Doe&quot;}`),
			"org Acme | Jane Doe (founder)"},
		{"a block wrapped in CDATA is read",
			page(`//<![CDATA[
			{"@type":"Organization","name":"Acme","founder":"Jane Doe"}
			//]]>`),
			"org Acme | Jane Doe (founder)"},
		{"two objects back to back in one block are both read",
			page(`{"@type":"Organization","name":"Acme"}{"@type":"Person","name":"Jane Doe","jobTitle":"CEO"}`),
			"org Acme | Jane Doe (CEO)"},
		{"a broken block is skipped and the others are read",
			page(`{"@type":"Organization","name":`, `{"@type":"Organization","name":"Acme","founder":"Jane Doe"}`),
			"org Acme | Jane Doe (founder)"},
		{"text that is not a name is not a person",
			page(`{"@type":"Organization","name":"Acme","employee":[{"@type":"Person","name":"Meet the people who make our widgets every single day"},{"@type":"Person","name":"https://acme.example/jane"},{"@type":"Person","name":""}]}`),
			"org Acme |"},
		{"a page without JSON-LD says nothing",
			`<html><head><script type="text/javascript">var x = {"@type":"Organization","name":"Acme"};</script></head></html>`,
			"no org |"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := summary(readPage([]byte(tt.html))); got != tt.want {
				t.Fatalf("readPage =\n  %s\nwant\n  %s", got, tt.want)
			}
		})
	}
}

func TestScriptTypesAreMatchedWhateverTheirCaseAndParameters(t *testing.T) {
	for _, typ := range []string{"application/ld+json", "Application/LD+JSON", "application/ld+json; charset=utf-8", " application/ld+json "} {
		html := `<script type="` + typ + `">{"@type":"Organization","name":"Acme"}</script>`
		if got := summary(readPage([]byte(html))); got != "org Acme |" {
			t.Fatalf("type %q: readPage = %s", typ, got)
		}
	}
}

func TestTheOrganizationsFactsAreRead(t *testing.T) {
	f := readPage([]byte(fixture(t, "organization_graph.html")))
	o := f.org
	if o.legalName != "ACME WIDGETS LIMITED" || o.url != "https://www.acme-widgets.example/" ||
		o.address != "10 High Street, London, EC1A 1BB, GB" {
		t.Fatalf("org = %+v", o)
	}
}

func TestAnEnormouslyNestedBlockDoesNotExhaustTheStack(t *testing.T) {
	deep := strings.Repeat(`{"@type":"Organization","name":"Acme","member":`, 200) + `"Jane Doe"` + strings.Repeat("}", 200)
	_ = readPage([]byte(page(deep)))
}
