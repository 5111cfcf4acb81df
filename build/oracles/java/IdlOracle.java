// Interop oracle over Java Apache Avro's IDL compiler (Debian libavro-compiler-java, 1.8.x: org.apache.avro.compiler.idl.Idl).
//
// Usage: IdlOracle FILE.avdl
//   Compiles the protocol (imports relative to the file) and prints one line per named type of the protocol, in the
//   protocol's order: FULL NAME, a TAB, and the type's Parsing Canonical Form (SchemaNormalization.toParsingForm).
//   Exit 0 ok, 2 when the file does not compile (the message on stderr).
//
// Built by the interop tests (javac against /usr/share/java/avro.jar and avro-compiler.jar); not part of the product.

import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.avro.Protocol;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.compiler.idl.Idl;

public final class IdlOracle {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: IdlOracle FILE.avdl");
      System.exit(2);
    }

    PrintStream out = new PrintStream(System.out, true, "UTF-8");
    Protocol protocol;
    try {
      Idl idl = new Idl(new File(args[0]));
      try {
        protocol = idl.CompilationUnit();
      } finally {
        idl.close();
      }
    } catch (Exception e) {
      System.err.println(e.getClass().getSimpleName() + ": " + e.getMessage());
      System.exit(2);
      return;
    }

    for (Schema type : protocol.getTypes()) {
      out.print(type.getFullName());
      out.print('\t');
      out.print(SchemaNormalization.toParsingForm(type));
      out.print('\n');
    }
  }
}
