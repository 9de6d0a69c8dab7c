package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newTopics() *cobra.Command {
	cmd := &cobra.Command{Use: "topics", Short: "Create or inspect leadgen's Kafka topics"}
	cmd.AddCommand(newTopicsApply(), newTopicsList())
	return cmd
}

func newTopicsApply() *cobra.Command {
	var kf kafkaFlags
	var cf catalogueFlags
	var replication int16
	cmd := &cobra.Command{
		Use:   "apply",
		Short: "Create missing topics and align configs; refuse partition-count conflicts",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, specs, err := connect(&kf, &cf)
			if err != nil {
				return err
			}
			defer cl.Close()
			var out []topics.Outcome
			err = kf.bounded(cmd.Context(), func(ctx context.Context) error {
				out, err = topics.Apply(ctx, cl, specs, replication)
				return err
			})
			for _, o := range out {
				fmt.Fprintf(cmd.OutOrStdout(), "%-9s %s %s\n", o.Action, o.Topic, strings.Join(o.Changes, ", "))
			}
			return err
		},
	}
	kf.add(cmd)
	kf.addTimeout(cmd)
	cf.add(cmd)
	cmd.Flags().Int16Var(&replication, "replication-factor", -1, "replication factor of new topics (-1: broker default)")
	return cmd
}

func newTopicsList() *cobra.Command {
	var kf kafkaFlags
	var cf catalogueFlags
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the catalogue and whether each topic exists",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cl, specs, err := connect(&kf, &cf)
			if err != nil {
				return err
			}
			defer cl.Close()
			var listed []topics.Listed
			err = kf.bounded(cmd.Context(), func(ctx context.Context) error {
				listed, err = topics.List(ctx, cl, specs)
				return err
			})
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "TOPIC\tPARTITIONS\tSTATE\tCONFIGS")
			for _, l := range listed {
				fmt.Fprintf(w, "%s\t%d\t%s\t%v\n", l.Name, l.Partitions, state(l), l.Configs)
			}
			return w.Flush()
		},
	}
	kf.add(cmd)
	kf.addTimeout(cmd)
	cf.add(cmd)
	return cmd
}

func state(l topics.Listed) string {
	switch {
	case !l.Exists:
		return "missing"
	case l.ExistingPartitions != l.Partitions:
		return fmt.Sprintf("CONFLICT (%d partitions)", l.ExistingPartitions)
	}
	return "ok"
}

// connect reads the connection and catalogue flags and opens a client.
func connect(kf *kafkaFlags, cf *catalogueFlags) (*kgo.Client, []topics.Spec, error) {
	kc, err := kf.config("leadgen-topics")
	if err != nil {
		return nil, nil, err
	}
	tc, err := cf.config(kf.names())
	if err != nil {
		return nil, nil, err
	}
	cl, err := kclient.New(kc)
	if err != nil {
		return nil, nil, err
	}
	return cl, topics.Catalogue(tc), nil
}
