package settings

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// File is a leadgen configuration file, YAML: top-level keys are flag
// names of the command (brokers, retry-tiers, …) and the providers block
// holds per-provider settings:
//
//	brokers: kafka-1:9092,kafka-2:9092
//	retry-tiers: 10s,1m,10m
//	providers:
//	  x:
//	    timeout: 20s
//	    quota: 300/15m
//	  linkedin:
//	    version: "202611"
//
// A list is the flag's comma-separated value. Credentials do not belong
// here: they come from the environment or from files named by
// <NAME>_FILE.
type File struct {
	// Path is where the file was read from.
	Path string
	// Flags are the top-level values, by flag name.
	Flags map[string]string
	// Providers are the providers block, by provider and key.
	Providers map[string]map[string]string
}

// Load reads the configuration file at path.
func Load(path string) (*File, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("configuration file: %w", err)
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("configuration file %s: %w", path, err)
	}
	f.Path = path
	return f, nil
}

// Parse reads a configuration file's text; an empty text is an empty file.
func Parse(text []byte) (*File, error) {
	var doc struct {
		Providers map[string]map[string]yaml.Node `yaml:"providers"`
		Rest      map[string]yaml.Node            `yaml:",inline"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	f := &File{Flags: map[string]string{}, Providers: map[string]map[string]string{}}
	for key, n := range doc.Rest {
		v, err := scalarOrList(n)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		f.Flags[key] = v
	}
	for name, values := range doc.Providers {
		f.Providers[name] = map[string]string{}
		for key, n := range values {
			v, err := scalarOrList(n)
			if err != nil {
				return nil, fmt.Errorf("providers.%s.%s: %w", name, key, err)
			}
			f.Providers[name][key] = v
		}
	}
	return f, nil
}

// scalarOrList is a scalar's text, or a list of scalars joined by commas.
func scalarOrList(n yaml.Node) (string, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value, nil
	case yaml.SequenceNode:
		var items []string
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return "", fmt.Errorf("line %d: a list of lists or maps is no flag value", c.Line)
			}
			items = append(items, c.Value)
		}
		return strings.Join(items, ","), nil
	}
	return "", fmt.Errorf("line %d: want a value or a list of values", n.Line)
}

// provider is the file's block for one provider (nil for no file).
func (f *File) provider(name string) map[string]string {
	if f == nil {
		return nil
	}
	return f.Providers[name]
}

func (f *File) providers() map[string]map[string]string {
	if f == nil {
		return nil
	}
	return f.Providers
}
