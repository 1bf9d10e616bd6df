using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Vr.Standaarden.Schema.Input;
using Vr.Standaarden.Spec;
using Vr.Standaarden.Validatie;

namespace Vr.Standaarden.Benchmarks.Schema;

/// <summary>
/// What refusing a member name given twice costs: <see cref="JsonInput.CheckSyntax"/> (one pass that also compares the
/// names of every object) read as a ratio against a plain <see cref="Utf8JsonReader"/> pass over the same bytes, with a
/// <see cref="JsonDocument"/> parse and the whole <see cref="MessageValidator"/> beside it for scale. The incident message
/// of the newest release, and an object of 5,000 members (where the names move to a hash set).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JsonInputBenchmarks
{
    private static readonly MessageValidator Validator = new();
    private byte[] _incident = [];
    private byte[] _wide = [];

    [GlobalSetup]
    public void Setup()
    {
        _incident = Standard.Newest.Find("voorbeelden/geldig/bericht-incident-envelop.json")!.Utf8.ToArray();
        _wide = Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"lid{i}\":{i}")) + "}");
    }

    private static int ReadToEnd(byte[] json)
    {
        var reader = new Utf8JsonReader(json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("incident")]
    public int IncidentReaderPass() => ReadToEnd(_incident);

    [Benchmark]
    [BenchmarkCategory("incident")]
    public InputProblem? IncidentCheckSyntax() => JsonInput.CheckSyntax(_incident);

    [Benchmark]
    [BenchmarkCategory("incident")]
    public int IncidentJsonDocument()
    {
        using var document = JsonDocument.Parse(_incident);
        return document.RootElement.GetArrayLengthOrZero();
    }

    [Benchmark]
    [BenchmarkCategory("incident")]
    public bool IncidentValidate() => Validator.Validate(_incident).IsValid;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("wide")]
    public int WideReaderPass() => ReadToEnd(_wide);

    [Benchmark]
    [BenchmarkCategory("wide")]
    public InputProblem? WideCheckSyntax() => JsonInput.CheckSyntax(_wide);
}

internal static class JsonElementLength
{
    public static int GetArrayLengthOrZero(this JsonElement element) => element.ValueKind == JsonValueKind.Array ? element.GetArrayLength() : 0;
}
