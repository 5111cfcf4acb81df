namespace Avro.Codegen.Cli.Shared;

/// <summary>The tool's exit codes, the same for every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and the answer is no (e.g. incompatible schemas).</summary>
    public const int No = 1;

    /// <summary>Bad input: an invalid schema, an unreadable file, or wrong usage.</summary>
    public const int BadInput = 2;
}
