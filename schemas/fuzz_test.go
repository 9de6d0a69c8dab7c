package schemas

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
)

// checkDecodeAny asserts what must hold for any bytes handed to c's
// decoder: a *DecodeError and no value, or a value that re-encodes to
// bytes which decode to the same value again. Bytes are compared, not
// values, because a fuzzed float may be NaN, which equals nothing.
func checkDecodeAny(t *testing.T, c recordCase, b []byte) {
	v, err := c.decode(b)
	if err != nil {
		var de *DecodeError
		if !errors.As(err, &de) || de.Record != c.record {
			t.Fatalf("error %v is not a *DecodeError for %s", err, c.record)
		}
		return
	}
	once, err := c.encode(v)
	if err != nil {
		t.Fatalf("re-encode a decoded %s: %v", c.record, err)
	}
	again, err := c.decode(once)
	if err != nil {
		t.Fatalf("re-decode a re-encoded %s: %v", c.record, err)
	}
	twice, err := c.encode(again)
	if err != nil || !bytes.Equal(once, twice) {
		t.Fatalf("%s changed through a round trip: %v\n once %x\ntwice %x", c.record, err, once, twice)
	}
}

// addSeeds seeds f with c's sample, its golden file of every released
// version, and the sample cut at the header and one byte short.
func addSeeds(f *testing.F, c recordCase, sample any) {
	valid, err := c.encode(sample)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{valid, valid[:10], valid[:len(valid)-1], {0xC3, 0x01}, nil} {
		f.Add(seed)
	}
	for _, w := range c.codec.history {
		if b, err := os.ReadFile(fmt.Sprintf("testdata/%s.v%d.bin", c.record, w.version)); err == nil {
			f.Add(b)
		}
	}
}

func FuzzDecodeDiscoveryResult(f *testing.F) {
	addSeeds(f, resultCase, fullResult())
	f.Fuzz(func(t *testing.T, b []byte) { checkDecodeAny(t, resultCase, b) })
}

func FuzzDecodeEnrichedLead(f *testing.F) {
	addSeeds(f, leadCase, fullLead())
	f.Fuzz(func(t *testing.T, b []byte) { checkDecodeAny(t, leadCase, b) })
}

// header is the single-object header of c's current schema.
func header(t *testing.T, c recordCase, sample any) []byte {
	t.Helper()
	b, err := c.encode(sample)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Clone(b[:10])
}

// claimLength is an Avro long (zig-zag varint) announcing n items or bytes.
func claimLength(n int64) []byte { return binary.AppendVarint(nil, n) }

// cat joins parts into a new slice, so no two test inputs share memory.
func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestOversizedRecordsDecodeWholeOrFailAsCorrupt(t *testing.T) {
	big := strings.Repeat("ACME WIDGETS ", (2<<20)/13)
	huge := fullRequest()
	huge.CompanyName = big
	hugeBytes, err := EncodeCompanyRequest(huge)
	if err != nil {
		t.Fatal(err)
	}
	if len(hugeBytes) < 2<<20 {
		t.Fatalf("the oversized request is only %d bytes", len(hugeBytes))
	}
	reqHeader, resHeader := header(t, requestCase, fullRequest()), header(t, resultCase, fullResult())
	tests := []struct {
		name  string
		c     recordCase
		in    []byte
		class DecodeClass // "" when the record decodes
	}{
		{"a 2 MB company request decodes whole", requestCase, hugeBytes, ""},
		{"a 2 MB company request cut in the middle of its name is corrupt", requestCase, hugeBytes[:1<<20], CorruptDatum},
		{"a request id claiming 1 GiB in a few bytes is corrupt, not an allocation", requestCase,
			cat(reqHeader, claimLength(1<<30)), CorruptDatum},
		{"a request id claiming a negative length is corrupt", requestCase, cat(reqHeader, claimLength(-5)), CorruptDatum},
		{"2 MB of trailing bytes after a valid request are corrupt", requestCase, cat(hugeBytes, make([]byte, 2<<20)), CorruptDatum},
		// A million claimed items is as far as this test dares: goavro
		// reserves room for every claimed item before reading one, see
		// TestABlockCountOfTwoBillionDoesNotExhaustMemory.
		{"an executives array claiming a million items in a few bytes is corrupt", resultCase,
			cat(resHeader, claimLength(1), []byte("r"), claimLength(1), []byte("p"), claimLength(0), claimLength(0), claimLength(1<<20)), CorruptDatum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := tt.c.decode(tt.in)
			if tt.class == "" {
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if r := v.(*CompanyRequest); r.CompanyName != big {
					t.Fatalf("name of %d bytes came back as %d", len(big), len(r.CompanyName))
				}
				return
			}
			var de *DecodeError
			if !errors.As(err, &de) || de.Class != tt.class {
				t.Fatalf("got %v; want a %s DecodeError", err, tt.class)
			}
			if len(err.Error()) > 1000 {
				t.Fatalf("the error quotes the input: %d bytes", len(err.Error()))
			}
		})
	}
}

func TestARecordOfAnotherSchemaIsAnUnknownFingerprintNamingIt(t *testing.T) {
	all := samples()
	for _, writer := range topLevel {
		for _, reader := range topLevel {
			if writer.record == reader.record {
				continue
			}
			t.Run(fmt.Sprintf("a %s handed to the %s reader", writer.record, reader.record), func(t *testing.T) {
				b, err := writer.encode(all[writer.record])
				if err != nil {
					t.Fatal(err)
				}
				_, err = reader.decode(b)
				var de *DecodeError
				want := fmt.Sprintf("is a %s, not a %s", writer.record, reader.record)
				if !errors.As(err, &de) || de.Class != UnknownFingerprint || !strings.Contains(err.Error(), want) {
					t.Fatalf("got %v; want unknown_fingerprint saying %q", err, want)
				}
			})
		}
	}
}

// TestABlockCountOfTwoBillionDoesNotExhaustMemory pins a crash the fuzz
// suite found: goavro (array.go:63) reserves capacity for an array block's
// claimed item count before reading any item, so a CompanyRequest of a few
// bytes claiming 2^31-1 providers makes DecodeCompanyRequest allocate 32 GiB
// and the Go runtime abort the worker with "out of memory" (not a panic; no
// recover helps), and again on every restart, as the record is never
// committed. The schemas package must bound goavro.MaxBlockCount (a block
// cannot hold more items than bytes remain, as every item of leadgen's
// arrays takes at least one byte) before this test may run.
func TestABlockCountOfTwoBillionDoesNotExhaustMemory(t *testing.T) {
	// Regression: goavro sized a slice from this claimed count before
	// reading an item, and the process died of an out-of-memory.
	poison := cat(header(t, requestCase, fullRequest()), claimLength(0), claimLength(0), claimLength(0), claimLength(0), claimLength(1<<31-1))
	var de *DecodeError
	if _, err := DecodeCompanyRequest(poison); !errors.As(err, &de) || de.Class != CorruptDatum {
		t.Fatalf("got %v; want a corrupt_datum DecodeError", err)
	}
}
