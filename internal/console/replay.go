package console

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/dlq/letterstate"
	"github.com/leadgen/leadgen/internal/healthlog"
	"github.com/twmb/franz-go/pkg/kgo"
)

// errReadOnly is the answer to a replay when the console was started
// without --allow-replay.
var errReadOnly = errors.New("replay is off: this console is read-only; start it with --allow-replay")

type replayData struct {
	Refused string
	Summary string
	Lines   string
}

// replay sends the selected letters back to their providers with the
// rules of `leadgen dlq replay`: only open letters unless force, and
// refused while a provider's breaker is open or it is UNHEALTHY unless
// force.
func (s *Server) replay(w http.ResponseWriter, r *http.Request) {
	if !s.cfg.AllowReplay {
		w.WriteHeader(http.StatusForbidden)
		s.render(w, "replay", page{Data: replayData{Refused: errReadOnly.Error()}})
		return
	}
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("read replay form: %w", err))
		return
	}
	chosen, err := refs(r.PostForm["letter"])
	if err != nil || len(chosen) == 0 {
		s.fail(w, r, http.StatusBadRequest, cmpErr(err, errors.New("no letters selected")))
		return
	}
	d, code, err := s.replayLetters(r, chosen, r.PostForm.Get("force") == "on")
	if err != nil {
		s.fail(w, r, code, err)
		return
	}
	w.WriteHeader(code)
	s.render(w, "replay", page{Data: d})
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

func refs(vals []string) ([]letterstate.Ref, error) {
	out := make([]letterstate.Ref, 0, len(vals))
	for _, v := range vals {
		ref, err := parseRef(v)
		if err != nil {
			return nil, err
		}
		out = append(out, ref)
	}
	return out, nil
}

// replayLetters reads the book, checks the providers' health and replays.
func (s *Server) replayLetters(r *http.Request, chosen []letterstate.Ref, force bool) (replayData, int, error) {
	b, err := s.readLetters(r)
	if err != nil {
		return replayData{}, http.StatusBadGateway, err
	}
	letters := slices.DeleteFunc(b.Letters, func(l dlq.Letter) bool { return !slices.Contains(chosen, l.Ref()) })
	var out bytes.Buffer
	rc := dlq.ReplayConfig{Names: s.cfg.Names, FirstTier: s.cfg.FirstTier, Book: b.Book, Force: force, Out: &out}
	ctx, cancel := s.bounded(r)
	defer cancel()
	reason, err := s.refusal(ctx, dlq.Replayable(letters, rc), force)
	if err != nil {
		return replayData{}, http.StatusBadGateway, err
	}
	if reason != "" {
		return replayData{Refused: reason}, http.StatusConflict, nil
	}
	cl, err := kgo.NewClient(s.cfg.Opts...)
	if err != nil {
		return replayData{}, http.StatusBadGateway, fmt.Errorf("replay client: %w", err)
	}
	defer cl.Close()
	sum, err := dlq.Replay(ctx, cl, letters, rc)
	if err != nil {
		return replayData{}, http.StatusBadGateway, fmt.Errorf("replay: %w", err)
	}
	return replayData{Summary: sum.String(), Lines: out.String()}, http.StatusOK, nil
}

// refusal is why the guard refuses a replay to providers, or "" when it
// goes ahead (all fit, or force).
func (s *Server) refusal(ctx context.Context, providers []string, force bool) (string, error) {
	if len(providers) == 0 || force {
		return "", nil
	}
	guard := dlq.Guard{Read: func(ctx context.Context) ([]healthlog.Snapshot, error) {
		return healthlog.Read(ctx, s.cfg.Opts, s.cfg.Names.ProviderHealth())
	}}
	verdicts, err := guard.Check(ctx, providers)
	if err != nil {
		return "", err
	}
	if unfit := dlq.Unfit(verdicts); len(unfit) > 0 {
		return "refusing to replay: " + dlq.Reasons(unfit) + ". The replays would only be dead-lettered again; fix the provider, or tick force", nil
	}
	return "", nil
}
