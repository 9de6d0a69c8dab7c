package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

func newTopics() *cobra.Command {
	cmd := &cobra.Command{Use: "topics", Short: "Create or inspect leadgen's Kafka topics"}
	cmd.AddCommand(newTopicsApply(), newTopicsList())
	return asGroup(cmd)
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
	cmd := listLeaf("List the catalogue and whether each topic exists", tf.run, topics.List, writeTopicsJSON, writeTopicsTable)
	cmd.Long = "Prints one row per catalogue topic: its partitions, its STATE (ok, missing,\n" +
		"or CONFLICT when the cluster's partition count differs) and the configs\n" +
		"apply sets, as key=value. --output json writes one object per topic per line:\n" +
		"topic, partitions, state (ok, missing, conflict), existing_partitions (0 when\n" +
		"missing) and configs."
	tf.add(cmd)
	return cmd
}

// writeTopicsTable writes the listed topics as an aligned table.
func writeTopicsTable(w io.Writer, listed []topics.Listed) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TOPIC\tPARTITIONS\tSTATE\tCONFIGS")
	for _, l := range listed {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", l.Name, l.Partitions, state(l), keyValues(l.Configs))
	}
	return tw.Flush()
}

// keyValues writes configs as key=value pairs in key order, comma-separated.
func keyValues(configs map[string]string) string {
	pairs := make([]string, 0, len(configs))
	for _, k := range slices.Sorted(maps.Keys(configs)) {
		pairs = append(pairs, k+"="+configs[k])
	}
	return strings.Join(pairs, ",")
}

// topicJSON is a listed topic in machine form.
type topicJSON struct {
	Topic              string            `json:"topic"`
	Partitions         int32             `json:"partitions"`
	State              string            `json:"state"`
	ExistingPartitions int32             `json:"existing_partitions"`
	Configs            map[string]string `json:"configs"`
}

// writeTopicsJSON writes one JSON object per listed topic per line.
func writeTopicsJSON(w io.Writer, listed []topics.Listed) error {
	enc := json.NewEncoder(w)
	for _, l := range listed {
		j := topicJSON{Topic: l.Name, Partitions: l.Partitions, State: stateOf(l), ExistingPartitions: l.ExistingPartitions, Configs: l.Configs}
		if err := enc.Encode(j); err != nil {
			return fmt.Errorf("write topic %s: %w", l.Name, err)
		}
	}
	return nil
}

// stateOf says whether a topic is ok, missing, or in conflict with the
// catalogue's partition count.
func stateOf(l topics.Listed) string {
	switch {
	case !l.Exists:
		return "missing"
	case l.ExistingPartitions != l.Partitions:
		return "conflict"
	}
	return "ok"
}

// state is stateOf for people: a conflict names the cluster's count.
func state(l topics.Listed) string {
	if s := stateOf(l); s != "conflict" {
		return s
	}
	return fmt.Sprintf("CONFLICT (%d partitions)", l.ExistingPartitions)
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
	leadsJSONFlag(cmd, &t.kf.leadsJSON)
}

// run opens a client and does work with it and the catalogue within the
// --timeout bound.
func (t *topicsFlags) run(ctx context.Context, work func(context.Context, *kgo.Client, []topics.Spec) error) error {
	cl, err := t.kf.client("leadgen-topics")
	if err != nil {
		return err
	}
	defer cl.Close()
	tc, err := t.cf.config(t.kf.names())
	if err != nil {
		return err
	}
	specs := topics.Catalogue(tc)
	return t.kf.bounded(ctx, func(ctx context.Context) error { return work(ctx, cl, specs) })
}
