package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/console"
	"github.com/leadgen/leadgen/internal/dlq"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/pipeline"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/internal/status"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// roleConsole is the role of `run --roles` that serves the console.
const roleConsole = "console"

// tokenEnv holds the console's access token (or TOKEN_FILE a file with it).
const tokenEnv = "LEADGEN_CONSOLE_TOKEN"

// consoleFlags configure the web console, for console, run and dev.
type consoleFlags struct {
	listen      string
	allowReplay bool
	parkAfter   int
	tiers       string
}

func (c *consoleFlags) add(cmd *cobra.Command, listenFlag, defaultListen, usage string) {
	f := cmd.Flags()
	f.StringVar(&c.listen, listenFlag, defaultListen, usage)
	f.BoolVar(&c.allowReplay, "allow-replay", false, "let the console replay dead letters (same safety rules as dlq replay); read-only without it")
	f.IntVar(&c.parkAfter, "console-park-after", dlq.DefaultParkAfter, "replays a lineage gets before a letter that fails again is parked (as dlq --park-after)")
}

// config builds the console's config; the token comes from
// LEADGEN_CONSOLE_TOKEN or LEADGEN_CONSOLE_TOKEN_FILE and is never logged.
func (c *consoleFlags) config(kc kclient.Config, names topics.Names, tiers string) (console.Config, error) {
	token, _, err := secret.Lookup(tokenEnv)
	if err != nil {
		return console.Config{}, usagef("console token: %v", err)
	}
	parsed, err := topics.ParseTiers(tiers)
	if err != nil {
		return console.Config{}, usageError{err}
	}
	work := status.Config{Providers: pipeline.Defaults, Quotas: pipeline.DefaultQuotas, Tiers: parsed}
	return console.Config{Opts: kc.Opts(), Names: names, AllowReplay: c.allowReplay, Token: token,
		ParkAfter: c.parkAfter, FirstTier: parsed[0], Status: work, Logger: newLogger()}, nil
}

// brokerConfig builds the console's config for the brokers kf names.
func (c *consoleFlags) brokerConfig(kf *kafkaFlags, tiers string) (console.Config, error) {
	kc, err := kf.config("leadgen-console")
	if err != nil {
		return console.Config{}, err
	}
	return c.config(kc, kf.names(), tiers)
}

// serve runs the console until ctx ends and prints its URL to out.
func (c *consoleFlags) serve(ctx context.Context, cfg console.Config, out io.Writer) error {
	srv, err := console.New(cfg)
	if err != nil {
		return err
	}
	return console.Serve(ctx, c.listen, srv.Handler(), func(a net.Addr) {
		mode := "read-only"
		if cfg.AllowReplay {
			mode = "replay allowed"
		}
		fmt.Fprintf(out, "leadgen console: http://%s/ (%s)\n", a, mode)
	})
}

// withoutConsole takes the console role out of a --roles list and says
// whether it was there.
func withoutConsole(roles string) (string, bool) {
	parts := strings.Split(roles, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	had := slices.Contains(parts, roleConsole)
	parts = slices.DeleteFunc(parts, func(r string) bool { return r == roleConsole })
	return strings.Join(parts, ","), had
}

func newConsole() *cobra.Command {
	var kf kafkaFlags
	var cf consoleFlags
	cmd := leaf("console", "Serve the web console: leads, provider health and dead letters (read-only unless --allow-replay)", func(cmd *cobra.Command) error {
		cfg, err := cf.brokerConfig(&kf, cf.tiers)
		if err != nil {
			return err
		}
		return cf.serve(cmd.Context(), cfg, cmd.ErrOrStderr())
	})
	cmd.Long = "Serves a small web UI on --listen. It reads the leads, the provider-health and\n" +
		"the dead-letter topics on each page, so it needs only the brokers. Set\n" +
		tokenEnv + " (or " + tokenEnv + "_FILE) to require a token, as a bearer\n" +
		"token or the password of basic auth."
	kf.add(cmd)
	cf.add(cmd, "listen", "127.0.0.1:8080", "address the console listens on, host:port")
	cmd.Flags().StringVar(&cf.tiers, "retry-tiers", "10s,1m,10m", "retry delay tiers, comma-separated; replays go to the first")
	return cmd
}
