// Command producer sends one company request to leadgen with franz-go:
// the value is a CompanyRequest in Avro single-object encoding, keyed by
// its request id.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/leadgen/leadgen/schemas"
	"github.com/twmb/franz-go/pkg/kgo"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "Kafka brokers, comma-separated")
	name := flag.String("name", "ACME WIDGETS LIMITED", "company name")
	id := flag.String("id", fmt.Sprint("example-", time.Now().UnixNano()), "request id")
	flag.Parse()

	cl, err := kgo.NewClient(kgo.SeedBrokers(strings.Split(*brokers, ",")...))
	if err != nil {
		log.Fatal(err)
	}
	defer cl.Close()
	value, err := schemas.EncodeCompanyRequest(&schemas.CompanyRequest{RequestID: *id, CompanyName: *name, RequestedAt: time.Now().UTC()})
	if err != nil {
		log.Fatalf("encode request: %v", err)
	}
	rec := &kgo.Record{Topic: "company-requests", Key: []byte(*id), Value: value}
	if err := cl.ProduceSync(context.Background(), rec).FirstErr(); err != nil {
		log.Fatalf("produce: %v", err)
	}
	fmt.Println("sent", *id)
}
