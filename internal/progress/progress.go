// Package progress shows how far long work has got: a bar redrawn in place
// when the output is a terminal, and one summary line when the work ends
// when it is not. Carriage-return frames written to a file, a pipe or a log
// collector are noise that buries the lines around them.
package progress

import (
	"fmt"
	"io"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Bar counts the items of a known total done so far. Its methods may be
// called from several goroutines.
type Bar struct {
	w     io.Writer
	desc  string
	total int
	shown bool
	bar   *progressbar.ProgressBar // nil unless drawn on a terminal

	mu   sync.Mutex
	done int
}

// New returns a bar for total items written to w and named desc. It shows
// only when total is more than above: a handful of items finish before a
// bar would be read.
func New(w io.Writer, total, above int, desc string) *Bar {
	b := &Bar{w: w, desc: desc, total: total, shown: total > above}
	if b.shown && IsTerminal(w) {
		b.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(desc))
	}
	return b
}

// IsTerminal says whether w is a terminal: an open file whose descriptor
// is one.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(f.Fd()))
}

// Add counts n more items done.
func (b *Bar) Add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done += n
	if b.bar != nil {
		_ = b.bar.Add(n)
	}
}

// Finish ends the bar: it completes the drawn bar, or writes the summary
// line "DESC: DONE/TOTAL done" where no bar was drawn.
func (b *Bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch {
	case b.bar != nil:
		_ = b.bar.Finish()
		fmt.Fprintln(b.w)
	case b.shown:
		fmt.Fprintf(b.w, "%s: %d/%d done\n", b.desc, b.done, b.total)
	}
}
