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
	var tf topicsFlags
	var replication int16
	cmd := leaf("apply", "Create missing topics and align configs; refuse partition-count conflicts", func(cmd *cobra.Command) error {
		var out []topics.Outcome
		err := tf.run(cmd.Context(), func(ctx context.Context, cl *kgo.Client, specs []topics.Spec) (err error) {
			out, err = topics.Apply(ctx, cl, specs, replication)
			return err
		})
		for _, o := range out {
			fmt.Fprintf(cmd.OutOrStdout(), "%-9s %s %s\n", o.Action, o.Topic, strings.Join(o.Changes, ", "))
		}
		return err
	})
	tf.add(cmd)
	cmd.Flags().Int16Var(&replication, "replication-factor", -1, "replication factor of new topics (-1: broker default)")
	return cmd
}

func newTopicsList() *cobra.Command {
	var tf topicsFlags
	cmd := leaf("list", "List the catalogue and whether each topic exists", func(cmd *cobra.Command) error {
		var listed []topics.Listed
		err := tf.run(cmd.Context(), func(ctx context.Context, cl *kgo.Client, specs []topics.Spec) (err error) {
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
	})
	tf.add(cmd)
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

// topicsFlags are the flags every topics subcommand takes: the
// connection, its timeout, and the catalogue.
type topicsFlags struct {
	kf kafkaFlags
	cf catalogueFlags
}

func (t *topicsFlags) add(cmd *cobra.Command) {
	t.kf.add(cmd)
	t.kf.addTimeout(cmd)
	t.cf.add(cmd)
}

// run opens a client and does work with it and the catalogue within the
// --timeout bound.
func (t *topicsFlags) run(ctx context.Context, work func(context.Context, *kgo.Client, []topics.Spec) error) error {
	kc, err := t.kf.config("leadgen-topics")
	if err != nil {
		return err
	}
	tc, err := t.cf.config(t.kf.names())
	if err != nil {
		return err
	}
	cl, err := kclient.New(kc)
	if err != nil {
		return err
	}
	defer cl.Close()
	specs := topics.Catalogue(tc)
	return t.kf.bounded(ctx, func(ctx context.Context) error { return work(ctx, cl, specs) })
}
