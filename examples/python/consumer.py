#!/usr/bin/python3
"""Read leadgen's leads framed for a Confluent Schema Registry, in Python.

Prints one line per lead: "<lead_key> v<version> <company_name> score <score>".
Needs the Debian packages python3-confluent-kafka and python3-avro (no
fastavro): the value is 0x00, a 4-byte big-endian schema id and the Avro
binary datum; the schema comes from the registry by its id.

    /usr/bin/python3 examples/python/consumer.py \\
        --brokers localhost:9092 --registry http://localhost:8081 --count 1
"""

import argparse
import io
import struct
import sys

import avro.io
import avro.schema
from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient


def decode(value, registry, readers):
    """Decode a Confluent-framed value, looking each schema id up once."""
    if len(value) < 5 or value[0] != 0:
        raise ValueError("value is not Confluent-framed (magic byte %#x)" % value[0])
    (schema_id,) = struct.unpack(">I", value[1:5])
    reader = readers.get(schema_id)
    if reader is None:
        schema = registry.get_schema(schema_id)
        reader = avro.io.DatumReader(avro.schema.parse(schema.schema_str))
        readers[schema_id] = reader
    return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--brokers", default="localhost:9092")
    p.add_argument("--registry", default="http://localhost:8081")
    p.add_argument("--topic", default="enriched-leads")
    p.add_argument("--group", default="example-python")
    p.add_argument("--count", type=int, default=0, help="stop after this many leads (0: never)")
    args = p.parse_args()

    registry = SchemaRegistryClient({"url": args.registry})
    consumer = Consumer({"bootstrap.servers": args.brokers, "group.id": args.group,
                         "auto.offset.reset": "earliest"})
    consumer.subscribe([args.topic])
    readers, seen = {}, 0
    try:
        while args.count == 0 or seen < args.count:
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                sys.exit("consume %s: %s" % (args.topic, msg.error()))
            if msg.value() is None:  # a tombstone: the company was erased
                continue
            lead = decode(msg.value(), registry, readers)
            print("%s v%d %s score %.1f" % (lead["lead_key"], lead["version"],
                                            lead["company_name"], lead["lead_score"]), flush=True)
            seen += 1
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
