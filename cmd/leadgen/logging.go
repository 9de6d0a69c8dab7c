package main

import (
	"log/slog"
	"os"

	"golang.org/x/term"
)

// newLogger logs JSON when stderr is not a terminal (production), text
// when it is.
func newLogger() *slog.Logger {
	var h slog.Handler
	if term.IsTerminal(int(os.Stderr.Fd())) {
		h = slog.NewTextHandler(os.Stderr, nil)
	} else {
		h = slog.NewJSONHandler(os.Stderr, nil)
	}
	l := slog.New(h)
	slog.SetDefault(l)
	return l
}
