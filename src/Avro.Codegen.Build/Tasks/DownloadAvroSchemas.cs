using System;
using Avro.Codegen.Gate;
using Microsoft.Build.Framework;

namespace Avro.Codegen.Build.Tasks;

/// <summary>
/// Writes the latest registered version of each subject into a folder as <c>&lt;subject&gt;.avsc</c>
/// (target <c>AvroDownloadSchemas</c>); the folder can then serve as the offline compatibility baseline.
/// </summary>
public sealed class DownloadAvroSchemas : AvroRegistryTask
{
    /// <summary>The folder to write to.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>More subjects to download, beyond those of <see cref="AvroRegistryTask.Schemas"/>.</summary>
    public string[] Subjects { get; set; } = Array.Empty<string>();

    /// <summary>The files written: with <c>Subject</c>, <c>Status</c>, <c>Id</c>, <c>Version</c>.</summary>
    [Output]
    public ITaskItem[] DownloadedSchemas { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var settings = CreateSettings();
        if (settings is null)
        {
            return;
        }

        var result = System.Threading.Tasks.Task.Run(() => SchemaGate.DownloadAsync(Inputs(), Subjects, OutputDirectory, settings, CancellationToken)).GetAwaiter().GetResult();
        Report(result);
        DownloadedSchemas = OutcomeItems(result);
    }
}
