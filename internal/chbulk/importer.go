package chbulk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Kind is which snapshot a file is.
type Kind string

// The two snapshots.
const (
	Companies Kind = "companies"
	PSCs      Kind = "psc"
)

// Job is one snapshot file to import.
type Job struct {
	Kind Kind
	Path string
	// Date is the snapshot's date; zero reads it from the file name.
	Date  time.Time
	Store *Store
	// Batch is how many rows go to Redis in one round trip and one
	// checkpoint (default 1000).
	Batch int
	// Progress, if set, is told how far the import has got after each
	// batch.
	Progress func(Progress)
}

// Progress is how far an import has got.
type Progress struct {
	// Rows counts the rows read, including those a resume skipped.
	Rows int64
	// BytesRead of BytesTotal: the file's bytes, compressed for a zip.
	BytesRead, BytesTotal int64
}

// Summary is what an import did.
type Summary struct {
	Date time.Time
	// Stored rows, and the rows an earlier, interrupted import had done.
	Stored, Resumed int64
	// Bad rows, not stored, and the first few reasons.
	Bad     int64
	BadWhy  []string
	Already bool // a finished import of the same file: nothing to do
	Totals  bool // the PSC snapshot's summary line was read
}

const keepBadReasons = 5

// Import reads the job's file into the store, resuming after the rows a
// previous import of the same file (name, size and date) recorded.
func Import(ctx context.Context, job Job) (Summary, error) {
	if job.Store == nil || job.Store.rdb == nil {
		return Summary{}, errNoRedis
	}
	if job.Batch <= 0 {
		job.Batch = 1000
	}
	date, err := job.date()
	if err != nil {
		return Summary{}, err
	}
	if err := job.Store.checkFresh(date, job.maxAge(), string(job.Kind)); err != nil {
		return Summary{}, err
	}
	src, err := openSource(job.Path)
	if err != nil {
		return Summary{}, err
	}
	defer src.Close()
	im := &importer{job: job, src: src, sum: Summary{Date: date},
		ckpt: fmt.Sprintf("%sdone:%s:%s:%d:%s", keyPrefix, job.Kind, filepath.Base(job.Path), src.size, date.Format(time.DateOnly))}
	if err := im.run(ctx); err != nil {
		return im.sum, fmt.Errorf("import %s: %w", filepath.Base(job.Path), err)
	}
	return im.sum, nil
}

func (j Job) date() (time.Time, error) {
	if !j.Date.IsZero() {
		return j.Date, nil
	}
	return DateOf(j.Path)
}

func (j Job) maxAge() time.Duration {
	if j.Kind == PSCs {
		return j.Store.pscMaxAge
	}
	return j.Store.companyMaxAge
}

// importer is one Import under way.
type importer struct {
	job   Job
	src   *source
	sum   Summary
	ckpt  string // the checkpoint's key
	skip  int64  // rows done before
	rows  int64  // rows read
	pipe  redis.Pipeliner
	batch int
}

func (im *importer) run(ctx context.Context) error {
	done, err := im.job.Store.rdb.HGetAll(ctx, im.ckpt).Result()
	if err != nil {
		return fmt.Errorf("read checkpoint: %w", err)
	}
	if done["complete"] == "1" {
		im.sum.Already = true
		return nil
	}
	im.skip, _ = strconv.ParseInt(done["rows"], 10, 64)
	// A pipeline cannot fall back from EVALSHA to EVAL: load the script.
	if err := put.Load(ctx, im.job.Store.rdb).Err(); err != nil {
		return fmt.Errorf("load script: %w", err)
	}
	im.pipe = im.job.Store.rdb.Pipeline()
	for i, open := range im.src.members {
		if err := im.member(ctx, open); err != nil && len(im.src.members) > 1 {
			return fmt.Errorf("member %d of %d: %w", i+1, len(im.src.members), err)
		} else if err != nil {
			return err
		}
	}
	if err := im.flush(ctx); err != nil {
		return err
	}
	return im.job.Store.rdb.HSet(ctx, im.ckpt, "complete", "1").Err()
}

func (im *importer) member(ctx context.Context, open func() (io.ReadCloser, error)) error {
	rc, err := open()
	if err != nil {
		return err
	}
	defer rc.Close()
	next, err := im.rowsOf(rc)
	if err != nil {
		return err
	}
	for {
		err := next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err := im.count(err); err != nil {
			return err
		}
		if im.batch >= im.job.Batch {
			if err := im.flush(ctx); err != nil {
				return err
			}
		}
	}
}

// rowsOf returns a function that reads one row and, unless a resume
// skips it, queues it on the pipeline.
func (im *importer) rowsOf(r io.Reader) (func(context.Context) error, error) {
	date := im.sum.Date
	if im.job.Kind == PSCs {
		pr := newPSCReader(r)
		return func(ctx context.Context) error {
			p, err := pr.next()
			im.sum.Totals = im.sum.Totals || pr.totals
			if err == nil && im.rows >= im.skip {
				im.job.Store.putPSC(ctx, im.pipe, p, date)
			}
			return err
		}, nil
	}
	cr, err := newCompanyReader(r)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context) error {
		p, err := cr.next()
		if err == nil && im.rows >= im.skip {
			err = im.job.Store.putProfile(ctx, im.pipe, p, date)
		}
		return err
	}, nil
}

// count tallies a row read: stored, resumed or bad; an error that is not
// a bad row ends the import.
func (im *importer) count(err error) error {
	var bad *RowError
	switch {
	case err != nil && !errors.As(err, &bad):
		return err
	case im.rows < im.skip:
		im.sum.Resumed++
	case bad != nil:
		im.sum.Bad++
		if len(im.sum.BadWhy) < keepBadReasons {
			im.sum.BadWhy = append(im.sum.BadWhy, fmt.Sprintf("row %d: %v", im.rows+1, bad))
		}
	default:
		im.sum.Stored++
	}
	im.rows++
	im.batch++
	return nil
}

// flush sends the queued rows and then the checkpoint, in one round
// trip: Redis runs them in order, so a checkpoint stored means its rows
// are. Rows done again after a crash are stored again, to the same
// effect.
func (im *importer) flush(ctx context.Context) error {
	if im.rows > im.skip {
		im.pipe.HSet(ctx, im.ckpt, "rows", im.rows)
		im.pipe.Expire(ctx, im.ckpt, im.job.maxAge())
	}
	if _, err := im.pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store rows up to %d: %w", im.rows, err)
	}
	im.batch = 0
	if im.job.Progress != nil {
		// A zip's directory is read too, so the count can pass the size.
		im.job.Progress(Progress{Rows: im.rows, BytesRead: min(im.src.read.Load(), im.src.size), BytesTotal: im.src.size})
	}
	return nil
}
