package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// kafkaFlags are the connection flags every Kafka-facing command takes.
type kafkaFlags struct {
	brokers string
	prefix  string
	timeout time.Duration
}

func (k *kafkaFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&k.brokers, "brokers", "", "Kafka bootstrap brokers, host:port[,host:port...]")
	cmd.Flags().StringVar(&k.prefix, "topic-prefix", "", "prefix prepended to every topic and group name, e.g. staging.")
}

// addTimeout adds --timeout, the limit of a one-shot command's Kafka work,
// so an unreachable cluster is an error, not a hang.
func (k *kafkaFlags) addTimeout(cmd *cobra.Command) {
	durationFlag(cmd, &k.timeout, "timeout", 30*time.Second, "give up if the brokers have not answered within this time")
}

// bounded limits ctx by --timeout and explains an expiry.
func (k *kafkaFlags) bounded(ctx context.Context, work func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(ctx, k.timeout)
	defer cancel()
	err := work(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("no answer from brokers %s within %s (--timeout): %w", k.brokers, k.timeout, err)
	}
	return err
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
