package chbulk

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// source is an opened snapshot: its members (one for a plain file, every
// file of a zip in name order), read one after the other, with a count of
// the bytes of the file read so far for the progress bar.
type source struct {
	f       *os.File
	size    int64
	read    atomic.Int64
	members []func() (io.ReadCloser, error)
}

// openSource opens path as a zip when it starts with a zip's signature,
// else as one plain file.
func openSource(path string) (*source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open snapshot: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open snapshot %s: %w", path, err)
	}
	s := &source{f: f, size: st.Size()}
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	if bytes.Equal(head[:n], []byte("PK\x03\x04")) {
		err = s.openZip()
	} else {
		s.members = []func() (io.ReadCloser, error){s.plain}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open snapshot %s: %w", path, err)
	}
	return s, nil
}

func (s *source) plain() (io.ReadCloser, error) {
	return io.NopCloser(bufio.NewReaderSize(io.NewSectionReader(counted{s}, 0, s.size), 256<<10)), nil
}

func (s *source) openZip() error {
	zr, err := zip.NewReader(counted{s}, s.size)
	if err != nil {
		return fmt.Errorf("read zip: %w", err)
	}
	files := make([]*zip.File, 0, len(zr.File))
	for _, zf := range zr.File {
		if !zf.FileInfo().IsDir() {
			files = append(files, zf)
		}
	}
	if len(files) == 0 {
		return fmt.Errorf("zip holds no file")
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, zf := range files {
		s.members = append(s.members, zf.Open)
	}
	return nil
}

// Close closes the file.
func (s *source) Close() error { return s.f.Close() }

// counted counts the bytes read through ReadAt.
type counted struct{ s *source }

func (c counted) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.s.f.ReadAt(p, off)
	c.s.read.Add(int64(n))
	return n, err
}

// snapshotDate matches the date in the published file names:
// BasicCompanyDataAsOneFile-2026-12-01.zip,
// persons-with-significant-control-snapshot-2026-12-06_1of28.zip.
var snapshotDate = regexp.MustCompile(`(\d{4}-\d{2}-\d{2})`)

// DateOf reads the snapshot date from a published file name.
func DateOf(path string) (time.Time, error) {
	m := snapshotDate.FindString(filepath.Base(path))
	if m == "" {
		return time.Time{}, fmt.Errorf("no YYYY-MM-DD date in the file name %q: name the snapshot date with --date", filepath.Base(path))
	}
	d, err := time.Parse(time.DateOnly, m)
	if err != nil {
		return time.Time{}, fmt.Errorf("snapshot date in %q: %w", filepath.Base(path), err)
	}
	return d, nil
}

// trimHeader trims the spaces the real header puts before some names
// (" CompanyNumber") and a byte-order mark.
func trimHeader(name string) string {
	return strings.TrimSpace(strings.TrimPrefix(name, "\ufeff"))
}
