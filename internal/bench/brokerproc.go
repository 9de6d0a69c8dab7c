package bench

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// brokerProc is a `leadgen broker` child process, so a scenario measures
// the memory of leadgen's roles without the broker's.
type brokerProc struct {
	addr string
	cmd  *exec.Cmd
	done chan error
}

// startBrokerProc runs `leadgen broker` (this executable) on a free
// loopback port, every topic capped at maxBytes per partition, compacted
// ones included, and waits until it serves.
func startBrokerProc(ctx context.Context, maxBytes int64) (*brokerProc, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("bench broker: %w", err)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "broker", "--listen", addr, "--max-partition-bytes", strconv.FormatInt(maxBytes, 10))
	out, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("bench broker: %w", err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench broker: %w", err)
	}
	b := &brokerProc{addr: addr, cmd: cmd, done: make(chan error, 1)}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "Kafka protocol on") {
				close(ready)
				for sc.Scan() {
				}
			}
		}
		b.done <- cmd.Wait()
	}()
	select {
	case <-ready:
	case err := <-b.done:
		return nil, fmt.Errorf("bench broker exited at start: %v", err)
	case <-ctx.Done():
		b.Close()
		return nil, ctx.Err()
	}
	return b, b.capAll(ctx, maxBytes)
}

// capAll sets retention.bytes on every topic: the broker leaves it off
// compacted topics, whose records it would otherwise keep in memory
// however many the run writes.
func (b *brokerProc) capAll(ctx context.Context, maxBytes int64) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.addr))
	if err != nil {
		return err
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	listed, err := adm.ListTopics(ctx)
	if err != nil {
		return fmt.Errorf("bench broker topics: %w", err)
	}
	v := strconv.FormatInt(maxBytes, 10)
	resps, err := adm.AlterTopicConfigs(ctx, []kadm.AlterConfig{{Name: "retention.bytes", Value: &v}}, listed.Names()...)
	if err == nil {
		for _, r := range resps {
			err = errors.Join(err, r.Err)
		}
	}
	if err != nil {
		return fmt.Errorf("bench broker retention: %w", err)
	}
	return nil
}

// Close stops the broker process.
func (b *brokerProc) Close() {
	_ = b.cmd.Process.Signal(os.Interrupt)
	select {
	case <-b.done:
	case <-time.After(10 * time.Second):
		_ = b.cmd.Process.Kill()
		<-b.done
	}
}

// freeAddr is a loopback address with a port free now.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("bench broker port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}
