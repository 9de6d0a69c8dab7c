package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
)

func TestLogLevelLeavesOutWhatIsBelowIt(t *testing.T) {
	t.Cleanup(func() { logLevel.Set(slog.LevelInfo) })
	root := newRoot()
	root.SetOut(io.Discard)
	root.SetArgs([]string{"--log-level", "warn", "--version"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	l := newLogger()
	if ctx := context.Background(); l.Enabled(ctx, slog.LevelInfo) || !l.Enabled(ctx, slog.LevelWarn) {
		t.Errorf("--log-level warn: info enabled %v, warn enabled %v; want only warn and up",
			l.Enabled(ctx, slog.LevelInfo), l.Enabled(ctx, slog.LevelWarn))
	}
	root = newRoot()
	root.SetArgs([]string{"--log-level", "loud", "--version"})
	if err := root.Execute(); exitCode(err) != 2 {
		t.Errorf("--log-level loud: %v, want a usage error (exit 2)", err)
	}
}
