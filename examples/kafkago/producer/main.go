// Command producer sends one company request to leadgen with
// segmentio/kafka-go: the value is a CompanyRequest in Avro single-object
// encoding, keyed by its request id.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/leadgen/leadgen/schemas"
	kafka "github.com/segmentio/kafka-go"
)

func main() {
	brokers := flag.String("brokers", "127.0.0.1:9092", "Kafka brokers, comma-separated")
	name := flag.String("name", "ACME WIDGETS LIMITED", "company name")
	number := flag.String("number", "", "company number (optional)")
	id := flag.String("id", fmt.Sprint("example-", time.Now().UnixNano()), "request id")
	flag.Parse()

	req := &schemas.CompanyRequest{RequestID: *id, CompanyName: *name, RequestedAt: time.Now().UTC()}
	if *number != "" {
		req.CompanyNumber = number
	}
	value, err := schemas.EncodeCompanyRequest(req)
	if err != nil {
		log.Fatalf("encode request: %v", err)
	}
	w := &kafka.Writer{Addr: kafka.TCP(strings.Split(*brokers, ",")...), Topic: "company-requests",
		Balancer: kafka.Murmur2Balancer{}, RequiredAcks: kafka.RequireAll}
	defer w.Close()
	if err := w.WriteMessages(context.Background(), kafka.Message{Key: []byte(req.RequestID), Value: value}); err != nil {
		log.Fatalf("produce: %v", err)
	}
	fmt.Println("sent", req.RequestID)
}
