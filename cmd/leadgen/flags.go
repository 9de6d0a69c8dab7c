package main

import (
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// kafkaFlags are the connection flags every Kafka-facing command takes.
type kafkaFlags struct {
	brokers string
	prefix  string
}

func (k *kafkaFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&k.brokers, "brokers", "", "Kafka bootstrap brokers, host:port[,host:port...]")
	cmd.Flags().StringVar(&k.prefix, "topic-prefix", "", "prefix prepended to every topic and group name, e.g. staging.")
}

func (k *kafkaFlags) config(clientID string) (kclient.Config, error) {
	c := kclient.Config{Brokers: kclient.ParseBrokers(k.brokers), ClientID: clientID}
	if err := c.Validate(); err != nil {
		return c, usageError{err}
	}
	return c, nil
}

func (k *kafkaFlags) names() topics.Names { return topics.Names{Prefix: k.prefix} }

// catalogueFlags shape the topic catalogue.
type catalogueFlags struct {
	partitions int32
	tiers      string
}

func (c *catalogueFlags) add(cmd *cobra.Command) {
	cmd.Flags().Int32Var(&c.partitions, "partitions", 6, "partitions of every leadgen topic")
	cmd.Flags().StringVar(&c.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated")
}

func (c *catalogueFlags) config(names topics.Names) (topics.Config, error) {
	tiers, err := topics.ParseTiers(c.tiers)
	if err != nil {
		return topics.Config{}, usageError{err}
	}
	if c.partitions < 1 {
		return topics.Config{}, usagef("--partitions %d: must be at least 1", c.partitions)
	}
	return topics.Config{Names: names, Partitions: c.partitions, Tiers: tiers}, nil
}

// durationFlag registers a duration flag with its default.
func durationFlag(cmd *cobra.Command, p *time.Duration, name string, def time.Duration, usage string) {
	cmd.Flags().DurationVar(p, name, def, usage)
}
