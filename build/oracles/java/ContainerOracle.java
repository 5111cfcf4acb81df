// Container-file oracle over Java Apache Avro (Debian libavro-java 1.8.x with snappy-java, xz-java, commons-compress).
//
//   recode IN.avro OUT.avro CODEC [SYNC_INTERVAL]   reads every datum of IN (any codec Java knows) with Java's
//                                                    DataFileReader and writes them to OUT with CODEC (null, deflate,
//                                                    snappy, bzip2, xz); prints IN's codec and the datum count
//
// Exit 0 ok, 2 bad usage, 1 the file could not be read or written (message on stderr).
// Built by the interop tests (javac against /usr/share/java/avro.jar); not part of the product.

import java.io.File;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;

public final class ContainerOracle {
    private ContainerOracle() {
    }

    public static void main(String[] args) {
        if (args.length < 4 || !args[0].equals("recode")) {
            System.err.println("usage: recode IN.avro OUT.avro CODEC [SYNC_INTERVAL]");
            System.exit(2);
        }

        try {
            int syncInterval = args.length > 4 ? Integer.parseInt(args[4]) : 4096;
            long count = 0;
            String codec;
            try (DataFileReader<Object> reader = new DataFileReader<>(new File(args[1]), new GenericDatumReader<>())) {
                Schema schema = reader.getSchema();
                codec = reader.getMetaString("avro.codec");
                try (DataFileWriter<Object> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
                    writer.setCodec(CodecFactory.fromString(args[3]));
                    writer.setSyncInterval(syncInterval);
                    writer.create(schema, new File(args[2]));
                    for (Object datum : reader) {
                        writer.append(datum);
                        count++;
                    }
                }
            }

            System.out.println((codec == null ? "null" : codec) + " " + count);
        } catch (Exception e) {
            System.err.println(e);
            System.exit(1);
        }
    }
}
