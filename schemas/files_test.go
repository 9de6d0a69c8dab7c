package schemas

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

func TestSchema(t *testing.T) {
	tests := []struct {
		name string
		in   string
		file string // "" when the lookup must fail
	}{
		{"a record name returns its file", "EnrichedLead", "EnrichedLead.avsc"},
		{"a file name is accepted too", "Executive.avsc", "Executive.avsc"},
		{"an unknown record is not found", "Lead", ""},
		{"a history file is not a current schema", "history/CompanyRequest.v1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Schema(tt.in)
			if tt.file == "" {
				if !errors.Is(err, fs.ErrNotExist) {
					t.Fatalf("got %d bytes, %v; want fs.ErrNotExist", len(got), err)
				}
				return
			}
			want, rerr := os.ReadFile(tt.file)
			if err != nil || rerr != nil || got != string(want) {
				t.Errorf("Schema(%q) differs from %s: %v %v", tt.in, tt.file, err, rerr)
			}
		})
	}
}
