"""Container-file oracle over python3-avro (Debian), with python3-snappy and python3-zstandard for those codecs.

  recode IN.avro OUT.avro CODEC [SYNC_INTERVAL]   reads every datum of IN (any codec python-avro knows) and writes
                                                  them to OUT with CODEC (null, deflate, bzip2, snappy, zstandard);
                                                  prints IN's codec and the datum count

Exit 0 ok, 2 bad usage, 1 the file could not be read or written (message on stderr).
Run by the interop tests under /usr/bin/python3; not part of the product.
"""
import sys

import avro.datafile
import avro.io


def main(argv):
    if len(argv) < 4 or argv[0] != "recode":
        print("usage: recode IN.avro OUT.avro CODEC [SYNC_INTERVAL]", file=sys.stderr)
        return 2
    # python-avro reads the interval from a module constant when it decides to end a block.
    avro.datafile.SYNC_INTERVAL = int(argv[4]) if len(argv) > 4 else 4096
    try:
        with open(argv[1], "rb") as source, open(argv[2], "wb") as target:
            reader = avro.datafile.DataFileReader(source, avro.io.DatumReader())
            codec = reader.get_meta("avro.codec")
            writer = avro.datafile.DataFileWriter(target, avro.io.DatumWriter(), reader.datum_reader.writers_schema, codec=argv[3])
            count = 0
            for datum in reader:
                writer.append(datum)
                count += 1
            writer.close()
        print(f"{(codec or b'null').decode()} {count}")
        return 0
    except Exception as e:  # every failure of the library is the answer "could not read/write"
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
