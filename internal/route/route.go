// Package route builds the copies of input records that leadgen sends to
// retry, fallback and dead-letter topics, with the headers of DESIGN §6.
// The original key, value bytes and headers always travel unchanged; each
// leadgen header holds one current value, so headers do not grow per hop.
package route

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/failure"
	"github.com/twmb/franz-go/pkg/kgo"
)

// The header names of DESIGN §6.
const (
	HeaderProvider          = "leadgen.provider"
	HeaderAttempt           = "leadgen.attempt"
	HeaderErrorClass        = "leadgen.error.class"
	HeaderErrorMessage      = "leadgen.error.message"
	HeaderOriginalTopic     = "leadgen.original.topic"
	HeaderOriginalPartition = "leadgen.original.partition"
	HeaderOriginalOffset    = "leadgen.original.offset"
	HeaderFirstFailedAt     = "leadgen.first.failed.at"
	HeaderDueAt             = "leadgen.due.at"
	HeaderReplayCount       = "leadgen.replay.count"
	// HeaderReplayID names the `dlq replay` run that sent a record back,
	// and HeaderReplayOf the dead letter it copied ("partition/offset"):
	// the replay lineage, kept through every later route.
	HeaderReplayID = "leadgen.replay.id"
	HeaderReplayOf = "leadgen.replay.of"
)

// DueFormat is RFC 3339 with milliseconds: whole seconds would round a due
// time down and let a retry fire up to a second early.
const DueFormat = "2006-01-02T15:04:05.000Z07:00"

// FormatDue writes a due time rounded up to the millisecond, so a retry
// never fires before it.
func FormatDue(t time.Time) string {
	if r := t.Truncate(time.Millisecond); r.Before(t) {
		t = r.Add(time.Millisecond)
	}
	return t.UTC().Format(DueFormat)
}

// MaxMessage is the longest error message a header carries.
const MaxMessage = 512

// Failure describes why a record is being routed.
type Failure struct {
	Provider string
	// Attempt is 1-based: the attempt that just failed.
	Attempt int
	Class   failure.Class
	Err     error
	// DueAt is set on retry records: when the retry may run.
	DueAt time.Time
	// FromInput says src was read from the input topic: this is its first
	// failure, so src itself is the origin, and any leadgen header it
	// carries was written by its producer, not by leadgen, and is dropped
	// rather than trusted (a forged leadgen.original.offset would point
	// operators at the wrong record).
	FromInput bool
}

// Record returns a copy of src bound for topic dst, carrying f in headers.
// The first failure's origin (topic, partition, offset, time) is kept from
// src when src is itself a routed record (not f.FromInput).
func Record(src *kgo.Record, dst string, f Failure, now time.Time) *kgo.Record {
	out := &kgo.Record{Topic: dst, Key: src.Key, Value: src.Value}
	origin := map[string]string{
		HeaderOriginalTopic:     src.Topic,
		HeaderOriginalPartition: strconv.Itoa(int(src.Partition)),
		HeaderOriginalOffset:    strconv.FormatInt(src.Offset, 10),
		HeaderFirstFailedAt:     now.UTC().Format(time.RFC3339),
	}
	for _, h := range src.Headers {
		if f.FromInput && isRoutingHeader(h.Key) {
			continue
		}
		if _, keep := origin[h.Key]; keep {
			origin[h.Key] = string(h.Value)
			continue
		}
		if !isRoutingHeader(h.Key) || isLineageHeader(h.Key) {
			out.Headers = append(out.Headers, h)
		}
	}
	set := func(k, v string) { out.Headers = append(out.Headers, kgo.RecordHeader{Key: k, Value: []byte(v)}) }
	for _, k := range []string{HeaderOriginalTopic, HeaderOriginalPartition, HeaderOriginalOffset, HeaderFirstFailedAt} {
		set(k, origin[k])
	}
	set(HeaderProvider, f.Provider)
	set(HeaderAttempt, strconv.Itoa(f.Attempt))
	set(HeaderErrorClass, string(f.Class))
	if f.Err != nil {
		set(HeaderErrorMessage, Message(f.Err))
	}
	if !f.DueAt.IsZero() {
		set(HeaderDueAt, FormatDue(f.DueAt))
	}
	return out
}

func isRoutingHeader(k string) bool { return strings.HasPrefix(k, "leadgen.") }

// isLineageHeader says whether k records a replay, which travels with the
// record through every later route.
func isLineageHeader(k string) bool {
	return k == HeaderReplayCount || k == HeaderReplayID || k == HeaderReplayOf
}

// Header returns the value of header k on r, or "".
func Header(r *kgo.Record, k string) string {
	for _, h := range r.Headers {
		if h.Key == k {
			return string(h.Value)
		}
	}
	return ""
}

var secretPatterns = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(api_token|access_token|appsecret_proof|token|key|password|secret)=[^&\s"]+`),
	regexp.MustCompile(`(?i)(bearer|basic|token)\s+[A-Za-z0-9._~+/=-]+`),
	regexp.MustCompile(`(?i)"?(api[_-]?key|x-api-key|access_token|token|secret|password)"?\s*:\s*"?[^"&\s,}]+`),
	regexp.MustCompile(`//[^/@\s]+:[^/@\s]*@`),
}

// Message renders err for a header or a record: secrets in query strings,
// authorization values and URL user info are scrubbed, and the text is cut
// to MaxMessage bytes on a rune boundary.
func Message(err error) string {
	s := err.Error()
	for _, re := range secretPatterns {
		s = re.ReplaceAllStringFunc(s, scrubOne)
	}
	if len(s) > MaxMessage {
		cut := MaxMessage
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

func scrubOne(m string) string {
	switch {
	case strings.HasPrefix(m, "//"):
		return "//REDACTED@"
	case strings.Contains(m, "="):
		return m[:strings.Index(m, "=")+1] + "REDACTED"
	case strings.Contains(m, ":"):
		return m[:strings.Index(m, ":")+1] + "REDACTED"
	default:
		return m[:strings.IndexAny(m, " \t")+1] + "REDACTED"
	}
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// Replay returns a copy of a dead-lettered record bound for dst (the first
// retry tier of its provider), due now, with leadgen.replay.count one
// higher, leadgen.replay.id the replay run's id and leadgen.replay.of the
// letter's own partition/offset. Every other header is kept, so the
// record's history travels on.
func Replay(src *kgo.Record, dst string, now time.Time, id string) *kgo.Record {
	out := &kgo.Record{Topic: dst, Key: src.Key, Value: src.Value}
	count := 0
	for _, h := range src.Headers {
		switch h.Key {
		case HeaderReplayCount:
			count, _ = strconv.Atoi(string(h.Value))
		case HeaderDueAt, HeaderReplayID, HeaderReplayOf:
		default:
			out.Headers = append(out.Headers, h)
		}
	}
	set := func(k, v string) { out.Headers = append(out.Headers, kgo.RecordHeader{Key: k, Value: []byte(v)}) }
	set(HeaderDueAt, FormatDue(now))
	set(HeaderReplayCount, strconv.Itoa(count+1))
	set(HeaderReplayID, id)
	set(HeaderReplayOf, fmt.Sprintf("%d/%d", src.Partition, src.Offset))
	return out
}
