package dataset

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"
)

// handWrittenYAML holds the companies written out by hand: the ones that
// mirror shared/fixtures, and the ones that hold the name variants the
// downstream dedupe must cope with. Tests look them up by number.
//
//go:embed handwritten.yaml
var handWrittenYAML []byte

// handWritten returns the hand-written companies, read once and shared:
// callers must not change them. The file is compiled in and its test
// reads it, so a file that does not read is a broken build, not a state
// to run in.
var handWritten = sync.OnceValue(func() []Company {
	cs, err := parseCompanies(handWrittenYAML)
	if err != nil {
		panic(fmt.Sprintf("sandbox dataset handwritten.yaml: %v", err))
	}
	return cs
})

// parseCompanies reads a list of companies, refusing members it does not
// know, and checks every one; an error names the company at fault.
func parseCompanies(text []byte) ([]Company, error) {
	var cs []Company
	dec := yaml.NewDecoder(bytes.NewReader(text))
	dec.KnownFields(true)
	if err := dec.Decode(&cs); err != nil {
		return nil, fmt.Errorf("decode companies: %w", err)
	}
	var errs []error
	numbers := map[string]bool{}
	for i, c := range cs {
		if err := c.validate(); err != nil {
			errs = append(errs, fmt.Errorf("company %d (%s %s): %w", i+1, c.Number, c.Name, err))
		}
		if numbers[c.Number] {
			errs = append(errs, fmt.Errorf("company %d (%s %s): number used twice", i+1, c.Number, c.Name))
		}
		numbers[c.Number] = true
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return cs, nil
}
