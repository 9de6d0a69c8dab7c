package main

import (
	"fmt"
	"log/slog"
	"os"
	"strings"

	"golang.org/x/term"
)

// logLevel is the least level logged (--log-level).
var logLevel = new(slog.LevelVar)

// levelFlag is --log-level: debug, info, warn or error.
type levelFlag struct{ v *slog.LevelVar }

func (l levelFlag) String() string { return strings.ToLower(l.v.Level().String()) }
func (l levelFlag) Type() string   { return "level" }
func (l levelFlag) Set(s string) error {
	if err := l.v.UnmarshalText([]byte(s)); err != nil {
		return fmt.Errorf("want debug, info, warn or error")
	}
	return nil
}

// newLogger logs JSON when stderr is not a terminal (production), text
// when it is, from --log-level up.
func newLogger() *slog.Logger {
	var h slog.Handler
	opts := &slog.HandlerOptions{Level: logLevel}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		h = slog.NewTextHandler(os.Stderr, opts)
	} else {
		h = slog.NewJSONHandler(os.Stderr, opts)
	}
	l := slog.New(h)
	slog.SetDefault(l)
	return l
}
