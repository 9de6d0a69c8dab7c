package kclient

import "log/slog"

// redacted is what a Secret prints as.
const redacted = "[redacted]"

// Secret is a credential. It prints, logs and marshals as "[redacted]"
// (empty when unset), so formatting a Config, or any struct holding one,
// never shows it; convert with string() at the one place the value is
// needed.
type Secret string

// String returns "[redacted]", or "" for an empty Secret.
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString keeps %#v from printing the value.
func (s Secret) GoString() string { return `"` + s.String() + `"` }

// LogValue keeps slog from logging the value.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText keeps encoding/json and friends from writing the value.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
