package schemas_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/sr"
	"github.com/twmb/franz-go/pkg/sr/srfake"
)

// A consumer of the enriched-leads topic decodes each record value and
// routes undecodable ones by class instead of by message text.
func Example() {
	// In a consumer this is record.Value; here the aggregator's side is
	// played by EncodeEnrichedLead.
	value, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{
		LeadKey:     "gb-01234567",
		CompanyName: "Acme Widgets Ltd",
		Executives: []schemas.Executive{
			{Name: "Jane Doe", Role: "director", Sources: []string{"companies_house", "web"}, Confidence: 0.9},
		},
		ProvidersOK: []string{"companies_house", "web"},
		Complete:    true,
		LeadScore:   81.5,
		Version:     3,
		UpdatedAt:   time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC),
	})
	if err != nil {
		fmt.Println(err)
		return
	}

	lead, err := schemas.DecodeEnrichedLead(value)
	var de *schemas.DecodeError
	if errors.As(err, &de) {
		fmt.Println("send to the dead-letter topic:", de.Class)
		return
	}
	fmt.Printf("%s v%d score %.1f complete=%t at %s\n",
		lead.CompanyName, lead.Version, lead.LeadScore, lead.Complete, lead.UpdatedAt.Format(time.RFC3339))
	for _, e := range lead.Executives {
		fmt.Printf("  %s (%s) from %v, confidence %.2f\n", e.Name, e.Role, e.Sources, e.Confidence)
	}

	_, err = schemas.DecodeEnrichedLead([]byte("not avro"))
	if errors.As(err, &de) {
		fmt.Println("send to the dead-letter topic:", de.Class)
	}
	// Output:
	// Acme Widgets Ltd v3 score 81.5 complete=true at 2025-03-14T09:26:53Z
	//   Jane Doe (director) from [companies_house web], confidence 0.90
	// send to the dead-letter topic: bad_magic
}

// A command or a document prints the schema a non-Go consumer needs.
func ExampleSchema() {
	fmt.Println(schemas.Names())
	avsc, err := schemas.Schema("CompanyRequest")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(avsc) > 0)
	// Output:
	// [CompaniesHouseEvent CompanyProfile CompanyRequest DiscoveryResult EnrichedLead Executive LeadChange WatchEntry]
	// true
}

// A process writing for a Confluent-compatible Schema Registry prepares
// the registry once at start and hands it to Use; the Encode and Decode
// functions are unchanged. (srfake stands in for the registry here.)
func ExampleUse() {
	reg := srfake.New()
	defer reg.Close()
	client, err := sr.NewClient(sr.URLs(reg.URL()))
	if err != nil {
		fmt.Println(err)
		return
	}
	registry := schemas.NewRegistry(client)
	err = registry.Prepare(context.Background(), map[string]string{
		"CompanyRequest":  "company-requests-value",
		"DiscoveryResult": "discovery-results-value",
		"EnrichedLead":    "enriched-leads-value",
	}, true)
	if err == nil {
		err = schemas.Use(registry, schemas.Confluent)
	}
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() { _ = schemas.Use(nil, schemas.SingleObject) }()

	value, err := schemas.EncodeEnrichedLead(&schemas.EnrichedLead{LeadKey: "gb-01234567", CompanyName: "Acme Widgets Ltd", Version: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	lead, err := schemas.DecodeEnrichedLead(value)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("magic %#02x, schema id %d: %s v%d\n", value[0], binary.BigEndian.Uint32(value[1:5]), lead.LeadKey, lead.Version)
	// Output: magic 0x00, schema id 3: gb-01234567 v3
}

// A team without Avro reads the JSON view: the schema's field names,
// optional fields as plain values or null, timestamps in milliseconds.
func ExampleEnrichedLeadJSON() {
	founder := "founder"
	view := schemas.EnrichedLeadJSON(&schemas.EnrichedLead{
		LeadKey:    "01234567",
		Executives: []schemas.Executive{{Name: "Jane Doe", Role: "director", Seniority: &founder}},
		UpdatedAt:  time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC),
	})
	jane := view["executives"].([]any)[0].(map[string]any)
	fmt.Println(view["lead_key"], view["updated_at"], view["company_number"], view["providers_ok"])
	fmt.Println(jane["name"], jane["seniority"], jane["other_directorships"], jane["profile_urls"])
	// Output:
	// 01234567 1741944413000 <nil> []
	// Jane Doe founder <nil> []
}
