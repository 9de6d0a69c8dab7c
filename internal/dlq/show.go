package dlq

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/schemas"
)

// previewBytes is how much of an undecodable value show prints: enough to
// recognise a format (JSON, text, a wrong magic byte) without flooding.
const previewBytes = 64

// Sample keeps the first Limit letters by partition and offset (all when
// Limit is 0) and counts every letter offered, so show can say how many it
// left out. Partitions are read concurrently; keeping Limit per partition
// and cutting after sorting makes the choice independent of fetch order.
type Sample struct {
	Limit  int
	Total  int
	byPart map[int32][]Letter
}

// Add offers l.
func (s *Sample) Add(l Letter) {
	s.Total++
	if s.byPart == nil {
		s.byPart = map[int32][]Letter{}
	}
	if s.Limit == 0 || len(s.byPart[l.Partition]) < s.Limit {
		s.byPart[l.Partition] = append(s.byPart[l.Partition], l)
	}
}

// Letters returns the kept letters ordered by partition, then offset.
func (s *Sample) Letters() []Letter {
	var out []Letter
	for _, ls := range s.byPart {
		out = append(out, ls...)
	}
	sortLetters(out)
	if s.Limit > 0 && len(out) > s.Limit {
		out = out[:s.Limit]
	}
	return out
}

func sortLetters(ls []Letter) {
	slices.SortFunc(ls, func(a, b Letter) int {
		return cmp.Or(cmp.Compare(a.Partition, b.Partition), cmp.Compare(a.Offset, b.Offset))
	})
}

// WriteLetters prints letters with their decoded values and every header:
// a block per letter, or JSON lines.
func WriteLetters(w io.Writer, letters []Letter, format Format) error {
	for _, l := range letters {
		if err := writeLetter(w, l, format); err != nil {
			return fmt.Errorf("write offset %d: %w", l.Offset, err)
		}
	}
	return nil
}

func writeLetter(w io.Writer, l Letter, format Format) error {
	if format == JSON {
		return json.NewEncoder(w).Encode(view(l))
	}
	v := view(l)
	var b strings.Builder
	fmt.Fprintf(&b, "partition %d offset %d  key %s  at %s\n", l.Partition, l.Offset, v.Key, stamp(l.Timestamp))
	fmt.Fprintf(&b, "  provider %s  class %s  attempt %d  replays %d  first failed %s\n",
		orDash(l.Provider), orDash(string(l.Class)), l.Attempt, l.ReplayCount, stamp(l.FirstFailedAt))
	fmt.Fprintf(&b, "  original %s[%d] offset %d\n", orDash(l.OriginalTopic), l.OriginalPartition, l.OriginalOffset)
	if l.Status.State != "" {
		fmt.Fprintf(&b, "  state    %s\n", describe(l.Status))
	}
	if l.Message != "" {
		fmt.Fprintf(&b, "  message  %s\n", l.Message)
	}
	writeValue(&b, v)
	b.WriteString("  headers\n")
	for _, h := range v.Headers {
		fmt.Fprintf(&b, "    %s: %s\n", h.Key, h.Value)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeValue(b *strings.Builder, v letterView) {
	switch {
	case v.Request != nil:
		j, _ := json.Marshal(v.Request)
		fmt.Fprintf(b, "  value    %s\n", j)
	case v.Result != nil:
		j, _ := json.Marshal(v.Result)
		fmt.Fprintf(b, "  value    %s\n", j)
	default:
		fmt.Fprintf(b, "  value    undecodable: %s\n", v.Undecodable)
		fmt.Fprintf(b, "  preview  %s\n  hex      %s\n", v.Preview, v.PreviewHex)
	}
}

// letterView is the printed form of a Letter.
type letterView struct {
	Partition         int32          `json:"partition"`
	Offset            int64          `json:"offset"`
	Timestamp         time.Time      `json:"timestamp"`
	Key               string         `json:"key"`
	Provider          string         `json:"provider"`
	Class             string         `json:"error_class"`
	Attempt           int            `json:"attempt"`
	Message           string         `json:"error_message,omitempty"`
	FirstFailedAt     string         `json:"first_failed_at,omitempty"`
	OriginalTopic     string         `json:"original_topic,omitempty"`
	OriginalPartition int32          `json:"original_partition"`
	OriginalOffset    int64          `json:"original_offset"`
	ReplayCount       int            `json:"replay_count"`
	Status            *Status        `json:"status,omitempty"`
	Request           map[string]any `json:"request,omitempty"`
	Result            map[string]any `json:"result,omitempty"`
	Undecodable       string         `json:"undecodable,omitempty"`
	Preview           string         `json:"preview,omitempty"`
	PreviewHex        string         `json:"preview_hex,omitempty"`
	Headers           []headerView   `json:"headers"`
}

type headerView struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

func view(l Letter) letterView {
	v := letterView{
		Partition: l.Partition, Offset: l.Offset, Timestamp: l.Timestamp, Key: printable(l.Key),
		Provider: l.Provider, Class: string(l.Class), Attempt: l.Attempt, Message: l.Message,
		OriginalTopic: l.OriginalTopic, OriginalPartition: l.OriginalPartition, OriginalOffset: l.OriginalOffset,
		ReplayCount: l.ReplayCount, Headers: []headerView{},
	}
	if !l.FirstFailedAt.IsZero() {
		v.FirstFailedAt = stamp(l.FirstFailedAt)
	}
	if l.Status.State != "" {
		v.Status = &l.Status
	}
	// The values print as their schemas' JSON view: every field under its
	// Avro name, arrays never null, as a team copying the shape must
	// write them.
	if l.Request != nil {
		v.Request = schemas.CompanyRequestJSON(l.Request)
	}
	if l.Result != nil {
		v.Result = schemas.DiscoveryResultJSON(l.Result)
	}
	if l.DecodeErr != nil {
		v.Undecodable, v.Preview, v.PreviewHex = undecodable(l)
	}
	for _, h := range l.Headers {
		v.Headers = append(v.Headers, headerView{h.Key, printable(h.Value)})
	}
	return v
}

// undecodable explains a value that did not decode and previews its first
// bytes, escaped and in hex.
func undecodable(l Letter) (why, preview, hexed string) {
	why = l.DecodeErr.Error()
	var de *schemas.DecodeError
	if errors.As(l.DecodeErr, &de) {
		why = fmt.Sprintf("%s: %v", de.Class, de.Err)
	}
	head, more := l.Value, ""
	if len(head) > previewBytes {
		head, more = head[:previewBytes], fmt.Sprintf(" (%d more bytes)", len(l.Value)-previewBytes)
	}
	return why, strconv.Quote(string(head)) + more, fmt.Sprintf("% x", head) + more
}

// describe says where a letter stands, with its lineage: "refailed after
// replay 20261206T071500Z-1a2b3c4d (replays 1), carried on by 0/17".
func describe(st Status) string {
	out := string(st.State)
	if st.ReplayID != "" {
		out += " by replay " + st.ReplayID
	}
	out += fmt.Sprintf(" (replays %d)", st.Replays)
	if !st.ResolvedAt.IsZero() {
		out += " resolved at " + stamp(st.ResolvedAt)
	}
	if st.Prev != nil {
		out += ", a replay of " + st.Prev.String()
	}
	if st.Next != nil {
		out += ", carried on by " + st.Next.String()
	}
	return out
}
