// Package worker runs one provider (processors/provider.Provider) as a
// Kafka consumer group on company-requests: it decides which requests the
// provider is expected to answer, looks them up, writes the results and
// routes failures to the retry tiers, the fallback or the dead-letter
// topic. The retry and fallback workers share its Env and Output.
//
// The contract itself lives in processors/provider, a leaf the API
// clients, the breaker and the cache import without pulling in Kafka.
package worker
