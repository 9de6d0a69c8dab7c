package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/progress"
	"github.com/leadgen/leadgen/internal/requestfile"
	"github.com/leadgen/leadgen/internal/schemaregistry"
	"github.com/leadgen/leadgen/schemas"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
	"github.com/twmb/franz-go/pkg/kgo"
)

type requestFlags struct {
	name, number, domain, file string
	providers                  []string
	noWatch                    bool
}

func newRequest() *cobra.Command {
	var kf kafkaFlags
	var rf requestFlags
	cmd := leaf("request", "Send company requests: one from flags, or many from a CSV or JSONL file", func(cmd *cobra.Command) error {
		reqs, bad, err := rf.requests(cmd.ErrOrStderr())
		if err != nil {
			return err
		}
		kc, err := kf.config("leadgen-request")
		if err != nil {
			return err
		}
		err = kf.bounded(cmd.Context(), func(ctx context.Context) error { return send(ctx, cmd.OutOrStdout(), kc, kf.names(), reqs) })
		if err != nil {
			return err
		}
		if rf.file != "" {
			fmt.Fprintf(cmd.ErrOrStderr(), "%s: %d lines read: %d sent, %d rejected\n", rf.file, len(reqs)+bad, len(reqs), bad)
		}
		if bad > 0 {
			return usagef("%d of %d lines rejected (see above); the other %d were sent", bad, bad+len(reqs), len(reqs))
		}
		return nil
	})
	cmd.Long = "Sends CompanyRequest records to company-requests. Every request is held to the\n" +
		"input limits the provider workers enforce (see the README) before it is sent.\n" +
		"With --file, every line is checked; bad lines are reported with their line\n" +
		"number and the good ones are still sent, and the exit status is non-zero if\n" +
		"any line was bad."
	kf.add(cmd, schemaregistry.CompanyRequest)
	kf.addTimeout(cmd)
	f := cmd.Flags()
	f.StringVar(&rf.name, "name", "", "company name")
	f.StringVar(&rf.number, "number", "", "Companies House company number")
	f.StringVar(&rf.domain, "domain", "", "company web domain, e.g. example.co.uk")
	f.StringSliceVar(&rf.providers, "providers", nil, "only these providers (default: every enabled one)")
	f.StringVar(&rf.file, "file", "", "CSV or JSONL file of requests (.csv, .jsonl); a watch column or key set to false opts a request out of the watchlist")
	f.BoolVar(&rf.noWatch, "no-watch", false, "do not watch the company: its lead does not put it on the watchlist of the watch role")
	return cmd
}

// requests returns the valid requests and how many file lines were bad,
// each reported on errs.
func (rf *requestFlags) requests(errs io.Writer) ([]*schemas.CompanyRequest, int, error) {
	if rf.file != "" && (rf.name != "" || rf.number != "" || rf.domain != "") {
		return nil, 0, usagef("--file cannot be combined with --name, --number or --domain")
	}
	if rf.file == "" {
		if rf.name == "" && rf.number == "" {
			return nil, 0, usagef("give --name or --number (with optional --domain), or --file")
		}
		r, err := requestfile.Build(rf.name, rf.number, rf.domain, rf.providers)
		if err != nil {
			return nil, 0, usageError{err}
		}
		r.NoWatch = rf.noWatch
		return []*schemas.CompanyRequest{r}, 0, nil
	}
	return readFile(rf.file, errs)
}

// readFile returns the valid requests of a file and how many lines were
// bad, each reported on errs as "path:line: reason".
func readFile(path string, errs io.Writer) ([]*schemas.CompanyRequest, int, error) {
	format, err := requestfile.FormatOf(path)
	if err != nil {
		return nil, 0, usageError{err}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, usageError{err}
	}
	defer f.Close()
	lines, err := requestfile.Parse(f, format, time.Now)
	if err != nil {
		return nil, 0, usagef("%s: %v", path, err)
	}
	var reqs []*schemas.CompanyRequest
	bad := 0
	for _, l := range lines {
		if l.Err != nil {
			fmt.Fprintf(errs, "%s:%d: %v\n", path, l.Number, l.Err)
			bad++
			continue
		}
		reqs = append(reqs, l.Request)
	}
	return reqs, bad, nil
}

// send produces the requests, printing a line on out for each one sent.
func send(ctx context.Context, out io.Writer, kc kclient.Config, names topics.Names, reqs []*schemas.CompanyRequest) error {
	cl, err := kclient.New(kc)
	if err != nil {
		return err
	}
	defer cl.Close()
	bar := progress.New(os.Stderr, len(reqs), 20, "sending")
	var recs []*kgo.Record
	for _, r := range reqs {
		val, err := schemas.EncodeCompanyRequest(r)
		if err != nil {
			return fmt.Errorf("encode request %s: %w", r.RequestID, err)
		}
		recs = append(recs, &kgo.Record{Topic: names.Requests(), Key: []byte(r.RequestID), Value: val})
	}
	var failed []string
	for i, res := range cl.ProduceSync(ctx, recs...) {
		bar.Add(1)
		if res.Err != nil {
			failed = append(failed, fmt.Sprintf("%s: %v", reqs[i].RequestID, res.Err))
			continue
		}
		fmt.Fprintf(out, "sent %s %s\n", reqs[i].RequestID, reqs[i].CompanyName)
	}
	bar.Finish()
	if len(failed) > 0 {
		return fmt.Errorf("%d requests not sent: %s", len(failed), strings.Join(failed, "; "))
	}
	return nil
}
