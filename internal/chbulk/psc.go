package chbulk

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// totalsKind marks the PSC snapshot's last line, a summary, not a PSC.
const totalsKind = "totals#persons-of-significant-control-snapshot"

// maxLine bounds one NDJSON line: a PSC is a few hundred bytes, so a
// longer line is a bad row, not a reason to hold the file in memory.
const maxLine = 1 << 20

// PSC is one line of the PSC snapshot: the company's number and the PSC
// (or PSC statement) in the REST API's shape, kept as sent.
type PSC struct {
	CompanyNumber string          `json:"company_number"`
	Data          json.RawMessage `json:"data"`
}

// pscReader reads the PSC snapshot's NDJSON a line at a time.
type pscReader struct {
	r      *bufio.Reader
	line   int
	totals bool // the summary line was read
}

func newPSCReader(in io.Reader) *pscReader {
	return &pscReader{r: bufio.NewReaderSize(in, maxLine)}
}

// next returns the next PSC. A line that is not a PSC is a *RowError,
// except the first, which makes the file ErrBadHeader; the summary line
// is skipped; io.EOF ends the member.
func (pr *pscReader) next() (PSC, error) {
	for {
		line, err := pr.readLine()
		if err == io.EOF && pr.line == 0 {
			return PSC{}, fmt.Errorf("%w: the file is empty", ErrBadHeader)
		}
		if err != nil {
			return PSC{}, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		pr.line++
		p, err := pr.decode(line)
		if errors.Is(err, errTotals) {
			continue
		}
		return p, err
	}
}

var errTotals = errors.New("summary line")

func (pr *pscReader) decode(line []byte) (PSC, error) {
	var p PSC
	var kind struct {
		Kind string `json:"kind"`
	}
	err := json.Unmarshal(line, &p)
	if err == nil {
		err = json.Unmarshal(p.Data, &kind)
	}
	switch {
	case err != nil && pr.line == 1:
		return PSC{}, fmt.Errorf("%w: the first line is not a psc snapshot json line: %v", ErrBadHeader, err)
	case err != nil:
		return PSC{}, &RowError{Err: fmt.Errorf("line %d: %w", pr.line, err)}
	case kind.Kind == totalsKind:
		pr.totals = true
		return PSC{}, errTotals
	case p.CompanyNumber == "" || kind.Kind == "":
		return PSC{}, &RowError{Err: fmt.Errorf("line %d: no company_number or data.kind", pr.line)}
	}
	p.CompanyNumber = strings.ToUpper(strings.TrimSpace(p.CompanyNumber))
	return p, nil
}

// readLine returns the next line without its newline; a line longer
// than maxLine is skipped whole and reported as a bad row.
func (pr *pscReader) readLine() ([]byte, error) {
	line, err := pr.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = pr.r.ReadSlice('\n')
		}
		pr.line++
		return nil, &RowError{Err: fmt.Errorf("line %d longer than %d bytes", pr.line, maxLine)}
	}
	if err == io.EOF && len(line) > 0 {
		return line, nil
	}
	return bytes.TrimRight(line, "\r\n"), err
}
