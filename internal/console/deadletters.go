package console

import (
	"bytes"
	"fmt"
	"net/http"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/dlq/letterstate"
)

// book is the dead letters, annotated with their lifecycle, and the book
// that annotated them.
type book struct {
	Book    *dlq.Book
	Letters []dlq.Letter
}

func (s *Server) readLetters(r *http.Request) (book, error) {
	ctx, cancel := s.bounded(r)
	defer cancel()
	b, err := dlq.ReadBook(ctx, s.cfg.Opts, s.cfg.Names, s.cfg.ParkAfter)
	if err != nil {
		return book{}, fmt.Errorf("read dead-letter states: %w", err)
	}
	var out []dlq.Letter
	err = dlq.Read(ctx, s.cfg.Opts, s.cfg.Names.DLQ(), dlq.All(), func(l dlq.Letter) bool {
		b.Annotate(&l, nil)
		out = append(out, l)
		return true
	})
	if err != nil {
		return book{}, fmt.Errorf("read dead letters: %w", err)
	}
	return book{Book: b, Letters: out}, nil
}

type deadLettersData struct {
	Groups  []dlq.Group
	Letters []dlq.Letter
}

// deadLetters lists the groups, as `dlq list --state all`, and every letter
// with its state, newest first.
func (s *Server) deadLetters(w http.ResponseWriter, r *http.Request) {
	b, err := s.readLetters(r)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, err)
		return
	}
	var t dlq.Tally
	for _, l := range b.Letters {
		t.Add(l)
	}
	letters := b.Letters
	for i, j := 0, len(letters)-1; i < j; i, j = i+1, j-1 {
		letters[i], letters[j] = letters[j], letters[i]
	}
	s.render(w, "dlq", page{Title: "Dead letters", Nav: "dlq", Data: deadLettersData{Groups: t.Groups(), Letters: letters}})
}

type letterData struct {
	Letter  dlq.Letter
	Shown   string
	Lineage []dlq.Letter
}

// letter shows one letter as `dlq show` prints it, and its lineage: the
// letters its replays became, oldest first.
func (s *Server) letter(w http.ResponseWriter, r *http.Request) {
	ref, err := pathRef(r)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, err)
		return
	}
	b, err := s.readLetters(r)
	if err != nil {
		s.fail(w, r, http.StatusBadGateway, err)
		return
	}
	var d letterData
	found := false
	for _, l := range b.Letters {
		if l.Status.Lineage != "" && l.Ref() == ref {
			d.Letter, found = l, true
		}
	}
	if !found {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("no dead letter at %s", ref))
		return
	}
	for _, l := range b.Letters {
		if l.Status.Lineage == d.Letter.Status.Lineage {
			d.Lineage = append(d.Lineage, l)
		}
	}
	var buf bytes.Buffer
	if err := dlq.WriteLetters(&buf, []dlq.Letter{d.Letter}, dlq.Table); err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	d.Shown = buf.String()
	s.render(w, "letter", page{Title: "Dead letter " + ref.String(), Nav: "dlq", Data: d})
}

func pathRef(r *http.Request) (letterstate.Ref, error) {
	return parseRef(r.PathValue("partition") + "/" + r.PathValue("offset"))
}

func parseRef(s string) (letterstate.Ref, error) {
	ref, ok := letterstate.ParseRef(s)
	if !ok {
		return ref, fmt.Errorf("bad letter %q: want partition/offset", s)
	}
	return ref, nil
}
