namespace Avro.Codegen.TestUtilities;

/// <summary>Loopback ports for tests that start a server, or need an address where nothing listens.</summary>
internal static class LoopbackPort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (bound, read and released).</summary>
    public static int Free()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>An <c>http://127.0.0.1:port</c> URL where nothing listens (no trailing slash).</summary>
    public static string ClosedUrl() => "http://127.0.0.1:" + Free().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
