using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Exchange;

/// <summary>
/// Validating one incident message of the newest 1.x release: the schema engine with the domain rules (the baseline),
/// the generated readers first (<see cref="ValidationOptions.GeneratedReaders"/>) with the same rules, and the generated
/// readers alone, to show what the rules cost. <see cref="Parse"/> is the floor that stays the same between builds: the
/// message parsed and nothing more, so two builds compare by their ratios to it.
/// </summary>
[MemoryDiagnoser]
public class ValidationPathBenchmarks
{
    private readonly MessageValidator _engine = new();
    private readonly MessageValidator _fast = new(new ValidationOptions { GeneratedReaders = true });
    private byte[] _message = [];

    [GlobalSetup]
    public void Setup()
    {
        var message = JsonNode.Parse(Standard.Release(Vr.Standaarden.Model.Messages.Release).Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.Span)!.AsObject();
        message.Remove("expirytime");
        _message = Encoding.UTF8.GetBytes(message.ToJsonString());
        if (!_engine.Validate(_message).IsValid || !_fast.Validate(_message).IsValid)
        {
            throw new InvalidOperationException("The example is not valid.");
        }
    }

    [Benchmark(Baseline = true)]
    public bool EngineAndRules() => _engine.Validate(_message).IsValid;

    [Benchmark]
    public bool GeneratedReadersAndRules() => _fast.Validate(_message).IsValid;

    [Benchmark]
    public bool Parse()
    {
        using var document = JsonDocument.Parse(_message);
        return document.RootElement.ValueKind == JsonValueKind.Object;
    }

    [Benchmark]
    public bool GeneratedReadersOnly() => Vr.Standaarden.Model.Messages.Validate(_message).Count == 0;
}
