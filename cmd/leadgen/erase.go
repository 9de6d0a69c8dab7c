package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/erasure"
	"github.com/spf13/cobra"
)

func newErase() *cobra.Command {
	var kf kafkaFlags
	var company, person string
	var rf redisFlags
	cmd := &cobra.Command{
		Use:   "erase --company NUMBER | --person NAME",
		Short: "Erase a company or a person (GDPR): tombstone their leads, purge the cache, keep them out of future leads",
		Long: "Records the erasure on leadgen-erasures, so aggregators leave the person (or the company's\n" +
			"lead) out of every lead they build from now on, replays included; writes tombstones for the\n" +
			"current leads that name them on the compacted enriched-leads topic; and deletes the cached\n" +
			"API results that name them from Redis.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			e, err := erasureOf(company, person)
			if err != nil {
				return err
			}
			kc, err := kf.config("leadgen-erase")
			if err != nil {
				return err
			}
			rdb, err := rf.client()
			if err != nil {
				return err
			}
			if rdb != nil {
				defer rdb.Close()
			}
			var out erasure.Outcome
			err = kf.bounded(cmd.Context(), func(ctx context.Context) error {
				out, err = erasure.Apply(ctx, kc.Opts(), kf.names(), rdb, e)
				return err
			})
			if err != nil {
				return err
			}
			fmt.Printf("erased %s %q: %d leads tombstoned (%s), %d cache entries purged\n",
				e.Kind, e.Value, len(out.Leads), strings.Join(out.Leads, ", "), out.Cached)
			return nil
		},
	}
	kf.add(cmd)
	kf.addTimeout(cmd)
	cmd.Flags().StringVar(&company, "company", "", "company number to erase")
	cmd.Flags().StringVar(&person, "person", "", "person's name to erase (any form: SURNAME, Forenames or natural)")
	rf.add(cmd, "Redis URL of the shared cache to purge")
	return cmd
}

func erasureOf(company, person string) (erasure.Erasure, error) {
	switch {
	case (company == "") == (person == ""):
		return erasure.Erasure{}, usagef("give exactly one of --company or --person")
	case company != "":
		e, err := erasure.New(erasure.Company, company, time.Now())
		if err != nil {
			return e, usageError{err}
		}
		return e, nil
	}
	e, err := erasure.New(erasure.Person, person, time.Now())
	if err != nil {
		return e, usageError{err}
	}
	return e, nil
}
