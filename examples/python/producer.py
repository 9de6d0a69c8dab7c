#!/usr/bin/python3
"""Send a company request to leadgen, framed for a Confluent Schema Registry.

Does what a Confluent Avro serialiser with auto-registration does: registers
the schema under the topic's value subject (TopicNameStrategy), then writes
0x00, the 4-byte big-endian schema id and the Avro binary datum. Needs the
Debian packages python3-confluent-kafka and python3-avro (no fastavro).

    /usr/bin/python3 examples/python/producer.py --brokers localhost:9092 \\
        --registry http://localhost:8081 --schema schemas/CompanyRequest.avsc \\
        --name "ACME WIDGETS LIMITED"
"""

import argparse
import datetime
import io
import struct
import uuid

import avro.io
import avro.schema
from confluent_kafka import Producer
from confluent_kafka.schema_registry import Schema, SchemaRegistryClient


def frame(schema_id, schema, record):
    """Confluent-frame record: magic 0, the schema id, the Avro datum."""
    buf = io.BytesIO()
    buf.write(struct.pack(">bI", 0, schema_id))
    avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(buf))
    return buf.getvalue()


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--brokers", default="localhost:9092")
    p.add_argument("--registry", default="http://localhost:8081")
    p.add_argument("--topic", default="company-requests")
    p.add_argument("--schema", default="schemas/CompanyRequest.avsc", help="the CompanyRequest .avsc")
    p.add_argument("--name", required=True, help="company name")
    p.add_argument("--number", help="Companies House company number")
    p.add_argument("--id", default=str(uuid.uuid4()), help="request id")
    args = p.parse_args()

    with open(args.schema) as f:
        text = f.read()
    registry = SchemaRegistryClient({"url": args.registry})
    schema_id = registry.register_schema(args.topic + "-value", Schema(text, "AVRO"))
    value = frame(schema_id, avro.schema.parse(text), {
        "request_id": args.id, "company_name": args.name, "company_number": args.number,
        "domain": None, "providers": [], "requested_at": datetime.datetime.now(datetime.timezone.utc),
        "watch": True,  # the Python avro writer needs every field, defaults included
    })
    producer = Producer({"bootstrap.servers": args.brokers, "acks": "all", "enable.idempotence": True})
    producer.produce(args.topic, key=args.id.encode(), value=value)
    if producer.flush(30) != 0:
        raise SystemExit("request %s not delivered within 30s" % args.id)
    print("sent", args.id, args.name)


if __name__ == "__main__":
    main()
