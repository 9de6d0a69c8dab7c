package topics

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

// Action says what Apply did to one topic.
type Action string

// The actions Apply reports.
const (
	Created   Action = "created"
	Changed   Action = "changed"
	Unchanged Action = "unchanged"
)

// Outcome is what Apply did to one topic; Changes lists the altered configs
// as "key: old -> new".
type Outcome struct {
	Topic   string
	Action  Action
	Changes []string
}

// ErrConflict is returned when an existing topic's partition count differs
// from the catalogue: changing it would move keys between partitions and
// break per-key ordering, so Apply refuses rather than guess.
var ErrConflict = errors.New("catalogue conflicts with existing topic")

// Apply creates the missing topics of specs and brings the configs of
// existing ones in line. It is idempotent. It checks every existing topic
// for a partition conflict before it changes anything.
func Apply(ctx context.Context, cl *kgo.Client, specs []Spec, replication int16) ([]Outcome, error) {
	adm := kadm.NewClient(cl)
	existing, err := existingTopics(ctx, cl, specs)
	if err != nil {
		return nil, err
	}
	if err := checkConflicts(specs, existing); err != nil {
		return nil, err
	}
	var out []Outcome
	for _, s := range specs {
		var o Outcome
		if _, ok := existing[s.Name]; ok {
			o, err = alignConfigs(ctx, adm, s)
		} else if o, err = create(ctx, adm, s, replication); errors.Is(err, kerr.TopicAlreadyExists) {
			// Created by someone else since we listed: treat it as existing.
			o, err = alignConfigs(ctx, adm, s)
		}
		if err != nil {
			return out, err
		}
		out = append(out, o)
	}
	return out, nil
}

// existingTopics asks the cluster directly, not kadm's metadata cache, which
// may be seconds old and would miss a topic created a moment ago.
func existingTopics(ctx context.Context, cl *kgo.Client, specs []Spec) (map[string]int32, error) {
	req := kmsg.NewPtrMetadataRequest()
	for _, s := range specs {
		t := kmsg.NewMetadataRequestTopic()
		t.Topic = kmsg.StringPtr(s.Name)
		req.Topics = append(req.Topics, t)
	}
	resp, err := req.RequestWith(ctx, cl)
	if err != nil {
		return nil, fmt.Errorf("list topics: %w", err)
	}
	got := make(map[string]int32)
	for _, t := range resp.Topics {
		if t.ErrorCode == 0 && t.Topic != nil {
			got[*t.Topic] = int32(len(t.Partitions))
		}
	}
	return got, nil
}

func checkConflicts(specs []Spec, existing map[string]int32) error {
	var errs []error
	for _, s := range specs {
		if n, ok := existing[s.Name]; ok && n != s.Partitions {
			errs = append(errs, fmt.Errorf("%w: %s has %d partitions, catalogue wants %d", ErrConflict, s.Name, n, s.Partitions))
		}
	}
	return errors.Join(errs...)
}

func create(ctx context.Context, adm *kadm.Client, s Spec, replication int16) (Outcome, error) {
	resp, err := adm.CreateTopic(ctx, s.Partitions, replication, ptrs(s.Configs), s.Name)
	if err == nil {
		err = resp.Err
	}
	if err != nil {
		return Outcome{}, fmt.Errorf("create topic %s: %w", s.Name, err)
	}
	return Outcome{Topic: s.Name, Action: Created}, nil
}

func alignConfigs(ctx context.Context, adm *kadm.Client, s Spec) (Outcome, error) {
	rcs, err := adm.DescribeTopicConfigs(ctx, s.Name)
	if err != nil {
		return Outcome{}, fmt.Errorf("describe configs of %s: %w", s.Name, err)
	}
	rc, err := rcs.On(s.Name, nil)
	if err == nil {
		err = rc.Err
	}
	if err != nil {
		return Outcome{}, fmt.Errorf("describe configs of %s: %w", s.Name, err)
	}
	current := make(map[string]string, len(rc.Configs))
	for _, c := range rc.Configs {
		current[c.Key] = c.MaybeValue()
	}
	alters, changes := diffConfigs(current, s.Configs)
	if len(alters) == 0 {
		return Outcome{Topic: s.Name, Action: Unchanged}, nil
	}
	resps, err := adm.AlterTopicConfigs(ctx, alters, s.Name)
	if err == nil {
		_, err = resps.On(s.Name, nil)
	}
	if err != nil {
		return Outcome{}, fmt.Errorf("alter configs of %s: %w", s.Name, err)
	}
	return Outcome{Topic: s.Name, Action: Changed, Changes: changes}, nil
}

func diffConfigs(current, want map[string]string) ([]kadm.AlterConfig, []string) {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var alters []kadm.AlterConfig
	var changes []string
	for _, k := range keys {
		if current[k] == want[k] {
			continue
		}
		alters = append(alters, kadm.AlterConfig{Op: kadm.SetConfig, Name: k, Value: kadm.StringPtr(want[k])})
		changes = append(changes, fmt.Sprintf("%s: %q -> %q", k, current[k], want[k]))
	}
	return alters, changes
}

func ptrs(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = kadm.StringPtr(v)
	}
	return out
}

// Listed is one catalogue topic as the cluster has it.
type Listed struct {
	Spec
	Exists             bool
	ExistingPartitions int32
}

// List reports each catalogue topic and whether the cluster has it.
func List(ctx context.Context, cl *kgo.Client, specs []Spec) ([]Listed, error) {
	existing, err := existingTopics(ctx, cl, specs)
	if err != nil {
		return nil, err
	}
	out := make([]Listed, len(specs))
	for i, s := range specs {
		n, ok := existing[s.Name]
		out[i] = Listed{Spec: s, Exists: ok, ExistingPartitions: n}
	}
	return out, nil
}
