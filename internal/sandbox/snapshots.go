package sandbox

import (
	"time"

	"github.com/leadgen/leadgen/internal/sandbox/companieshouse"
)

// WriteSnapshots writes the dataset into dir as the two Companies House
// bulk snapshots, dated date and named as the real files are
// (BasicCompanyDataAsOneFile-YYYY-MM-DD.zip and
// persons-with-significant-control-snapshot-YYYY-MM-DD.zip), and returns
// their paths: input for `leadgen ch import`.
func WriteSnapshots(dir string, date time.Time) (companies, pscs string, err error) {
	return companieshouse.WriteSnapshots(dir, date)
}
