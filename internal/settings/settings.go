// Package settings resolves the per-provider settings of leadgen from
// their sources, in order of precedence: the command line
// (--provider-setting NAME.KEY=VALUE), the environment
// (LEADGEN_<NAME>_<KEY>), a configuration file (providers.NAME.KEY, see
// File) and the default the provider's Spec declares.
//
// Every provider has the Common settings; a provider declares its own in
// its Spec's Settings. A setting named anywhere for a provider that lacks
// it, or for a provider the registry lacks, is an error, so a typo is
// caught when the process starts.
package settings

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/processors/provider"
)

// The settings every provider has.
const (
	// Timeout bounds one lookup's calls to the API.
	Timeout = "timeout"
	// Quota is the API's rate limit for one credential, CALLS/PERIOD.
	Quota = "quota"
)

// Common are the settings every provider has; their defaults come from
// the Spec (Spec.Timeout, Spec.Quota).
var Common = []provider.Setting{
	{Key: Timeout, Usage: "time limit of one lookup's calls to the API"},
	{Key: Quota, Usage: "the API's rate limit for one credential, CALLS/PERIOD (e.g. 600/5m); 0/0 for none"},
}

// Source is where settings come from besides the Specs' defaults.
type Source struct {
	// Flags are the --provider-setting values, by provider and key.
	Flags map[string]map[string]string
	// File is the configuration file, nil when none is given.
	File *File
	// Getenv reads the environment (os.Getenv when nil).
	Getenv func(string) string
}

// EnvName is the environment variable of a provider's setting:
// LEADGEN_<NAME>_<KEY> in upper snake case, e.g. LEADGEN_X_TIMEOUT.
func EnvName(provider, key string) string {
	return "LEADGEN_" + upperSnake(provider) + "_" + upperSnake(key)
}

func upperSnake(s string) string { return strings.ToUpper(strings.ReplaceAll(s, "-", "_")) }

// Lookup returns the value of spec's setting key from the first source
// that gives one, else the default the Spec declares ("" for the Common
// settings, whose defaults are typed: see TimeoutOf and QuotaOf).
func (s *Source) Lookup(spec provider.Spec, key string) string {
	if v, ok := s.flags(spec.Name)[key]; ok {
		return v
	}
	if v := s.getenv(EnvName(spec.Name, key)); v != "" {
		return v
	}
	if v, ok := s.file().provider(spec.Name)[key]; ok {
		return v
	}
	if i := slices.IndexFunc(spec.Settings, func(d provider.Setting) bool { return d.Key == key }); i >= 0 {
		return spec.Settings[i].Default
	}
	return ""
}

func (s *Source) flags(name string) map[string]string {
	if s == nil {
		return nil
	}
	return s.Flags[name]
}

func (s *Source) file() *File {
	if s == nil {
		return nil
	}
	return s.File
}

func (s *Source) getenv(name string) string {
	if s == nil || s.Getenv == nil {
		return os.Getenv(name)
	}
	return s.Getenv(name)
}

// TimeoutOf is the provider's timeout setting, else Spec.Timeout.
func (s *Source) TimeoutOf(spec provider.Spec) (time.Duration, error) {
	raw := s.Lookup(spec, Timeout)
	if raw == "" {
		return spec.Timeout, nil
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s timeout %q: want a positive duration such as 10s", spec.Name, raw)
	}
	return d, nil
}

// QuotaOf is the provider's quota setting, else Spec.Quota; found says
// whether a source set it.
func (s *Source) QuotaOf(spec provider.Spec) (q provider.Quota, found bool, err error) {
	raw := s.Lookup(spec, Quota)
	if raw == "" {
		return spec.Quota, false, nil
	}
	q, err = ParseQuota(raw)
	if err != nil {
		return provider.Quota{}, false, fmt.Errorf("%s quota: %w", spec.Name, err)
	}
	q.Key, q.Daily, q.Source = spec.Quota.Key, spec.Quota.Daily, "set by the operator"
	return q, true, nil
}

