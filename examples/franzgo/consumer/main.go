// Command consumer reads enriched leads with franz-go, read-committed, and
// keeps the latest version of each lead as a compacted-topic consumer
// should; it prints each version as it arrives and stops after -count.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strings"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/sr"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "Kafka brokers, comma-separated")
	group := flag.String("group", "leads-example-franzgo", "consumer group")
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

	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(*brokers, ",")...), kgo.ConsumerGroup(*group),
		kgo.ConsumeTopics("enriched-leads"), kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	if err != nil {
		log.Fatal(err)
	}
	defer cl.Close()
	latest := map[string]*schemas.EnrichedLead{}
	for seen := 0; *count == 0 || seen < *count; {
		fetches := cl.PollFetches(context.Background())
		if err := fetches.Err0(); err != nil {
			log.Fatal(err)
		}
		fetches.EachRecord(func(r *kgo.Record) {
			if r.Value == nil {
				delete(latest, string(r.Key))
				return
			}
			lead, err := schemas.DecodeEnrichedLead(r.Value)
			if err != nil {
				log.Printf("offset %d: %v", r.Offset, err)
				return
			}
			latest[lead.LeadKey] = lead
			fmt.Printf("%s v%d %s score=%.1f people=%d\n", lead.LeadKey, lead.Version, lead.CompanyName, lead.LeadScore, len(lead.Executives))
			seen++
		})
	}
}
