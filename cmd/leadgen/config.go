package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/leadgen/leadgen/internal/settings"
	"github.com/leadgen/leadgen/processors/registry"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// configFlag names the configuration file (see settings.File); every
// command takes it, LEADGEN_CONFIG too.
const configFlag = "config"

// configKey carries the loaded configuration file in a command's context.
type configKey struct{}

// applyConfig loads the configuration file the command names, sets each
// of the command's flags that neither the command line nor the
// environment set from it, and keeps the file in the command's context
// for the provider settings (see configOf). A key no command has is an
// error; a key only other commands have is left to them, so one file can
// serve every command.
func applyConfig(cmd *cobra.Command) error {
	path, _ := cmd.Flags().GetString(configFlag)
	if path == "" {
		return nil
	}
	f, err := settings.Load(path)
	if err != nil {
		return usageError{err}
	}
	known := flagNames(cmd.Root())
	var errs []error
	for _, key := range sortedKeys(f.Flags) {
		fl := cmd.Flags().Lookup(key)
		switch {
		case !known[key]:
			errs = append(errs, fmt.Errorf("%s: %q is no flag of any leadgen command", path, key))
		case fl == nil || fl.Changed || key == configFlag:
		default:
			if _, set := os.LookupEnv(EnvName(key)); !set {
				errs = append(errs, setFromFile(fl, f.Flags[key], path))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return usageError{err}
	}
	cmd.SetContext(context.WithValue(cmd.Context(), configKey{}, f))
	return nil
}

// setFromFile sets a flag to the file's value; a list flag takes the
// comma-separated items as its whole list.
func setFromFile(fl *pflag.Flag, value, path string) error {
	var err error
	if sv, ok := fl.Value.(pflag.SliceValue); ok {
		err = sv.Replace(strings.Split(value, ","))
	} else {
		err = fl.Value.Set(value)
	}
	if err != nil {
		return fmt.Errorf("%s: %s %q: %v", path, fl.Name, value, err)
	}
	return nil
}

// configOf is the configuration file applyConfig loaded, nil for none.
func configOf(ctx context.Context) *settings.File {
	f, _ := ctx.Value(configKey{}).(*settings.File)
	return f
}

// flagNames are the flags of every command under root.
func flagNames(root *cobra.Command) map[string]bool {
	out := map[string]bool{}
	walk(root, func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { out[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { out[f.Name] = true })
	})
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// providerSettings reads --provider-setting NAME.KEY=VALUE values and,
// with the configuration file, makes the providers' settings source,
// checked against the registry.
func providerSettings(ctx context.Context, values []string) (*settings.Source, error) {
	src := &settings.Source{Flags: map[string]map[string]string{}, File: configOf(ctx)}
	for _, v := range values {
		name, rest, ok1 := strings.Cut(v, ".")
		key, value, ok2 := strings.Cut(rest, "=")
		if !ok1 || !ok2 || name == "" || key == "" {
			return nil, usagef("--provider-setting %q: want NAME.KEY=VALUE, e.g. x.timeout=20s", v)
		}
		if src.Flags[name] == nil {
			src.Flags[name] = map[string]string{}
		}
		src.Flags[name][key] = value
	}
	if err := src.Check(registry.All()); err != nil {
		return nil, usageError{err}
	}
	return src, nil
}
