// Command consumer reads enriched leads with segmentio/kafka-go, keeps the
// current lead of each lead_key, and prints each lead that becomes current:
// the lead key, version, company and people. It stops after -count leads
// (0: never).
//
// A lead's version increases strictly per lead_key, so the current lead of
// a key is the one with the highest version. kafka-go does not filter
// transactions (its ReadCommitted setting is not applied, kafka-go issue
// #1332): it returns transaction markers, which do not decode and are
// skipped here, and records of aborted transactions, each followed by the
// committed record of the same version, which may differ: of two records
// with one version, the later wins.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strings"

	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
	"github.com/twmb/franz-go/pkg/sr"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "Kafka brokers, comma-separated")
	group := flag.String("group", "leads-example-kafkago", "consumer group")
	count := flag.Int("count", 0, "stop after this many leads (0: never)")
	registry := flag.String("registry", "", "Schema Registry URL, to read Confluent-framed leads as well as single-object ones")
	flag.Parse()
	if *registry != "" {
		// A reader prepares no subject: it looks each schema id up as it
		// meets it, so read access to the registry is enough.
		cl, err := sr.NewClient(sr.URLs(*registry))
		if err != nil {
			log.Fatal(err)
		}
		if err := schemas.Use(schemas.NewRegistry(cl), schemas.SingleObject); err != nil {
			log.Fatal(err)
		}
	}

	r := kafka.NewReader(kafka.ReaderConfig{Brokers: strings.Split(*brokers, ","), GroupID: *group,
		Topic: "enriched-leads", StartOffset: kafka.FirstOffset, IsolationLevel: kafka.ReadCommitted})
	defer r.Close()
	current := map[string]int64{} // lead_key → version of its current lead
	for seen := 0; *count == 0 || seen < *count; {
		m, err := r.ReadMessage(context.Background())
		if err != nil {
			log.Fatalf("read: %v", err)
		}
		if m.Value == nil {
			delete(current, string(m.Key))
			fmt.Println(string(m.Key), "erased")
			continue
		}
		lead, err := schemas.DecodeEnrichedLead(m.Value)
		if err != nil {
			log.Printf("offset %d: %v", m.Offset, err) // e.g. a transaction marker
			continue
		}
		if v, ok := current[lead.LeadKey]; ok && lead.Version < v {
			continue // older than the lead held
		}
		current[lead.LeadKey] = lead.Version
		fmt.Println(describe(lead))
		seen++
	}
}

func describe(l *schemas.EnrichedLead) string {
	var names []string
	for _, e := range l.Executives {
		names = append(names, e.Name)
	}
	return fmt.Sprintf("%s v%d %s score=%.1f people=%s", l.LeadKey, l.Version, l.CompanyName, l.LeadScore, strings.Join(names, ";"))
}
