package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/leadgen/leadgen/internal/chbulk"
	"github.com/leadgen/leadgen/internal/progress"
	"github.com/leadgen/leadgen/internal/sandbox"
	"github.com/spf13/cobra"
)

func newCH() *cobra.Command {
	cmd := &cobra.Command{Use: "ch", Short: "Load the Companies House bulk snapshots so leads cost fewer API calls",
		Long: "A lead looked up by company number costs 3 Companies House calls (profile, officers, PSCs)\n" +
			"of the key's 600 per 5 minutes. `ch import` loads the free bulk snapshots into Redis; while\n" +
			"they are fresh, a lookup reads the profile and PSCs there and calls only for the officers."}
	cmd.AddCommand(newCHImport(), newCHSandboxSnapshots())
	return asGroup(cmd)
}

// chImportFlags are the flags of ch import.
type chImportFlags struct {
	redis              redisFlags
	companies          string
	pscs               []string
	date               string
	companyAge, pscAge time.Duration
}

func newCHImport() *cobra.Command {
	var f chImportFlags
	cmd := leaf("import", "Import the Companies House company and PSC snapshots into Redis", f.run)
	cmd.Long = "Streams the monthly company data (BasicCompanyDataAsOneFile-YYYY-MM-DD.zip, or its CSV) and the\n" +
		"daily PSC snapshot (persons-with-significant-control-snapshot-YYYY-MM-DD.zip, its parts, or\n" +
		"the NDJSON) into Redis, where `leadgen run` with the same --redis reads them. Memory stays\n" +
		"constant whatever the file's size. An interrupted import run again resumes after the rows\n" +
		"done; a finished one is not repeated. Rows that cannot be read are counted and reported."
	fl := cmd.Flags()
	fl.StringVar(&f.companies, "companies", "", "company data snapshot: a .zip or the .csv in it")
	fl.StringArrayVar(&f.pscs, "psc", nil, "PSC snapshot: a .zip (one or more parts) or NDJSON; repeat for parts")
	fl.StringVar(&f.date, "date", "", "snapshot date YYYY-MM-DD (default: read from the file name)")
	fl.DurationVar(&f.companyAge, "company-max-age", chbulk.DefaultCompanyMaxAge, "how long a company snapshot stays fresh (monthly: 35 days)")
	fl.DurationVar(&f.pscAge, "psc-max-age", chbulk.DefaultPSCMaxAge, "how long a PSC snapshot stays fresh (daily: 2 days)")
	f.redis.add(cmd, "Redis URL to load the snapshots into; required")
	return cmd
}

func (f *chImportFlags) run(cmd *cobra.Command) error {
	jobs, err := f.jobs()
	if err != nil {
		return err
	}
	rdb, err := f.redis.client()
	if err != nil {
		return err
	}
	if rdb == nil {
		return usagef("--redis (REDIS_URL) is required: the snapshots are for every leadgen process, so they go to Redis")
	}
	defer rdb.Close()
	store := chbulk.NewStore(chbulk.StoreConfig{Redis: rdb, CompanyMaxAge: f.companyAge, PSCMaxAge: f.pscAge})
	for _, job := range jobs {
		job.Store = store
		if err := importOne(cmd, job); err != nil {
			return err
		}
	}
	return nil
}

func (f *chImportFlags) jobs() ([]chbulk.Job, error) {
	var date time.Time
	if f.date != "" {
		d, err := time.Parse(time.DateOnly, f.date)
		if err != nil {
			return nil, usagef("--date %q: want YYYY-MM-DD", f.date)
		}
		date = d
	}
	var jobs []chbulk.Job
	if f.companies != "" {
		jobs = append(jobs, chbulk.Job{Kind: chbulk.Companies, Path: f.companies, Date: date})
	}
	for _, p := range f.pscs {
		jobs = append(jobs, chbulk.Job{Kind: chbulk.PSCs, Path: p, Date: date})
	}
	if len(jobs) == 0 {
		return nil, usagef("name a snapshot: --companies FILE and/or --psc FILE")
	}
	return jobs, nil
}

// importOne imports a file with a bar of the bytes read on stderr and a
// summary on stdout.
func importOne(cmd *cobra.Command, job chbulk.Job) error {
	var bar *progress.Bar
	var shown int64
	job.Progress = func(p chbulk.Progress) {
		if bar == nil {
			bar = progress.New(cmd.ErrOrStderr(), int(p.BytesTotal), 0, "import "+filepath.Base(job.Path)+" (bytes)")
		}
		bar.Add(int(p.BytesRead - shown))
		shown = p.BytesRead
	}
	start := time.Now()
	sum, err := chbulk.Import(cmd.Context(), job)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	writeImportSummary(cmd.OutOrStdout(), job, sum, time.Since(start))
	return nil
}

func writeImportSummary(w io.Writer, job chbulk.Job, sum chbulk.Summary, took time.Duration) {
	name := filepath.Base(job.Path)
	if sum.Already {
		fmt.Fprintf(w, "%s: already imported, nothing to do\n", name)
		return
	}
	rate := float64(sum.Stored+sum.Bad) / max(took.Seconds(), 0.001)
	fmt.Fprintf(w, "%s: %s snapshot of %s: %d rows stored, %d bad, %d done by an earlier run, in %s (%.0f rows/s)\n",
		name, job.Kind, sum.Date.Format(time.DateOnly), sum.Stored, sum.Bad, sum.Resumed, took.Round(time.Millisecond), rate)
	for _, why := range sum.BadWhy {
		fmt.Fprintf(w, "  %s\n", why)
	}
	if sum.Bad > int64(len(sum.BadWhy)) {
		fmt.Fprintf(w, "  ... and %d more bad rows\n", sum.Bad-int64(len(sum.BadWhy)))
	}
	if job.Kind == chbulk.PSCs && !sum.Totals {
		fmt.Fprintf(w, "  no totals line: expected only in the last part of a split snapshot\n")
	}
}

func newCHSandboxSnapshots() *cobra.Command {
	var dir string
	cmd := leaf("sandbox-snapshots", "Write the sandbox dataset as company and PSC snapshots to try ch import on", func(cmd *cobra.Command) error {
		companies, pscs, err := sandbox.WriteSnapshots(dir, time.Now().UTC())
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "leadgen ch import --redis REDIS_URL --companies %s --psc %s\n", companies, pscs)
		return nil
	})
	cmd.Flags().StringVar(&dir, "dir", ".", "directory to write the two zips to")
	return cmd
}
