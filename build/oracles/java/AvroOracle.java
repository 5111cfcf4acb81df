// Interop oracle over Java Apache Avro (Debian libavro-java, 1.8.x API).
//
// Verbs (exit 0 ok, 2 bad input or usage, 1 unexpected failure):
//   canonical FILE.avsc [--schema-dir DIR]...            Parsing Canonical Form (SchemaNormalization.toParsingForm);
//                                                         a schema dir contributes the .avsc files of its whole tree
//   fingerprint FILE.avsc [--schema-dir DIR]... [--algorithm crc64|md5|sha256] [--format hex|long]
//                                                         crc64 hex is the 8 bytes little-endian, as single-object
//                                                         encoding writes them; --format long is Java's signed value
//   fromjson FILE.avsc [--schema-dir DIR]... [--map-order java|input] < json > bin
//                                                         datums in Avro JSON encoding, whitespace separated
//   tojson FILE.avsc [--schema-dir DIR]... [--map-order java|input] < bin
//                                                         one datum per line in Avro JSON encoding
//                                                         --map-order java (default) is stock Java Avro: maps are read
//                                                         into HashMaps and written in hash order, as Java's own tools
//                                                         do; input keeps the order in which entries were read
//   compat READER.avsc WRITER.avsc [--schema-dir DIR]...  COMPATIBLE or INCOMPATIBLE (SchemaCompatibility)
//   resolve WRITER.avsc READER.avsc [--schema-dir DIR]... < bin > bin
//                                                         datums written with WRITER, read through Java's resolving
//                                                         decoder as READER, written back with READER (binary)
//   batch                                                 one call per stdin line, arguments separated by TAB; an
//                                                         argument "<PATH" feeds PATH as that call's stdin. Prints per
//                                                         call: EXIT BASE64(stdout) BASE64(stderr), "-" when empty.
//                                                         Saves a JVM start per call when tests ask many questions.
//
// Built by the interop tests (javac against /usr/share/java/avro.jar); not part of the product.

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;

public final class AvroOracle {
    private AvroOracle() {
    }

    /** Bad command line: reported on stderr with exit code 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Parsed arguments of one verb: positional files plus the options every verb shares. */
    private static final class Args {
        final List<String> files = new ArrayList<>();
        final List<Path> schemaDirs = new ArrayList<>();
        String algorithm = "crc64";
        String format = "hex";
        String mapOrder = "java";

        static Args parse(List<String> raw, int positionalCount) throws UsageException {
            Args a = new Args();
            for (int i = 0; i < raw.size(); i++) {
                String arg = raw.get(i);
                switch (arg) {
                    case "--schema-dir":
                        a.schemaDirs.add(Paths.get(value(raw, ++i, arg)));
                        break;
                    case "--algorithm":
                        a.algorithm = value(raw, ++i, arg);
                        break;
                    case "--format":
                        a.format = value(raw, ++i, arg);
                        break;
                    case "--map-order":
                        a.mapOrder = value(raw, ++i, arg);
                        if (!a.mapOrder.equals("java") && !a.mapOrder.equals("input")) {
                            throw new UsageException("--map-order must be java or input");
                        }
                        break;
                    case "--schema":
                        a.files.add(value(raw, ++i, arg));
                        break;
                    default:
                        if (arg.startsWith("--")) {
                            throw new UsageException("unknown option " + arg);
                        }
                        a.files.add(arg);
                }
            }
            if (a.files.size() != positionalCount) {
                throw new UsageException("expected " + positionalCount + " schema file(s), got " + a.files.size());
            }
            return a;
        }

        private static String value(List<String> raw, int i, String option) throws UsageException {
            if (i >= raw.size()) {
                throw new UsageException(option + " needs a value");
            }
            return raw.get(i);
        }
    }

