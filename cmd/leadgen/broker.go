package main

import (
	"fmt"

	"github.com/leadgen/leadgen/internal/embedded"
	"github.com/spf13/cobra"
)

func newBroker() *cobra.Command {
	var listen, dataDir, prefix string
	var cf catalogueFlags
	var maxBytes int64
	cmd := &cobra.Command{
		Use:   "broker",
		Short: "Run an embedded Kafka-protocol broker (kfake) with leadgen's topics",
		Long: "Runs franz-go's kfake broker in this process. Any Kafka client (kcat, kafka-go,\n" +
			"librdkafka) can connect. Records are kept in memory, bounded per partition by\n" +
			"--max-partition-bytes; --data-dir persists them across restarts.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tc, err := cf.config(namesOf(prefix))
			if err != nil {
				return err
			}
			b, err := embedded.Start(cmd.Context(), embedded.Config{Listen: listen, DataDir: dataDir, Topics: tc, MaxPartitionBytes: maxBytes})
			if err != nil {
				return err
			}
			fmt.Printf("leadgen broker: Kafka protocol on %s (embedded kfake", b.Addrs()[0])
			if dataDir != "" {
				fmt.Printf(", data in %s", dataDir)
			}
			fmt.Println("); Ctrl-C stops")
			<-cmd.Context().Done()
			b.Close()
			return nil
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:9092", "address to listen on, host:port")
	cmd.Flags().StringVar(&dataDir, "data-dir", "", "directory to persist the log in (default: memory only)")
	cmd.Flags().StringVar(&prefix, "topic-prefix", "", "prefix prepended to every topic name")
	cmd.Flags().Int64Var(&maxBytes, "max-partition-bytes", 64<<20, "retention.bytes of every topic partition, bounding memory")
	cf.add(cmd)
	return cmd
}
