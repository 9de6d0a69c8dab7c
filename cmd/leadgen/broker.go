package main

import (
	"fmt"
	"os"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/leadgen/leadgen/internal/kclient"
	"github.com/leadgen/leadgen/internal/secret"
	"github.com/leadgen/leadgen/topics"
	"github.com/spf13/cobra"
)

// brokerSCRAMPasswordEnv holds the password of --scram-user; like every
// password it has no flag.
const brokerSCRAMPasswordEnv = "LEADGEN_BROKER_SCRAM_PASSWORD"

func newBroker() *cobra.Command {
	var listen, dataDir, prefix, tlsCert, tlsKey, scramUser, registryListen string
	var cf catalogueFlags
	var maxBytes int64
	var leadsJSON bool
	cmd := leaf("broker", "Run an embedded Kafka-protocol broker (kfake) with leadgen's topics", func(cmd *cobra.Command) error {
		tc, err := cf.config(topics.Names{Prefix: prefix, MirrorLeadsJSON: leadsJSON})
		if err != nil {
			return err
		}
		users, err := scramUsers(scramUser)
		if err != nil {
			return err
		}
		b, err := embedded.Start(cmd.Context(), embedded.Config{Listen: listen, DataDir: dataDir, Topics: tc, MaxPartitionBytes: maxBytes,
			TLSCert: tlsCert, TLSKey: tlsKey, SCRAMUsers: users})
		if err != nil {
			return err
		}
		fmt.Printf("leadgen broker: Kafka protocol on %s (embedded kfake", b.Addrs()[0])
		if tlsCert != "" {
			fmt.Print(", TLS only")
		}
		if scramUser != "" {
			fmt.Printf(", SASL/SCRAM user %s", scramUser)
		}
		if dataDir != "" {
			fmt.Printf(", data in %s", dataDir)
		}
		fmt.Println("); Ctrl-C stops")
		if b.Repaired > 0 {
			fmt.Printf("leadgen broker: aborted %d transactions a crash had left open\n", b.Repaired)
		}
		defer b.Close()
		if registryListen != "" {
			reg, err := embeddedRegistry(os.Stdout, registryListen, "leadgen broker")
			if err != nil {
				return err
			}
			defer reg.Close()
		}
		<-cmd.Context().Done()
		return nil
	})
	cmd.Long = "Runs franz-go's kfake broker in this process. Any Kafka client (kcat, kafka-go,\n" +
		"librdkafka) can connect. Records are kept in memory, bounded per partition by\n" +
		"--max-partition-bytes; --data-dir persists them across restarts.\n\n" +
		"With --scram-user, clients log in with a SaslHandshake v1 and SCRAM-SHA-512 or\n" +
		"SCRAM-SHA-256. Tested: franz-go, and librdkafka 1.0 or later (kcat,\n" +
		"confluent-kafka-*; by hand with kcat 1.7.1 on librdkafka 2.0.2). kafka-go and\n" +
		"the Java client use the same handshake, untested. Clients that send a v0\n" +
		"handshake (Kafka 0.10 framing, librdkafka before 1.0) are refused."
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:9092", "address to listen on, host:port")
	cmd.Flags().StringVar(&dataDir, "data-dir", "", "directory to persist the log in (default: memory only)")
	cmd.Flags().StringVar(&prefix, "topic-prefix", "", "prefix prepended to every topic name")
	cmd.Flags().Int64Var(&maxBytes, "max-partition-bytes", 64<<20, "retention.bytes of every topic partition, bounding memory")
	cmd.Flags().StringVar(&tlsCert, "server-tls-cert", "", "PEM file of the broker's TLS certificate; with --server-tls-key the broker speaks TLS only")
	cmd.Flags().StringVar(&tlsKey, "server-tls-key", "", "PEM file of the broker's TLS private key")
	cmd.Flags().StringVar(&scramUser, "scram-user", "", "require SASL/SCRAM (SHA-512 or SHA-256) logins as this user; password from "+
		brokerSCRAMPasswordEnv+" or "+brokerSCRAMPasswordEnv+"_FILE")
	addRegistryListen(cmd, &registryListen)
	cf.add(cmd)
	leadsJSONFlag(cmd, &leadsJSON)
	return cmd
}

// scramUsers is the --scram-user user with its password from the
// environment; none without the flag.
func scramUsers(name string) (map[string]kclient.Secret, error) {
	if name == "" {
		return nil, nil
	}
	pass, ok, err := secret.Lookup(brokerSCRAMPasswordEnv)
	if err != nil {
		return nil, usageError{err}
	}
	if !ok {
		return nil, usagef("--scram-user %s needs a password: set %s or %s_FILE", name, brokerSCRAMPasswordEnv, brokerSCRAMPasswordEnv)
	}
	return map[string]kclient.Secret{name: kclient.Secret(pass)}, nil
}
