package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/leadgen/leadgen/internal/erasure/apply"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/spf13/cobra"
)

// eraseFlags are what erase is asked to do.
type eraseFlags struct {
	kf      kafkaFlags
	rf      redisFlags
	company string
	person  string
	dryRun  bool
}

func newErase() *cobra.Command {
	var ef eraseFlags
	cmd := &cobra.Command{
		Use:   "erase --person NAME [--company NUMBER] | --company NUMBER",
		Short: "Erase a person from leads, or a company's lead (GDPR); --dry-run shows what would change",
		Long: "--person NAME erases a person from the leads naming them: each lead gets a new version\n" +
			"without the person (score recomputed, the other people kept, version + 1). The name matches\n" +
			"as the dedupe merges names: \"Jane Doe\" also erases \"Jane Elizabeth Doe\" and \"DOE, Jane\n" +
			"Elizabeth\", not \"J Doe\" nor \"Jane Dow\". With --company NUMBER it erases the person from that\n" +
			"company's lead only: use it for a data subject request that names a person at a company; leave\n" +
			"it out only to erase everyone of that name at every company.\n\n" +
			"--company NUMBER alone erases the company: its lead is tombstoned.\n\n" +
			"The erasure is recorded on leadgen-erasures, so aggregators keep the person (or the company's\n" +
			"lead) out of every lead they build from now on, replays and late results included. The\n" +
			"aggregator holding a lead's request writes its new version; this command writes those of\n" +
			"requests idle past the aggregator's retention. Cached API results naming them are deleted\n" +
			"from Redis (--redis).\n\n" +
			"--dry-run writes nothing: it lists, lead by lead, the people the erasure matches and the near\n" +
			"matches it leaves (names close to the erased one that are not the same person; erase such a\n" +
			"form by name with --company to remove it too), or the leads a company erasure would tombstone.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return ef.run(cmd) },
	}
	ef.kf.add(cmd, schemaregistry.EnrichedLead)
	ef.kf.addTimeout(cmd)
	leadsJSONFlag(cmd, &ef.kf.leadsJSON)
	f := cmd.Flags()
	f.StringVar(&ef.person, "person", "", "person's name to erase (any form: SURNAME, Forenames or natural)")
	f.StringVar(&ef.company, "company", "", "company number: with --person, the one company to erase the person from; alone, the company to erase")
	f.BoolVar(&ef.dryRun, "dry-run", false, "list the people and leads the erasure would change, and near matches, without writing anything")
	ef.rf.add(cmd, "Redis URL of the shared cache to purge")
	return cmd
}

// run erases, or previews the erasure with --dry-run.
func (ef *eraseFlags) run(cmd *cobra.Command) error {
	e, err := erasureOf(ef.company, ef.person)
	if err != nil {
		return err
	}
	kc, err := ef.kf.config("leadgen-erase")
	if err != nil {
		return err
	}
	if ef.dryRun {
		var plan apply.Plan
		err = ef.kf.bounded(cmd.Context(), func(ctx context.Context) error {
			plan, err = apply.Preview(ctx, kc.Opts(), ef.kf.names(), e)
			return err
		})
		if err != nil {
			return err
		}
		return apply.WritePlan(cmd.OutOrStdout(), plan)
	}
	rdb, err := ef.rf.client()
	if err != nil {
		return err
	}
	if rdb != nil {
		defer rdb.Close()
	}
	var out apply.Outcome
	err = ef.kf.bounded(cmd.Context(), func(ctx context.Context) error {
		out, err = apply.Erase(ctx, kc.Opts(), ef.kf.names(), rdb, e)
		return err
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(cmd.OutOrStdout(), apply.Summary(out))
	return err
}

// erasureOf is the erasure the flags ask for: a person, scoped to a
// company when both are given, or a company.
func erasureOf(company, person string) (erasure.Erasure, error) {
	var e erasure.Erasure
	var err error
	switch {
	case company == "" && person == "":
		return e, usagef("give --person NAME (optionally with --company NUMBER) or --company NUMBER")
	case company != "" && strings.TrimSpace(company) == "":
		return e, usagef("--company is blank: give a company number")
	case person != "":
		e, err = erasure.NewPerson(person, company, time.Now())
	default:
		e, err = erasure.NewCompany(company, time.Now())
	}
	if err != nil {
		return e, usageError{err}
	}
	return e, nil
}