    public static void main(String[] argv) {
        int code = run(argv, System.in, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    static int run(String[] argv, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (argv.length == 0) {
                throw new UsageException("AvroOracle canonical|fingerprint|fromjson|tojson|compat|resolve|batch ...");
            }
            List<String> rest = Arrays.asList(argv).subList(1, argv.length);
            switch (argv[0]) {
                case "canonical":
                    return canonical(Args.parse(rest, 1), out);
                case "fingerprint":
                    return fingerprint(Args.parse(rest, 1), out);
                case "fromjson":
                    return fromJson(Args.parse(rest, 1), in, out);
                case "tojson":
                    return toJson(Args.parse(rest, 1), in, out);
                case "compat":
                    return compat(Args.parse(rest, 2), out, err);
                case "resolve":
                    return resolve(Args.parse(rest, 2), in, out);
                case "batch":
                    return batch(in, out);
                default:
                    throw new UsageException("unknown verb " + argv[0]);
            }
        } catch (UsageException e) {
            err.println("usage: " + e.getMessage());
            return 2;
        } catch (IOException | AvroRuntimeException e) {
            // Schema parse errors, type errors while decoding and malformed JSON or bytes are all "bad input".
            err.println("error: " + e);
            return 2;
        } catch (RuntimeException e) {
            err.println("unexpected: " + e);
            return 1;
        }
    }

    private static int canonical(Args a, PrintStream out) throws IOException {
        out.println(SchemaNormalization.toParsingForm(load(a.files.get(0), a.schemaDirs)));
        return 0;
    }

    private static int fingerprint(Args a, PrintStream out) throws IOException, UsageException {
        Schema schema = load(a.files.get(0), a.schemaDirs);
        switch (a.algorithm) {
            case "crc64": {
                long fp = SchemaNormalization.parsingFingerprint64(schema);
                if (a.format.equals("long")) {
                    out.println(fp);
                } else if (a.format.equals("hex")) {
                    byte[] le = new byte[8];
                    for (int i = 0; i < 8; i++) {
                        le[i] = (byte) (fp >>> (8 * i));
                    }
                    out.println(hex(le));
                } else {
                    throw new UsageException("--format must be hex or long");
                }
                return 0;
            }
            case "md5":
            case "sha256": {
                if (!a.format.equals("hex")) {
                    throw new UsageException("--format long applies to crc64 only");
                }
                String jca = a.algorithm.equals("md5") ? "MD5" : "SHA-256";
                try {
                    out.println(hex(SchemaNormalization.parsingFingerprint(jca, schema)));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                return 0;
            }
            default:
                throw new UsageException("--algorithm must be crc64, md5 or sha256");
        }
    }

    /**
     * A generic reader whose maps keep the order in which entries were read (--map-order input). The stock reader
     * builds HashMaps, so a map with several entries is written back in hash order rather than in input order, which
     * implementations without Java's hashing (avsc) cannot reproduce.
     */
    private static final class OrderedDatumReader extends GenericDatumReader<Object> {
        OrderedDatumReader(Schema schema) {
            super(schema);
        }

        OrderedDatumReader(Schema writer, Schema reader) {
            super(writer, reader);
        }

        @Override
        protected Object newMap(Object old, int size) {
            return new LinkedHashMap<Object, Object>();
        }
    }

    private static GenericDatumReader<Object> newReader(Schema schema, String mapOrder) {
        return mapOrder.equals("input") ? new OrderedDatumReader(schema) : new GenericDatumReader<>(schema);
    }

    private static int fromJson(Args a, InputStream in, OutputStream out) throws IOException {
        Schema schema = load(a.files.get(0), a.schemaDirs);
        GenericDatumReader<Object> reader = newReader(schema, a.mapOrder);
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
        JsonDecoder decoder = DecoderFactory.get().jsonDecoder(schema, in);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        while (true) {
            Object datum;
            try {
                datum = reader.read(null, decoder);
            } catch (EOFException endOfInput) {
                // The JSON decoder has no end-of-input query; running out of root values is the normal end.
                break;
            }
            writer.write(datum, encoder);
        }
        encoder.flush();
        return 0;
    }

    private static int toJson(Args a, InputStream in, PrintStream out) throws IOException {
        Schema schema = load(a.files.get(0), a.schemaDirs);
        GenericDatumReader<Object> reader = newReader(schema, a.mapOrder);
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(schema);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(in, null);
        while (!decoder.isEnd()) {
            Object datum = reader.read(null, decoder);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, line);
            writer.write(datum, encoder);
            encoder.flush();
            out.write(line.toByteArray());
            out.write('\n');
        }
        return 0;
    }

    private static int resolve(Args a, InputStream in, OutputStream out) throws IOException {
        // Each schema gets a parser of its own: writer and reader usually define the same names.
        Schema writerSchema = load(a.files.get(0), a.schemaDirs);
        Schema readerSchema = load(a.files.get(1), a.schemaDirs);
        GenericDatumReader<Object> reader = new OrderedDatumReader(writerSchema, readerSchema);
        GenericDatumWriter<Object> writer = new GenericDatumWriter<>(readerSchema);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(in, null);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        while (!decoder.isEnd()) {
            writer.write(reader.read(null, decoder), encoder);
        }
        encoder.flush();
        return 0;
    }

    private static int compat(Args a, PrintStream out, PrintStream err) throws IOException {
        // Reader and writer usually define the same names, so each gets a parser of its own.
        Schema reader = load(a.files.get(0), a.schemaDirs);
        Schema writer = load(a.files.get(1), a.schemaDirs);
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        boolean ok = result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE;
        out.println(ok ? "COMPATIBLE" : "INCOMPATIBLE");
        if (!ok) {
            err.println(result.getDescription());
        }
        return 0;
    }

    private static int batch(InputStream in, PrintStream out) throws IOException {
        String all = new String(readAll(in), StandardCharsets.UTF_8);
        for (String line : all.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            InputStream callIn = new ByteArrayInputStream(new byte[0]);
            for (String arg : line.split("\t")) {
                if (arg.startsWith("<")) {
                    callIn = new ByteArrayInputStream(Files.readAllBytes(Paths.get(arg.substring(1))));
                } else {
                    args.add(arg);
                }
            }
            ByteArrayOutputStream callOut = new ByteArrayOutputStream();
            ByteArrayOutputStream callErr = new ByteArrayOutputStream();
            int code;
            try (PrintStream o = new PrintStream(callOut, true, "UTF-8");
                 PrintStream e = new PrintStream(callErr, true, "UTF-8")) {
                code = args.isEmpty() || args.get(0).equals("batch")
                        ? usage(e, "batch lines name a verb other than batch")
                        : run(args.toArray(new String[0]), callIn, o, e);
            }
            out.println(code + " " + b64(callOut.toByteArray()) + " " + b64(callErr.toByteArray()));
        }
        return 0;
    }

    private static int usage(PrintStream err, String message) {
        err.println("usage: " + message);
        return 2;
    }

    /**
     * Parses FILE after the .avsc files of the schema dirs (and their subfolders, as our CLI reads them), with one
     * shared set of named types. The dir files are
     * taken in dependency order by retrying the ones that failed until a pass makes no progress. Each attempt starts
     * from a fresh parser seeded with the types known so far, because a failed parse can leave half-registered names
     * behind in the parser it used.
     */
    static Schema load(String file, List<Path> schemaDirs) throws IOException {
        Path target = Paths.get(file).toRealPath();
        List<Path> pending = new ArrayList<>();
        for (Path dir : schemaDirs) {
            try (Stream<Path> listing = Files.walk(dir)) {
                for (Path p : listing.filter(p -> p.toString().endsWith(".avsc")).sorted().collect(Collectors.toList())) {
                    if (!p.toRealPath().equals(target)) {
                        pending.add(p);
                    }
                }
            }
        }
        Map<String, Schema> known = new LinkedHashMap<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
                Path p = it.next();
                Schema.Parser parser = newParser(known);
                try {
                    parser.parse(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
                } catch (IOException | RuntimeException notYet) {
                    continue;
                }
                known = parser.getTypes();
                it.remove();
                progress = true;
            }
        }
        // Files that never parsed are left out: if the target needs one of their types, its own parse says which.
        return newParser(known).parse(new String(Files.readAllBytes(target), StandardCharsets.UTF_8));
    }

    private static Schema.Parser newParser(Map<String, Schema> known) {
        // Default validation changed across Avro versions; the canonical form and codecs do not depend on it.
        return new Schema.Parser().setValidateDefaults(false).addTypes(known);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = in.read(chunk)) > 0; ) {
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    private static String b64(byte[] bytes) {
        return bytes.length == 0 ? "-" : Base64.getEncoder().encodeToString(bytes);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }
}
