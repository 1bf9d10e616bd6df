using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Model;
using Vr.Standaarden.Schema;
using Vr.Standaarden.Schema.Compiled;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Model;

/// <summary>
/// Reading the incident example of spec/1.0 from UTF-8 bytes: the generated reader (which validates while reading)
/// against System.Text.Json's source-generated deserializer without validation (the floor), and against the runtime
/// schema engine followed by that deserializer.
/// </summary>
[MemoryDiagnoser]
public class IncidentModelBenchmarks
{
    private readonly List<SchemaViolation> _violations = [];
    private byte[] _json = [];
    private JsonSchema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Vr.Standaarden.sln")))
        {
            folder = folder.Parent;
        }

        _json = File.ReadAllBytes(Path.Combine(folder!.FullName, "spec", "1.0", "voorbeelden", "geldig", "incident-woningbrand-grip1.json"));
        _schema = StandardSchemas.Get("1.0", "incident");

        // The three ways must agree on the verdict before they are timed.
        if (Generated() is null || _violations.Count != 0 || EngineThenDeserialize() is null || Floor() is null)
        {
            throw new InvalidOperationException("The example is not valid for every reader; the comparison would be meaningless.");
        }
    }

    [Benchmark(Baseline = true, Description = "STJ source-gen, no validation (floor)")]
    public IncidentDto? Floor() => JsonSerializer.Deserialize(_json, IncidentJsonContext.Default.IncidentDto);

    [Benchmark(Description = "Generated reader, validating")]
    public Incident? Generated()
    {
        _violations.Clear();
        return Incident.Read(_json, _violations);
    }

    [Benchmark(Description = "Runtime engine + STJ source-gen")]
    public IncidentDto? EngineThenDeserialize() =>
        _schema.Evaluate(_json, OutputFormat.Flag).IsValid ? JsonSerializer.Deserialize(_json, IncidentJsonContext.Default.IncidentDto) : null;
}
