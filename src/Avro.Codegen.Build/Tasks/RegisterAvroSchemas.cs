using System;
using Avro.Codegen.Gate;
using Microsoft.Build.Framework;

namespace Avro.Codegen.Build.Tasks;

/// <summary>Registers each <c>.avsc</c> with a subject and prints <c>subject -&gt; id</c> (target <c>AvroRegisterSchemas</c>).</summary>
public sealed class RegisterAvroSchemas : AvroRegistryTask
{
    /// <summary>The registered schemas: the file, with <c>Subject</c>, <c>Status</c>, <c>Id</c>, <c>Version</c>.</summary>
    [Output]
    public ITaskItem[] RegisteredSchemas { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    protected override void ExecuteCore()
    {
        var settings = CreateSettings();
        if (settings is null)
        {
            return;
        }

        settings.ReportSchemaErrors = true;
        var result = System.Threading.Tasks.Task.Run(() => SchemaGate.RegisterAsync(Inputs(), settings, CancellationToken)).GetAwaiter().GetResult();
        Report(result);
        RegisteredSchemas = OutcomeItems(result);
    }
}
