package requestfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/leadgen/leadgen/internal/requestcheck"
)

// maxLineBytes bounds one JSON line, so a file without newlines cannot
// exhaust memory; a request is a few hundred bytes.
const maxLineBytes = 1 << 20

func eachJSONL(r io.Reader, now func() time.Time, fn func(Line) error) error {
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		text, tooLong, err := readLine(br)
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read jsonl: %w", err)
		}
		if line, ok := jsonlLine(n, text, tooLong, now); ok {
			if err := fn(line); err != nil {
				return err
			}
		}
		if err != nil {
			return nil
		}
	}
}

// readLine reads up to and without the next newline; past maxLineBytes
// it discards the rest of the line and reports tooLong.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > maxLineBytes {
				line, tooLong = nil, true
			}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return bytes.TrimSuffix(line, []byte("\n")), tooLong, err
		}
	}
}

// jsonlLine turns line n into a Line; ok is false for a blank line.
func jsonlLine(n int, text []byte, tooLong bool, now func() time.Time) (Line, bool) {
	if tooLong {
		return Line{Number: n, Err: fmt.Errorf("%w: longer than %d bytes", ErrMalformed, maxLineBytes)}, true
	}
	if n == 1 {
		text = bytes.TrimPrefix(text, []byte("\ufeff"))
	}
	text = bytes.TrimSpace(text)
	if len(text) == 0 {
		return Line{}, false
	}
	f, err := jsonFields(text)
	if err != nil {
		return Line{Number: n, Err: err}, true
	}
	return lineOf(n, f, now), true
}

// jsonFields decodes one object; unknown keys and wrong types are errors.
func jsonFields(text []byte) (fields, error) {
	var obj map[string]json.RawMessage
	if text[0] != '{' {
		return fields{}, fmt.Errorf("%w: want a JSON object", ErrMalformed)
	}
	if err := json.Unmarshal(text, &obj); err != nil {
		return fields{}, fmt.Errorf("%w: %w", ErrMalformed, err)
	}
	var f fields
	var errs []error
	var unknown []string
	for _, key := range slices.Sorted(maps.Keys(obj)) {
		known, err := f.set(key, obj[key])
		if !known {
			unknown = append(unknown, fmt.Sprintf("%q", key))
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(unknown) > 0 {
		errs = append(errs, fmt.Errorf("%w: unknown keys %s: want %s", ErrMalformed, strings.Join(unknown, ", "), strings.Join(columns, ", ")))
	}
	return f, requestcheck.Join(errs)
}

// set decodes the value of one key into f; known is false for a key
// that is not a request field.
func (f *fields) set(key string, raw json.RawMessage) (known bool, err error) {
	switch key {
	case "company_name":
		f.name, err = jsonString(key, raw)
	case "company_number":
		f.number, err = jsonNumber(raw)
	case "domain":
		f.domain, err = jsonString(key, raw)
	case "request_id":
		f.requestID, err = jsonString(key, raw)
	case "providers":
		f.providers, err = jsonList(raw)
	case "watch":
		f.watch, err = jsonText(key, "true or false", raw, strconv.FormatBool) // "" for null
	default:
		return false, nil
	}
	return true, err
}

// jsonString decodes a string or null.
func jsonString(key string, raw json.RawMessage) (string, error) {
	return jsonText(key, "a string", raw, func(s string) string { return s })
}

// jsonText decodes a T or null into text: format of the T, or "" for
// null. want is what key must be, for the error.
func jsonText[T any](key, want string, raw json.RawMessage, format func(T) string) (string, error) {
	var v *T
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", fmt.Errorf("%w: %s must be %s", ErrMalformed, key, want)
	}
	if v == nil {
		return "", nil
	}
	return format(*v), nil
}

// jsonNumber decodes company_number, which may also be written as a bare
// JSON number (1234567); companyNumber then checks it.
func jsonNumber(raw json.RawMessage) (string, error) {
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return jsonString("company_number", raw)
}

// jsonList decodes providers: an array of strings, or null.
func jsonList(raw json.RawMessage) ([]string, error) {
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, fmt.Errorf("%w: providers must be an array of strings", ErrMalformed)
	}
	return list, nil
}