// ParseQuota reads CALLS/PERIOD ("600/5m", "50/24h"), at least 2 calls
// (the limiter paces one call per period/calls); "0/0" is no quota.
func ParseQuota(raw string) (provider.Quota, error) {
	calls, period, ok := strings.Cut(strings.TrimSpace(raw), "/")
	n, errN := strconv.Atoi(calls)
	d, errD := time.ParseDuration(period)
	if period == "0" {
		d, errD = 0, nil
	}
	switch {
	case !ok:
		return provider.Quota{}, fmt.Errorf("%q: want CALLS/PERIOD such as 600/5m", raw)
	case errN != nil:
		return provider.Quota{}, fmt.Errorf("calls %q: want a whole number of at least 2 (0/0 for no quota)", calls)
	case errD != nil:
		return provider.Quota{}, fmt.Errorf("period %q: want a duration such as 5m", period)
	case n == 0 && d == 0:
	case n < 2:
		return provider.Quota{}, fmt.Errorf("calls %q: want a whole number of at least 2 (0/0 for no quota)", calls)
	case d <= 0:
		return provider.Quota{}, fmt.Errorf("period %q: want a duration such as 5m", period)
	}
	return provider.Quota{Calls: n, Period: d}, nil
}

// Check reports every setting named for a provider the specs lack, or
// that its provider does not have.
func (s *Source) Check(specs []provider.Spec) error {
	var errs []string
	if s == nil {
		return nil
	}
	for _, named := range []map[string]map[string]string{s.Flags, s.File.providers()} {
		for name, values := range named {
			spec, ok := find(specs, name)
			if !ok {
				errs = append(errs, fmt.Sprintf("no provider %q (known: %s)", name, strings.Join(names(specs), ", ")))
				continue
			}
			for key, value := range values {
				if err := check(spec, key, value); err != nil {
					errs = append(errs, err.Error())
				}
			}
		}
	}
	if len(errs) > 0 {
		slices.Sort(errs)
		return fmt.Errorf("%s", strings.Join(slices.Compact(errs), "; "))
	}
	return nil
}

// check reports a setting spec lacks, or a timeout or quota that does
// not parse.
func check(spec provider.Spec, key, value string) error {
	var err error
	switch {
	case !Has(spec, key):
		return fmt.Errorf("provider %s has no setting %q (it has %s)", spec.Name, key, strings.Join(Keys(spec), ", "))
	case key == Timeout:
		_, err = (&Source{Flags: map[string]map[string]string{spec.Name: {key: value}}}).TimeoutOf(spec)
	case key == Quota:
		_, _, err = (&Source{Flags: map[string]map[string]string{spec.Name: {key: value}}}).QuotaOf(spec)
	}
	return err
}

// All are spec's settings: the Common ones it has, then its own. A
// provider that shares another's quota (Quota.Key) or reads many sites
// rather than one API (OwnClient) has no quota of its own.
func All(spec provider.Spec) []provider.Setting {
	var out []provider.Setting
	for _, d := range Common {
		if d.Key != Quota || (!spec.OwnClient && spec.LimiterKey() == spec.Name) {
			out = append(out, d)
		}
	}
	return append(out, spec.Settings...)
}

// Keys are the keys of All(spec).
func Keys(spec provider.Spec) []string {
	var out []string
	for _, d := range All(spec) {
		out = append(out, d.Key)
	}
	return out
}

// Has reports whether spec has the setting key.
func Has(spec provider.Spec, key string) bool { return slices.Contains(Keys(spec), key) }

func find(specs []provider.Spec, name string) (provider.Spec, bool) {
	i := slices.IndexFunc(specs, func(s provider.Spec) bool { return s.Name == name })
	if i < 0 {
		return provider.Spec{}, false
	}
	return specs[i], true
}

func names(specs []provider.Spec) []string {
	var out []string
	for _, s := range specs {
		out = append(out, s.Name)
	}
	return out
}
